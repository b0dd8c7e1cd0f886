#pragma once

#include "core/assessment.hpp"
#include "core/intake.hpp"
#include "core/knowledge_base.hpp"
#include "web/view.hpp"

namespace mn::web {

// An assessment in plain words for result.html: the headlines, the safety
// box, why, the dated plan and the guidance.
void show_result(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                 const core::Assessment& assessment, Values& values);

}  // namespace mn::web
