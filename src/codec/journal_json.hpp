#pragma once

#include <string>

#include "store/records.hpp"

namespace mn::codec {

// Everything stored about one person, as the JSON that `export` writes
// (pretty-printed, 2 spaces):
//
//   {"format": "massage-navigator-export", "version": 1,
//    "patient": {"id", "display_name", "time_zone", "created_at"},
//    "intakes": [{"id", "version", "recorded_at", "intake": {...}}],
//    "assessments": [{"id", "intake", "assessed_at", "knowledge_version", "style",
//                     "safety_status", "assessment": {...}}],
//    "plans": [{"id", "version", "created_at", "assessment"?, "reason", "plan": {...}}],
//    "sessions": [{"time", "style", "minutes", "therapist"?, "pressure"}],
//    "journal": [{"time", "recorded_at", "pain": {"neck": 4}, "activities": [{"name",
//                 "score"}], "stress"?, "sleep_quality"?, "soreness_hours"?,
//                 "sharp_pain"?, "new_symptoms"?, "notes"?}]}
//
// Times are ISO 8601 UTC ("2026-11-27T20:15:00Z"; the person's zone is in
// patient.time_zone). Unset values and empty texts are left out. The stored
// intake, assessment and plan JSON is embedded as objects; a stored text
// that is not JSON (a damaged record) is embedded as a string rather than
// lost. Text that is not UTF-8 is written with U+FFFD in its place. Records
// are written in the order given. Never throws for any file.
std::string patient_file_to_json(const store::PatientFile& file);

}  // namespace mn::codec
