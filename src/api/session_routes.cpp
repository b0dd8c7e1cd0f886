// Signing in and out, the current session, password change, API tokens.
#include <array>
#include <nlohmann/json.hpp>

#include "api/auth.hpp"
#include "api/crypto.hpp"
#include "api/handlers.hpp"
#include "api/passwords.hpp"
#include "codec/api_json.hpp"
#include "codec/utc_time.hpp"

namespace mn::api {

namespace {

using namespace std::string_view_literals;

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

// A new session or token for the account; the answer carries it.
Result<std::string> open_session(Call& call, const store::Account& account, store::SessionKind kind,
                                 std::string& csrf_token, store::Seconds& expires_at) {
  const store::Seconds now = call.shared.clock.now();
  const std::string token = random_token();
  csrf_token = kind == store::SessionKind::cookie ? random_token() : std::string();
  expires_at = now + (kind == store::SessionKind::cookie ? call.shared.settings.session_lifetime
                                                         : call.shared.settings.bearer_lifetime);
  auto created = call.accounts().create_session(
      store::NewLoginSession{token_hash(token), kind, account.id, csrf_token, now, expires_at});
  if (!created) return created.error();
  return token;
}

}  // namespace

http::Response sign_in(Call& call) {
  constexpr std::array kRequired{"login"sv, "password"sv};
  auto body = codec::parse_string_object(call.request.body, kRequired, {});
  if (!body) return error_response(body.error());
  const std::string& login = body->at("login");
  const std::string& password = body->at("password");
  const std::string account_key = "account:" + login;
  const std::string address_key = "address:" + call.actor.address;
  if (auto refused = throttled(call, account_key, address_key)) return *refused;

  auto credentials = call.accounts().credentials(login);
  if (!credentials) return error_response(credentials.error());
  const bool known = credentials->has_value();
  const bool verified =
      verify_password(known ? (*credentials)->password_hash : decoy_hash(), password) && known &&
      !(*credentials)->account.disabled;
  if (!verified) {
    const store::Seconds now = call.shared.clock.now();
    for (const std::string& key : {account_key, address_key}) {
      auto recorded = call.accounts().record_login_failure(key, now);
      if (!recorded) return error_response(recorded.error());
    }
    return error_response(401, "invalid_credentials", "the login or the password is wrong");
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

  std::string csrf_token;
  store::Seconds expires_at = 0;
  auto token = open_session(call, account, store::SessionKind::cookie, csrf_token, expires_at);
  if (!token) return error_response(token.error());
  http::Response response = json_response(
      200, R"({"account":)" + account_json(account) + R"(,"csrf_token":")" + csrf_token +
               R"(","expires_at":")" + codec::format_utc(expires_at) + R"("})");
  response.set("Set-Cookie", session_cookie_header(call.shared.settings, *token));
  return response;
}

http::Response current_session(Call& call) {
  nlohmann::json json{
      {"kind", call.session->kind == store::SessionKind::cookie ? "cookie" : "bearer"},
      {"expires_at", codec::format_utc(call.session->expires_at)}};
  if (!call.session->csrf_token.empty()) json["csrf_token"] = call.session->csrf_token;
  std::string body = json.dump();
  body.insert(1, R"("account":)" + account_json(call.account()) + ",");
  return json_response(200, std::move(body));
}

http::Response sign_out(Call& call) {
  std::string token = call.session->kind == store::SessionKind::cookie
                          ? session_cookie(call.request)
                          : std::string();
  if (call.session->kind == store::SessionKind::bearer) {
    auto authorization = call.request.header("Authorization");
    token = std::string(authorization->substr(7));
  }
  auto ended = call.accounts().end_session(token_hash(token));
  if (!ended) return error_response(ended.error());
  http::Response response;
  response.status = 204;
  response.set("Set-Cookie", removed_cookie_header(call.shared.settings));
  return response;
}

http::Response change_password(Call& call) {
  constexpr std::array kRequired{"current_password"sv, "new_password"sv};
  auto body = codec::parse_string_object(call.request.body, kRequired, {});
  if (!body) return error_response(body.error());
  if (auto weak = check_new_password(body->at("new_password"), call.account().login)) {
    return error_response(*weak);
  }
  auto credentials = call.accounts().credentials(call.account().login);
  if (!credentials) return error_response(credentials.error());
  if (!*credentials ||
      !verify_password((*credentials)->password_hash, body->at("current_password"))) {
    return error_response(403, "invalid_credentials", "the current password is wrong",
                          "current_password");
  }
  std::string hash = hash_password(body->at("new_password"));
  auto changed =
      call.accounts().set_password(call.actor, call.account().id, hash, call.shared.clock.now());
  if (!changed) return error_response(changed.error());
  // Every session of the account has ended, this one too: sign in again.
  http::Response response;
  response.status = 204;
  response.set("Set-Cookie", removed_cookie_header(call.shared.settings));
  return response;
}

http::Response create_token(Call& call) {
  std::string unused_csrf;
  store::Seconds expires_at = 0;
  auto token =
      open_session(call, call.account(), store::SessionKind::bearer, unused_csrf, expires_at);
  if (!token) return error_response(token.error());
  nlohmann::json json{{"token", *token}, {"expires_at", codec::format_utc(expires_at)}};
  return json_response(201, json.dump());
}

}  // namespace mn::api
