#pragma once

#include "core/assessment.hpp"

namespace mn::core {

// Picks the preparation, aftercare, when-to-call, pairing and
// bring-to-clinic items whose conditions hold for this person and style,
// and lists what the therapist must be told.
void select_guidance(const KnowledgeBase& knowledge, const Intake& intake, Assessment& assessment);

}  // namespace mn::core
