// A handoff as a page, a PDF and a calendar: the signed-in patient's own
// (/handoff...), one of the clinic's people for a clinician
// (/clinic/patients/{id}/handoff...), or one shared with the signed-in
// therapist (/handoffs/{share}...). Access per record with the API's rules.
#include "api/access.hpp"
#include "render/handoff_pdf.hpp"
#include "render/plan_calendar.hpp"
#include "service/handoff.hpp"
#include "web/pages.hpp"
#include "web/patient_grant.hpp"

namespace mn::web {

namespace {

// Whose handoff, for whom, and the path its page lives at.
struct Subject {
  std::optional<store::PatientId> patient;
  std::optional<http::Response> refusal;
  codec::HandoffAudience audience = codec::HandoffAudience::therapist;
  std::string path;
};

// A therapist's shared handoff (/handoffs/{share}...)?
bool is_shared_path(const Visit& visit) {
  return visit.call.request.path.rfind("/handoffs/", 0) == 0;
}

Subject subject_of(Visit& visit) {
  if (is_shared_path(visit)) {
    const api::ShareGrant grant = api::authorize_share(visit.call);
    if (grant.refusal) {
      return {std::nullopt,
              grant.refusal->status == 403
                  ? error_page(visit, 403, "Handoffs are for therapists.")
                  : error_page(visit, 404, "This handoff is not shared with you, or no longer."),
              codec::HandoffAudience::therapist, ""};
    }
    return {grant.share->patient, std::nullopt, codec::HandoffAudience::therapist,
            "/handoffs/" + std::to_string(grant.share->id)};
  }
  GrantedPatient granted = granted_patient(visit);
  if (!granted.id) {
    return {std::nullopt, std::move(granted.refusal), codec::HandoffAudience::therapist, ""};
  }
  const auto audience = query_parameter(visit.call.request, "for") == "clinic"
                            ? codec::HandoffAudience::clinic
                            : codec::HandoffAudience::therapist;
  const std::string path = visit.call.param("id").empty()
                               ? "/handoff"
                               : "/clinic/patients/" + std::to_string(*granted.id) + "/handoff";
  return {granted.id, std::nullopt, audience, path};
}

struct Read {
  std::optional<service::HandoffRecord> record;
  std::optional<http::Response> refusal;
};

Read read(Visit& visit, store::PatientId patient) {
  auto record = service::read_handoff(visit.call.shared.knowledge, *visit.call.store,
                                      visit.call.actor, patient, visit.call.shared.clock.now());
  if (!record) {
    return {std::nullopt,
            error_page(visit, 500, "The handoff could not be read. Please try again.")};
  }
  if (!*record) {
    return {std::nullopt,
            error_page(visit, 404, "There is no assessment yet: the intake comes first.")};
  }
  return {std::move(**record), std::nullopt};
}

http::Response download(std::string body, std::string_view type, std::string_view file_name) {
  http::Response response;
  response.body = std::move(body);
  response.set("Content-Type", std::string(type));
  response.set("Cache-Control", "no-store");
  response.set("Content-Disposition", "attachment; filename=\"" + std::string(file_name) + "\"");
  return response;
}

std::string with_audience(const Subject& subject, std::string_view suffix) {
  std::string link = subject.path + std::string(suffix);
  if (subject.audience == codec::HandoffAudience::clinic) link += "?for=clinic";
  return link;
}

// Who the person's brief is shared with, and a button to stop each share.
void show_shares(Visit& visit, store::PatientId patient, const std::string& path, Values& values) {
  auto shares = visit.call.accounts().shares_of_patient(patient);
  if (!shares) return;
  const store::Seconds now = visit.call.shared.clock.now();
  Values list = values.add("SHARES");
  bool shared = false;
  for (const store::Share& share : *shares) {
    if (share.revoked_at || share.expires_at <= now) continue;
    shared = true;
    auto therapist = visit.call.accounts().account(share.therapist);
    Values shown = list.add("SHARE");
    shown.set("ID", share.id)
        .set("THERAPIST", therapist && *therapist ? (*therapist)->display_name : "a therapist")
        .set("UNTIL", show_date(share.expires_at, "UTC"))
        .set("REVOKE", path + "/shares/" + std::to_string(share.id) + "/revoke");
  }
  // Revoked and expired shares are kept for the record, but share nothing.
  list.show_if(!shared, "NOT_SHARED");
}

}  // namespace

http::Response handoff_brief(Visit& visit) {
  const Subject subject = subject_of(visit);
  if (!subject.patient) return *subject.refusal;
  Read found = read(visit, *subject.patient);
  if (!found.record) return *found.refusal;
  const codec::HandoffView view = service::handoff_view(
      visit.call.shared.knowledge, *found.record, subject.audience, visit.call.shared.clock.now());
  Page page(visit, "handoff.html", view.title);
  Values& values = page.values();
  values.set("TITLE", view.title)
      .set("SUBTITLE", view.subtitle)
      .set("PDF", with_audience(subject, "/pdf"))
      .set("CALENDAR", subject.path + "/calendar");
  if (visit.has_role(store::Role::clinician) && !visit.call.param("id").empty()) {
    const bool clinic = subject.audience == codec::HandoffAudience::clinic;
    values.add("OTHER")
        .set("HREF", clinic ? subject.path : subject.path + "?for=clinic")
        .set("LABEL", clinic ? "The therapist's brief" : "The clinic team's summary");
  }
  if (!is_shared_path(visit)) {
    values.set("CSRF", visit.csrf_token())
        .set("FIND",
             visit.call.param("id").empty()
                 ? "/therapists"
                 : "/clinic/patients/" + std::string(visit.call.param("id")) + "/therapists");
    show_shares(visit, *subject.patient, subject.path, values);
  }
  for (const codec::HandoffSection& section : view.sections) {
    Values shown = values.add("SECTION");
    shown.set("ID", section.id).set("HEADING", section.title);
    for (const std::string& line : section.lines) shown.add("LINE").set("TEXT", line);
  }
  return page.respond();
}

http::Response handoff_revoke_share(Visit& visit) {
  const Subject subject = subject_of(visit);
  if (!subject.patient) return *subject.refusal;
  const std::string_view text = visit.call.param("share");
  const auto id = api::parse_id(text);
  auto share = id ? visit.call.accounts().share(*id)
                  : Result<std::optional<store::Share>>(std::optional<store::Share>());
  if (!share) return error_page(visit, 500, "The share could not be read. Please try again.");
  if (!*share || (*share)->patient != *subject.patient) {
    return error_page(visit, 404, "There is no such share of this brief.");
  }
  auto revoked = visit.call.accounts().revoke_share(visit.call.actor, (*share)->id,
                                                    visit.call.shared.clock.now());
  if (!revoked) return error_page(visit, 500, "The share was not stopped. Please try again.");
  return redirect(subject.path);
}

http::Response handoff_brief_pdf(Visit& visit) {
  const Subject subject = subject_of(visit);
  if (!subject.patient) return *subject.refusal;
  Read found = read(visit, *subject.patient);
  if (!found.record) return *found.refusal;
  auto pdf = render::handoff_pdf(service::handoff_view(
      visit.call.shared.knowledge, *found.record, subject.audience, visit.call.shared.clock.now()));
  if (!pdf) return error_page(visit, 500, "The PDF could not be made. Please try again.");
  return download(std::move(*pdf), "application/pdf",
                  subject.audience == codec::HandoffAudience::clinic ? "clinic-summary.pdf"
                                                                     : "therapist-brief.pdf");
}

http::Response handoff_calendar(Visit& visit) {
  const Subject subject = subject_of(visit);
  if (!subject.patient) return *subject.refusal;
  Read found = read(visit, *subject.patient);
  if (!found.record) return *found.refusal;
  const service::CourseReview& course = found.record->course;
  return download(render::plan_calendar(
                      course.plan_record ? course.plan : found.record->latest.assessment.plan,
                      "patient-" + std::to_string(*subject.patient), visit.call.shared.clock.now()),
                  "text/calendar; charset=utf-8", "massage-sessions.ics");
}

}  // namespace mn::web
