#include "knowledge/yaml_schema.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <set>

namespace mn::knowledge {

namespace {

std::string describe_kind(const yaml::Node& node) {
  if (!node) return "an undefined value";
  switch (node.kind()) {
    case yaml::Kind::map:
      return "a mapping";
    case yaml::Kind::sequence:
      return "a list";
    case yaml::Kind::null:
      return "nothing";
    case yaml::Kind::scalar:
      return "'" + node.text() + "'";
  }
  return "an undefined value";
}

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return std::to_string(value);
}

}  // namespace

SchemaChecker::SchemaChecker(yaml::Node schema, Diagnostics& diagnostics)
    : schema_(schema), diagnostics_(diagnostics) {}

std::vector<std::string> SchemaChecker::files() const {
  std::vector<std::string> names;
  const yaml::Node files = schema_["files"];
  if (!files.is_map()) return names;
  for (const auto& entry : files) names.push_back(entry.first.text());
  return names;
}

void SchemaChecker::check_file(const std::string& file, const yaml::Node& root) {
  const yaml::Node spec = schema_["files"][file];
  if (!spec) {
    diagnostics_.add_file(file, "the schema does not describe this file");
    return;
  }
  check(file, root, spec, "");
}

yaml::Node SchemaChecker::resolve(const yaml::Node& spec) const {
  yaml::Node current = spec;
  // Named types may refer to other named types; the schema is ours, so a
  // short bound on the chain is enough to stop a cycle.
  for (int depth = 0; depth < 8 && current.is_map() && current["use"]; ++depth) {
    current = schema_["types"][current["use"].text()];
  }
  return current;
}

void SchemaChecker::check(const std::string& file, const yaml::Node& node,
                          const yaml::Node& raw_spec, const std::string& path) {
  if (diagnostics_.full()) return;
  const yaml::Node spec = resolve(raw_spec);
  if (!spec.is_map() || !spec["type"]) {
    diagnostics_.add_file("schema.yaml", "no valid schema node for '" + path + "'");
    return;
  }
  const std::string type = spec["type"].text();
  const std::string where = path.empty() ? "the file" : "'" + path + "'";
  if (type == "map") {
    if (!node.is_map()) {
      diagnostics_.add(file, node.mark(), where + " must be a mapping, got " + describe_kind(node));
      return;
    }
    check_map(file, node, spec, path);
  } else if (type == "list") {
    if (!node.is_sequence()) {
      diagnostics_.add(file, node.mark(), where + " must be a list, got " + describe_kind(node));
      return;
    }
    const std::size_t size = node.size();
    if (spec["min_items"] && size < yaml::to_size(spec["min_items"])) {
      diagnostics_.add(file, node.mark(),
                       where + " needs at least " + spec["min_items"].text() + " entries, has " +
                           std::to_string(size));
    }
    if (spec["max_items"] && size > yaml::to_size(spec["max_items"])) {
      diagnostics_.add(file, node.mark(),
                       where + " allows at most " + spec["max_items"].text() + " entries, has " +
                           std::to_string(size));
    }
    for (std::size_t i = 0; i < size; ++i) {
      check(file, node[i], spec["items"], path + "[" + std::to_string(i) + "]");
    }
  } else if (type == "condition") {
    if (!node.is_map()) {
      diagnostics_.add(file, node.mark(),
                       where + " must be a condition (a mapping), got " + describe_kind(node));
    }
    // Its inner form is checked by the condition compiler.
  } else {
    check_scalar(file, node, spec, type, path);
  }
}

void SchemaChecker::check_map(const std::string& file, const yaml::Node& node,
                              const yaml::Node& spec, const std::string& path) {
  const yaml::Node keys = spec["keys"];
  std::set<std::string> seen;
  for (const auto& entry : node) {
    if (!entry.first.is_scalar()) {
      diagnostics_.add(file, entry.first.mark(), "keys must be plain names");
      continue;
    }
    const std::string key = entry.first.text();
    if (!seen.insert(key).second) {
      diagnostics_.add(file, entry.first.mark(), "duplicate key '" + key + "'");
      continue;
    }
    if (!keys[key]) {
      diagnostics_.add(file, entry.first.mark(),
                       "unknown key '" + key + "'" + (path.empty() ? "" : " in '" + path + "'"));
      continue;
    }
    check(file, entry.second, keys[key], child_path(path, key));
  }
  if (const yaml::Node required = spec["required"]) {
    for (const auto& key : required) {
      if (!seen.contains(key.text())) {
        diagnostics_.add(file, node.mark(),
                         "missing required key '" + key.text() + "'" +
                             (path.empty() ? "" : " in '" + path + "'"));
      }
    }
  }
}

void SchemaChecker::check_scalar(const std::string& file, const yaml::Node& node,
                                 const yaml::Node& spec, const std::string& type,
                                 const std::string& path) {
  const std::string where = "'" + path + "'";
  if (!node.is_scalar()) {
    diagnostics_.add(file, node.mark(),
                     where + " must be a single value, got " + describe_kind(node));
    return;
  }
  const std::string& text = node.text();
  if (type == "string" || type == "id" || type == "ref") {
    check_text(file, node, spec, type, where);
    return;
  }
  if (type == "boolean") {
    if (text != "true" && text != "false") {
      diagnostics_.add(file, node.mark(), where + " must be true or false, got '" + text + "'");
    }
    return;
  }
  if (type == "enum") {
    for (const auto& value : spec["values"]) {
      if (value.text() == text) return;
    }
    std::string allowed;
    for (const auto& value : spec["values"])
      allowed += (allowed.empty() ? "" : ", ") + value.text();
    diagnostics_.add(file, node.mark(),
                     where + " must be one of " + allowed + ", got '" + text + "'");
    return;
  }
  if (type == "integer" || type == "number") {
    check_number(file, node, spec, type, where);
    return;
  }
  diagnostics_.add_file("schema.yaml", "unknown node type '" + type + "'");
}

void SchemaChecker::check_text(const std::string& file, const yaml::Node& node,
                               const yaml::Node& spec, const std::string& type,
                               const std::string& where) {
  const std::string& text = node.text();
  const std::size_t length = text.size();
  if (spec["min_length"] && length < yaml::to_size(spec["min_length"])) {
    diagnostics_.add(file, node.mark(), where + " must not be empty");
  }
  if (spec["max_length"] && length > yaml::to_size(spec["max_length"])) {
    diagnostics_.add(file, node.mark(),
                     where + " is too long (" + std::to_string(length) + " characters, at most " +
                         spec["max_length"].text() + ")");
  }
  if (type == "string") return;
  const std::string name_space = spec["namespace"].text();
  if (type == "id") {
    bool well_formed = !text.empty() && text.front() >= 'a' && text.front() <= 'z';
    for (char c : text) {
      well_formed =
          well_formed && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }
    if (!well_formed) {
      diagnostics_.add(file, node.mark(),
                       "id '" + text + "' must be lower case letters, digits, '_' or '-'");
      return;
    }
    const std::string location = file + ":" + std::to_string(node.mark().line + 1);
    auto [it, inserted] = ids_[name_space].emplace(text, location);
    if (!inserted) {
      diagnostics_.add(
          file, node.mark(),
          "duplicate " + name_space + " id '" + text + "' (first defined at " + it->second + ")");
    }
  } else {
    references_.push_back({name_space, text, file, node.mark()});
  }
}

void SchemaChecker::check_number(const std::string& file, const yaml::Node& node,
                                 const yaml::Node& spec, const std::string& type,
                                 const std::string& where) {
  const std::string& text = node.text();
  const auto value = yaml::number(node);
  if (!value || (type == "integer" && *value != std::floor(*value))) {
    diagnostics_.add(file, node.mark(),
                     where + " must be " + (type == "integer" ? "an integer" : "a number") +
                         ", got '" + text + "'");
    return;
  }
  const bool below = spec["min"] && *value < yaml::to_double(spec["min"]);
  const bool above = spec["max"] && *value > yaml::to_double(spec["max"]);
  if (below || above) {
    std::string range = spec["min"] && spec["max"] ? spec["min"].text() + ".." + spec["max"].text()
                                                   : (spec["min"] ? ">= " + spec["min"].text()
                                                                  : "<= " + spec["max"].text());
    diagnostics_.add(file, node.mark(),
                     where + " must be " + range + ", got " + format_number(*value));
  }
}

void SchemaChecker::check_references() {
  for (const Reference& reference : references_) {
    const auto space = ids_.find(reference.name_space);
    if (space == ids_.end() || !space->second.contains(reference.id)) {
      diagnostics_.add(reference.file, reference.mark,
                       "unknown " + reference.name_space + " id '" + reference.id + "'");
    }
  }
}

}  // namespace mn::knowledge
