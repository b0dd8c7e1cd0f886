#include "codec/intake_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace mn::codec {

namespace {

using core::Field;
using core::FieldType;
using nlohmann::json;

constexpr std::size_t kMaxBytes = 1 << 20;
constexpr int kMaxDepth = 16;

std::string format_number(double value) {
  std::ostringstream stream;
  stream.precision(12);
  stream << value;
  return stream.str();
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      std::string text = value.get<std::string>();
      if (text.size() > 40) text = text.substr(0, 40) + "...";
      return "\"" + text + "\"";
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return format_number(value.get<double>());
    case json::value_t::array:
      return "a list";
    case json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

Error field_error(const std::string& code, const std::string& path, const std::string& message) {
  return Error{code, path, message};
}

// Characters as a person counts them: UTF-8 code points (the parser has
// already rejected malformed UTF-8).
std::size_t count_characters(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

std::string range_text(const std::optional<double>& min, const std::optional<double>& max) {
  if (min && max) return format_number(*min) + ".." + format_number(*max);
  if (min) return ">= " + format_number(*min);
  if (max) return "<= " + format_number(*max);
  return "a number";
}

// Validates and converts one field; returns an error or nullopt on success.
class IntakeReader {
 public:
  explicit IntakeReader(const core::KnowledgeBase& knowledge) : knowledge_(knowledge) {}

  std::optional<Error> read(const json& document, core::Intake& intake) {
    if (!document.is_object()) {
      return field_error("wrong_type", "",
                         "the intake must be a JSON object, got " + describe(document));
    }
    for (const auto& [name, value] : document.items()) {
      const auto field = core::field_by_name(name);
      if (!field)
        return field_error("unknown_field", name,
                           "unknown field (see docs/intake.md for the intake fields)");
      if (auto error = read_field(*field, name, value, intake)) return error;
    }
    return std::nullopt;
  }

 private:
  static std::optional<Error> number(const json& value, const std::string& path,
                                     const core::Question& question, bool integer, double& out) {
    const bool is_integer = value.is_number_integer() || value.is_number_unsigned();
    if (integer ? !is_integer : !value.is_number()) {
      return field_error("wrong_type", path,
                         std::string("must be ") + (integer ? "an integer" : "a number") +
                             ", got " + describe(value));
    }
    out = value.get<double>();
    if (!std::isfinite(out) || (question.min && out < *question.min) ||
        (question.max && out > *question.max)) {
      return field_error(
          "out_of_range", path,
          "must be " + range_text(question.min, question.max) + ", got " + describe(value));
    }
    return std::nullopt;
  }

  static std::optional<Error> integer(const json& value, const std::string& path,
                                      const core::Question& question, std::optional<int>& out) {
    double number_value = 0;
    if (auto error = number(value, path, question, true, number_value)) return error;
    out = static_cast<int>(number_value);
    return std::nullopt;
  }

  static std::optional<Error> boolean(const json& value, const std::string& path,
                                      std::optional<bool>& out) {
    if (!value.is_boolean())
      return field_error("wrong_type", path, "must be true or false, got " + describe(value));
    out = value.get<bool>();
    return std::nullopt;
  }

  static std::optional<Error> choice(const json& value, const std::string& path,
                                     const core::Question& question, core::Choices choices,
                                     unsigned& out) {
    if (!value.is_string()) {
      return field_error(
          "wrong_type", path,
          "must be one of " + allowed_names(question, choices) + ", got " + describe(value));
    }
    const auto index = core::choice_by_name(choices, value.get_ref<const std::string&>());
    if (!index || !(question.allowed >> *index & 1U)) {
      return field_error(
          "not_allowed", path,
          "must be one of " + allowed_names(question, choices) + ", got " + describe(value));
    }
    out = *index;
    return std::nullopt;
  }

  static std::string allowed_names(const core::Question& question, core::Choices choices) {
    const auto& names = core::choice_names(choices);
    std::string allowed;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (question.allowed >> i & 1U)
        allowed += (allowed.empty() ? "" : ", ") + std::string(names[i]);
    }
    return allowed;
  }

  static std::optional<Error> choice_set(const json& value, const std::string& path,
                                         const core::Question& question, core::Choices choices,
                                         core::ChoiceMask& out) {
    if (!value.is_array())
      return field_error("wrong_type", path, "must be a list, got " + describe(value));
    out = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      unsigned index = 0;
      if (auto error = choice(value[i], item_path, question, choices, index)) return error;
      if (out >> index & 1U)
        return field_error("duplicate", item_path, "listed twice: " + describe(value[i]));
      out |= core::ChoiceMask{1} << index;
    }
    return std::nullopt;
  }

  static std::optional<Error> text(const json& value, const std::string& path,
                                   std::size_t max_length, std::string& out) {
    if (!value.is_string())
      return field_error("wrong_type", path, "must be a string, got " + describe(value));
    out = value.get<std::string>();
    const std::size_t characters = count_characters(out);
    if (max_length != 0 && characters > max_length) {
      return field_error("too_long", path,
                         "must be at most " + std::to_string(max_length) + " characters, got " +
                             std::to_string(characters));
    }
    return std::nullopt;
  }

  static std::optional<Error> text_list(const json& value, const std::string& path,
                                        const core::Question& question,
                                        std::vector<std::string>& out) {
    if (!value.is_array())
      return field_error("wrong_type", path, "must be a list of strings, got " + describe(value));
    if (question.max_length != 0 && value.size() > question.max_length) {
      return field_error("too_long", path,
                         "at most " + std::to_string(question.max_length) + " entries, got " +
                             std::to_string(value.size()));
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      std::string entry;
      if (auto error = text(value[i], item_path, 200, entry)) return error;
      if (entry.find_first_not_of(" \t\r\n") == std::string::npos) {
        return field_error("empty", item_path, "must not be empty");
      }
      out.push_back(std::move(entry));
    }
    return std::nullopt;
  }

  static std::optional<Error> pain_area(const json& value, const std::string& path,
                                        const core::Question& question, core::PainArea& area) {
    if (!value.is_object()) {
      return field_error(
          "wrong_type", path,
          "must be an object {region, intensity, weeks, localized}, got " + describe(value));
    }
    if (!value.contains("region"))
      return field_error("missing_field", path + ".region", "is required");
    for (const auto& [key, item] : value.items()) {
      const std::string item_path = path + "." + key;
      if (key == "region") {
        unsigned index = 0;
        if (auto error = choice(item, item_path, question, core::Choices::region, index))
          return error;
        area.region = static_cast<core::Region>(index);
      } else if (key == "intensity") {
        core::Question range;
        range.min = question.intensity.min;
        range.max = question.intensity.max;
        if (auto error = integer(item, item_path, range, area.intensity)) return error;
      } else if (key == "weeks") {
        core::Question range;
        range.min = question.weeks.min;
        range.max = question.weeks.max;
        double weeks = 0;
        if (auto error = number(item, item_path, range, false, weeks)) return error;
        area.weeks = weeks;
      } else if (key == "localized") {
        if (auto error = boolean(item, item_path, area.localized)) return error;
      } else {
        return field_error("unknown_field", item_path,
                           "unknown field (region, intensity, weeks, localized)");
      }
    }
    return std::nullopt;
  }

  static std::optional<Error> pain_areas(const json& value, const std::string& path,
                                         const core::Question& question,
                                         std::vector<core::PainArea>& out) {
    if (!value.is_array())
      return field_error("wrong_type", path, "must be a list, got " + describe(value));
    core::ChoiceMask seen = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      core::PainArea area;
      if (auto error = pain_area(value[i], item_path, question, area)) return error;
      if (seen & core::bit(area.region)) {
        return field_error("duplicate", item_path + ".region",
                           "region listed twice: " + describe(value[i]["region"]));
      }
      seen |= core::bit(area.region);
      out.push_back(area);
    }
    return std::nullopt;
  }

  std::optional<Error> read_field(Field field, const std::string& path, const json& value,
                                  core::Intake& intake) {
    const core::Question& question = knowledge_.question(field);
    const core::FieldInfo& info = core::field_info(field);
    switch (field) {
      case Field::surgery_weeks_ago: {
        if (value.is_null() && question.nullable) {
          intake.surgery_weeks_ago = core::SurgeryAnswer{false, 0};
          return std::nullopt;
        }
        double weeks = 0;
        if (auto error = number(value, path, question, false, weeks)) {
          if (question.nullable && error->code == "wrong_type")
            error->message = "must be a number or null, got " + describe(value);
          return error;
        }
        intake.surgery_weeks_ago = core::SurgeryAnswer{true, weeks};
        return std::nullopt;
      }
      case Field::budget_per_session: {
        double budget = 0;
        if (auto error = number(value, path, question, false, budget)) return error;
        intake.budget_per_session = budget;
        return std::nullopt;
      }
      case Field::notes: {
        std::string notes;
        if (auto error = text(value, path, question.max_length, notes)) return error;
        intake.notes = std::move(notes);
        return std::nullopt;
      }
      case Field::pain_areas: {
        std::vector<core::PainArea> areas;
        if (auto error = pain_areas(value, path, question, areas)) return error;
        intake.pain_areas = std::move(areas);
        return std::nullopt;
      }
      case Field::conditions:
      case Field::medications: {
        std::vector<std::string> entries;
        if (auto error = text_list(value, path, question, entries)) return error;
        (field == Field::conditions ? intake.conditions : intake.medications) = std::move(entries);
        return std::nullopt;
      }
      default:
        break;
    }
    switch (info.type) {
      case FieldType::integer:
        return integer(value, path, question, *core::integer_answer(intake, field));
      case FieldType::boolean:
        return boolean(value, path, *core::boolean_answer(intake, field));
      case FieldType::choice: {
        unsigned index = 0;
        if (auto error = choice(value, path, question, info.choices, index)) return error;
        if (field == Field::repetitive_strain)
          intake.repetitive_strain = static_cast<core::RepetitiveStrain>(index);
        else
          intake.pressure_preference = static_cast<core::PressurePreference>(index);
        return std::nullopt;
      }
      case FieldType::choice_set: {
        core::ChoiceMask mask = 0;
        if (auto error = choice_set(value, path, question, info.choices, mask)) return error;
        (field == Field::goals ? intake.goals : intake.posture) = mask;
        return std::nullopt;
      }
      default:
        break;
    }
    // Every field of the contract is handled above.
    return field_error("internal", path, "field not handled");
  }

  const core::KnowledgeBase& knowledge_;
};

// Parses JSON, rejecting duplicate object keys (a silent "last one wins"
// would hide a mistake) and nesting deeper than any intake needs; the slow
// path of parse_strict, that keeps every key to name the first duplicate.
Result<json> parse_naming_duplicates(std::string_view text) {
  std::vector<std::set<std::string>> keys;
  std::optional<Error> problem;
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth > kMaxDepth) {
      if (!problem) problem = Error{"too_deep", "", "the JSON is nested too deeply"};
      return false;
    }
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second && !problem) {
          problem =
              Error{"duplicate_key", parsed.get<std::string>(), "appears twice in the same object"};
        }
        break;
      default:
        break;
    }
    return true;
  };
  json document = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (problem) return *problem;
  if (document.is_discarded()) {
    // Re-run the plain parser only to get its position and reason.
    try {
      [[maybe_unused]] const json ignored = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& error) {
      return Error{"malformed_json", "",
                   "not valid JSON (byte " + std::to_string(error.byte) + ")"};
    } catch (const json::out_of_range&) {
      // Regression (found by fuzz_intake): {"age": 1e999} overflows a double.
      return Error{"malformed_json", "", "not valid JSON: a number is too large"};
    } catch (const json::exception&) {
      return Error{"malformed_json", "", "not valid JSON"};
    }
    return Error{"malformed_json", "", "not valid JSON"};
  }
  return document;
}

// As parse_naming_duplicates, faster when nothing is wrong: an object whose
// members are fewer than its keys had a duplicate key. On any problem the
// text is parsed again by parse_naming_duplicates, for the same error.
Result<json> parse_strict(std::string_view text) {
  std::vector<std::size_t> key_counts;  // of each open object
  bool trouble = false;
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth > kMaxDepth) {
      trouble = true;
      return false;
    }
    switch (event) {
      case json::parse_event_t::object_start:
        key_counts.push_back(0);
        break;
      case json::parse_event_t::key:
        if (!key_counts.empty()) ++key_counts.back();
        break;
      case json::parse_event_t::object_end:
        if (!key_counts.empty()) {
          if (parsed.size() != key_counts.back()) trouble = true;
          key_counts.pop_back();
        }
        break;
      default:
        break;
    }
    return true;
  };
  json document = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (trouble || document.is_discarded()) return parse_naming_duplicates(text);
  return document;
}

}  // namespace

Result<core::Intake> parse_intake(const core::KnowledgeBase& knowledge, std::string_view text) {
  if (text.size() > kMaxBytes) {
    return Error{"too_large", "", "the intake is larger than 1 MiB"};
  }
  auto document = parse_strict(text);
  if (!document) return document.error();
  core::Intake intake;
  if (auto error = IntakeReader(knowledge).read(*document, intake)) return *error;
  return intake;
}

}  // namespace mn::codec

namespace mn::codec {

namespace {

nlohmann::json choice_list(core::Choices choices, core::ChoiceMask mask) {
  nlohmann::json list = nlohmann::json::array();
  const auto& names = core::choice_names(choices);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (mask >> i & 1U) list.push_back(std::string(names[i]));
  }
  return list;
}

}  // namespace

std::string intake_to_json(const core::Intake& intake) {
  nlohmann::json out = nlohmann::json::object();
  auto put = [&out](const char* name, const auto& value) {
    if (value) out[name] = *value;
  };
  put("age", intake.age);
  if (intake.goals) out["goals"] = choice_list(core::Choices::goal, *intake.goals);
  if (intake.pain_areas) {
    out["pain_areas"] = nlohmann::json::array();
    for (const core::PainArea& area : *intake.pain_areas) {
      nlohmann::json entry{
          {"region", std::string(core::choice_names(
                         core::Choices::region)[static_cast<std::size_t>(area.region)])}};
      if (area.intensity) entry["intensity"] = *area.intensity;
      if (area.weeks) entry["weeks"] = *area.weeks;
      if (area.localized) entry["localized"] = *area.localized;
      out["pain_areas"].push_back(entry);
    }
  }
  put("knots", intake.knots);
  put("limited_motion", intake.limited_motion);
  put("motion_limits_daily_life", intake.motion_limits_daily_life);
  if (intake.repetitive_strain) {
    out["repetitive_strain"] = std::string(core::choice_names(
        core::Choices::repetitive_strain)[static_cast<std::size_t>(*intake.repetitive_strain)]);
  }
  if (intake.posture) out["posture"] = choice_list(core::Choices::posture, *intake.posture);
  put("return_to_activity", intake.return_to_activity);
  put("stress", intake.stress);
  put("anxiety", intake.anxiety);
  put("sleep_quality", intake.sleep_quality);
  put("generalized_tension", intake.generalized_tension);
  put("wants_mental_rest", intake.wants_mental_rest);
  put("new_to_massage", intake.new_to_massage);
  put("in_mental_health_care", intake.in_mental_health_care);
  put("conditions", intake.conditions);
  put("medications", intake.medications);
  if (intake.surgery_weeks_ago) {
    out["surgery_weeks_ago"] = intake.surgery_weeks_ago->had_surgery
                                   ? nlohmann::json(intake.surgery_weeks_ago->weeks_ago)
                                   : nlohmann::json();
  }
  put("unexplained_severe_pain", intake.unexplained_severe_pain);
  put("pregnant", intake.pregnant);
  if (intake.pressure_preference) {
    out["pressure_preference"] = std::string(core::choice_names(
        core::Choices::pressure)[static_cast<std::size_t>(*intake.pressure_preference)]);
  }
  put("sessions_per_month_max", intake.sessions_per_month_max);
  put("budget_per_session", intake.budget_per_session);
  put("notes", intake.notes);
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mn::codec
