#include "web/patient_grant.hpp"

#include "api/access.hpp"

namespace mn::web {

GrantedPatient granted_patient(Visit& visit) {
  if (visit.call.param("id").empty()) {
    if (!visit.call.account().patient) {
      return {std::nullopt, error_page(visit, 403, "Only a patient's own account has this page.")};
    }
    return {visit.call.account().patient, std::nullopt};
  }
  api::PatientGrant grant = api::authorize_patient(visit.call);
  if (!grant.refusal) return {grant.patient, std::nullopt};
  switch (grant.refusal->status) {
    case 403:
      return {std::nullopt, error_page(visit, 403, "Your role cannot read health records.")};
    case 404:
      return {std::nullopt, error_page(visit, 404, "There is no such person in your clinic.")};
    default:
      return {std::nullopt,
              error_page(visit, 500, "The record could not be read. Please try again.")};
  }
}

}  // namespace mn::web
