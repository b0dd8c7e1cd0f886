#pragma once

#include <map>
#include <string>
#include <vector>

#include "knowledge/diagnostics.hpp"
#include "knowledge/yaml_tree.hpp"

namespace mn::knowledge {

// Checks YAML documents against knowledge/schema.yaml (its node forms are
// described at the top of that file): unknown and missing keys, duplicate
// keys, types, ranges, enum values, duplicate ids and dangling references.
// Not thread-safe; one checker per load.
class SchemaChecker {
 public:
  // `schema` is a handle: its Document must outlive the checker.
  SchemaChecker(yaml::Node schema, Diagnostics& diagnostics);

  // The file names the schema describes, in schema order.
  std::vector<std::string> files() const;

  // Checks one file. Ids it defines are remembered for reference checks.
  void check_file(const std::string& file, const yaml::Node& root);

  // Reports references to ids no checked file defined. Call once, last.
  void check_references();

 private:
  void check(const std::string& file, const yaml::Node& node, const yaml::Node& spec,
             const std::string& path);
  void check_map(const std::string& file, const yaml::Node& node, const yaml::Node& spec,
                 const std::string& path);
  void check_scalar(const std::string& file, const yaml::Node& node, const yaml::Node& spec,
                    const std::string& type, const std::string& path);
  // string, id and ref; integer and number. `where` names the node for messages.
  void check_text(const std::string& file, const yaml::Node& node, const yaml::Node& spec,
                  const std::string& type, const std::string& where);
  void check_number(const std::string& file, const yaml::Node& node, const yaml::Node& spec,
                    const std::string& type, const std::string& where);
  yaml::Node resolve(const yaml::Node& spec) const;

  struct Reference {
    std::string name_space;
    std::string id;
    std::string file;
    yaml::Mark mark;
  };

  yaml::Node schema_;
  Diagnostics& diagnostics_;
  std::map<std::string, std::map<std::string, std::string>> ids_;  // namespace -> id -> "file:line"
  std::vector<Reference> references_;
};

}  // namespace mn::knowledge
