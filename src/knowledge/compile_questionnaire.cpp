#include <cmath>
#include <limits>

#include "knowledge/compilation.hpp"

namespace mn::knowledge {

namespace {

core::PainQuestion pain_question(const yaml::Node& node) {
  core::PainQuestion question;
  question.prompt = scalar(node["prompt"]);
  question.help = scalar(node["help"]);
  question.min = node["min"] ? yaml::to_double(node["min"]) : 0;
  question.max = node["max"] ? yaml::to_double(node["max"]) : 0;
  return question;
}

// One question, checked against the intake contract; nullopt (with the
// problem reported) when it does not fit.
std::optional<core::Question> compile_question(Compilation& compilation, const yaml::Node& node) {
  const std::string file = "questionnaire.yaml";
  Diagnostics& diagnostics = compilation.diagnostics;
  const std::string name = scalar(node["field"]);
  const auto field = core::field_by_name(name);
  if (!field) {
    diagnostics.add(file, node["field"].mark(),
                    "'" + name + "' is not a field of the intake contract");
    return std::nullopt;
  }
  const core::FieldInfo& info = core::field_info(*field);
  const std::string type = scalar(node["type"]);
  if (type != core::field_type_name(info.type)) {
    diagnostics.add(file, node["type"].mark(),
                    "field '" + name + "' has type " +
                        std::string(core::field_type_name(info.type)) +
                        " in the intake contract, not " + type);
    return std::nullopt;
  }
  core::Question question;
  question.field = *field;
  question.id = name;
  question.section = scalar(node["section"]);
  question.prompt = scalar(node["prompt"]);
  question.help = scalar(node["help"]);
  question.sources = compilation.sources(node["source"]);
  question.nullable = node["nullable"] && yaml::to_bool(node["nullable"]);
  if (node["min"]) question.min = yaml::to_double(node["min"]);
  if (node["max"]) question.max = yaml::to_double(node["max"]);
  if (node["max_length"]) question.max_length = yaml::to_size(node["max_length"]);
  const bool numeric =
      info.type == core::FieldType::integer || info.type == core::FieldType::number;
  if (numeric && (!question.min || !question.max)) {
    diagnostics.add(file, node.mark(), "numeric field '" + name + "' needs min and max");
  }
  if (question.min && question.max && *question.min > *question.max) {
    diagnostics.add(file, node["min"].mark(), "min is greater than max");
  }
  const bool has_values = info.choices != core::Choices::none;
  if (has_values != static_cast<bool>(node["values"])) {
    diagnostics.add(file, node.mark(),
                    has_values ? "field '" + name + "' needs its values listed"
                               : "field '" + name + "' takes no values list");
  }
  if ((info.type == core::FieldType::pain_list) != static_cast<bool>(node["per_area"])) {
    diagnostics.add(file, node.mark(),
                    "'per_area' belongs to the pain_list question only, which needs it");
  }
  if (has_values) {
    const auto& names = core::choice_names(info.choices);
    question.value_labels.assign(names.size(), std::string());
    for (const auto& value : node["values"]) {
      const auto index = core::choice_by_name(info.choices, scalar(value["value"]));
      if (!index) {
        diagnostics.add(file, value["value"].mark(),
                        "'" + scalar(value["value"]) + "' is not a value of field '" + name + "'");
        return std::nullopt;
      }
      question.allowed |= core::ChoiceMask{1} << *index;
      question.value_labels[*index] = scalar(value["label"]);
    }
  }
  if (node["per_area"]) {
    question.intensity = pain_question(node["per_area"]["intensity"]);
    question.weeks = pain_question(node["per_area"]["weeks"]);
    question.localized = pain_question(node["per_area"]["localized"]);
  }
  question.ask_if = compilation.conditions.compile(file, node["ask_if"], {});
  return question;
}

}  // namespace

void compile_questionnaire(Compilation& compilation, const yaml::Node& root) {
  const std::string file = "questionnaire.yaml";
  Diagnostics& diagnostics = compilation.diagnostics;
  core::KnowledgeBase& knowledge = compilation.knowledge;
  constexpr auto kUnset = std::numeric_limits<core::Index>::max();
  knowledge.question_of_field.fill(kUnset);
  for (const auto& node : root["sections"]) {
    knowledge.sections.push_back(
        core::QuestionSection{scalar(node["id"]), scalar(node["title"]), scalar(node["intro"])});
  }
  // A form asks one section after another, so a section's questions must
  // come together, and every question must name a listed section.
  std::size_t section_at = 0;
  for (const auto& node : root["questions"]) {
    auto compiled = compile_question(compilation, node);
    if (!compiled) continue;
    core::Question& question = *compiled;
    const std::string& name = question.id;
    auto& slot = knowledge.question_of_field[static_cast<std::size_t>(question.field)];
    if (slot != kUnset) {
      diagnostics.add(file, node["field"].mark(), "field '" + name + "' is asked twice");
      continue;
    }
    while (section_at < knowledge.sections.size() &&
           knowledge.sections[section_at].id != question.section) {
      ++section_at;
    }
    if (section_at == knowledge.sections.size()) {
      diagnostics.add(file, node["section"].mark(),
                      "section '" + question.section +
                          "' is not listed under sections, or its questions are not together "
                          "in the sections' order");
      section_at = 0;
      continue;
    }
    slot = static_cast<core::Index>(knowledge.questionnaire.size());
    knowledge.questionnaire.push_back(std::move(question));
  }
  for (int f = 0; f < core::kFieldCount; ++f) {
    if (knowledge.question_of_field[static_cast<std::size_t>(f)] == kUnset) {
      diagnostics.add(file, root["questions"].mark(),
                      std::string("no question for intake field '") +
                          core::field_info(static_cast<core::Field>(f)).name + "'");
    }
  }
}

}  // namespace mn::knowledge
