#include "cli/interactive_intake.hpp"

#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "codec/intake_json.hpp"

namespace mn::cli {

namespace {

using nlohmann::json;

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) {
    part = trim(part);
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Turns a typed answer into the JSON value the contract expects; the JSON
// validator then decides whether it is acceptable. Unparseable text becomes
// a string, so the validator names the problem.
json to_json(core::FieldType type, const std::string& answer, const core::Question& question) {
  const std::string word = lower(answer);
  switch (type) {
    case core::FieldType::boolean:
      if (word == "y" || word == "yes") return true;
      if (word == "n" || word == "no") return false;
      return answer;
    case core::FieldType::integer:
    case core::FieldType::number: {
      if (question.nullable && (word == "none" || word == "no")) return nullptr;
      try {
        std::size_t used = 0;
        if (type == core::FieldType::integer) {
          const std::int64_t value = std::stoll(answer, &used);
          if (used == answer.size()) return value;
        } else {
          const double value = std::stod(answer, &used);
          if (used == answer.size()) return value;
        }
      } catch (const std::exception&) {
        // Falls through: the validator reports the wrong type.
      }
      return answer;
    }
    case core::FieldType::text_list: {
      json list = json::array();
      for (const auto& part : split(answer, ',')) list.push_back(part);
      return list;
    }
    default:
      return answer;
  }
}

// A choice typed as its number in the shown list or as its name.
json choice_json(const std::string& answer, const core::Question& question, core::Choices choices) {
  const auto& names = core::choice_names(choices);
  std::vector<std::size_t> offered;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (question.allowed >> i & 1U) offered.push_back(i);
  }
  const std::string word = lower(trim(answer));
  if (!word.empty() && word.find_first_not_of("0123456789") == std::string::npos &&
      word.size() < 4) {
    const std::size_t number = std::stoul(word);
    if (number >= 1 && number <= offered.size()) return std::string(names[offered[number - 1]]);
  }
  return word;
}

class Interview {
 public:
  Interview(const core::KnowledgeBase& knowledge, std::istream& in, std::ostream& out)
      : knowledge_(knowledge), in_(in), out_(out) {}

  core::Intake run() {
    std::string section;
    for (const core::Question& question : knowledge_.questionnaire) {
      if (ended_) break;
      if (!applies(question)) continue;
      if (question.section != section) {
        section = question.section;
        out_ << "\n";
      }
      ask(question);
    }
    auto intake = codec::parse_intake(knowledge_, answers_.dump());
    return intake ? *intake : core::Intake{};
  }

 private:
  bool applies(const core::Question& question) {
    if (question.ask_if == core::kAlways) return true;
    const auto intake = codec::parse_intake(knowledge_, answers_.dump());
    if (!intake) return true;
    const core::EvaluationContext context{&*intake, 0, core::Style::consultation};
    return core::evaluate(knowledge_.conditions, question.ask_if, context) != core::Truth::no;
  }

  std::optional<std::string> read_line(const std::string& prompt) {
    out_ << prompt << "\n> " << std::flush;
    std::string line;
    if (!std::getline(in_, line)) {
      ended_ = true;
      out_ << "\n";
      return std::nullopt;
    }
    return trim(line);
  }

  void show_choices(const core::Question& question, core::Choices choices) {
    const auto& names = core::choice_names(choices);
    int number = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!(question.allowed >> i & 1U)) continue;
      out_ << "  " << ++number << ". " << question.value_labels[i] << " (" << names[i] << ")\n";
    }
  }

  // Asks until the answer validates or is left blank. Returns the accepted
  // value, or nullopt when skipped.
  std::optional<json> ask_value(const core::Question& question, const std::string& name,
                                const std::function<json(const std::string&)>& convert) {
    while (!ended_) {
      const auto line = read_line(question.prompt + " (" + question.help + ")");
      if (!line || line->empty()) return std::nullopt;
      json candidate = answers_;
      candidate[name] = convert(*line);
      const auto checked = codec::parse_intake(knowledge_, candidate.dump());
      if (checked) return candidate[name];
      out_ << "  " << checked.error().describe() << "\n";
    }
    return std::nullopt;
  }

  void ask(const core::Question& question) {
    const core::FieldInfo& info = core::field_info(question.field);
    if (info.type == core::FieldType::pain_list) {
      ask_pain(question);
      return;
    }
    if (info.type == core::FieldType::choice || info.type == core::FieldType::choice_set) {
      show_choices(question, info.choices);
    }
    const auto value = ask_value(question, info.name, [&](const std::string& line) -> json {
      if (info.type == core::FieldType::choice) return choice_json(line, question, info.choices);
      if (info.type == core::FieldType::choice_set) {
        json list = json::array();
        for (const auto& part : split(line, ','))
          list.push_back(choice_json(part, question, info.choices));
        return list;
      }
      return to_json(info.type, line, question);
    });
    if (value) answers_[info.name] = *value;
  }

  void ask_pain(const core::Question& question) {
    show_choices(question, core::Choices::region);
    const auto regions = ask_value(question, "pain_areas", [&](const std::string& line) -> json {
      json list = json::array();
      for (const auto& part : split(line, ','))
        list.push_back({{"region", choice_json(part, question, core::Choices::region)}});
      return list;
    });
    if (!regions) return;
    answers_["pain_areas"] = *regions;
    for (std::size_t i = 0; i < regions->size() && !ended_; ++i) {
      const std::string region = (*regions)[i]["region"].get<std::string>();
      const std::pair<const char*, const core::PainQuestion*> follow_ups[] = {
          {"intensity", &question.intensity},
          {"weeks", &question.weeks},
          {"localized", &question.localized}};
      for (const auto& [key, follow_up] : follow_ups) {
        core::Question sub;
        sub.prompt = "[" + region + "] " + follow_up->prompt;
        sub.help = follow_up->help;
        const std::string attribute = key;
        const auto value = ask_value(sub, "pain_areas", [&](const std::string& line) -> json {
          json areas = answers_["pain_areas"];
          core::FieldType type = attribute == "localized" ? core::FieldType::boolean
                                 : attribute == "weeks"   ? core::FieldType::number
                                                          : core::FieldType::integer;
          areas[i][attribute] = to_json(type, line, sub);
          return areas;
        });
        if (value) answers_["pain_areas"] = *value;
      }
    }
  }

  const core::KnowledgeBase& knowledge_;
  std::istream& in_;
  std::ostream& out_;
  json answers_ = json::object();
  bool ended_ = false;
};

}  // namespace

core::Intake ask_intake(const core::KnowledgeBase& knowledge, std::istream& in, std::ostream& out) {
  return Interview(knowledge, in, out).run();
}

}  // namespace mn::cli
