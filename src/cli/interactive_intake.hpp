#pragma once

#include <iosfwd>
#include <optional>

#include "core/intake.hpp"
#include "core/knowledge_base.hpp"

namespace mn::cli {

// Asks the questionnaire's questions in order on `out`, reading answers
// from `in`. Each answer is validated on the spot by the same parser as
// intake JSON, so the errors are the same; a blank answer skips the
// question. Questions whose `ask_if` is known not to apply are skipped.
// Ends early, keeping what was answered, when `in` runs out.
core::Intake ask_intake(const core::KnowledgeBase& knowledge, std::istream& in, std::ostream& out);

}  // namespace mn::cli
