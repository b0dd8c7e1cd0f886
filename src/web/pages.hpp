#pragma once

#include "http/message.hpp"
#include "web/page.hpp"

// The page handlers, one group per file; site.cpp lists the paths. Pages
// that need a session get one (site.cpp redirects to sign-in otherwise);
// those that show a person's records check access per record themselves,
// with the API's rules (api/access.hpp).
namespace mn::web {

// start_page.cpp
http::Response start_page(Visit& visit);

// intake_pages.cpp
http::Response intake_form(Visit& visit);
http::Response intake_step(Visit& visit);
http::Response my_result(Visit& visit);

// account_pages.cpp
http::Response sign_in_form(Visit& visit);
http::Response sign_in(Visit& visit);
http::Response sign_out(Visit& visit);
http::Response join_form(Visit& visit);
http::Response join(Visit& visit);
http::Response account_page(Visit& visit);
http::Response change_password(Visit& visit);
http::Response export_my_data(Visit& visit);
http::Response delete_my_record(Visit& visit);

// journal_pages.cpp
http::Response journal_page(Visit& visit);
http::Response add_journal_entry(Visit& visit);

// progress_page.cpp
http::Response progress_page(Visit& visit);

// clinic_pages.cpp
http::Response clinic_dashboard(Visit& visit);
http::Response clinic_patient(Visit& visit);
http::Response invite(Visit& visit);

// handoff_pages.cpp
http::Response handoffs_page(Visit& visit);

// directory_pages.cpp
http::Response directory_page(Visit& visit);
http::Response import_directory(Visit& visit);
http::Response remove_directory_entry(Visit& visit);

// therapist_pages.cpp
http::Response therapists_page(Visit& visit);
http::Response search_therapists(Visit& visit);
http::Response share_with_therapist(Visit& visit);

// handoff_brief_pages.cpp
http::Response handoff_brief(Visit& visit);
http::Response handoff_brief_pdf(Visit& visit);
http::Response handoff_calendar(Visit& visit);
http::Response handoff_revoke_share(Visit& visit);

}  // namespace mn::web
