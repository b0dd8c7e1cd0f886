#include "web/result_view.hpp"

#include "codec/assessment_view.hpp"

namespace mn::web {

namespace {

void show_because(const std::vector<codec::Because>& because, Values& values) {
  for (const codec::Because& answer : because) values.add("BECAUSE").set("ANSWER", answer.answer);
}

void show_guide(std::string_view id, std::string_view heading,
                const std::vector<codec::TextView>& items, Values& values) {
  if (items.empty()) return;
  Values guide = values.add("GUIDE");
  guide.set("ID", id).set("HEADING", heading);
  for (const codec::TextView& item : items) {
    Values shown = guide.add("ITEM");
    shown.set("TEXT", item.text);
    if (!item.title.empty()) shown.add("TITLE").set("TITLE", item.title);
  }
}

}  // namespace

void show_result(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                 const core::Assessment& assessment, Values& values) {
  const codec::AssessmentView view = codec::make_view(knowledge, intake, assessment);
  values.set("STYLE_HEADLINE", view.style_headline)
      .set("SAFETY_HEADLINE", view.safety_headline)
      .set("STATUS", view.status)
      .set("CEILING", view.pressure_ceiling)
      .set("CEILING_NAME", view.pressure_ceiling_name)
      .set("EXPLANATION", view.explanation);
  if (!view.reasons.empty()) {
    Values reasons = values.add("REASONS");
    for (const codec::ReasonView& reason : view.reasons) {
      Values shown = reasons.add("REASON");
      shown.set("TEXT", reason.text);
      show_because(reason.because, shown);
    }
  }
  values.show_if(view.status != "clear", "NOT_CLEAR");
  if (!view.unanswered.empty()) {
    Values unanswered = values.add("UNANSWERED");
    for (std::string_view field : view.unanswered) {
      const auto known = core::field_by_name(field);
      unanswered.add("FIELD").set("PROMPT",
                                  known ? knowledge.question(*known).prompt : std::string(field));
    }
  }
  if (!view.matched.empty()) {
    Values matched = values.add("MATCHED_LIST");
    for (const codec::ItemView& item : view.matched) {
      Values shown = matched.add("MATCHED");
      shown.set("LABEL", item.label);
      show_because(item.because, shown);
    }
  }
  for (const codec::TextView& note : view.evidence) values.add("EVIDENCE").set("TEXT", note.text);
  if (view.on_hold) values.add("ON_HOLD").set("TEXT", view.on_hold_text);
  for (const codec::PhaseView& phase : view.phases) {
    const std::string count = std::to_string(phase.sessions) + " " + phase.style +
                              (phase.sessions == 1 ? " session" : " sessions");
    values.add("PHASE")
        .set("PURPOSE", phase.purpose)
        .set("COUNT", count)
        .set("MINUTES", phase.minutes)
        .set("EVERY_DAYS", phase.every_days);
  }
  if (!view.sessions.empty()) {
    Values table = values.add("HAS_SESSIONS");
    for (const codec::SessionView& session : view.sessions) {
      table.add("SESSION")
          .set("DATE", session.date)
          .set("STYLE", session.style)
          .set("MINUTES", session.minutes);
    }
  }
  if (!view.review_on.empty()) values.add("REVIEW").set("DATE", view.review_on);
  for (const codec::TextView& constraint : view.constraints) {
    values.add("CONSTRAINT").set("TEXT", constraint.text);
  }
  show_guide("tell", "Tell your therapist", view.tell_your_therapist, values);
  show_guide("prepare", "How to prepare", view.preparation, values);
  show_guide("after", "Afterwards", view.aftercare, values);
  show_guide("call", "When to call your doctor", view.when_to_call, values);
  show_guide("bring", "What to bring to the clinic", view.bring_to_clinic, values);
  show_guide("pairs", "What goes well with it", view.pairings, values);
}

}  // namespace mn::web
