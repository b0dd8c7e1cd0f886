#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/journal.hpp"
#include "core/result.hpp"
#include "store/accounts.hpp"
#include "store/clock.hpp"
#include "store/directory.hpp"
#include "store/records.hpp"

namespace mn::store {

// An intake with what the engine made of it, stored together or not at all.
struct NewIntake {
  std::string intake_json;  // validated by the caller (codec/intake_json)
  std::string knowledge_version;
  std::string style;
  std::string safety_status;
  std::string assessment_json;
  std::string plan_json;  // the first plan version of this assessment
  // When the person answered, if not now (records brought in from
  // elsewhere, the demo); not in the future.
  std::optional<Seconds> recorded_at;
};

struct RecordedIntake {
  IntakeRecord intake;
  AssessmentRecord assessment;
  PlanRecord plan;
};

struct NewPlan {
  std::optional<RecordId> assessment;
  std::string reason;
  std::string plan_json;
};

struct NewSession {
  Seconds time = 0;
  core::Style style = core::Style::therapeutic;
  int minutes = 60;
  std::string therapist;
  int pressure = 3;
};

// What progress and plan adaptation read about one person.
struct CourseRecords {
  Patient patient;
  std::vector<JournalRecord> journal;
  std::vector<SessionRecord> sessions;
  std::optional<PlanRecord> plan;  // the current version
};

struct ErasureReport {
  std::size_t rows_removed = 0;
};

// What reassessment reads: one person's latest intake and the assessment
// stored for it.
struct LatestIntake {
  IntakeRecord intake;
  std::optional<AssessmentRecord> assessment;
};

// The one interface to stored records (DESIGN.md, "Architecture"). Every
// method validates its input first and writes nothing when any of it is
// wrong: the Error names the field ("entries[2].pain.neck"). Every write is
// one transaction, durable when the method returns a value; every read or
// write of a person's records adds a line to the audit trail naming the
// actor and the record, never its content. A write whose commit outcome is
// unknown returns the error code "commit_unknown", never a value.
//
// Error codes: "invalid" (bad input, `where` names the field), "not_found"
// (unknown patient or clinic; `where` says which), "duplicate" (a journal time already taken),
// "conflict" (another constraint refused the write), "busy" (another writer held the database too
// long), "commit_unknown", "database" (the database failed; the message says how).
//
// Not thread-safe: one Store per thread (each owns its connection).
class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
  virtual int schema_version() = 0;

  // Accounts, sessions, invitations and shares, on the same database and
  // connection (same thread rule). Lives as long as the Store.
  virtual Accounts& accounts() = 0;
  // The clinic's therapist directory (directory.hpp).
  virtual Directory& directory() = 0;

  // The clinic, when given, must exist ("not_found", where "clinic").
  virtual Result<Patient> add_patient(const Actor& actor, const NewPatient& patient) = 0;
  virtual Result<std::vector<Patient>> list_patients(const Actor& actor) = 0;
  // The people of one clinic, in id order, with one audit line
  // ("clinic/N/patients"); "not_found" for an unknown clinic.
  virtual Result<std::vector<Patient>> clinic_patients(const Actor& actor, ClinicId clinic) = 0;
  virtual Result<Patient> patient(const Actor& actor, PatientId id) = 0;

  // A new intake version with its assessment and first plan version.
  virtual Result<RecordedIntake> record_intake(const Actor& actor, PatientId patient,
                                               const NewIntake& intake) = 0;
  virtual Result<std::optional<IntakeRecord>> latest_intake(const Actor& actor,
                                                            PatientId patient) = 0;
  virtual Result<std::optional<AssessmentRecord>> latest_assessment(const Actor& actor,
                                                                    PatientId patient) = 0;

  virtual Result<PlanRecord> add_plan_version(const Actor& actor, PatientId patient,
                                              const NewPlan& plan) = 0;
  virtual Result<std::optional<PlanRecord>> current_plan(const Actor& actor, PatientId patient) = 0;

  virtual Result<SessionRecord> log_session(const Actor& actor, PatientId patient,
                                            const NewSession& session) = 0;
  virtual Result<std::vector<SessionRecord>> sessions(const Actor& actor, PatientId patient) = 0;

  // Adds every entry or none, in one transaction (a batch of one is a plain
  // write). Entries may not lie in the future, must be in range and must not
  // repeat the time of another entry of the person.
  virtual Result<std::vector<RecordId>> add_journal_entries(
      const Actor& actor, PatientId patient, std::span<const core::JournalEntry> entries) = 0;
  virtual Result<std::vector<JournalRecord>> journal(const Actor& actor, PatientId patient) = 0;

  // The person, their journal, sessions and current plan, read in one
  // transaction with one audit line ("patient/N/course").
  virtual Result<CourseRecords> course(const Actor& actor, PatientId patient) = 0;

  // Everything about one person (export).
  virtual Result<PatientFile> patient_file(const Actor& actor, PatientId patient) = 0;

  // Removes the person and all their records, including what the database
  // keeps outside its tables, their account with its sessions, and the
  // shares of their records; the audit trail keeps only that an erasure
  // happened.
  virtual Result<ErasureReport> erase_patient(const Actor& actor, PatientId patient) = 0;

  // The audit trail, oldest first; of one person when given.
  virtual Result<std::vector<AuditRecord>> audit_trail(const Actor& actor,
                                                       std::optional<PatientId> patient) = 0;

  // How many people have an intake (what for_each_latest_intake will visit).
  virtual Result<std::size_t> count_people_with_intakes() = 0;

  // Calls `visit` for every person's latest intake, in patient order, reading
  // in pages of `page_size`. One audit line for the whole pass.
  virtual Result<std::size_t> for_each_latest_intake(
      const Actor& actor, std::size_t page_size,
      const std::function<void(const LatestIntake&)>& visit) = 0;

  // Clears what deleted rows leave outside the tables (SQLite's write-ahead
  // log); erase_patient does it, this repeats it when that failed.
  virtual Result<bool> purge_deleted() = 0;

  // The database's own consistency check: "ok" or what it found.
  virtual Result<std::string> integrity_check() = 0;
};

}  // namespace mn::store
