#include <array>

#include "api/handlers.hpp"
#include "api/router.hpp"

namespace mn::api {

namespace {

constexpr auto kAnyone = Needs::anyone;
constexpr auto kSignedIn = Needs::signed_in;

// Every route, documented in src/api/openapi.json (a test keeps the two equal).
const std::array kRoutes{
    Route{"GET", "/healthz", Runs::io, kAnyone, healthz},
    Route{"GET", "/readyz", Runs::worker, kAnyone, readyz},
    Route{"GET", "/api/v1/openapi.json", Runs::io, kAnyone, openapi},
    Route{"GET", "/api/v1/questionnaire", Runs::io, kAnyone, questionnaire},
    Route{"GET", "/api/v1/guidance", Runs::io, kAnyone, guidance},
    Route{"POST", "/api/v1/assessments", Runs::io, kAnyone, assess_anonymously},

    Route{"POST", "/api/v1/session", Runs::worker, kAnyone, sign_in},
    Route{"GET", "/api/v1/session", Runs::worker, kSignedIn, current_session},
    Route{"DELETE", "/api/v1/session", Runs::worker, kSignedIn, sign_out},
    Route{"PUT", "/api/v1/account/password", Runs::worker, kSignedIn, change_password},
    Route{"POST", "/api/v1/tokens", Runs::worker, kSignedIn, create_token},

    Route{"GET", "/api/v1/accounts", Runs::worker, kSignedIn, list_accounts},
    Route{"POST", "/api/v1/accounts/{id}/disable", Runs::worker, kSignedIn, disable_account},
    Route{"POST", "/api/v1/invitations", Runs::worker, kSignedIn, create_invitation},
    Route{"POST", "/api/v1/invitations/accept", Runs::worker, kAnyone, accept_invitation},

    Route{"GET", "/api/v1/patients", Runs::worker, kSignedIn, list_patients},
    Route{"POST", "/api/v1/patients", Runs::worker, kSignedIn, create_patient},
    Route{"GET", "/api/v1/patients/{id}", Runs::worker, kSignedIn, get_patient},
    Route{"DELETE", "/api/v1/patients/{id}", Runs::worker, kSignedIn, erase_patient},
    Route{"GET", "/api/v1/patients/{id}/export", Runs::worker, kSignedIn, export_patient},
    Route{"GET", "/api/v1/patients/{id}/fhir", Runs::worker, kSignedIn, export_fhir},
    Route{"GET", "/api/v1/patients/{id}/audit", Runs::worker, kSignedIn, patient_audit},
    Route{"GET", "/api/v1/patients/{id}/intakes/latest", Runs::worker, kSignedIn, latest_intake},
    Route{"POST", "/api/v1/patients/{id}/intakes", Runs::worker, kSignedIn, record_intake},
    Route{"GET", "/api/v1/patients/{id}/assessments/latest", Runs::worker, kSignedIn,
          latest_assessment},
    Route{"GET", "/api/v1/patients/{id}/plan", Runs::worker, kSignedIn, current_plan},
    Route{"POST", "/api/v1/patients/{id}/plan/adaptations", Runs::worker, kSignedIn, adapt_plan},
    Route{"GET", "/api/v1/patients/{id}/sessions", Runs::worker, kSignedIn, list_sessions},
    Route{"POST", "/api/v1/patients/{id}/sessions", Runs::worker, kSignedIn, log_session},
    Route{"GET", "/api/v1/patients/{id}/journal", Runs::worker, kSignedIn, list_journal},
    Route{"POST", "/api/v1/patients/{id}/journal", Runs::worker, kSignedIn, add_journal},
    Route{"GET", "/api/v1/patients/{id}/progress", Runs::worker, kSignedIn, progress},
    Route{"GET", "/api/v1/patients/{id}/shares", Runs::worker, kSignedIn, list_shares},
    Route{"POST", "/api/v1/patients/{id}/shares", Runs::worker, kSignedIn, create_share},
    Route{"DELETE", "/api/v1/patients/{id}/shares/{share}", Runs::worker, kSignedIn, revoke_share},

    Route{"GET", "/api/v1/handoffs", Runs::worker, kSignedIn, list_handoffs},
    Route{"GET", "/api/v1/handoffs/{share}", Runs::worker, kSignedIn, get_handoff},
    Route{"GET", "/api/v1/handoffs/{share}/pdf", Runs::worker, kSignedIn, shared_handoff_pdf},
    Route{"GET", "/api/v1/handoffs/{share}/calendar", Runs::worker, kSignedIn, shared_calendar},
    Route{"GET", "/api/v1/patients/{id}/handoff/{audience}", Runs::worker, kSignedIn,
          patient_handoff},
    Route{"GET", "/api/v1/patients/{id}/handoff/{audience}/pdf", Runs::worker, kSignedIn,
          patient_handoff_pdf},
    Route{"GET", "/api/v1/patients/{id}/calendar", Runs::worker, kSignedIn, patient_calendar},

    Route{"GET", "/api/v1/therapists", Runs::worker, kSignedIn, list_therapists},
    Route{"POST", "/api/v1/therapists", Runs::worker, kSignedIn, add_therapists},
    Route{"PUT", "/api/v1/therapists", Runs::worker, kSignedIn, replace_therapists},
    Route{"GET", "/api/v1/therapists/{id}", Runs::worker, kSignedIn, get_therapist},
    Route{"DELETE", "/api/v1/therapists/{id}", Runs::worker, kSignedIn, remove_therapist},
    Route{"POST", "/api/v1/patients/{id}/matches", Runs::worker, kSignedIn, match_therapists},
};

}  // namespace

std::span<const Route> routes() { return kRoutes; }

}  // namespace mn::api
