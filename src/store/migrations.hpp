#pragma once

#include <span>
#include <string_view>

#include "core/result.hpp"
#include "store/sql/connection.hpp"

namespace mn::store {

// One step of the schema. Steps are applied in order and never edited once
// released: a change to the schema is a new step.
struct Migration {
  int version;
  std::string_view description;
  // The DDL, with "{id}" for the dialect's auto-increment primary key.
  std::string_view sql;
};

std::span<const Migration> migrations();

// The newest schema version this program knows.
int latest_schema_version();

// Brings the database up to latest_schema_version() in one transaction
// (PostgreSQL: under an advisory lock, so that servers starting together
// migrate once). Refuses a database whose schema is newer than this program
// ("schema_too_new") and changes nothing then. Returns the version found
// before migrating (0 for a new database).
Result<int> migrate(sql::Connection& connection, std::int64_t now);

}  // namespace mn::store
