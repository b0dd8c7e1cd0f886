#include "codec/api_json.hpp"
#include "codec/field_reader.hpp"
#include "codec/journal_validation.hpp"
#include "core/intake.hpp"

namespace mn::codec {

namespace {

using strict_json::element_path;
using strict_json::FieldReader;
using strict_json::json;
using strict_json::member_path;
using strict_json::TextRules;

// Names of people, therapists and time zones.
constexpr TextRules kNameRules{.max_characters = 200, .one_line = true};
// Journal texts: validate_journal_entry checks them as it does for the CSV.
constexpr TextRules kAnyText{};
// A session's length in minutes and its Walton pressure level (the store
// checks the same ranges).
constexpr int kMinMinutes = 10;
constexpr int kMaxMinutes = 240;
constexpr int kMinPressure = 1;
constexpr int kMaxPressure = 5;

constexpr std::string_view kPatientRequired[] = {"display_name"};
constexpr std::string_view kPatientOptional[] = {"time_zone"};
constexpr std::string_view kSessionRequired[] = {"time", "style"};
constexpr std::string_view kSessionOptional[] = {"minutes", "therapist", "pressure"};
constexpr std::string_view kBatchRequired[] = {"entries"};
constexpr std::string_view kEntryRequired[] = {"time"};
constexpr std::string_view kEntryOptional[] = {"pain",          "activities",     "stress",
                                               "sleep_quality", "soreness_hours", "sharp_pain",
                                               "new_symptoms",  "notes"};
// What journal_to_json writes but only the server sets.
constexpr std::string_view kEntryServerFields[] = {"id", "recorded_at"};
constexpr std::string_view kActivityRequired[] = {"name", "score"};

Result<json> parse_body(std::string_view body) {
  return strict_json::parse(body, kMaxBodyBytes, kMaxBodyDepth);
}

void read_pain(FieldReader& fields, core::JournalEntry& entry) {
  const json* pain = fields.object_member("pain");
  if (pain == nullptr) return;
  FieldReader regions(*pain, member_path(fields.path(), "pain"));
  for (const auto& [name, value] : pain->items()) {
    const auto region = core::choice_by_name(core::Choices::region, name);
    if (!region) {
      std::string known;
      for (const std::string_view region_name : core::choice_names(core::Choices::region)) {
        known += (known.empty() ? "" : ", ") + std::string(region_name);
      }
      regions.fail(
          name, "unknown region " + strict_json::in_quotes(name) + "; expected one of: " + known);
      break;
    }
    regions.integer(name, 0, kMaxRating, entry.pain.at(*region));
  }
  if (regions.error()) fields.fail(*regions.error());
}

void read_activities(FieldReader& fields, core::JournalEntry& entry) {
  const json* activities = fields.array_member("activities");
  if (activities == nullptr) return;
  const std::string path = member_path(fields.path(), "activities");
  for (std::size_t a = 0; a < activities->size() && !fields.error(); ++a) {
    FieldReader activity((*activities)[a], element_path(path, a));
    activity.expect_members(kActivityRequired, {});
    core::ActivityRating rating;
    activity.text("name", kAnyText, rating.name);
    activity.integer("score", 0, kMaxRating, rating.score);
    if (activity.error()) fields.fail(*activity.error());
    entry.activities.push_back(std::move(rating));
  }
}

// The entry at `path`, read and then validated.
std::optional<Error> read_entry(const json& value, const std::string& path, std::int64_t now,
                                core::JournalEntry& entry) {
  FieldReader fields(value, path);
  for (const std::string_view name : kEntryServerFields) {
    if (fields.member(name) != nullptr) fields.fail(name, "is set by the server; leave it out");
  }
  fields.expect_members(kEntryRequired, kEntryOptional);
  fields.time("time", entry.time);
  read_pain(fields, entry);
  read_activities(fields, entry);
  fields.integer("stress", 0, kMaxRating, entry.stress);
  fields.integer("sleep_quality", 0, kMaxRating, entry.sleep_quality);
  fields.number("soreness_hours", entry.soreness_hours);
  fields.boolean("sharp_pain", entry.sharp_pain);
  fields.text("new_symptoms", kAnyText, entry.new_symptoms);
  fields.text("notes", kAnyText, entry.notes);
  if (fields.error()) return fields.error();
  std::vector<Error> problems = validate_journal_entry(entry, now, path);
  if (!problems.empty()) return std::move(problems.front());
  return std::nullopt;
}

}  // namespace

Result<store::NewPatient> parse_new_patient(std::string_view body) {
  const Result<json> document = parse_body(body);
  if (!document) return document.error();
  FieldReader fields(*document, "");
  fields.expect_members(kPatientRequired, kPatientOptional);
  store::NewPatient patient;
  fields.text("display_name", kNameRules, patient.display_name);
  if (patient.display_name.empty()) fields.fail("display_name", "must not be empty");
  fields.text("time_zone", kNameRules, patient.time_zone);
  if (fields.error()) return *fields.error();
  return patient;
}

Result<store::NewSession> parse_new_session(std::string_view body) {
  const Result<json> document = parse_body(body);
  if (!document) return document.error();
  FieldReader fields(*document, "");
  fields.expect_members(kSessionRequired, kSessionOptional);
  store::NewSession session;
  fields.time("time", session.time);
  std::string style;
  fields.text("style", kAnyText, style);
  if (style == core::style_name(core::Style::therapeutic)) {
    session.style = core::Style::therapeutic;
  } else if (style == core::style_name(core::Style::relaxation)) {
    session.style = core::Style::relaxation;
  } else {
    fields.fail("style", "must be therapeutic or relaxation, not " + strict_json::in_quotes(style));
  }
  fields.integer("minutes", kMinMinutes, kMaxMinutes, session.minutes);
  fields.text("therapist", kNameRules, session.therapist);
  fields.integer("pressure", kMinPressure, kMaxPressure, session.pressure);
  if (fields.error()) return *fields.error();
  return session;
}

Result<std::vector<core::JournalEntry>> parse_journal_entries(std::string_view body,
                                                              std::int64_t now) {
  const Result<json> document = parse_body(body);
  if (!document) return document.error();
  FieldReader fields(*document, "");
  fields.expect_members(kBatchRequired, {});
  const json* entries = fields.array_member("entries");
  if (fields.error()) return *fields.error();
  if (entries->empty() || entries->size() > kMaxJournalBatch) {
    return Error{"invalid", "entries",
                 "must list 1.." + std::to_string(kMaxJournalBatch) + " entries, not " +
                     std::to_string(entries->size())};
  }
  std::vector<core::JournalEntry> result(entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    if (auto error = read_entry((*entries)[i], element_path("entries", i), now, result[i])) {
      return *std::move(error);
    }
  }
  return result;
}

Result<std::map<std::string, std::string>> parse_string_object(
    std::string_view body, std::span<const std::string_view> required,
    std::span<const std::string_view> optional) {
  const Result<json> document = parse_body(body);
  if (!document) return document.error();
  FieldReader fields(*document, "");
  fields.expect_members(required, optional);
  std::map<std::string, std::string> values;
  if (fields.error()) return *fields.error();
  for (const auto& [name, value] : document->items()) {
    std::string text;
    fields.text(name, TextRules{.max_bytes = kMaxStringFieldBytes}, text);
    values.emplace(name, std::move(text));
  }
  if (fields.error()) return *fields.error();
  return values;
}

}  // namespace mn::codec
