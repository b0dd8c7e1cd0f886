#include "service/handoff.hpp"

#include "store/time_zone.hpp"

namespace mn::service {

Result<std::optional<HandoffRecord>> read_handoff(const core::KnowledgeBase& knowledge,
                                                  store::Store& store, const store::Actor& actor,
                                                  store::PatientId patient, store::Seconds now) {
  auto latest = latest_assessment(knowledge, store, actor, patient);
  if (!latest) return latest.error();
  if (!*latest) return std::optional<HandoffRecord>();
  auto course = review_course(knowledge, store, actor, patient, now);
  if (!course) return course.error();
  return std::optional<HandoffRecord>(HandoffRecord{std::move(**latest), std::move(*course)});
}

codec::HandoffView handoff_view(const core::KnowledgeBase& knowledge, const HandoffRecord& record,
                                codec::HandoffAudience audience, store::Seconds now) {
  const std::string& zone = record.latest.patient.time_zone;
  codec::HandoffInput input;
  input.person = record.latest.patient.display_name;
  input.prepared_on = core::format_date(store::local_date(now, zone));
  input.assessed_on = record.latest.assessed_on;
  input.intake = &record.latest.intake;
  input.assessment = &record.latest.assessment;
  input.plan = record.course.plan_record ? &record.course.plan : nullptr;
  input.progress = &record.course.progress;
  input.adaptation = &record.course.adaptation;
  input.date_label = [zone](std::int64_t time) {
    return core::format_date(store::local_date(time, zone));
  };
  return codec::make_handoff(knowledge, input, audience);
}

}  // namespace mn::service
