#pragma once

#include <string>

#include "core/assessment.hpp"
#include "core/knowledge_base.hpp"

namespace mn::codec {

// The assessment for a person to read in a terminal: headline (style and
// safety), why, the dated plan, preparation, aftercare, when to call, what to
// tell the therapist, what to bring to the clinic.
std::string assessment_to_text(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                               const core::Assessment& assessment);

}  // namespace mn::codec
