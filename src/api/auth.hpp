#pragma once

#include <optional>
#include <string>

#include "api/call.hpp"
#include "http/message.hpp"

namespace mn::api {

inline constexpr std::string_view kSessionCookie = "mn_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// Finds the caller's session from the Authorization bearer token or the
// session cookie and checks it: known, not expired (absolute, and idle for
// cookie sessions), account enabled, and for a cookie-signed write the CSRF
// token presented (the X-CSRF-Token header of the API, a form field of the
// web pages). On success fills call.session and call.actor and returns
// nullopt; otherwise the 401 or 403 answer.
std::optional<http::Response> authenticate(Call& call,
                                           std::optional<std::string_view> presented_csrf);

// A new cookie session after checking a login and password, with the
// throttling, timing and rotation rules of sign-in; the error answer
// (401 invalid_credentials, 429 too_many_attempts with Retry-After, or a
// store failure) otherwise.
struct OpenedSession {
  store::Account account;
  std::string token;  // for the cookie only: never shown, logged or stored
  std::string csrf_token;
  store::Seconds expires_at = 0;
};
struct SignInOutcome {
  std::optional<OpenedSession> opened;
  std::optional<http::Response> refusal;
};
SignInOutcome password_sign_in(Call& call, const std::string& login, const std::string& password);

// A new one-time invitation into the caller's clinic: clinicians invite
// patients and therapists, admins clinicians and therapists. The code
// (`token`) is shown once; only its hash is stored. Errors: "invalid" at
// role, "forbidden" at role, or the store's (display_name, time_zone).
struct IssuedInvitation {
  store::Invitation invitation;
  std::string token;
};
Result<IssuedInvitation> invite(Call& call, std::string_view role, const std::string& display_name,
                                const std::string& time_zone);

// Creates the account an invitation offers (its one-time code `token`)
// with the chosen login and password. Errors name "token" (unknown, used
// or expired: "not_found"), "password" (too weak) or "login" (taken:
// "duplicate").
Result<store::Account> join_with_invitation(Call& call, const std::string& token,
                                            const std::string& login, const std::string& password);

// Sets a new password after checking the current one; every session of the
// account ends. Errors: "invalid" at new_password (too weak),
// "invalid_credentials" at current_password, or the store's.
Result<bool> change_password_of(Call& call, const std::string& current_password,
                                const std::string& new_password);

// Opens a session of either kind for the account (sign-in, API tokens).
Result<OpenedSession> open_session(Call& call, const store::Account& account,
                                   store::SessionKind kind);

// The token a request presents as its session cookie (empty when none).
std::string session_cookie(const http::Request& request);

// Set-Cookie values: a new session cookie, and one that removes it.
std::string session_cookie_header(const ApiSettings& settings, const std::string& token);
std::string removed_cookie_header(const ApiSettings& settings);

// The account as the API shows it: {"id", "login", "display_name",
// "roles": [...], "clinic"?, "patient"?}.
std::string account_json(const store::Account& account);

}  // namespace mn::api
