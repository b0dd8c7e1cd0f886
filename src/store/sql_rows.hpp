#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/journal.hpp"
#include "core/result.hpp"
#include "store/accounts.hpp"
#include "store/records.hpp"
#include "store/sql/connection.hpp"

// Between SqlStore and the database: statement texts, parameter values and
// the mapping of result rows to records. Internal to src/store.
namespace mn::store {

// A refusal found inside a transaction (an unknown patient, a duplicate):
// SqlStore::transact rolls back and returns the error.
struct Refusal {
  Error error;
};

// The Store's error for a database failure (see Store's error codes).
Error database_error(const sql::DatabaseError& error);

sql::Value optional_value(const std::optional<int>& value);
sql::Value optional_value(const std::optional<std::int64_t>& value);
std::optional<std::int64_t> optional_integer(const sql::Row& row, std::size_t column);
std::optional<int> optional_int(const sql::Row& row, std::size_t column);
std::string style_text(core::Style style);
core::Style style_from(const std::string& name);

// "patient/3", "patient/3/journal": how the audit trail names a record.
std::string record_name(std::string_view kind, PatientId patient);

// Journal entries: one column per body region, in core::Region order.
// Inserting `rows` entries at once (kJournalColumns parameters each)
// returns (id, time) per row; activities take four parameters per row.
inline constexpr std::size_t kJournalColumns = 3 + core::kRegionCount + 6;
std::string insert_journal_sql(std::size_t rows);
std::string insert_activities_sql(std::size_t rows);
const std::string& select_journal_sql();
JournalRecord journal_from(const sql::Row& row, PatientId patient);

// Columns read by intake_from, assessment_from and plan_from, in order.
inline constexpr std::string_view kIntakeColumns =
    "id, patient_id, version, recorded_at, intake_json";
inline constexpr std::string_view kAssessmentColumns =
    "id, patient_id, intake_id, assessed_at, knowledge_version, style, safety_status, "
    "assessment_json";
inline constexpr std::string_view kPlanColumns =
    "id, patient_id, version, created_at, assessment_id, reason, plan_json";

// Columns read by patient_from, in order.
inline constexpr std::string_view kPatientColumns =
    "id, display_name, time_zone, created_at, clinic_id";

// Columns read by account_from (qualified, so that they serve joins too)
// and share_from, in order.
inline constexpr std::string_view kAccountColumns =
    "accounts.id, accounts.login, accounts.display_name, accounts.roles, accounts.clinic_id, "
    "accounts.patient_id, accounts.disabled, accounts.created_at, accounts.password_changed_at";
inline constexpr std::size_t kAccountColumnCount = 9;
inline constexpr std::string_view kShareColumns =
    "id, patient_id, therapist_id, shared_by, created_at, expires_at, revoked_at";

IntakeRecord intake_from(const sql::Row& row);
AssessmentRecord assessment_from(const sql::Row& row);
PlanRecord plan_from(const sql::Row& row);
Patient patient_from(const sql::Row& row);
// The account whose kAccountColumns start at column `first`.
Account account_from(const sql::Row& row, std::size_t first = 0);
Share share_from(const sql::Row& row);

}  // namespace mn::store
