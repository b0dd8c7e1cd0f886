// The clinic's therapist directory, and a person's ranked matches in it.
// The directory is not health data: any account of the clinic may read it,
// clinicians and admins keep it. Ranking reads a person's assessment, so it
// is authorized and audited as every health record.
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "codec/directory_json.hpp"
#include "codec/match_request.hpp"
#include "codec/match_view.hpp"
#include "service/therapist_matching.hpp"

namespace mn::api {

namespace {

bool keeps_directory(const store::Account& who) {
  return who.roles.has(store::Role::clinician) || who.roles.has(store::Role::admin);
}

std::optional<http::Response> no_clinic(const store::Account& who) {
  if (who.clinic) return std::nullopt;
  return error_response(403, "forbidden",
                        "the directory belongs to a clinic; this account has none");
}

// The entry named by {id}, when it is in the caller's clinic's directory.
Result<store::DirectoryEntry> entry_of_clinic(Call& call) {
  const Error not_found{"not_found", "id", "no such therapist in your clinic's directory"};
  auto id = parse_id(call.param("id"));
  if (!id) return not_found;
  auto entry = call.store->directory().therapist_entry(*id);
  if (!entry) return entry.error();
  if (!*entry || (*entry)->clinic != call.account().clinic) return not_found;
  return **entry;
}

// The store names an entry's code "therapists[i].id"; the body calls it
// "code", and the error names the field as the body does.
Error at_body_field(Error error) {
  constexpr std::string_view kStoreCode = ".id";
  if (error.where.ends_with(kStoreCode)) {
    error.where.replace(error.where.size() - kStoreCode.size(), kStoreCode.size(), ".code");
  }
  return error;
}

http::Response put_entries(Call& call, bool replace) {
  const store::Account& who = call.account();
  if (auto refused = no_clinic(who)) return *refused;
  if (!keeps_directory(who)) {
    return error_response(403, "forbidden", "only clinicians and admins keep the directory");
  }
  auto entries = codec::parse_directory_entries(call.request.body);
  if (!entries) return error_response(entries.error());
  auto stored = call.store->directory().put_therapists(call.actor, *who.clinic, *entries, replace);
  if (!stored) return error_response(at_body_field(stored.error()));
  return json_response(replace ? 200 : 201, codec::directory_to_json(*stored));
}

}  // namespace

http::Response list_therapists(Call& call) {
  if (auto refused = no_clinic(call.account())) return *refused;
  auto entries = call.store->directory().therapists_of_clinic(*call.account().clinic);
  if (!entries) return error_response(entries.error());
  return json_response(200, codec::directory_to_json(*entries));
}

http::Response add_therapists(Call& call) { return put_entries(call, false); }

http::Response replace_therapists(Call& call) { return put_entries(call, true); }

http::Response get_therapist(Call& call) {
  if (auto refused = no_clinic(call.account())) return *refused;
  auto entry = entry_of_clinic(call);
  if (!entry) return error_response(entry.error());
  return json_response(200, codec::directory_entry_to_json(*entry));
}

http::Response remove_therapist(Call& call) {
  const store::Account& who = call.account();
  if (auto refused = no_clinic(who)) return *refused;
  if (!keeps_directory(who)) {
    return error_response(403, "forbidden", "only clinicians and admins keep the directory");
  }
  auto entry = entry_of_clinic(call);
  if (!entry) return error_response(entry.error());
  auto removed = call.store->directory().remove_therapist(call.actor, entry->id);
  if (!removed) return error_response(removed.error());
  http::Response response;
  response.status = 204;
  return response;
}

http::Response match_therapists(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto request = codec::parse_match_request(call.request.body);
  if (!request) return error_response(request.error());
  auto ranking = service::rank_therapists(call.shared.knowledge, *call.store, call.actor,
                                          grant.patient, request->query, request->near);
  if (!ranking) return error_response(ranking.error());
  return json_response(200, codec::ranking_to_json(codec::make_ranking_view(
                                call.shared.knowledge, ranking->directory, ranking->result)));
}

}  // namespace mn::api
