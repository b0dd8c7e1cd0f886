// The knowledge base's questionnaire as a FHIR Questionnaire.
#include "codec/fhir_resources.hpp"

namespace mn::codec::fhir {

namespace {

constexpr std::string_view kItemControl =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
constexpr std::string_view kItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control";
constexpr std::string_view kMinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
constexpr std::string_view kMaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";

std::string_view item_type(core::FieldType type) {
  switch (type) {
    case core::FieldType::integer:
      return "integer";
    case core::FieldType::number:
      return "decimal";
    case core::FieldType::boolean:
      return "boolean";
    case core::FieldType::choice:
    case core::FieldType::choice_set:
    case core::FieldType::pain_list:
      return "choice";
    case core::FieldType::text_list:
      return "string";
    case core::FieldType::text:
      return "text";
  }
  return "string";
}

// ---- Questionnaire ----------------------------------------------------------

void limit(JsonWriter& out, std::string_view url, double value, core::FieldType type) {
  out.begin_object();
  out.field("url", url);
  if (type == core::FieldType::integer) {
    out.key("valueInteger");
    out.integer(static_cast<std::int64_t>(value));
  } else {
    out.key("valueDecimal");
    out.number(value);
  }
  out.end_object();
}

void limits(JsonWriter& out, std::optional<double> min, std::optional<double> max,
            core::FieldType type) {
  if (type != core::FieldType::integer && type != core::FieldType::number) return;
  if (!min && !max) return;
  out.key("extension");
  out.begin_array();
  if (min) limit(out, kMinValue, *min, type);
  if (max) limit(out, kMaxValue, *max, type);
  out.end_array();
}

// Why we ask, as a display item shown behind a help button.
void help_item(JsonWriter& out, const std::string& link, const std::string& help) {
  out.begin_object();
  out.key("extension");
  out.begin_array();
  out.begin_object();
  out.field("url", kItemControl);
  out.key("valueCodeableConcept");
  out.begin_object();
  out.key("coding");
  out.begin_array();
  coding(out, kItemControlSystem, "help", "Help-Button");
  out.end_array();
  out.end_object();
  out.end_object();
  out.end_array();
  out.field("linkId", link + ".help");
  out.field("text", help);
  out.field("type", "display");
  out.end_object();
}

void answer_options(JsonWriter& out, const core::Question& question, core::Choices choices) {
  const std::string system = choices_system(choices);
  const auto& names = core::choice_names(choices);
  out.key("answerOption");
  out.begin_array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if ((question.allowed & (core::ChoiceMask{1} << i)) == 0) continue;
    out.begin_object();
    out.key("valueCoding");
    coding(out, system, names[i], value_label(question, static_cast<unsigned>(i), ""));
    out.end_object();
  }
  out.end_array();
}

// One condition of `ask_if` as an enableWhen, when it compares one answer
// with a value; false when it is anything else.
bool supported_leaf(const core::ConditionNode& node) {
  if (node.field >= core::Field::count) return false;
  const core::FieldType type = core::field_info(node.field).type;
  switch (node.kind) {
    case core::NodeKind::boolean_is:
      return type == core::FieldType::boolean;
    case core::NodeKind::number_compare:
      return type == core::FieldType::integer || type == core::FieldType::number;
    case core::NodeKind::choice_in:
      // One value only: several would need an "any" of their own.
      return type == core::FieldType::choice && node.mask != 0 &&
             (node.mask & (node.mask - 1)) == 0;
    default:
      return false;
  }
}

std::string_view compare_operator(core::Compare compare) {
  switch (compare) {
    case core::Compare::at_least:
      return ">=";
    case core::Compare::at_most:
      return "<=";
    case core::Compare::below:
      return "<";
    case core::Compare::above:
      return ">";
  }
  return "=";
}

void enable_when_entry(JsonWriter& out, const core::KnowledgeBase& knowledge,
                       const core::ConditionNode& node) {
  const core::FieldInfo& info = core::field_info(node.field);
  out.begin_object();
  out.field("question", info.name);
  if (node.kind == core::NodeKind::boolean_is) {
    out.field("operator", "=");
    out.key("answerBoolean");
    out.boolean(node.expected);
  } else if (node.kind == core::NodeKind::number_compare) {
    out.field("operator", compare_operator(node.compare));
    if (info.type == core::FieldType::integer) {
      out.key("answerInteger");
      out.integer(static_cast<std::int64_t>(node.number));
    } else {
      out.key("answerDecimal");
      out.number(node.number);
    }
  } else {
    unsigned value = 0;
    while ((node.mask >> value & 1U) == 0) ++value;
    const std::string_view code = core::choice_names(info.choices).at(value);
    out.field("operator", "=");
    out.key("answerCoding");
    coding(out, choices_system(info.choices), code,
           choice_label(knowledge.question(node.field), info.choices, code));
  }
  out.end_object();
}

// `ask_if` as enableWhen when it is one comparison, or all or any of
// several; nothing when it is more involved (the form still asks the
// question, so no answer is lost).
void enable_when(JsonWriter& out, const core::KnowledgeBase& knowledge, core::ConditionRef root) {
  if (root == core::kAlways || root >= knowledge.conditions.nodes.size()) return;
  const core::ConditionNode& node = knowledge.conditions.nodes[root];
  std::vector<const core::ConditionNode*> leaves;
  if (node.kind == core::NodeKind::all || node.kind == core::NodeKind::any) {
    leaves.reserve(node.child_count);
    for (std::uint16_t i = 0; i < node.child_count; ++i) {
      const core::ConditionRef child = knowledge.conditions.children.at(node.first_child + i);
      leaves.push_back(&knowledge.conditions.nodes.at(child));
    }
  } else {
    leaves.push_back(&node);
  }
  for (const core::ConditionNode* leaf : leaves) {
    if (!supported_leaf(*leaf)) return;
  }
  out.key("enableWhen");
  out.begin_array();
  for (const core::ConditionNode* leaf : leaves) enable_when_entry(out, knowledge, *leaf);
  out.end_array();
  if (leaves.size() > 1)
    out.field("enableBehavior", node.kind == core::NodeKind::all ? "all" : "any");
}

void pain_follow_up(JsonWriter& out, const core::PainQuestion& question, std::string_view link,
                    core::FieldType type) {
  out.begin_object();
  limits(out, question.min, question.max, type);
  const std::string id = "pain_areas." + std::string(link);
  out.field("linkId", id);
  out.field("text", question.prompt);
  out.field("type", item_type(type));
  if (!question.help.empty()) {
    out.key("item");
    out.begin_array();
    help_item(out, id, question.help);
    out.end_array();
  }
  out.end_object();
}

void question_item(JsonWriter& out, const core::KnowledgeBase& knowledge,
                   const core::Question& question) {
  const core::FieldInfo& info = core::field_info(question.field);
  out.begin_object();
  limits(out, question.min, question.max, info.type);
  out.field("linkId", info.name);
  out.field("text", question.prompt);
  out.field("type", item_type(info.type));
  enable_when(out, knowledge, question.ask_if);
  if (repeats(info.type)) {
    out.key("repeats");
    out.boolean(true);
  }
  if (info.type == core::FieldType::text && question.max_length != 0) {
    out.key("maxLength");
    out.integer(static_cast<std::int64_t>(question.max_length));
  }
  if (info.choices != core::Choices::none) answer_options(out, question, info.choices);
  out.key("item");
  out.begin_array();
  if (!question.help.empty()) help_item(out, info.name, question.help);
  if (info.type == core::FieldType::pain_list) {
    pain_follow_up(out, question.intensity, "intensity", core::FieldType::integer);
    pain_follow_up(out, question.weeks, "weeks", core::FieldType::number);
    pain_follow_up(out, question.localized, "localized", core::FieldType::boolean);
  }
  out.end_array();
  out.end_object();
}

void section_group(JsonWriter& out, const core::KnowledgeBase& knowledge,
                   const core::QuestionSection& section) {
  out.begin_object();
  out.field("linkId", group_link(section));
  out.field("text", section.title);
  out.field("type", "group");
  out.key("item");
  out.begin_array();
  if (!section.intro.empty()) {
    out.begin_object();
    out.field("linkId", group_link(section) + ".intro");
    out.field("text", section.intro);
    out.field("type", "display");
    out.end_object();
  }
  for (const core::Question& question : knowledge.questionnaire) {
    if (question.section != section.id || question.field >= core::Field::count) continue;
    question_item(out, knowledge, question);
  }
  out.end_array();
  out.end_object();
}

}  // namespace

void write_questionnaire(JsonWriter& out, const Context& context) {
  const core::KnowledgeBase& knowledge = context.knowledge;
  begin_entry(out, context.questionnaire, "Questionnaire");
  out.field("url", questionnaire_url());
  out.field("version", knowledge.version);
  out.field("name", "MassageNavigatorIntake");
  out.field("title", "Massage Navigator intake");
  out.field("status", "active");
  out.key("subjectType");
  out.begin_array();
  out.string("Patient");
  out.end_array();
  out.key("item");
  out.begin_array();
  for (const core::QuestionSection& section : knowledge.sections) {
    section_group(out, knowledge, section);
  }
  out.end_array();
  end_entry(out);
}

}  // namespace mn::codec::fhir
