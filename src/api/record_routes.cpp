// A person's intakes, assessments, plan, sessions, journal and progress.
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "codec/api_json.hpp"
#include "codec/progress_json.hpp"
#include "service/assessed_intake.hpp"
#include "service/course_review.hpp"
#include "store/time_zone.hpp"

namespace mn::api {

namespace {

http::Response nothing_yet(std::string_view what) {
  return error_response(404, "not_found", "no " + std::string(what) + " yet");
}

// The latest record of one kind: `read` is the Store method, `render` its codec.
template <class Read, class Render>
http::Response latest_record(Call& call, std::string_view what, Read read, Render render) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto record = ((*call.store).*read)(call.actor, grant.patient);
  if (!record) return error_response(record.error());
  if (!*record) return nothing_yet(what);
  return json_response(200, render(**record));
}

}  // namespace

http::Response record_intake(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto patient = call.store->patient(call.actor, grant.patient);
  if (!patient) return error_response(patient.error());
  const core::Date today = store::local_date(call.shared.clock.now(), patient->time_zone);
  auto recorded =
      service::record_assessed_intake(call.shared.knowledge, *call.store, call.actor, grant.patient,
                                      call.request.body, today, std::nullopt);
  if (!recorded) return error_response(recorded.error());
  const store::RecordedIntake& stored = recorded->stored;
  return json_response(201, R"({"intake":)" + codec::intake_record_to_json(stored.intake) +
                                R"(,"assessment":)" +
                                codec::assessment_record_to_json(stored.assessment) +
                                R"(,"plan":)" + codec::plan_record_to_json(stored.plan) + "}");
}

http::Response latest_intake(Call& call) {
  return latest_record(call, "intake", &store::Store::latest_intake, codec::intake_record_to_json);
}

http::Response latest_assessment(Call& call) {
  return latest_record(call, "assessment", &store::Store::latest_assessment,
                       codec::assessment_record_to_json);
}

http::Response current_plan(Call& call) {
  return latest_record(call, "plan", &store::Store::current_plan, codec::plan_record_to_json);
}

http::Response adapt_plan(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  const core::KnowledgeBase& knowledge = call.shared.knowledge;
  auto review = service::review_course(knowledge, *call.store, call.actor, grant.patient,
                                       call.shared.clock.now());
  if (!review) return error_response(review.error());
  auto kept = service::keep_adapted_plan(knowledge, *call.store, call.actor, *review);
  if (!kept) return error_response(kept.error());
  const std::string decision =
      codec::progress_to_json(knowledge, review->progress, &review->adaptation);
  if (!*kept) {
    return json_response(200, R"({"changed":false,"plan":)" +
                                  codec::plan_record_to_json(*review->plan_record) +
                                  R"(,"progress":)" + decision + "}");
  }
  return json_response(201, R"({"changed":true,"plan":)" + codec::plan_record_to_json(**kept) +
                                R"(,"progress":)" + decision + "}");
}

http::Response list_sessions(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto sessions = call.store->sessions(call.actor, grant.patient);
  if (!sessions) return error_response(sessions.error());
  return json_response(200, codec::sessions_to_json(*sessions));
}

http::Response log_session(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto session = codec::parse_new_session(call.request.body);
  if (!session) return error_response(session.error());
  auto logged = call.store->log_session(call.actor, grant.patient, *session);
  if (!logged) return error_response(logged.error());
  return json_response(201, codec::session_to_json(*logged));
}

http::Response list_journal(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto journal = call.store->journal(call.actor, grant.patient);
  if (!journal) return error_response(journal.error());
  return json_response(200, codec::journal_to_json(*journal));
}

http::Response add_journal(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto entries = codec::parse_journal_entries(call.request.body, call.shared.clock.now());
  if (!entries) return error_response(entries.error());
  auto added = call.store->add_journal_entries(call.actor, grant.patient, *entries);
  if (!added) return error_response(added.error());
  std::string ids;
  for (store::RecordId id : *added) {
    if (!ids.empty()) ids += ',';
    ids += std::to_string(id);
  }
  return json_response(201, R"({"ids":[)" + ids + "]}");
}

http::Response progress(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  const core::KnowledgeBase& knowledge = call.shared.knowledge;
  auto review = service::review_course(knowledge, *call.store, call.actor, grant.patient,
                                       call.shared.clock.now());
  if (!review) return error_response(review.error());
  return json_response(200,
                       codec::progress_to_json(knowledge, review->progress, &review->adaptation));
}

}  // namespace mn::api
