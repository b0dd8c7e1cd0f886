#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mn::codec {

// RFC 4180 comma-separated values: fields separated by commas, records by
// CRLF or LF; a field holding a comma, quote or line break is quoted, its
// quotes doubled.

struct CsvRecord {
  std::size_t line = 0;  // the line it starts on, from 1
  std::vector<std::string> fields;
};

struct CsvScan {
  std::vector<CsvRecord> records;  // those before `error`, if any
  // The first problem that stops reading (where = "line N"): NUL, malformed
  // UTF-8, an unclosed quoted field, a quote inside an unquoted field,
  // text after a closing quote, a carriage return without a line feed, or
  // more than `max_records` records. Codes: malformed_csv, too_many_rows.
  std::optional<Error> error;
};

// Splits `text` into records. A leading UTF-8 byte order mark is skipped, and
// so are empty lines; a final line break is optional. Quoted fields keep
// their line breaks as written. Never throws for any input.
CsvScan scan_csv(std::string_view text, std::size_t max_records);

// One field as written: quoted (quotes doubled) when it holds a comma, a
// quote, a line break, or starts or ends with a space or tab.
std::string csv_field(std::string_view value);

}  // namespace mn::codec
