#include "api/auth.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/crypto.hpp"

namespace mn::api {

namespace {

constexpr store::Seconds kTouchEvery = 60;  // fewer writes: last_seen is kept to the minute

bool is_token(std::string_view text) {
  const auto base64url = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  };
  return text.size() == 43 && std::ranges::all_of(text, base64url);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_safe_method(std::string_view method) { return method == "GET" || method == "HEAD"; }

http::Response unauthorized(std::string_view code, std::string_view message) {
  http::Response response = error_response(401, code, message);
  response.set("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace

std::string session_cookie(const http::Request& request) {
  for (const http::Header& header : request.headers) {
    if (!http::equal_ignoring_case(header.name, "Cookie")) continue;
    std::string_view rest = header.value;
    while (!rest.empty()) {
      std::size_t end = rest.find(';');
      std::string_view pair = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      std::size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == kSessionCookie) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return {};
}

std::string session_cookie_header(const ApiSettings& settings, const std::string& token) {
  std::string value =
      std::string(kSessionCookie) + "=" + token +
      "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(settings.session_lifetime);
  if (settings.behind_tls) value += "; Secure";
  return value;
}

std::string removed_cookie_header(const ApiSettings& settings) {
  std::string value = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (settings.behind_tls) value += "; Secure";
  return value;
}

std::optional<http::Response> authenticate(Call& call) {
  std::string token;
  store::SessionKind kind = store::SessionKind::cookie;
  if (auto authorization = call.request.header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->substr(0, kBearer.size()) != kBearer) {
      return unauthorized("unauthorized", "the Authorization header must be 'Bearer TOKEN'");
    }
    token = trim(authorization->substr(kBearer.size()));
    kind = store::SessionKind::bearer;
  } else {
    token = session_cookie(call.request);
  }
  if (token.empty()) return unauthorized("unauthorized", "sign in first");
  if (!is_token(token)) return unauthorized("unauthorized", "the session token is not valid");

  const std::string hash = token_hash(token);
  auto found = call.accounts().session(hash);
  if (!found) return error_response(found.error());
  if (!*found || (*found)->kind != kind) {
    return unauthorized("unauthorized", "the session has ended or never existed: sign in again");
  }
  store::LoginSession& session = **found;
  const store::Seconds now = call.shared.clock.now();
  const bool idle_too_long = session.kind == store::SessionKind::cookie &&
                             now - session.last_seen_at >= call.shared.settings.session_idle;
  if (now >= session.expires_at || idle_too_long) {
    (void)call.accounts().end_session(hash);
    return unauthorized("session_expired", "the session has expired: sign in again");
  }
  if (session.account.disabled) {
    return unauthorized("unauthorized", "this account is disabled");
  }
  if (session.kind == store::SessionKind::cookie && !is_safe_method(call.request.method)) {
    auto presented = call.request.header(kCsrfHeader);
    if (!presented || !equal_in_constant_time(*presented, session.csrf_token)) {
      return error_response(403, "csrf_failed",
                            "a signed-in change needs the X-CSRF-Token header of the session");
    }
  }
  if (now - session.last_seen_at >= kTouchEvery) {
    auto touched = call.accounts().touch_session(hash, now);
    if (!touched) return error_response(touched.error());
  }
  call.actor = store::Actor{"account:" + std::to_string(session.account.id), call.actor.address};
  call.session = std::move(session);
  return std::nullopt;
}

std::string account_json(const store::Account& account) {
  nlohmann::json roles = nlohmann::json::array();
  if (account.roles.has(store::Role::patient)) roles.push_back("patient");
  if (account.roles.has(store::Role::clinician)) roles.push_back("clinician");
  if (account.roles.has(store::Role::therapist)) roles.push_back("therapist");
  if (account.roles.has(store::Role::admin)) roles.push_back("admin");
  nlohmann::json json{{"id", account.id},
                      {"login", account.login},
                      {"display_name", account.display_name},
                      {"roles", std::move(roles)}};
  if (account.clinic) json["clinic"] = *account.clinic;
  if (account.patient) json["patient"] = *account.patient;
  if (account.disabled) json["disabled"] = true;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mn::api
