#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/store.hpp"

namespace mn::store {

// Where the data lives: "sqlite:PATH" (the embedded default) or a libpq URI
// "postgresql://user@host:port/database" ("postgres://" too).
struct DatabaseUrl {
  enum class Kind : std::uint8_t { sqlite, postgresql };
  Kind kind = Kind::sqlite;
  std::string target;  // the SQLite path, or the whole PostgreSQL URI
};

// Error "invalid" at `where` (the option or setting that gave it).
Result<DatabaseUrl> parse_database_url(std::string_view text, std::string_view where);

// The URL with any password replaced by "***", for messages and logs.
std::string redact_database_url(std::string_view text);

// Opens the database, creating an SQLite file if it is missing, and migrates
// its schema (refusing one newer than this program). The clock must outlive
// the store.
Result<std::unique_ptr<Store>> open_store(const DatabaseUrl& url, const Clock& clock);

}  // namespace mn::store
