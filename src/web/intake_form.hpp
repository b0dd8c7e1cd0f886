#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/knowledge_base.hpp"
#include "web/form.hpp"
#include "web/page.hpp"
#include "web/view.hpp"

// The intake as a multi-step web form, generated from the questionnaire:
// one step per section, plus the details of each pain area chosen (after
// the section that asks where it hurts). Between steps the answers accepted
// so far travel in a hidden field as intake v1 JSON and are validated again
// on every request: the browser is not trusted with them.
namespace mn::web {

inline constexpr std::string_view kPainDetails = "pain_details";

// The step ids in asking order: section ids, and kPainDetails.
std::vector<std::string> intake_steps(const core::KnowledgeBase& knowledge);

// Whether the step has a question to ask, given the answers so far
// (questions whose ask_if is known not to apply are skipped).
bool step_applies(const core::KnowledgeBase& knowledge, std::string_view step,
                  const nlohmann::json& answers);

// Reads the step's inputs into `answers` (an empty input removes the
// answer), checking each with the intake parser so that the message is the
// contract's. On errors `answers` is left unchanged.
std::vector<InputError> read_step(const core::KnowledgeBase& knowledge, std::string_view step,
                                  const Form& form, nlohmann::json& answers);

// The step's questions for intake.html: from what was submitted when
// `submitted` is not null (so nothing typed is lost on an error), otherwise
// from `answers`.
void show_step(const core::KnowledgeBase& knowledge, std::string_view step,
               const nlohmann::json& answers, const Form* submitted,
               const std::vector<InputError>& errors, Values& values);

}  // namespace mn::web
