#include "core/style.hpp"

#include "core/knowledge_base.hpp"

namespace mn::core {

std::string_view style_name(Style style) {
  switch (style) {
    case Style::therapeutic:
      return "therapeutic";
    case Style::relaxation:
      return "relaxation";
    case Style::mixed:
      return "mixed";
    case Style::consultation:
      return "consultation";
    case Style::count:
      break;
  }
  return "consultation";
}

std::string_view safety_status_name(SafetyStatus status) {
  switch (status) {
    case SafetyStatus::clear:
      return "clear";
    case SafetyStatus::adjust:
      return "adjust";
    case SafetyStatus::consult_provider_first:
      return "consult_provider_first";
  }
  return "consult_provider_first";
}

std::string_view position_name(Position position) {
  switch (position) {
    case Position::any:
      return "any";
    case Position::side_lying:
      return "side_lying";
    case Position::semi_reclined:
      return "semi_reclined";
    case Position::seated:
      return "seated";
  }
  return "any";
}

}  // namespace mn::core
