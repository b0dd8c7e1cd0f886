#include "codec/journal_json.hpp"

#include <nlohmann/json.hpp>

#include "codec/utc_time.hpp"
#include "core/intake.hpp"

namespace mn::codec {

namespace {

// Insertion order, so that the export reads in the order of its description.
using json = nlohmann::ordered_json;

// The stored JSON as an object; the text itself when it does not parse.
json embedded(const std::string& stored) {
  json value = json::parse(stored, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return stored;
  return value;
}

void put_text(json& object, const char* key, const std::string& text) {
  if (!text.empty()) object[key] = text;
}

json journal_entry_json(const store::JournalRecord& record) {
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

json patient_json(const store::Patient& patient) {
  return {{"id", patient.id},
          {"display_name", patient.display_name},
          {"time_zone", patient.time_zone},
          {"created_at", format_utc(patient.created_at)}};
}

json intakes_json(const std::vector<store::IntakeRecord>& records) {
  json intakes = json::array();
  for (const store::IntakeRecord& intake : records) {
    intakes.push_back({{"id", intake.id},
                       {"version", intake.version},
                       {"recorded_at", format_utc(intake.recorded_at)},
                       {"intake", embedded(intake.intake_json)}});
  }
  return intakes;
}

json assessments_json(const std::vector<store::AssessmentRecord>& records) {
  json assessments = json::array();
  for (const store::AssessmentRecord& assessment : records) {
    assessments.push_back({{"id", assessment.id},
                           {"intake", assessment.intake},
                           {"assessed_at", format_utc(assessment.assessed_at)},
                           {"knowledge_version", assessment.knowledge_version},
                           {"style", assessment.style},
                           {"safety_status", assessment.safety_status},
                           {"assessment", embedded(assessment.assessment_json)}});
  }
  return assessments;
}

json plans_json(const std::vector<store::PlanRecord>& records) {
  json plans = json::array();
  for (const store::PlanRecord& plan : records) {
    json object{
        {"id", plan.id}, {"version", plan.version}, {"created_at", format_utc(plan.created_at)}};
    if (plan.assessment) object["assessment"] = *plan.assessment;
    object["reason"] = plan.reason;
    object["plan"] = embedded(plan.plan_json);
    plans.push_back(std::move(object));
  }
  return plans;
}

json sessions_json(const std::vector<store::SessionRecord>& records) {
  json sessions = json::array();
  for (const store::SessionRecord& session : records) {
    json object{{"time", format_utc(session.time)},
                {"style", core::style_name(session.style)},
                {"minutes", session.minutes}};
    put_text(object, "therapist", session.therapist);
    object["pressure"] = session.pressure;
    sessions.push_back(std::move(object));
  }
  return sessions;
}

}  // namespace

std::string patient_file_to_json(const store::PatientFile& file) {
  json journal = json::array();
  for (const store::JournalRecord& record : file.journal) {
    journal.push_back(journal_entry_json(record));
  }
  const json document{{"format", "massage-navigator-export"},
                      {"version", 1},
                      {"patient", patient_json(file.patient)},
                      {"intakes", intakes_json(file.intakes)},
                      {"assessments", assessments_json(file.assessments)},
                      {"plans", plans_json(file.plans)},
                      {"sessions", sessions_json(file.sessions)},
                      {"journal", std::move(journal)}};
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace mn::codec
