#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mn::store::sql {

// A parameter or a column value. Booleans are stored as integers 0/1 and
// times as integer UTC seconds on both backends, so one SQL text serves both.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Row {
  std::vector<Value> values;

  bool is_null(std::size_t column) const;
  // Preconditions: the column exists and holds that type (an integer column
  // is also readable as a double). Throws DatabaseError otherwise: a broken
  // invariant between our schema and our queries.
  std::int64_t integer(std::size_t column) const;
  double real(std::size_t column) const;
  const std::string& text(std::size_t column) const;
};

enum class Dialect : std::uint8_t { sqlite, postgresql };

// How durable a transaction's commit must be when commit() returns.
//   full     on disk (SQLite synchronous=FULL; PostgreSQL's default).
//   relaxed  handed to the database but not yet flushed to disk: it survives
//            the program crashing, and is lost only if the machine loses
//            power (or the database server crashes) before it is flushed:
//            by the next full commit on the same database (which flushes
//            everything before it), PostgreSQL's WAL writer (within 3 x
//            wal_writer_delay, 0.6 s by default), SQLite's next checkpoint
//            or the kernel writing its cache back. For transactions whose
//            only write is the audit line of a read (SQLite
//            synchronous=NORMAL in WAL mode; PostgreSQL synchronous_commit
//            off): a flush per read was the largest single cost of reading
//            a record.
enum class Durability : std::uint8_t { full, relaxed };

// A failure reported by the database. `kind` says what the caller may do.
class DatabaseError : public std::runtime_error {
 public:
  enum class Kind : std::uint8_t {
    constraint,      // a UNIQUE, FOREIGN KEY or CHECK constraint refused the write
    busy,            // locked by another writer for longer than the timeout
    commit_unknown,  // the connection was lost during COMMIT: the write may or may not be saved
    unavailable,     // cannot connect or the connection is gone
    other,
  };
  DatabaseError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One connection to one database. SQL texts use PostgreSQL's numbered
// placeholders ($1, $2, ...) on both backends. Not thread-safe: one
// connection per thread. Every method throws DatabaseError on failure.
class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Dialect dialect() const = 0;

  // Runs one or more statements without parameters (schema migrations).
  virtual void execute_script(std::string_view sql) = 0;

  // Runs one statement and returns every row it produced. Implementations
  // cache the prepared statement by its text.
  virtual std::vector<Row> query(std::string_view sql, std::span<const Value> parameters) = 0;
  std::vector<Row> query(std::string_view sql) { return query(sql, {}); }

  // Runs one statement and calls `visit` for each row as it arrives; the
  // Row is reused between calls, so long results need no memory of their
  // own. The default collects them with query().
  virtual void for_each_row(std::string_view sql, std::span<const Value> parameters,
                            const std::function<void(const Row&)>& visit) {
    for (const Row& row : query(sql, parameters)) visit(row);
  }

  // Explicit transactions. begin() starts a write transaction (SQLite:
  // BEGIN IMMEDIATE, so writers queue at the start, not at the first write).
  // commit() returns only when the transaction is as durable as begin() was
  // told (see Durability); when the outcome
  // is unknown it throws Kind::commit_unknown and the caller must not
  // report the write as saved. When any statement inside the transaction
  // failed, commit() rolls back and throws instead (PostgreSQL would answer
  // COMMIT with ROLLBACK; SQLite would keep the other statements' writes).
  // When commit() throws, the transaction is over. rollback() never throws.
  virtual void begin(Durability durability) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // Removes what deleted rows may leave behind outside the tables (SQLite:
  // a TRUNCATE checkpoint of the write-ahead log). Outside a transaction.
  virtual void purge_deleted() = 0;

  // The backend's own consistency check; "ok" or its findings.
  virtual std::string integrity_check() = 0;
};

}  // namespace mn::store::sql
