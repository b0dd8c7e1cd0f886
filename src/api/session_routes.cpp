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

using namespace std::string_view_literals;

http::Response sign_in(Call& call) {
  constexpr std::array kRequired{"login"sv, "password"sv};
  auto body = codec::parse_string_object(call.request.body, kRequired, {});
  if (!body) return error_response(body.error());
  SignInOutcome outcome = password_sign_in(call, body->at("login"), body->at("password"));
  if (outcome.refusal) return *outcome.refusal;
  const OpenedSession& opened = *outcome.opened;
  http::Response response =
      json_response(200, R"({"account":)" + account_json(opened.account) + R"(,"csrf_token":")" +
                             opened.csrf_token + R"(","expires_at":")" +
                             codec::format_utc(opened.expires_at) + R"("})");
  response.set("Set-Cookie", session_cookie_header(call.shared.settings, opened.token));
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

Result<bool> change_password_of(Call& call, const std::string& current_password,
                                const std::string& new_password) {
  if (auto weak = check_new_password(new_password, call.account().login)) return *weak;
  auto credentials = call.accounts().credentials(call.account().login);
  if (!credentials) return credentials.error();
  if (!*credentials || !verify_password((*credentials)->password_hash, current_password)) {
    return Error{"invalid_credentials", "current_password", "the current password is wrong"};
  }
  return call.accounts().set_password(call.actor, call.account().id, hash_password(new_password),
                                      call.shared.clock.now());
}

http::Response change_password(Call& call) {
  constexpr std::array kRequired{"current_password"sv, "new_password"sv};
  auto body = codec::parse_string_object(call.request.body, kRequired, {});
  if (!body) return error_response(body.error());
  auto changed = change_password_of(call, body->at("current_password"), body->at("new_password"));
  if (!changed) {
    const Error& error = changed.error();
    return error.code == "invalid_credentials"
               ? error_response(403, error.code, error.message, error.where)
               : error_response(error);
  }
  // Every session of the account has ended, this one too: sign in again.
  http::Response response;
  response.status = 204;
  response.set("Set-Cookie", removed_cookie_header(call.shared.settings));
  return response;
}

http::Response create_token(Call& call) {
  auto opened = open_session(call, call.account(), store::SessionKind::bearer);
  if (!opened) return error_response(opened.error());
  nlohmann::json json{{"token", opened->token},
                      {"expires_at", codec::format_utc(opened->expires_at)}};
  return json_response(201, json.dump());
}

}  // namespace mn::api
