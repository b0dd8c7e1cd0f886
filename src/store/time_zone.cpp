#include "store/time_zone.hpp"

#include <date/tz.h>

#include <charconv>

namespace mn::store {

namespace {

using date::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

const date::time_zone* find_zone(std::string_view name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

// Reads exactly `digits` digits at `at`.
std::optional<int> number_at(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// "+01:00" / "-05:30" / "Z" -> offset east of UTC.
std::optional<seconds> parse_offset(std::string_view text) {
  if (text == "Z") return seconds{0};
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
    return std::nullopt;
  }
  const auto hours = number_at(text, 1, 2);
  const auto minutes = number_at(text, 4, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const seconds offset{*hours * 3600 + *minutes * 60};
  return text[0] == '-' ? -offset : offset;
}

}  // namespace

bool is_time_zone(std::string_view name) { return find_zone(name) != nullptr; }

std::string format_local(Seconds time, std::string_view zone) {
  const date::zoned_time<seconds> local{find_zone(zone), sys_seconds{seconds{time}}};
  return date::format("%Y-%m-%d %H:%M %Z", local);
}

core::Date local_date(Seconds time, std::string_view zone) {
  const date::zoned_time<seconds> local{find_zone(zone), sys_seconds{seconds{time}}};
  const auto days = std::chrono::floor<date::days>(local.get_local_time());
  return core::Date{std::chrono::days{days.time_since_epoch().count()}};
}

std::optional<Seconds> parse_local(std::string_view text, std::string_view zone) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr || text.size() < 10) return std::nullopt;
  const auto day = core::parse_date(text.substr(0, 10));
  if (!day) return std::nullopt;
  seconds clock{12 * 3600};  // a date alone means midday: clear of DST changes
  std::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    const auto hour = number_at(rest, 1, 2);
    const auto minute = number_at(rest, 4, 2);
    if (!hour || !minute || rest.size() < 6 || rest[3] != ':' || *hour > 23 || *minute > 59) {
      return std::nullopt;
    }
    clock = seconds{*hour * 3600 + *minute * 60};
    rest = rest.substr(6);
    if (rest.size() >= 3 && rest[0] == ':') {
      const auto second = number_at(rest, 1, 2);
      if (!second || *second > 59) return std::nullopt;
      clock += seconds{*second};
      rest = rest.substr(3);
    }
  }
  const auto since_epoch = day->time_since_epoch() + clock;
  if (!rest.empty()) {
    const auto offset = parse_offset(rest);
    if (!offset) return std::nullopt;
    return (since_epoch - *offset).count();
  }
  const local_seconds local{since_epoch};
  const auto info = tz->get_info(local);
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  // unique, or ambiguous (the hour repeated in autumn): the first offset is
  // the earlier moment.
  return (since_epoch - info.first.offset).count();
}

}  // namespace mn::store
