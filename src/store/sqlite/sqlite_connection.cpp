#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <charconv>
#include <climits>
#include <optional>
#include <utility>

namespace mn::store::sql {

namespace {

using Kind = DatabaseError::Kind;

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kExcerptLength = 120;

Kind kind_of(int code) {
  switch (code & 0xff) {  // the primary code under an extended one
    case SQLITE_CONSTRAINT:
      return Kind::constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Kind::busy;
    default:
      return Kind::other;
  }
}

// The start of a statement, to say which one failed (its values are bound
// parameters, never part of the text).
std::string excerpt(std::string_view sql) {
  if (sql.size() <= kExcerptLength) return std::string(sql);
  return std::string(sql.substr(0, kExcerptLength)) + "...";
}

[[noreturn]] void fail(sqlite3* db, std::string_view sql) {
  throw DatabaseError(kind_of(sqlite3_extended_errcode(db)),
                      "SQLite: " + std::string(sqlite3_errmsg(db)) + " (in: " + excerpt(sql) + ")");
}

[[noreturn]] void refuse(const std::string& message, std::string_view sql) {
  throw DatabaseError(Kind::other, message + " (in: " + excerpt(sql) + ")");
}

// "$7" -> 7. SQLite reads "$7" as a named parameter, which lets one number
// appear several times and in any order, as on PostgreSQL.
std::optional<std::size_t> placeholder_number(const char* name) {
  if (name == nullptr || name[0] != '$') return std::nullopt;
  const std::string_view digits(name + 1);
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size() || number == 0) {
    return std::nullopt;
  }
  return number;
}

// True when `rest` (what follows the first statement) holds another statement
// rather than only blanks and comments.
bool holds_statement(sqlite3* db, std::string_view rest) {
  sqlite3_stmt* handle = nullptr;
  const int code =
      sqlite3_prepare_v2(db, rest.data(), static_cast<int>(rest.size()), &handle, nullptr);
  sqlite3_finalize(handle);
  return code != SQLITE_OK || handle != nullptr;
}

Value column_value(sqlite3_stmt* handle, int column) {
  switch (sqlite3_column_type(handle, column)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(handle, column));
    case SQLITE_FLOAT:
      return sqlite3_column_double(handle, column);
    case SQLITE_TEXT: {
      // Text first, then its size: the order SQLite documents as safe.
      const unsigned char* text = sqlite3_column_text(handle, column);
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle, column));
      if (text == nullptr) throw DatabaseError(Kind::other, "SQLite: out of memory reading text");
      return std::string(reinterpret_cast<const char*>(text), size);
    }
    case SQLITE_BLOB: {
      const void* blob = sqlite3_column_blob(handle, column);
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle, column));
      if (blob == nullptr) return std::string();  // a zero-length blob
      return std::string(static_cast<const char*>(blob), size);
    }
    default:
      return std::monostate{};
  }
}

// Returns a cached statement to its initial state when a use ends, however it
// ends: a statement left stepping would hold a read snapshot open and keep a
// checkpoint from truncating the log.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* handle) : handle_(handle) {}
  ~ResetOnExit() {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* handle_;
};

}  // namespace

std::unique_ptr<SqliteConnection> SqliteConnection::open(const std::string& path) {
  sqlite3* db = nullptr;
  // NOMUTEX: a connection belongs to one thread (see Connection).
  const int opened = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (opened != SQLITE_OK) {
    const std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(opened);
    sqlite3_close_v2(db);
    throw DatabaseError(Kind::unavailable,
                        "cannot open the SQLite database " + path + ": " + reason);
  }
  auto connection = std::make_unique<SqliteConnection>(Passkey{}, db);
  try {
    connection->configure();
  } catch (const DatabaseError& error) {
    throw DatabaseError(Kind::unavailable,
                        "cannot use the SQLite database " + path + ": " + error.what());
  }
  return connection;
}

SqliteConnection::SqliteConnection(Passkey /*unused*/, sqlite3* db) : db_(db) {}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement.handle);
  // Rolls back a transaction still open.
  sqlite3_close_v2(db_);
}

void SqliteConnection::configure() {
  sqlite3_extended_result_codes(db_, 1);
  // First, so that switching to WAL waits for another process opening the
  // same file instead of failing at once.
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);

  // The first statement reads the file: a file that is not a database fails here.
  const auto journal = query("PRAGMA journal_mode=WAL");
  const std::string mode =
      journal.empty() || journal.front().is_null(0) ? "unknown" : journal.front().text(0);
  if (mode != "wal") {
    throw DatabaseError(Kind::other, "the write-ahead log cannot be used (journal_mode is " + mode +
                                         "); an in-memory database or a read-only directory "
                                         "cannot be used");
  }
  // Health data: a commit returns only once the log is synced to disk.
  // foreign_keys is off by default in SQLite. secure_delete zeroes the bytes
  // of deleted rows in the file, so erasure does not leave them readable.
  execute_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON");
  // Each of these is silently ignored where unsupported: check it took.
  for (const char* check : {"PRAGMA synchronous", "PRAGMA foreign_keys", "PRAGMA secure_delete"}) {
    const auto rows = query(check);
    const std::int64_t expected = std::string_view(check) == "PRAGMA synchronous" ? 2 : 1;
    if (rows.empty() || rows.front().integer(0) != expected) {
      throw DatabaseError(Kind::other, std::string(check) + " did not take effect");
    }
  }
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void SqliteConnection::note_failure() {
  if (in_transaction()) transaction_failed_ = true;
}

void SqliteConnection::execute_script(std::string_view sql) {
  try {
    const std::string text(sql);  // sqlite3_exec needs a terminated string
    char* message = nullptr;
    const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
      const std::string reason = message != nullptr ? message : sqlite3_errstr(code);
      sqlite3_free(message);
      throw DatabaseError(kind_of(code), "SQLite: " + reason + " (in: " + excerpt(sql) + ")");
    }
  } catch (const DatabaseError&) {
    note_failure();
    throw;
  }
}

SqliteConnection::Statement& SqliteConnection::prepared(std::string_view sql) {
  if (const auto found = statements_.find(sql); found != statements_.end()) return found->second;

  if (sql.size() > static_cast<std::size_t>(INT_MAX)) refuse("the statement is too long", sql);
  sqlite3_stmt* handle = nullptr;
  const char* tail = nullptr;
  // PERSISTENT: the statement stays in the cache for the connection's life.
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &handle, &tail) != SQLITE_OK) {
    fail(db_, sql);
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(handle, sqlite3_finalize);
  if (handle == nullptr) refuse("no SQL statement", sql);
  if (holds_statement(db_, sql.substr(static_cast<std::size_t>(tail - sql.data())))) {
    refuse("query() runs one statement; use execute_script() for several", sql);
  }

  Statement statement;
  const int count = sqlite3_bind_parameter_count(handle);
  for (int index = 1; index <= count; ++index) {
    const char* name = sqlite3_bind_parameter_name(handle, index);
    const auto number = placeholder_number(name);
    if (!number) {
      refuse(
          "parameter " + std::string(name != nullptr ? name : "?") + " is not one of $1, $2, ...",
          sql);
    }
    statement.numbers.push_back(*number);
  }
  auto& cached = statements_.emplace(std::string(sql), std::move(statement)).first->second;
  cached.handle = owned.release();  // the cache owns it from here on
  return cached;
}

void SqliteConnection::bind(const Statement& statement, std::span<const Value> parameters,
                            std::string_view sql) {
  std::vector<bool> used(parameters.size(), false);
  for (std::size_t at = 0; at < statement.numbers.size(); ++at) {
    const std::size_t number = statement.numbers[at];
    if (number > parameters.size()) {
      refuse("the statement uses $" + std::to_string(number) + " but was given " +
                 std::to_string(parameters.size()) + " parameter(s)",
             sql);
    }
    const int index = static_cast<int>(at + 1);
    const Value& value = parameters[number - 1];
    int code = SQLITE_OK;
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      code = sqlite3_bind_int64(statement.handle, index, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      code = sqlite3_bind_double(statement.handle, index, *real);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      // No copy (SQLITE_STATIC, a null destructor): the parameters outlive
      // the step, and the bindings are cleared before query() returns.
      code = sqlite3_bind_text64(statement.handle, index, text->data(), text->size(), nullptr,
                                 SQLITE_UTF8);
    } else {
      code = sqlite3_bind_null(statement.handle, index);
    }
    if (code != SQLITE_OK) fail(db_, sql);
    used[number - 1] = true;
  }
  for (std::size_t at = 0; at < used.size(); ++at) {
    if (!used[at]) {
      refuse(
          "parameter $" + std::to_string(at + 1) + " was given but the statement does not use it",
          sql);
    }
  }
}

std::vector<Row> SqliteConnection::query(std::string_view sql, std::span<const Value> parameters) {
  try {
    const Statement& statement = prepared(sql);
    const ResetOnExit reset(statement.handle);
    bind(statement, parameters, sql);
    std::vector<Row> rows;
    for (;;) {
      const int code = sqlite3_step(statement.handle);
      if (code == SQLITE_DONE) return rows;
      if (code != SQLITE_ROW) fail(db_, sql);
      const int columns = sqlite3_column_count(statement.handle);
      Row row;
      row.values.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        row.values.push_back(column_value(statement.handle, column));
      }
      rows.push_back(std::move(row));
    }
  } catch (const DatabaseError&) {
    note_failure();
    throw;
  }
}

void SqliteConnection::for_each_row(std::string_view sql, std::span<const Value> parameters,
                                    const std::function<void(const Row&)>& visit) {
  try {
    const Statement& statement = prepared(sql);
    const ResetOnExit reset(statement.handle);
    bind(statement, parameters, sql);
    Row row;
    for (;;) {
      const int code = sqlite3_step(statement.handle);
      if (code == SQLITE_DONE) return;
      if (code != SQLITE_ROW) fail(db_, sql);
      const int columns = sqlite3_column_count(statement.handle);
      row.values.resize(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        row.values[static_cast<std::size_t>(column)] = column_value(statement.handle, column);
      }
      visit(row);
    }
  } catch (const DatabaseError&) {
    note_failure();
    throw;
  }
}

void SqliteConnection::begin(Durability durability) {
  transaction_failed_ = false;
  // Per connection, and only between transactions. Every transaction sets
  // what it needs, so a failed reset after a relaxed one cannot leak.
  if (const bool full = durability == Durability::full; full != synchronous_full_) {
    query(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    synchronous_full_ = full;
  }
  // IMMEDIATE takes the write lock now, so a second writer waits (up to the
  // busy timeout) here rather than failing at its first write.
  query("BEGIN IMMEDIATE");
}

void SqliteConnection::commit() {
  if (transaction_failed_) {
    rollback();
    throw DatabaseError(Kind::other,
                        "the transaction was rolled back: a statement in it had failed");
  }
  try {
    query("COMMIT");
  } catch (const DatabaseError&) {
    // Also after busy: retrying here could wait without bound; the caller
    // decides whether to run the whole transaction again.
    rollback();
    throw;
  }
  restore_full_durability();
}

// Statements outside begin() ... commit() commit on their own: they get FULL.
void SqliteConnection::restore_full_durability() noexcept {
  if (synchronous_full_) return;
  if (sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) == SQLITE_OK) {
    synchronous_full_ = true;
  }
}

void SqliteConnection::rollback() noexcept {
  transaction_failed_ = false;
  // SQLite has already rolled back after some errors (a full disk, I/O).
  if (in_transaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  restore_full_durability();
}

void SqliteConnection::purge_deleted() {
  if (in_transaction()) {
    throw DatabaseError(Kind::other, "purge_deleted() must run outside a transaction");
  }
  const auto rows = query("PRAGMA wal_checkpoint(TRUNCATE)");
  // The first column is 1 when a reader or writer kept the checkpoint from
  // completing; then the log still holds what was deleted.
  if (rows.empty() || rows.front().integer(0) != 0) {
    throw DatabaseError(Kind::busy,
                        "SQLite: the write-ahead log could not be emptied because another "
                        "connection is using the database; try again");
  }
}

std::string SqliteConnection::integrity_check() {
  std::string findings;
  for (const Row& row : query("PRAGMA integrity_check")) {
    if (!findings.empty()) findings += '\n';
    findings += row.text(0);
  }
  return findings;
}

}  // namespace mn::store::sql
