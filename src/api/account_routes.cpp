// Accounts of a clinic: the admin's list, disabling, invitations.
#include <array>
#include <nlohmann/json.hpp>

#include "api/access.hpp"
#include "api/auth.hpp"
#include "api/crypto.hpp"
#include "api/handlers.hpp"
#include "api/passwords.hpp"
#include "codec/api_json.hpp"
#include "codec/utc_time.hpp"

namespace mn::api {

namespace {

using namespace std::string_view_literals;

bool is_admin(const store::Account& who) { return who.roles.has(store::Role::admin) && who.clinic; }

std::optional<store::Role> role_named(std::string_view name) {
  if (name == "patient") return store::Role::patient;
  if (name == "clinician") return store::Role::clinician;
  if (name == "therapist") return store::Role::therapist;
  return std::nullopt;
}

// Clinicians invite patients and therapists; admins invite clinicians and
// therapists.
bool may_invite(const store::Account& who, store::Role role) {
  const bool clinician = who.roles.has(store::Role::clinician);
  const bool admin = who.roles.has(store::Role::admin);
  switch (role) {
    case store::Role::patient:
      return clinician;
    case store::Role::therapist:
      return clinician || admin;
    case store::Role::clinician:
      return admin;
    case store::Role::admin:
      break;
  }
  return false;
}

}  // namespace

http::Response list_accounts(Call& call) {
  const store::Account& who = call.account();
  if (!is_admin(who)) return error_response(403, "forbidden", "only an admin lists accounts");
  auto accounts = call.accounts().accounts_of_clinic(*who.clinic);
  if (!accounts) return error_response(accounts.error());
  std::string body = R"({"accounts":[)";
  for (std::size_t i = 0; i < accounts->size(); ++i) {
    if (i > 0) body += ',';
    body += account_json((*accounts)[i]);
  }
  body += "]}";
  return json_response(200, std::move(body));
}

http::Response disable_account(Call& call) {
  const store::Account& who = call.account();
  if (!is_admin(who)) return error_response(403, "forbidden", "only an admin disables accounts");
  const auto not_found = [] {
    return error_response(404, "not_found", "no such account in your clinic", "id");
  };
  auto id = parse_id(call.param("id"));
  if (!id) return not_found();
  auto target = call.accounts().account(*id);
  if (!target) return error_response(target.error());
  if (!*target || (*target)->clinic != who.clinic) return not_found();
  if ((*target)->id == who.id) {
    return error_response(400, "invalid", "an admin cannot disable their own account", "id");
  }
  auto disabled = call.accounts().set_disabled(call.actor, (*target)->id, true);
  if (!disabled) return error_response(disabled.error());
  (*target)->disabled = true;
  return json_response(200, account_json(**target));
}

Result<IssuedInvitation> invite(Call& call, std::string_view role_name,
                                const std::string& display_name, const std::string& time_zone) {
  const store::Account& who = call.account();
  auto role = role_named(role_name);
  if (!role) return Error{"invalid", "role", "must be patient, therapist or clinician"};
  if (!who.clinic || !may_invite(who, *role)) {
    return Error{"forbidden", "role", "your role cannot invite a " + std::string(role_name)};
  }
  const store::Seconds now = call.shared.clock.now();
  std::string token = random_token();
  store::NewInvitation invitation{
      token_hash(token), *who.clinic, *role, display_name,
      time_zone,         who.id,      now,   now + call.shared.settings.invitation_lifetime};
  auto created = call.accounts().create_invitation(call.actor, invitation);
  if (!created) return created.error();
  return IssuedInvitation{std::move(*created), std::move(token)};
}

http::Response create_invitation(Call& call) {
  constexpr std::array kRequired{"role"sv, "display_name"sv};
  constexpr std::array kOptional{"time_zone"sv};
  auto body = codec::parse_string_object(call.request.body, kRequired, kOptional);
  if (!body) return error_response(body.error());
  auto issued = invite(call, body->at("role"), body->at("display_name"),
                       body->contains("time_zone") ? body->at("time_zone") : "UTC");
  if (!issued) {
    const Error& error = issued.error();
    return error.code == "forbidden" ? error_response(403, error.code, error.message, error.where)
                                     : error_response(error);
  }
  // The code goes to the clinician once, in this answer; the database keeps
  // only its hash.
  nlohmann::json json{{"id", issued->invitation.id},
                      {"token", issued->token},
                      {"role", body->at("role")},
                      {"display_name", issued->invitation.display_name},
                      {"expires_at", codec::format_utc(issued->invitation.expires_at)}};
  return json_response(201, json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<store::Account> join_with_invitation(Call& call, const std::string& token,
                                            const std::string& login, const std::string& password) {
  if (auto weak = check_new_password(password, login, "password")) return *weak;
  store::Actor actor{"invitation", call.actor.address};
  auto account = call.accounts().accept_invitation(
      actor, token_hash(token), login, hash_password(password), call.shared.clock.now());
  if (!account && account.error().code == "not_found") {
    return Error{"not_found", "token",
                 "this invitation is unknown, used or expired: ask for a new one"};
  }
  return account;
}

http::Response accept_invitation(Call& call) {
  constexpr std::array kRequired{"token"sv, "login"sv, "password"sv};
  auto body = codec::parse_string_object(call.request.body, kRequired, {});
  if (!body) return error_response(body.error());
  auto account =
      join_with_invitation(call, body->at("token"), body->at("login"), body->at("password"));
  if (!account) return error_response(account.error());
  return json_response(201, R"({"account":)" + account_json(*account) + "}");
}

}  // namespace mn::api
