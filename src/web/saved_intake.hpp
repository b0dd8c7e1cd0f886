#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/assessment.hpp"
#include "core/intake.hpp"
#include "core/result.hpp"
#include "store/records.hpp"
#include "web/page.hpp"

namespace mn::web {

// The answers a form carried between steps ("" for none yet): a JSON object
// that must be a valid partial intake. Error "invalid" at "answers".
Result<nlohmann::json> answers_from(const core::KnowledgeBase& knowledge, std::string_view text);

// Assesses and stores the signed-in patient's intake in their own record
// (as of today in their time zone).
Result<bool> save_intake(Visit& visit, std::string_view intake_json);

// A person's latest stored intake with its assessment, worked out again by
// the engine as of the day it was assessed (the engine is a pure function
// of knowledge, intake and date), and the guidance version it was assessed
// with. The caller has checked access; the reads are audited.
struct SavedAssessment {
  core::Intake intake;
  core::Assessment assessment;
  std::string assessed_on;  // "2026-11-28", the person's day
  std::string knowledge_version;
};
Result<std::optional<SavedAssessment>> latest_assessed_intake(Visit& visit,
                                                              store::PatientId patient);

}  // namespace mn::web
