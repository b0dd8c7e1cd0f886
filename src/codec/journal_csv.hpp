#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal.hpp"
#include "core/result.hpp"

namespace mn::codec {

// The journal as CSV, the file `export` writes and `import` reads back
// (RFC 4180, UTF-8). A header row, then one row per entry, with exactly
// these columns in this order:
//
//   time                      ISO 8601: 2026-11-27T20:15:00Z or with an offset,
//                             2026-11-27T21:15:00+01:00 (required)
//   pain_head ... pain_feet   0..10 for each region, in core::Region order
//   activity_1_name, activity_1_score, ... activity_5_name, activity_5_score
//                             a name (1..80 characters) and its score 0..10,
//                             always together
//   stress, sleep_quality     0..10
//   soreness_hours            hours 0..720, decimals allowed
//   sharp_pain                yes, no or empty
//   new_symptoms, notes       text, at most 2000 characters each
//
// An empty cell means "not recorded".

// The column names, in order.
const std::vector<std::string>& journal_csv_columns();

// Writes the entries in the order given, CRLF line ends, times in UTC.
// Precondition: every entry passes validate_journal_entry (at most five
// activities are written).
std::string journal_to_csv(std::span<const core::JournalEntry> entries);

struct JournalCsvRead {
  std::vector<core::JournalEntry> entries;  // every row, in file order; empty on any error
  // Every problem in the file, in line order, up to 1,000 (then one
  // "too_many_errors" error ends the list). `where` is "line 7, column
  // pain_neck", or "line 7" for a problem of the whole row, or empty for
  // one of the whole file.
  std::vector<Error> errors;

  bool ok() const { return errors.empty(); }
};

// Reads a journal CSV. Every row is checked (validate_journal_entry: times
// not after `now`, ranges, lengths) and times must not repeat within the
// file (the error names both lines). The header must name exactly the
// columns above; a header problem stops reading. Limits: 10 MiB and 100,000
// rows. Never throws; all entries or none.
JournalCsvRead read_journal_csv(std::string_view text, std::int64_t now);

}  // namespace mn::codec
