#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/condition.hpp"
#include "core/intake.hpp"
#include "core/style.hpp"
#include "core/therapist.hpp"

namespace mn::core {

// The knowledge base compiled into index-based form (src/knowledge builds it
// from knowledge/*.yaml). Immutable after loading; safe to share between
// threads. Items refer to each other by index; ids and texts are kept only
// for output. Assessments hold indices into it, so it must outlive them.

using Index = std::uint16_t;
using SourceList = std::vector<Index>;  // indices into KnowledgeBase::sources

struct Source {
  std::string id;
  std::string citation;
};

// Guidance text with an optional condition deciding when it applies.
struct TextItem {
  std::string id;
  std::string title;  // may be empty
  std::string text;
  SourceList sources;
  ConditionRef when = kAlways;
};

struct PainQuestion {
  std::string prompt;
  std::string help;
  double min = 0;
  double max = 0;
};

// A step of the questionnaire: the web form asks one section per page.
struct QuestionSection {
  std::string id;
  std::string title;
  std::string intro;
};

struct Question {
  Field field = Field::count;
  std::string id;
  std::string section;
  std::string prompt;
  std::string help;
  std::optional<double> min;
  std::optional<double> max;
  bool nullable = false;
  std::size_t max_length = 0;             // text: characters; lists: entries (0 = none)
  ChoiceMask allowed = 0;                 // choice fields: the values offered
  std::vector<std::string> value_labels;  // per choice value, in enum order
  ConditionRef ask_if = kAlways;          // the terminal and web forms skip otherwise
  // pain_areas only: the per-area follow-ups.
  PainQuestion intensity;
  PainQuestion weeks;
  PainQuestion localized;
  SourceList sources;
};

struct ChecklistItem {
  std::string id;
  std::string label;  // what the item means, in plain words
  Index checklist = 0;
  ConditionRef when = kAlways;
  SourceList sources;
};

struct Checklist {
  std::string id;
  std::string title;
  Style style = Style::therapeutic;
  SourceList sources;
};

struct DecisionRule {
  std::string id;
  std::uint8_t requires_checklists = 0;  // bit per checklist index
  Style style = Style::consultation;
  std::string explanation;
  SourceList sources;
};

// Werner's three kinds of caution (REFERENCES.md).
enum class Caution : std::uint8_t { systemic, local, modify, unknown_term };
// Positions a rule may require.
enum class Position : std::uint8_t { any, side_lying, semi_reclined, seated };

struct Modification {
  std::string element;  // Walton's session elements: pressure, speed, joint_movement, ...
  std::string text;
};

struct SafetyRule {
  std::string id;
  SafetyStatus category = SafetyStatus::adjust;
  Caution caution = Caution::modify;
  std::string text;                   // what it means for the person
  std::string therapist_note;         // what the therapist should change
  std::uint8_t pressure_ceiling = 0;  // Walton 1..5; 0 = no ceiling
  ChoiceMask avoid_regions = 0;
  std::string avoid_site;  // a site that is not a region ("the surgical site")
  Position position = Position::any;
  std::uint16_t max_minutes = 0;  // 0 = no limit
  std::vector<Modification> modifications;
  ConditionRef when = kAlways;  // triggered by intake answers; kAlways = by terms only
  bool term_only = false;       // triggered only by recognised terms
  SourceList sources;
};

enum class TermKind : std::uint8_t { condition, medication };

// A condition or medication with its lay names (brand and generic).
struct Term {
  std::string id;
  std::string label;
  TermKind kind = TermKind::condition;
  std::vector<Index> rules;  // safety rules it triggers; empty = note only
  bool is_none = false;      // "none", "nothing": an explicit empty answer
  SourceList sources;
};

// Sorted by `name`; names are normalised (lower case, single spaces).
struct TermName {
  std::string name;
  Index term = 0;
  std::uint8_t words = 1;
};

// Hash for string-keyed maps that are searched with string_views.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
template <class Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

struct WaltonLevel {
  std::uint8_t level = 0;
  std::string name;
  std::string description;
};

struct SafetySettings {
  std::uint8_t default_pressure_ceiling = 5;
  std::array<std::uint8_t, static_cast<int>(Style::count)> style_pressure{};
  std::array<std::uint8_t, static_cast<int>(PressurePreference::count)> preference_pressure{};
  // Fields whose absence keeps the result from being "clear".
  std::vector<Field> required_answers;
  TextItem unanswered;               // {questions} is replaced
  TextItem unrecognised_condition;   // {term} is replaced
  TextItem unrecognised_medication;  // {term} is replaced
  std::vector<WaltonLevel> walton;
  SourceList walton_sources;
  // Normalised phrases (see core/term_match.hpp): an entry starting with a
  // denial names what the person does not have, unless it is uncertain.
  std::vector<std::string> denial_phrases;
  std::vector<std::string> uncertainty_phrases;
};

struct Phase {
  Style style = Style::therapeutic;
  std::uint16_t every_days = 7;
  std::uint16_t sessions = 1;
  std::uint16_t minutes = 60;
  std::string purpose;
};

struct Cadence {
  std::string id;
  Style style = Style::therapeutic;  // therapeutic, relaxation or consultation
  ConditionRef when = kAlways;
  std::vector<Phase> phases;
  std::uint16_t review_after_sessions = 0;  // 0 = review after the last phase
  std::string explanation;
  SourceList sources;
};

struct DosePolicy {
  std::string id;
  std::string description;
  SourceList sources;
};

struct Price {
  std::uint16_t minutes = 0;
  double price = 0;
};

struct PlanPolicy {
  Index active_dose_policy = 0;
  std::vector<DosePolicy> dose_policies;
  // Cadences of the active dose policy and of none, in file order.
  std::vector<Cadence> cadences;
  std::uint16_t first_session_after_days = 0;
  std::uint16_t minimum_minutes = 30;
  std::vector<Price> prices;  // ascending by minutes
  std::string currency;
  TextItem budget_binds;          // {minutes} {price} {budget}
  TextItem budget_below_minimum;  // {price} {budget}
  TextItem monthly_limit_binds;   // {limit} {every_days}
  TextItem monthly_limit_drops_relaxation;
  TextItem on_hold;
  SourceList sources;
};

// Progress and plan adaptation (knowledge/progress.yaml).

// The journal's measures: pain (NPRS, per region), function (PSFS mean),
// stress and sleep quality.
enum class MeasureKind : std::uint8_t { pain, function, stress, sleep, count };
inline constexpr std::size_t kMeasureKindCount = static_cast<std::size_t>(MeasureKind::count);

// A change reaches a threshold when its size is at least `points`, or (when
// `percent` is set) at least that percentage of the baseline.
struct ChangeThreshold {
  std::string id;
  std::string label;  // may be empty ("small", "large")
  double points = 0;
  double percent = 0;      // 0 = no relative rule
  ChoiceMask regions = 0;  // pain only; 0 = every region
  SourceList sources;
};

struct MeasurePolicy {
  std::string id;
  std::string label;  // pain: contains {region}
  bool lower_is_better = true;
  // Indices into ProgressPolicy::thresholds. Several may apply (sources that
  // disagree): every applicable one is reported, the first decides.
  std::vector<Index> noise;
  std::vector<Index> meaningful;
  SourceList sources;
};

enum class Decision : std::uint8_t { taper, continue_plan, review, stop, add_relaxation, count };

// What an adaptation rule looks at in the progress summary.
enum class Trigger : std::uint8_t {
  red_flag,
  worse,
  wellbeing_worse_while_pain_improves,
  sustained_improvement,
  past_review_without_meaningful_change,
  improving,
  always,
  count
};

struct AdaptationRule {
  std::string id;
  Trigger when = Trigger::always;
  Decision decision = Decision::continue_plan;
  std::string text;
  SourceList sources;
};

struct ProgressPolicy {
  std::vector<ChangeThreshold> thresholds;
  std::array<MeasurePolicy, kMeasureKindCount> measures;  // by MeasureKind
  // Baseline: the first `baseline_entries` values within `baseline_days` of
  // the first one. Latest: values within `latest_hours` of the last one.
  std::uint16_t baseline_days = 7;
  std::uint16_t baseline_entries = 3;
  std::uint16_t latest_hours = 24;
  std::uint16_t trend_days = 28;
  SourceList window_sources;
  // Red-flag answers count when recorded within `flag_days` before now.
  std::uint16_t flag_days = 14;
  double soreness_limit_hours = 48;
  SourceList flag_sources;
  TextItem sharp_pain;           // {date}
  TextItem soreness_past_limit;  // {hours} {limit}
  TextItem new_symptoms;         // {date} {text}
  // A sustained improvement lasts at least this long and this many entries.
  std::uint16_t sustained_days = 14;
  std::uint16_t sustained_entries = 3;
  // Tapering multiplies the remaining intervals, up to a longest interval.
  double taper_factor = 2;
  std::uint16_t taper_max_every_days = 56;
  Index relaxation_cadence = 0;  // into PlanPolicy::cadences
  SourceList adaptation_sources;
  std::vector<AdaptationRule> rules;  // first that fires wins; the last is `always`
};

struct FaqEntry {
  std::string id;
  std::string question;
  std::string answer;
  SourceList sources;
};

struct Guidance {
  // Result headlines: by Style, and by SafetyStatus.
  std::array<TextItem, static_cast<int>(Style::count)> style_headlines;
  std::array<TextItem, 3> safety_headlines;
  std::vector<TextItem> preparation;
  std::vector<TextItem> aftercare;
  std::vector<TextItem> when_to_call;
  std::vector<TextItem> pairings;
  std::vector<TextItem> bring_to_clinic;
  std::vector<TextItem> evidence;  // notes shown when their condition holds
  std::vector<TextItem> styles;    // what each style is and who it suits
  std::vector<TextItem> misconceptions;
  std::vector<TextItem> choosing_a_therapist;
  std::vector<FaqEntry> faq;
  // Templates of the "tell your therapist" list.
  TextItem tell_conditions;   // {items}
  TextItem tell_medications;  // {items}
  TextItem tell_areas;        // {items}
  TextItem tell_pressure;     // {level} {name}
  TextItem tell_avoid;        // {items}
  TextItem tell_position;     // {position}
  TextItem tell_minutes;      // {minutes}
};

// Matching therapists to an assessment (knowledge/matching.yaml,
// docs/matching.md).

// The factors of a match's score, in output order.
enum class MatchFactor : std::uint8_t {
  style,
  training,
  techniques,
  precautions,
  medical_input,
  setting,
  distance,
  price,
  availability,
  reviews,
  licence,
  board_certification,
  count
};
inline constexpr std::size_t kMatchFactorCount = static_cast<std::size_t>(MatchFactor::count);

// Why a therapist is left out of a ranking; each hard requirement has one.
enum class ExclusionReason : std::uint8_t {
  out_of_radius,
  style_not_offered,
  precaution,  // a required competence for one of the person's precautions
  session_length_not_offered,
  no_openings,
  count
};
inline constexpr std::size_t kExclusionReasonCount =
    static_cast<std::size_t>(ExclusionReason::count);

struct MatchFactorPolicy {
  double weight = 0;        // the most points the factor gives
  std::string label;        // a short name ("Distance")
  std::string explanation;  // how the factor is scored, for a person
  SourceList sources;
};

enum class PrecautionNeed : std::uint8_t { required, preferred };

// A competence the person's precautions call for: met by any of `training`,
// or (when `medical_input_meets`) by accepting input from a medical team.
struct PrecautionCompetence {
  std::string id;
  std::vector<Index> rules;  // safety rules that call for it
  PrecautionNeed need = PrecautionNeed::required;
  TrainingMask training = 0;
  bool medical_input_meets = false;
  std::string text;
  SourceList sources;
};

// A checklist item that asks for a technique, and the trainings that teach it.
struct TechniqueFit {
  Index item = 0;  // into KnowledgeBase::items
  TrainingMask training = 0;
  SourceList sources;
};

struct MatchingPolicy {
  std::array<MatchFactorPolicy, kMatchFactorCount> factors;  // by MatchFactor
  double max_score = 0;                                      // the sum of the weights
  std::array<std::string, kTrainingCount> training_labels;   // by Training
  std::array<std::string, kSettingCount> setting_labels;     // by Setting
  // By Style: the trainings that fit it, and the settings that suit it
  // (0 = any).
  std::array<TrainingMask, static_cast<int>(Style::count)> style_training{};
  std::array<SettingMask, static_cast<int>(Style::count)> style_setting{};
  std::vector<TechniqueFit> techniques;
  std::vector<PrecautionCompetence> precautions;
  // Reviews: the mean rating is shrunk towards `review_prior_mean` as if it
  // had `review_prior_count` more reviews; points grow from `review_floor`
  // (none) to 5 (all).
  double review_prior_mean = 4;
  double review_prior_count = 10;
  double review_floor = 3;
  // Distance: full points within `full_points_within_km`, then falling
  // linearly to none at the search radius.
  double default_radius_km = 25;
  double max_radius_km = 200;
  double full_points_within_km = 2;
  // Price: full points within the budget, none at this percentage over it.
  double zero_points_over_budget_percent = 50;
  // Medical-team input counts when the clinic is involved, or when the
  // safety screen's status is at least this.
  SafetyStatus medical_input_from = SafetyStatus::adjust;
  std::array<std::string, kExclusionReasonCount> exclusion_texts;  // by ExclusionReason
  SourceList sources;
};

std::string_view match_factor_name(MatchFactor factor);
std::string_view exclusion_reason_name(ExclusionReason reason);

struct KnowledgeBase {
  std::string version;
  std::vector<Source> sources;
  ConditionProgram conditions;
  std::vector<QuestionSection> sections;  // in asking order
  std::vector<Question> questionnaire;    // in asking order, grouped by section
  std::array<Index, kFieldCount> question_of_field{};
  std::vector<Checklist> checklists;
  std::vector<ChecklistItem> items;  // all checklists' items, at most 64
  std::uint8_t several = 2;
  std::vector<DecisionRule> decision;  // first match wins; the last requires nothing
  std::vector<SafetyRule> rules;
  std::vector<Term> terms;
  std::vector<TermName> term_names;  // sorted by name
  // For matching: every name, and for each word that starts a name the
  // longest name (in words) starting with it.
  TextMap<Index> term_by_name;
  TextMap<std::uint8_t> longest_name_from;
  SafetySettings safety;
  PlanPolicy plan;
  Guidance guidance;
  ProgressPolicy progress;
  MatchingPolicy matching;

  const Question& question(Field field) const {
    return questionnaire[question_of_field[static_cast<std::size_t>(field)]];
  }
};

std::string_view position_name(Position position);
std::string_view measure_kind_name(MeasureKind kind);
std::string_view decision_name(Decision decision);
std::string_view trigger_name(Trigger trigger);

}  // namespace mn::core
