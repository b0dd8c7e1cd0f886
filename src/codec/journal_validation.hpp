#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/journal.hpp"
#include "core/result.hpp"

namespace mn::codec {

// The ranges a journal entry must respect before the store keeps it,
// whatever its source (CLI, CSV import, later the web form).
inline constexpr int kMaxRating = 10;                // pain, activities, stress, sleep: 0..10
inline constexpr double kMaxSorenessHours = 720;     // 30 days
inline constexpr std::size_t kMaxActivityName = 80;  // characters
inline constexpr std::size_t kMaxEntryText = 2000;   // new_symptoms, notes: characters

// Every problem of one entry (empty = valid), each with code "invalid" and
// `where` = where_prefix + "." + the field ("entries[2].pain.neck",
// "entries[2].activities[0].name"); an empty prefix gives "pain.neck".
// Checks: time from 1970-01-01T00:00:00Z and not after `now`; pain per
// region, activity scores, stress and sleep quality whole numbers 0..10; at
// most 5 activities, each named with 1..80 characters of one line;
// soreness_hours 0..720; new_symptoms and notes at most 2000 characters;
// all text well-formed UTF-8 without NUL. Messages quote the value:
// "must be a whole number 0..10, not '12'".
std::vector<Error> validate_journal_entry(const core::JournalEntry& entry, std::int64_t now,
                                          const std::string& where_prefix);

}  // namespace mn::codec
