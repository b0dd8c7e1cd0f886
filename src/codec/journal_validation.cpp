#include "codec/journal_validation.hpp"

#include <charconv>
#include <cmath>

#include "codec/utc_time.hpp"
#include "codec/utf8.hpp"
#include "core/intake.hpp"

namespace mn::codec {

namespace {

// The shortest text that reads back as `value`.
std::string number_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

class EntryChecker {
 public:
  EntryChecker(const std::string& prefix, std::vector<Error>& errors)
      : prefix_(prefix), errors_(errors) {}

  void add(const std::string& field, std::string message) {
    errors_.push_back(
        Error{"invalid", prefix_.empty() ? field : prefix_ + "." + field, std::move(message)});
  }

  void rating(const std::string& field, const std::optional<int>& value) {
    if (value) rating(field, *value);
  }
  void rating(const std::string& field, int value) {
    if (value < 0 || value > kMaxRating) {
      add(field, "must be a whole number 0.." + std::to_string(kMaxRating) + ", not '" +
                     std::to_string(value) + "'");
    }
  }

  // Well-formed UTF-8 without NUL, at most `limit` characters; `one_line`
  // also rejects every control character.
  bool text(const std::string& field, const std::string& value, std::size_t limit, bool one_line) {
    if (invalid_utf8_at(value)) {
      add(field, "must be UTF-8 text");
      return false;
    }
    for (const char c : value) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '\0' || (one_line && (byte < 0x20 || byte == 0x7F))) {
        add(field, one_line ? "must be one line without control characters"
                            : "must not contain NUL characters");
        return false;
      }
    }
    const std::size_t characters = count_characters(value);
    if (characters > limit) {
      add(field, "must be at most " + std::to_string(limit) + " characters, not " +
                     std::to_string(characters));
      return false;
    }
    return true;
  }

 private:
  const std::string& prefix_;
  std::vector<Error>& errors_;
};

void check_time(EntryChecker& check, std::int64_t time, std::int64_t now) {
  if (time < 0) {
    check.add("time", "must not be before 1970-01-01T00:00:00Z, not " + format_utc(time));
  } else if (time > now) {
    check.add("time", "must not be in the future: " + format_utc(time) + " is after now (" +
                          format_utc(now) + ")");
  }
}

void check_activities(EntryChecker& check, const std::vector<core::ActivityRating>& activities) {
  if (activities.size() > core::kMaxActivities) {
    check.add("activities", "at most " + std::to_string(core::kMaxActivities) +
                                " activities, not " + std::to_string(activities.size()));
  }
  for (std::size_t a = 0; a < activities.size(); ++a) {
    const std::string path = "activities[" + std::to_string(a) + "]";
    const core::ActivityRating& activity = activities[a];
    if (activity.name.find_first_not_of(" \t") == std::string::npos) {
      check.add(path + ".name", "must not be empty");
    } else {
      check.text(path + ".name", activity.name, kMaxActivityName, /*one_line=*/true);
    }
    check.rating(path + ".score", activity.score);
  }
}

}  // namespace

std::vector<Error> validate_journal_entry(const core::JournalEntry& entry, std::int64_t now,
                                          const std::string& where_prefix) {
  std::vector<Error> errors;
  EntryChecker check(where_prefix, errors);
  check_time(check, entry.time, now);
  const auto& regions = core::choice_names(core::Choices::region);
  for (std::size_t r = 0; r < entry.pain.size(); ++r) {
    check.rating("pain." + std::string(regions.at(r)), entry.pain[r]);
  }
  check_activities(check, entry.activities);
  check.rating("stress", entry.stress);
  check.rating("sleep_quality", entry.sleep_quality);
  if (entry.soreness_hours) {
    const double hours = *entry.soreness_hours;
    if (!std::isfinite(hours) || hours < 0 || hours > kMaxSorenessHours) {
      check.add("soreness_hours", "must be a number of hours 0.." + number_text(kMaxSorenessHours) +
                                      ", not '" + number_text(hours) + "'");
    }
  }
  check.text("new_symptoms", entry.new_symptoms, kMaxEntryText, /*one_line=*/false);
  check.text("notes", entry.notes, kMaxEntryText, /*one_line=*/false);
  return errors;
}

}  // namespace mn::codec
