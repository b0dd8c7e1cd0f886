#include "codec/knowledge_json.hpp"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace mn::codec {

namespace {

using json = nlohmann::ordered_json;

// Whole numbers as JSON integers ("10", not "10.0"), so that an app reading
// the limits of an integer question gets integers.
json number_json(double value) {
  constexpr double kExactLimit = 9007199254740992.0;  // 2^53
  if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < kExactLimit) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

// Turns source lists into ids and remembers which sources were referenced,
// for the closing list of citations.
class Citations {
 public:
  explicit Citations(const core::KnowledgeBase& knowledge)
      : knowledge_(knowledge), referenced_(knowledge.sources.size(), false) {}

  json ids(const core::SourceList& sources) {
    json list = json::array();
    for (const core::Index source : sources) {
      // A loaded knowledge base has no dangling index; skip one rather than
      // read past the end.
      if (source >= knowledge_.sources.size()) continue;
      referenced_[source] = true;
      list.push_back(knowledge_.sources[source].id);
    }
    return list;
  }

  json list() const {
    json list = json::array();
    for (std::size_t i = 0; i < referenced_.size(); ++i) {
      if (!referenced_[i]) continue;
      const core::Source& source = knowledge_.sources[i];
      list.push_back({{"id", source.id}, {"citation", source.citation}});
    }
    return list;
  }

 private:
  const core::KnowledgeBase& knowledge_;
  std::vector<bool> referenced_;
};

std::string dump(const json& document) {
  // Knowledge-base text is checked when it loads; replace rather than throw
  // if something malformed slipped through.
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

// --- questionnaire ---------------------------------------------------------

json pain_question_json(const core::PainQuestion& question, core::FieldType type) {
  json object{{"type", core::field_type_name(type)}, {"prompt", question.prompt}};
  if (!question.help.empty()) object["help"] = question.help;
  if (type != core::FieldType::boolean) {
    object["min"] = number_json(question.min);
    object["max"] = number_json(question.max);
  }
  return object;
}

json choices_json(const core::Question& question, core::Choices choices) {
  json list = json::array();
  const auto& names = core::choice_names(choices);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if ((question.allowed & (core::ChoiceMask{1} << i)) == 0) continue;
    const std::string label = i < question.value_labels.size() ? question.value_labels[i] : "";
    list.push_back({{"value", names[i]}, {"label", label}});
  }
  return list;
}

json question_json(const core::Question& question, Citations& citations) {
  // A default Field (count) has no contract entry; such a question is not
  // in a loaded knowledge base.
  const bool known = question.field < core::Field::count;
  const core::FieldInfo* info = known ? &core::field_info(question.field) : nullptr;
  json object{{"id", info != nullptr ? std::string(info->name) : question.id},
              {"section", question.section},
              {"prompt", question.prompt}};
  if (!question.help.empty()) object["help"] = question.help;
  const core::FieldType type = info != nullptr ? info->type : core::FieldType::text;
  object["type"] = core::field_type_name(type);
  if (question.min) object["min"] = number_json(*question.min);
  if (question.max) object["max"] = number_json(*question.max);
  if (question.nullable) object["nullable"] = true;
  if (question.max_length != 0) object["max_length"] = question.max_length;
  if (info != nullptr && info->choices != core::Choices::none) {
    object["choices"] = choices_json(question, info->choices);
  }
  if (type == core::FieldType::pain_list) {
    object["pain"] = {
        {"intensity", pain_question_json(question.intensity, core::FieldType::integer)},
        {"weeks", pain_question_json(question.weeks, core::FieldType::number)},
        {"localized", pain_question_json(question.localized, core::FieldType::boolean)}};
  }
  object["sources"] = citations.ids(question.sources);
  return object;
}

// --- guidance ----------------------------------------------------------------

json item_json(const core::TextItem& item, Citations& citations) {
  json object{{"id", item.id}};
  if (!item.title.empty()) object["title"] = item.title;
  object["text"] = item.text;
  object["sources"] = citations.ids(item.sources);
  return object;
}

json items_json(const std::vector<core::TextItem>& items, Citations& citations) {
  json list = json::array();
  for (const core::TextItem& item : items) list.push_back(item_json(item, citations));
  return list;
}

json headlines_json(const core::Guidance& guidance, Citations& citations) {
  json styles = json::object();
  for (std::size_t i = 0; i < guidance.style_headlines.size(); ++i) {
    const auto style = static_cast<core::Style>(i);
    styles[std::string(core::style_name(style))] =
        item_json(guidance.style_headlines[i], citations);
  }
  json safety = json::object();
  for (std::size_t i = 0; i < guidance.safety_headlines.size(); ++i) {
    const auto status = static_cast<core::SafetyStatus>(i);
    safety[std::string(core::safety_status_name(status))] =
        item_json(guidance.safety_headlines[i], citations);
  }
  return {{"styles", std::move(styles)}, {"safety", std::move(safety)}};
}

json checklists_json(const core::KnowledgeBase& knowledge, Citations& citations) {
  json list = json::array();
  for (std::size_t c = 0; c < knowledge.checklists.size(); ++c) {
    const core::Checklist& checklist = knowledge.checklists[c];
    json items = json::array();
    for (const core::ChecklistItem& item : knowledge.items) {
      if (item.checklist != c) continue;
      items.push_back(
          {{"id", item.id}, {"text", item.label}, {"sources", citations.ids(item.sources)}});
    }
    list.push_back({{"id", checklist.id},
                    {"title", checklist.title},
                    {"style", core::style_name(checklist.style)},
                    {"sources", citations.ids(checklist.sources)},
                    {"items", std::move(items)}});
  }
  return list;
}

json faq_json(const std::vector<core::FaqEntry>& faq, Citations& citations) {
  json list = json::array();
  for (const core::FaqEntry& entry : faq) {
    list.push_back({{"id", entry.id},
                    {"question", entry.question},
                    {"answer", entry.answer},
                    {"sources", citations.ids(entry.sources)}});
  }
  return list;
}

json pressure_scale_json(const core::SafetySettings& safety, Citations& citations) {
  json levels = json::array();
  for (const core::WaltonLevel& level : safety.walton) {
    levels.push_back(
        {{"level", level.level}, {"name", level.name}, {"description", level.description}});
  }
  return {{"levels", std::move(levels)}, {"sources", citations.ids(safety.walton_sources)}};
}

}  // namespace

std::string questionnaire_to_json(const core::KnowledgeBase& knowledge) {
  Citations citations(knowledge);
  json questions = json::array();
  for (const core::Question& question : knowledge.questionnaire) {
    questions.push_back(question_json(question, citations));
  }
  json document{{"knowledge_version", knowledge.version}, {"questions", std::move(questions)}};
  document["sources"] = citations.list();
  return dump(document);
}

std::string guidance_to_json(const core::KnowledgeBase& knowledge) {
  const core::Guidance& guidance = knowledge.guidance;
  Citations citations(knowledge);
  json document{{"knowledge_version", knowledge.version}};
  document["headlines"] = headlines_json(guidance, citations);
  document["styles"] = items_json(guidance.styles, citations);
  document["checklists"] = checklists_json(knowledge, citations);
  document["misconceptions"] = items_json(guidance.misconceptions, citations);
  document["faq"] = faq_json(guidance.faq, citations);
  document["preparation"] = items_json(guidance.preparation, citations);
  document["aftercare"] = items_json(guidance.aftercare, citations);
  document["when_to_call"] = items_json(guidance.when_to_call, citations);
  document["pairings"] = items_json(guidance.pairings, citations);
  document["bring_to_clinic"] = items_json(guidance.bring_to_clinic, citations);
  document["evidence"] = items_json(guidance.evidence, citations);
  document["choosing_a_therapist"] = items_json(guidance.choosing_a_therapist, citations);
  document["pressure_scale"] = pressure_scale_json(knowledge.safety, citations);
  document["sources"] = citations.list();
  return dump(document);
}

}  // namespace mn::codec
