#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/call.hpp"
#include "http/message.hpp"
#include "web/form.hpp"
#include "web/view.hpp"

// What every page handler uses: the visit (request, session, form), the
// layout around a page's own template, redirects and error pages.
namespace mn::web {

struct Visit {
  api::Call call;
  Form form;  // a POST's fields; empty for GET

  bool signed_in() const { return call.session.has_value(); }
  bool has_role(store::Role role) const { return signed_in() && call.account().roles.has(role); }
  // The session's CSRF token for the forms of a page; "" when signed out.
  std::string_view csrf_token() const {
    if (!signed_in()) return {};
    return call.session->csrf_token;
  }
};

// A problem with one input of a form; `input` is the field's name (and the
// input's id), `message` says what is wrong in plain words.
struct InputError {
  std::string input;
  std::string label;  // the question, as the error summary names it
  std::string message;
};

// The summary above a refused form (HAS_ERRORS with an ERROR_LIST of ID,
// LABEL and MESSAGE), each linking to its input.
void show_input_errors(const std::vector<InputError>& errors, Values& values);

// A page's own template, rendered into the layout (layout.html) with the
// title, navigation for who is signed in and the stylesheet.
class Page {
 public:
  Page(const Visit& visit, std::string_view template_name, std::string title);
  Values& values() { return view_.values(); }
  http::Response respond(int status = 200) const;

 private:
  const Visit& visit_;
  View view_;
  std::string title_;
};

// 303 See Other: after a form's POST, so that reloading does not post again.
http::Response redirect(std::string_view location);
// A page saying what went wrong, with the status.
http::Response error_page(const Visit& visit, int status, std::string_view message);
// Whether a store error is the server's (the database failed or is busy)
// rather than something the person can correct.
bool is_server_failure(const Error& error);

// To the sign-in page, which comes back to `then` afterwards.
http::Response sign_in_first(std::string_view then);

// A parameter of the request's query string ("" when absent or malformed).
std::string query_parameter(const http::Request& request, std::string_view name);

// The stylesheet's URL: its content hash in the name, so it can be cached
// for a year and still never be stale.
const std::string& stylesheet_path();

// Dates and times as pages show them ("2026-11-28", "2026-11-28 14:05 UTC").
std::string show_date(std::int64_t utc_seconds, const std::string& time_zone);
std::string show_time(std::int64_t utc_seconds, const std::string& time_zone);

}  // namespace mn::web
