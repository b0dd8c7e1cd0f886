#pragma once

#include <memory>

#include "store/sql/connection.hpp"
#include "store/sql_rows.hpp"
#include "store/store.hpp"

namespace mn::store {

// The Store and its Accounts over any sql::Connection: the records, their
// validation and the audit trail are written once here; the backends differ
// only in their connection. Owns the connection; keeps a reference to the
// clock, which must outlive it. Accounts methods live in sql_accounts.cpp
// and sql_shares.cpp.
class SqlStore final : public Store, public Accounts, public Directory {
 public:
  // Precondition: the connection's schema is migrated (see migrate()).
  SqlStore(std::unique_ptr<sql::Connection> connection, const Clock& clock);

  std::string backend() const override;
  int schema_version() override;
  Accounts& accounts() override;
  Directory& directory() override;

  Result<Patient> add_patient(const Actor& actor, const NewPatient& patient) override;
  Result<std::vector<Patient>> list_patients(const Actor& actor) override;
  Result<std::vector<Patient>> clinic_patients(const Actor& actor, ClinicId clinic) override;
  Result<Patient> patient(const Actor& actor, PatientId id) override;

  Result<RecordedIntake> record_intake(const Actor& actor, PatientId patient,
                                       const NewIntake& intake) override;
  Result<std::optional<IntakeRecord>> latest_intake(const Actor& actor, PatientId patient) override;
  Result<std::optional<AssessmentRecord>> latest_assessment(const Actor& actor,
                                                            PatientId patient) override;

  Result<PlanRecord> add_plan_version(const Actor& actor, PatientId patient,
                                      const NewPlan& plan) override;
  Result<std::optional<PlanRecord>> current_plan(const Actor& actor, PatientId patient) override;

  Result<SessionRecord> log_session(const Actor& actor, PatientId patient,
                                    const NewSession& session) override;
  Result<std::vector<SessionRecord>> sessions(const Actor& actor, PatientId patient) override;

  Result<std::vector<RecordId>> add_journal_entries(
      const Actor& actor, PatientId patient, std::span<const core::JournalEntry> entries) override;
  Result<std::vector<JournalRecord>> journal(const Actor& actor, PatientId patient) override;

  Result<CourseRecords> course(const Actor& actor, PatientId patient) override;
  Result<PatientFile> patient_file(const Actor& actor, PatientId patient) override;
  Result<ErasureReport> erase_patient(const Actor& actor, PatientId patient) override;
  Result<std::vector<AuditRecord>> audit_trail(const Actor& actor,
                                               std::optional<PatientId> patient) override;
  Result<std::size_t> count_people_with_intakes() override;
  Result<std::size_t> for_each_latest_intake(
      const Actor& actor, std::size_t page_size,
      const std::function<void(const LatestIntake&)>& visit) override;
  Result<bool> purge_deleted() override;
  Result<std::string> integrity_check() override;

  // ---- Accounts ----
  Result<Account> create_clinic_with_admin(const Actor& actor, const std::string& clinic,
                                           const NewAccount& admin) override;
  Result<std::optional<Clinic>> clinic(ClinicId id) override;
  Result<Account> create_account(const Actor& actor, const NewAccount& account) override;
  Result<std::optional<Account>> account(AccountId id) override;
  Result<std::optional<Credentials>> credentials(const std::string& login) override;
  Result<std::vector<Account>> accounts_of_clinic(ClinicId clinic) override;
  Result<bool> set_password(const Actor& actor, AccountId account, const std::string& password_hash,
                            Seconds now) override;
  Result<bool> set_disabled(const Actor& actor, AccountId account, bool disabled) override;
  Result<bool> create_session(const NewLoginSession& session) override;
  Result<std::optional<LoginSession>> session(const std::string& token_hash) override;
  Result<bool> touch_session(const std::string& token_hash, Seconds now) override;
  Result<bool> end_session(const std::string& token_hash) override;
  Result<std::size_t> end_expired_sessions(Seconds now, Seconds idle_before) override;
  Result<bool> record_login_failure(const std::string& key, Seconds at) override;
  Result<std::size_t> login_failures_since(const std::string& key, Seconds since) override;
  Result<bool> clear_login_failures(const std::string& key) override;
  Result<Invitation> create_invitation(const Actor& actor,
                                       const NewInvitation& invitation) override;
  Result<Account> accept_invitation(const Actor& actor, const std::string& token_hash,
                                    const std::string& login, const std::string& password_hash,
                                    Seconds now) override;
  Result<std::optional<ClinicId>> clinic_of_patient(PatientId patient) override;
  Result<Share> share_with_therapist(const Actor& actor, PatientId patient, AccountId therapist,
                                     AccountId shared_by, Seconds expires_at) override;
  Result<bool> revoke_share(const Actor& actor, RecordId share, Seconds now) override;
  Result<std::optional<Share>> share(RecordId id) override;
  Result<std::vector<Share>> active_shares_for(AccountId therapist, Seconds now) override;
  Result<std::vector<Share>> shares_of_patient(PatientId patient) override;

  // Directory (sql_directory.cpp).
  Result<std::vector<DirectoryEntry>> put_therapists(const Actor& actor, ClinicId clinic,
                                                     const std::vector<DirectoryEntry>& entries,
                                                     bool replace) override;
  Result<std::vector<DirectoryEntry>> therapists_of_clinic(ClinicId clinic) override;
  Result<std::optional<DirectoryEntry>> therapist_entry(RecordId id) override;
  Result<bool> remove_therapist(const Actor& actor, RecordId id) override;

 private:
  // Runs `body` in one write transaction and commits; any failure rolls
  // back and becomes an Error (see Store's error codes).
  template <class T, class Body>
  Result<T> transact(Body&& body) {
    return transact_with<T>(sql::Durability::full, std::forward<Body>(body));
  }

  // The same for a read whose only write is its audit line, committed with
  // Durability::relaxed.
  template <class T, class Body>
  Result<T> transact_read(Body&& body) {
    return transact_with<T>(sql::Durability::relaxed, std::forward<Body>(body));
  }

  template <class T, class Body>
  Result<T> transact_with(sql::Durability durability, Body&& body) {
    try {
      connection_->begin(durability);
    } catch (const sql::DatabaseError& error) {
      return database_error(error);
    }
    try {
      T value = body();
      connection_->commit();
      return value;
    } catch (const Refusal& refusal) {
      connection_->rollback();
      return refusal.error;
    } catch (const sql::DatabaseError& error) {
      connection_->rollback();
      return database_error(error);
    }
  }

  // Runs `body` outside any transaction: reads of one statement, or whose
  // statements need not agree with each other. Errors as in transact().
  template <class T, class Body>
  Result<T> read_only(Body&& body) {
    try {
      return body();
    } catch (const Refusal& refusal) {
      return refusal.error;
    } catch (const sql::DatabaseError& error) {
      return database_error(error);
    }
  }

  void require_patient(PatientId patient);
  void require_clinic(ClinicId clinic);
  void audit(const Actor& actor, std::string_view action, std::optional<PatientId> patient,
             const std::string& record);

  Patient read_patient(PatientId patient);
  std::vector<IntakeRecord> read_intakes(PatientId patient, bool latest_only);
  std::vector<AssessmentRecord> read_assessments(PatientId patient, bool latest_only);
  std::vector<PlanRecord> read_plans(PatientId patient, bool latest_only);
  std::vector<SessionRecord> read_sessions(PatientId patient);
  std::vector<JournalRecord> read_journal(PatientId patient);
  std::vector<RecordId> insert_journal_entries(PatientId patient,
                                               std::span<const core::JournalEntry> entries);
  void insert_activities(std::span<const core::JournalEntry> entries,
                         const std::vector<RecordId>& ids);
  PlanRecord insert_plan(PatientId patient, const NewPlan& plan, Seconds created_at);
  Patient insert_patient(const Actor& actor, const NewPatient& patient, Seconds created_at);

  // Accounts (sql_accounts.cpp), inside a transaction.
  std::optional<Account> find_account(AccountId id);
  Account insert_account(const Actor& actor, const NewAccount& account, Seconds created_at);
  void end_sessions_of(AccountId account);
  std::size_t erase_accounts_of(PatientId patient);
  // Refuses an entry linked to an account that is not a therapist of `clinic`.
  void check_directory_account(const DirectoryEntry& entry, ClinicId clinic,
                               const std::string& where);

  std::unique_ptr<sql::Connection> connection_;
  const Clock& clock_;
};

}  // namespace mn::store
