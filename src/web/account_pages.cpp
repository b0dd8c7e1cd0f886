// Signing in and out, joining with an invitation, and the account page:
// password, who read my record, export, deletion.
#include <algorithm>
#include <map>

#include "api/auth.hpp"
#include "api/crypto.hpp"
#include "codec/journal_json.hpp"
#include "web/pages.hpp"
#include "web/saved_intake.hpp"

namespace mn::web {

namespace {

constexpr std::size_t kReadsShown = 50;

// Where to go after signing in: a path on this site only (never "//host"
// or a scheme), so the parameter cannot send anyone elsewhere.
std::string safe_then(std::string_view then) {
  const bool local = then.size() > 1 && then.front() == '/' && then[1] != '/' &&
                     then.find('\\') == std::string_view::npos &&
                     then.find(':') == std::string_view::npos;
  return local ? std::string(then) : std::string();
}

std::string home_of(const store::Account& account) {
  if (account.roles.has(store::Role::patient)) return "/result";
  if (account.roles.has(store::Role::clinician)) return "/clinic";
  if (account.roles.has(store::Role::therapist)) return "/handoffs";
  return "/account";
}

// The visit carries on as the account that just signed in.
void become(Visit& visit, const api::OpenedSession& opened) {
  const store::Seconds now = visit.call.shared.clock.now();
  visit.call.session = store::LoginSession{api::token_hash(opened.token),
                                           store::SessionKind::cookie,
                                           opened.account,
                                           opened.csrf_token,
                                           now,
                                           now,
                                           opened.expires_at};
  visit.call.actor.name = "account:" + std::to_string(opened.account.id);
}

// After signing in or joining: saves the intake the person answered
// before, when they brought one, then goes on.
http::Response signed_in(Visit& visit, const api::OpenedSession& opened, std::string then) {
  become(visit, opened);
  const store::Account& account = opened.account;
  if (!visit.form.get("answers").empty() && account.roles.has(store::Role::patient) &&
      account.patient) {
    auto answers = answers_from(visit.call.shared.knowledge, visit.form.get("answers"));
    if (answers) {
      auto saved = save_intake(visit, answers->dump());
      if (!saved) return error_page(visit, 400, saved.error().describe());
      then = "/result";
    }
  }
  http::Response response = redirect(then.empty() ? home_of(account) : then);
  response.set("Set-Cookie", api::session_cookie_header(visit.call.shared.settings, opened.token));
  return response;
}

http::Response sign_in_page(Visit& visit, int status, std::string_view problem) {
  Page page(visit, "signin.html", "Sign in");
  page.values().set(
      "THEN", safe_then(visit.form.has("then") ? visit.form.get("then")
                                               : query_parameter(visit.call.request, "then")));
  page.values().set("LOGIN", visit.form.get("login"));
  if (!problem.empty()) page.values().add("PROBLEM").set("MESSAGE", problem);
  return page.respond(status);
}

http::Response join_page(Visit& visit, int status, std::string_view problem) {
  Page page(visit, "join.html", "Join");
  page.values()
      .set("CODE", visit.form.get("code"))
      .set("LOGIN", visit.form.get("login"))
      .set("ANSWERS", visit.form.get("answers"));
  if (!problem.empty()) page.values().add("PROBLEM").set("MESSAGE", problem);
  return page.respond(status);
}

std::string roles_text(const store::Account& account) {
  std::string text;
  const std::pair<store::Role, const char*> names[] = {{store::Role::patient, "patient"},
                                                       {store::Role::clinician, "clinician"},
                                                       {store::Role::therapist, "therapist"},
                                                       {store::Role::admin, "admin"}};
  for (const auto& [role, name] : names) {
    if (!account.roles.has(role)) continue;
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

// "account:7" as a name a person knows; the CLI and others as they are.
std::string actor_name(Visit& visit, const std::string& actor,
                       std::map<std::string, std::string>& known) {
  if (auto found = known.find(actor); found != known.end()) return found->second;
  std::string name = actor == "cli" ? "the clinic's command line" : actor;
  constexpr std::string_view kAccount = "account:";
  if (actor.starts_with(kAccount)) {
    name = "a former account";
    const std::int64_t id = std::strtoll(actor.c_str() + kAccount.size(), nullptr, 10);
    auto account = visit.call.accounts().account(id);
    if (account && *account) {
      name = (*account)->display_name;
      if ((*account)->id == visit.call.account().id) name = "you";
    }
  }
  known.emplace(actor, name);
  return name;
}

http::Response account_view(Visit& visit, int status, std::string_view notice,
                            std::string_view problem) {
  const store::Account& account = visit.call.account();
  Page page(visit, "account.html", "Your account");
  Values& values = page.values();
  values.set("NAME", account.display_name)
      .set("LOGIN", account.login)
      .set("ROLES", roles_text(account));
  if (!notice.empty()) values.add("NOTICE").set("MESSAGE", notice);
  if (!problem.empty()) values.add("PROBLEM").set("MESSAGE", problem);
  if (account.roles.has(store::Role::patient) && account.patient) {
    Values patient = values.add("PATIENT");
    auto trail = visit.call.store->audit_trail(visit.call.actor, *account.patient);
    if (!trail) return error_page(visit, 500, "Your record could not be read. Please try again.");
    auto record = visit.call.store->patient(visit.call.actor, *account.patient);
    if (!record) return error_page(visit, 500, "Your record could not be read. Please try again.");
    std::map<std::string, std::string> names;
    Values reads = trail->empty() ? patient : patient.add("HAS_READS");
    patient.show_if(trail->empty(), "NO_READS");
    // Newest first: the latest kReadsShown, or all of them when asked.
    const bool all = query_parameter(visit.call.request, "reads") == "all";
    const std::size_t shown = all ? trail->size() : std::min(trail->size(), kReadsShown);
    for (std::size_t i = trail->size(); i-- > trail->size() - shown;) {
      const store::AuditRecord& line = (*trail)[i];
      reads.add("READ")
          .set("WHEN", show_time(line.at, record->time_zone))
          .set("WHO", actor_name(visit, line.actor, names))
          .set("WHAT", line.action + " " + line.record)
          .set("FROM", line.address.empty() ? "-" : line.address);
    }
    if (trail->size() > shown) {
      patient.add("OLDER_READS").set("COUNT", static_cast<std::int64_t>(trail->size() - shown));
    }
  }
  return page.respond(status);
}

}  // namespace

http::Response sign_in_form(Visit& visit) { return sign_in_page(visit, 200, ""); }

http::Response sign_in(Visit& visit) {
  api::SignInOutcome outcome = api::password_sign_in(
      visit.call, std::string(visit.form.get("login")), std::string(visit.form.get("password")));
  if (outcome.refusal) {
    const int status = outcome.refusal->status;
    if (status == 429) {
      return sign_in_page(visit, 429,
                          "Too many failed sign-ins. Wait a quarter of an hour and try again.");
    }
    if (status == 401)
      return sign_in_page(visit, 401, "The sign-in name or the password is wrong.");
    return sign_in_page(visit, status, "Signing in failed. Please try again.");
  }
  return signed_in(visit, *outcome.opened, safe_then(visit.form.get("then")));
}

http::Response sign_out(Visit& visit) {
  (void)visit.call.accounts().end_session(visit.call.session->token_hash);
  http::Response response = redirect("/");
  response.set("Set-Cookie", api::removed_cookie_header(visit.call.shared.settings));
  return response;
}

http::Response join_form(Visit& visit) { return join_page(visit, 200, ""); }

http::Response join(Visit& visit) {
  auto account = api::join_with_invitation(visit.call, std::string(visit.form.get("code")),
                                           std::string(visit.form.get("login")),
                                           std::string(visit.form.get("password")));
  if (!account) {
    const Error& error = account.error();
    const std::string field = error.where == "token" ? "Invitation code" : error.where;
    const int status = error.code == "not_found" ? 404 : error.code == "duplicate" ? 409 : 400;
    if (error.code == "duplicate")
      return join_page(visit, status, "That sign-in name is taken: choose another.");
    return join_page(visit, status, field + ": " + error.message);
  }
  auto opened = api::open_session(visit.call, *account, store::SessionKind::cookie);
  if (!opened)
    return error_page(visit, 500, "Your account was created, but signing in failed: sign in.");
  return signed_in(visit, *opened, "");
}

http::Response account_page(Visit& visit) { return account_view(visit, 200, "", ""); }

http::Response change_password(Visit& visit) {
  auto changed =
      api::change_password_of(visit.call, std::string(visit.form.get("current_password")),
                              std::string(visit.form.get("new_password")));
  if (!changed) {
    const Error& error = changed.error();
    if (error.code == "invalid_credentials") {
      return account_view(visit, 403, "", "The current password is wrong.");
    }
    if (error.code == "invalid")
      return account_view(visit, 400, "", "New password: " + error.message);
    return error_page(visit, 500, "The password was not changed. Please try again.");
  }
  // Every session has ended, this one too.
  http::Response response = redirect("/signin");
  response.set("Set-Cookie", api::removed_cookie_header(visit.call.shared.settings));
  return response;
}

http::Response export_my_data(Visit& visit) {
  const store::Account& account = visit.call.account();
  if (!account.patient) return error_page(visit, 403, "Only a patient's account holds a record.");
  auto file = visit.call.store->patient_file(visit.call.actor, *account.patient);
  if (!file) return error_page(visit, 500, "Your record could not be read. Please try again.");
  http::Response response;
  response.body = codec::patient_file_to_json(*file);
  response.set("Content-Type", "application/json");
  response.set("Cache-Control", "no-store");
  response.set("Content-Disposition", "attachment; filename=\"massage-navigator-export.json\"");
  return response;
}

http::Response delete_my_record(Visit& visit) {
  const store::Account& account = visit.call.account();
  if (!account.patient) return error_page(visit, 403, "Only a patient's account holds a record.");
  if (visit.form.get("confirm") != "yes") {
    return account_view(visit, 400, "", "Tick \"I understand\" to delete your record.");
  }
  auto erased = visit.call.store->erase_patient(visit.call.actor, *account.patient);
  if (!erased) return error_page(visit, 500, "Your record was not deleted. Please try again.");
  http::Response response = redirect("/");
  response.set("Set-Cookie", api::removed_cookie_header(visit.call.shared.settings));
  return response;
}

}  // namespace mn::web
