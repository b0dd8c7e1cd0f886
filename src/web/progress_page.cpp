// Progress: a person's own (/progress), or one of the clinic's people
// (/clinic/patients/{id}/progress) for a clinician.
#include "web/pages.hpp"
#include "web/patient_grant.hpp"
#include "web/progress_view.hpp"

namespace mn::web {

http::Response progress_page(Visit& visit) {
  auto patient = granted_patient(visit);
  if (!patient.id) return *patient.refusal;
  auto review =
      service::review_course(visit.call.shared.knowledge, *visit.call.store, visit.call.actor,
                             *patient.id, visit.call.shared.clock.now());
  if (!review) return error_page(visit, 500, "The progress could not be read. Please try again.");
  const bool own = visit.call.account().patient == *patient.id;
  Page page(visit, "progress.html",
            own ? "Your progress" : "Progress of " + review->patient.display_name);
  page.values().set("HEADING",
                    own ? "Your progress" : "Progress of " + review->patient.display_name);
  show_progress(visit.call.shared.knowledge, *review, page.values());
  return page.respond();
}

}  // namespace mn::web
