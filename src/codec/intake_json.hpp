#pragma once

#include <string_view>

#include "core/intake.hpp"
#include "core/knowledge_base.hpp"
#include "core/result.hpp"

namespace mn::codec {

// Parses and validates intake v1 JSON against the questionnaire's types,
// ranges and allowed values. The first problem is returned with the field
// path ("pain_areas[0].intensity: must be 0..10, got 14"); unknown fields,
// wrong types and out-of-range values are errors, never silently dropped.
// Never throws.
Result<core::Intake> parse_intake(const core::KnowledgeBase& knowledge, std::string_view text);

// Serialises an intake back to intake v1 JSON (used by `intake --save`).
std::string intake_to_json(const core::Intake& intake);

}  // namespace mn::codec
