#include "core/guidance.hpp"

#include <algorithm>

namespace mn::core {

namespace {

void select(const KnowledgeBase& knowledge, const std::vector<TextItem>& items,
            const EvaluationContext& context, std::vector<Index>& out) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (evaluate(knowledge.conditions, items[i].when, context) == Truth::yes)
      out.push_back(static_cast<Index>(i));
  }
}

// Whether the person listed anything but "none" in `field`.
bool lists(const KnowledgeBase& knowledge, const SafetyResult& safety, Field field) {
  const bool recognised = std::ranges::any_of(safety.term_hits, [&](const TermHit& hit) {
    return hit.list == field && !hit.denied && !knowledge.terms[hit.term].is_none;
  });
  return recognised || std::ranges::any_of(safety.unrecognised, [field](const Unrecognised& entry) {
           return entry.list == field;
         });
}

}  // namespace

void select_guidance(const KnowledgeBase& knowledge, const Intake& intake, Assessment& assessment) {
  const EvaluationContext context{&intake, assessment.recommendation.matched_mask,
                                  assessment.recommendation.style};
  const Guidance& guidance = knowledge.guidance;
  select(knowledge, guidance.preparation, context, assessment.preparation);
  select(knowledge, guidance.aftercare, context, assessment.aftercare);
  select(knowledge, guidance.when_to_call, context, assessment.when_to_call);
  select(knowledge, guidance.pairings, context, assessment.pairings);
  select(knowledge, guidance.bring_to_clinic, context, assessment.bring_to_clinic);

  const SafetyResult& safety = assessment.safety;
  auto& tell = assessment.tell_your_therapist;
  if (lists(knowledge, safety, Field::conditions)) tell.push_back(TellKind::conditions);
  if (lists(knowledge, safety, Field::medications)) tell.push_back(TellKind::medications);
  if (intake.pain_areas && !intake.pain_areas->empty()) tell.push_back(TellKind::areas);
  tell.push_back(TellKind::pressure);
  if (safety.avoid_regions != 0 || !safety.avoid_sites.empty()) tell.push_back(TellKind::avoid);
  if (safety.position != Position::any) tell.push_back(TellKind::position);
  if (safety.max_minutes != 0) tell.push_back(TellKind::minutes);
}

}  // namespace mn::core
