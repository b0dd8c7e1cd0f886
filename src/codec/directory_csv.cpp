#include "codec/directory_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

#include "codec/csv.hpp"
#include "codec/directory_names.hpp"
#include "codec/journal_csv_row.hpp"

namespace mn::codec {

namespace {

// The cell helpers of the journal CSV: the two files read and write text
// the same way.
using directory_names::style_bit_by_name;
using directory_names::training_bit_by_name;
using journal_csv_detail::CellProblem;
using journal_csv_detail::from_spreadsheet_safe;
using journal_csv_detail::number_text;
using journal_csv_detail::quoted;
using journal_csv_detail::spreadsheet_safe;

// Column positions, as kDirectoryCsvColumns lists them.
constexpr std::size_t kId = 0;
constexpr std::size_t kName = 1;
constexpr std::size_t kPractice = 2;
constexpr std::size_t kLicence = 3;
constexpr std::size_t kBoardCertified = 4;
constexpr std::size_t kTraining = 5;
constexpr std::size_t kStyles = 6;
constexpr std::size_t kAcceptsMedicalInput = 7;
constexpr std::size_t kSetting = 8;
constexpr std::size_t kLatitude = 9;
constexpr std::size_t kLongitude = 10;
constexpr std::size_t kAddress = 11;
constexpr std::size_t kPrices = 12;
constexpr std::size_t kOpeningsPerWeek = 13;
constexpr std::size_t kReviewCount = 14;
constexpr std::size_t kRating = 15;
constexpr std::size_t kColumnCount = kDirectoryCsvColumns.size();

constexpr std::size_t kMaxBytes = std::size_t{4} << 20U;
constexpr std::size_t kMaxRows = 10000;
constexpr std::size_t kMaxErrors = 1000;
constexpr char kSeparator = '|';
constexpr std::uint32_t kCentsPerUnit = 100;
// store::check_directory_entry allows 0..50; a larger number that still
// reads is left to it, so its message is the one shown.
constexpr std::uint64_t kMaxOpeningsRead = std::numeric_limits<std::uint8_t>::max();

std::string column_name(std::size_t column) { return std::string(kDirectoryCsvColumns[column]); }

// ---- Writing -------------------------------------------------------------------

// "prenatal|oncology".
std::string joined(const std::vector<std::string_view>& names) {
  std::string text;
  for (const std::string_view name : names) {
    if (!text.empty()) text += kSeparator;
    text += name;
  }
  return text;
}

// 4500 -> "45", 8050 -> "80.50".
std::string price_text(std::uint32_t cents) {
  std::string text = std::to_string(cents / kCentsPerUnit);
  if (const std::uint32_t rest = cents % kCentsPerUnit; rest != 0) {
    text += rest < 10 ? ".0" : ".";
    text += std::to_string(rest);
  }
  return text;
}

std::string prices_text(const core::Therapist& therapist) {
  std::string text;
  for (std::size_t i = 0; i < therapist.price_count; ++i) {
    if (i > 0) text += kSeparator;
    text +=
        std::to_string(therapist.prices[i].minutes) + "=" + price_text(therapist.prices[i].cents);
  }
  return text;
}

std::vector<std::string> row_of(const store::DirectoryEntry& entry) {
  const core::Therapist& therapist = entry.therapist;
  std::vector<std::string> cells(kColumnCount);
  cells[kId] = therapist.id;
  cells[kName] = spreadsheet_safe(therapist.name);
  cells[kPractice] = spreadsheet_safe(therapist.practice);
  cells[kLicence] = spreadsheet_safe(therapist.licence);
  cells[kBoardCertified] = therapist.board_certified ? "yes" : "no";
  cells[kTraining] = joined(directory_names::training_names(therapist.training));
  cells[kStyles] = joined(directory_names::style_names(therapist.styles));
  cells[kAcceptsMedicalInput] = therapist.accepts_medical_input ? "yes" : "no";
  cells[kSetting] = core::setting_name(therapist.setting);
  cells[kLatitude] = number_text(therapist.location.latitude);
  cells[kLongitude] = number_text(therapist.location.longitude);
  cells[kAddress] = spreadsheet_safe(entry.address);
  cells[kPrices] = prices_text(therapist);
  cells[kOpeningsPerWeek] = std::to_string(therapist.openings_per_week);
  cells[kReviewCount] = std::to_string(therapist.review_count);
  cells[kRating] = number_text(therapist.rating);
  return cells;
}

template <class Cells>
void append_row(std::string& text, const Cells& cells) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) text += ',';
    text += csv_field(cells[c]);
  }
  text += "\r\n";
}

// ---- Reading cells ----------------------------------------------------------------

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t end = text.find(kSeparator);
    parts.push_back(trimmed(text.substr(0, end)));
    if (end == std::string_view::npos) return parts;
    text.remove_prefix(end + 1);
  }
}

std::optional<std::uint64_t> whole_number(std::string_view text) {
  std::uint64_t value = 0;
  const char* const end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc{} || result.ptr != end) return std::nullopt;
  return value;
}

std::optional<double> decimal_number(std::string_view text) {
  double value = 0;
  const char* const end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc{} || result.ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value == 0 ? 0.0 : value;  // no "-0"
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "80.50" -> 8050: digits, then optionally a point and one or two digits.
std::optional<std::uint32_t> cents_of(std::string_view text) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) || fraction.size() > 2 ||
      (point != std::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  const auto units = whole_number(whole);
  constexpr std::uint64_t kMaxUnits = std::numeric_limits<std::uint32_t>::max() / kCentsPerUnit;
  if (!units || *units >= kMaxUnits) return std::nullopt;
  std::uint64_t cents = *units * kCentsPerUnit;
  if (!fraction.empty()) {
    cents += *whole_number(fraction) * (fraction.size() == 1 ? 10 : 1);
  }
  return static_cast<std::uint32_t>(cents);
}

// "60=80.50".
std::optional<core::SessionPrice> session_price(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) return std::nullopt;
  const auto minutes = whole_number(trimmed(text.substr(0, equals)));
  const auto cents = cents_of(trimmed(text.substr(equals + 1)));
  if (!minutes || *minutes > std::numeric_limits<std::uint16_t>::max() || !cents) {
    return std::nullopt;
  }
  return core::SessionPrice{static_cast<std::uint16_t>(*minutes), *cents};
}

struct DirectoryRow {
  store::DirectoryEntry entry;
  std::vector<CellProblem> problems;
};

// Reads the cells of one row (exactly kColumnCount of them) into an entry:
// syntax only; store::check_directory_entry checks the values.
class RowReader {
 public:
  explicit RowReader(const std::vector<std::string>& cells) : cells_(cells) {}

  DirectoryRow read() {
    DirectoryRow row;
    store::DirectoryEntry& entry = row.entry;
    core::Therapist& therapist = entry.therapist;
    therapist.id = cells_[kId];
    therapist.name = from_spreadsheet_safe(cells_[kName]);
    therapist.practice = from_spreadsheet_safe(cells_[kPractice]);
    therapist.licence = from_spreadsheet_safe(cells_[kLicence]);
    therapist.board_certified = boolean(kBoardCertified);
    therapist.training = mask(kTraining, training_bit_by_name,
                              "a training (" + directory_names::known_trainings() + ")");
    therapist.styles = mask(kStyles, style_bit_by_name, "a style (therapeutic, relaxation)");
    if (therapist.styles == 0 && trimmed(cells_[kStyles]).empty()) {
      add(kStyles, "is required: therapeutic, relaxation or therapeutic|relaxation");
    }
    therapist.accepts_medical_input = boolean(kAcceptsMedicalInput);
    setting(therapist);
    therapist.location.latitude = decimal(kLatitude);
    therapist.location.longitude = decimal(kLongitude);
    entry.address = from_spreadsheet_safe(cells_[kAddress]);
    prices(therapist);
    therapist.openings_per_week =
        static_cast<std::uint8_t>(whole(kOpeningsPerWeek, kMaxOpeningsRead, "0..50"));
    therapist.review_count = static_cast<std::uint32_t>(
        whole(kReviewCount, std::numeric_limits<std::uint32_t>::max(), "of reviews"));
    therapist.rating = decimal(kRating);
    row.problems = std::move(problems_);
    return row;
  }

 private:
  void add(std::size_t column, std::string message) {
    problems_.push_back({column, Error{"invalid", "", std::move(message)}});
  }

  std::string_view cell(std::size_t column) const { return trimmed(cells_[column]); }

  bool boolean(std::size_t column) {
    std::string text(cell(column));
    std::transform(text.begin(), text.end(), text.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (text == "yes" || text == "true" || text == "1") return true;
    if (text == "no" || text == "false" || text == "0") return false;
    add(column, "must be yes or no, not " + quoted(cell(column)));
    return false;
  }

  // The names in the cell, separated by '|', as a bit set; empty for none.
  template <class Lookup>
  std::uint8_t mask(std::size_t column, Lookup lookup, const std::string& what) {
    if (cell(column).empty()) return 0;
    std::uint8_t bits = 0;
    for (const std::string_view name : split(cell(column))) {
      const std::optional<std::uint8_t> bit = lookup(name);
      if (!bit) {
        add(column, quoted(name) + " is not " + what + "; separate names with |");
        return 0;
      }
      if ((bits & *bit) != 0) {
        add(column, "names " + quoted(name) + " twice");
        return 0;
      }
      bits = static_cast<std::uint8_t>(bits | *bit);
    }
    return bits;
  }

  void setting(core::Therapist& therapist) {
    const auto setting = core::setting_by_name(cell(kSetting));
    if (setting) {
      therapist.setting = *setting;
    } else {
      add(kSetting, "must be calm or clinical, not " + quoted(cell(kSetting)));
    }
  }

  double decimal(std::size_t column) {
    const auto value = decimal_number(cell(column));
    if (!value) add(column, "must be a decimal number, not " + quoted(cell(column)));
    return value.value_or(0);
  }

  std::uint64_t whole(std::size_t column, std::uint64_t max, std::string_view range) {
    const auto value = whole_number(cell(column));
    if (!value || *value > max) {
      add(column, "must be a whole number " + std::string(range) + ", not " + quoted(cell(column)));
      return 0;
    }
    return *value;
  }

  void prices(core::Therapist& therapist) {
    if (cell(kPrices).empty()) {
      add(kPrices, "is required: minutes=price per session length, such as 30=45|60=80.50");
      return;
    }
    const std::vector<std::string_view> parts = split(cell(kPrices));
    if (parts.size() > core::kMaxSessionPrices) {
      add(kPrices, "lists " + std::to_string(parts.size()) + " session lengths; at most " +
                       std::to_string(core::kMaxSessionPrices));
      return;
    }
    for (const std::string_view part : parts) {
      const auto price = session_price(part);
      if (!price) {
        add(kPrices,
            "each price must be minutes=price with at most two decimals, such as 60=80.50, "
            "not " +
                quoted(part));
        therapist.price_count = 0;
        return;
      }
      therapist.prices[therapist.price_count++] = *price;
    }
  }

  const std::vector<std::string>& cells_;
  std::vector<CellProblem> problems_;
};

// The column a check_directory_entry problem names ("line 7.rating"), or
// kColumnCount.
std::size_t column_of_field(std::string_view where, std::string_view prefix) {
  if (!where.starts_with(prefix)) return kColumnCount;
  where.remove_prefix(prefix.size());
  const auto* const found =
      std::find(kDirectoryCsvColumns.begin(), kDirectoryCsvColumns.end(), where);
  return static_cast<std::size_t>(found - kDirectoryCsvColumns.begin());
}

// ---- Reading the file ------------------------------------------------------------

class DirectoryReader {
 public:
  DirectoryCsvRead read(std::string_view text) {
    if (text.size() > kMaxBytes) {
      add(Error{"too_large", "", "the file is larger than 4 MiB"});
      return finish();
    }
    CsvScan scan = scan_csv(text, kMaxRows + 1);
    if (scan.error && scan.error->code == "too_many_rows") {
      scan.error->message = "more than " + std::to_string(kMaxRows) + " rows";
      add(std::move(*scan.error));
      return finish();
    }
    if (scan.records.empty()) {
      add(scan.error
              ? std::move(*scan.error)
              : Error{"bad_header", "line 1", "the file is empty: the header row is required"});
      return finish();
    }
    // A header problem stops reading: the rows cannot be interpreted.
    if (!header_ok(scan.records.front())) return finish();
    for (std::size_t r = 1; r < scan.records.size() && !full_; ++r) row(scan.records[r]);
    if (scan.error) add(std::move(*scan.error));
    return finish();
  }

 private:
  DirectoryCsvRead finish() {
    DirectoryCsvRead result;
    if (errors_.empty()) {
      result.entries = std::move(entries_);
      result.lines = std::move(lines_);
    } else {
      result.errors = std::move(errors_);
    }
    return result;
  }

  void add(Error error) {
    if (full_) return;
    if (errors_.size() == kMaxErrors) {
      full_ = true;
      errors_.push_back(Error{"too_many_errors", error.where,
                              "more than " + std::to_string(kMaxErrors) +
                                  " problems; the rest of the file was not checked"});
      return;
    }
    errors_.push_back(std::move(error));
  }

  static std::string where(std::size_t line, std::string_view column) {
    return "line " + std::to_string(line) + ", column " + std::string(column);
  }

  bool header_ok(const CsvRecord& header) {
    const auto& names = header.fields;
    for (std::size_t c = 0; c < std::min(names.size(), kColumnCount); ++c) {
      if (names[c] != kDirectoryCsvColumns[c]) {
        add(Error{"bad_header", where(header.line, kDirectoryCsvColumns[c]),
                  "expected the column " + column_name(c) + " here, found " + quoted(names[c])});
        return false;
      }
    }
    if (names.size() < kColumnCount) {
      add(Error{"bad_header", where(header.line, kDirectoryCsvColumns[names.size()]),
                "is missing: the header has " + std::to_string(names.size()) + " of the " +
                    std::to_string(kColumnCount) + " columns"});
    } else if (names.size() > kColumnCount) {
      const std::string& extra = names[kColumnCount];
      add(Error{"bad_header",
                where(header.line, extra.empty() ? std::to_string(kColumnCount + 1) : extra),
                "is not a column of the directory (" + std::to_string(kColumnCount) +
                    " columns, the last is " + column_name(kColumnCount - 1) + ")"});
    }
    return names.size() == kColumnCount;
  }

  void row(const CsvRecord& record) {
    const std::size_t line = record.line;
    const std::string line_text = "line " + std::to_string(line);
    if (record.fields.size() != kColumnCount) {
      add(Error{"wrong_column_count", line_text,
                "has " + std::to_string(record.fields.size()) + " columns, the header has " +
                    std::to_string(kColumnCount)});
      return;
    }
    DirectoryRow read = RowReader(record.fields).read();
    std::vector<CellProblem>& problems = read.problems;
    // The values are checked once every cell reads: a cell that did not
    // would only be reported a second time.
    if (problems.empty()) {
      if (auto problem = store::check_directory_entry(read.entry, line_text)) {
        problems.push_back({column_of_field(problem->where, line_text + "."),
                            Error{problem->code, "", std::move(problem->message)}});
      }
    }
    if (const std::string& id = read.entry.therapist.id; !id.empty()) {
      const auto [earlier, inserted] = first_line_of_id_.try_emplace(id, line);
      if (!inserted) {
        problems.push_back({kId, Error{"duplicate", "",
                                       "the same id as line " + std::to_string(earlier->second) +
                                           " (" + quoted(id) + ")"}});
      }
    }
    std::stable_sort(
        problems.begin(), problems.end(),
        [](const CellProblem& a, const CellProblem& b) { return a.column < b.column; });
    for (CellProblem& problem : problems) {
      problem.error.where = problem.column < kColumnCount
                                ? where(line, kDirectoryCsvColumns[problem.column])
                                : line_text;
      add(std::move(problem.error));
    }
    if (problems.empty()) {
      entries_.push_back(std::move(read.entry));
      lines_.push_back(line);
    }
  }

  std::vector<store::DirectoryEntry> entries_;
  std::vector<std::size_t> lines_;
  std::vector<Error> errors_;
  std::unordered_map<std::string, std::size_t> first_line_of_id_;
  bool full_ = false;
};

}  // namespace

DirectoryCsvRead read_directory_csv(std::string_view text) { return DirectoryReader().read(text); }

std::string directory_to_csv(const std::vector<store::DirectoryEntry>& entries) {
  std::string text;
  append_row(text, kDirectoryCsvColumns);
  for (const store::DirectoryEntry& entry : entries) append_row(text, row_of(entry));
  return text;
}

}  // namespace mn::codec
