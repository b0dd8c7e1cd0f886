#include "codec/utc_time.hpp"

#include <algorithm>
#include <chrono>

#include "core/date.hpp"

namespace mn::codec {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kMaxOffsetMinutes = std::int64_t{18} * 60;

std::int64_t days_since_epoch(std::chrono::year_month_day day) {
  return std::chrono::sys_days{day}.time_since_epoch().count();
}

// The two digits at `at` as a number, or -1.
int two_digits(std::string_view text, std::size_t at) {
  const char tens = text[at];
  const char ones = text[at + 1];
  if (tens < '0' || tens > '9' || ones < '0' || ones > '9') return -1;
  return (tens - '0') * 10 + (ones - '0');
}

void put_two_digits(std::string& text, std::int64_t value) {
  text += static_cast<char>('0' + value / 10);
  text += static_cast<char>('0' + value % 10);
}

}  // namespace

std::string format_utc(std::int64_t seconds) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  const std::int64_t first = days_since_epoch(year{0} / month{1} / day{1}) * kSecondsPerDay;
  const std::int64_t last =
      days_since_epoch(year{9999} / month{12} / day{31}) * kSecondsPerDay + kSecondsPerDay - 1;
  const std::int64_t clamped = std::clamp(seconds, first, last);
  // Floor division: times before 1970 belong to the day that starts before them.
  std::int64_t days = clamped / kSecondsPerDay;
  std::int64_t in_day = clamped % kSecondsPerDay;
  if (in_day < 0) {
    in_day += kSecondsPerDay;
    days -= 1;
  }
  std::string text =
      core::format_date(core::Date{std::chrono::days{static_cast<std::int32_t>(days)}});
  text += 'T';
  put_two_digits(text, in_day / 3600);
  text += ':';
  put_two_digits(text, in_day / 60 % 60);
  text += ':';
  put_two_digits(text, in_day % 60);
  text += 'Z';
  return text;
}

std::optional<std::int64_t> parse_utc(std::string_view text) {
  constexpr std::size_t kLocalLength = 19;  // YYYY-MM-DDTHH:MM:SS
  if (text.size() != kLocalLength + 1 && text.size() != kLocalLength + 6) return std::nullopt;
  const auto date = core::parse_date(text.substr(0, 10));
  if (!date || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  const int hour = two_digits(text, 11);
  const int minute = two_digits(text, 14);
  const int second = two_digits(text, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  std::int64_t offset_minutes = 0;
  const std::string_view zone = text.substr(kLocalLength);
  if (zone != "Z") {
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
      return std::nullopt;
    }
    const int offset_hours = two_digits(zone, 1);
    const int offset_rest = two_digits(zone, 4);
    if (offset_hours < 0 || offset_rest < 0 || offset_rest > 59) return std::nullopt;
    offset_minutes = offset_hours * 60 + offset_rest;
    if (offset_minutes > kMaxOffsetMinutes) return std::nullopt;
    if (zone[0] == '-') offset_minutes = -offset_minutes;
  }
  const std::int64_t local = date->time_since_epoch().count() * kSecondsPerDay +
                             hour * std::int64_t{3600} + minute * std::int64_t{60} + second;
  return local - offset_minutes * 60;
}

}  // namespace mn::codec
