#include "api/access.hpp"

namespace mn::api {

Access patient_access(const store::Account& who, store::PatientId patient,
                      std::optional<store::ClinicId> clinic_of_patient) {
  const bool clinician = who.roles.has(store::Role::clinician);
  const bool patient_role = who.roles.has(store::Role::patient);
  if (!clinician && !patient_role) return Access::forbidden;
  if (clinician && who.clinic && clinic_of_patient == who.clinic) return Access::allowed;
  if (patient_role && who.patient == patient) return Access::allowed;
  return Access::not_found;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

PatientGrant authorize_patient(Call& call) {
  const auto not_found = [] { return error_response(404, "not_found", "no such patient", "id"); };
  auto id = parse_id(call.param("id"));
  if (!id) return {0, not_found()};
  auto clinic = call.accounts().clinic_of_patient(*id);
  if (!clinic && clinic.error().code == "not_found") {
    // Decided as if the person existed, so that a forbidden role learns
    // nothing either.
    if (patient_access(call.account(), *id, std::nullopt) == Access::forbidden) {
      return {0, error_response(403, "forbidden", "this role cannot read health records")};
    }
    return {0, not_found()};
  }
  if (!clinic) return {0, error_response(clinic.error())};
  switch (patient_access(call.account(), *id, *clinic)) {
    case Access::allowed:
      return {*id, std::nullopt};
    case Access::forbidden:
      return {0, error_response(403, "forbidden", "this role cannot read health records")};
    case Access::not_found:
      break;
  }
  return {0, not_found()};
}

ShareGrant authorize_share(Call& call) {
  if (!call.account().roles.has(store::Role::therapist)) {
    return {std::nullopt, error_response(403, "forbidden", "handoffs are for therapists")};
  }
  const auto not_found = [] {
    return error_response(404, "not_found", "no such handoff, or it was revoked or has expired",
                          "share");
  };
  auto id = parse_id(call.param("share"));
  if (!id) return {std::nullopt, not_found()};
  auto share = call.accounts().share(*id);
  if (!share) return {std::nullopt, error_response(share.error())};
  if (!*share || (*share)->therapist != call.account().id || (*share)->revoked_at ||
      (*share)->expires_at <= call.shared.clock.now()) {
    return {std::nullopt, not_found()};
  }
  return {**share, std::nullopt};
}

}  // namespace mn::api
