#include "codec/journal_csv.hpp"

#include <algorithm>
#include <unordered_map>

#include "codec/csv.hpp"
#include "codec/journal_csv_row.hpp"
#include "codec/journal_validation.hpp"
#include "codec/utc_time.hpp"
#include "core/intake.hpp"

namespace mn::codec {

namespace {

using journal_csv_detail::CellProblem;
using journal_csv_detail::column_of_field;
using journal_csv_detail::JournalRow;
using journal_csv_detail::kColumnCount;
using journal_csv_detail::kFirstPain;
using journal_csv_detail::kNewSymptoms;
using journal_csv_detail::kNotes;
using journal_csv_detail::kSharpPain;
using journal_csv_detail::kSleepQuality;
using journal_csv_detail::kSorenessHours;
using journal_csv_detail::kStress;
using journal_csv_detail::kTime;
using journal_csv_detail::name_column;
using journal_csv_detail::number_text;
using journal_csv_detail::quoted;
using journal_csv_detail::read_journal_row;
using journal_csv_detail::score_column;
using journal_csv_detail::spreadsheet_safe;

constexpr std::size_t kMaxBytes = std::size_t{10} << 20U;
constexpr std::size_t kMaxRows = 100000;
constexpr std::size_t kMaxErrors = 1000;

// ---- Writing -------------------------------------------------------------------

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
    cells[name_column(a)] = spreadsheet_safe(entry.activities[a].name);
    cells[score_column(a)] = std::to_string(entry.activities[a].score);
  }
  cells[kStress] = rating_text(entry.stress);
  cells[kSleepQuality] = rating_text(entry.sleep_quality);
  if (entry.soreness_hours) cells[kSorenessHours] = number_text(*entry.soreness_hours);
  if (entry.sharp_pain) cells[kSharpPain] = *entry.sharp_pain ? "yes" : "no";
  cells[kNewSymptoms] = spreadsheet_safe(entry.new_symptoms);
  cells[kNotes] = spreadsheet_safe(entry.notes);
  return cells;
}

void append_row(std::string& text, const std::vector<std::string>& cells) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) text += ',';
    text += csv_field(cells[c]);
  }
  text += "\r\n";
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
    JournalRow read = read_journal_row(record.fields, columns_);
    core::JournalEntry& entry = read.entry;
    std::vector<CellProblem>& problems = read.problems;
    for (Error& error : validate_journal_entry(entry, now_, "")) {
      if (error.where == "time" && !read.time_read) continue;
      const std::size_t column = column_of_field(error.where, read.slots, columns_);
      problems.push_back({column, std::move(error)});
    }
    if (read.time_read) {
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
