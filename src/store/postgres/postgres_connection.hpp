#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.hpp"

namespace mn::store::sql {

// A connection to a PostgreSQL server through libpqxx, for one thread.
//
// Statements are prepared once per connection and SQL text, and run with
// their parameters sent separately (int64 and double as decimal text, null as
// SQL NULL); PostgreSQL infers each parameter's type from where it appears,
// so a bare `SELECT $1` returns text. Result columns: smallint, integer and
// bigint read as integers, real, double precision and numeric as reals,
// boolean as the integer 0 or 1, every other type as its text.
//
// Errors: a UNIQUE, FOREIGN KEY, CHECK or NOT NULL refusal is `constraint`; a
// serialization failure, deadlock or lock timeout is `busy`; failing to
// connect, or a connection known to be gone before a statement was sent, is
// `unavailable`. A connection lost while a statement ran is `unavailable`
// inside begin() ... commit() (the server rolls the transaction back) and
// `commit_unknown` during commit() or during a statement outside a
// transaction (its own implicit commit): it may or may not have been saved.
// The connection is never silently re-opened; open a new one. Messages are
// PostgreSQL's terse ones (no DETAIL, which can quote a row's values).
//
// Once a statement inside begin() ... commit() has failed, PostgreSQL has
// aborted the transaction and would answer COMMIT with ROLLBACK and no error:
// commit() then rolls back and throws instead. When commit() throws, the
// transaction is over (rolled back, or unknown for commit_unknown).
class PostgresConnection final : public Connection {
  struct Passkey {
    explicit Passkey() = default;
  };

 public:
  struct State;  // the libpqxx objects, kept out of this header

  // Connects to a libpq connection URI ("postgresql://user@host:port/db",
  // key=value strings work too). Throws DatabaseError(unavailable) with
  // libpq's reason; neither the message nor anything else repeats the
  // password.
  static std::unique_ptr<PostgresConnection> open(const std::string& url);

  PostgresConnection(Passkey, std::unique_ptr<State> state);  // use open()
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::postgresql; }
  void execute_script(std::string_view sql) override;
  using Connection::query;
  std::vector<Row> query(std::string_view sql, std::span<const Value> parameters) override;
  void begin(Durability durability) override;
  void commit() override;
  void rollback() noexcept override;
  // A plain VACUUM of the database (see the .cpp for what it does not do).
  void purge_deleted() override;
  // "ok" once the server answers; see the .cpp.
  std::string integrity_check() override;

 private:
  std::unique_ptr<State> state_;
};

// `connection` (a libpq URI or key=value string) with every password in it
// replaced by "***", for messages and logs.
std::string redact_password(std::string_view connection);

}  // namespace mn::store::sql
