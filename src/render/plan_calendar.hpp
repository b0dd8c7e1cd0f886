#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/plan.hpp"

namespace mn::render {

// The plan's dated sessions and its review as an iCalendar file (RFC 5545,
// written with libical): one all-day event per session ("Massage session:
// therapeutic, 60 minutes"), marked free so it blocks no time, with a
// reminder at 18:00 the evening before, and one event for the review. A
// plan on hold has no dates, so its calendar has no events.
//
// `uid_prefix` makes the events' UIDs ("{prefix}-session-3@massage-navigator"):
// stable for a person, so importing a newer calendar updates the events
// rather than adding copies. `stamp` (UTC seconds) is the DTSTAMP. The text
// names the style and length only: calendars are often synced to other
// services, so the person's conditions stay out of them.
std::string plan_calendar(const core::Plan& plan, std::string_view uid_prefix, std::int64_t stamp);

}  // namespace mn::render
