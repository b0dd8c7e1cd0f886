#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mn::core {

// The fields of the public intake contract v1 (docs/intake.md). The order is
// the order of the contract; the knowledge base's questionnaire must describe
// each of them exactly once.
enum class Field : std::uint8_t {
  age,
  goals,
  pain_areas,
  knots,
  limited_motion,
  motion_limits_daily_life,
  repetitive_strain,
  posture,
  return_to_activity,
  stress,
  anxiety,
  sleep_quality,
  generalized_tension,
  wants_mental_rest,
  new_to_massage,
  in_mental_health_care,
  conditions,
  medications,
  surgery_weeks_ago,
  unexplained_severe_pain,
  pregnant,
  pressure_preference,
  sessions_per_month_max,
  budget_per_session,
  notes,
  count
};
inline constexpr int kFieldCount = static_cast<int>(Field::count);

// How a field is answered; fixed by the contract, checked against the
// questionnaire when the knowledge base loads.
enum class FieldType : std::uint8_t {
  integer,
  number,
  boolean,
  choice,      // one value of a closed list
  choice_set,  // several values of a closed list
  text_list,   // free strings (conditions, medications)
  text,
  pain_list,  // [{region, intensity, weeks, localized}]
};

// Which closed list of values a choice field draws from.
enum class Choices : std::uint8_t { none, goal, region, posture, repetitive_strain, pressure };

enum class Goal : std::uint8_t {
  pain_relief,
  mobility,
  sport_performance,
  return_to_work,
  posture,
  stress_relief,
  sleep,
  anxiety_relief,
  mental_rest,
  self_care,
  general_wellness,
  count
};

enum class Region : std::uint8_t {
  head,
  jaw,
  neck,
  shoulders,
  upper_back,
  lower_back,
  hips,
  arms,
  elbows,
  wrists,
  hands,
  legs,
  knees,
  feet,
  count
};

enum class PostureFinding : std::uint8_t { forward_head, rounded_shoulders, pelvic_tilt, count };

enum class RepetitiveStrain : std::uint8_t { none, work, sport, both, count };

enum class PressurePreference : std::uint8_t { light, medium, firm, unsure, count };

// A bit per value of a closed list (goals, regions, posture findings).
using ChoiceMask = std::uint32_t;

template <class Enum>
constexpr ChoiceMask bit(Enum value) {
  return ChoiceMask{1} << static_cast<unsigned>(value);
}

struct PainArea {
  Region region = Region::head;
  std::optional<int> intensity;  // NPRS 0..10
  std::optional<double> weeks;   // how long it has lasted
  std::optional<bool> localized;
};

// "surgery_weeks_ago": absent = not answered, null = no recent surgery.
struct SurgeryAnswer {
  bool had_surgery = false;
  double weeks_ago = 0;
};

// One person's answers. Every field is optional: an absent answer is
// "unknown", never "no" (see core/condition.hpp for how unknowns combine).
struct Intake {
  std::optional<int> age;
  std::optional<ChoiceMask> goals;
  std::optional<std::vector<PainArea>> pain_areas;
  std::optional<bool> knots;
  std::optional<bool> limited_motion;
  std::optional<bool> motion_limits_daily_life;
  std::optional<RepetitiveStrain> repetitive_strain;
  std::optional<ChoiceMask> posture;
  std::optional<bool> return_to_activity;
  std::optional<int> stress;
  std::optional<int> anxiety;
  std::optional<int> sleep_quality;
  std::optional<bool> generalized_tension;
  std::optional<bool> wants_mental_rest;
  std::optional<bool> new_to_massage;
  std::optional<bool> in_mental_health_care;
  std::optional<std::vector<std::string>> conditions;
  std::optional<std::vector<std::string>> medications;
  std::optional<SurgeryAnswer> surgery_weeks_ago;
  std::optional<bool> unexplained_severe_pain;
  std::optional<bool> pregnant;
  std::optional<PressurePreference> pressure_preference;
  std::optional<int> sessions_per_month_max;
  std::optional<double> budget_per_session;
  std::optional<std::string> notes;
};

// Contract metadata: names and types of fields and of closed-list values.
struct FieldInfo {
  const char* name;
  FieldType type;
  Choices choices;
};
const FieldInfo& field_info(Field field);
std::optional<Field> field_by_name(std::string_view name);

// The names of a closed list's values, indexed by the enum value.
const std::vector<std::string_view>& choice_names(Choices choices);

// The type's name in questionnaire.yaml and in the questionnaire's JSON
// ("integer", "choice_set", "pain_list", ...).
std::string_view field_type_name(FieldType type);
std::optional<unsigned> choice_by_name(Choices choices, std::string_view name);

bool is_answered(const Intake& intake, Field field);

// The member that holds a yes/no field, or a whole-number field; nullptr for
// a field of another type.
std::optional<bool>* boolean_answer(Intake& intake, Field field);
const std::optional<bool>* boolean_answer(const Intake& intake, Field field);
std::optional<int>* integer_answer(Intake& intake, Field field);
const std::optional<int>* integer_answer(const Intake& intake, Field field);

}  // namespace mn::core
