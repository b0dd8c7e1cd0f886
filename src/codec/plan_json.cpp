#include "codec/plan_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace mn::codec {

namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;
constexpr std::size_t kMaxBytes = 4U << 20U;
constexpr int kMaxDepth = 8;

constexpr std::array<std::string_view, 4> kConstraintNames{"budget_binds", "budget_below_minimum",
                                                           "monthly_limit_binds",
                                                           "monthly_limit_drops_relaxation"};

std::string_view constraint_name(core::PlanConstraint kind) {
  return kConstraintNames.at(static_cast<std::size_t>(kind));
}

// ---- Writing -----------------------------------------------------------------

// Written in the order of the format's description.
using ordered_json = nlohmann::ordered_json;

ordered_json phase_json(const core::KnowledgeBase& knowledge, const core::PlannedPhase& planned) {
  const core::Phase& phase = planned.phase;
  return {{"cadence", knowledge.plan.cadences.at(planned.cadence).id},
          {"style", core::style_name(phase.style)},
          {"every_days", phase.every_days},
          {"sessions", phase.sessions},
          {"minutes", phase.minutes},
          {"purpose", phase.purpose}};
}

// ---- Reading -------------------------------------------------------------------

using Problem = std::optional<Error>;

Error problem(const char* code, const std::string& where, const std::string& message) {
  return Error{code, where, message};
}

std::string member(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string item(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// An object with every key of `required` and no key outside `required` and
// `optional`.
Problem check_object(const json& value, const std::string& path,
                     std::initializer_list<const char*> required,
                     std::initializer_list<const char*> optional = {}) {
  if (!value.is_object()) return problem("wrong_type", path, "must be an object");
  for (const char* key : required) {
    if (!value.contains(key)) return problem("missing_field", member(path, key), "is required");
  }
  const auto listed = [](std::initializer_list<const char*> keys, const std::string& key) {
    return std::any_of(keys.begin(), keys.end(), [&](const char* name) { return key == name; });
  };
  for (auto entry = value.begin(); entry != value.end(); ++entry) {
    const std::string& key = entry.key();
    if (!listed(required, key) && !listed(optional, key)) {
      return problem("unknown_field", member(path, key), "unknown field");
    }
  }
  return std::nullopt;
}

template <class Unsigned>
Problem read_unsigned(const json& object, const char* key, const std::string& path, Unsigned& out) {
  const json& value = object.at(key);
  const std::string where = member(path, key);
  constexpr auto kMax = std::numeric_limits<Unsigned>::max();
  if (!value.is_number_integer()) return problem("wrong_type", where, "must be a whole number");
  const bool negative = !value.is_number_unsigned() && value.get<std::int64_t>() < 0;
  if (negative || value.get<std::uint64_t>() > kMax) {
    return problem("out_of_range", where, "must be 0.." + std::to_string(kMax));
  }
  out = static_cast<Unsigned>(value.get<std::uint64_t>());
  return std::nullopt;
}

Problem read_string(const json& object, const char* key, const std::string& path,
                    std::string& out) {
  const json& value = object.at(key);
  if (!value.is_string()) return problem("wrong_type", member(path, key), "must be a string");
  out = value.get<std::string>();
  return std::nullopt;
}

Problem read_style(const json& object, const std::string& path, core::Style& out) {
  std::string name;
  if (auto error = read_string(object, "style", path, name)) return error;
  for (std::size_t s = 0; s < static_cast<std::size_t>(core::Style::count); ++s) {
    const auto style = static_cast<core::Style>(s);
    if (core::style_name(style) == name) {
      out = style;
      return std::nullopt;
    }
  }
  return problem("not_allowed", member(path, "style"),
                 "must be therapeutic, relaxation, mixed or consultation, not '" + name + "'");
}

Problem read_date(const json& value, const std::string& where, core::Date& out) {
  if (!value.is_string()) return problem("wrong_type", where, "must be a date YYYY-MM-DD");
  const auto date = core::parse_date(value.get<std::string>());
  if (!date) {
    return problem("bad_date", where,
                   "must be a date YYYY-MM-DD, not '" + value.get<std::string>() + "'");
  }
  out = *date;
  return std::nullopt;
}

Problem read_phase(const core::KnowledgeBase& knowledge, const json& value, const std::string& path,
                   core::PlannedPhase& out) {
  if (auto error = check_object(
          value, path, {"cadence", "style", "every_days", "sessions", "minutes", "purpose"}))
    return error;
  std::string cadence;
  if (auto error = read_string(value, "cadence", path, cadence)) return error;
  const auto& cadences = knowledge.plan.cadences;
  std::size_t index = 0;
  while (index < cadences.size() && cadences[index].id != cadence) ++index;
  if (index == cadences.size()) {
    return problem("unknown_cadence", member(path, "cadence"),
                   "no cadence '" + cadence + "' in knowledge base " + knowledge.version);
  }
  out.cadence = static_cast<core::Index>(index);
  core::Phase& phase = out.phase;
  if (auto error = read_style(value, path, phase.style)) return error;
  if (auto error = read_unsigned(value, "every_days", path, phase.every_days)) return error;
  if (auto error = read_unsigned(value, "sessions", path, phase.sessions)) return error;
  if (auto error = read_unsigned(value, "minutes", path, phase.minutes)) return error;
  return read_string(value, "purpose", path, phase.purpose);
}

Problem read_session(const json& value, const std::string& path, std::size_t phases,
                     core::PlannedSession& out) {
  if (auto error = check_object(value, path, {"date", "style", "minutes", "phase"})) return error;
  if (auto error = read_date(value.at("date"), member(path, "date"), out.date)) return error;
  if (auto error = read_style(value, path, out.style)) return error;
  if (auto error = read_unsigned(value, "minutes", path, out.minutes)) return error;
  if (auto error = read_unsigned(value, "phase", path, out.phase)) return error;
  if (out.phase >= phases) {
    return problem("out_of_range", member(path, "phase"),
                   "must index the plan's " + std::to_string(phases) + " phases");
  }
  return std::nullopt;
}

Problem read_constraint(const json& value, const std::string& path, core::ConstraintNote& out) {
  if (auto error = check_object(value, path, {"kind", "a", "b", "c"})) return error;
  std::string kind;
  if (auto error = read_string(value, "kind", path, kind)) return error;
  std::size_t index = 0;
  while (index < kConstraintNames.size() && kConstraintNames[index] != kind) ++index;
  if (index == kConstraintNames.size()) {
    return problem("not_allowed", member(path, "kind"), "unknown constraint '" + kind + "'");
  }
  out.kind = static_cast<core::PlanConstraint>(index);
  for (const auto& [key, number] : {std::pair{"a", &out.a}, {"b", &out.b}, {"c", &out.c}}) {
    const json& field = value.at(key);
    if (!field.is_number() || !std::isfinite(field.get<double>())) {
      return problem("wrong_type", member(path, key), "must be a finite number");
    }
    *number = field.get<double>();
  }
  return std::nullopt;
}

template <class Item, class ReadItem>
Problem read_list(const json& object, const char* key, std::vector<Item>& out, ReadItem read_item) {
  const json& list = object.at(key);
  if (!list.is_array()) return problem("wrong_type", key, "must be a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    Item value;
    if (auto error = read_item(list[i], item(key, i), value)) return error;
    out.push_back(std::move(value));
  }
  return std::nullopt;
}

Problem read_plan(const core::KnowledgeBase& knowledge, const json& document, core::Plan& plan) {
  if (auto error = check_object(document, "",
                                {"format_version", "on_hold", "phases", "sessions", "constraints"},
                                {"review_on"}))
    return error;
  const json& version = document.at("format_version");
  if (!version.is_number_integer() || version.get<std::int64_t>() != kFormatVersion) {
    return problem("not_allowed", "format_version",
                   "must be " + std::to_string(kFormatVersion) + " (a plan of another format)");
  }
  if (!document.at("on_hold").is_boolean()) {
    return problem("wrong_type", "on_hold", "must be true or false");
  }
  plan.on_hold = document.at("on_hold").get<bool>();
  auto error = read_list(document, "phases", plan.phases,
                         [&](const json& value, const std::string& path, core::PlannedPhase& out) {
                           return read_phase(knowledge, value, path, out);
                         });
  if (error) return error;
  error = read_list(document, "sessions", plan.sessions,
                    [&](const json& value, const std::string& path, core::PlannedSession& out) {
                      return read_session(value, path, plan.phases.size(), out);
                    });
  if (error) return error;
  error = read_list(document, "constraints", plan.constraints, read_constraint);
  if (error) return error;
  if (document.contains("review_on") && !document.at("review_on").is_null()) {
    core::Date review;
    if (auto bad = read_date(document.at("review_on"), "review_on", review)) return bad;
    plan.review_on = review;
  }
  return std::nullopt;
}

// Parses JSON, rejecting duplicate keys and deep nesting.
Result<json> parse_strict(std::string_view text) {
  std::vector<std::set<std::string>> keys;
  Problem found;
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth > kMaxDepth) {
      if (!found) found = problem("malformed_json", "", "the JSON is nested too deeply");
      return false;
    }
    if (event == json::parse_event_t::object_start) keys.emplace_back();
    if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == json::parse_event_t::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second && !found) {
      found = problem("malformed_json", parsed.get<std::string>(), "appears twice in one object");
    }
    return true;
  };
  json document = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (found) return *found;
  if (document.is_discarded()) return problem("malformed_json", "", "not valid JSON");
  return document;
}

}  // namespace

std::string plan_to_json(const core::KnowledgeBase& knowledge, const core::Plan& plan) {
  ordered_json phases = ordered_json::array();
  for (const core::PlannedPhase& phase : plan.phases)
    phases.push_back(phase_json(knowledge, phase));
  ordered_json sessions = ordered_json::array();
  for (const core::PlannedSession& session : plan.sessions) {
    sessions.push_back({{"date", core::format_date(session.date)},
                        {"style", core::style_name(session.style)},
                        {"minutes", session.minutes},
                        {"phase", session.phase}});
  }
  ordered_json constraints = ordered_json::array();
  for (const core::ConstraintNote& note : plan.constraints) {
    constraints.push_back(
        {{"kind", constraint_name(note.kind)}, {"a", note.a}, {"b", note.b}, {"c", note.c}});
  }
  const ordered_json document{
      {"format_version", kFormatVersion},
      {"on_hold", plan.on_hold},
      {"phases", std::move(phases)},
      {"sessions", std::move(sessions)},
      {"review_on", plan.review_on ? ordered_json(core::format_date(*plan.review_on)) : nullptr},
      {"constraints", std::move(constraints)}};
  return document.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Result<core::Plan> plan_from_json(const core::KnowledgeBase& knowledge, std::string_view text) {
  if (text.size() > kMaxBytes) return problem("too_large", "", "the plan is larger than 4 MiB");
  auto document = parse_strict(text);
  if (!document) return document.error();
  core::Plan plan;
  try {
    if (auto error = read_plan(knowledge, *document, plan)) return *error;
  } catch (const json::exception&) {
    // Every access above is checked first; this only keeps the promise.
    return problem("malformed_json", "", "the plan could not be read");
  }
  return plan;
}

}  // namespace mn::codec
