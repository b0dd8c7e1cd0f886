#pragma once

#include "core/assessment.hpp"

namespace mn::core {

// Builds the session plan: one cadence per track (therapeutic, relaxation,
// or both for the mixed approach, or the consultation and trial), bounded by
// the safety screen's maximum duration, the person's budget per session and
// sessions per month, then dated from `today`. A plan waiting for a
// provider's clearance keeps its phases but has no dates.
//
// The monthly limit uses a four-week month: `M` sessions a month allow an
// interval of at least ceil(28 / M) days.
Plan make_plan(const KnowledgeBase& knowledge, const Intake& intake, const SafetyResult& safety,
               const Recommendation& recommendation, Date today);

}  // namespace mn::core
