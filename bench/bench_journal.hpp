#pragma once

// A journal entry shared by the benchmarks of progress (assess_bench.cpp)
// and of the store (store_bench.cpp), so both measure the same data.

#include <cstddef>
#include <cstdint>

#include "core/journal.hpp"

namespace mn::bench {

// One day's entry as a person with neck and lower-back pain keeps it: two
// pain regions, three PSFS activities, stress, sleep and soreness, slowly
// improving over `days` with a weekly wobble.
inline mn::core::JournalEntry daily_entry(std::int64_t time, int day, int days) {
  mn::core::JournalEntry entry;
  entry.time = time;
  const int wobble = day % 7 == 0 ? 1 : 0;
  entry.pain[static_cast<std::size_t>(mn::core::Region::neck)] = 7 - day * 4 / days + wobble;
  entry.pain[static_cast<std::size_t>(mn::core::Region::lower_back)] = 5 - day * 3 / days;
  entry.activities = {{"lifting", 3 + day * 5 / days},
                      {"driving", 4 + day * 4 / days},
                      {"sleeping on the side", 5 + wobble}};
  entry.stress = 6 - wobble;
  entry.sleep_quality = 5 + day * 2 / days;
  entry.soreness_hours = 20.0 + wobble * 4;
  entry.sharp_pain = false;
  return entry;
}

}  // namespace mn::bench
