// Sources, checklists and the decision policy.
#include "knowledge/compilation.hpp"

namespace mn::knowledge {

std::string scalar(const yaml::Node& node) {
  return node && node.is_scalar() ? node.text() : std::string();
}

core::SourceList Compilation::sources(const yaml::Node& list) const {
  core::SourceList result;
  for (const auto& entry : list) {
    const auto found = source_index.find(scalar(entry));
    if (found != source_index.end()) result.push_back(found->second);
  }
  return result;
}

core::TextItem Compilation::text_item(const std::string& file, const yaml::Node& node,
                                      ConditionScope scope) {
  core::TextItem item;
  item.id = scalar(node["id"]);
  item.title = scalar(node["title"]);
  item.text = scalar(node["text"]);
  item.sources = sources(node["source"]);
  item.when = conditions.compile(file, node["when"], scope);
  return item;
}

std::vector<core::TextItem> Compilation::text_items(const std::string& file, const yaml::Node& list,
                                                    ConditionScope scope) {
  std::vector<core::TextItem> items;
  for (const auto& node : list) items.push_back(text_item(file, node, scope));
  return items;
}

void compile_sources(Compilation& compilation, const yaml::Node& root) {
  for (const auto& node : root["sources"]) {
    compilation.source_index.emplace(
        scalar(node["id"]), static_cast<core::Index>(compilation.knowledge.sources.size()));
    compilation.knowledge.sources.push_back({scalar(node["id"]), scalar(node["citation"])});
  }
}

namespace {

core::Style style_of(const std::string& name) {
  for (int s = 0; s < static_cast<int>(core::Style::count); ++s) {
    if (core::style_name(static_cast<core::Style>(s)) == name) return static_cast<core::Style>(s);
  }
  return core::Style::consultation;  // unreachable: the schema checked the enum
}

}  // namespace

void compile_checklists(Compilation& compilation, const yaml::Node& root) {
  const std::string file = "checklists.yaml";
  core::KnowledgeBase& knowledge = compilation.knowledge;
  knowledge.several = static_cast<std::uint8_t>(yaml::to_int(root["several"]));
  std::map<std::string, core::Index> checklist_index;
  // Item ids first, so item conditions elsewhere can refer to them.
  for (const auto& list : root["checklists"]) {
    for (const auto& item : list["items"]) {
      compilation.item_index.emplace(scalar(item["id"]),
                                     static_cast<core::Index>(compilation.item_index.size()));
    }
  }
  if (compilation.item_index.size() > 64) {
    compilation.diagnostics.add(file, root["checklists"].mark(),
                                "at most 64 checklist items in all");
    return;
  }
  std::uint8_t styles_seen = 0;
  for (const auto& list : root["checklists"]) {
    core::Checklist checklist;
    checklist.id = scalar(list["id"]);
    checklist.title = scalar(list["title"]);
    checklist.style = style_of(scalar(list["style"]));
    checklist.sources = compilation.sources(list["source"]);
    if (styles_seen & (1U << static_cast<unsigned>(checklist.style))) {
      compilation.diagnostics.add(file, list["style"].mark(), "two checklists for the same style");
    }
    styles_seen |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(checklist.style));
    const auto checklist_number = static_cast<core::Index>(knowledge.checklists.size());
    checklist_index.emplace(checklist.id, checklist_number);
    knowledge.checklists.push_back(checklist);
    for (const auto& node : list["items"]) {
      core::ChecklistItem item;
      item.id = scalar(node["id"]);
      item.label = scalar(node["label"]);
      item.checklist = checklist_number;
      item.sources = compilation.sources(node["source"]);
      item.when = compilation.conditions.compile(file, node["when"], {});
      knowledge.items.push_back(item);
    }
  }
  const auto& decision = root["decision"];
  for (const auto& node : decision) {
    core::DecisionRule rule;
    rule.id = scalar(node["id"]);
    rule.style = style_of(scalar(node["style"]));
    rule.explanation = scalar(node["explanation"]);
    rule.sources = compilation.sources(node["source"]);
    for (const auto& required : node["requires"]) {
      const auto found = checklist_index.find(scalar(required));
      if (found != checklist_index.end()) {
        rule.requires_checklists |= static_cast<std::uint8_t>(1U << found->second);
      }
    }
    knowledge.decision.push_back(rule);
  }
  if (!knowledge.decision.empty() && knowledge.decision.back().requires_checklists != 0) {
    compilation.diagnostics.add(
        file, decision[decision.size() - 1].mark(),
        "the last decision rule must require nothing (the fallback when nothing clearly applies)");
  }
}

}  // namespace mn::knowledge
