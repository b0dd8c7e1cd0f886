// A person's record as a whole: listing, creating, reading, erasing,
// exporting, and who read it.
#include "api/access.hpp"
#include "api/auth.hpp"
#include "api/handlers.hpp"
#include "codec/api_json.hpp"
#include "codec/journal_json.hpp"

namespace mn::api {

namespace {

http::Response forbidden_role() {
  return error_response(403, "forbidden", "this role cannot read health records");
}

}  // namespace

http::Response list_patients(Call& call) {
  const store::Account& who = call.account();
  if (who.roles.has(store::Role::clinician) && who.clinic) {
    auto patients = call.store->clinic_patients(call.actor, *who.clinic);
    if (!patients) return error_response(patients.error());
    return json_response(200, codec::patients_to_json(*patients));
  }
  if (who.roles.has(store::Role::patient) && who.patient) {
    auto own = call.store->patient(call.actor, *who.patient);
    if (!own) return error_response(own.error());
    return json_response(200, codec::patients_to_json({*own}));
  }
  return forbidden_role();
}

http::Response create_patient(Call& call) {
  const store::Account& who = call.account();
  if (!who.roles.has(store::Role::clinician) || !who.clinic) {
    return error_response(403, "forbidden", "only a clinician adds people to their clinic");
  }
  auto patient = codec::parse_new_patient(call.request.body);
  if (!patient) return error_response(patient.error());
  patient->clinic = who.clinic;
  auto added = call.store->add_patient(call.actor, *patient);
  if (!added) return error_response(added.error());
  return json_response(201, codec::patient_to_json(*added));
}

http::Response get_patient(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto patient = call.store->patient(call.actor, grant.patient);
  if (!patient) return error_response(patient.error());
  return json_response(200, codec::patient_to_json(*patient));
}

http::Response erase_patient(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto erased = call.store->erase_patient(call.actor, grant.patient);
  if (!erased) return error_response(erased.error());
  http::Response response = json_response(
      200, R"({"erased":true,"rows_removed":)" + std::to_string(erased->rows_removed) + "}");
  // A person who erased their own record has no account any more.
  if (call.account().patient == grant.patient) {
    response.set("Set-Cookie", removed_cookie_header(call.shared.settings));
  }
  return response;
}

http::Response export_patient(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto file = call.store->patient_file(call.actor, grant.patient);
  if (!file) return error_response(file.error());
  http::Response response = json_response(200, codec::patient_file_to_json(*file));
  response.set("Content-Disposition", "attachment; filename=\"massage-navigator-export.json\"");
  return response;
}

http::Response patient_audit(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto trail = call.store->audit_trail(call.actor, grant.patient);
  if (!trail) return error_response(trail.error());
  return json_response(200, codec::audit_to_json(*trail));
}

}  // namespace mn::api
