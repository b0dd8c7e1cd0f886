#pragma once

#include <string_view>

#include "core/assessment.hpp"
#include "core/knowledge_base.hpp"
#include "store/store.hpp"

namespace mn::service {

// Assesses an intake for a stored person (as of `today` in their time zone)
// and stores the intake, the assessment and its plan as one write.
struct AssessedIntake {
  core::Intake intake;
  core::Assessment assessment;
  store::RecordedIntake stored;
};
Result<AssessedIntake> record_assessed_intake(const core::KnowledgeBase& knowledge,
                                              store::Store& store, const store::Actor& actor,
                                              store::PatientId patient,
                                              std::string_view intake_json, core::Date today,
                                              std::optional<store::Seconds> recorded_at);

}  // namespace mn::service
