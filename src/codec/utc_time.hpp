#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mn::codec {

// Moments in stored records and exports: UTC seconds since 1970-01-01,
// written as ISO 8601 with a "Z" (RFC 3339 without fractions).

// "2026-11-27T20:15:00Z". Defined for years 0000..9999 (what parse_utc
// reads back); a time outside that range is written as its nearest end.
std::string format_utc(std::int64_t seconds);

// Reads "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS+HH:MM" / "-HH:MM"
// (the offset of the local time from UTC, at most 18:00) and returns UTC
// seconds. Strict: upper-case T and Z, two-digit fields, no fractions, no
// surrounding spaces; nullopt for a day or time that does not exist
// (2026-02-30, 24:00:00, a leap second 23:59:60).
std::optional<std::int64_t> parse_utc(std::string_view text);

}  // namespace mn::codec
