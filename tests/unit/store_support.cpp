#include "store_support.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/migrations.hpp"
#include "store/postgres/postgres_connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace mn::testing {

namespace {

std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  std::random_device device;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(device() % 100000);
}

}  // namespace

std::string backend_name(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

std::string test_postgres_url() {
  const char* url = std::getenv("MN_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << "MN_TEST_POSTGRES_URL is not set: run the tests through ctest (its postgres "
                     "fixture starts a throwaway server) or scripts/postgres-for-tests start";
    return "";
  }
  return url;
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    directory_ =
        (std::filesystem::path(::testing::TempDir()) / ("mn_store_" + unique_suffix())).string();
    std::filesystem::create_directories(directory_);
    sqlite_path_ = directory_ + "/store.db";
    url_ = "sqlite:" + sqlite_path_;
    return;
  }
  const std::string base = test_postgres_url();
  if (base.empty()) return;
  schema_ = "test_" + unique_suffix();
  auto admin = store::sql::PostgresConnection::open(base);
  admin->execute_script("CREATE SCHEMA " + schema_);
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema_;
}

TestDatabase::~TestDatabase() {
  if (!directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  if (!schema_.empty()) {
    try {
      auto admin = store::sql::PostgresConnection::open(test_postgres_url());
      admin->execute_script("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // The server is gone; the whole cluster is thrown away after the run.
    }
  }
}

store::DatabaseUrl TestDatabase::parsed_url() const {
  auto url = store::parse_database_url(url_, "test");
  EXPECT_TRUE(url.ok()) << url_;
  return url.ok() ? *url : store::DatabaseUrl{};
}

std::unique_ptr<store::Store> TestDatabase::open(const store::Clock& clock) const {
  auto opened = store::open_store(parsed_url(), clock);
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().describe());
  return opened.ok() ? std::move(*opened) : nullptr;
}

std::unique_ptr<store::sql::Connection> raw_connection(const TestDatabase& database) {
  if (database.backend() == Backend::sqlite) {
    return store::sql::SqliteConnection::open(database.sqlite_path());
  }
  return store::sql::PostgresConnection::open(database.parsed_url().target);
}

void migrate_to_version(store::sql::Connection& connection, int version) {
  // The "{id}" columns as migrate() writes them for each dialect.
  const std::string id = connection.dialect() == store::sql::Dialect::sqlite
                             ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                             : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  connection.execute_script(
      "CREATE TABLE schema_migrations ("
      " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT NOT NULL)");
  for (const store::Migration& migration : store::migrations()) {
    if (migration.version > version) break;
    std::string sql(migration.sql);
    for (auto at = sql.find("{id}"); at != std::string::npos; at = sql.find("{id}", at)) {
      sql.replace(at, 4, id);
    }
    connection.execute_script(sql);
    const std::array<store::sql::Value, 3> row{std::int64_t{migration.version}, std::int64_t{0},
                                               std::string(migration.description)};
    connection.query(
        "INSERT INTO schema_migrations (version, applied_at, description) VALUES ($1, $2, $3)",
        row);
  }
}

}  // namespace mn::testing
