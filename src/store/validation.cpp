#include "store/validation.hpp"

#include <algorithm>
#include <unordered_map>

#include "codec/journal_validation.hpp"
#include "store/time_zone.hpp"

namespace mn::store {

namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxRecordText = std::size_t{4} * 1024 * 1024;

Error invalid(std::string where, std::string message) {
  return Error{"invalid", std::move(where), std::move(message)};
}

bool has_control_characters(std::string_view text) {
  return std::ranges::any_of(
      text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

Error unknown_patient(PatientId patient) {
  return Error{"not_found", "patient", "patient " + std::to_string(patient) + " does not exist"};
}

std::optional<Error> check_new_patient(const NewPatient& patient) {
  if (patient.display_name.empty()) return invalid("display_name", "must not be empty");
  if (patient.display_name.size() > kMaxNameLength) {
    return invalid("display_name", "must be at most 200 bytes");
  }
  if (has_control_characters(patient.display_name)) {
    return invalid("display_name", "must not contain control characters");
  }
  if (!is_time_zone(patient.time_zone)) {
    return invalid("time_zone", "unknown time zone '" + patient.time_zone +
                                    "'; use an IANA name such as Europe/Berlin or UTC");
  }
  return std::nullopt;
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
  if (session.therapist.size() > kMaxNameLength || has_control_characters(session.therapist)) {
    return invalid("therapist", "must be at most 200 bytes without control characters");
  }
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

}  // namespace mn::store
