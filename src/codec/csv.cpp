#include "codec/csv.hpp"

#include <algorithm>

#include "codec/utf8.hpp"

namespace mn::codec {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

Error at_line(const char* code, std::size_t line, std::string message) {
  return Error{code, "line " + std::to_string(line), std::move(message)};
}

// NUL or malformed UTF-8, whichever comes first.
std::optional<Error> encoding_problem(std::string_view text) {
  const auto invalid = invalid_utf8_at(text);
  const auto nul = text.find('\0');
  if (nul != std::string_view::npos && (!invalid || nul < *invalid)) {
    return at_line("malformed_csv", line_of(text, nul), "contains a NUL character");
  }
  if (invalid) {
    return at_line("malformed_csv", line_of(text, *invalid),
                   "is not UTF-8 text (byte " + std::to_string(*invalid + 1) + ")");
  }
  return std::nullopt;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  // Reads one record into `record`; false at the end of the text or on an
  // error (then error_ is set).
  bool next(CsvRecord& record) {
    while (at_ < text_.size()) {
      record.line = line_;
      record.fields.clear();
      const std::size_t start = at_;
      if (!read_record(record.fields)) return false;
      const bool empty_line =
          record.fields.size() == 1 && record.fields.front().empty() && text_[start] != '"';
      if (!empty_line) return true;
    }
    return false;
  }

  std::optional<Error>& error() { return error_; }

 private:
  bool fail(std::string message) {
    error_ = at_line("malformed_csv", line_, std::move(message));
    return false;
  }

  // After a field: a comma (another field follows), a line end or the end.
  // Sets `more` when another field of the same record follows.
  bool end_of_field(bool& more) {
    more = false;
    if (at_ == text_.size()) return true;
    const char c = text_[at_];
    if (c == ',') {
      ++at_;
      more = true;
      return true;
    }
    if (c == '\n') {
      ++at_;
      ++line_;
      return true;
    }
    if (c == '\r') {
      if (at_ + 1 < text_.size() && text_[at_ + 1] == '\n') {
        at_ += 2;
        ++line_;
        return true;
      }
      return fail("a carriage return without a line feed (line ends are CRLF or LF)");
    }
    return fail("a closing quote must be followed by a comma or the end of the line");
  }

  bool quoted_field(std::string& field) {
    const std::size_t opened_on = line_;
    ++at_;  // the opening quote
    while (true) {
      const std::size_t quote = text_.find('"', at_);
      if (quote == std::string_view::npos) {
        line_ = opened_on;
        return fail("a quoted field that starts here is never closed");
      }
      const std::string_view chunk = text_.substr(at_, quote - at_);
      line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      field.append(chunk);
      at_ = quote + 1;
      if (at_ < text_.size() && text_[at_] == '"') {
        field += '"';
        ++at_;
        continue;
      }
      return true;
    }
  }

  bool plain_field(std::string& field) {
    const std::size_t end = std::min(text_.find_first_of(",\r\n", at_), text_.size());
    const std::string_view value = text_.substr(at_, end - at_);
    if (value.find('"') != std::string_view::npos) {
      return fail(
          "a quote inside a field that does not start with one: quote the whole field "
          "and double the quote");
    }
    field.assign(value);
    at_ = end;
    return true;
  }

  bool read_record(std::vector<std::string>& fields) {
    bool more = true;
    while (more) {
      std::string& field = fields.emplace_back();
      const bool read =
          at_ < text_.size() && text_[at_] == '"' ? quoted_field(field) : plain_field(field);
      if (!read || !end_of_field(more)) return false;
    }
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::optional<Error> error_;
};

}  // namespace

CsvScan scan_csv(std::string_view text, std::size_t max_records) {
  CsvScan scan;
  if (auto problem = encoding_problem(text)) {
    scan.error = std::move(problem);
    return scan;
  }
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  Scanner scanner(text);
  CsvRecord record;
  while (scanner.next(record)) {
    if (scan.records.size() == max_records) {
      scan.error = at_line("too_many_rows", record.line,
                           "more than " + std::to_string(max_records) + " records");
      return scan;
    }
    scan.records.push_back(std::move(record));
  }
  scan.error = std::move(scanner.error());
  return scan;
}

std::string csv_field(std::string_view value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.front() == '\t' ||
                                         value.back() == ' ' || value.back() == '\t'));
  if (!quote) return std::string(value);
  std::string field = "\"";
  for (const char c : value) {
    if (c == '"') field += '"';
    field += c;
  }
  field += '"';
  return field;
}

}  // namespace mn::codec
