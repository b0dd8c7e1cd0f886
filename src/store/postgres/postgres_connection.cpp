#include "store/postgres/postgres_connection.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <new>
#include <pqxx/pqxx>
#include <utility>

namespace mn::store::sql {

namespace {

using Kind = DatabaseError::Kind;

// Type OIDs of the built-in types (PostgreSQL's pg_type.dat; fixed for good).
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kFloat4Oid = 700;
constexpr pqxx::oid kFloat8Oid = 701;
constexpr pqxx::oid kNumericOid = 1700;

constexpr std::size_t kExcerptLength = 120;
constexpr std::string_view kRedacted = "***";

// ---- Passwords in connection strings ----

// [begin, end) of a password inside a connection string.
struct Span {
  std::size_t begin;
  std::size_t end;
};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// "postgresql://user:secret@host/db?password=secret&..."
std::vector<Span> uri_passwords(std::string_view uri, std::size_t authority) {
  std::vector<Span> found;
  const std::size_t authority_end = std::min(uri.find_first_of("/?", authority), uri.size());
  const std::size_t at = uri.substr(0, authority_end).rfind('@');
  if (at != std::string_view::npos && at >= authority) {
    const std::size_t colon = uri.find(':', authority);
    if (colon < at) found.push_back({colon + 1, at});
  }
  const std::size_t question = uri.find('?', authority);
  if (question == std::string_view::npos) return found;
  constexpr std::string_view kKey = "password=";
  for (std::size_t start = question + 1; start <= uri.size();) {
    const std::size_t end = std::min(uri.find('&', start), uri.size());
    if (uri.substr(start, end - start).starts_with(kKey))
      found.push_back({start + kKey.size(), end});
    start = end + 1;
  }
  return found;
}

// "host=db user=mn password='se cret' ..."
std::vector<Span> keyword_passwords(std::string_view text) {
  std::vector<Span> found;
  std::size_t at = 0;
  const auto skip_spaces = [&] {
    while (at < text.size() && is_space(text[at])) ++at;
  };
  for (skip_spaces(); at < text.size(); skip_spaces()) {
    const std::size_t key_begin = at;
    while (at < text.size() && text[at] != '=' && !is_space(text[at])) ++at;
    const std::string_view key = text.substr(key_begin, at - key_begin);
    skip_spaces();
    if (at >= text.size() || text[at] != '=') {
      // Malformed (libpq refuses it): hide the rest, which may hold a password.
      found.push_back({key_begin, text.size()});
      break;
    }
    ++at;
    skip_spaces();
    Span value{at, at};
    if (at < text.size() && text[at] == '\'') {
      value.begin = ++at;
      while (at < text.size() && text[at] != '\'') at += text[at] == '\\' ? 2 : 1;
      value.end = std::min(at, text.size());
      ++at;  // the closing quote
    } else {
      while (at < text.size() && !is_space(text[at])) at += text[at] == '\\' ? 2 : 1;
      value.end = std::min(at, text.size());
    }
    if (key == "password") found.push_back(value);
  }
  return found;
}

std::vector<Span> passwords_in(std::string_view connection) {
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (connection.starts_with(scheme)) return uri_passwords(connection, scheme.size());
  }
  return keyword_passwords(connection);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '%' && at + 2 < text.size() && hex_digit(text[at + 1]) >= 0 &&
        hex_digit(text[at + 2]) >= 0) {
      decoded += static_cast<char>(hex_digit(text[at + 1]) * 16 + hex_digit(text[at + 2]));
      at += 2;
    } else {
      decoded += text[at];
    }
  }
  return decoded;
}

void replace_all(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + kRedacted.size())) {
    text.replace(at, secret.size(), kRedacted);
  }
}

// libpq's reason for a failed connection, without any password of
// `connection` in it (libpq may quote parts of a malformed URI).
std::string without_passwords(std::string message, std::string_view connection) {
  for (const Span& span : passwords_in(connection)) {
    const std::string_view secret = connection.substr(span.begin, span.end - span.begin);
    replace_all(message, secret);
    replace_all(message, percent_decoded(secret));
  }
  return message;
}

// ---- Errors ----

std::string excerpt(std::string_view sql) {
  if (sql.size() <= kExcerptLength) return std::string(sql);
  return std::string(sql.substr(0, kExcerptLength)) + "...";
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// libpq's "ERROR:  duplicate key ...\n" -> "duplicate key ...".
std::string server_message(std::string_view text) {
  for (const std::string_view severity : {"ERROR:", "FATAL:"}) {
    if (text.starts_with(severity)) {
      text.remove_prefix(severity.size());
      while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
      break;
    }
  }
  return trimmed(text);
}

Kind kind_of_sqlstate(const std::string& state) {
  if (state.starts_with("23")) return Kind::constraint;  // integrity constraint violation
  if (state == "55P03") return Kind::busy;               // lock_not_available
  if (state.starts_with("08") || state.starts_with("57P")) return Kind::unavailable;
  return Kind::other;
}

// Rethrows the exception being handled as a DatabaseError. `if_lost` is the
// kind when the connection turns out to be gone: whether what was sent may
// have been saved depends on what the caller sent.
[[noreturn]] void rethrow_translated(const pqxx::connection& connection, std::string_view sql,
                                     Kind if_lost) {
  const std::string in = " (in: " + excerpt(sql) + ")";
  const auto failed = [&](Kind kind, const std::exception& error) {
    return DatabaseError(kind, "PostgreSQL: " + server_message(error.what()) + in);
  };
  // libpqxx's own words for a lost connection say little ("Could not obtain
  // client encoding"), so these messages are ours.
  const auto lost = [&] {
    const std::string outcome =
        if_lost == Kind::commit_unknown ? ", so it is not known whether this was saved" : "";
    return DatabaseError(if_lost, "PostgreSQL: the connection was lost" + outcome + in);
  };
  try {
    throw;
  } catch (const DatabaseError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const pqxx::in_doubt_error&) {
    throw DatabaseError(Kind::commit_unknown,
                        "PostgreSQL: the connection was lost during COMMIT, so it is not known "
                        "whether the transaction was saved" +
                            in);
  } catch (const pqxx::statement_completion_unknown& error) {
    throw failed(Kind::commit_unknown, error);
  } catch (const pqxx::serialization_failure& error) {
    throw failed(Kind::busy, error);
  } catch (const pqxx::deadlock_detected& error) {
    throw failed(Kind::busy, error);
  } catch (const pqxx::broken_connection& error) {
    // libpqxx also says "broken connection" for SQLSTATE class 08 errors on
    // a live connection, such as a wrong number of parameters (08P01).
    if (!connection.is_open()) throw lost();
    throw failed(Kind::other, error);
  } catch (const pqxx::sql_error& error) {
    if (!connection.is_open()) throw lost();
    throw failed(kind_of_sqlstate(error.sqlstate()), error);
  } catch (const std::exception& error) {
    if (!connection.is_open()) throw lost();
    throw failed(Kind::other, error);
  }
}

// ---- Values ----

std::string double_text(double value) {
  // PostgreSQL's spellings; to_chars would write "inf" and "nan".
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  std::array<char, 32> buffer{};  // the shortest round-trip form fits in 24
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), written.ptr);
}

// Parameters as libpq's text format; a null pointer is SQL NULL.
class Parameters {
 public:
  explicit Parameters(std::span<const Value> values) {
    texts_.reserve(values.size());
    for (std::size_t at = 0; at < values.size(); ++at) {
      const Value& value = values[at];
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        texts_.push_back(std::to_string(*integer));
      } else if (const auto* real = std::get_if<double>(&value)) {
        texts_.push_back(double_text(*real));
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        // libpq takes C strings: a NUL would silently cut the value short.
        // PostgreSQL text cannot hold one anyway.
        if (text->find('\0') != std::string::npos) {
          throw DatabaseError(Kind::other, "parameter $" + std::to_string(at + 1) +
                                               ": PostgreSQL text cannot hold a NUL character");
        }
        texts_.push_back(*text);
      } else {
        texts_.emplace_back();
      }
    }
    // Pointers only once texts_ no longer grows.
    pointers_.reserve(values.size());
    for (std::size_t at = 0; at < values.size(); ++at) {
      pointers_.push_back(std::holds_alternative<std::monostate>(values[at]) ? nullptr
                                                                             : texts_[at].c_str());
    }
  }

  const std::vector<const char*>& pointers() const { return pointers_; }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> pointers_;
};

[[noreturn]] void unreadable(std::size_t column, std::string_view text, const char* type) {
  throw DatabaseError(Kind::other, "column " + std::to_string(column) + ": cannot read \"" +
                                       excerpt(text) + "\" as " + type);
}

Value field_value(const pqxx::field& field, pqxx::oid type, std::size_t column) {
  if (field.is_null()) return std::monostate{};
  const std::string_view text(field.c_str(), field.size());
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t integer = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      if (error != std::errc() || end != text.data() + text.size()) {
        unreadable(column, text, "an integer");
      }
      return integer;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      // from_chars reads PostgreSQL's "NaN", "Infinity" and "-Infinity" too.
      double real = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), real);
      if (error != std::errc() || end != text.data() + text.size()) {
        unreadable(column, text, "a real");
      }
      return real;
    }
    case kBoolOid:
      if (text == "t") return std::int64_t{1};
      if (text == "f") return std::int64_t{0};
      unreadable(column, text, "a boolean");
    default:
      return std::string(text);
  }
}

std::vector<Row> rows_of(const pqxx::result& result) {
  const pqxx::row::size_type columns = result.columns();
  std::vector<pqxx::oid> types;
  types.reserve(columns);
  for (pqxx::row::size_type column = 0; column < columns; ++column) {
    types.push_back(result.column_type(column));
  }
  std::vector<Row> rows;
  rows.reserve(result.size());
  for (const auto& found : result) {
    Row row;
    row.values.reserve(columns);
    for (pqxx::row::size_type column = 0; column < columns; ++column) {
      row.values.push_back(field_value(found[column], types[column], column));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

// ---- The connection ----

struct PostgresConnection::State {
  explicit State(const std::string& url) : connection(url) {}

  // Runs `body` in the open transaction, or else in a statement of its own.
  template <class Body>
  pqxx::result run(Body&& body) {
    if (transaction) return body(*transaction);
    pqxx::nontransaction autocommit(connection);
    return body(autocommit);
  }

  // The name of the prepared statement for `sql`; libpqxx sends the
  // definition to the server at its first use.
  const std::string& statement_name(std::string_view sql) {
    if (const auto found = statement_names.find(sql); found != statement_names.end()) {
      return found->second;
    }
    std::string name = "mn_" + std::to_string(statement_names.size());
    connection.prepare(name, std::string(sql));
    return statement_names.emplace(std::string(sql), std::move(name)).first->second;
  }

  // A connection libpqxx knows to be gone fails before anything is sent, so
  // nothing of this statement can have been saved.
  void require_open() const {
    if (!connection.is_open()) {
      throw DatabaseError(Kind::unavailable, "PostgreSQL: the connection is gone; open a new one");
    }
  }

  // A statement that fails now: inside a transaction, PostgreSQL has aborted it.
  void note_failure() {
    if (transaction) transaction_failed = true;
  }

  Kind if_lost() const { return transaction ? Kind::unavailable : Kind::commit_unknown; }

  pqxx::connection connection;
  // Declared after `connection`, so destroyed before it.
  std::unique_ptr<pqxx::work> transaction;
  std::map<std::string, std::string, std::less<>> statement_names;
  // A statement failed inside the open transaction (see the header).
  bool transaction_failed = false;
};

std::unique_ptr<PostgresConnection> PostgresConnection::open(const std::string& url) {
  std::unique_ptr<State> state;
  try {
    state = std::make_unique<State>(url);
    pqxx::connection& connection = state->connection;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    // libpqxx 6 would otherwise reconnect silently at the next statement
    // after losing the connection, losing session settings, and re-run
    // statements on a new session: a lost connection must reach the caller.
    connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
    // Terse: without DETAIL lines, which quote the values of a refused row
    // (health data) into messages and logs.
    connection.set_verbosity(pqxx::connection_base::terse);
    connection.set_client_encoding("UTF8");
    pqxx::nontransaction setup(connection);
    // Keeps NOTICEs such as "relation already exists, skipping" out of stderr.
    setup.exec("SET client_min_messages TO warning");
  } catch (const std::exception& error) {
    throw DatabaseError(Kind::unavailable, "cannot connect to PostgreSQL at " +
                                               redact_password(url) + ": " +
                                               without_passwords(trimmed(error.what()), url));
  }
  return std::make_unique<PostgresConnection>(Passkey{}, std::move(state));
}

PostgresConnection::PostgresConnection(Passkey /*unused*/, std::unique_ptr<State> state)
    : state_(std::move(state)) {}

PostgresConnection::~PostgresConnection() = default;

void PostgresConnection::execute_script(std::string_view sql) {
  State& state = *state_;
  const Kind if_lost = state.if_lost();
  try {
    state.require_open();
    // The simple-query protocol: several statements in one text.
    state.run([&](pqxx::transaction_base& work) { return work.exec(std::string(sql)); });
  } catch (...) {
    state.note_failure();
    rethrow_translated(state.connection, sql, if_lost);
  }
}

std::vector<Row> PostgresConnection::query(std::string_view sql,
                                           std::span<const Value> parameters) {
  State& state = *state_;
  const Kind if_lost = state.if_lost();
  try {
    state.require_open();
    const Parameters texts(parameters);
    const std::string& name = state.statement_name(sql);
    return rows_of(state.run([&](pqxx::transaction_base& work) {
      return work.exec_prepared(name, pqxx::prepare::make_dynamic_params(texts.pointers()));
    }));
  } catch (...) {
    state.note_failure();
    rethrow_translated(state.connection, sql, if_lost);
  }
}

void PostgresConnection::begin(Durability durability) {
  State& state = *state_;
  if (state.transaction) {
    throw DatabaseError(Kind::other, "begin() inside a transaction: commit or roll back first");
  }
  try {
    state.require_open();
    state.transaction = std::make_unique<pqxx::work>(state.connection);
    // For this transaction only; the WAL writer flushes it within 3 x wal_writer_delay.
    if (durability == Durability::relaxed) {
      state.transaction->exec("SET LOCAL synchronous_commit TO OFF");
    }
  } catch (...) {
    rethrow_translated(state.connection, "BEGIN", Kind::unavailable);
  }
  state.transaction_failed = false;
}

void PostgresConnection::commit() {
  State& state = *state_;
  if (!state.transaction) throw DatabaseError(Kind::other, "commit() without begin()");
  if (state.transaction_failed) {
    // The server would answer COMMIT with ROLLBACK, and no error.
    rollback();
    throw DatabaseError(Kind::other,
                        "the transaction was rolled back: a statement in it had failed");
  }
  try {
    state.require_open();
    // libpqxx throws in_doubt_error when the connection goes during COMMIT.
    state.transaction->commit();
  } catch (...) {
    rollback();
    rethrow_translated(state.connection, "COMMIT", Kind::commit_unknown);
  }
  state.transaction.reset();
}

void PostgresConnection::rollback() noexcept {
  State& state = *state_;
  state.transaction_failed = false;
  if (!state.transaction) return;
  try {
    state.transaction->abort();
  } catch (...) {
    // Nothing to do: when ROLLBACK cannot reach the server, the server ends
    // the transaction itself as the connection closes.
  }
  state.transaction.reset();
}

// Deleted rows stay in the table files as dead tuples until a VACUUM (or
// autovacuum) removes them; this runs a plain VACUUM of the whole database
// (it takes no exclusive locks; VACUUM cannot run inside a transaction).
// It does not overwrite the freed space byte for byte, and it cannot reach
// copies in the write-ahead log, replicas or backups: on PostgreSQL, erasure
// from those is a matter of their retention.
void PostgresConnection::purge_deleted() {
  State& state = *state_;
  if (state.transaction) {
    throw DatabaseError(Kind::other, "purge_deleted() must run outside a transaction");
  }
  try {
    state.require_open();
    pqxx::nontransaction work(state.connection);
    work.exec("VACUUM");
  } catch (...) {
    rethrow_translated(state.connection, "VACUUM", Kind::unavailable);
  }
}

// PostgreSQL checks each page's header (and its checksum when the cluster
// has them) as it reads it, and reports damage as an error; a deeper check
// needs the amcheck extension, which is not installed by default. This only
// shows that the server answers.
std::string PostgresConnection::integrity_check() {
  State& state = *state_;
  try {
    state.require_open();
    state.run([](pqxx::transaction_base& work) { return work.exec("SELECT 1"); });
  } catch (...) {
    state.note_failure();
    rethrow_translated(state.connection, "SELECT 1", Kind::unavailable);
  }
  return "ok";
}

std::string redact_password(std::string_view connection) {
  std::vector<Span> spans = passwords_in(connection);
  // From the end, so that the earlier offsets stay valid.
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin > b.begin; });
  std::string redacted(connection);
  for (const Span& span : spans) redacted.replace(span.begin, span.end - span.begin, kRedacted);
  return redacted;
}

}  // namespace mn::store::sql
