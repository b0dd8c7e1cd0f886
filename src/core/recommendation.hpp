#pragma once

#include "core/assessment.hpp"

namespace mn::core {

// Runs both checklists and the decision policy: the first decision rule
// whose required checklists each have at least `several` matched items
// gives the style. The pressure target is the person's preference (or the
// style's typical level) capped by the safety ceiling.
Recommendation recommend(const KnowledgeBase& knowledge, const Intake& intake,
                         const SafetyResult& safety);

}  // namespace mn::core
