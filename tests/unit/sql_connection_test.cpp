// The two sql::Connection implementations, run through the same tests:
// SQLite in a temporary file, PostgreSQL at MN_TEST_POSTGRES_URL (ctest
// starts one with scripts/postgres-for-tests). Each test gets fresh tables:
// its own file, or its own PostgreSQL schema.

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "store/postgres/postgres_connection.hpp"
#include "store/sql/connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

// These tests lose connections on purpose; libpqxx's leak when that
// happens is suppressed for sanitizer builds in
// src/sanitizer/lsan_suppressions.cpp.

namespace mn::store::sql {
namespace {

using Kind = DatabaseError::Kind;

enum class Backend : std::uint8_t { sqlite, postgresql };

const char* name_of(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return name_of(info.param);
}

void PrintTo(Backend backend, std::ostream* out) { *out << name_of(backend); }

constexpr const char* kNoPostgres =
    "MN_TEST_POSTGRES_URL is not set, so the PostgreSQL tests cannot run. ctest sets it "
    "(fixture postgres); by hand: `scripts/postgres-for-tests start /tmp/mn-pg 54339` prints "
    "the URL to export as MN_TEST_POSTGRES_URL, and `scripts/postgres-for-tests stop "
    "/tmp/mn-pg` removes that server.";

std::string postgres_url() {
  const char* url = std::getenv("MN_TEST_POSTGRES_URL");
  return url == nullptr ? std::string() : std::string(url);
}

// The current test's name as a lower-case identifier, unique across the
// processes that may share one server or one temporary directory.
std::string test_identifier() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string full_name = std::string(info->test_suite_name()) + "." + info->name();
  std::string identifier = "mn_";
  for (const char c : std::string(info->name()).substr(0, 36)) {
    identifier += std::isalnum(static_cast<unsigned char>(c)) != 0
                      ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                      : '_';
  }
  // A hash of the whole name keeps shortened names apart; PostgreSQL
  // identifiers have at most 63 bytes.
  std::array<char, 17> hash{};
  std::snprintf(hash.data(), hash.size(), "%016zx", std::hash<std::string>{}(full_name));
  return identifier + "_" + std::string(hash.data(), 8) + "_" + std::to_string(::getpid());
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs `body` and returns the kind of the DatabaseError it throws; fails the
// test when it throws nothing.
template <class Body>
std::optional<Kind> error_kind(Body&& body) {
  try {
    body();
  } catch (const DatabaseError& error) {
    return error.kind();
  }
  ADD_FAILURE() << "expected a DatabaseError";
  return std::nullopt;
}

std::int64_t count(Connection& connection) {
  return connection.query("SELECT COUNT(*) FROM items").at(0).integer(0);
}

class SqlConnectionTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    name_ = test_identifier();
    if (GetParam() == Backend::sqlite) {
      path_ = std::filesystem::path(::testing::TempDir()) / (name_ + ".db");
      remove_files();
    } else {
      url_ = postgres_url();
      ASSERT_FALSE(url_.empty()) << kNoPostgres;
      auto setup = PostgresConnection::open(url_);
      setup->execute_script("DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_);
    }
    connection_ = open();
    connection_->execute_script(
        "CREATE TABLE items (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT,"
        " n BIGINT NOT NULL DEFAULT 0 CHECK (n >= 0));"
        "CREATE TABLE notes (id BIGINT PRIMARY KEY, item_id BIGINT NOT NULL REFERENCES items(id),"
        " body TEXT)");
  }

  void TearDown() override {
    connection_.reset();
    if (GetParam() == Backend::sqlite) {
      remove_files();
    } else if (!url_.empty()) {
      try {
        PostgresConnection::open(url_)->execute_script("DROP SCHEMA IF EXISTS " + name_ +
                                                       " CASCADE");
      } catch (const DatabaseError& error) {
        ADD_FAILURE() << "cannot drop schema " << name_ << ": " << error.what();
      }
    }
  }

  // Another connection to the same database (and schema).
  std::unique_ptr<Connection> open() const {
    if (GetParam() == Backend::sqlite) return SqliteConnection::open(path_.string());
    auto connection = PostgresConnection::open(url_);
    connection->execute_script("SET search_path TO " + name_);
    return connection;
  }

  void insert(std::int64_t id, const Value& text) {
    const std::array<Value, 2> row{id, text};
    connection_->query("INSERT INTO items (id, s) VALUES ($1, $2)", row);
  }

  std::filesystem::path wal_path() const { return path_.string() + "-wal"; }

  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::string name_;
  std::filesystem::path path_;  // SQLite
  std::string url_;             // PostgreSQL
  std::unique_ptr<Connection> connection_;
};

class SqlConnectionSqliteTest : public SqlConnectionTest {};
class SqlConnectionPostgresTest : public SqlConnectionTest {};

TEST_P(SqlConnectionTest, SaysItsDialect) {
  EXPECT_EQ(connection_->dialect(),
            GetParam() == Backend::sqlite ? Dialect::sqlite : Dialect::postgresql);
}

TEST_P(SqlConnectionTest, RowsStreamedOneByOneMatchTheCollectedOnes) {
  for (std::int64_t id = 1; id <= 50; ++id) {
    const std::array<Value, 4> row{id, id * 3, Value{},
                                   std::string(static_cast<std::size_t>(id), 'z')};
    connection_->query("INSERT INTO items (id, i, r, s) VALUES ($1, $2, $3, $4)", row);
  }
  const std::array<Value, 1> above{std::int64_t{10}};
  const auto collected =
      connection_->query("SELECT id, i, r, s FROM items WHERE id > $1 ORDER BY id", above);
  std::vector<Row> streamed;
  connection_->for_each_row("SELECT id, i, r, s FROM items WHERE id > $1 ORDER BY id", above,
                            [&](const Row& row) { streamed.push_back(row); });
  ASSERT_EQ(streamed.size(), 40U);
  ASSERT_EQ(collected.size(), streamed.size());
  for (std::size_t at = 0; at < streamed.size(); ++at) {
    EXPECT_EQ(streamed[at].values, collected[at].values) << at;
  }
  EXPECT_TRUE(streamed.back().is_null(2));
  EXPECT_EQ(streamed.back().text(3), std::string(50, 'z'));
}

TEST_P(SqlConnectionTest, EveryValueTypeRoundTrips) {
  const std::string utf8 =
      "Grüße aus Köln, 東京, 🙂, 'quoted' \"double\" \\ ; -- not a comment";
  struct Case {
    std::int64_t id;
    Value i;
    Value r;
    Value s;
  };
  const std::vector<Case> cases{
      {1, std::int64_t{0}, 0.0, std::string()},
      {2, std::numeric_limits<std::int64_t>::max(), 0.1, utf8},
      {3, std::numeric_limits<std::int64_t>::min(), -1.5e300, std::string("x")},
      {4, Value{}, Value{}, Value{}},
      {5, std::int64_t{-42}, 12345.678901234567, std::string(10000, 'y')},
  };
  for (const Case& c : cases) {
    const std::array<Value, 4> row{c.id, c.i, c.r, c.s};
    connection_->query("INSERT INTO items (id, i, r, s) VALUES ($1, $2, $3, $4)", row);
  }
  const auto rows = connection_->query("SELECT id, i, r, s FROM items ORDER BY id");
  ASSERT_EQ(rows.size(), cases.size());
  for (std::size_t at = 0; at < cases.size(); ++at) {
    SCOPED_TRACE("id " + std::to_string(cases[at].id));
    ASSERT_EQ(rows[at].values.size(), 4U);
    EXPECT_EQ(rows[at].integer(0), cases[at].id);
    EXPECT_EQ(rows[at].values[1], cases[at].i);
    EXPECT_EQ(rows[at].values[2], cases[at].r);
    EXPECT_EQ(rows[at].values[3], cases[at].s);
  }
  EXPECT_TRUE(rows[3].is_null(1));
  EXPECT_EQ(rows[1].text(3), utf8);
  EXPECT_EQ(rows[1].integer(1), std::numeric_limits<std::int64_t>::max());
  EXPECT_DOUBLE_EQ(rows[1].real(2), 0.1);
  EXPECT_DOUBLE_EQ(rows[4].real(1), -42.0);  // an integer reads as a real too

  // Selected by a text parameter (UTF-8 compares byte for byte).
  const std::array<Value, 1> key{utf8};
  const auto found = connection_->query("SELECT id FROM items WHERE s = $1", key);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].integer(0), 2);
}

TEST_P(SqlConnectionTest, ComputedColumnsHaveTheSameTypesOnBothBackends) {
  // Booleans are integers 0/1, counts integers, numerics and reals doubles.
  const auto rows = connection_->query(
      "SELECT 1 = 1, 1 = 2, COUNT(*), CAST(1.5 AS NUMERIC), CAST(2 AS REAL), NULL FROM items");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].values[0], Value{std::int64_t{1}});
  EXPECT_EQ(rows[0].values[1], Value{std::int64_t{0}});
  EXPECT_EQ(rows[0].values[2], Value{std::int64_t{0}});
  EXPECT_EQ(rows[0].values[3], Value{1.5});
  EXPECT_EQ(rows[0].values[4], Value{2.0});
  EXPECT_TRUE(rows[0].is_null(5));
}

TEST_P(SqlConnectionTest, PlaceholdersBindByNumberInAnyOrder) {
  const std::array<Value, 2> parameters{std::string("second"), std::int64_t{7}};
  connection_->query("INSERT INTO items (id, s, i) VALUES ($2, $1, $2)", parameters);
  const auto rows = connection_->query("SELECT id, i, s FROM items");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].integer(0), 7);
  EXPECT_EQ(rows[0].integer(1), 7);
  EXPECT_EQ(rows[0].text(2), "second");

  const std::array<Value, 2> filter{std::int64_t{8}, std::int64_t{7}};
  EXPECT_EQ(connection_->query("SELECT id FROM items WHERE id = $2 OR id = $1", filter).size(), 1U);
}

TEST_P(SqlConnectionTest, CachedStatementsRunAgainWithNewParameters) {
  connection_->begin(Durability::full);
  for (std::int64_t id = 1; id <= 50; ++id) {
    insert(id, id % 2 == 0 ? Value{std::string("even")} : Value{});
  }
  connection_->commit();
  EXPECT_EQ(count(*connection_), 50);
  const std::array<Value, 1> even{std::string("even")};
  EXPECT_EQ(connection_->query("SELECT id FROM items WHERE s = $1", even).size(), 25U);
  EXPECT_EQ(connection_->query("SELECT id FROM items WHERE s IS NULL").size(), 25U);
}

TEST_P(SqlConnectionTest, RefusedWritesAreConstraintErrors) {
  insert(1, std::string("one"));
  // Primary key.
  EXPECT_EQ(error_kind([&] { insert(1, std::string("again")); }), Kind::constraint);
  // CHECK.
  const std::array<Value, 2> negative{std::int64_t{2}, std::int64_t{-1}};
  EXPECT_EQ(error_kind(
                [&] { connection_->query("INSERT INTO items (id, n) VALUES ($1, $2)", negative); }),
            Kind::constraint);
  // NOT NULL.
  const std::array<Value, 2> null_n{std::int64_t{3}, Value{}};
  EXPECT_EQ(
      error_kind([&] { connection_->query("INSERT INTO items (id, n) VALUES ($1, $2)", null_n); }),
      Kind::constraint);
  // FOREIGN KEY (SQLite enforces them only when told to).
  const std::array<Value, 2> orphan{std::int64_t{1}, std::int64_t{99}};
  EXPECT_EQ(error_kind([&] {
              connection_->query("INSERT INTO notes (id, item_id) VALUES ($1, $2)", orphan);
            }),
            Kind::constraint);
  // The connection goes on working.
  EXPECT_EQ(count(*connection_), 1);
}

TEST_P(SqlConnectionTest, RollbackLeavesNothing) {
  connection_->begin(Durability::full);
  insert(1, std::string("one"));
  insert(2, std::string("two"));
  EXPECT_EQ(count(*connection_), 2);
  connection_->rollback();
  EXPECT_EQ(count(*connection_), 0);
  EXPECT_EQ(count(*open()), 0);
  connection_->rollback();  // nothing open: no effect, no exception

  connection_->begin(Durability::full);  // and the next transaction works
  insert(3, std::string("three"));
  connection_->commit();
  EXPECT_EQ(count(*connection_), 1);
}

TEST_P(SqlConnectionTest, CommittedWritesAreVisibleToAnotherConnection) {
  const auto other = open();
  connection_->begin(Durability::full);
  insert(1, std::string("saved"));
  EXPECT_EQ(count(*other), 0);  // not before the commit
  connection_->commit();
  const auto rows = other->query("SELECT s FROM items WHERE id = 1");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].text(0), "saved");

  connection_.reset();  // and after this connection is gone
  EXPECT_EQ(count(*open()), 1);
}

TEST_P(SqlConnectionTest, CommitAfterAFailedStatementThrowsAndSavesNothing) {
  insert(1, std::string("existing"));
  connection_->begin(Durability::full);
  insert(2, std::string("would be saved"));
  EXPECT_EQ(error_kind([&] { insert(1, std::string("duplicate")); }), Kind::constraint);
  // PostgreSQL would answer this COMMIT with ROLLBACK and no error.
  EXPECT_EQ(error_kind([&] { connection_->commit(); }), Kind::other);
  EXPECT_EQ(count(*connection_), 1);
  EXPECT_EQ(count(*open()), 1);

  connection_->begin(Durability::full);  // the connection is out of the transaction
  insert(2, std::string("now saved"));
  connection_->commit();
  EXPECT_EQ(count(*open()), 2);
}

TEST_P(SqlConnectionTest, ParametersMustMatchThePlaceholders) {
  const std::array<Value, 1> one{std::int64_t{1}};
  EXPECT_TRUE(
      error_kind([&] { connection_->query("INSERT INTO items (id, i) VALUES ($1, $2)", one); }));
  const std::array<Value, 3> three{std::int64_t{1}, std::int64_t{2}, std::int64_t{3}};
  EXPECT_TRUE(
      error_kind([&] { connection_->query("INSERT INTO items (id, i) VALUES ($1, $2)", three); }));
  EXPECT_EQ(count(*connection_), 0);
  // The same statement, given the right parameters, still runs.
  const std::array<Value, 2> two{std::int64_t{1}, std::int64_t{2}};
  connection_->query("INSERT INTO items (id, i) VALUES ($1, $2)", two);
  EXPECT_EQ(count(*connection_), 1);
}

TEST_P(SqlConnectionTest, QueryRunsOneStatementAndScriptsSeveral) {
  EXPECT_TRUE(error_kind([&] {
    connection_->query("INSERT INTO items (id) VALUES (1); INSERT INTO items (id) VALUES (2)");
  }));
  EXPECT_EQ(count(*connection_), 0);
  connection_->execute_script(
      "INSERT INTO items (id) VALUES (1); INSERT INTO items (id) VALUES (2);");
  EXPECT_EQ(count(*connection_), 2);
  EXPECT_EQ(error_kind([&] { connection_->execute_script("INSERT INTO items (id) VALUES (1)"); }),
            Kind::constraint);
  EXPECT_EQ(error_kind([&] { connection_->query("SELECT * FROM no_such_table"); }), Kind::other);
}

TEST_P(SqlConnectionTest, IntegrityCheckSaysOk) { EXPECT_EQ(connection_->integrity_check(), "ok"); }

TEST_P(SqlConnectionTest, PurgeDeletedRunsOutsideTransactionsOnly) {
  insert(1, std::string("gone soon"));
  connection_->query("DELETE FROM items");
  connection_->purge_deleted();
  connection_->begin(Durability::full);
  EXPECT_EQ(error_kind([&] { connection_->purge_deleted(); }), Kind::other);
  connection_->rollback();
}

TEST_P(SqlConnectionSqliteTest, OpensInWalModeWithDurableCommitsAndForeignKeys) {
  EXPECT_EQ(connection_->query("PRAGMA journal_mode").at(0).text(0), "wal");
  EXPECT_EQ(connection_->query("PRAGMA synchronous").at(0).integer(0), 2);  // FULL
  EXPECT_EQ(connection_->query("PRAGMA foreign_keys").at(0).integer(0), 1);
  EXPECT_EQ(connection_->query("PRAGMA secure_delete").at(0).integer(0), 1);
}

TEST_P(SqlConnectionSqliteTest, ARelaxedTransactionSkipsTheFlushAndOnlyItself) {
  const auto synchronous = [&] {
    return connection_->query("PRAGMA synchronous").at(0).integer(0);
  };
  connection_->begin(Durability::relaxed);
  EXPECT_EQ(synchronous(), 1);  // NORMAL: the WAL is flushed at checkpoints, not per commit
  insert(1, std::string("audit line"));
  connection_->commit();
  EXPECT_EQ(synchronous(), 2);  // FULL again for what follows
  connection_->begin(Durability::relaxed);
  insert(2, std::string("rolled back"));
  connection_->rollback();
  EXPECT_EQ(synchronous(), 2);
  connection_->begin(Durability::full);
  EXPECT_EQ(synchronous(), 2);
  connection_->commit();
  EXPECT_EQ(count(*open()), 1);  // the relaxed commit is there for another connection
}

TEST_P(SqlConnectionSqliteTest, PurgeLeavesNoTraceOfDeletedRowsInTheFiles) {
  const std::string secret = "Distinctive-Erasure-Marker-7f3a9c";
  connection_->begin(Durability::full);
  insert(1, secret);
  insert(2, std::string("kept"));
  connection_->commit();
  // The test can see the text where it is: in the write-ahead log.
  ASSERT_NE(file_bytes(wal_path()).find(secret), std::string::npos);

  const std::array<Value, 1> key{std::int64_t{1}};
  connection_->query("DELETE FROM items WHERE id = $1", key);
  connection_->purge_deleted();

  EXPECT_EQ(std::filesystem::file_size(wal_path()), 0U);
  EXPECT_EQ(file_bytes(wal_path()).find(secret), std::string::npos);
  EXPECT_EQ(file_bytes(path_).find(secret), std::string::npos);
  EXPECT_NE(file_bytes(path_).find("kept"), std::string::npos);
  EXPECT_EQ(count(*connection_), 1);
}

TEST_P(SqlConnectionSqliteTest, PlaceholdersOtherThanNumberedOnesAreRefused) {
  const std::array<Value, 1> one{std::int64_t{1}};
  EXPECT_TRUE(error_kind([&] { connection_->query("SELECT id FROM items WHERE id = ?", one); }));
  EXPECT_TRUE(error_kind([&] { connection_->query("SELECT id FROM items WHERE id = :id", one); }));
}

TEST_P(SqlConnectionSqliteTest, AWriterWaitsForAnotherThenGivesUpAsBusy) {
  const auto other = open();
  other->begin(Durability::full);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(error_kind([&] { connection_->begin(Durability::full); }), Kind::busy);
  // The busy timeout (5 s) is waited out first.
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
  other->rollback();
  connection_->begin(Durability::full);
  connection_->rollback();
}

TEST(SqlConnectionSqlite, OpenFailuresNameThePath) {
  const auto missing = std::filesystem::path(::testing::TempDir()) / "mn-no-such-dir" / "x.db";
  try {
    SqliteConnection::open(missing.string());
    ADD_FAILURE() << "opened " << missing;
  } catch (const DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::unavailable);
    EXPECT_NE(std::string(error.what()).find(missing.string()), std::string::npos) << error.what();
  }

  const auto not_a_database =
      std::filesystem::path(::testing::TempDir()) / ("mn-not-a-db-" + std::to_string(::getpid()));
  std::ofstream(not_a_database) << std::string(4096, 'x');
  try {
    SqliteConnection::open(not_a_database.string());
    ADD_FAILURE() << "opened " << not_a_database;
  } catch (const DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::unavailable);
    EXPECT_NE(std::string(error.what()).find("not a database"), std::string::npos) << error.what();
  }
  std::filesystem::remove(not_a_database);
}

TEST_P(SqlConnectionPostgresTest, ALostConnectionDuringCommitIsNeverReportedAsSaved) {
  const auto other = open();
  connection_->begin(Durability::full);
  insert(1, std::string("in doubt"));
  const std::array<Value, 1> backend{
      connection_->query("SELECT pg_backend_pid()").at(0).integer(0)};
  // Ends our session's server process, waiting up to 5 s until it is gone.
  ASSERT_EQ(other->query("SELECT pg_terminate_backend($1, 5000)", backend).at(0).integer(0), 1);

  try {
    connection_->commit();
    ADD_FAILURE() << "commit() returned normally on a terminated connection";
  } catch (const DatabaseError& error) {
    EXPECT_TRUE(error.kind() == Kind::commit_unknown || error.kind() == Kind::unavailable)
        << error.what();
  }
  // No silent reconnection: the connection stays unusable.
  EXPECT_EQ(error_kind([&] { connection_->query("SELECT 1"); }), Kind::unavailable);
  EXPECT_EQ(error_kind([&] { connection_->begin(Durability::full); }), Kind::unavailable);
  connection_->rollback();
  // Here the server did roll it back.
  EXPECT_EQ(count(*other), 0);
}

TEST_P(SqlConnectionPostgresTest, ALostConnectionInsideATransactionIsUnavailable) {
  const auto other = open();
  connection_->begin(Durability::full);
  const std::array<Value, 1> backend{
      connection_->query("SELECT pg_backend_pid()").at(0).integer(0)};
  ASSERT_EQ(other->query("SELECT pg_terminate_backend($1, 5000)", backend).at(0).integer(0), 1);
  EXPECT_EQ(error_kind([&] { insert(1, std::string("lost")); }), Kind::unavailable);
  EXPECT_TRUE(error_kind([&] { connection_->commit(); }));
  EXPECT_EQ(count(*other), 0);
}

TEST_P(SqlConnectionPostgresTest, ARelaxedTransactionSkipsTheFlushAndOnlyItself) {
  const auto setting = [&] { return connection_->query("SHOW synchronous_commit").at(0).text(0); };
  connection_->begin(Durability::relaxed);
  EXPECT_EQ(setting(), "off");
  insert(1, std::string("audit line"));
  connection_->commit();
  EXPECT_EQ(setting(), "on");  // SET LOCAL ended with the transaction
  connection_->begin(Durability::full);
  EXPECT_EQ(setting(), "on");
  connection_->rollback();
  EXPECT_EQ(count(*open()), 1);
}

TEST(SqlConnectionPostgres, OpenFailureIsUnavailableAndHidesThePassword) {
  // Port 1 on the loopback: refused at once, no server needed.
  const std::string url = "postgresql://mn:S3cret-Pw@127.0.0.1:1/mn_test?connect_timeout=5";
  try {
    PostgresConnection::open(url);
    ADD_FAILURE() << "connected to " << url;
  } catch (const DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::unavailable);
    const std::string message = error.what();
    EXPECT_EQ(message.find("S3cret-Pw"), std::string::npos) << message;
    EXPECT_NE(message.find("postgresql://mn:***@127.0.0.1:1/mn_test"), std::string::npos)
        << message;
  }
}

TEST(SqlConnectionPostgres, RedactsPasswordsInConnectionStrings) {
  EXPECT_EQ(redact_password("postgresql://mn:pw@host:5432/db"), "postgresql://mn:***@host:5432/db");
  EXPECT_EQ(redact_password("postgres://mn:p%40w@h/db?sslmode=require&password=x&a=b"),
            "postgres://mn:***@h/db?sslmode=require&password=***&a=b");
  EXPECT_EQ(redact_password("postgresql://mn@127.0.0.1:54329/mn_test"),
            "postgresql://mn@127.0.0.1:54329/mn_test");
  EXPECT_EQ(redact_password("postgresql://h1:5432,h2:5433/db"), "postgresql://h1:5432,h2:5433/db");
  EXPECT_EQ(redact_password("host=h user=mn password=secret dbname=x"),
            "host=h user=mn password=*** dbname=x");
  EXPECT_EQ(redact_password("host=h password = 'se cr\\'et' port=1"),
            "host=h password = '***' port=1");
  EXPECT_EQ(redact_password("host=h password secret"), "host=h ***");
}

TEST(SqlConnectionRow, AccessorsCheckTheType) {
  const Row row{{Value{}, Value{std::int64_t{3}}, Value{2.5}, Value{std::string("t")}}};
  EXPECT_TRUE(row.is_null(0));
  EXPECT_FALSE(row.is_null(1));
  EXPECT_EQ(row.integer(1), 3);
  EXPECT_DOUBLE_EQ(row.real(1), 3.0);
  EXPECT_DOUBLE_EQ(row.real(2), 2.5);
  EXPECT_EQ(row.text(3), "t");
  try {
    static_cast<void>(row.integer(3));
    ADD_FAILURE() << "read text as an integer";
  } catch (const DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::other);
    EXPECT_EQ(std::string(error.what()), "column 3: expected an integer, found text");
  }
  EXPECT_THROW(static_cast<void>(row.integer(2)), DatabaseError);
  EXPECT_THROW(static_cast<void>(row.real(3)), DatabaseError);
  EXPECT_THROW(static_cast<void>(row.text(0)), DatabaseError);
  EXPECT_THROW(static_cast<void>(row.is_null(4)), DatabaseError);
}

INSTANTIATE_TEST_SUITE_P(SqlConnection, SqlConnectionTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);
INSTANTIATE_TEST_SUITE_P(SqlConnection, SqlConnectionSqliteTest, ::testing::Values(Backend::sqlite),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(SqlConnection, SqlConnectionPostgresTest,
                         ::testing::Values(Backend::postgresql), backend_name);

}  // namespace
}  // namespace mn::store::sql
