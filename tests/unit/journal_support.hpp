#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/journal.hpp"
#include "core/knowledge_base.hpp"

namespace mn::testing {

// Journals for progress and adaptation tests: day 0 is 2026-10-01 (UTC) and
// entries are written at 09:00 unless a test says otherwise.
inline constexpr core::Date kDay0{std::chrono::year{2026} / 10 / 1};
inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 86400;

inline std::int64_t at(int day, int hour = 9) {
  return std::chrono::sys_seconds{kDay0}.time_since_epoch().count() + day * kDay + hour * kHour;
}

inline core::Date date_of(int day) { return kDay0 + std::chrono::days{day}; }

inline core::JournalEntry pain_entry(int day, core::Region region, int pain, int hour = 9) {
  core::JournalEntry entry;
  entry.time = at(day, hour);
  entry.pain[static_cast<std::size_t>(region)] = pain;
  return entry;
}

// One entry a day from `first_day`, one value per day from `values`.
inline void add_days(std::vector<core::JournalEntry>& journal, int first_day, core::Region region,
                     std::initializer_list<int> values) {
  int day = first_day;
  for (int value : values) journal.push_back(pain_entry(day++, region, value));
}

// `count` days from `first_day`, all with the same pain.
inline void add_days(std::vector<core::JournalEntry>& journal, int first_day, int count,
                     core::Region region, int pain) {
  for (int day = first_day; day < first_day + count; ++day) {
    journal.push_back(pain_entry(day, region, pain));
  }
}

inline core::Index threshold_index(const core::KnowledgeBase& knowledge, const std::string& id) {
  const auto& thresholds = knowledge.progress.thresholds;
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    if (thresholds[t].id == id) return static_cast<core::Index>(t);
  }
  return static_cast<core::Index>(thresholds.size());
}

// Every field of two entries equal (activities in order).
inline void expect_same_entry(const core::JournalEntry& a, const core::JournalEntry& b) {
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.pain, b.pain);
  ASSERT_EQ(a.activities.size(), b.activities.size());
  for (std::size_t i = 0; i < a.activities.size(); ++i) {
    EXPECT_EQ(a.activities[i].name, b.activities[i].name);
    EXPECT_EQ(a.activities[i].score, b.activities[i].score);
  }
  EXPECT_EQ(a.stress, b.stress);
  EXPECT_EQ(a.sleep_quality, b.sleep_quality);
  EXPECT_EQ(a.soreness_hours, b.soreness_hours);
  EXPECT_EQ(a.sharp_pain, b.sharp_pain);
  EXPECT_EQ(a.new_symptoms, b.new_symptoms);
  EXPECT_EQ(a.notes, b.notes);
}

}  // namespace mn::testing
