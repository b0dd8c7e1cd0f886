#include "service/course_review.hpp"

#include <string>
#include <utility>

#include "codec/plan_json.hpp"
#include "store/time_zone.hpp"

namespace mn::service {

Result<CourseReview> review_course(const core::KnowledgeBase& knowledge, store::Store& store,
                                   const store::Actor& actor, store::PatientId patient,
                                   store::Seconds now) {
  auto course = store.course(actor, patient);
  if (!course) return course.error();
  CourseReview review;
  review.patient = std::move(course->patient);
  review.entries.reserve(course->journal.size());
  for (auto& record : course->journal) review.entries.push_back(std::move(record.entry));
  for (const auto& session : course->sessions) {
    review.sessions.push_back(core::CompletedSession{session.time, session.style,
                                                     static_cast<std::uint16_t>(session.minutes),
                                                     static_cast<std::uint8_t>(session.pressure)});
  }
  review.progress = core::summarize_progress(knowledge, review.entries, review.sessions, now);
  review.plan_record = std::move(course->plan);
  if (review.plan_record) {
    auto stored = codec::plan_from_json(knowledge, review.plan_record->plan_json);
    if (!stored) {
      return Error{"invalid", "plan version " + std::to_string(review.plan_record->version),
                   "the stored plan no longer fits this knowledge base (" +
                       stored.error().describe() + "); record the intake again"};
    }
    review.plan = std::move(*stored);
  }
  review.adaptation = core::adapt_plan(knowledge, review.plan, review.progress,
                                       store::local_date(now, review.patient.time_zone));
  return review;
}

Result<std::optional<store::PlanRecord>> keep_adapted_plan(const core::KnowledgeBase& knowledge,
                                                           store::Store& store,
                                                           const store::Actor& actor,
                                                           const CourseReview& review) {
  if (!review.plan_record) {
    return Error{"invalid", "plan",
                 "patient " + std::to_string(review.patient.id) +
                     " has no plan yet: record an intake first"};
  }
  std::string plan_json = codec::plan_to_json(knowledge, review.adaptation.plan);
  if (plan_json == review.plan_record->plan_json) return std::optional<store::PlanRecord>{};
  const core::Adaptation& adaptation = review.adaptation;
  std::string reason = std::string(core::decision_name(adaptation.decision)) + " (" +
                       knowledge.progress.rules[adaptation.rule].id + ")";
  auto saved = store.add_plan_version(
      actor, review.patient.id,
      store::NewPlan{review.plan_record->assessment, std::move(reason), std::move(plan_json)});
  if (!saved) return saved.error();
  return std::optional<store::PlanRecord>{std::move(*saved)};
}

}  // namespace mn::service
