#pragma once

#include <optional>
#include <string>

#include "core/assessment.hpp"
#include "core/intake.hpp"
#include "core/knowledge_base.hpp"
#include "store/store.hpp"

namespace mn::service {

// A person's latest stored intake with its assessment, worked out again by
// the engine as of the day it was assessed (the engine is a pure function of
// knowledge, intake and date), and the guidance version it was assessed with.
struct LatestAssessment {
  store::Patient patient;
  core::Intake intake;
  core::Assessment assessment;
  std::string assessed_on;  // "2026-11-28", the person's day
  std::string knowledge_version;
};

// nullopt when the person has no assessed intake yet. The reads go through
// the store's access rules and are audited.
Result<std::optional<LatestAssessment>> latest_assessment(const core::KnowledgeBase& knowledge,
                                                          store::Store& store,
                                                          const store::Actor& actor,
                                                          store::PatientId patient);

}  // namespace mn::service
