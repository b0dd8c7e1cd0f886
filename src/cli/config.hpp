#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace mn::cli {

// Settings that every command shares, each taken from the first place that
// gives it: the command-line flag, the environment (MN_DATABASE,
// MN_KNOWLEDGE_DIR), the config file, the built-in default.
//
// The config file is YAML with the keys `database`, `knowledge`, `bind`,
// `port` and `behind_tls`; it is
// --config FILE, else $MN_CONFIG, else $XDG_CONFIG_HOME/massage-navigator/
// config.yaml (~/.config/... without XDG_CONFIG_HOME) when that exists.
// The default database is sqlite:$XDG_DATA_HOME/massage-navigator/
// massage-navigator.db (~/.local/share/... without XDG_DATA_HOME).
struct Settings {
  std::string database;
  std::string knowledge_dir;
  std::string config_file;  // the file read, or empty
  // The server's (`serve`): MN_BIND, MN_PORT, MN_BEHIND_TLS,
  // MN_TRUSTED_PROXIES; config keys bind, port, behind_tls, trusted_proxies.
  // Checked by the serve command.
  std::string bind;             // default 127.0.0.1
  std::string port;             // default 8080
  std::string behind_tls;       // "true" or "false" (default)
  std::string trusted_proxies;  // "127.0.0.1, ::1"; default none
};

struct SettingFlags {
  std::string database;
  std::string knowledge_dir;
  std::string config_file;
  std::string bind;
  std::string port;
  std::string behind_tls;
  std::string trusted_proxies;
};

// `environment` reads a variable (nullopt when unset or empty); injected so
// tests need not change the process environment. Errors name the flag, the
// variable or file:line:column.
using Environment = std::function<std::optional<std::string>(const char* name)>;
Result<Settings> resolve_settings(const SettingFlags& flags, const Environment& environment,
                                  const std::string& built_in_knowledge_dir);

std::optional<std::string> process_environment(const char* name);

}  // namespace mn::cli
