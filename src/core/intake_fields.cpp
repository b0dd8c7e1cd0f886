#include <array>
#include <string_view>

#include "core/intake.hpp"

namespace mn::core {

namespace {

constexpr std::array<FieldInfo, kFieldCount> kFields{{
    {"age", FieldType::integer, Choices::none},
    {"goals", FieldType::choice_set, Choices::goal},
    {"pain_areas", FieldType::pain_list, Choices::region},
    {"knots", FieldType::boolean, Choices::none},
    {"limited_motion", FieldType::boolean, Choices::none},
    {"motion_limits_daily_life", FieldType::boolean, Choices::none},
    {"repetitive_strain", FieldType::choice, Choices::repetitive_strain},
    {"posture", FieldType::choice_set, Choices::posture},
    {"return_to_activity", FieldType::boolean, Choices::none},
    {"stress", FieldType::integer, Choices::none},
    {"anxiety", FieldType::integer, Choices::none},
    {"sleep_quality", FieldType::integer, Choices::none},
    {"generalized_tension", FieldType::boolean, Choices::none},
    {"wants_mental_rest", FieldType::boolean, Choices::none},
    {"new_to_massage", FieldType::boolean, Choices::none},
    {"in_mental_health_care", FieldType::boolean, Choices::none},
    {"conditions", FieldType::text_list, Choices::none},
    {"medications", FieldType::text_list, Choices::none},
    {"surgery_weeks_ago", FieldType::number, Choices::none},
    {"unexplained_severe_pain", FieldType::boolean, Choices::none},
    {"pregnant", FieldType::boolean, Choices::none},
    {"pressure_preference", FieldType::choice, Choices::pressure},
    {"sessions_per_month_max", FieldType::integer, Choices::none},
    {"budget_per_session", FieldType::number, Choices::none},
    {"notes", FieldType::text, Choices::none},
}};

}  // namespace

const FieldInfo& field_info(Field field) { return kFields[static_cast<std::size_t>(field)]; }

std::optional<Field> field_by_name(std::string_view name) {
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if (name == kFields[i].name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::string_view field_type_name(FieldType type) {
  switch (type) {
    case FieldType::integer:
      return "integer";
    case FieldType::number:
      return "number";
    case FieldType::boolean:
      return "boolean";
    case FieldType::choice:
      return "choice";
    case FieldType::choice_set:
      return "choice_set";
    case FieldType::text_list:
      return "text_list";
    case FieldType::text:
      return "text";
    case FieldType::pain_list:
      return "pain_list";
  }
  return "text";
}

const std::vector<std::string_view>& choice_names(Choices choices) {
  static const std::vector<std::string_view> kNone;
  static const std::vector<std::string_view> kGoals{
      "pain_relief",     "mobility", "sport_performance", "return_to_work", "posture",
      "stress_relief",   "sleep",    "anxiety_relief",    "mental_rest",    "self_care",
      "general_wellness"};
  static const std::vector<std::string_view> kRegions{
      "head", "jaw",    "neck",   "shoulders", "upper_back", "lower_back", "hips",
      "arms", "elbows", "wrists", "hands",     "legs",       "knees",      "feet"};
  static const std::vector<std::string_view> kPosture{"forward_head", "rounded_shoulders",
                                                      "pelvic_tilt"};
  static const std::vector<std::string_view> kStrain{"none", "work", "sport", "both"};
  static const std::vector<std::string_view> kPressure{"light", "medium", "firm", "unsure"};
  switch (choices) {
    case Choices::goal:
      return kGoals;
    case Choices::region:
      return kRegions;
    case Choices::posture:
      return kPosture;
    case Choices::repetitive_strain:
      return kStrain;
    case Choices::pressure:
      return kPressure;
    case Choices::none:
      break;
  }
  return kNone;
}

std::optional<unsigned> choice_by_name(Choices choices, std::string_view name) {
  const auto& names = choice_names(choices);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<unsigned>(i);
  }
  return std::nullopt;
}

bool is_answered(const Intake& intake, Field field) {
  switch (field) {
    case Field::age:
      return intake.age.has_value();
    case Field::goals:
      return intake.goals.has_value();
    case Field::pain_areas:
      return intake.pain_areas.has_value();
    case Field::knots:
      return intake.knots.has_value();
    case Field::limited_motion:
      return intake.limited_motion.has_value();
    case Field::motion_limits_daily_life:
      return intake.motion_limits_daily_life.has_value();
    case Field::repetitive_strain:
      return intake.repetitive_strain.has_value();
    case Field::posture:
      return intake.posture.has_value();
    case Field::return_to_activity:
      return intake.return_to_activity.has_value();
    case Field::stress:
      return intake.stress.has_value();
    case Field::anxiety:
      return intake.anxiety.has_value();
    case Field::sleep_quality:
      return intake.sleep_quality.has_value();
    case Field::generalized_tension:
      return intake.generalized_tension.has_value();
    case Field::wants_mental_rest:
      return intake.wants_mental_rest.has_value();
    case Field::new_to_massage:
      return intake.new_to_massage.has_value();
    case Field::in_mental_health_care:
      return intake.in_mental_health_care.has_value();
    case Field::conditions:
      return intake.conditions.has_value();
    case Field::medications:
      return intake.medications.has_value();
    case Field::surgery_weeks_ago:
      return intake.surgery_weeks_ago.has_value();
    case Field::unexplained_severe_pain:
      return intake.unexplained_severe_pain.has_value();
    case Field::pregnant:
      return intake.pregnant.has_value();
    case Field::pressure_preference:
      return intake.pressure_preference.has_value();
    case Field::sessions_per_month_max:
      return intake.sessions_per_month_max.has_value();
    case Field::budget_per_session:
      return intake.budget_per_session.has_value();
    case Field::notes:
      return intake.notes.has_value();
    case Field::count:
      break;
  }
  return false;
}

std::optional<bool>* boolean_answer(Intake& intake, Field field) {
  switch (field) {
    case Field::knots:
      return &intake.knots;
    case Field::limited_motion:
      return &intake.limited_motion;
    case Field::motion_limits_daily_life:
      return &intake.motion_limits_daily_life;
    case Field::return_to_activity:
      return &intake.return_to_activity;
    case Field::generalized_tension:
      return &intake.generalized_tension;
    case Field::wants_mental_rest:
      return &intake.wants_mental_rest;
    case Field::new_to_massage:
      return &intake.new_to_massage;
    case Field::in_mental_health_care:
      return &intake.in_mental_health_care;
    case Field::unexplained_severe_pain:
      return &intake.unexplained_severe_pain;
    case Field::pregnant:
      return &intake.pregnant;
    default:
      return nullptr;
  }
}

const std::optional<bool>* boolean_answer(const Intake& intake, Field field) {
  // The same members, read-only; the cast only reuses the mapping above.
  return boolean_answer(const_cast<Intake&>(intake),
                        field);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

std::optional<int>* integer_answer(Intake& intake, Field field) {
  switch (field) {
    case Field::age:
      return &intake.age;
    case Field::stress:
      return &intake.stress;
    case Field::anxiety:
      return &intake.anxiety;
    case Field::sleep_quality:
      return &intake.sleep_quality;
    case Field::sessions_per_month_max:
      return &intake.sessions_per_month_max;
    default:
      return nullptr;
  }
}

const std::optional<int>* integer_answer(const Intake& intake, Field field) {
  return integer_answer(const_cast<Intake&>(intake),
                        field);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

}  // namespace mn::core
