// Handoffs through the API: a person's brief or clinic summary as JSON or
// PDF, their planned sessions as iCalendar, and the same for a therapist's
// shared handoff. Authorized and audited as every health record.
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "render/handoff_pdf.hpp"
#include "render/plan_calendar.hpp"
#include "service/handoff.hpp"

namespace mn::api {

namespace {

struct Found {
  std::optional<service::HandoffRecord> record;
  std::optional<http::Response> refusal;
};

Found read(Call& call, store::PatientId patient) {
  auto record = service::read_handoff(call.shared.knowledge, *call.store, call.actor, patient,
                                      call.shared.clock.now());
  if (!record) return {std::nullopt, error_response(record.error())};
  if (!*record) {
    return {std::nullopt,
            error_response(404, "not_found", "there is no assessment yet: the intake comes first",
                           "patient")};
  }
  return {std::move(**record), std::nullopt};
}

// {audience} of the path: therapist or clinic.
std::optional<codec::HandoffAudience> audience_of(Call& call) {
  const std::string_view name = call.param("audience");
  if (name == "therapist") return codec::HandoffAudience::therapist;
  if (name == "clinic") return codec::HandoffAudience::clinic;
  return std::nullopt;
}

http::Response file(std::string body, std::string_view type, std::string_view name) {
  http::Response response;
  response.body = std::move(body);
  response.set("Content-Type", std::string(type));
  response.set("Content-Disposition", "attachment; filename=\"" + std::string(name) + "\"");
  return response;
}

http::Response pdf_of(Call& call, const service::HandoffRecord& record,
                      codec::HandoffAudience audience) {
  auto pdf = render::handoff_pdf(
      service::handoff_view(call.shared.knowledge, record, audience, call.shared.clock.now()));
  if (!pdf) return error_response(pdf.error());
  return file(
      std::move(*pdf), "application/pdf",
      audience == codec::HandoffAudience::clinic ? "clinic-summary.pdf" : "therapist-brief.pdf");
}

http::Response calendar_of(Call& call, const service::HandoffRecord& record,
                           store::PatientId patient) {
  const service::CourseReview& course = record.course;
  return file(
      render::plan_calendar(course.plan_record ? course.plan : record.latest.assessment.plan,
                            "patient-" + std::to_string(patient), call.shared.clock.now()),
      "text/calendar; charset=utf-8", "massage-sessions.ics");
}

// The person of {id}, the handoff read, or the answer to give instead.
struct Subject {
  store::PatientId patient = 0;
  Found found;
};

Subject patient_subject(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return {0, {std::nullopt, std::move(grant.refusal)}};
  return {grant.patient, read(call, grant.patient)};
}

Subject share_subject(Call& call) {
  ShareGrant grant = authorize_share(call);
  if (grant.refusal) return {0, {std::nullopt, std::move(grant.refusal)}};
  return {grant.share->patient, read(call, grant.share->patient)};
}

}  // namespace

http::Response patient_handoff(Call& call) {
  const auto audience = audience_of(call);
  if (!audience) {
    return error_response(404, "not_found", "a handoff is for the therapist or the clinic",
                          "audience");
  }
  Subject subject = patient_subject(call);
  if (!subject.found.record) return *subject.found.refusal;
  return json_response(
      200, codec::handoff_to_json(service::handoff_view(
               call.shared.knowledge, *subject.found.record, *audience, call.shared.clock.now())));
}

http::Response patient_handoff_pdf(Call& call) {
  const auto audience = audience_of(call);
  if (!audience) {
    return error_response(404, "not_found", "a handoff is for the therapist or the clinic",
                          "audience");
  }
  Subject subject = patient_subject(call);
  if (!subject.found.record) return *subject.found.refusal;
  return pdf_of(call, *subject.found.record, *audience);
}

http::Response patient_calendar(Call& call) {
  Subject subject = patient_subject(call);
  if (!subject.found.record) return *subject.found.refusal;
  return calendar_of(call, *subject.found.record, subject.patient);
}

http::Response shared_handoff_pdf(Call& call) {
  Subject subject = share_subject(call);
  if (!subject.found.record) return *subject.found.refusal;
  return pdf_of(call, *subject.found.record, codec::HandoffAudience::therapist);
}

http::Response shared_calendar(Call& call) {
  Subject subject = share_subject(call);
  if (!subject.found.record) return *subject.found.refusal;
  return calendar_of(call, *subject.found.record, subject.patient);
}

}  // namespace mn::api
