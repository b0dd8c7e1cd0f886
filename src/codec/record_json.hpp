#pragma once

// Internal to src/codec: the JSON of each stored record, shared by the
// export (journal_json.cpp) and the HTTP API (api_json_write.cpp) so that a
// record reads the same in both. Only codec .cpp files include this header.

#include <nlohmann/json.hpp>
#include <string>

#include "store/records.hpp"

namespace mn::codec::record_json {

// Insertion order, so that the JSON reads in the order of its description.
using json = nlohmann::ordered_json;

// {"id", "display_name", "time_zone", "created_at"}.
json patient(const store::Patient& patient);

// {"id", "version", "recorded_at", "intake": {...}}.
json intake(const store::IntakeRecord& record);

// {"id", "intake", "assessed_at", "knowledge_version", "style",
//  "safety_status", "assessment": {...}}.
json assessment(const store::AssessmentRecord& record);

// {"id", "version", "created_at", "assessment"?, "reason", "plan": {...}}.
json plan(const store::PlanRecord& record);

// {"time", "style", "minutes", "therapist"?, "pressure"}: no "id" (the export
// leaves it out).
json session(const store::SessionRecord& record);

// {"time", "recorded_at", "pain": {"neck": 4}, "activities": [{"name",
// "score"}], "stress"?, "sleep_quality"?, "soreness_hours"?, "sharp_pain"?,
// "new_symptoms"?, "notes"?}: no "id" (the export leaves it out).
json journal_entry(const store::JournalRecord& record);

// {"id": id} followed by the members of `object`.
json with_id(store::RecordId id, const json& object);

// Compact (`indent` < 0) or indented text; text that is not UTF-8 is
// written with U+FFFD in its place, so this never throws.
std::string dump(const json& document, int indent);

}  // namespace mn::codec::record_json
