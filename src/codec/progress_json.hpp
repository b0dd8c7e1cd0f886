#pragma once

#include <string>

#include "core/adaptation.hpp"
#include "core/knowledge_base.hpp"
#include "core/progress.hpp"

namespace mn::codec {

// The progress summary and, when given, the adaptation as JSON
// (pretty-printed, 2 spaces; times ISO 8601 UTC):
//
//   {"now", "entries", "sessions_completed", "last_session"?,
//    "measures": [{"measure": "pain", "region"?: "neck", "label": "neck pain",
//                  "values", "compared", "baseline", "latest", "change",
//                  "trend_per_week": number|null, "baseline_until", "latest_at",
//                  "direction": "better"|"worse"|"unchanged",
//                  "beyond_noise": {"holds", "checks": [{"threshold": id,
//                      "label"?, "met", "points", "percent"?, "sources": [ids]}]},
//                  "clinically_meaningful": {...},
//                  "sustained_entries", "sustained_days"}],
//    "flags": {"red_flag", "sharp_pain_at"?, "soreness_hours"?,
//              "soreness_limit_hours", "new_symptoms_at"?, "new_symptoms"?,
//              "pain_worse"},
//    "adaptation"?: {"decision", "rule", "explanation": [lines],
//                    "plan": <the next plan version, as plan_json>}}
//
// Pure; `progress` and `adaptation` must come from `knowledge`.
std::string progress_to_json(const core::KnowledgeBase& knowledge, const core::Progress& progress,
                             const core::Adaptation* adaptation);

}  // namespace mn::codec
