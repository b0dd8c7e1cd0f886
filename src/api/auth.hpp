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
// header. On success fills call.session and call.actor and returns nullopt;
// otherwise the 401 or 403 answer.
std::optional<http::Response> authenticate(Call& call);

// The token a request presents as its session cookie (empty when none).
std::string session_cookie(const http::Request& request);

// Set-Cookie values: a new session cookie, and one that removes it.
std::string session_cookie_header(const ApiSettings& settings, const std::string& token);
std::string removed_cookie_header(const ApiSettings& settings);

// The account as the API shows it: {"id", "login", "display_name",
// "roles": [...], "clinic"?, "patient"?}.
std::string account_json(const store::Account& account);

}  // namespace mn::api
