// Sharing a person's handoff with a therapist, and what the therapist sees.
#include <nlohmann/json.hpp>

#include "api/access.hpp"
#include "api/handlers.hpp"
#include "codec/strict_json.hpp"
#include "codec/utc_time.hpp"

namespace mn::api {

namespace {

using nlohmann::json;

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json share_json(const store::Share& share) {
  json value{{"id", share.id},
             {"patient", share.patient},
             {"therapist", share.therapist},
             {"shared_by", share.shared_by},
             {"created_at", codec::format_utc(share.created_at)},
             {"expires_at", codec::format_utc(share.expires_at)}};
  if (share.revoked_at) value["revoked_at"] = codec::format_utc(*share.revoked_at);
  return value;
}

// {"therapist": id, "days"?: 1..365 (30)}.
struct ShareRequest {
  store::AccountId therapist = 0;
  std::int64_t days = 30;
};

Result<ShareRequest> parse_share_request(const std::string& body) {
  // Strict like every other body: a member named twice is refused, not
  // silently decided by whichever came last.
  constexpr std::size_t kMaxBytes = 4096;
  constexpr int kMaxDepth = 2;
  auto parsed = codec::strict_json::parse(body, kMaxBytes, kMaxDepth);
  if (!parsed) return parsed.error();
  json& value = *parsed;
  if (!value.is_object()) return Error{"invalid_json", "body", "must be a JSON object"};
  ShareRequest request;
  for (const auto& [key, field] : value.items()) {
    if (key != "therapist" && key != "days") {
      return Error{"invalid", key, "is not a field of a share (therapist, days)"};
    }
    if (!field.is_number_integer()) return Error{"invalid", key, "must be a whole number"};
  }
  if (!value.contains("therapist")) return Error{"invalid", "therapist", "is required"};
  request.therapist = value["therapist"].get<std::int64_t>();
  if (value.contains("days")) request.days = value["days"].get<std::int64_t>();
  if (request.days < 1 || request.days > 365) {
    return Error{"invalid", "days", "must be 1..365, not " + std::to_string(request.days)};
  }
  return request;
}

bool is_therapist(const store::Account& who) { return who.roles.has(store::Role::therapist); }

// Only the parts of the assessment a therapist needs to treat safely.
json handoff_assessment(const std::string& stored) {
  json assessment = json::parse(stored, nullptr, false);
  json brief = json::object();
  if (!assessment.is_object()) return brief;
  if (assessment.contains("recommendation")) {
    const json& recommendation = assessment["recommendation"];
    for (const char* key : {"style", "headline", "pressure_target", "pressure_target_name"}) {
      if (recommendation.contains(key)) brief["recommendation"][key] = recommendation[key];
    }
  }
  if (assessment.contains("safety")) {
    const json& safety = assessment["safety"];
    for (const char* key :
         {"status", "headline", "pressure_ceiling", "pressure_ceiling_name", "areas_to_avoid",
          "sites_to_avoid", "modifications", "position", "max_minutes"}) {
      if (safety.contains(key)) brief["safety"][key] = safety[key];
    }
  }
  if (assessment.contains("tell_your_therapist")) {
    brief["tell_your_therapist"] = assessment["tell_your_therapist"];
  }
  return brief;
}

}  // namespace

http::Response list_shares(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto shares = call.accounts().shares_of_patient(grant.patient);
  if (!shares) return error_response(shares.error());
  json list = json::array();
  for (const store::Share& share : *shares) list.push_back(share_json(share));
  return json_response(200, dump(json{{"shares", std::move(list)}}));
}

http::Response create_share(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto request = parse_share_request(call.request.body);
  if (!request) return error_response(request.error());
  const store::Seconds now = call.shared.clock.now();
  auto share =
      call.accounts().share_with_therapist(call.actor, grant.patient, request->therapist,
                                           call.account().id, now + request->days * 24 * 60 * 60);
  if (!share) return error_response(share.error());
  return json_response(201, dump(share_json(*share)));
}

http::Response revoke_share(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  const auto not_found = [] { return error_response(404, "not_found", "no such share", "share"); };
  auto id = parse_id(call.param("share"));
  if (!id) return not_found();
  auto share = call.accounts().share(*id);
  if (!share) return error_response(share.error());
  if (!*share || (*share)->patient != grant.patient) return not_found();
  auto revoked = call.accounts().revoke_share(call.actor, *id, call.shared.clock.now());
  if (!revoked) return error_response(revoked.error());
  http::Response response;
  response.status = 204;
  return response;
}

http::Response list_handoffs(Call& call) {
  if (!is_therapist(call.account())) {
    return error_response(403, "forbidden", "handoffs are for therapists");
  }
  auto shares = call.accounts().active_shares_for(call.account().id, call.shared.clock.now());
  if (!shares) return error_response(shares.error());
  json list = json::array();
  for (const store::Share& share : *shares) {
    auto patient = call.store->patient(call.actor, share.patient);
    if (!patient) return error_response(patient.error());
    json item = share_json(share);
    item["display_name"] = patient->display_name;
    list.push_back(std::move(item));
  }
  return json_response(200, dump(json{{"handoffs", std::move(list)}}));
}

http::Response get_handoff(Call& call) {
  ShareGrant grant = authorize_share(call);
  if (grant.refusal) return *grant.refusal;
  const store::Share& share = *grant.share;
  const store::PatientId patient_id = share.patient;
  auto patient = call.store->patient(call.actor, patient_id);
  if (!patient) return error_response(patient.error());
  auto assessment = call.store->latest_assessment(call.actor, patient_id);
  if (!assessment) return error_response(assessment.error());
  auto plan = call.store->current_plan(call.actor, patient_id);
  if (!plan) return error_response(plan.error());
  json handoff{{"share", share_json(share)}, {"display_name", patient->display_name}};
  if (*assessment) handoff["assessment"] = handoff_assessment((*assessment)->assessment_json);
  if (*plan) handoff["plan"] = json::parse((*plan)->plan_json, nullptr, false);
  return json_response(200, dump(handoff));
}

}  // namespace mn::api
