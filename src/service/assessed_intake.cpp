#include "service/assessed_intake.hpp"

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "codec/plan_json.hpp"
#include "core/assess.hpp"

namespace mn::service {

Result<AssessedIntake> record_assessed_intake(const core::KnowledgeBase& knowledge,
                                              store::Store& store, const store::Actor& actor,
                                              store::PatientId patient,
                                              std::string_view intake_json, core::Date today,
                                              std::optional<store::Seconds> recorded_at) {
  auto intake = codec::parse_intake(knowledge, intake_json);
  if (!intake) return intake.error();
  core::Assessment assessment = core::assess(knowledge, *intake, today);
  store::NewIntake record{
      codec::intake_to_json(*intake),
      knowledge.version,
      std::string(core::style_name(assessment.recommendation.style)),
      std::string(core::safety_status_name(assessment.safety.status)),
      codec::assessment_to_json(knowledge, *intake, assessment),
      codec::plan_to_json(knowledge, assessment.plan),
      recorded_at,
  };
  auto stored = store.record_intake(actor, patient, record);
  if (!stored) return stored.error();
  return AssessedIntake{std::move(*intake), std::move(assessment), std::move(*stored)};
}

}  // namespace mn::service
