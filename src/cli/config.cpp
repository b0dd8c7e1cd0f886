#include "cli/config.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string_view>

#include "cli/files.hpp"
#include "knowledge/yaml_tree.hpp"

namespace mn::cli {

namespace {

namespace yaml = knowledge::yaml;

constexpr std::size_t kMaxConfigBytes = std::size_t{64} * 1024;

// The keys a config file may set, as written in it.
constexpr std::array<std::string_view, 6> kFileKeys{"database", "knowledge",  "bind",
                                                    "port",     "behind_tls", "trusted_proxies"};
using FileSettings = std::map<std::string, std::string, std::less<>>;

std::string known_keys() {
  std::string list;
  for (std::string_view key : kFileKeys) {
    if (!list.empty()) list += ", ";
    list += key;
  }
  return list;
}

std::string position(const std::string& file, yaml::Mark mark) {
  if (mark.is_null()) return file;
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

Result<FileSettings> read_config_file(const std::string& file) {
  auto text = read_input(file, kMaxConfigBytes);
  if (!text) return Error{"invalid", file, text.error().message};
  auto parsed = yaml::parse(*text);
  if (auto* error = std::get_if<yaml::ParseError>(&parsed)) {
    return Error{"invalid", position(file, error->mark), error->message};
  }
  const yaml::Node root = std::get<yaml::Document>(parsed).root();
  FileSettings settings;
  if (root.is_null()) return settings;
  if (!root.is_map()) {
    return Error{"invalid", position(file, root.mark()),
                 "expected a mapping of settings (" + known_keys() + ")"};
  }
  for (const auto& entry : root) {
    const std::string& key = entry.first.text();
    if (std::find(kFileKeys.begin(), kFileKeys.end(), key) == kFileKeys.end()) {
      return Error{"invalid", position(file, entry.first.mark()),
                   "unknown setting '" + key + "'; known: " + known_keys()};
    }
    if (!entry.second.is_scalar() || entry.second.text().empty()) {
      return Error{"invalid", position(file, entry.second.mark()), key + " must be a text"};
    }
    settings[key] = entry.second.text();
  }
  return settings;
}

// The config file to read: named (must exist) or the usual place (if any).
std::optional<std::pair<std::string, bool>> config_path(const SettingFlags& flags,
                                                        const Environment& environment) {
  if (!flags.config_file.empty()) return std::pair{flags.config_file, true};
  if (auto named = environment("MN_CONFIG")) return std::pair{*named, true};
  std::string base;
  if (auto xdg = environment("XDG_CONFIG_HOME")) {
    base = *xdg;
  } else if (auto home = environment("HOME")) {
    base = *home + "/.config";
  } else {
    return std::nullopt;
  }
  return std::pair{base + "/massage-navigator/config.yaml", false};
}

std::string default_database(const Environment& environment) {
  std::string base;
  if (auto xdg = environment("XDG_DATA_HOME")) {
    base = *xdg;
  } else if (auto home = environment("HOME")) {
    base = *home + "/.local/share";
  } else {
    base = ".";
  }
  return "sqlite:" + base + "/massage-navigator/massage-navigator.db";
}

}  // namespace

std::optional<std::string> process_environment(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before threads
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

Result<Settings> resolve_settings(const SettingFlags& flags, const Environment& environment,
                                  const std::string& built_in_knowledge_dir) {
  Settings settings;
  FileSettings from_file;
  if (auto path = config_path(flags, environment)) {
    std::error_code ignored;
    const bool required = path->second;
    if (required || std::filesystem::exists(path->first, ignored)) {
      auto read = read_config_file(path->first);
      if (!read) return read.error();
      from_file = std::move(*read);
      settings.config_file = path->first;
    }
  }
  const auto pick = [](const std::string& flag, std::optional<std::string> variable,
                       const std::string& file, std::string fallback) {
    if (!flag.empty()) return flag;
    if (variable) return *variable;
    if (!file.empty()) return file;
    return fallback;
  };
  const auto file = [&from_file](std::string_view key) {
    auto found = from_file.find(key);
    return found == from_file.end() ? std::string() : found->second;
  };
  settings.database = pick(flags.database, environment("MN_DATABASE"), file("database"),
                           default_database(environment));
  settings.knowledge_dir = pick(flags.knowledge_dir, environment("MN_KNOWLEDGE_DIR"),
                                file("knowledge"), built_in_knowledge_dir);
  settings.bind = pick(flags.bind, environment("MN_BIND"), file("bind"), "127.0.0.1");
  settings.port = pick(flags.port, environment("MN_PORT"), file("port"), "8080");
  settings.behind_tls =
      pick(flags.behind_tls, environment("MN_BEHIND_TLS"), file("behind_tls"), "false");
  settings.trusted_proxies =
      pick(flags.trusted_proxies, environment("MN_TRUSTED_PROXIES"), file("trusted_proxies"), "");
  return settings;
}

}  // namespace mn::cli
