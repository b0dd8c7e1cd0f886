#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.hpp"

// From <sqlite3.h>, kept out of this header.
struct sqlite3;
struct sqlite3_stmt;

namespace mn::store::sql {

// A connection to one SQLite database file, for one thread.
//
// The file is opened in write-ahead-log mode with synchronous=FULL (every
// acknowledged commit is on disk), foreign keys enforced, secure_delete on
// (a deleted row's bytes are zeroed in the database file) and a 5 s busy
// timeout. SQL uses $1, $2, ... placeholders: each is bound by its number,
// wherever it appears; a statement must use every parameter it is given and
// be given every parameter it uses.
//
// Transactions behave as on PostgreSQL: once a statement inside begin() ...
// commit() has failed, commit() rolls the whole transaction back and throws
// (SQLite alone would keep the other statements' writes). When commit()
// throws, the transaction has been rolled back.
class SqliteConnection final : public Connection {
  struct Passkey {
    explicit Passkey() = default;
  };

 public:
  // Opens (creating if missing) the database at `path`; its directory must
  // exist. Throws DatabaseError(unavailable) naming the path and SQLite's
  // reason, also when the file is not a database or cannot use WAL.
  static std::unique_ptr<SqliteConnection> open(const std::string& path);

  SqliteConnection(Passkey, sqlite3* db);  // use open()
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  void execute_script(std::string_view sql) override;
  using Connection::query;
  std::vector<Row> query(std::string_view sql, std::span<const Value> parameters) override;
  void for_each_row(std::string_view sql, std::span<const Value> parameters,
                    const std::function<void(const Row&)>& visit) override;
  void begin(Durability durability) override;
  void commit() override;
  void rollback() noexcept override;
  // A TRUNCATE checkpoint: every committed page goes into the database file
  // (where secure_delete has zeroed deleted rows) and the -wal file is cut
  // to 0 bytes. Throws busy when another connection keeps it from finishing.
  void purge_deleted() override;
  std::string integrity_check() override;

 private:
  struct Statement {
    sqlite3_stmt* handle = nullptr;
    // For each SQLite parameter index i (from 1), the number N of its "$N"
    // at [i - 1].
    std::vector<std::size_t> numbers;
  };

  void configure();
  Statement& prepared(std::string_view sql);
  void bind(const Statement& statement, std::span<const Value> parameters, std::string_view sql);
  bool in_transaction() const;
  void note_failure();

  sqlite3* db_;
  std::map<std::string, Statement, std::less<>> statements_;
  // A statement failed inside the current transaction (see the class comment).
  void restore_full_durability() noexcept;

  bool transaction_failed_ = false;
  bool synchronous_full_ = true;  // PRAGMA synchronous is FULL (else NORMAL)
};

}  // namespace mn::store::sql
