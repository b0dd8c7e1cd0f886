#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/intake.hpp"
#include "core/style.hpp"

namespace mn::core {

inline constexpr std::size_t kRegionCount = static_cast<std::size_t>(Region::count);
inline constexpr std::size_t kMaxActivities = 5;

// One activity of the Patient-Specific Functional Scale: chosen by the
// person, rated 0 (unable) to 10 (as before the problem).
struct ActivityRating {
  std::string name;
  int score = 0;
};

// What a person wrote in their journal at one moment. Several entries a day
// are allowed. Every rating is optional: an entry may record only some of
// them. Plain data: callers (store, import) validate ranges before building
// one; the core only reads it.
struct JournalEntry {
  std::int64_t time = 0;                              // UTC, seconds since 1970-01-01
  std::array<std::optional<int>, kRegionCount> pain;  // NPRS 0..10 by Region
  std::vector<ActivityRating> activities;             // PSFS, at most kMaxActivities
  std::optional<int> stress;                          // 0..10, 10 = worst
  std::optional<int> sleep_quality;                   // 0..10, 10 = best
  std::optional<double> soreness_hours;               // after the last session
  std::optional<bool> sharp_pain;
  std::string new_symptoms;  // empty = none reported
  std::string notes;
};

// A session that took place.
struct CompletedSession {
  std::int64_t time = 0;  // UTC, seconds since 1970-01-01
  Style style = Style::therapeutic;
  std::uint16_t minutes = 60;
  std::uint8_t pressure = 3;  // Walton level 1..5 that was used
};

}  // namespace mn::core
