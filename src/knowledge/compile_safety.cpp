#include <algorithm>

#include "core/term_match.hpp"
#include "knowledge/compilation.hpp"

namespace mn::knowledge {

namespace {

const std::string kFile = "safety.yaml";

core::Position position_of(const std::string& name) {
  if (name == "side_lying") return core::Position::side_lying;
  if (name == "semi_reclined") return core::Position::semi_reclined;
  if (name == "seated") return core::Position::seated;
  return core::Position::any;
}

core::Caution caution_of(const std::string& name) {
  if (name == "systemic") return core::Caution::systemic;
  if (name == "local") return core::Caution::local;
  return core::Caution::modify;
}

void compile_settings(Compilation& compilation, const yaml::Node& node) {
  core::SafetySettings& settings = compilation.knowledge.safety;
  settings.default_pressure_ceiling =
      static_cast<std::uint8_t>(yaml::to_int(node["default_pressure_ceiling"]));
  for (int s = 0; s < static_cast<int>(core::Style::count); ++s) {
    const auto name = std::string(core::style_name(static_cast<core::Style>(s)));
    settings.style_pressure[static_cast<std::size_t>(s)] =
        static_cast<std::uint8_t>(yaml::to_int(node["style_pressure"][name]));
  }
  const auto& preference = node["preference_pressure"];
  settings.preference_pressure = {static_cast<std::uint8_t>(yaml::to_int(preference["light"])),
                                  static_cast<std::uint8_t>(yaml::to_int(preference["medium"])),
                                  static_cast<std::uint8_t>(yaml::to_int(preference["firm"])), 0};
  for (const auto& name : node["required_answers"]) {
    if (const auto field = core::field_by_name(scalar(name)))
      settings.required_answers.push_back(*field);
  }
  for (const auto& phrase : node["denial_phrases"]) {
    settings.denial_phrases.push_back(core::normalize_words(scalar(phrase)));
  }
  for (const auto& phrase : node["uncertainty_phrases"]) {
    settings.uncertainty_phrases.push_back(core::normalize_words(scalar(phrase)));
  }
  settings.unanswered = compilation.text_item(kFile, node["unanswered"], {});
  settings.unrecognised_condition =
      compilation.text_item(kFile, node["unrecognised_condition"], {});
  settings.unrecognised_medication =
      compilation.text_item(kFile, node["unrecognised_medication"], {});
  const std::pair<const core::TextItem*, const char*> placeholders[] = {
      {&settings.unanswered, "{questions}"},
      {&settings.unrecognised_condition, "{term}"},
      {&settings.unrecognised_medication, "{term}"}};
  for (const auto& [item, placeholder] : placeholders) {
    if (item->text.find(placeholder) == std::string::npos) {
      compilation.diagnostics.add(kFile, node.mark(),
                                  "text '" + item->id + "' must contain " + placeholder);
    }
  }
}

void compile_walton(Compilation& compilation, const yaml::Node& node) {
  core::SafetySettings& settings = compilation.knowledge.safety;
  settings.walton_sources = compilation.sources(node["source"]);
  settings.walton.resize(5);
  std::uint8_t seen = 0;
  for (const auto& level : node["levels"]) {
    const int number = yaml::to_int(level["level"]);
    if (number < 1 || number > 5) {  // only an edited schema lets this through
      compilation.diagnostics.add(kFile, level["level"].mark(), "Walton levels are 1..5");
      continue;
    }
    if (seen & (1U << number)) {
      compilation.diagnostics.add(kFile, level["level"].mark(),
                                  "Walton level " + std::to_string(number) + " defined twice");
    }
    seen = static_cast<std::uint8_t>(seen | (1U << number));
    settings.walton[static_cast<std::size_t>(number - 1)] = {
        static_cast<std::uint8_t>(number), scalar(level["name"]), scalar(level["description"])};
  }
}

void compile_rule(Compilation& compilation, const yaml::Node& node) {
  core::SafetyRule rule;
  rule.id = scalar(node["id"]);
  rule.category = scalar(node["category"]) == "consult_provider_first"
                      ? core::SafetyStatus::consult_provider_first
                      : core::SafetyStatus::adjust;
  rule.caution = caution_of(scalar(node["caution"]));
  rule.text = scalar(node["text"]);
  rule.therapist_note = scalar(node["therapist_note"]);
  if (node["pressure_ceiling"])
    rule.pressure_ceiling = static_cast<std::uint8_t>(yaml::to_int(node["pressure_ceiling"]));
  for (const auto& region : node["avoid_regions"]) {
    const auto index = core::choice_by_name(core::Choices::region, scalar(region));
    if (!index) {
      compilation.diagnostics.add(kFile, region.mark(),
                                  "unknown body region '" + scalar(region) + "'");
      continue;
    }
    rule.avoid_regions |= core::ChoiceMask{1} << *index;
  }
  rule.avoid_site = scalar(node["avoid_site"]);
  rule.position = position_of(scalar(node["position"]));
  if (node["max_minutes"])
    rule.max_minutes = static_cast<std::uint16_t>(yaml::to_int(node["max_minutes"]));
  for (const auto& modification : node["modifications"]) {
    rule.modifications.push_back({scalar(modification["element"]), scalar(modification["text"])});
  }
  rule.term_only = !node["when"];
  rule.when = compilation.conditions.compile(kFile, node["when"], {});
  // A pain area given without, say, its intensity would leave such a rule
  // undecided without naming an unanswered question; the screen must never
  // pass an unknown silently, so rules read whole answers only.
  if (core::fields_of(compilation.knowledge.conditions, rule.when) &
      (1U << static_cast<unsigned>(core::Field::pain_areas))) {
    compilation.diagnostics.add(
        kFile, node["when"].mark(),
        "safety rules cannot test pain areas (a missing detail would pass unnoticed)");
  }
  rule.sources = compilation.sources(node["source"]);
  compilation.rule_index.emplace(rule.id,
                                 static_cast<core::Index>(compilation.knowledge.rules.size()));
  compilation.knowledge.rules.push_back(std::move(rule));
}

using NameMarks = std::vector<std::pair<core::TermName, yaml::Mark>>;

void compile_term(Compilation& compilation, const yaml::Node& node, NameMarks& names) {
  core::KnowledgeBase& knowledge = compilation.knowledge;
  core::Term term;
  term.id = scalar(node["id"]);
  term.label = scalar(node["label"]);
  const std::string kind = scalar(node["kind"]);
  term.kind = kind == "medication" ? core::TermKind::medication : core::TermKind::condition;
  term.is_none = kind == "none";
  term.sources = compilation.sources(node["source"]);
  for (const auto& trigger : node["triggers"]) {
    const auto found = compilation.rule_index.find(scalar(trigger));
    if (found != compilation.rule_index.end()) term.rules.push_back(found->second);
  }
  if (term.is_none && !term.rules.empty()) {
    compilation.diagnostics.add(kFile, node["triggers"].mark(),
                                "a 'none' term cannot trigger rules");
  }
  const auto index = static_cast<core::Index>(knowledge.terms.size());
  for (const auto& name : node["names"]) {
    const std::string normalized = core::normalize_words(scalar(name));
    if (normalized.empty()) {
      compilation.diagnostics.add(kFile, name.mark(),
                                  "name '" + scalar(name) + "' has no letters or digits");
      continue;
    }
    const auto words = static_cast<std::uint8_t>(std::min<std::size_t>(
        255, 1 + static_cast<std::size_t>(std::count(normalized.begin(), normalized.end(), ' '))));
    if (words > 6) {
      compilation.diagnostics.add(kFile, name.mark(),
                                  "name '" + scalar(name) + "' is longer than 6 words");
      continue;
    }
    names.push_back({{normalized, index, words}, name.mark()});
  }
  knowledge.terms.push_back(std::move(term));
}

}  // namespace

void compile_safety(Compilation& compilation, const yaml::Node& root) {
  compile_settings(compilation, root["settings"]);
  compile_walton(compilation, root["walton"]);
  for (const auto& node : root["rules"]) compile_rule(compilation, node);
  NameMarks names;
  for (const auto& node : root["terms"]) compile_term(compilation, node, names);
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.first.name < b.first.name; });
  const auto& terms = compilation.knowledge.terms;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0 && names[i].first.name == names[i - 1].first.name) {
      compilation.diagnostics.add(kFile, names[i].second,
                                  "the name '" + names[i].first.name +
                                      "' already belongs to term '" +
                                      terms[names[i - 1].first.term].id + "'");
      continue;
    }
    const core::TermName& name = names[i].first;
    compilation.knowledge.term_by_name.emplace(name.name, name.term);
    const std::string first_word = name.name.substr(0, name.name.find(' '));
    auto& longest = compilation.knowledge.longest_name_from[first_word];
    longest = std::max(longest, name.words);
    compilation.knowledge.term_names.push_back(name);
  }
}

}  // namespace mn::knowledge
