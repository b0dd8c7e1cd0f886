#pragma once

#include <memory>
#include <string>

#include "store/clock.hpp"
#include "store/open_store.hpp"
#include "store/sql/connection.hpp"

namespace mn::testing {

enum class Backend { sqlite, postgresql };
std::string backend_name(Backend backend);

// A database of its own for one test: an SQLite file in a fresh directory,
// or a fresh schema on the test PostgreSQL server (MN_TEST_POSTGRES_URL, set
// by CTest's postgres fixture; without it the test fails and says how to
// get one). Removed when destroyed.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Backend backend() const { return backend_; }
  // "sqlite:/tmp/.../store.db" or "postgresql://...?options=-csearch_path%3D..."
  const std::string& url() const { return url_; }
  store::DatabaseUrl parsed_url() const;
  // SQLite only: the database file.
  const std::string& sqlite_path() const { return sqlite_path_; }

  // Opens (and migrates) a store on this database; fails the test on error.
  std::unique_ptr<store::Store> open(const store::Clock& clock) const;

 private:
  Backend backend_;
  std::string url_;
  std::string sqlite_path_;
  std::string directory_;
  std::string schema_;
};

// The URL of the test PostgreSQL server, or empty after failing the test.
std::string test_postgres_url();

// A connection to the test database that neither migrates nor checks it.
std::unique_ptr<store::sql::Connection> raw_connection(const TestDatabase& database);

// Brings a new database to schema `version` exactly, as the program that
// stopped at that version left it, so that a test can put rows in it and
// see the later migrations keep them.
void migrate_to_version(store::sql::Connection& connection, int version);

}  // namespace mn::testing
