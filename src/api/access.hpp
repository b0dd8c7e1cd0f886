#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "api/call.hpp"
#include "store/accounts.hpp"

namespace mn::api {

enum class Access : std::uint8_t { allowed, forbidden, not_found };

// Who may reach a person's health records (pure):
// - a patient: their own record only;
// - a clinician: the people of their clinic;
// - anyone else (a therapist, an admin who is not also a clinician):
//   forbidden; therapists reach only handoffs shared with them.
// A record the caller may not see answers not_found, exactly as a record
// that does not exist, so that nobody learns which people exist.
Access patient_access(const store::Account& who, store::PatientId patient,
                      std::optional<store::ClinicId> clinic_of_patient);

// A positive decimal id from a path segment, or nullopt.
std::optional<std::int64_t> parse_id(std::string_view text);

// The person named by the route's {id}, when the signed-in caller may reach
// their records; otherwise the 403 or 404 answer to give.
struct PatientGrant {
  store::PatientId patient = 0;
  std::optional<http::Response> refusal;
};
PatientGrant authorize_patient(Call& call);

// The share named by the route's {share}, when it is the signed-in
// therapist's and neither revoked nor expired; otherwise the answer to give
// (403 for anyone but a therapist, 404 for every share they cannot use).
struct ShareGrant {
  std::optional<store::Share> share;
  std::optional<http::Response> refusal;
};
ShareGrant authorize_share(Call& call);

}  // namespace mn::api
