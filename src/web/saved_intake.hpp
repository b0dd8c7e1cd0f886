#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/assessment.hpp"
#include "core/intake.hpp"
#include "core/result.hpp"
#include "service/latest_assessment.hpp"
#include "store/records.hpp"
#include "web/page.hpp"

namespace mn::web {

// The answers a form carried between steps ("" for none yet): a JSON object
// that must be a valid partial intake. Error "invalid" at "answers".
Result<nlohmann::json> answers_from(const core::KnowledgeBase& knowledge, std::string_view text);

// Assesses and stores the signed-in patient's intake in their own record
// (as of today in their time zone).
Result<bool> save_intake(Visit& visit, std::string_view intake_json);

// The latest assessed intake of a person (service/latest_assessment.hpp).
// The caller has checked access; the reads are audited.
using SavedAssessment = service::LatestAssessment;
Result<std::optional<SavedAssessment>> latest_assessed_intake(Visit& visit,
                                                              store::PatientId patient);

}  // namespace mn::web
