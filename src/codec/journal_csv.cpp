#include "codec/journal_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "codec/csv.hpp"
#include "codec/journal_validation.hpp"
#include "codec/utc_time.hpp"
#include "codec/utf8.hpp"
#include "core/intake.hpp"

namespace mn::codec {

namespace {

constexpr std::size_t kMaxBytes = std::size_t{10} << 20U;
constexpr std::size_t kMaxRows = 100000;
constexpr std::size_t kMaxErrors = 1000;
constexpr std::size_t kQuotedLength = 40;  // characters of a cell quoted in a message

// Column positions.
constexpr std::size_t kTime = 0;
constexpr std::size_t kFirstPain = 1;
constexpr std::size_t kFirstActivity = kFirstPain + core::kRegionCount;
constexpr std::size_t kStress = kFirstActivity + 2 * core::kMaxActivities;
constexpr std::size_t kSleepQuality = kStress + 1;
constexpr std::size_t kSorenessHours = kStress + 2;
constexpr std::size_t kSharpPain = kStress + 3;
constexpr std::size_t kNewSymptoms = kStress + 4;
constexpr std::size_t kNotes = kStress + 5;
constexpr std::size_t kColumnCount = kNotes + 1;

constexpr std::size_t name_column(std::size_t slot) { return kFirstActivity + 2 * slot; }
constexpr std::size_t score_column(std::size_t slot) { return name_column(slot) + 1; }

// ---- Writing -------------------------------------------------------------------

std::string number_text(double value) {
  char buffer[64];
  return {buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr};
}

std::string rating_text(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::vector<std::string> row_of(const core::JournalEntry& entry) {
  std::vector<std::string> cells(kColumnCount);
  cells[kTime] = format_utc(entry.time);
  for (std::size_t r = 0; r < core::kRegionCount; ++r) {
    cells[kFirstPain + r] = rating_text(entry.pain[r]);
  }
  const std::size_t activities = std::min(entry.activities.size(), core::kMaxActivities);
  for (std::size_t a = 0; a < activities; ++a) {
    cells[name_column(a)] = entry.activities[a].name;
    cells[score_column(a)] = std::to_string(entry.activities[a].score);
  }
  cells[kStress] = rating_text(entry.stress);
  cells[kSleepQuality] = rating_text(entry.sleep_quality);
  if (entry.soreness_hours) cells[kSorenessHours] = number_text(*entry.soreness_hours);
  if (entry.sharp_pain) cells[kSharpPain] = *entry.sharp_pain ? "yes" : "no";
  cells[kNewSymptoms] = entry.new_symptoms;
  cells[kNotes] = entry.notes;
  return cells;
}

void append_row(std::string& text, const std::vector<std::string>& cells) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) text += ',';
    text += csv_field(cells[c]);
  }
  text += "\r\n";
}

// ---- Reading cells -------------------------------------------------------------

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// 'text' for a message, shortened to its first characters.
std::string quoted(std::string_view text) {
  std::size_t end = 0;
  std::size_t characters = 0;
  while (end < text.size() && characters < kQuotedLength) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) ++end;
    ++characters;
  }
  return "'" + std::string(text.substr(0, end)) + (end < text.size() ? "...'" : "'");
}

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
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

// A problem in one cell of a row, before it gets its line.
struct CellProblem {
  std::size_t column = 0;
  Error error;  // where is filled in later
};

class RowReader {
 public:
  RowReader(const std::vector<std::string>& cells, const std::vector<std::string>& columns)
      : cells_(cells), columns_(columns) {}

  void read(core::JournalEntry& entry) {
    read_time(entry);
    for (std::size_t r = 0; r < core::kRegionCount; ++r) {
      entry.pain[r] = rating(kFirstPain + r);
    }
    for (std::size_t slot = 0; slot < core::kMaxActivities; ++slot) read_activity(slot, entry);
    entry.stress = rating(kStress);
    entry.sleep_quality = rating(kSleepQuality);
    read_soreness(entry);
    read_sharp_pain(entry);
    entry.new_symptoms = cells_[kNewSymptoms];
    entry.notes = cells_[kNotes];
  }

  bool time_read() const { return time_read_; }
  // The activity slot (0-based) of each of the entry's activities.
  const std::vector<std::size_t>& slots() const { return slots_; }
  std::vector<CellProblem>& problems() { return problems_; }

 private:
  void add(std::size_t column, std::string message) {
    problems_.push_back({column, Error{"invalid", "", std::move(message)}});
  }

  void read_time(core::JournalEntry& entry) {
    const std::string_view cell = trimmed(cells_[kTime]);
    if (cell.empty()) {
      add(kTime, "is required: a time such as 2026-11-27T20:15:00Z");
      return;
    }
    const auto time = parse_utc(cell);
    if (!time) {
      add(kTime, "must be a time such as 2026-11-27T20:15:00Z or 2026-11-27T21:15:00+01:00, not " +
                     quoted(cell));
      return;
    }
    entry.time = *time;
    time_read_ = true;
  }

  std::optional<int> rating(std::size_t column) {
    const std::string_view cell = trimmed(cells_[column]);
    if (cell.empty()) return std::nullopt;
    const auto value = whole_number(cell);
    if (!value) {
      add(column,
          "must be a whole number 0.." + std::to_string(kMaxRating) + ", not " + quoted(cell));
    }
    return value;
  }

  void read_activity(std::size_t slot, core::JournalEntry& entry) {
    const std::string& name = cells_[name_column(slot)];
    const bool has_score = !trimmed(cells_[score_column(slot)]).empty();
    if (name.empty() && !has_score) return;
    if (name.empty()) {
      add(name_column(slot), "is required when " + columns_[score_column(slot)] + " is given");
      return;
    }
    if (!has_score) {
      add(score_column(slot), "is required when " + columns_[name_column(slot)] + " is given");
      return;
    }
    const auto score = rating(score_column(slot));
    if (!score) return;
    entry.activities.push_back({name, *score});
    slots_.push_back(slot);
  }

  void read_soreness(core::JournalEntry& entry) {
    const std::string_view cell = trimmed(cells_[kSorenessHours]);
    if (cell.empty()) return;
    entry.soreness_hours = decimal_number(cell);
    if (!entry.soreness_hours) {
      add(kSorenessHours, "must be a number of hours 0.." + number_text(kMaxSorenessHours) +
                              ", not " + quoted(cell));
    }
  }

  void read_sharp_pain(core::JournalEntry& entry) {
    std::string cell(trimmed(cells_[kSharpPain]));
    std::transform(cell.begin(), cell.end(), cell.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (cell.empty()) return;
    if (cell == "yes" || cell == "no") {
      entry.sharp_pain = cell == "yes";
      return;
    }
    add(kSharpPain, "must be yes, no or empty, not " + quoted(trimmed(cells_[kSharpPain])));
  }

  const std::vector<std::string>& cells_;
  const std::vector<std::string>& columns_;
  bool time_read_ = false;
  std::vector<std::size_t> slots_;
  std::vector<CellProblem> problems_;
};

// The column of a field path of validate_journal_entry ("pain.neck",
// "activities[1].score"), or kColumnCount.
std::size_t column_of_field(const std::string& field, const std::vector<std::size_t>& slots,
                            const std::vector<std::string>& columns) {
  for (std::size_t a = 0; a < slots.size(); ++a) {
    const std::string path = "activities[" + std::to_string(a) + "]";
    if (field == path + ".name") return name_column(slots[a]);
    if (field == path + ".score") return score_column(slots[a]);
  }
  std::string column = field;
  std::replace(column.begin(), column.end(), '.', '_');
  const auto found = std::find(columns.begin(), columns.end(), column);
  return static_cast<std::size_t>(found - columns.begin());
}

// ---- Reading the file ------------------------------------------------------------

class JournalReader {
 public:
  explicit JournalReader(std::int64_t now) : now_(now), columns_(journal_csv_columns()) {}

  JournalCsvRead read(std::string_view text) {
    if (text.size() > kMaxBytes) {
      add(Error{"too_large", "", "the file is larger than 10 MiB"});
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
  JournalCsvRead finish() {
    JournalCsvRead result;
    if (errors_.empty()) {
      result.entries = std::move(entries_);
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

  static std::string where(std::size_t line, const std::string& column) {
    return "line " + std::to_string(line) + ", column " + column;
  }

  bool header_ok(const CsvRecord& header) {
    const auto& names = header.fields;
    for (std::size_t c = 0; c < std::min(names.size(), columns_.size()); ++c) {
      if (names[c] != columns_[c]) {
        add(Error{"bad_header", where(header.line, columns_[c]),
                  "expected the column " + columns_[c] + " here, found " + quoted(names[c])});
        return false;
      }
    }
    if (names.size() < columns_.size()) {
      add(Error{"bad_header", where(header.line, columns_[names.size()]),
                "is missing: the header has " + std::to_string(names.size()) + " of the " +
                    std::to_string(columns_.size()) + " columns"});
    } else if (names.size() > columns_.size()) {
      const std::string& extra = names[columns_.size()];
      add(Error{"bad_header",
                where(header.line, extra.empty() ? std::to_string(columns_.size() + 1) : extra),
                "is not a column of the journal (" + std::to_string(columns_.size()) +
                    " columns, the last is " + columns_.back() + ")"});
    }
    return names.size() == columns_.size();
  }

  void row(const CsvRecord& record) {
    const std::size_t line = record.line;
    if (record.fields.size() != columns_.size()) {
      add(Error{"wrong_column_count", "line " + std::to_string(line),
                "has " + std::to_string(record.fields.size()) + " columns, the header has " +
                    std::to_string(columns_.size())});
      return;
    }
    core::JournalEntry entry;
    RowReader reader(record.fields, columns_);
    reader.read(entry);
    std::vector<CellProblem>& problems = reader.problems();
    for (Error& error : validate_journal_entry(entry, now_, "")) {
      if (error.where == "time" && !reader.time_read()) continue;
      const std::size_t column = column_of_field(error.where, reader.slots(), columns_);
      problems.push_back({column, std::move(error)});
    }
    if (reader.time_read()) {
      const auto [earlier, inserted] = first_line_of_time_.try_emplace(entry.time, line);
      if (!inserted) {
        problems.push_back(
            {kTime, Error{"duplicate", "",
                          "the same time as line " + std::to_string(earlier->second) + " (" +
                              format_utc(entry.time) + ")"}});
      }
    }
    std::stable_sort(
        problems.begin(), problems.end(),
        [](const CellProblem& a, const CellProblem& b) { return a.column < b.column; });
    for (CellProblem& problem : problems) {
      problem.error.where = problem.column < columns_.size() ? where(line, columns_[problem.column])
                                                             : "line " + std::to_string(line);
      add(std::move(problem.error));
    }
    if (problems.empty()) entries_.push_back(std::move(entry));
  }

  std::int64_t now_;
  const std::vector<std::string>& columns_;
  std::vector<core::JournalEntry> entries_;
  std::vector<Error> errors_;
  std::unordered_map<std::int64_t, std::size_t> first_line_of_time_;
  bool full_ = false;
};

}  // namespace

const std::vector<std::string>& journal_csv_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> names{"time"};
    for (const std::string_view region : core::choice_names(core::Choices::region)) {
      names.push_back("pain_" + std::string(region));
    }
    for (std::size_t slot = 1; slot <= core::kMaxActivities; ++slot) {
      names.push_back("activity_" + std::to_string(slot) + "_name");
      names.push_back("activity_" + std::to_string(slot) + "_score");
    }
    for (const char* name :
         {"stress", "sleep_quality", "soreness_hours", "sharp_pain", "new_symptoms", "notes"}) {
      names.emplace_back(name);
    }
    return names;
  }();
  return columns;
}

std::string journal_to_csv(std::span<const core::JournalEntry> entries) {
  std::string text;
  append_row(text, journal_csv_columns());
  for (const core::JournalEntry& entry : entries) append_row(text, row_of(entry));
  return text;
}

JournalCsvRead read_journal_csv(std::string_view text, std::int64_t now) {
  return JournalReader(now).read(text);
}

}  // namespace mn::codec
