#include "store/sql_store.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/intake.hpp"
#include "store/migrations.hpp"
#include "store/sql_rows.hpp"
#include "store/validation.hpp"

namespace mn::store {

using sql::Row;
using sql::Value;

SqlStore::SqlStore(std::unique_ptr<sql::Connection> connection, const Clock& clock)
    : connection_(std::move(connection)), clock_(clock) {}

std::string SqlStore::backend() const {
  return connection_->dialect() == sql::Dialect::sqlite ? "sqlite" : "postgresql";
}

Accounts& SqlStore::accounts() { return *this; }

int SqlStore::schema_version() {
  const auto rows = connection_->query("SELECT MAX(version) FROM schema_migrations");
  return rows.empty() || rows.front().is_null(0) ? 0 : static_cast<int>(rows.front().integer(0));
}

void SqlStore::require_patient(PatientId patient) {
  const std::array<Value, 1> key{patient};
  if (connection_->query("SELECT 1 FROM patients WHERE id = $1", key).empty()) {
    throw Refusal{unknown_patient(patient)};
  }
}

void SqlStore::require_clinic(ClinicId clinic) {
  const std::array<Value, 1> key{clinic};
  if (connection_->query("SELECT 1 FROM clinics WHERE id = $1", key).empty()) {
    throw Refusal{unknown("clinic", clinic)};
  }
}

void SqlStore::audit(const Actor& actor, std::string_view action, std::optional<PatientId> patient,
                     const std::string& record) {
  const std::array<Value, 6> row{
      clock_.now(), actor.name,   std::string(action), optional_value(patient),
      record,       actor.address};
  connection_->query(
      "INSERT INTO audit_trail (at, actor, action, patient_id, record, address) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      row);
}

Patient SqlStore::read_patient(PatientId patient) {
  const std::array<Value, 1> key{patient};
  const auto rows = connection_->query(
      "SELECT " + std::string(kPatientColumns) + " FROM patients WHERE id = $1", key);
  if (rows.empty()) throw Refusal{unknown_patient(patient)};
  return patient_from(rows.front());
}

// ---- People -----------------------------------------------------------------

Patient SqlStore::insert_patient(const Actor& actor, const NewPatient& patient,
                                 Seconds created_at) {
  if (patient.clinic) require_clinic(*patient.clinic);
  const std::array<Value, 4> row{patient.display_name, patient.time_zone, created_at,
                                 optional_value(patient.clinic)};
  const auto rows = connection_->query(
      "INSERT INTO patients (display_name, time_zone, created_at, clinic_id) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      row);
  const PatientId id = rows.at(0).integer(0);
  audit(actor, "create", id, record_name("", id));
  return Patient{id, patient.display_name, patient.time_zone, created_at, patient.clinic};
}

Result<Patient> SqlStore::add_patient(const Actor& actor, const NewPatient& patient) {
  if (auto problem = check_new_patient(patient)) return *problem;
  return transact<Patient>([&] { return insert_patient(actor, patient, clock_.now()); });
}

Result<std::vector<Patient>> SqlStore::list_patients(const Actor& actor) {
  return transact_read<std::vector<Patient>>([&] {
    audit(actor, "list", std::nullopt, "patients");
    std::vector<Patient> patients;
    for (const Row& row : connection_->query("SELECT " + std::string(kPatientColumns) +
                                             " FROM patients ORDER BY id")) {
      patients.push_back(patient_from(row));
    }
    return patients;
  });
}

Result<std::vector<Patient>> SqlStore::clinic_patients(const Actor& actor, ClinicId clinic) {
  return transact_read<std::vector<Patient>>([&] {
    require_clinic(clinic);
    audit(actor, "list", std::nullopt, "clinic/" + std::to_string(clinic) + "/patients");
    const std::array<Value, 1> key{clinic};
    std::vector<Patient> patients;
    for (const Row& row : connection_->query("SELECT " + std::string(kPatientColumns) +
                                                 " FROM patients WHERE clinic_id = $1 ORDER BY id",
                                             key)) {
      patients.push_back(patient_from(row));
    }
    return patients;
  });
}

Result<Patient> SqlStore::patient(const Actor& actor, PatientId id) {
  return transact_read<Patient>([&] {
    Patient found = read_patient(id);
    audit(actor, "read", id, record_name("", id));
    return found;
  });
}

// ---- Intakes, assessments, plans ---------------------------------------------

std::vector<IntakeRecord> SqlStore::read_intakes(PatientId patient, bool latest_only) {
  const std::array<Value, 1> key{patient};
  std::vector<IntakeRecord> intakes;
  for (const Row& row :
       connection_->query("SELECT " + std::string(kIntakeColumns) +
                              " FROM intakes WHERE patient_id = $1 ORDER BY version" +
                              (latest_only ? " DESC LIMIT 1" : ""),
                          key)) {
    intakes.push_back(intake_from(row));
  }
  return intakes;
}

std::vector<AssessmentRecord> SqlStore::read_assessments(PatientId patient, bool latest_only) {
  const std::array<Value, 1> key{patient};
  std::vector<AssessmentRecord> assessments;
  for (const Row& row :
       connection_->query("SELECT " + std::string(kAssessmentColumns) +
                              " FROM assessments WHERE patient_id = $1 ORDER BY id" +
                              (latest_only ? " DESC LIMIT 1" : ""),
                          key)) {
    assessments.push_back(assessment_from(row));
  }
  return assessments;
}

std::vector<PlanRecord> SqlStore::read_plans(PatientId patient, bool latest_only) {
  const std::array<Value, 1> key{patient};
  std::vector<PlanRecord> plans;
  for (const Row& row :
       connection_->query("SELECT " + std::string(kPlanColumns) +
                              " FROM plans WHERE patient_id = $1 ORDER BY version" +
                              (latest_only ? " DESC LIMIT 1" : ""),
                          key)) {
    plans.push_back(plan_from(row));
  }
  return plans;
}

PlanRecord SqlStore::insert_plan(PatientId patient, const NewPlan& plan, Seconds created_at) {
  const std::array<Value, 1> key{patient};
  const int version = static_cast<int>(
      connection_
          ->query("SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE patient_id = $1", key)
          .at(0)
          .integer(0));
  const std::array<Value, 6> row{patient,     std::int64_t{version},
                                 created_at,  plan.assessment ? Value{*plan.assessment} : Value{},
                                 plan.reason, plan.plan_json};
  const auto rows = connection_->query(
      "INSERT INTO plans (patient_id, version, created_at, assessment_id, reason, plan_json) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      row);
  return PlanRecord{rows.at(0).integer(0), patient,     version,       created_at,
                    plan.assessment,       plan.reason, plan.plan_json};
}

Result<RecordedIntake> SqlStore::record_intake(const Actor& actor, PatientId patient,
                                               const NewIntake& intake) {
  if (auto problem = check_new_intake(intake, clock_.now())) return *problem;
  return transact<RecordedIntake>([&] {
    require_patient(patient);
    const Seconds now = intake.recorded_at.value_or(clock_.now());
    const std::array<Value, 1> key{patient};
    const int version = static_cast<int>(
        connection_
            ->query("SELECT COALESCE(MAX(version), 0) + 1 FROM intakes WHERE patient_id = $1", key)
            .at(0)
            .integer(0));
    const std::array<Value, 4> intake_row{patient, std::int64_t{version}, now, intake.intake_json};
    const RecordId intake_id =
        connection_
            ->query(
                "INSERT INTO intakes (patient_id, version, recorded_at, intake_json) "
                "VALUES ($1, $2, $3, $4) RETURNING id",
                intake_row)
            .at(0)
            .integer(0);
    const std::array<Value, 7> assessment_row{patient,
                                              intake_id,
                                              now,
                                              intake.knowledge_version,
                                              intake.style,
                                              intake.safety_status,
                                              intake.assessment_json};
    const RecordId assessment_id =
        connection_
            ->query(
                "INSERT INTO assessments (patient_id, intake_id, assessed_at, knowledge_version, "
                "style, safety_status, assessment_json) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                "RETURNING id",
                assessment_row)
            .at(0)
            .integer(0);
    PlanRecord plan =
        insert_plan(patient, NewPlan{assessment_id, "assessment", intake.plan_json}, now);
    audit(actor, "create", patient, record_name("intake/" + std::to_string(version), patient));
    return RecordedIntake{
        IntakeRecord{intake_id, patient, version, now, intake.intake_json},
        AssessmentRecord{assessment_id, patient, intake_id, now, intake.knowledge_version,
                         intake.style, intake.safety_status, intake.assessment_json},
        std::move(plan)};
  });
}

Result<std::optional<IntakeRecord>> SqlStore::latest_intake(const Actor& actor, PatientId patient) {
  return transact_read<std::optional<IntakeRecord>>([&]() -> std::optional<IntakeRecord> {
    require_patient(patient);
    audit(actor, "read", patient, record_name("intake", patient));
    auto intakes = read_intakes(patient, true);
    if (intakes.empty()) return std::nullopt;
    return std::move(intakes.front());
  });
}

Result<std::optional<AssessmentRecord>> SqlStore::latest_assessment(const Actor& actor,
                                                                    PatientId patient) {
  return transact_read<std::optional<AssessmentRecord>>([&]() -> std::optional<AssessmentRecord> {
    require_patient(patient);
    audit(actor, "read", patient, record_name("assessment", patient));
    auto assessments = read_assessments(patient, true);
    if (assessments.empty()) return std::nullopt;
    return std::move(assessments.front());
  });
}

Result<PlanRecord> SqlStore::add_plan_version(const Actor& actor, PatientId patient,
                                              const NewPlan& plan) {
  if (auto problem = check_new_plan(plan)) return *problem;
  return transact<PlanRecord>([&] {
    require_patient(patient);
    PlanRecord record = insert_plan(patient, plan, clock_.now());
    audit(actor, "create", patient, record_name("plan/" + std::to_string(record.version), patient));
    return record;
  });
}

Result<std::optional<PlanRecord>> SqlStore::current_plan(const Actor& actor, PatientId patient) {
  return transact_read<std::optional<PlanRecord>>([&]() -> std::optional<PlanRecord> {
    require_patient(patient);
    audit(actor, "read", patient, record_name("plan", patient));
    auto plans = read_plans(patient, true);
    if (plans.empty()) return std::nullopt;
    return std::move(plans.front());
  });
}

// ---- Sessions and journal ------------------------------------------------------

Result<SessionRecord> SqlStore::log_session(const Actor& actor, PatientId patient,
                                            const NewSession& session) {
  if (auto problem = check_new_session(session, clock_.now())) return *problem;
  return transact<SessionRecord>([&] {
    require_patient(patient);
    const std::array<Value, 6> row{patient,
                                   session.time,
                                   style_text(session.style),
                                   std::int64_t{session.minutes},
                                   session.therapist,
                                   std::int64_t{session.pressure}};
    const RecordId id =
        connection_
            ->query(
                "INSERT INTO sessions (patient_id, time, style, minutes, therapist, pressure) "
                "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                row)
            .at(0)
            .integer(0);
    audit(actor, "create", patient, record_name("session/" + std::to_string(id), patient));
    return SessionRecord{id,
                         patient,
                         session.time,
                         session.style,
                         session.minutes,
                         session.therapist,
                         session.pressure};
  });
}

std::vector<SessionRecord> SqlStore::read_sessions(PatientId patient) {
  const std::array<Value, 1> key{patient};
  std::vector<SessionRecord> sessions;
  for (const Row& row :
       connection_->query("SELECT id, time, style, minutes, therapist, pressure FROM sessions "
                          "WHERE patient_id = $1 ORDER BY time, id",
                          key)) {
    sessions.push_back(SessionRecord{row.integer(0), patient, row.integer(1),
                                     style_from(row.text(2)), static_cast<int>(row.integer(3)),
                                     row.text(4), static_cast<int>(row.integer(5))});
  }
  return sessions;
}

Result<std::vector<SessionRecord>> SqlStore::sessions(const Actor& actor, PatientId patient) {
  return transact_read<std::vector<SessionRecord>>([&] {
    require_patient(patient);
    audit(actor, "read", patient, record_name("sessions", patient));
    return read_sessions(patient);
  });
}

// Many rows per statement: one round trip per chunk matters on PostgreSQL,
// where each statement is a network exchange. Chunks are powers of two, so
// at most a few statement texts are prepared and cached.
std::vector<RecordId> SqlStore::insert_journal_entries(
    PatientId patient, std::span<const core::JournalEntry> entries) {
  constexpr std::size_t kLargestChunk = 64;
  std::vector<RecordId> ids(entries.size());
  std::unordered_map<Seconds, std::size_t> index_of;
  for (std::size_t i = 0; i < entries.size(); ++i) index_of.emplace(entries[i].time, i);
  const Seconds now = clock_.now();
  std::vector<Value> row;
  for (std::size_t first = 0; first < entries.size();) {
    std::size_t chunk = kLargestChunk;
    while (chunk > entries.size() - first) chunk /= 2;
    row.clear();
    row.reserve(chunk * kJournalColumns);
    for (const core::JournalEntry& entry : entries.subspan(first, chunk)) {
      row.emplace_back(patient);
      row.emplace_back(entry.time);
      row.emplace_back(now);
      for (const auto& pain : entry.pain) row.push_back(optional_value(pain));
      row.push_back(optional_value(entry.stress));
      row.push_back(optional_value(entry.sleep_quality));
      row.push_back(entry.soreness_hours ? Value{*entry.soreness_hours} : Value{});
      row.push_back(entry.sharp_pain ? Value{std::int64_t{*entry.sharp_pain ? 1 : 0}} : Value{});
      row.emplace_back(entry.new_symptoms);
      row.emplace_back(entry.notes);
    }
    // Entry times are unique per person, so (id, time) pairs each returned
    // id with its entry whatever order the database returns them in.
    for (const Row& inserted : connection_->query(insert_journal_sql(chunk), row)) {
      ids[index_of.at(inserted.integer(1))] = inserted.integer(0);
    }
    first += chunk;
  }
  insert_activities(entries, ids);
  return ids;
}

void SqlStore::insert_activities(std::span<const core::JournalEntry> entries,
                                 const std::vector<RecordId>& ids) {
  constexpr std::size_t kLargestChunk = 128;
  std::vector<Value> pending;
  std::size_t rows = 0;
  const auto flush = [&](std::size_t count) {
    // Written in power-of-two chunks from the front of `pending`.
    std::size_t done = 0;
    while (done < count) {
      std::size_t chunk = kLargestChunk;
      while (chunk > count - done) chunk /= 2;
      const std::span<const Value> values(pending.data() + done * 4, chunk * 4);
      connection_->query(insert_activities_sql(chunk), values);
      done += chunk;
    }
    pending.clear();
  };
  for (std::size_t e = 0; e < entries.size(); ++e) {
    for (std::size_t a = 0; a < entries[e].activities.size(); ++a) {
      pending.emplace_back(ids[e]);
      pending.emplace_back(static_cast<std::int64_t>(a + 1));
      pending.emplace_back(entries[e].activities[a].name);
      pending.emplace_back(std::int64_t{entries[e].activities[a].score});
      if (++rows == kLargestChunk) {
        flush(rows);
        rows = 0;
      }
    }
  }
  flush(rows);
}

Result<std::vector<RecordId>> SqlStore::add_journal_entries(
    const Actor& actor, PatientId patient, std::span<const core::JournalEntry> entries) {
  if (auto problem = check_journal_entries(entries, clock_.now())) return *problem;
  return transact<std::vector<RecordId>>([&] {
    require_patient(patient);
    // A named refusal rather than the UNIQUE constraint's message: which
    // entry repeats a stored time.
    const auto [first, last] =
        std::minmax_element(entries.begin(), entries.end(),
                            [](const auto& a, const auto& b) { return a.time < b.time; });
    const std::array<Value, 3> range{patient, first->time, last->time};
    const auto taken = connection_->query(
        "SELECT time FROM journal_entries WHERE patient_id = $1 AND time BETWEEN $2 AND $3", range);
    if (!taken.empty()) {
      std::unordered_map<Seconds, bool> stored;
      for (const Row& row : taken) stored[row.integer(0)] = true;
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (stored.contains(entries[i].time)) {
          throw Refusal{Error{"duplicate", "entries[" + std::to_string(i) + "].time",
                              "the journal already has an entry at this time"}};
        }
      }
    }
    std::vector<RecordId> ids = insert_journal_entries(patient, entries);
    audit(actor, "create", patient,
          record_name(ids.size() == 1 ? "journal/" + std::to_string(ids.front())
                                      : "journal/" + std::to_string(ids.front()) + ".." +
                                            std::to_string(ids.back()),
                      patient));
    return ids;
  });
}

std::vector<JournalRecord> SqlStore::read_journal(PatientId patient) {
  const std::array<Value, 1> key{patient};
  std::vector<JournalRecord> journal;
  std::unordered_map<RecordId, std::size_t> by_id;
  connection_->for_each_row(select_journal_sql(), key, [&](const Row& row) {
    by_id.emplace(row.integer(0), journal.size());
    journal.push_back(journal_from(row, patient));
  });
  connection_->for_each_row(
      "SELECT a.entry_id, a.name, a.score FROM journal_activities a "
      "JOIN journal_entries e ON e.id = a.entry_id "
      "WHERE e.patient_id = $1 ORDER BY a.entry_id, a.position",
      key, [&](const Row& row) {
        journal[by_id.at(row.integer(0))].entry.activities.push_back(
            core::ActivityRating{row.text(1), static_cast<int>(row.integer(2))});
      });
  return journal;
}

Result<std::vector<JournalRecord>> SqlStore::journal(const Actor& actor, PatientId patient) {
  return transact_read<std::vector<JournalRecord>>([&] {
    require_patient(patient);
    audit(actor, "read", patient, record_name("journal", patient));
    return read_journal(patient);
  });
}

}  // namespace mn::store
