#pragma once

#include "api/call.hpp"
#include "http/message.hpp"

// The route handlers, one group per file; routes.cpp lists which path and
// method each answers. Handlers for signed-in routes run after
// authenticate() and check per-record access themselves (access.hpp).
namespace mn::api {

// public_routes.cpp
http::Response healthz(Call& call);
http::Response readyz(Call& call);
http::Response openapi(Call& call);
http::Response questionnaire(Call& call);
http::Response guidance(Call& call);
http::Response assess_anonymously(Call& call);

// session_routes.cpp
http::Response sign_in(Call& call);
http::Response sign_out(Call& call);
http::Response current_session(Call& call);
http::Response change_password(Call& call);
http::Response create_token(Call& call);

// account_routes.cpp
http::Response list_accounts(Call& call);
http::Response disable_account(Call& call);
http::Response create_invitation(Call& call);
http::Response accept_invitation(Call& call);

// patient_routes.cpp
http::Response list_patients(Call& call);
http::Response create_patient(Call& call);
http::Response get_patient(Call& call);
http::Response erase_patient(Call& call);
http::Response export_patient(Call& call);
http::Response patient_audit(Call& call);

// fhir_routes.cpp
http::Response export_fhir(Call& call);

// record_routes.cpp
http::Response record_intake(Call& call);
http::Response latest_intake(Call& call);
http::Response latest_assessment(Call& call);
http::Response current_plan(Call& call);
http::Response adapt_plan(Call& call);
http::Response list_sessions(Call& call);
http::Response log_session(Call& call);
http::Response list_journal(Call& call);
http::Response add_journal(Call& call);
http::Response progress(Call& call);

// share_routes.cpp
http::Response list_shares(Call& call);
http::Response create_share(Call& call);
http::Response revoke_share(Call& call);
http::Response list_handoffs(Call& call);
http::Response get_handoff(Call& call);

// handoff_routes.cpp
http::Response patient_handoff(Call& call);
http::Response patient_handoff_pdf(Call& call);
http::Response patient_calendar(Call& call);
http::Response shared_handoff_pdf(Call& call);
http::Response shared_calendar(Call& call);

// directory_routes.cpp
http::Response list_therapists(Call& call);
http::Response add_therapists(Call& call);
http::Response replace_therapists(Call& call);
http::Response get_therapist(Call& call);
http::Response remove_therapist(Call& call);
http::Response match_therapists(Call& call);

}  // namespace mn::api
