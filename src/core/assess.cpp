#include "core/assess.hpp"

#include "core/guidance.hpp"
#include "core/plan.hpp"
#include "core/recommendation.hpp"
#include "core/safety.hpp"

namespace mn::core {

Assessment assess(const KnowledgeBase& knowledge, const Intake& intake, Date today) {
  Assessment assessment;
  assessment.today = today;
  assessment.safety = screen_safety(knowledge, intake);
  assessment.recommendation = recommend(knowledge, intake, assessment.safety);
  assessment.plan =
      make_plan(knowledge, intake, assessment.safety, assessment.recommendation, today);
  select_guidance(knowledge, intake, assessment);
  return assessment;
}

}  // namespace mn::core
