#include "web/site.hpp"

#include <array>

#include "api/auth.hpp"
#include "api/client_address.hpp"
#include "api/router.hpp"
#include "web/assets.hpp"
#include "web/page.hpp"
#include "web/pages.hpp"

namespace mn::web {

namespace {

// `signing_in`: the page ignores any session the browser still has (a
// stale one must not stop anyone from signing in or joining).
enum class Who : std::uint8_t { anyone, signed_in, signing_in };

using PageHandler = http::Response (*)(Visit& visit);

struct PageRoute {
  std::string_view method;
  std::string_view pattern;  // "/clinic/patients/{id}"
  Who who;
  PageHandler handler;
};

constexpr auto kAnyone = Who::anyone;
constexpr auto kSignedIn = Who::signed_in;
constexpr auto kSigningIn = Who::signing_in;

const std::array kPages{
    PageRoute{"GET", "/", kAnyone, start_page},
    PageRoute{"GET", "/intake", kAnyone, intake_form},
    PageRoute{"POST", "/intake", kAnyone, intake_step},
    PageRoute{"GET", "/result", kSignedIn, my_result},
    PageRoute{"GET", "/signin", kAnyone, sign_in_form},
    PageRoute{"POST", "/signin", kSigningIn, sign_in},
    PageRoute{"POST", "/signout", kSignedIn, sign_out},
    PageRoute{"GET", "/join", kAnyone, join_form},
    PageRoute{"POST", "/join", kSigningIn, join},
    PageRoute{"GET", "/account", kSignedIn, account_page},
    PageRoute{"POST", "/account/password", kSignedIn, change_password},
    PageRoute{"POST", "/account/export", kSignedIn, export_my_data},
    PageRoute{"POST", "/account/delete", kSignedIn, delete_my_record},
    PageRoute{"GET", "/journal", kSignedIn, journal_page},
    PageRoute{"POST", "/journal", kSignedIn, add_journal_entry},
    PageRoute{"GET", "/progress", kSignedIn, progress_page},
    PageRoute{"GET", "/clinic", kSignedIn, clinic_dashboard},
    PageRoute{"GET", "/clinic/patients/{id}", kSignedIn, clinic_patient},
    PageRoute{"GET", "/clinic/patients/{id}/progress", kSignedIn, progress_page},
    PageRoute{"POST", "/clinic/invitations", kSignedIn, invite},
    PageRoute{"GET", "/handoffs", kSignedIn, handoffs_page},
    PageRoute{"GET", "/clinic/therapists", kSignedIn, directory_page},
    PageRoute{"POST", "/clinic/therapists/import", kSignedIn, import_directory},
    PageRoute{"POST", "/clinic/therapists/{id}/remove", kSignedIn, remove_directory_entry},
    PageRoute{"GET", "/therapists", kSignedIn, therapists_page},
    PageRoute{"POST", "/therapists", kSignedIn, search_therapists},
    PageRoute{"POST", "/therapists/share", kSignedIn, share_with_therapist},
    PageRoute{"GET", "/clinic/patients/{id}/therapists", kSignedIn, therapists_page},
    PageRoute{"POST", "/clinic/patients/{id}/therapists", kSignedIn, search_therapists},
    PageRoute{"POST", "/clinic/patients/{id}/therapists/share", kSignedIn, share_with_therapist},
    PageRoute{"GET", "/handoff", kSignedIn, handoff_brief},
    PageRoute{"GET", "/handoff/pdf", kSignedIn, handoff_brief_pdf},
    PageRoute{"GET", "/handoff/calendar", kSignedIn, handoff_calendar},
    PageRoute{"POST", "/handoff/shares/{share}/revoke", kSignedIn, handoff_revoke_share},
    PageRoute{"GET", "/clinic/patients/{id}/handoff", kSignedIn, handoff_brief},
    PageRoute{"GET", "/clinic/patients/{id}/handoff/pdf", kSignedIn, handoff_brief_pdf},
    PageRoute{"GET", "/clinic/patients/{id}/handoff/calendar", kSignedIn, handoff_calendar},
    PageRoute{"POST", "/clinic/patients/{id}/handoff/shares/{share}/revoke", kSignedIn,
              handoff_revoke_share},
    PageRoute{"GET", "/handoffs/{share}", kSignedIn, handoff_brief},
    PageRoute{"GET", "/handoffs/{share}/pdf", kSignedIn, handoff_brief_pdf},
    PageRoute{"GET", "/handoffs/{share}/calendar", kSignedIn, handoff_calendar},
};

const Asset* stylesheet() {
  for (const Asset& asset : embedded_assets()) {
    if (asset.name == "static/site.css") return &asset;
  }
  return nullptr;
}

http::Response static_file(const Asset& asset, std::string_view type) {
  http::Response response;
  response.body = asset.content;
  response.set("Content-Type", std::string(type));
  // The name carries the content's hash: a new version has a new name.
  response.set("Cache-Control", "public, max-age=31536000, immutable");
  return response;
}

bool has_form_body(const http::Request& request) {
  auto type = request.header("Content-Type");
  if (!type) return false;
  std::string_view media = type->substr(0, type->find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return http::equal_ignoring_case(media, "application/x-www-form-urlencoded");
}

// A form posted from another site is refused, signed in or not: that also
// stops signing a victim in to an attacker's account. Browsers say so in
// Sec-Fetch-Site; older ones by an Origin that is not this host. (With
// Referrer-Policy no-referrer a browser sends "Origin: null" even for this
// site's own forms, so "null" decides nothing; signed-in forms carry the
// session's CSRF token besides.)
bool from_another_site(const http::Request& request) {
  if (auto site = request.header("Sec-Fetch-Site")) {
    return *site == "cross-site" || *site == "same-site";
  }
  auto origin = request.header("Origin");
  if (!origin || *origin == "null") return false;
  auto host = request.header("Host");
  const std::size_t scheme_end = origin->find("://");
  const std::string_view origin_host =
      scheme_end == std::string_view::npos ? *origin : origin->substr(scheme_end + 3);
  return !host || origin_host != *host;
}

// The page for the method and path (filling `params`), or null;
// `path_known` says whether another method would have had one.
const PageRoute* find_page(const http::Request& request,
                           std::vector<std::pair<std::string_view, std::string_view>>& params,
                           bool& path_known) {
  for (const PageRoute& candidate : kPages) {
    if (!api::match_pattern(candidate.pattern, request.path, params)) continue;
    path_known = true;
    if (candidate.method == request.method) return &candidate;
  }
  return nullptr;
}

// A POST's form into visit.form, or the page refusing it.
std::optional<http::Response> read_form(Visit& visit) {
  const http::Request& request = visit.call.request;
  if (request.method != "POST") return std::nullopt;
  if (from_another_site(request)) {
    return error_page(visit, 403, "This form was sent from another site and was ignored.");
  }
  if (!request.body.empty() && !has_form_body(request)) {
    return error_page(visit, 415, "This page takes web forms only.");
  }
  auto form = parse_form(request.body);
  if (!form) return error_page(visit, 400, form.error().describe());
  visit.form = std::move(*form);
  return std::nullopt;
}

// Signs the visit in with the browser's session, when it has a valid one
// (a POST must carry its CSRF token). An expired or unknown session just
// leaves the visit signed out; a missing token refuses the form.
std::optional<http::Response> resume_session(Visit& visit) {
  if (api::session_cookie(visit.call.request).empty()) return std::nullopt;
  const std::optional<std::string_view> csrf =
      visit.form.has("csrf") ? std::optional(visit.form.get("csrf")) : std::nullopt;
  auto refused = api::authenticate(visit.call, csrf);
  if (!refused) return std::nullopt;
  if (refused->status == 403) {
    return error_page(visit, 403,
                      "This form is out of date. Go back, reload the page and try again.");
  }
  if (refused->status >= 500) return error_page(visit, refused->status, "Please try again.");
  return std::nullopt;
}

}  // namespace

bool is_api_path(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz";
}

Site::Site(api::Api& api) : api_(api) {}

http::Handlers Site::handlers() {
  return http::Handlers{[this](const http::Request& request) { return on_io_thread(request); },
                        [this](const http::Request& request, std::size_t worker) {
                          return on_worker(request, worker);
                        }};
}

std::optional<http::Response> Site::on_io_thread(const http::Request& request) const {
  if (is_api_path(request.path)) return api_.on_io_thread(request);
  if (request.path == stylesheet_path() && request.method == "GET") {
    if (const Asset* css = stylesheet()) {
      http::Response response = static_file(*css, "text/css; charset=utf-8");
      response.log_route = "/static/site.css";
      return response;
    }
  }
  return std::nullopt;  // pages read sessions and records: a worker's job
}

http::Response Site::on_worker(const http::Request& request, std::size_t worker) {
  if (is_api_path(request.path)) return api_.on_worker(request, worker);
  Visit visit{
      api::Call{request,
                api_.shared(),
                &api_.store(worker),
                {},
                std::nullopt,
                store::Actor{"anonymous",
                             api::client_address(request, api_.shared().settings.trusted_proxies)}},
      Form()};
  bool path_known = false;
  const PageRoute* route = find_page(request, visit.call.params, path_known);
  http::Response response = [&] {
    if (route == nullptr) {
      return error_page(visit, path_known ? 405 : 404,
                        path_known ? "This page does not take that kind of request."
                                   : "There is no page at this address.");
    }
    if (auto refused = read_form(visit)) return *refused;
    if (route->who != Who::signing_in) {
      if (auto refused = resume_session(visit)) return *refused;
    }
    if (route->who == Who::signed_in && !visit.signed_in()) {
      return request.method == "GET" ? sign_in_first(request.path)
                                     : error_page(visit, 401, "Please sign in again.");
    }
    return route->handler(visit);
  }();
  response.log_route = route != nullptr ? route->pattern : "(no page)";
  return response;
}

}  // namespace mn::web
