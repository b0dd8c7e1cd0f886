#include "store/open_store.hpp"

#include "store/migrations.hpp"
#include "store/postgres/postgres_connection.hpp"
#include "store/sql_store.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace mn::store {

Result<DatabaseUrl> parse_database_url(std::string_view text, std::string_view where) {
  if (text.starts_with("sqlite:")) {
    std::string_view path = text.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);
    if (path.empty()) {
      return Error{"invalid", std::string(where), "sqlite: needs a file path, as in sqlite:mn.db"};
    }
    return DatabaseUrl{DatabaseUrl::Kind::sqlite, std::string(path)};
  }
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    return DatabaseUrl{DatabaseUrl::Kind::postgresql, std::string(text)};
  }
  return Error{"invalid", std::string(where),
               "'" + redact_database_url(text) +
                   "' is not a database URL; use sqlite:PATH or postgresql://USER@HOST:PORT/NAME"};
}

std::string redact_database_url(std::string_view text) {
  // scheme://user:password@host -> scheme://user:***@host
  const auto scheme = text.find("://");
  if (scheme == std::string_view::npos) return std::string(text);
  const auto at = text.find('@', scheme + 3);
  const auto colon = text.find(':', scheme + 3);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) {
    return std::string(text);
  }
  return std::string(text.substr(0, colon + 1)) + "***" + std::string(text.substr(at));
}

Result<std::unique_ptr<Store>> open_store(const DatabaseUrl& url, const Clock& clock) {
  try {
    std::unique_ptr<sql::Connection> connection;
    if (url.kind == DatabaseUrl::Kind::sqlite) {
      connection = sql::SqliteConnection::open(url.target);
    } else {
      connection = sql::PostgresConnection::open(url.target);
    }
    auto migrated = migrate(*connection, clock.now());
    if (!migrated) return migrated.error();
    return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(connection), clock));
  } catch (const sql::DatabaseError& error) {
    return Error{
        "database", "database",
        "cannot open " +
            redact_database_url(url.kind == DatabaseUrl::Kind::sqlite ? "sqlite:" + url.target
                                                                      : url.target) +
            ": " + error.what()};
  }
}

}  // namespace mn::store
