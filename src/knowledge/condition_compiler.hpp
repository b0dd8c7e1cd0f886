#pragma once

#include <map>
#include <string>

#include "core/condition.hpp"
#include "core/knowledge_base.hpp"
#include "knowledge/diagnostics.hpp"
#include "knowledge/yaml_tree.hpp"

namespace mn::knowledge {

// Where a condition sits decides what it may look at: checklist items and
// safety rules run before the decision, so they cannot ask for a matched
// item or the style.
struct ConditionScope {
  bool allow_items = false;
  bool allow_style = false;
};

// Compiles YAML conditions (docs/knowledge-format.md) into one flat
// ConditionProgram, reporting problems with file and line.
class ConditionCompiler {
 public:
  ConditionCompiler(core::ConditionProgram& program,
                    const std::map<std::string, core::Index>& items, Diagnostics& diagnostics)
      : program_(program), items_(items), diagnostics_(diagnostics) {}

  // Returns kAlways for an absent node; on error returns kAlways and reports.
  core::ConditionRef compile(const std::string& file, const yaml::Node& yaml, ConditionScope scope);

 private:
  std::optional<core::ConditionNode> node(const std::string& file, const yaml::Node& yaml,
                                          ConditionScope scope, int depth);
  std::optional<core::ConditionNode> combination(const std::string& file, const std::string& key,
                                                 const yaml::Node& value, ConditionScope scope,
                                                 int depth);
  std::optional<core::ConditionNode> item_leaf(const std::string& file, const yaml::Node& yaml,
                                               ConditionScope scope);
  std::optional<core::ConditionNode> style_leaf(const std::string& file, const yaml::Node& yaml,
                                                ConditionScope scope);
  std::optional<core::ConditionNode> field_leaf(const std::string& file, const yaml::Node& yaml);
  std::optional<core::ConditionNode> pain_leaf(const std::string& file, const yaml::Node& yaml);
  std::optional<core::ChoiceMask> choice_mask(const std::string& file, const yaml::Node& list,
                                              core::Choices choices);
  core::ConditionRef append(core::ConditionNode node);

  core::ConditionProgram& program_;
  const std::map<std::string, core::Index>& items_;
  Diagnostics& diagnostics_;
};

}  // namespace mn::knowledge
