#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "knowledge/diagnostics.hpp"

namespace mn::knowledge {

// Checks YAML documents against knowledge/schema.yaml (its node forms are
// described at the top of that file): unknown and missing keys, duplicate
// keys, types, ranges, enum values, duplicate ids and dangling references.
// Not thread-safe; one checker per load.
class SchemaChecker {
 public:
  SchemaChecker(YAML::Node schema, Diagnostics& diagnostics);

  // The file names the schema describes, in schema order.
  std::vector<std::string> files() const;

  // Checks one file. Ids it defines are remembered for reference checks.
  void check_file(const std::string& file, const YAML::Node& root);

  // Reports references to ids no checked file defined. Call once, last.
  void check_references();

 private:
  void check(const std::string& file, const YAML::Node& node, const YAML::Node& spec,
             const std::string& path);
  void check_map(const std::string& file, const YAML::Node& node, const YAML::Node& spec,
                 const std::string& path);
  void check_scalar(const std::string& file, const YAML::Node& node, const YAML::Node& spec,
                    const std::string& type, const std::string& path);
  YAML::Node resolve(const YAML::Node& spec) const;

  struct Reference {
    std::string name_space;
    std::string id;
    std::string file;
    YAML::Mark mark;
  };

  YAML::Node schema_;
  Diagnostics& diagnostics_;
  std::map<std::string, std::map<std::string, std::string>> ids_;  // namespace -> id -> "file:line"
  std::vector<Reference> references_;
};

}  // namespace mn::knowledge
