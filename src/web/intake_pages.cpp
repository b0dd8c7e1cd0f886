// The intake, step by step, and the result: anonymous (nothing stored) or
// for a signed-in patient (stored in their record, then shown at /result).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "web/intake_form.hpp"
#include "web/pages.hpp"
#include "web/result_view.hpp"
#include "web/saved_intake.hpp"

namespace mn::web {

namespace {

using nlohmann::json;

http::Response show_intake_step(Visit& visit, const std::vector<std::string>& steps, std::size_t at,
                                const json& answers, const Form* submitted,
                                const std::vector<InputError>& errors) {
  const core::KnowledgeBase& knowledge = visit.call.shared.knowledge;
  Page page(visit, "intake.html", "Which massage do I need?");
  Values& values = page.values();
  values.set("ANSWERS", answers.dump()).set("STEP", steps[at]);
  values.show_if(visit.signed_in(), "SIGNED_IN");
  int number = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i] == kPainDetails) continue;
    ++number;
    const auto section =
        std::ranges::find(knowledge.sections, steps[i], &core::QuestionSection::id);
    Values step = values.add("STEPS");
    step.set("NUMBER", number).set("TITLE", section->title);
    const bool current = i == at || (steps[at] == kPainDetails && i + 1 == at);
    step.show_if(current, "CURRENT");
  }
  show_step(knowledge, steps[at], answers, submitted, errors, values);
  show_input_errors(errors, values);
  const bool last =
      std::none_of(steps.begin() + static_cast<std::ptrdiff_t>(at) + 1, steps.end(),
                   [&](const std::string& step) { return step_applies(knowledge, step, answers); });
  values.set("NEXT_LABEL", last ? "See my result" : "Next");
  values.show_if(at > 0, "CAN_GO_BACK");
  return page.respond(errors.empty() ? 200 : 422);
}

// The next (or previous) step from `at` that has something to ask.
std::optional<std::size_t> neighbour(const core::KnowledgeBase& knowledge,
                                     const std::vector<std::string>& steps, std::size_t at,
                                     bool forward, const json& answers) {
  std::size_t i = at;
  while (forward ? i + 1 < steps.size() : i > 0) {
    i = forward ? i + 1 : i - 1;
    if (step_applies(knowledge, steps[i], answers)) return i;
  }
  return std::nullopt;
}

http::Response show_result_page(Visit& visit, const core::Intake& intake,
                                const core::Assessment& assessment, const json& answers) {
  Page page(visit, "result.html", "Your result");
  show_result(visit.call.shared.knowledge, intake, assessment, page.values());
  page.values().add("ANONYMOUS").set("ANSWERS", answers.dump());
  return page.respond();
}

http::Response finish(Visit& visit, const json& answers) {
  const core::KnowledgeBase& knowledge = visit.call.shared.knowledge;
  if (visit.has_role(store::Role::patient) && visit.call.account().patient) {
    auto saved = save_intake(visit, answers.dump());
    if (!saved) return error_page(visit, 400, saved.error().describe());
    return redirect("/result");
  }
  auto intake = codec::parse_intake(knowledge, answers.dump());
  if (!intake) return error_page(visit, 400, intake.error().describe());
  // Plan dates start from today in UTC, as the anonymous API's do.
  const auto today = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{visit.call.shared.clock.now()}});
  const core::Assessment assessment = core::assess(knowledge, *intake, today);
  return show_result_page(visit, *intake, assessment, answers);
}

}  // namespace

http::Response intake_form(Visit& visit) {
  const std::vector<std::string> steps = intake_steps(visit.call.shared.knowledge);
  return show_intake_step(visit, steps, 0, json::object(), nullptr, {});
}

http::Response intake_step(Visit& visit) {
  const core::KnowledgeBase& knowledge = visit.call.shared.knowledge;
  auto answers = answers_from(knowledge, visit.form.get("answers"));
  if (!answers) return error_page(visit, 400, answers.error().describe());
  const std::vector<std::string> steps = intake_steps(knowledge);
  const auto found = std::ranges::find(steps, visit.form.get("step"));
  if (found == steps.end()) return error_page(visit, 400, "step: not a step of the intake");
  const auto at = static_cast<std::size_t>(found - steps.begin());
  if (visit.form.get("go") == "back") {
    const auto previous = neighbour(knowledge, steps, at, false, *answers);
    return show_intake_step(visit, steps, previous.value_or(0), *answers, nullptr, {});
  }
  const std::vector<InputError> errors = read_step(knowledge, steps[at], visit.form, *answers);
  if (!errors.empty()) return show_intake_step(visit, steps, at, *answers, &visit.form, errors);
  if (const auto next = neighbour(knowledge, steps, at, true, *answers)) {
    return show_intake_step(visit, steps, *next, *answers, nullptr, {});
  }
  return finish(visit, *answers);
}

http::Response my_result(Visit& visit) {
  if (!visit.has_role(store::Role::patient) || !visit.call.account().patient) {
    return error_page(visit, 403, "Only a patient's own account has a result page.");
  }
  const store::PatientId patient = *visit.call.account().patient;
  auto latest = latest_assessed_intake(visit, patient);
  if (!latest) return error_page(visit, 500, "Your record could not be read. Please try again.");
  if (!*latest) return redirect("/intake");
  const SavedAssessment& saved = **latest;
  Page page(visit, "result.html", "Your result");
  show_result(visit.call.shared.knowledge, saved.intake, saved.assessment, page.values());
  Values saved_note = page.values().add("SAVED");
  saved_note.set("SAVED_ON", saved.assessed_on);
  if (saved.knowledge_version != visit.call.shared.knowledge.version) {
    saved_note.add("OLDER_KNOWLEDGE")
        .set("ASSESSED_WITH", saved.knowledge_version)
        .set("SHOWN_WITH", visit.call.shared.knowledge.version);
  }
  return page.respond();
}

}  // namespace mn::web
