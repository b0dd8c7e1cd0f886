#pragma once

// The JSON bodies of the HTTP API: responses written from stored records,
// requests read into what the store takes. Pure functions of their
// arguments, safe to call from any thread.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal.hpp"
#include "core/result.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace mn::codec {

// ---- Responses --------------------------------------------------------------
//
// Compact JSON, no trailing newline. Records use the field names of the
// export (journal_json.hpp) and add "id" where the export has none. Times
// are ISO 8601 UTC ("2026-11-27T20:15:00Z"). Unset values and empty texts
// are left out. Stored intake, assessment and plan JSON is embedded as an
// object (as a string when the stored text is damaged). Text that is not
// UTF-8 is written with U+FFFD in its place; nothing else is changed, so
// markup or SQL in a text reaches the client verbatim, escaped only as JSON
// requires. Lists keep the order given. None of these throws.

// {"id", "display_name", "time_zone", "created_at", "clinic"?}.
std::string patient_to_json(const store::Patient& patient);
// {"patients": [patient, ...]}.
std::string patients_to_json(const std::vector<store::Patient>& patients);

// {"id", "version", "recorded_at", "intake": {...}}.
std::string intake_record_to_json(const store::IntakeRecord& record);

// {"id", "intake", "assessed_at", "knowledge_version", "style",
//  "safety_status", "assessment": {...}}.
std::string assessment_record_to_json(const store::AssessmentRecord& record);

// {"id", "version", "created_at", "assessment"?, "reason", "plan": {...}}.
std::string plan_record_to_json(const store::PlanRecord& record);

// {"id", "time", "style", "minutes", "therapist"?, "pressure"}.
std::string session_to_json(const store::SessionRecord& record);
// {"sessions": [session, ...]}.
std::string sessions_to_json(const std::vector<store::SessionRecord>& records);

// {"entries": [{"id", "time", "recorded_at", "pain": {"neck": 4},
//   "activities": [{"name", "score"}], "stress"?, "sleep_quality"?,
//   "soreness_hours"?, "sharp_pain"?, "new_symptoms"?, "notes"?}, ...]}.
// Without "id" and "recorded_at" (which the server sets), an entry reads
// back with parse_journal_entries as the same core::JournalEntry.
std::string journal_to_json(const std::vector<store::JournalRecord>& records);

// {"audit": [{"id", "at", "actor", "action", "record", "address"?}, ...]}:
// "address" is where the request came from (left out for the CLI). The
// patient is named by "record" ("patient/3") only.
std::string audit_to_json(const std::vector<store::AuditRecord>& records);

// {"error": {"code", "message", "field"}}: "field" is error.where, or null
// when that is empty.
std::string error_to_json(const Error& error);

// ---- Requests ---------------------------------------------------------------
//
// Bodies are untrusted: any bytes of any length. A reader never throws
// (short of running out of memory) and never recurses on the input; it
// returns the first problem it finds:
//
// - "too_large", where "body": more than kMaxBodyBytes.
// - "invalid_json", where "body": not one JSON text (RFC 8259), including
//   text that is not UTF-8, a lone surrogate escape, a number too large for
//   a double and nesting deeper than kMaxBodyDepth. The message gives the
//   1-based byte position: "not valid JSON at byte 12: ...".
// - "invalid", where = the JSON path of the field ("time",
//   "entries[2].pain.neck", "entries[0].activities[1].name"; "body" for the
//   document itself): a member named twice in one object, an unknown member
//   (named), a missing required one, a value of the wrong JSON type (the
//   message names the expected type: an integer must be written as one, so
//   12.0 and "12" are refused; null is never accepted for a value) or out
//   of range.
//
// Text values are kept verbatim (no trimming, no normalisation).
inline constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;
inline constexpr int kMaxBodyDepth = 64;

// {"display_name": string, "time_zone"?: string}. display_name: 1..200
// characters of one line; time_zone: at most 200 characters of one line
// ("UTC" when left out; whether the zone exists is the store's check).
Result<store::NewPatient> parse_new_patient(std::string_view body);

// {"time": ISO 8601 (see parse_utc), "style": "therapeutic" | "relaxation",
//  "minutes"?: integer 10..240, "therapist"?: at most 200 characters of one
//  line, "pressure"?: integer 1..5}. Left out, minutes and pressure take the
// defaults of store::NewSession. Whether the time lies in the future is the
// store's check.
Result<store::NewSession> parse_new_session(std::string_view body);

// {"entries": [entry, ...]} with 1..kMaxJournalBatch entries, each
// {"time": ISO 8601 (required), "pain"?: {region: integer}, "activities"?:
//  [{"name": string, "score": integer}], "stress"?: integer,
//  "sleep_quality"?: integer, "soreness_hours"?: number, "sharp_pain"?:
//  boolean, "new_symptoms"?: string, "notes"?: string}, region names as in
// the export ("neck", "lower_back"). Every entry is then checked with
// validate_journal_entry(entry, now, "entries[i]"); the first problem of
// the first entry that has one is returned. A soreness of -0 reads as 0.
inline constexpr std::size_t kMaxJournalBatch = 1000;
Result<std::vector<core::JournalEntry>> parse_journal_entries(std::string_view body,
                                                              std::int64_t now);

// An object whose members are all strings, such as {"login", "password"}:
// every name in `required` must be present, names in `optional` may be, any
// other is refused by name. Each value is well-formed UTF-8 without NUL of
// at most kMaxStringFieldBytes bytes. Returns the members present, by name.
inline constexpr std::size_t kMaxStringFieldBytes = 10'000;
Result<std::map<std::string, std::string>> parse_string_object(
    std::string_view body, std::span<const std::string_view> required,
    std::span<const std::string_view> optional);

}  // namespace mn::codec
