#pragma once

#include <cstdint>
#include <string_view>

namespace mn::core {

// The recommendation's style (DESIGN.md, "recommendation.style").
enum class Style : std::uint8_t { therapeutic, relaxation, mixed, consultation, count };

// The safety screen's outcome, ordered from least to most restrictive.
enum class SafetyStatus : std::uint8_t { clear, adjust, consult_provider_first };

std::string_view style_name(Style style);
std::string_view safety_status_name(SafetyStatus status);

}  // namespace mn::core
