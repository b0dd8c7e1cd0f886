#include "core/style.hpp"

#include <array>

#include "core/knowledge_base.hpp"

namespace mn::core {

std::string_view style_name(Style style) {
  switch (style) {
    case Style::therapeutic:
      return "therapeutic";
    case Style::relaxation:
      return "relaxation";
    case Style::mixed:
      return "mixed";
    case Style::consultation:
      return "consultation";
    case Style::count:
      break;
  }
  return "consultation";
}

std::string_view safety_status_name(SafetyStatus status) {
  switch (status) {
    case SafetyStatus::clear:
      return "clear";
    case SafetyStatus::adjust:
      return "adjust";
    case SafetyStatus::consult_provider_first:
      return "consult_provider_first";
  }
  return "consult_provider_first";
}

std::string_view position_name(Position position) {
  switch (position) {
    case Position::any:
      return "any";
    case Position::side_lying:
      return "side_lying";
    case Position::semi_reclined:
      return "semi_reclined";
    case Position::seated:
      return "seated";
  }
  return "any";
}

namespace {

// Names used in knowledge/progress.yaml and in output, in enum order.
constexpr std::array<std::string_view, kMeasureKindCount> kMeasureNames{"pain", "function",
                                                                        "stress", "sleep"};
constexpr std::array<std::string_view, static_cast<std::size_t>(Decision::count)> kDecisionNames{
    "taper", "continue", "review", "stop", "add_relaxation"};
constexpr std::array<std::string_view, static_cast<std::size_t>(Trigger::count)> kTriggerNames{
    "red_flag",
    "worse",
    "wellbeing_worse_while_pain_improves",
    "sustained_improvement",
    "past_review_without_meaningful_change",
    "improving",
    "always"};

}  // namespace

std::string_view measure_kind_name(MeasureKind kind) {
  return kMeasureNames.at(static_cast<std::size_t>(kind));
}

std::string_view decision_name(Decision decision) {
  return kDecisionNames.at(static_cast<std::size_t>(decision));
}

std::string_view trigger_name(Trigger trigger) {
  return kTriggerNames.at(static_cast<std::size_t>(trigger));
}

}  // namespace mn::core
