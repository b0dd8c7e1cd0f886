#include "web/intake_form.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "codec/intake_json.hpp"
#include "core/condition.hpp"

namespace mn::web {

namespace {

using nlohmann::json;

struct PainAttribute {
  const char* key;
  const core::PainQuestion core::Question::*question;
};
constexpr PainAttribute kPainAttributes[] = {{"intensity", &core::Question::intensity},
                                             {"weeks", &core::Question::weeks},
                                             {"localized", &core::Question::localized}};

std::string pain_input(std::string_view region, std::string_view attribute) {
  return "pain." + std::string(region) + "." + std::string(attribute);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// A typed number as JSON; text that is no number stays text, so that the
// intake parser names the problem in its own words.
json number_value(std::string_view text, bool integer) {
  const char* end = text.data() + text.size();
  if (integer) {
    std::int64_t value = 0;
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error == std::errc() && stop == end) return value;
  } else {
    double value = 0;
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error == std::errc() && stop == end) return value;
  }
  return std::string(text);
}

json yes_no_value(std::string_view text) {
  if (text == "yes") return true;
  if (text == "no") return false;
  return std::string(text);
}

// The question's value from the form; null json when left empty.
json input_value(const core::Question& question, const Form& form) {
  const core::FieldInfo& info = core::field_info(question.field);
  const std::string name = info.name;
  const std::string_view text = trim(form.get(name));
  switch (info.type) {
    case core::FieldType::boolean:
      return text.empty() ? json() : yes_no_value(text);
    case core::FieldType::integer:
    case core::FieldType::number:
      if (question.nullable && form.get(name + ".none") == "yes") return json::object();
      return text.empty() ? json() : number_value(text, info.type == core::FieldType::integer);
    case core::FieldType::choice:
      return text.empty() ? json() : json(std::string(text));
    case core::FieldType::choice_set: {
      json list = json::array();
      for (std::string_view value : form.all(name)) list.push_back(std::string(value));
      return list.empty() ? json() : list;
    }
    case core::FieldType::text_list: {
      json list = json::array();
      std::string_view rest = form.get(name);
      while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        const std::string_view line = trim(rest.substr(0, end));
        if (!line.empty()) list.push_back(std::string(line));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      }
      return list.empty() ? json() : list;
    }
    case core::FieldType::text:
      return text.empty() ? json() : json(std::string(form.get(name)));
    case core::FieldType::pain_list: {
      json list = json::array();
      for (std::string_view region : form.all(name)) {
        list.push_back(json{{"region", std::string(region)}});
      }
      return list;  // none ticked: nothing hurts
    }
  }
  return json();
}

// The value as the contract has it: the empty object stands for "none"
// (null) above, since null json means "left empty".
json contract_value(const json& value) { return value.is_object() ? json(nullptr) : value; }

std::optional<std::string> problem(const core::KnowledgeBase& knowledge, const json& partial) {
  auto parsed = codec::parse_intake(knowledge, partial.dump());
  if (parsed) return std::nullopt;
  return parsed.error().message;
}

bool applies(const core::KnowledgeBase& knowledge, const core::Question& question,
             const json& answers) {
  if (question.ask_if == core::kAlways) return true;
  auto intake = codec::parse_intake(knowledge, answers.dump());
  if (!intake) return true;
  const core::EvaluationContext context{&*intake, 0, core::Style::consultation};
  return core::evaluate(knowledge.conditions, question.ask_if, context) != core::Truth::no;
}

std::vector<std::string> chosen_regions(const json& answers) {
  std::vector<std::string> regions;
  auto found = answers.find("pain_areas");
  if (found == answers.end() || !found->is_array()) return regions;
  for (const json& area : *found) {
    if (area.is_object() && area.contains("region") && area["region"].is_string()) {
      regions.push_back(area["region"].get<std::string>());
    }
  }
  return regions;
}

const core::Question& pain_question(const core::KnowledgeBase& knowledge) {
  return knowledge.question(core::Field::pain_areas);
}

std::vector<InputError> read_pain_details(const core::KnowledgeBase& knowledge, const Form& form,
                                          json& answers) {
  const core::Question& question = pain_question(knowledge);
  std::vector<InputError> errors;
  json areas = json::array();
  for (const std::string& region : chosen_regions(answers)) {
    json area{{"region", region}};
    for (const PainAttribute& attribute : kPainAttributes) {
      const std::string input = pain_input(region, attribute.key);
      const std::string_view text = trim(form.get(input));
      if (text.empty()) continue;
      const bool yes_no = std::string_view(attribute.key) == "localized";
      const json value = yes_no
                             ? yes_no_value(text)
                             : number_value(text, std::string_view(attribute.key) == "intensity");
      json one{{"region", region}, {attribute.key, value}};
      if (auto message = problem(knowledge, json{{"pain_areas", json::array({one})}})) {
        errors.push_back({input, region + ": " + (question.*attribute.question).prompt, *message});
      }
      area[attribute.key] = value;
    }
    areas.push_back(std::move(area));
  }
  if (errors.empty()) answers["pain_areas"] = std::move(areas);
  return errors;
}

// Keeps what was said about a region that is still chosen.
json keep_pain_details(const json& chosen, const json& before) {
  json merged = json::array();
  for (const json& area : chosen) {
    json kept = area;
    if (before.is_array()) {
      for (const json& old : before) {
        if (old.is_object() && old.value("region", json()) == area["region"]) kept = old;
      }
    }
    merged.push_back(std::move(kept));
  }
  return merged;
}

// What an input shows: the submitted text, or the stored answer.
std::string shown_text(const json& answer) {
  if (answer.is_string()) return answer.get<std::string>();
  if (answer.is_number_integer()) return std::to_string(answer.get<std::int64_t>());
  if (answer.is_number()) return answer.dump();
  if (answer.is_boolean()) return answer.get<bool>() ? "yes" : "no";
  return {};
}

void show_error(const std::vector<InputError>& errors, const std::string& input, Values& values) {
  for (const InputError& error : errors) {
    if (error.input != input) continue;
    values.add("ERROR").set("ID", input).set("MESSAGE", error.message);
    values.show("INVALID");
  }
}

void show_yes_no(Values& values, std::string_view current) {
  for (const auto& [value, label] : {std::pair{"yes", "Yes"}, std::pair{"no", "No"}}) {
    Values option = values.add("OPTION");
    option.set("VALUE", value).set("LABEL", label).show_if(current == value, "CHECKED");
  }
}

void show_pain_details(const core::KnowledgeBase& knowledge, const json& answers,
                       const Form* submitted, const std::vector<InputError>& errors,
                       Values& values) {
  const core::Question& question = pain_question(knowledge);
  const json& areas = answers.contains("pain_areas") ? answers["pain_areas"] : json::array();
  for (const std::string& region : chosen_regions(answers)) {
    Values area = values.add("AREA");
    const auto index = core::choice_by_name(core::Choices::region, region);
    area.set("REGION", index ? question.value_labels[*index] : region);
    json stored;
    for (const json& entry : areas) {
      if (entry.value("region", json()) == region) stored = entry;
    }
    for (const PainAttribute& attribute : kPainAttributes) {
      const std::string input = pain_input(region, attribute.key);
      const core::PainQuestion& asked = question.*attribute.question;
      Values field = area.add("DETAIL");
      field.set("ID", input).set("PROMPT", asked.prompt).set("HELP", asked.help);
      const std::string current = submitted != nullptr
                                      ? std::string(submitted->get(input))
                                      : shown_text(stored.value(attribute.key, json()));
      if (std::string_view(attribute.key) == "localized") {
        Values yes_no = field.add("YESNO");
        yes_no.set("NAME", input);
        show_yes_no(yes_no, current);
      } else {
        field.add("NUMBER")
            .set("NAME", input)
            .set("VALUE", current)
            .set("MIN", static_cast<std::int64_t>(asked.min))
            .set("MAX", static_cast<std::int64_t>(asked.max));
      }
      show_error(errors, input, field);
    }
  }
}

// Radio buttons (one choice) or checkboxes (several, and pain areas),
// ticked as submitted or as stored.
void show_choices(const core::Question& question, const json& stored, const Form* submitted,
                  Values& field) {
  const core::FieldInfo& info = core::field_info(question.field);
  const std::string name = info.name;
  Values choices = field.add("CHOICES");
  choices.set("NAME", name)
      .set("TYPE", info.type == core::FieldType::choice ? "radio" : "checkbox");
  std::vector<std::string> picked;
  if (submitted != nullptr) {
    for (std::string_view value : submitted->all(name)) picked.emplace_back(value);
  } else if (stored.is_string()) {
    picked.push_back(stored.get<std::string>());
  } else if (stored.is_array()) {
    for (const json& value : stored) {
      if (value.is_string()) picked.push_back(value.get<std::string>());
      if (value.is_object() && value.contains("region") && value["region"].is_string()) {
        picked.push_back(value["region"].get<std::string>());
      }
    }
  }
  const auto& names = core::choice_names(info.choices);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!(question.allowed >> i & 1U)) continue;
    const std::string value(names[i]);
    Values option = choices.add("OPTION");
    option.set("VALUE", value).set("LABEL", question.value_labels[i]).set("ID", name + "-" + value);
    option.show_if(std::ranges::find(picked, value) != picked.end(), "CHECKED");
  }
}

void show_question(const core::Question& question, const json& answers, const Form* submitted,
                   const std::vector<InputError>& errors, Values& values) {
  const core::FieldInfo& info = core::field_info(question.field);
  const std::string name = info.name;
  const json stored = answers.value(name, json());
  Values field = values.add("QUESTION");
  field.set("ID", name).set("PROMPT", question.prompt).set("HELP", question.help);
  show_error(errors, name, field);
  const auto text_of = [&]() -> std::string {
    if (submitted != nullptr) return std::string(submitted->get(name));
    return shown_text(stored);
  };
  switch (info.type) {
    case core::FieldType::boolean: {
      Values yes_no = field.add("YESNO");
      yes_no.set("NAME", name);
      show_yes_no(yes_no, text_of());
      break;
    }
    case core::FieldType::integer:
    case core::FieldType::number: {
      Values number = field.add("NUMBER");
      number.set("NAME", name).set("VALUE", text_of());
      if (question.min) number.set("MIN", static_cast<std::int64_t>(*question.min));
      if (question.max) number.set("MAX", static_cast<std::int64_t>(*question.max));
      number.set("STEP", info.type == core::FieldType::integer ? "1" : "any");
      if (question.nullable) {
        const bool none = submitted != nullptr ? submitted->get(name + ".none") == "yes"
                                               : answers.contains(name) && stored.is_null();
        number.add("NONE").set("NAME", name + ".none").show_if(none, "CHECKED");
      }
      break;
    }
    case core::FieldType::choice:
    case core::FieldType::choice_set:
    case core::FieldType::pain_list:
      show_choices(question, stored, submitted, field);
      break;
    case core::FieldType::text_list: {
      std::string lines;
      if (submitted != nullptr) {
        lines = submitted->get(name);
      } else if (stored.is_array()) {
        for (const json& line : stored) {
          if (line.is_string()) lines += line.get<std::string>() + "\n";
        }
      }
      field.add("LINES").set("NAME", name).set("VALUE", lines);
      break;
    }
    case core::FieldType::text:
      field.add("TEXT").set("NAME", name).set("VALUE", text_of());
      break;
  }
}

}  // namespace

std::vector<std::string> intake_steps(const core::KnowledgeBase& knowledge) {
  std::vector<std::string> steps;
  const std::string& pain_section = pain_question(knowledge).section;
  for (const core::QuestionSection& section : knowledge.sections) {
    steps.push_back(section.id);
    if (section.id == pain_section) steps.emplace_back(kPainDetails);
  }
  return steps;
}

bool step_applies(const core::KnowledgeBase& knowledge, std::string_view step,
                  const json& answers) {
  if (step == kPainDetails) return !chosen_regions(answers).empty();
  return std::ranges::any_of(knowledge.questionnaire, [&](const core::Question& question) {
    return question.section == step && applies(knowledge, question, answers);
  });
}

std::vector<InputError> read_step(const core::KnowledgeBase& knowledge, std::string_view step,
                                  const Form& form, json& answers) {
  if (step == kPainDetails) return read_pain_details(knowledge, form, answers);
  std::vector<InputError> errors;
  json candidate = answers;
  for (const core::Question& question : knowledge.questionnaire) {
    if (question.section != step) continue;
    const std::string name = core::field_info(question.field).name;
    json value = input_value(question, form);
    if (value.is_null() || !applies(knowledge, question, candidate)) {
      candidate.erase(name);
      continue;
    }
    value = contract_value(value);
    if (auto message = problem(knowledge, json{{name, value}})) {
      errors.push_back({name, question.prompt, *message});
      continue;
    }
    if (question.field == core::Field::pain_areas) {
      value = keep_pain_details(value, answers.value(name, json()));
    }
    candidate[name] = std::move(value);
  }
  if (errors.empty()) answers = std::move(candidate);
  return errors;
}

void show_step(const core::KnowledgeBase& knowledge, std::string_view step, const json& answers,
               const Form* submitted, const std::vector<InputError>& errors, Values& values) {
  if (step == kPainDetails) {
    values.set("STEP_TITLE", "Where it hurts: the details");
    values.set("STEP_INTRO", "A few words about each area you picked.");
    show_pain_details(knowledge, answers, submitted, errors, values);
    return;
  }
  for (const core::QuestionSection& section : knowledge.sections) {
    if (section.id != step) continue;
    values.set("STEP_TITLE", section.title).set("STEP_INTRO", section.intro);
  }
  for (const core::Question& question : knowledge.questionnaire) {
    if (question.section == step && applies(knowledge, question, answers)) {
      show_question(question, answers, submitted, errors, values);
    }
  }
}

}  // namespace mn::web
