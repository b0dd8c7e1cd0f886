#pragma once

// Internal to src/codec: how journal_csv.cpp reads the cells of one row.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal.hpp"
#include "core/result.hpp"

namespace mn::codec::journal_csv_detail {

// Column positions (journal_csv.hpp lists the columns).
inline constexpr std::size_t kTime = 0;
inline constexpr std::size_t kFirstPain = 1;
inline constexpr std::size_t kFirstActivity = kFirstPain + core::kRegionCount;
inline constexpr std::size_t kStress = kFirstActivity + 2 * core::kMaxActivities;
inline constexpr std::size_t kSleepQuality = kStress + 1;
inline constexpr std::size_t kSorenessHours = kStress + 2;
inline constexpr std::size_t kSharpPain = kStress + 3;
inline constexpr std::size_t kNewSymptoms = kStress + 4;
inline constexpr std::size_t kNotes = kStress + 5;
inline constexpr std::size_t kColumnCount = kNotes + 1;

constexpr std::size_t name_column(std::size_t slot) { return kFirstActivity + 2 * slot; }
constexpr std::size_t score_column(std::size_t slot) { return name_column(slot) + 1; }

// The shortest text that reads back as `value`.
std::string number_text(double value);

// Text cells as written and read: a spreadsheet would run a cell starting
// with = + - @ (or a tab or carriage return) as a formula ("CSV injection"),
// so such a cell, and one starting with an apostrophe, is written with an
// apostrophe in front, which spreadsheets show as text and the reader takes
// off again: every text reads back exactly.
std::string spreadsheet_safe(const std::string& text);
std::string from_spreadsheet_safe(const std::string& cell);

// 'text' for a message, cut after its first 40 characters.
std::string quoted(std::string_view text);

// A problem in one cell; its `where` is filled in by the caller.
struct CellProblem {
  std::size_t column = 0;
  Error error;
};

struct JournalRow {
  core::JournalEntry entry;
  bool time_read = false;          // the time cell held a time
  std::vector<std::size_t> slots;  // the activity slot (0-based) of each activity
  std::vector<CellProblem> problems;
};

// Reads the cells of one row (exactly kColumnCount of them) into an entry:
// syntax only (whole numbers, decimals, times, yes/no, activity pairs);
// ranges are validate_journal_entry's.
JournalRow read_journal_row(const std::vector<std::string>& cells,
                            const std::vector<std::string>& columns);

// The column of a validate_journal_entry field path ("pain.neck",
// "activities[1].score") in a row read with `slots`, or kColumnCount.
std::size_t column_of_field(const std::string& field, const std::vector<std::size_t>& slots,
                            const std::vector<std::string>& columns);

}  // namespace mn::codec::journal_csv_detail
