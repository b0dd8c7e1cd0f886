#include "codec/assessment_text.hpp"

#include "codec/assessment_view.hpp"

namespace mn::codec {

namespace {

void section(std::string& out, const char* title) {
  out += "\n";
  out += title;
  out += "\n";
}

void bullets(std::string& out, const std::vector<TextView>& items) {
  for (const TextView& item : items)
    out += "  - " + (item.title.empty() ? "" : item.title + ": ") + item.text + "\n";
}

std::string because_text(const std::vector<Because>& because) {
  std::string text;
  for (const Because& entry : because)
    text += (text.empty() ? "" : "; ") + entry.field + ": " + entry.answer;
  return text.empty() ? text : " (" + text + ")";
}

}  // namespace

std::string assessment_to_text(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                               const core::Assessment& assessment) {
  const AssessmentView view = make_view(knowledge, intake, assessment);
  std::string out;
  out += view.style_headline + "\n" + view.safety_headline + "\n";
  if (!view.reasons.empty()) {
    section(out, "Safety");
    for (const ReasonView& reason : view.reasons) {
      out += "  - " + reason.text + because_text(reason.because) + "\n";
    }
    out += "  Pressure: no deeper than level " + std::to_string(view.pressure_ceiling) + " of 5 (" +
           view.pressure_ceiling_name + ").\n";
  }
  section(out, "Why");
  out += "  " + view.explanation + "\n";
  for (const ItemView& item : view.matched)
    out += "  - " + item.label + because_text(item.because) + "\n";
  for (const TextView& note : view.evidence) out += "  Evidence: " + note.text + "\n";
  out += "  Aim for pressure level " + std::to_string(view.pressure_target) + " of 5 (" +
         view.pressure_target_name + ").\n";

  section(out, "Your plan");
  for (const TextView& cadence : view.cadences) out += "  " + cadence.text + "\n";
  for (const PhaseView& phase : view.phases) {
    out += "  - " + std::to_string(phase.sessions) + " x " + std::to_string(phase.minutes) +
           " min " + phase.style + ", every " + std::to_string(phase.every_days) +
           " days: " + phase.purpose + "\n";
  }
  if (view.on_hold) {
    out += "  " + view.on_hold_text + "\n";
  } else {
    for (const SessionView& session : view.sessions) {
      out += "    " + session.date + "  " + session.style + ", " + std::to_string(session.minutes) +
             " min\n";
    }
    if (!view.review_on.empty()) out += "  Review how it is going on " + view.review_on + ".\n";
  }
  bullets(out, view.constraints);

  section(out, "Before your session");
  bullets(out, view.preparation);
  section(out, "Afterwards");
  bullets(out, view.aftercare);
  section(out, "Call someone if");
  bullets(out, view.when_to_call);
  if (!view.pairings.empty()) {
    section(out, "Works well alongside");
    bullets(out, view.pairings);
  }
  section(out, "Tell your therapist");
  bullets(out, view.tell_your_therapist);
  for (const std::string& modification : view.modifications) out += "  - " + modification + "\n";
  section(out, "Bring to the clinic team");
  bullets(out, view.bring_to_clinic);
  out += "\nKnowledge base " + view.knowledge_version + ", assessed on " + view.today + ".\n";
  return out;
}

}  // namespace mn::codec
