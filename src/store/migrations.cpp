#include "store/migrations.hpp"

#include <array>
#include <string>

namespace mn::store {

namespace {

// Times are integer UTC seconds; yes/no answers are 0/1 integers. Pain has a
// column per body region (NPRS 0..10) so that the database itself refuses an
// out-of-range score; activities (PSFS) have their own table because the
// person names them.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE patients (
  id {id},
  display_name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE intakes (
  id {id},
  patient_id BIGINT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  recorded_at BIGINT NOT NULL,
  intake_json TEXT NOT NULL,
  UNIQUE (patient_id, version)
);
CREATE TABLE assessments (
  id {id},
  patient_id BIGINT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  intake_id BIGINT NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
  assessed_at BIGINT NOT NULL,
  knowledge_version TEXT NOT NULL,
  style TEXT NOT NULL,
  safety_status TEXT NOT NULL,
  assessment_json TEXT NOT NULL
);
CREATE INDEX assessments_by_intake ON assessments (intake_id, id);
CREATE INDEX assessments_by_patient ON assessments (patient_id, id);
CREATE TABLE plans (
  id {id},
  patient_id BIGINT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  created_at BIGINT NOT NULL,
  assessment_id BIGINT REFERENCES assessments (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  plan_json TEXT NOT NULL,
  UNIQUE (patient_id, version)
);
CREATE TABLE sessions (
  id {id},
  patient_id BIGINT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  time BIGINT NOT NULL,
  style TEXT NOT NULL CHECK (style IN ('therapeutic', 'relaxation')),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 10 AND 240),
  therapist TEXT NOT NULL,
  pressure INTEGER NOT NULL CHECK (pressure BETWEEN 1 AND 5)
);
CREATE INDEX sessions_by_patient ON sessions (patient_id, time);
CREATE TABLE journal_entries (
  id {id},
  patient_id BIGINT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  time BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  pain_head INTEGER CHECK (pain_head BETWEEN 0 AND 10),
  pain_jaw INTEGER CHECK (pain_jaw BETWEEN 0 AND 10),
  pain_neck INTEGER CHECK (pain_neck BETWEEN 0 AND 10),
  pain_shoulders INTEGER CHECK (pain_shoulders BETWEEN 0 AND 10),
  pain_upper_back INTEGER CHECK (pain_upper_back BETWEEN 0 AND 10),
  pain_lower_back INTEGER CHECK (pain_lower_back BETWEEN 0 AND 10),
  pain_hips INTEGER CHECK (pain_hips BETWEEN 0 AND 10),
  pain_arms INTEGER CHECK (pain_arms BETWEEN 0 AND 10),
  pain_elbows INTEGER CHECK (pain_elbows BETWEEN 0 AND 10),
  pain_wrists INTEGER CHECK (pain_wrists BETWEEN 0 AND 10),
  pain_hands INTEGER CHECK (pain_hands BETWEEN 0 AND 10),
  pain_legs INTEGER CHECK (pain_legs BETWEEN 0 AND 10),
  pain_knees INTEGER CHECK (pain_knees BETWEEN 0 AND 10),
  pain_feet INTEGER CHECK (pain_feet BETWEEN 0 AND 10),
  stress INTEGER CHECK (stress BETWEEN 0 AND 10),
  sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),
  soreness_hours DOUBLE PRECISION CHECK (soreness_hours >= 0),
  sharp_pain INTEGER CHECK (sharp_pain IN (0, 1)),
  new_symptoms TEXT NOT NULL,
  notes TEXT NOT NULL,
  UNIQUE (patient_id, time)
);
CREATE TABLE journal_activities (
  entry_id BIGINT NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
  name TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  PRIMARY KEY (entry_id, position)
);
CREATE TABLE audit_trail (
  id {id},
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  patient_id BIGINT,
  record TEXT NOT NULL
);
CREATE INDEX audit_by_patient ON audit_trail (patient_id, id);
)sql";

// Reassessment reads each latest assessment's style and safety status; an
// index holding them spares reading the large assessment rows (on SQLite a
// million of them are gigabytes). It also serves what assessments_by_intake
// did.
constexpr std::string_view kAssessmentSummary = R"sql(
CREATE INDEX assessments_summary
  ON assessments (intake_id, id, assessed_at, knowledge_version, style, safety_status);
DROP INDEX assessments_by_intake;
)sql";

// Who may sign in and what they may see. Only hashes of session tokens and
// invitation tokens are stored, and only argon2id hashes of passwords.
// Erasing a person deletes their account (with its sessions and the
// invitation it came from, by cascade) and the shares of their records.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE clinics (
  id {id},
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE accounts (
  id {id},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles INTEGER NOT NULL CHECK (roles BETWEEN 1 AND 15),
  clinic_id BIGINT REFERENCES clinics (id),
  patient_id BIGINT UNIQUE REFERENCES patients (id) ON DELETE SET NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);
CREATE INDEX accounts_by_clinic ON accounts (clinic_id, id);
CREATE TABLE login_sessions (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX login_sessions_by_account ON login_sessions (account_id);
CREATE TABLE login_failures (
  id {id},
  key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
CREATE INDEX login_failures_by_time ON login_failures (at);
CREATE TABLE invitations (
  id {id},
  token_hash TEXT NOT NULL UNIQUE,
  clinic_id BIGINT NOT NULL REFERENCES clinics (id),
  role INTEGER NOT NULL CHECK (role IN (1, 2, 4)),
  display_name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  invited_by BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL CHECK (expires_at > created_at),
  used_at BIGINT,
  account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE
);
CREATE INDEX invitations_by_inviter ON invitations (invited_by);
CREATE INDEX invitations_by_account ON invitations (account_id);
CREATE TABLE shares (
  id {id},
  patient_id BIGINT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  therapist_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  shared_by BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL CHECK (expires_at > created_at),
  revoked_at BIGINT
);
CREATE INDEX shares_by_therapist ON shares (therapist_id, expires_at);
CREATE INDEX shares_by_patient ON shares (patient_id, id);
CREATE INDEX shares_by_sharer ON shares (shared_by);
ALTER TABLE patients ADD COLUMN clinic_id BIGINT REFERENCES clinics (id);
CREATE INDEX patients_by_clinic ON patients (clinic_id, id);
ALTER TABLE audit_trail ADD COLUMN address TEXT NOT NULL DEFAULT '';
)sql";

// A clinic's directory of local therapists (not health data). Trainings and
// styles are bit sets in core's enum order; prices "30=4500;60=8000"
// (minutes=cents, shortest first), checked by check_directory_entry.
constexpr std::string_view kDirectory = R"sql(
CREATE TABLE therapists (
  id {id},
  clinic_id BIGINT NOT NULL REFERENCES clinics (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  practice TEXT NOT NULL,
  licence TEXT NOT NULL,
  board_certified INTEGER NOT NULL CHECK (board_certified IN (0, 1)),
  training INTEGER NOT NULL CHECK (training BETWEEN 0 AND 127),
  styles INTEGER NOT NULL CHECK (styles BETWEEN 1 AND 3),
  accepts_medical_input INTEGER NOT NULL CHECK (accepts_medical_input IN (0, 1)),
  setting TEXT NOT NULL CHECK (setting IN ('calm', 'clinical')),
  latitude DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  address TEXT NOT NULL,
  prices TEXT NOT NULL,
  openings_per_week INTEGER NOT NULL CHECK (openings_per_week BETWEEN 0 AND 50),
  review_count BIGINT NOT NULL CHECK (review_count >= 0),
  rating DOUBLE PRECISION NOT NULL CHECK (rating BETWEEN 0 AND 5),
  account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (clinic_id, code)
);
)sql";

constexpr std::array kMigrations{
    Migration{1, "patients, intakes, assessments, plans, sessions, journal, audit trail",
              kInitialSchema},
    Migration{2, "an index of assessment summaries for reassessment", kAssessmentSummary},
    Migration{3, "clinics, accounts, sign-in sessions, invitations, shares", kAccounts},
    Migration{4, "the therapist directory", kDirectory},
};

std::string for_dialect(std::string_view sql, sql::Dialect dialect) {
  // SQLite: AUTOINCREMENT so that an erased person's id is never handed out
  // again (plain INTEGER PRIMARY KEY reuses the largest freed rowid).
  const std::string_view id = dialect == sql::Dialect::sqlite
                                  ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                  : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  std::string text(sql);
  for (auto at = text.find("{id}"); at != std::string::npos; at = text.find("{id}", at)) {
    text.replace(at, 4, id);
  }
  return text;
}

int current_version(sql::Connection& connection) {
  const auto rows = connection.query("SELECT MAX(version) FROM schema_migrations");
  return rows.empty() || rows.front().is_null(0) ? 0 : static_cast<int>(rows.front().integer(0));
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

Result<int> migrate(sql::Connection& connection, std::int64_t now) {
  connection.begin(sql::Durability::full);
  try {
    if (connection.dialect() == sql::Dialect::postgresql) {
      // Any constant key works; this one spells "mn-schema".
      connection.query("SELECT pg_advisory_xact_lock(7236245137826669)");
    }
    connection.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT NOT NULL)");
    const int found = current_version(connection);
    if (found > latest_schema_version()) {
      connection.rollback();
      return Error{"schema_too_new", "database",
                   "the database has schema version " + std::to_string(found) +
                       ", newer than this program's " + std::to_string(latest_schema_version()) +
                       "; use the massage-navigator that wrote it, or a newer one"};
    }
    for (const Migration& migration : kMigrations) {
      if (migration.version <= found) continue;
      connection.execute_script(for_dialect(migration.sql, connection.dialect()));
      const std::array<sql::Value, 3> row{std::int64_t{migration.version}, now,
                                          std::string(migration.description)};
      connection.query(
          "INSERT INTO schema_migrations (version, applied_at, description) VALUES ($1, $2, $3)",
          row);
    }
    connection.commit();
    return found;
  } catch (...) {
    connection.rollback();
    throw;
  }
}

}  // namespace mn::store
