// A person's records as a FHIR R4 Bundle, for the clinic's own systems.
#include "api/access.hpp"
#include "api/handlers.hpp"
#include "codec/fhir_bundle.hpp"

namespace mn::api {

// Authorized, read and audited exactly as the JSON export: the store's
// patient_file() writes the audit line.
http::Response export_fhir(Call& call) {
  PatientGrant grant = authorize_patient(call);
  if (grant.refusal) return *grant.refusal;
  auto file = call.store->patient_file(call.actor, grant.patient);
  if (!file) return error_response(file.error());
  auto bundle = codec::fhir_bundle(call.shared.knowledge, *file);
  if (!bundle) return error_response(bundle.error());
  http::Response response = json_response(200, std::move(*bundle));
  response.set("Content-Type", "application/fhir+json");
  response.set("Content-Disposition",
               "attachment; filename=\"massage-navigator-fhir-bundle.json\"");
  return response;
}

}  // namespace mn::api
