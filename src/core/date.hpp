#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mn::core {

// Calendar days; the core never reads a clock, "today" is always passed in.
using Date = std::chrono::sys_days;

// Parses a strict ISO 8601 calendar date (YYYY-MM-DD); nullopt when the text
// is not one or names a day that does not exist (2026-02-30).
std::optional<Date> parse_date(std::string_view text);

// Formats as YYYY-MM-DD.
std::string format_date(Date date);

}  // namespace mn::core
