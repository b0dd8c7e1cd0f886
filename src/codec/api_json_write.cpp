#include "codec/api_json.hpp"
#include "codec/record_json.hpp"
#include "codec/utc_time.hpp"

namespace mn::codec {

namespace {

using record_json::json;

// {"<name>": [write(record), ...]}.
template <class Record, class Write>
std::string list_to_json(const char* name, const std::vector<Record>& records, Write write) {
  json array = json::array();
  for (const Record& record : records) array.push_back(write(record));
  return record_json::dump(json{{name, std::move(array)}}, -1);
}

json session_json(const store::SessionRecord& record) {
  return record_json::with_id(record.id, record_json::session(record));
}

json journal_json(const store::JournalRecord& record) {
  return record_json::with_id(record.id, record_json::journal_entry(record));
}

// The export's patient, with the clinic that keeps the person's records
// (the export leaves it out: it is where the records are, not about them).
json patient_json(const store::Patient& patient) {
  json object = record_json::patient(patient);
  if (patient.clinic) object["clinic"] = *patient.clinic;
  return object;
}

json audit_json(const store::AuditRecord& record) {
  json object{{"id", record.id},
              {"at", format_utc(record.at)},
              {"actor", record.actor},
              {"action", record.action},
              {"record", record.record}};
  if (!record.address.empty()) object["address"] = record.address;
  return object;
}

}  // namespace

std::string patient_to_json(const store::Patient& patient) {
  return record_json::dump(patient_json(patient), -1);
}

std::string patients_to_json(const std::vector<store::Patient>& patients) {
  return list_to_json("patients", patients, patient_json);
}

std::string intake_record_to_json(const store::IntakeRecord& record) {
  return record_json::dump(record_json::intake(record), -1);
}

std::string assessment_record_to_json(const store::AssessmentRecord& record) {
  return record_json::dump(record_json::assessment(record), -1);
}

std::string plan_record_to_json(const store::PlanRecord& record) {
  return record_json::dump(record_json::plan(record), -1);
}

std::string session_to_json(const store::SessionRecord& record) {
  return record_json::dump(session_json(record), -1);
}

std::string sessions_to_json(const std::vector<store::SessionRecord>& records) {
  return list_to_json("sessions", records, session_json);
}

std::string journal_to_json(const std::vector<store::JournalRecord>& records) {
  return list_to_json("entries", records, journal_json);
}

std::string audit_to_json(const std::vector<store::AuditRecord>& records) {
  return list_to_json("audit", records, audit_json);
}

std::string error_to_json(const Error& error) {
  json field = error.where.empty() ? json(nullptr) : json(error.where);
  const json document{
      {"error", {{"code", error.code}, {"message", error.message}, {"field", std::move(field)}}}};
  return record_json::dump(document, -1);
}

}  // namespace mn::codec
