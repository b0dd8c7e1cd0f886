#pragma once

#include <optional>

#include "store/records.hpp"
#include "web/page.hpp"

namespace mn::web {

// Whose records a page shows: the {id} of the path for a clinician of that
// person's clinic (the API's rules: api/access.hpp), or without {id} the
// signed-in patient's own. Otherwise the page to answer instead (404 for a
// person the caller may not see, exactly as for one that does not exist).
struct GrantedPatient {
  std::optional<store::PatientId> id;
  std::optional<http::Response> refusal;
};
GrantedPatient granted_patient(Visit& visit);

}  // namespace mn::web
