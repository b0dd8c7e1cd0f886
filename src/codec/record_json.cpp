#include "codec/record_json.hpp"

#include "codec/utc_time.hpp"
#include "core/intake.hpp"

namespace mn::codec::record_json {

namespace {

// The stored JSON as an object; the text itself when it does not parse (a
// damaged record is shown rather than lost).
json embedded(const std::string& stored) {
  json value = json::parse(stored, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return stored;
  return value;
}

void put_text(json& object, const char* key, const std::string& text) {
  if (!text.empty()) object[key] = text;
}

}  // namespace

json patient(const store::Patient& patient) {
  return {{"id", patient.id},
          {"display_name", patient.display_name},
          {"time_zone", patient.time_zone},
          {"created_at", format_utc(patient.created_at)}};
}

json intake(const store::IntakeRecord& record) {
  return {{"id", record.id},
          {"version", record.version},
          {"recorded_at", format_utc(record.recorded_at)},
          {"intake", embedded(record.intake_json)}};
}

json assessment(const store::AssessmentRecord& record) {
  return {{"id", record.id},
          {"intake", record.intake},
          {"assessed_at", format_utc(record.assessed_at)},
          {"knowledge_version", record.knowledge_version},
          {"style", record.style},
          {"safety_status", record.safety_status},
          {"assessment", embedded(record.assessment_json)}};
}

json plan(const store::PlanRecord& record) {
  json object{{"id", record.id},
              {"version", record.version},
              {"created_at", format_utc(record.created_at)}};
  if (record.assessment) object["assessment"] = *record.assessment;
  object["reason"] = record.reason;
  object["plan"] = embedded(record.plan_json);
  return object;
}

json session(const store::SessionRecord& record) {
  json object{{"time", format_utc(record.time)},
              {"style", core::style_name(record.style)},
              {"minutes", record.minutes}};
  put_text(object, "therapist", record.therapist);
  object["pressure"] = record.pressure;
  return object;
}

json journal_entry(const store::JournalRecord& record) {
  const core::JournalEntry& entry = record.entry;
  json pain = json::object();
  const auto& regions = core::choice_names(core::Choices::region);
  for (std::size_t r = 0; r < entry.pain.size(); ++r) {
    if (entry.pain[r]) pain[std::string(regions.at(r))] = *entry.pain[r];
  }
  json activities = json::array();
  for (const core::ActivityRating& activity : entry.activities) {
    activities.push_back({{"name", activity.name}, {"score", activity.score}});
  }
  json object{{"time", format_utc(entry.time)},
              {"recorded_at", format_utc(record.recorded_at)},
              {"pain", std::move(pain)},
              {"activities", std::move(activities)}};
  if (entry.stress) object["stress"] = *entry.stress;
  if (entry.sleep_quality) object["sleep_quality"] = *entry.sleep_quality;
  if (entry.soreness_hours) object["soreness_hours"] = *entry.soreness_hours;
  if (entry.sharp_pain) object["sharp_pain"] = *entry.sharp_pain;
  put_text(object, "new_symptoms", entry.new_symptoms);
  put_text(object, "notes", entry.notes);
  return object;
}

json with_id(store::RecordId id, const json& object) {
  json result{{"id", id}};
  for (const auto& [key, value] : object.items()) result[key] = value;
  return result;
}

std::string dump(const json& document, int indent) {
  return document.dump(indent, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

}  // namespace mn::codec::record_json
