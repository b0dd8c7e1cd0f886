// SqlStore: whole files, erasure, the audit trail, reassessment reads and
// the database's own checks.
#include <array>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace mn::store {

using sql::DatabaseError;
using sql::Row;
using sql::Value;

// ---- Whole files, erasure, audit -------------------------------------------------

Result<PatientFile> SqlStore::patient_file(const Actor& actor, PatientId patient) {
  return transact_read<PatientFile>([&] {
    PatientFile file;
    file.patient = read_patient(patient);
    audit(actor, "export", patient, record_name("", patient));
    file.intakes = read_intakes(patient, false);
    file.assessments = read_assessments(patient, false);
    file.plans = read_plans(patient, false);
    file.sessions = read_sessions(patient);
    file.journal = read_journal(patient);
    return file;
  });
}

Result<CourseRecords> SqlStore::course(const Actor& actor, PatientId patient) {
  return transact_read<CourseRecords>([&] {
    CourseRecords course;
    course.patient = read_patient(patient);
    audit(actor, "read", patient, record_name("course", patient));
    course.journal = read_journal(patient);
    course.sessions = read_sessions(patient);
    auto plans = read_plans(patient, true);
    if (!plans.empty()) course.plan = std::move(plans.front());
    return course;
  });
}

Result<ErasureReport> SqlStore::erase_patient(const Actor& actor, PatientId patient) {
  auto erased = transact<ErasureReport>([&] {
    require_patient(patient);
    const std::array<Value, 1> key{patient};
    ErasureReport report;
    // Counted before the cascade removes them, for the report.
    for (std::string_view table : {"intakes", "assessments", "plans", "sessions", "journal_entries",
                                   "audit_trail", "shares"}) {
      report.rows_removed += static_cast<std::size_t>(
          connection_
              ->query("SELECT COUNT(*) FROM " + std::string(table) + " WHERE patient_id = $1", key)
              .at(0)
              .integer(0));
    }
    report.rows_removed += static_cast<std::size_t>(
        connection_
            ->query("SELECT COUNT(*) FROM journal_activities a JOIN journal_entries e "
                    "ON e.id = a.entry_id WHERE e.patient_id = $1",
                    key)
            .at(0)
            .integer(0));
    report.rows_removed += 1;  // the person
    // Their account goes first: a sign-in must not outlive the person.
    report.rows_removed += erase_accounts_of(patient);
    connection_->query("DELETE FROM patients WHERE id = $1", key);
    connection_->query("DELETE FROM audit_trail WHERE patient_id = $1", key);
    audit(actor, "erase", patient, record_name("", patient));
    return report;
  });
  if (!erased) return erased;
  try {
    connection_->purge_deleted();
  } catch (const DatabaseError& error) {
    return Error{"database", "erase",
                 "the person's records are deleted, but the database could not yet clear its "
                 "log of the deleted data (" +
                     std::string(error.what()) +
                     "); close other programs using it and run `massage-navigator db purge`"};
  }
  return erased;
}

Result<std::vector<AuditRecord>> SqlStore::audit_trail(const Actor& actor,
                                                       std::optional<PatientId> patient) {
  return transact_read<std::vector<AuditRecord>>([&] {
    constexpr std::string_view kColumns =
        "SELECT id, at, actor, action, patient_id, record, address FROM audit_trail";
    std::vector<Row> rows;
    if (patient) {
      const std::array<Value, 1> key{*patient};
      rows = connection_->query(std::string(kColumns) + " WHERE patient_id = $1 ORDER BY id", key);
    } else {
      rows = connection_->query(std::string(kColumns) + " ORDER BY id");
    }
    std::vector<AuditRecord> trail;
    trail.reserve(rows.size());
    for (const Row& row : rows) {
      trail.push_back(AuditRecord{row.integer(0), row.integer(1), row.text(2), row.text(3),
                                  optional_integer(row, 4), row.text(5), row.text(6)});
    }
    // Reading the trail is itself recorded, after what it returns.
    audit(actor, "read", patient, patient ? record_name("audit", *patient) : "audit");
    return trail;
  });
}

Result<std::size_t> SqlStore::for_each_latest_intake(
    const Actor& actor, std::size_t page_size,
    const std::function<void(const LatestIntake&)>& visit) {
  auto logged = transact_read<bool>([&] {
    audit(actor, "reassess", std::nullopt, "intakes");
    return true;
  });
  if (!logged) return logged.error();
  page_size = std::max<std::size_t>(page_size, 1);
  std::size_t visited = 0;
  PatientId after = 0;
  try {
    for (;;) {
      const std::array<Value, 2> page{after, static_cast<std::int64_t>(page_size)};
      const auto rows = connection_->query(
          "SELECT i.id, i.patient_id, i.version, i.recorded_at, i.intake_json, "
          "a.id, a.assessed_at, a.knowledge_version, a.style, a.safety_status "
          // The latest assessment of the intake, found within the
          // assessments_summary index (no larger one of the same intake).
          "FROM intakes i LEFT JOIN assessments a ON a.intake_id = i.id AND NOT EXISTS "
          "(SELECT 1 FROM assessments b WHERE b.intake_id = i.id AND b.id > a.id) "
          "WHERE i.patient_id > $1 AND i.version = "
          "(SELECT MAX(j.version) FROM intakes j WHERE j.patient_id = i.patient_id) "
          "ORDER BY i.patient_id LIMIT $2",
          page);
      for (const Row& row : rows) {
        LatestIntake latest{intake_from(row), std::nullopt};
        if (!row.is_null(5)) {
          latest.assessment = AssessmentRecord{
              row.integer(5), latest.intake.patient, latest.intake.id, row.integer(6),
              row.text(7),    row.text(8),           row.text(9),      {}};
        }
        visit(latest);
        after = latest.intake.patient;
        ++visited;
      }
      if (rows.size() < page_size) break;
    }
  } catch (const DatabaseError& error) {
    return database_error(error);
  }
  return visited;
}

Result<std::size_t> SqlStore::count_people_with_intakes() {
  try {
    return static_cast<std::size_t>(
        connection_->query("SELECT COUNT(DISTINCT patient_id) FROM intakes").at(0).integer(0));
  } catch (const DatabaseError& error) {
    return database_error(error);
  }
}

Result<bool> SqlStore::purge_deleted() {
  try {
    connection_->purge_deleted();
    return true;
  } catch (const DatabaseError& error) {
    return database_error(error);
  }
}

Result<std::string> SqlStore::integrity_check() {
  try {
    return connection_->integrity_check();
  } catch (const DatabaseError& error) {
    return database_error(error);
  }
}

}  // namespace mn::store
