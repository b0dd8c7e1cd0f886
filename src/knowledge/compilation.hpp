#pragma once

#include <map>
#include <string>

#include "core/knowledge_base.hpp"
#include "knowledge/condition_compiler.hpp"
#include "knowledge/diagnostics.hpp"
#include "knowledge/yaml_tree.hpp"

namespace mn::knowledge {

// State shared by the compile steps of one load. The schema has already
// checked structure, types, ranges and references, so the steps read values
// directly and check only what the schema cannot (contract names, cross-file
// consistency).
struct Compilation {
  Compilation(core::KnowledgeBase& knowledge_base, Diagnostics& diagnostics_sink)
      : knowledge(knowledge_base),
        diagnostics(diagnostics_sink),
        conditions(knowledge_base.conditions, item_index, diagnostics_sink) {}

  core::KnowledgeBase& knowledge;
  Diagnostics& diagnostics;
  std::map<std::string, core::Index> source_index;
  std::map<std::string, core::Index> item_index;
  std::map<std::string, core::Index> rule_index;
  ConditionCompiler conditions;

  core::SourceList sources(const yaml::Node& list) const;
  core::TextItem text_item(const std::string& file, const yaml::Node& node, ConditionScope scope);
  std::vector<core::TextItem> text_items(const std::string& file, const yaml::Node& list,
                                         ConditionScope scope);
};

std::string scalar(const yaml::Node& node);

// Each step compiles one file's content into `compilation.knowledge`.
void compile_sources(Compilation& compilation, const yaml::Node& root);
void compile_checklists(Compilation& compilation, const yaml::Node& root);
void compile_questionnaire(Compilation& compilation, const yaml::Node& root);
void compile_safety(Compilation& compilation, const yaml::Node& root);
void compile_plan(Compilation& compilation, const yaml::Node& root);
void compile_guidance(Compilation& compilation, const yaml::Node& root);
void compile_progress(Compilation& compilation, const yaml::Node& root);  // after compile_plan
// After compile_checklists and compile_safety (item and rule ids).
void compile_matching(Compilation& compilation, const yaml::Node& root);

}  // namespace mn::knowledge
