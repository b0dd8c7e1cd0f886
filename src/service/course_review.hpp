#pragma once

#include <optional>
#include <vector>

#include "core/adaptation.hpp"
#include "core/journal.hpp"
#include "core/knowledge_base.hpp"
#include "core/plan.hpp"
#include "core/progress.hpp"
#include "store/store.hpp"

namespace mn::service {

// A person's stored journal and plan, summarised and adapted as of `now`
// (what `progress`, `plan adapt` and the progress API show).
struct CourseReview {
  store::Patient patient;
  std::vector<core::JournalEntry> entries;
  std::vector<core::CompletedSession> sessions;
  core::Progress progress;
  std::optional<store::PlanRecord> plan_record;
  core::Plan plan;  // empty when there is no plan record
  core::Adaptation adaptation;
};

// Reads the course in one store call (one audit line). Error "invalid" at
// "plan version N" when the stored plan no longer fits the knowledge base.
Result<CourseReview> review_course(const core::KnowledgeBase& knowledge, store::Store& store,
                                   const store::Actor& actor, store::PatientId patient,
                                   store::Seconds now);

// Keeps the adapted plan as a new version when it differs from the
// current one; nullopt when the plan stays. Error "invalid" at "plan" when
// the person has no plan yet.
Result<std::optional<store::PlanRecord>> keep_adapted_plan(const core::KnowledgeBase& knowledge,
                                                           store::Store& store,
                                                           const store::Actor& actor,
                                                           const CourseReview& review);

}  // namespace mn::service
