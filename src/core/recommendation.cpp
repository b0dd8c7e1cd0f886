#include "core/recommendation.hpp"

#include <algorithm>

namespace mn::core {

Recommendation recommend(const KnowledgeBase& knowledge, const Intake& intake,
                         const SafetyResult& safety) {
  Recommendation result;
  EvaluationContext context{&intake, 0, Style::consultation};
  for (std::size_t i = 0; i < knowledge.items.size(); ++i) {
    const ChecklistItem& item = knowledge.items[i];
    MatchedItem matched;
    matched.item = static_cast<Index>(i);
    if (evaluate(knowledge.conditions, item.when, context, &matched.trace) != Truth::yes) continue;
    result.matched_mask |= std::uint64_t{1} << i;
    if (item.checklist < result.counts.size()) ++result.counts[item.checklist];
    result.matched.push_back(matched);
  }

  for (std::size_t r = 0; r < knowledge.decision.size(); ++r) {
    const DecisionRule& rule = knowledge.decision[r];
    bool holds = true;
    for (std::size_t c = 0; c < result.counts.size(); ++c) {
      if ((rule.requires_checklists >> c & 1U) && result.counts[c] < knowledge.several)
        holds = false;
    }
    if (holds) {
      result.decision = static_cast<Index>(r);
      result.style = rule.style;
      break;
    }
  }

  const auto& settings = knowledge.safety;
  std::uint8_t target = settings.style_pressure[static_cast<std::size_t>(result.style)];
  if (intake.pressure_preference && *intake.pressure_preference != PressurePreference::unsure) {
    target = settings.preference_pressure[static_cast<std::size_t>(*intake.pressure_preference)];
  }
  result.pressure_target = std::min(target, safety.pressure_ceiling);

  context.matched_items = result.matched_mask;
  context.style = result.style;
  for (std::size_t e = 0; e < knowledge.guidance.evidence.size(); ++e) {
    if (evaluate(knowledge.conditions, knowledge.guidance.evidence[e].when, context) ==
        Truth::yes) {
      result.evidence.push_back(static_cast<Index>(e));
    }
  }
  return result;
}

}  // namespace mn::core
