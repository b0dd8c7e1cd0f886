#pragma once

#include <string>
#include <string_view>

#include "core/assessment.hpp"
#include "core/knowledge_base.hpp"
#include "core/result.hpp"

namespace mn::codec {

// A plan version as stored (store::PlanRecord::plan_json) and exported:
//
//   {"format_version": 1, "on_hold": false,
//    "phases": [{"cadence": "therapeutic_weekly", "style": "therapeutic",
//                "every_days": 7, "sessions": 4, "minutes": 60, "purpose": "..."}],
//    "sessions": [{"date": "2026-12-01", "style": "therapeutic", "minutes": 60,
//                  "phase": 0}],
//    "review_on": "2026-12-22" | null,
//    "constraints": [{"kind": "budget_binds", "a": 60, "b": 95, "c": 80}]}
//
// A phase names its cadence by id, not by index, so a stored plan survives
// a reordered knowledge base. plan_from_json(plan_to_json(p)) == p for every
// plan whose cadence indices are valid in `knowledge`.

// Compact JSON (one line). Precondition: every phase's cadence indexes
// knowledge.plan.cadences.
std::string plan_to_json(const core::KnowledgeBase& knowledge, const core::Plan& plan);

// Reads a plan back. Errors (the first problem; `where` is the field path
// such as "phases[1].cadence" or "sessions[3].phase"): malformed_json,
// too_large, wrong_type, missing_field, unknown_field, out_of_range,
// not_allowed (a style or constraint kind), unknown_cadence (not in this
// knowledge base), bad_date. Never throws; nothing is returned on an error.
Result<core::Plan> plan_from_json(const core::KnowledgeBase& knowledge, std::string_view text);

}  // namespace mn::codec
