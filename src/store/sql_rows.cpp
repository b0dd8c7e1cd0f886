#include "store/sql_rows.hpp"

#include "core/intake.hpp"

namespace mn::store {

using sql::DatabaseError;
using sql::Row;
using sql::Value;

Error database_error(const DatabaseError& error) {
  switch (error.kind()) {
    case DatabaseError::Kind::commit_unknown:
      return Error{"commit_unknown", "database",
                   "the connection to the database was lost while saving, so it is not known "
                   "whether this was saved; look before repeating it (" +
                       std::string(error.what()) + ")"};
    case DatabaseError::Kind::constraint:
      return Error{"conflict", "database",
                   std::string("the database refused the write: ") + error.what()};
    case DatabaseError::Kind::busy:
      return Error{
          "busy", "database",
          std::string("the database is busy with another writer; try again: ") + error.what()};
    case DatabaseError::Kind::unavailable:
    case DatabaseError::Kind::other:
      break;
  }
  return Error{"database", "database", error.what()};
}

Value optional_value(const std::optional<int>& value) {
  return value ? Value{std::int64_t{*value}} : Value{};
}

Value optional_value(const std::optional<std::int64_t>& value) {
  return value ? Value{*value} : Value{};
}

std::optional<std::int64_t> optional_integer(const Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return row.integer(column);
}

std::optional<int> optional_int(const Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return static_cast<int>(row.integer(column));
}

std::string style_text(core::Style style) { return std::string(core::style_name(style)); }

core::Style style_from(const std::string& name) {
  return name == "relaxation" ? core::Style::relaxation : core::Style::therapeutic;
}

std::string record_name(std::string_view kind, PatientId patient) {
  return "patient/" + std::to_string(patient) + (kind.empty() ? "" : "/") + std::string(kind);
}

namespace {

// "pain_head, pain_jaw, ..." in Region order, matching the schema's columns.
const std::string& pain_columns() {
  static const std::string columns = [] {
    std::string text;
    for (std::string_view region : core::choice_names(core::Choices::region)) {
      if (!text.empty()) text += ", ";
      text += "pain_";
      text += region;
    }
    return text;
  }();
  return columns;
}

}  // namespace

std::string insert_journal_sql(std::size_t rows) {
  std::string sql = "INSERT INTO journal_entries (patient_id, time, recorded_at, " +
                    pain_columns() +
                    ", stress, sleep_quality, soreness_hours, sharp_pain, new_symptoms, notes) "
                    "VALUES ";
  std::size_t parameter = 1;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t column = 0; column < kJournalColumns; ++column) {
      sql += (column == 0 ? "$" : ", $") + std::to_string(parameter++);
    }
    sql += ")";
  }
  return sql + " RETURNING id, time";
}

std::string insert_activities_sql(std::size_t rows) {
  std::string sql = "INSERT INTO journal_activities (entry_id, position, name, score) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) {
    const std::size_t first = row * 4 + 1;
    sql += (row == 0 ? "($" : ", ($") + std::to_string(first) + ", $" + std::to_string(first + 1) +
           ", $" + std::to_string(first + 2) + ", $" + std::to_string(first + 3) + ")";
  }
  return sql;
}

const std::string& select_journal_sql() {
  static const std::string text =
      "SELECT id, recorded_at, time, " + pain_columns() +
      ", stress, sleep_quality, soreness_hours, sharp_pain, new_symptoms, notes "
      "FROM journal_entries WHERE patient_id = $1 ORDER BY time, id";
  return text;
}

JournalRecord journal_from(const Row& row, PatientId patient) {
  JournalRecord record;
  record.id = row.integer(0);
  record.patient = patient;
  record.recorded_at = row.integer(1);
  core::JournalEntry& entry = record.entry;
  entry.time = row.integer(2);
  std::size_t column = 3;
  for (auto& pain : entry.pain) pain = optional_int(row, column++);
  entry.stress = optional_int(row, column++);
  entry.sleep_quality = optional_int(row, column++);
  if (!row.is_null(column)) entry.soreness_hours = row.real(column);
  ++column;
  if (!row.is_null(column)) entry.sharp_pain = row.integer(column) != 0;
  ++column;
  entry.new_symptoms = row.text(column++);
  entry.notes = row.text(column);
  return record;
}

IntakeRecord intake_from(const Row& row) {
  return IntakeRecord{row.integer(0), row.integer(1), static_cast<int>(row.integer(2)),
                      row.integer(3), row.text(4)};
}

AssessmentRecord assessment_from(const Row& row) {
  return AssessmentRecord{row.integer(0), row.integer(1), row.integer(2), row.integer(3),
                          row.text(4),    row.text(5),    row.text(6),    row.text(7)};
}

PlanRecord plan_from(const Row& row) {
  PlanRecord plan{row.integer(0), row.integer(1), static_cast<int>(row.integer(2)),
                  row.integer(3), std::nullopt,   row.text(5),
                  row.text(6)};
  if (!row.is_null(4)) plan.assessment = row.integer(4);
  return plan;
}

Patient patient_from(const Row& row) {
  return Patient{row.integer(0), row.text(1), row.text(2), row.integer(3),
                 optional_integer(row, 4)};
}

Account account_from(const Row& row, std::size_t first) {
  Account account;
  account.id = row.integer(first);
  account.login = row.text(first + 1);
  account.display_name = row.text(first + 2);
  account.roles.bits = static_cast<std::uint8_t>(row.integer(first + 3));
  account.clinic = optional_integer(row, first + 4);
  account.patient = optional_integer(row, first + 5);
  account.disabled = row.integer(first + 6) != 0;
  account.created_at = row.integer(first + 7);
  account.password_changed_at = row.integer(first + 8);
  return account;
}

Share share_from(const Row& row) {
  return Share{row.integer(0), row.integer(1), row.integer(2),          row.integer(3),
               row.integer(4), row.integer(5), optional_integer(row, 6)};
}

}  // namespace mn::store
