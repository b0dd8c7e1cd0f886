// SqlStore as Accounts: sign-in sessions and API tokens, and the count of
// failed sign-ins. None of this goes to the audit trail (see accounts.hpp).
#include <array>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"
#include "store/validation.hpp"

namespace mn::store {

using sql::Row;
using sql::Value;

namespace {

constexpr Seconds kLoginFailureMemory = Seconds{24} * 60 * 60;

std::string_view kind_text(SessionKind kind) {
  return kind == SessionKind::bearer ? "bearer" : "cookie";
}

}  // namespace

Result<bool> SqlStore::create_session(const NewLoginSession& session) {
  if (auto problem = check_new_login_session(session)) return *problem;
  return transact<bool>([&] {
    const auto account = find_account(session.account);
    if (!account) throw Refusal{unknown("account", session.account)};
    if (account->disabled) {
      throw Refusal{Error{"invalid", "account",
                          "account " + std::to_string(session.account) + " is disabled"}};
    }
    const std::array<Value, 1> token{session.token_hash};
    if (!connection_->query("SELECT 1 FROM login_sessions WHERE token_hash = $1", token).empty()) {
      throw Refusal{Error{"conflict", "token_hash", "a session with this token exists"}};
    }
    const std::array<Value, 6> row{session.token_hash, std::string(kind_text(session.kind)),
                                   session.account,    session.csrf_token,
                                   session.created_at, session.expires_at};
    connection_->query(
        "INSERT INTO login_sessions (token_hash, kind, account_id, csrf_token, created_at, "
        "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)",
        row);
    return true;
  });
}

Result<std::optional<LoginSession>> SqlStore::session(const std::string& token_hash) {
  if (auto problem = check_token_hash(token_hash)) return *problem;
  return read_only<std::optional<LoginSession>>([&]() -> std::optional<LoginSession> {
    const std::array<Value, 1> key{token_hash};
    const auto rows =
        connection_->query("SELECT " + std::string(kAccountColumns) +
                               ", s.kind, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at "
                               "FROM login_sessions s JOIN accounts ON accounts.id = s.account_id "
                               "WHERE s.token_hash = $1",
                           key);
    if (rows.empty()) return std::nullopt;
    const Row& row = rows.front();
    constexpr std::size_t first = kAccountColumnCount;
    return LoginSession{token_hash,
                        row.text(first) == "bearer" ? SessionKind::bearer : SessionKind::cookie,
                        account_from(row),
                        row.text(first + 1),
                        row.integer(first + 2),
                        row.integer(first + 3),
                        row.integer(first + 4)};
  });
}

Result<bool> SqlStore::touch_session(const std::string& token_hash, Seconds now) {
  if (auto problem = check_token_hash(token_hash)) return *problem;
  return transact<bool>([&] {
    // Never backwards: requests of one session may finish out of order.
    const std::array<Value, 2> row{token_hash, now};
    return !connection_
                ->query(
                    "UPDATE login_sessions SET last_seen_at = "
                    "CASE WHEN last_seen_at < $2 THEN $2 ELSE last_seen_at END "
                    "WHERE token_hash = $1 RETURNING token_hash",
                    row)
                .empty();
  });
}

Result<bool> SqlStore::end_session(const std::string& token_hash) {
  if (auto problem = check_token_hash(token_hash)) return *problem;
  return transact<bool>([&] {
    const std::array<Value, 1> key{token_hash};
    return !connection_
                ->query("DELETE FROM login_sessions WHERE token_hash = $1 RETURNING token_hash",
                        key)
                .empty();
  });
}

Result<std::size_t> SqlStore::end_expired_sessions(Seconds now, Seconds idle_before) {
  return transact<std::size_t>([&] {
    const std::array<Value, 2> row{now, idle_before};
    return connection_
        ->query(
            "DELETE FROM login_sessions WHERE expires_at <= $1 OR last_seen_at < $2 "
            "RETURNING token_hash",
            row)
        .size();
  });
}

// ---- Failed sign-ins -----------------------------------------------------------------

Result<bool> SqlStore::record_login_failure(const std::string& key, Seconds at) {
  if (auto problem = check_login_failure_key(key)) return *problem;
  return transact<bool>([&] {
    // Failures older than a day count for nothing; dropping them here keeps
    // the table small without a separate clean-up.
    const std::array<Value, 1> old{at - kLoginFailureMemory};
    connection_->query("DELETE FROM login_failures WHERE at < $1", old);
    const std::array<Value, 2> row{key, at};
    connection_->query("INSERT INTO login_failures (key, at) VALUES ($1, $2)", row);
    return true;
  });
}

Result<std::size_t> SqlStore::login_failures_since(const std::string& key, Seconds since) {
  if (auto problem = check_login_failure_key(key)) return *problem;
  return read_only<std::size_t>([&] {
    const std::array<Value, 2> row{key, since};
    return static_cast<std::size_t>(
        connection_->query("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2", row)
            .at(0)
            .integer(0));
  });
}

Result<bool> SqlStore::clear_login_failures(const std::string& key) {
  if (auto problem = check_login_failure_key(key)) return *problem;
  return transact<bool>([&] {
    const std::array<Value, 1> row{key};
    connection_->query("DELETE FROM login_failures WHERE key = $1", row);
    return true;
  });
}

}  // namespace mn::store
