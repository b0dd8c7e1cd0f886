#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "store/records.hpp"

namespace mn::store {

// Conversions between stored UTC seconds and a person's local time, by IANA
// time-zone name from the system's tzdata. Thread-safe.

bool is_time_zone(std::string_view name);

// "2026-11-27 21:15 CET". Precondition: is_time_zone(zone).
std::string format_local(Seconds time, std::string_view zone);

// The person's calendar day at that moment. Precondition: is_time_zone(zone).
core::Date local_date(Seconds time, std::string_view zone);

// Reads a time a person typed: "2026-11-27T21:15", "2026-11-27 21:15" or
// "2026-11-27" (midday) in their zone, or with an explicit "Z" or "+01:00".
// nullopt when the text is not such a time, names a day or hour that does
// not exist, or a local time skipped by a daylight-saving change; a local
// time that happens twice resolves to the earlier one.
std::optional<Seconds> parse_local(std::string_view text, std::string_view zone);

}  // namespace mn::store
