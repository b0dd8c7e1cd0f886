#include "service/latest_assessment.hpp"

#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "store/time_zone.hpp"

namespace mn::service {

Result<std::optional<LatestAssessment>> latest_assessment(const core::KnowledgeBase& knowledge,
                                                          store::Store& store,
                                                          const store::Actor& actor,
                                                          store::PatientId patient) {
  auto record = store.patient(actor, patient);
  if (!record) return record.error();
  auto intake_record = store.latest_intake(actor, patient);
  if (!intake_record) return intake_record.error();
  auto assessment_record = store.latest_assessment(actor, patient);
  if (!assessment_record) return assessment_record.error();
  if (!*intake_record || !*assessment_record) return std::optional<LatestAssessment>();
  auto intake = codec::parse_intake(knowledge, (*intake_record)->intake_json);
  if (!intake) return intake.error();
  const core::Date day = store::local_date((*assessment_record)->assessed_at, record->time_zone);
  core::Assessment assessment = core::assess(knowledge, *intake, day);
  return std::optional<LatestAssessment>(
      LatestAssessment{std::move(*record), std::move(*intake), std::move(assessment),
                       core::format_date(day), (*assessment_record)->knowledge_version});
}

}  // namespace mn::service
