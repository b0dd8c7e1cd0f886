#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/directory.hpp"

namespace mn::codec {

// A clinic's therapist directory as CSV, the file `therapist import` reads
// (RFC 4180, UTF-8). A header row naming exactly these columns in this
// order, then one row per therapist:
//
//   id                      the directory's code: 1..64 letters, digits, . _ -
//   name, practice          text (practice may be empty)
//   licence                 text, empty when none is on record
//   board_certified         yes or no (also true/false, 1/0; any case)
//   training                names of core::kTrainingNames separated by |,
//                           "prenatal|oncology"; may be empty
//   styles                  therapeutic, relaxation or therapeutic|relaxation
//   accepts_medical_input   yes or no, as board_certified
//   setting                 calm or clinical
//   latitude, longitude     decimal degrees
//   address                 text
//   prices                  minutes=price per session length, shortest first:
//                           "30=45|60=80.50" (price in currency units, at most
//                           two decimals)
//   openings_per_week       whole number 0..50
//   review_count            whole number
//   rating                  decimal 0..5 (0 without reviews)
//
// Text cells are kept as written, except that a leading apostrophe is taken
// off: the writer puts one before a text a spreadsheet would run as a
// formula (see journal_csv_row.hpp), so every text reads back exactly.
// clang-format off
inline constexpr std::array<std::string_view, 16> kDirectoryCsvColumns{
    "id", "name", "practice", "licence", "board_certified", "training", "styles",
    "accepts_medical_input", "setting", "latitude", "longitude", "address", "prices",
    "openings_per_week", "review_count", "rating"};
// clang-format on

struct DirectoryCsvRead {
  std::vector<store::DirectoryEntry> entries;  // only when errors is empty: all rows or none
  std::vector<std::size_t> lines;              // the CSV line of each entry
  // Every bad row, in line order, up to 1,000 (then one "too_many_errors"
  // ends the list). `where` is "line 7, column rating", "line 7" for a
  // problem of the whole row, or empty for one of the whole file. Within a
  // row every cell that cannot be read is reported; a row whose cells all
  // read is then checked with store::check_directory_entry, whose first
  // problem is reported by its column.
  std::vector<Error> errors;

  bool ok() const { return errors.empty(); }
};

// Reads a directory CSV: at most 10,000 rows and 4 MiB. A header problem
// (the first wrong column is named) stops reading. Ids may not repeat within
// the file (the error names both lines). The entries have no store id,
// clinic, account or update time. Never throws.
DirectoryCsvRead read_directory_csv(std::string_view text);

// Writes the entries in the order given, CRLF line ends. Precondition: every
// entry passes store::check_directory_entry; then read_directory_csv gives
// back equal therapists and addresses.
std::string directory_to_csv(const std::vector<store::DirectoryEntry>& entries);

}  // namespace mn::codec
