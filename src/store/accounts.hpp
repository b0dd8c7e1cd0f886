#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/records.hpp"

namespace mn::store {

// An account may hold several roles (an admin who is also a clinician).
enum class Role : std::uint8_t { patient = 1, clinician = 2, therapist = 4, admin = 8 };

struct Roles {
  std::uint8_t bits = 0;
  bool has(Role role) const { return (bits & static_cast<std::uint8_t>(role)) != 0; }
  Roles& add(Role role) {
    bits = static_cast<std::uint8_t>(bits | static_cast<std::uint8_t>(role));
    return *this;
  }
};

struct Clinic {
  ClinicId id = 0;
  std::string name;
  Seconds created_at = 0;
};

struct NewAccount {
  std::string login;  // 3..100 characters: letters, digits, . _ - @ (case is kept, compared as is)
  std::string display_name;   // 1..200 characters
  std::string password_hash;  // argon2id string from libsodium; never the password
  Roles roles;
  std::optional<ClinicId> clinic;    // required for patient, clinician, therapist
  std::optional<PatientId> patient;  // the person's own record, for a patient
};

struct Account {
  AccountId id = 0;
  std::string login;
  std::string display_name;
  Roles roles;
  std::optional<ClinicId> clinic;
  std::optional<PatientId> patient;
  bool disabled = false;
  Seconds created_at = 0;
  Seconds password_changed_at = 0;
};

// What sign-in reads: the account and its password hash.
struct Credentials {
  Account account;
  std::string password_hash;
};

// A signed-in session or an API token. Only a hash of the token is stored,
// so a copy of the database does not let anyone sign in.
enum class SessionKind : std::uint8_t { cookie, bearer };

struct NewLoginSession {
  std::string token_hash;  // hex, 64 characters
  SessionKind kind = SessionKind::cookie;
  AccountId account = 0;
  std::string csrf_token;  // for cookie sessions; empty for bearer tokens
  Seconds created_at = 0;
  Seconds expires_at = 0;  // absolute expiry
};

struct LoginSession {
  std::string token_hash;
  SessionKind kind = SessionKind::cookie;
  Account account;
  std::string csrf_token;
  Seconds created_at = 0;
  Seconds last_seen_at = 0;
  Seconds expires_at = 0;
};

// A one-time invitation a clinician gives a new patient or therapist (an
// admin, a new clinician).
struct NewInvitation {
  std::string token_hash;
  ClinicId clinic = 0;
  Role role = Role::patient;  // patient, clinician or therapist
  std::string display_name;
  std::string time_zone = "UTC";  // for a patient's record
  AccountId invited_by = 0;
  Seconds created_at = 0;
  Seconds expires_at = 0;
};

struct Invitation {
  RecordId id = 0;
  ClinicId clinic = 0;
  Role role = Role::patient;
  std::string display_name;
  std::string time_zone;
  AccountId invited_by = 0;
  Seconds created_at = 0;
  Seconds expires_at = 0;
};

// A patient's records shared with a therapist, until revoked or expired.
struct Share {
  RecordId id = 0;
  PatientId patient = 0;
  AccountId therapist = 0;
  AccountId shared_by = 0;
  Seconds created_at = 0;
  Seconds expires_at = 0;
  std::optional<Seconds> revoked_at;
};

// Who may sign in, their sessions, invitations and shares. Same conventions
// as Store: validated input, one transaction per write, errors "invalid"
// (with the field), "not_found", "duplicate" (a login already taken),
// "conflict", "busy", "commit_unknown", "database". Account changes go to
// the audit trail with the actor; sessions and sign-in failures do not (they
// are not health data and would flood it).
class Accounts {
 public:
  virtual ~Accounts() = default;
  Accounts() = default;
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // A clinic and its first admin, in one transaction. `admin` must hold the
  // admin role and leave `clinic` empty: it belongs to the new clinic.
  virtual Result<Account> create_clinic_with_admin(const Actor& actor, const std::string& clinic,
                                                   const NewAccount& admin) = 0;
  virtual Result<std::optional<Clinic>> clinic(ClinicId id) = 0;

  // The clinic must exist ("not_found", where "clinic"); a patient's record
  // must be in the account's clinic and have no account yet ("conflict").
  virtual Result<Account> create_account(const Actor& actor, const NewAccount& account) = 0;
  virtual Result<std::optional<Account>> account(AccountId id) = 0;
  virtual Result<std::optional<Credentials>> credentials(const std::string& login) = 0;
  // In id order; "not_found" for an unknown clinic.
  virtual Result<std::vector<Account>> accounts_of_clinic(ClinicId clinic) = 0;
  // Sets the hash and ends every session and token of the account
  // ("not_found" for an unknown account, as in set_disabled).
  virtual Result<bool> set_password(const Actor& actor, AccountId account,
                                    const std::string& password_hash, Seconds now) = 0;
  // A disabled account cannot sign in; its sessions end.
  virtual Result<bool> set_disabled(const Actor& actor, AccountId account, bool disabled) = 0;

  // Refused for an unknown ("not_found") or disabled ("invalid") account.
  virtual Result<bool> create_session(const NewLoginSession& session) = 0;
  // The session with its account, or nullopt when unknown. Returned as
  // stored: the caller compares its expiry and idle time with its clock.
  virtual Result<std::optional<LoginSession>> session(const std::string& token_hash) = 0;
  // Moves last_seen_at to `now` (never backwards); false for an unknown session.
  virtual Result<bool> touch_session(const std::string& token_hash, Seconds now) = 0;
  // False when there was no such session.
  virtual Result<bool> end_session(const std::string& token_hash) = 0;
  // Removes sessions past their absolute expiry or idle since `idle_before`.
  virtual Result<std::size_t> end_expired_sessions(Seconds now, Seconds idle_before) = 0;

  // Sign-in failures, counted per key ("account:alice", "address:10.0.0.1").
  virtual Result<bool> record_login_failure(const std::string& key, Seconds at) = 0;
  virtual Result<std::size_t> login_failures_since(const std::string& key, Seconds since) = 0;
  virtual Result<bool> clear_login_failures(const std::string& key) = 0;

  virtual Result<Invitation> create_invitation(const Actor& actor,
                                               const NewInvitation& invitation) = 0;
  // Takes an unexpired, unused invitation and creates its account (and, for
  // a patient, their record in the clinic) in one transaction; the
  // invitation cannot be used again. "not_found" for an unknown, used or
  // expired token.
  virtual Result<Account> accept_invitation(const Actor& actor, const std::string& token_hash,
                                            const std::string& login,
                                            const std::string& password_hash, Seconds now) = 0;

  // The clinic a person's record belongs to (nullopt: none; "not_found":
  // no such person). Not audited: it is not health data and access checks
  // need it before any read.
  virtual Result<std::optional<ClinicId>> clinic_of_patient(PatientId patient) = 0;
  // The therapist must be an enabled therapist account of the person's
  // clinic ("invalid", where "therapist"); `expires_at` in the future.
  virtual Result<Share> share_with_therapist(const Actor& actor, PatientId patient,
                                             AccountId therapist, AccountId shared_by,
                                             Seconds expires_at) = 0;
  // False when it was revoked before (the first revocation stands).
  virtual Result<bool> revoke_share(const Actor& actor, RecordId share, Seconds now) = 0;
  virtual Result<std::optional<Share>> share(RecordId id) = 0;
  // Shares given to a therapist that are neither revoked nor expired at `now`.
  virtual Result<std::vector<Share>> active_shares_for(AccountId therapist, Seconds now) = 0;
  // Every share of the person, revoked and expired ones too, in id order.
  virtual Result<std::vector<Share>> shares_of_patient(PatientId patient) = 0;
};

}  // namespace mn::store
