#pragma once

#include <string>

#include "core/assessment.hpp"
#include "core/knowledge_base.hpp"

namespace mn::codec {

// The assessment as JSON per DESIGN.md's output contract, texts filled in
// from the knowledge base. Pretty-printed with 2 spaces.
std::string assessment_to_json(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                               const core::Assessment& assessment);

}  // namespace mn::codec
