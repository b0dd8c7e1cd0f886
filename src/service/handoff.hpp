#pragma once

#include <optional>

#include "codec/handoff_view.hpp"
#include "service/course_review.hpp"
#include "service/latest_assessment.hpp"

namespace mn::service {

// What a handoff is made from: the latest assessment (goals, areas,
// precautions) and the course as it stands (the current plan, progress and
// flags).
struct HandoffRecord {
  LatestAssessment latest;
  CourseReview course;
};

// nullopt when the person has no assessed intake yet. The reads go through
// the store's access rules and are audited.
Result<std::optional<HandoffRecord>> read_handoff(const core::KnowledgeBase& knowledge,
                                                  store::Store& store, const store::Actor& actor,
                                                  store::PatientId patient, store::Seconds now);

// The handoff's view for `audience`, prepared as of `now` in the person's
// time zone.
codec::HandoffView handoff_view(const core::KnowledgeBase& knowledge, const HandoffRecord& record,
                                codec::HandoffAudience audience, store::Seconds now);

}  // namespace mn::service
