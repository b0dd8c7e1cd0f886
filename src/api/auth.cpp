#include "api/auth.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/crypto.hpp"
#include "api/passwords.hpp"

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

// A hash to verify against when the login is unknown, so that a wrong login
// takes as long as a wrong password and does not reveal which accounts exist.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("decoy password that no account has");
  return hash;
}

http::Response too_many_attempts(const ApiSettings& settings) {
  http::Response response =
      error_response(429, "too_many_attempts",
                     "too many failed sign-ins; wait " +
                         std::to_string(settings.throttle_window / 60) + " minutes and try again");
  response.set("Retry-After", std::to_string(settings.throttle_window));
  return response;
}

// Refuses sign-in while the account or the address has failed too often
// within the window; nullopt when it may go on.
std::optional<http::Response> throttled(Call& call, const std::string& account_key,
                                        const std::string& address_key) {
  const ApiSettings& settings = call.shared.settings;
  const store::Seconds since = call.shared.clock.now() - settings.throttle_window;
  auto by_account = call.accounts().login_failures_since(account_key, since);
  if (!by_account) return error_response(by_account.error());
  auto by_address = call.accounts().login_failures_since(address_key, since);
  if (!by_address) return error_response(by_address.error());
  if (*by_account >= settings.failures_per_account ||
      *by_address >= settings.failures_per_address) {
    return too_many_attempts(settings);
  }
  return std::nullopt;
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

std::optional<http::Response> authenticate(Call& call,
                                           std::optional<std::string_view> presented_csrf) {
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
    if (!presented_csrf || !equal_in_constant_time(*presented_csrf, session.csrf_token)) {
      return error_response(403, "csrf_failed",
                            "a signed-in change needs the CSRF token of the session");
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

Result<OpenedSession> open_session(Call& call, const store::Account& account,
                                   store::SessionKind kind) {
  const store::Seconds now = call.shared.clock.now();
  OpenedSession opened{
      account, random_token(), kind == store::SessionKind::cookie ? random_token() : std::string(),
      now + (kind == store::SessionKind::cookie ? call.shared.settings.session_lifetime
                                                : call.shared.settings.bearer_lifetime)};
  auto created = call.accounts().create_session(store::NewLoginSession{
      token_hash(opened.token), kind, account.id, opened.csrf_token, now, opened.expires_at});
  if (!created) return created.error();
  return opened;
}

SignInOutcome password_sign_in(Call& call, const std::string& login, const std::string& password) {
  const std::string account_key = "account:" + login;
  const std::string address_key = "address:" + call.actor.address;
  if (auto refused = throttled(call, account_key, address_key)) return {std::nullopt, refused};

  auto credentials = call.accounts().credentials(login);
  if (!credentials) return {std::nullopt, error_response(credentials.error())};
  const bool known = credentials->has_value();
  const bool verified =
      verify_password(known ? (*credentials)->password_hash : decoy_hash(), password) && known &&
      !(*credentials)->account.disabled;
  if (!verified) {
    const store::Seconds now = call.shared.clock.now();
    for (const std::string& key : {account_key, address_key}) {
      auto recorded = call.accounts().record_login_failure(key, now);
      if (!recorded) return {std::nullopt, error_response(recorded.error())};
    }
    return {std::nullopt,
            error_response(401, "invalid_credentials", "the login or the password is wrong")};
  }
  const store::Account& account = (*credentials)->account;
  (void)call.accounts().clear_login_failures(account_key);
  if (password_needs_rehash((*credentials)->password_hash)) {
    (void)call.accounts().set_password(
        store::Actor{"account:" + std::to_string(account.id), call.actor.address}, account.id,
        hash_password(password), call.shared.clock.now());
  }
  // Rotation: whatever session this browser had before ends here.
  const std::string previous = session_cookie(call.request);
  if (!previous.empty()) (void)call.accounts().end_session(token_hash(previous));

  auto opened = open_session(call, account, store::SessionKind::cookie);
  if (!opened) return {std::nullopt, error_response(opened.error())};
  return {std::move(*opened), std::nullopt};
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
