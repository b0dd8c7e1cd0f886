#include "codec/journal_json.hpp"

#include "codec/record_json.hpp"

namespace mn::codec {

namespace {

using record_json::json;

// The records as a list, each written by `write`.
template <class Record, class Write>
json list(const std::vector<Record>& records, Write write) {
  json array = json::array();
  for (const Record& record : records) array.push_back(write(record));
  return array;
}

}  // namespace

std::string patient_file_to_json(const store::PatientFile& file) {
  const json document{{"format", "massage-navigator-export"},
                      {"version", 1},
                      {"patient", record_json::patient(file.patient)},
                      {"intakes", list(file.intakes, record_json::intake)},
                      {"assessments", list(file.assessments, record_json::assessment)},
                      {"plans", list(file.plans, record_json::plan)},
                      {"sessions", list(file.sessions, record_json::session)},
                      {"journal", list(file.journal, record_json::journal_entry)}};
  return record_json::dump(document, 2) + "\n";
}

}  // namespace mn::codec
