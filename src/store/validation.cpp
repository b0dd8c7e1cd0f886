#include "store/validation.hpp"

#include <algorithm>
#include <unordered_map>

#include "codec/journal_validation.hpp"
#include "codec/utf8.hpp"
#include "store/time_zone.hpp"

namespace mn::store {

namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxRecordText = std::size_t{4} * 1024 * 1024;
constexpr std::size_t kMinLoginLength = 3;
constexpr std::size_t kMaxLoginLength = 100;
constexpr std::size_t kMaxShortText = 512;
constexpr std::size_t kTokenHashLength = 64;
constexpr std::uint8_t kAllRoles = 15;

Error invalid(std::string where, std::string message) {
  return Error{"invalid", std::move(where), std::move(message)};
}

bool has_control_characters(std::string_view text) {
  return std::ranges::any_of(
      text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

std::optional<Error> check_time_zone(const std::string& time_zone) {
  if (is_time_zone(time_zone)) return std::nullopt;
  return invalid("time_zone", "unknown time zone '" + time_zone +
                                  "'; use an IANA name such as Europe/Berlin or UTC");
}

// ASCII only: a login is typed on any keyboard and compared byte for byte.
bool is_login_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '@';
}

// Names count characters as people do (and as the API's codec does), so a
// name in Greek or Japanese gets the same 200 as one in English.
std::optional<std::string> name_problem(const std::string& name) {
  if (codec::invalid_utf8_at(name)) return "must be UTF-8 text";
  if (codec::count_characters(name) > kMaxNameLength) return "must be at most 200 characters";
  if (has_control_characters(name)) return "must not contain control characters";
  return std::nullopt;
}

}  // namespace

Error unknown_patient(PatientId patient) { return unknown("patient", patient); }

Error unknown(const std::string& kind, std::int64_t id) {
  return Error{"not_found", kind, kind + " " + std::to_string(id) + " does not exist"};
}

std::optional<Error> check_display_name(const std::string& name, const std::string& where) {
  if (name.empty()) return invalid(where, "must not be empty");
  if (auto problem = name_problem(name)) return invalid(where, *problem);
  return std::nullopt;
}

std::optional<Error> check_new_patient(const NewPatient& patient) {
  if (auto problem = check_display_name(patient.display_name, "display_name")) return problem;
  return check_time_zone(patient.time_zone);
}

std::optional<Error> check_new_session(const NewSession& session, Seconds now) {
  if (session.time > now) return invalid("time", "must not be in the future");
  if (session.time < 0) return invalid("time", "must be after 1970-01-01");
  if (session.style != core::Style::therapeutic && session.style != core::Style::relaxation) {
    return invalid("style", "must be therapeutic or relaxation");
  }
  if (session.minutes < 10 || session.minutes > 240) {
    return invalid("minutes", "must be 10..240, not " + std::to_string(session.minutes));
  }
  if (session.pressure < 1 || session.pressure > 5) {
    return invalid("pressure",
                   "must be a Walton level 1..5, not " + std::to_string(session.pressure));
  }
  if (auto problem = name_problem(session.therapist)) return invalid("therapist", *problem);
  return std::nullopt;
}

std::optional<Error> check_new_intake(const NewIntake& intake, Seconds now) {
  if (intake.recorded_at && (*intake.recorded_at > now || *intake.recorded_at < 0)) {
    return invalid("recorded_at", "must lie between 1970-01-01 and now");
  }
  const std::pair<const char*, const std::string*> texts[] = {
      {"intake", &intake.intake_json}, {"assessment", &intake.assessment_json},
      {"plan", &intake.plan_json},     {"knowledge_version", &intake.knowledge_version},
      {"style", &intake.style},        {"safety_status", &intake.safety_status}};
  for (const auto& [name, text] : texts) {
    if (text->empty()) return invalid(name, "must not be empty");
    if (text->size() > kMaxRecordText) return invalid(name, "is larger than 4 MiB");
  }
  return std::nullopt;
}

std::optional<Error> check_new_plan(const NewPlan& plan) {
  if (plan.reason.empty()) return invalid("reason", "must not be empty");
  if (plan.plan_json.empty()) return invalid("plan", "must not be empty");
  if (plan.plan_json.size() > kMaxRecordText) return invalid("plan", "is larger than 4 MiB");
  return std::nullopt;
}

std::optional<Error> check_journal_entries(std::span<const core::JournalEntry> entries,
                                           Seconds now) {
  if (entries.empty()) return invalid("entries", "there is nothing to save");
  std::unordered_map<Seconds, std::size_t> first_at;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string where = "entries[" + std::to_string(i) + "]";
    auto problems = codec::validate_journal_entry(entries[i], now, where);
    if (!problems.empty()) return problems.front();
    const auto [seen, inserted] = first_at.emplace(entries[i].time, i);
    if (!inserted) {
      return Error{"duplicate", where + ".time",
                   "repeats the time of entries[" + std::to_string(seen->second) + "]"};
    }
  }
  return std::nullopt;
}

// ---- Accounts -------------------------------------------------------------------

std::optional<Error> check_clinic_name(const std::string& name) {
  return check_display_name(name, "clinic");
}

std::optional<Error> check_login(const std::string& login) {
  if (login.size() < kMinLoginLength || login.size() > kMaxLoginLength) {
    return invalid("login", "must be 3..100 characters");
  }
  if (!std::ranges::all_of(login, is_login_character)) {
    return invalid("login", "may hold only letters, digits and . _ - @");
  }
  return std::nullopt;
}

std::optional<Error> check_password_hash(const std::string& password_hash) {
  // The store never sees a password; anything but an argon2id string means
  // the caller passed the wrong thing.
  if (!password_hash.starts_with("$argon2id$") || password_hash.size() > kMaxShortText ||
      has_control_characters(password_hash)) {
    return invalid("password_hash", "must be an argon2id hash string ($argon2id$...)");
  }
  return std::nullopt;
}

std::optional<Error> check_token_hash(const std::string& token_hash) {
  const bool hex = std::ranges::all_of(
      token_hash, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (token_hash.size() != kTokenHashLength || !hex) {
    return invalid("token_hash", "must be 64 lowercase hexadecimal digits");
  }
  return std::nullopt;
}

std::optional<Error> check_new_account(const NewAccount& account) {
  if (auto problem = check_login(account.login)) return problem;
  if (auto problem = check_display_name(account.display_name, "display_name")) return problem;
  if (auto problem = check_password_hash(account.password_hash)) return problem;
  if (account.roles.bits < 1 || account.roles.bits > kAllRoles) {
    return invalid("roles", "must be one or more of patient, clinician, therapist, admin");
  }
  const bool in_clinic = account.roles.has(Role::patient) || account.roles.has(Role::clinician) ||
                         account.roles.has(Role::therapist);
  if (in_clinic && !account.clinic) {
    return invalid("clinic", "a patient, clinician or therapist belongs to a clinic");
  }
  if (account.roles.has(Role::patient) != account.patient.has_value()) {
    return invalid("patient", account.patient ? "only a patient account has a patient record"
                                              : "a patient account needs the person's record");
  }
  return std::nullopt;
}

std::optional<Error> check_new_login_session(const NewLoginSession& session) {
  if (auto problem = check_token_hash(session.token_hash)) return problem;
  if (session.kind != SessionKind::cookie && session.kind != SessionKind::bearer) {
    return invalid("kind", "must be cookie or bearer");
  }
  if (session.kind == SessionKind::cookie &&
      (session.csrf_token.empty() || session.csrf_token.size() > kMaxShortText ||
       has_control_characters(session.csrf_token))) {
    return invalid("csrf_token", "a cookie session needs a CSRF token of 1..512 characters");
  }
  if (session.kind == SessionKind::bearer && !session.csrf_token.empty()) {
    return invalid("csrf_token", "a bearer token has no CSRF token");
  }
  if (session.expires_at <= session.created_at) {
    return invalid("expires_at", "must be after created_at");
  }
  return std::nullopt;
}

std::optional<Error> check_login_failure_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxShortText || has_control_characters(key)) {
    return invalid("key", "must be 1..512 characters without control characters");
  }
  return std::nullopt;
}

std::optional<Error> check_new_invitation(const NewInvitation& invitation) {
  if (auto problem = check_token_hash(invitation.token_hash)) return problem;
  if (invitation.role != Role::patient && invitation.role != Role::clinician &&
      invitation.role != Role::therapist) {
    return invalid("role", "an invitation is for a patient, a clinician or a therapist");
  }
  if (auto problem = check_display_name(invitation.display_name, "display_name")) return problem;
  if (auto problem = check_time_zone(invitation.time_zone)) return problem;
  if (invitation.expires_at <= invitation.created_at) {
    return invalid("expires_at", "must be after created_at");
  }
  return std::nullopt;
}

}  // namespace mn::store
