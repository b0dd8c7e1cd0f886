#pragma once

#include "core/assessment.hpp"

namespace mn::core {

// The safety screen: recognises the conditions and medications listed,
// fires rules by terms and by intake answers, and combines their session
// changes (lowest pressure ceiling, union of areas to avoid, shortest
// duration). Status is the most restrictive fired category; unrecognised
// terms and unanswered required questions make it at least `adjust`.
SafetyResult screen_safety(const KnowledgeBase& knowledge, const Intake& intake);

}  // namespace mn::core
