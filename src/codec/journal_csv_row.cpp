#include "codec/journal_csv_row.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "codec/journal_validation.hpp"
#include "codec/utc_time.hpp"

namespace mn::codec::journal_csv_detail {

namespace {

constexpr std::size_t kQuotedLength = 40;

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
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

// Fills a JournalRow from the cells, one column after another.
class RowReader {
 public:
  RowReader(const std::vector<std::string>& cells, const std::vector<std::string>& columns,
            JournalRow& row)
      : cells_(cells), columns_(columns), row_(row) {}

  void read() {
    core::JournalEntry& entry = row_.entry;
    read_time(entry);
    for (std::size_t r = 0; r < core::kRegionCount; ++r) {
      entry.pain[r] = rating(kFirstPain + r);
    }
    for (std::size_t slot = 0; slot < core::kMaxActivities; ++slot) read_activity(slot, entry);
    entry.stress = rating(kStress);
    entry.sleep_quality = rating(kSleepQuality);
    read_soreness(entry);
    read_sharp_pain(entry);
    entry.new_symptoms = from_spreadsheet_safe(cells_[kNewSymptoms]);
    entry.notes = from_spreadsheet_safe(cells_[kNotes]);
  }

 private:
  void add(std::size_t column, std::string message) {
    row_.problems.push_back({column, Error{"invalid", "", std::move(message)}});
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
    row_.time_read = true;
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
    entry.activities.push_back({from_spreadsheet_safe(name), *score});
    row_.slots.push_back(slot);
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
  JournalRow& row_;
};

}  // namespace

std::string number_text(double value) {
  char buffer[64];
  return {buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr};
}

std::string spreadsheet_safe(const std::string& text) {
  if (text.empty() || std::string_view("=+-@\t\r'").find(text.front()) == std::string_view::npos) {
    return text;
  }
  return "'" + text;
}

std::string from_spreadsheet_safe(const std::string& cell) {
  return cell.starts_with('\'') ? cell.substr(1) : cell;
}

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

JournalRow read_journal_row(const std::vector<std::string>& cells,
                            const std::vector<std::string>& columns) {
  JournalRow row;
  RowReader(cells, columns, row).read();
  return row;
}

}  // namespace mn::codec::journal_csv_detail
