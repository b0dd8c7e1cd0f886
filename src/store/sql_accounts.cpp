// SqlStore as Accounts: clinics, accounts and invitations. Sign-in sessions
// are in sql_login_sessions.cpp, shares in sql_shares.cpp.
#include <array>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"
#include "store/validation.hpp"

namespace mn::store {

using sql::Row;
using sql::Value;

namespace {

std::string account_record(AccountId id) { return "account/" + std::to_string(id); }

}  // namespace

// ---- Clinics -----------------------------------------------------------------------

Result<Account> SqlStore::create_clinic_with_admin(const Actor& actor, const std::string& clinic,
                                                   const NewAccount& admin) {
  if (auto problem = check_clinic_name(clinic)) return *problem;
  if (!admin.roles.has(Role::admin)) {
    return Error{"invalid", "roles", "the first account of a clinic is its admin"};
  }
  if (admin.clinic) {
    return Error{"invalid", "clinic", "the admin belongs to the new clinic; leave it empty"};
  }
  return transact<Account>([&] {
    const Seconds now = clock_.now();
    const std::array<Value, 2> row{clinic, now};
    const ClinicId id =
        connection_
            ->query("INSERT INTO clinics (name, created_at) VALUES ($1, $2) RETURNING id", row)
            .at(0)
            .integer(0);
    audit(actor, "create", std::nullopt, "clinic/" + std::to_string(id));
    NewAccount account = admin;
    account.clinic = id;
    // Checked here, once the clinic has its id; refusing rolls the clinic back.
    if (auto problem = check_new_account(account)) throw Refusal{*problem};
    return insert_account(actor, account, now);
  });
}

Result<std::optional<Clinic>> SqlStore::clinic(ClinicId id) {
  return read_only<std::optional<Clinic>>([&]() -> std::optional<Clinic> {
    const std::array<Value, 1> key{id};
    const auto rows =
        connection_->query("SELECT id, name, created_at FROM clinics WHERE id = $1", key);
    if (rows.empty()) return std::nullopt;
    return Clinic{rows.front().integer(0), rows.front().text(1), rows.front().integer(2)};
  });
}

// ---- Accounts ----------------------------------------------------------------------

std::optional<Account> SqlStore::find_account(AccountId id) {
  const std::array<Value, 1> key{id};
  const auto rows = connection_->query(
      "SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE id = $1", key);
  if (rows.empty()) return std::nullopt;
  return account_from(rows.front());
}

// Precondition: check_new_account(account) found nothing wrong.
Account SqlStore::insert_account(const Actor& actor, const NewAccount& account,
                                 Seconds created_at) {
  if (account.clinic) require_clinic(*account.clinic);
  if (account.patient) {
    const std::array<Value, 1> key{*account.patient};
    const auto rows = connection_->query("SELECT clinic_id FROM patients WHERE id = $1", key);
    if (rows.empty()) throw Refusal{unknown_patient(*account.patient)};
    if (optional_integer(rows.front(), 0) != account.clinic) {
      throw Refusal{Error{"invalid", "patient",
                          "patient " + std::to_string(*account.patient) +
                              " belongs to another clinic than the account"}};
    }
    if (!connection_->query("SELECT 1 FROM accounts WHERE patient_id = $1", key).empty()) {
      throw Refusal{
          Error{"conflict", "patient",
                "patient " + std::to_string(*account.patient) + " already has an account"}};
    }
  }
  // A named refusal rather than the UNIQUE constraint's message.
  const std::array<Value, 1> login{account.login};
  if (!connection_->query("SELECT 1 FROM accounts WHERE login = $1", login).empty()) {
    throw Refusal{Error{"duplicate", "login", "the login '" + account.login + "' is taken"}};
  }
  const std::array<Value, 7> row{account.login,
                                 account.display_name,
                                 account.password_hash,
                                 std::int64_t{account.roles.bits},
                                 optional_value(account.clinic),
                                 optional_value(account.patient),
                                 created_at};
  const AccountId id =
      connection_
          ->query(
              "INSERT INTO accounts (login, display_name, password_hash, roles, clinic_id, "
              "patient_id, disabled, created_at, password_changed_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7) RETURNING id",
              row)
          .at(0)
          .integer(0);
  audit(actor, "create", std::nullopt, account_record(id));
  return Account{id,
                 account.login,
                 account.display_name,
                 account.roles,
                 account.clinic,
                 account.patient,
                 false,
                 created_at,
                 created_at};
}

Result<Account> SqlStore::create_account(const Actor& actor, const NewAccount& account) {
  if (auto problem = check_new_account(account)) return *problem;
  return transact<Account>([&] { return insert_account(actor, account, clock_.now()); });
}

Result<std::optional<Account>> SqlStore::account(AccountId id) {
  return read_only<std::optional<Account>>([&] { return find_account(id); });
}

Result<std::optional<Credentials>> SqlStore::credentials(const std::string& login) {
  // A login that could not have been created is simply unknown.
  if (check_login(login)) return std::optional<Credentials>{};
  return read_only<std::optional<Credentials>>([&]() -> std::optional<Credentials> {
    const std::array<Value, 1> key{login};
    const auto rows =
        connection_->query("SELECT " + std::string(kAccountColumns) +
                               ", accounts.password_hash FROM accounts WHERE login = $1",
                           key);
    if (rows.empty()) return std::nullopt;
    return Credentials{account_from(rows.front()), rows.front().text(kAccountColumnCount)};
  });
}

Result<std::vector<Account>> SqlStore::accounts_of_clinic(ClinicId clinic) {
  return read_only<std::vector<Account>>([&] {
    require_clinic(clinic);
    const std::array<Value, 1> key{clinic};
    std::vector<Account> accounts;
    for (const Row& row : connection_->query("SELECT " + std::string(kAccountColumns) +
                                                 " FROM accounts WHERE clinic_id = $1 ORDER BY id",
                                             key)) {
      accounts.push_back(account_from(row));
    }
    return accounts;
  });
}

void SqlStore::end_sessions_of(AccountId account) {
  const std::array<Value, 1> key{account};
  connection_->query("DELETE FROM login_sessions WHERE account_id = $1", key);
}

Result<bool> SqlStore::set_password(const Actor& actor, AccountId account,
                                    const std::string& password_hash, Seconds now) {
  if (auto problem = check_password_hash(password_hash)) return *problem;
  return transact<bool>([&] {
    const std::array<Value, 3> row{account, password_hash, now};
    if (connection_
            ->query(
                "UPDATE accounts SET password_hash = $2, password_changed_at = $3 WHERE id = $1 "
                "RETURNING id",
                row)
            .empty()) {
      throw Refusal{unknown("account", account)};
    }
    end_sessions_of(account);
    audit(actor, "password", std::nullopt, account_record(account));
    return true;
  });
}

Result<bool> SqlStore::set_disabled(const Actor& actor, AccountId account, bool disabled) {
  return transact<bool>([&] {
    const std::array<Value, 2> row{account, std::int64_t{disabled ? 1 : 0}};
    if (connection_->query("UPDATE accounts SET disabled = $2 WHERE id = $1 RETURNING id", row)
            .empty()) {
      throw Refusal{unknown("account", account)};
    }
    if (disabled) end_sessions_of(account);
    audit(actor, disabled ? "disable" : "enable", std::nullopt, account_record(account));
    return true;
  });
}

// Sessions go by cascade, and so does the invitation the account came from:
// it holds the person's name.
std::size_t SqlStore::erase_accounts_of(PatientId patient) {
  const std::array<Value, 1> key{patient};
  const auto removed = static_cast<std::size_t>(
      connection_
          ->query("SELECT (SELECT COUNT(*) FROM accounts WHERE patient_id = $1) + "
                  "(SELECT COUNT(*) FROM login_sessions s JOIN accounts a ON a.id = s.account_id "
                  "WHERE a.patient_id = $1) + "
                  "(SELECT COUNT(*) FROM invitations i JOIN accounts a ON a.id = i.account_id "
                  "WHERE a.patient_id = $1)",
                  key)
          .at(0)
          .integer(0));
  connection_->query("DELETE FROM accounts WHERE patient_id = $1", key);
  return removed;
}

// ---- Invitations -------------------------------------------------------------------

Result<Invitation> SqlStore::create_invitation(const Actor& actor,
                                               const NewInvitation& invitation) {
  if (auto problem = check_new_invitation(invitation)) return *problem;
  return transact<Invitation>([&] {
    require_clinic(invitation.clinic);
    if (!find_account(invitation.invited_by)) {
      throw Refusal{Error{"not_found", "invited_by",
                          "account " + std::to_string(invitation.invited_by) + " does not exist"}};
    }
    const std::array<Value, 1> token{invitation.token_hash};
    if (!connection_->query("SELECT 1 FROM invitations WHERE token_hash = $1", token).empty()) {
      throw Refusal{Error{"conflict", "token_hash", "an invitation with this token exists"}};
    }
    const std::array<Value, 8> row{invitation.token_hash,
                                   invitation.clinic,
                                   std::int64_t{static_cast<std::uint8_t>(invitation.role)},
                                   invitation.display_name,
                                   invitation.time_zone,
                                   invitation.invited_by,
                                   invitation.created_at,
                                   invitation.expires_at};
    const RecordId id =
        connection_
            ->query(
                "INSERT INTO invitations (token_hash, clinic_id, role, display_name, time_zone, "
                "invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                "RETURNING id",
                row)
            .at(0)
            .integer(0);
    audit(actor, "create", std::nullopt, "invitation/" + std::to_string(id));
    return Invitation{id,
                      invitation.clinic,
                      invitation.role,
                      invitation.display_name,
                      invitation.time_zone,
                      invitation.invited_by,
                      invitation.created_at,
                      invitation.expires_at};
  });
}

Result<Account> SqlStore::accept_invitation(const Actor& actor, const std::string& token_hash,
                                            const std::string& login,
                                            const std::string& password_hash, Seconds now) {
  if (auto problem = check_token_hash(token_hash)) return *problem;
  if (auto problem = check_login(login)) return *problem;
  if (auto problem = check_password_hash(password_hash)) return *problem;
  return transact<Account>([&] {
    // Claimed by the update itself: on PostgreSQL a second transaction
    // taking the same invitation waits for this one, then finds it used.
    const std::array<Value, 2> key{token_hash, now};
    const auto rows = connection_->query(
        "UPDATE invitations SET used_at = $2 "
        "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 "
        "RETURNING id, clinic_id, role, display_name, time_zone",
        key);
    if (rows.empty()) {
      throw Refusal{Error{"not_found", "invitation", "the invitation is unknown, used or expired"}};
    }
    const Row& found = rows.front();
    const RecordId invitation = found.integer(0);
    NewAccount account{login,   found.text(3),    password_hash,
                       Roles{}, found.integer(1), std::nullopt};
    account.roles.add(static_cast<Role>(found.integer(2)));
    if (account.roles.has(Role::patient)) {
      account.patient =
          insert_patient(actor, NewPatient{found.text(3), found.text(4), account.clinic}, now).id;
    }
    Account created = insert_account(actor, account, now);
    const std::array<Value, 2> used{invitation, created.id};
    connection_->query("UPDATE invitations SET account_id = $2 WHERE id = $1", used);
    return created;
  });
}

}  // namespace mn::store
