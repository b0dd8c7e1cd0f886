// What a therapist sees: the handoffs shared with them, until revoked or
// expired.
#include "codec/assessment_view.hpp"
#include "web/pages.hpp"
#include "web/saved_intake.hpp"

namespace mn::web {

namespace {

void show_handoff(const core::KnowledgeBase& knowledge, const SavedAssessment& saved,
                  Values& values) {
  const codec::AssessmentView view = codec::make_view(knowledge, saved.intake, saved.assessment);
  Values shown = values.add("ASSESSMENT");
  shown.set("STYLE_HEADLINE", view.style_headline)
      .set("SAFETY_HEADLINE", view.safety_headline)
      .set("STATUS", view.status)
      .set("CEILING", view.pressure_ceiling)
      .set("CEILING_NAME", view.pressure_ceiling_name);
  for (const codec::ReasonView& reason : view.reasons) {
    Values line = shown.add("REASON");
    line.set("TEXT", reason.text);
    if (!reason.therapist_note.empty()) line.add("NOTE").set("NOTE", reason.therapist_note);
  }
  std::string avoid;
  for (std::string_view area : view.areas_to_avoid) {
    if (!avoid.empty()) avoid += ", ";
    avoid += area;
  }
  if (!avoid.empty()) shown.add("AVOID").set("AREAS", avoid);
  for (const codec::TextView& item : view.tell_your_therapist)
    shown.add("TELL").set("TEXT", item.text);
  if (!view.sessions.empty()) {
    Values table = shown.add("HAS_SESSIONS");
    for (const codec::SessionView& session : view.sessions) {
      table.add("SESSION")
          .set("DATE", session.date)
          .set("STYLE", session.style)
          .set("MINUTES", session.minutes);
    }
  }
}

}  // namespace

http::Response handoffs_page(Visit& visit) {
  if (!visit.has_role(store::Role::therapist)) {
    return error_page(visit, 403, "Handoffs are for therapists.");
  }
  auto shares = visit.call.accounts().active_shares_for(visit.call.account().id,
                                                        visit.call.shared.clock.now());
  if (!shares) return error_page(visit, 500, "The handoffs could not be read. Please try again.");
  Page page(visit, "handoffs.html", "Handoffs");
  Values& values = page.values();
  values.show_if(shares->empty(), "NONE");
  for (const store::Share& share : *shares) {
    auto patient = visit.call.store->patient(visit.call.actor, share.patient);
    auto saved = latest_assessed_intake(visit, share.patient);
    if (!patient || !saved) {
      return error_page(visit, 500, "The handoffs could not be read. Please try again.");
    }
    Values handoff = values.add("HANDOFF");
    handoff.set("ID", share.id)
        .set("NAME", patient->display_name)
        .set("UNTIL", show_time(share.expires_at, patient->time_zone));
    if (*saved) {
      show_handoff(visit.call.shared.knowledge, **saved, handoff);
    } else {
      handoff.show("NO_ASSESSMENT");
    }
  }
  return page.respond();
}

}  // namespace mn::web
