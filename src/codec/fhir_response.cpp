// The latest intake as a FHIR QuestionnaireResponse to the Questionnaire
// of fhir_questionnaire.cpp.
#include <nlohmann/json.hpp>

#include "codec/fhir_resources.hpp"

namespace mn::codec::fhir {

namespace {

using nlohmann::json;

void value_coding(JsonWriter& out, const core::Question& question, core::Choices choices,
                  const std::string& code) {
  out.key("valueCoding");
  coding(out, choices_system(choices), code, choice_label(question, choices, code));
}

void pain_answer(JsonWriter& out, const core::Question& question, const json& area) {
  out.begin_object();
  value_coding(out, question, core::Choices::region, text_of(area, "region"));
  out.key("item");
  out.begin_array();
  const auto follow_up = [&](const char* key, const core::PainQuestion& asked,
                             core::FieldType type) {
    const json* found = member_of(area, key);
    if (found == nullptr) return;
    out.begin_object();
    out.field("linkId", "pain_areas." + std::string(key));
    out.field("text", asked.prompt);
    out.key("answer");
    out.begin_array();
    out.begin_object();
    if (type == core::FieldType::boolean) {
      out.key("valueBoolean");
      out.boolean(found->get<bool>());
    } else if (type == core::FieldType::integer) {
      out.key("valueInteger");
      out.integer(found->get<std::int64_t>());
    } else {
      out.key("valueDecimal");
      out.number(found->get<double>());
    }
    out.end_object();
    out.end_array();
    out.end_object();
  };
  follow_up("intensity", question.intensity, core::FieldType::integer);
  follow_up("weeks", question.weeks, core::FieldType::number);
  follow_up("localized", question.localized, core::FieldType::boolean);
  out.end_array();
  out.end_object();
}

// One answer, or one per element of a list.
void answers(JsonWriter& out, const core::Question& question, const json& value) {
  const core::FieldInfo& info = core::field_info(question.field);
  const auto one = [&](const json& element) {
    out.begin_object();
    switch (info.type) {
      case core::FieldType::integer:
        out.key("valueInteger");
        out.integer(element.get<std::int64_t>());
        break;
      case core::FieldType::number:
        out.key("valueDecimal");
        out.number(element.get<double>());
        break;
      case core::FieldType::boolean:
        out.key("valueBoolean");
        out.boolean(element.get<bool>());
        break;
      case core::FieldType::choice:
      case core::FieldType::choice_set:
        value_coding(out, question, info.choices, element.get<std::string>());
        break;
      default:
        out.field("valueString", element.get_ref<const std::string&>());
        break;
    }
    out.end_object();
  };
  out.key("answer");
  out.begin_array();
  if (info.type == core::FieldType::pain_list) {
    for (const json& area : value) pain_answer(out, question, area);
  } else if (repeats(info.type)) {
    for (const json& element : value) one(element);
  } else {
    one(value);
  }
  out.end_array();
}

// The stored answer to a question, or null when there is none to export:
// absent, null (no recent surgery has no decimal form) or an empty list.
const json* answer_of(const json& intake, const core::Question& question) {
  if (question.field >= core::Field::count) return nullptr;
  const json* found = member_of(intake, core::field_info(question.field).name);
  if (found == nullptr || (found->is_array() && found->empty())) return nullptr;
  return found;
}

void response_group(JsonWriter& out, const core::KnowledgeBase& knowledge,
                    const core::QuestionSection& section, const json& intake) {
  bool any = false;
  for (const core::Question& question : knowledge.questionnaire) {
    any = any || (question.section == section.id && answer_of(intake, question) != nullptr);
  }
  if (!any) return;
  out.begin_object();
  out.field("linkId", group_link(section));
  out.field("text", section.title);
  out.key("item");
  out.begin_array();
  for (const core::Question& question : knowledge.questionnaire) {
    if (question.section != section.id) continue;
    const json* value = answer_of(intake, question);
    if (value == nullptr) continue;
    out.begin_object();
    out.field("linkId", core::field_info(question.field).name);
    out.field("text", question.prompt);
    answers(out, question, *value);
    out.end_object();
  }
  out.end_array();
  out.end_object();
}

}  // namespace

void write_questionnaire_response(JsonWriter& out, const Context& context) {
  const store::IntakeRecord& record = context.file.intakes.back();
  const json& intake = *context.intake;
  begin_entry(out, context.response, "QuestionnaireResponse");
  out.key("identifier");
  out.begin_object();
  out.field("system", std::string(kBase) + "/sid/intake");
  out.field("value", std::to_string(record.id));
  out.end_object();
  // The questionnaire in this bundle: the intake contract's fields keep
  // their ids across knowledge-base versions.
  out.field("questionnaire", questionnaire_url() + "|" + context.knowledge.version);
  out.field("status", "completed");
  reference(out, "subject", context.patient);
  date_time(out, "authored", record.recorded_at);
  out.key("item");
  out.begin_array();
  for (const core::QuestionSection& section : context.knowledge.sections) {
    response_group(out, context.knowledge, section, intake);
  }
  out.end_array();
  end_entry(out);
}

}  // namespace mn::codec::fhir
