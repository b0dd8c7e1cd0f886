#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/journal.hpp"
#include "core/style.hpp"

namespace mn::store {

// Identifiers are database keys; they are never reused after an erasure.
using PatientId = std::int64_t;
using RecordId = std::int64_t;
using AccountId = std::int64_t;
using ClinicId = std::int64_t;

// Times are UTC seconds since 1970-01-01 everywhere in the store; they are
// converted to the person's time zone only for display (see time_zone.hpp).
using Seconds = std::int64_t;

// Who reads or changes a record: "cli:alice", "account:12". Never a
// patient's name.
struct Actor {
  std::string name;
  std::string address{};  // where the request came from ("203.0.113.7"); empty for the CLI
};

struct NewPatient {
  std::string display_name;                       // 1..200 characters
  std::string time_zone = "UTC";                  // an IANA name such as "Europe/Berlin"
  std::optional<ClinicId> clinic = std::nullopt;  // must exist when given
};

struct Patient {
  PatientId id = 0;
  std::string display_name;
  std::string time_zone;
  Seconds created_at = 0;
  std::optional<ClinicId> clinic = std::nullopt;
};

// Every version of a person's intake is kept; version 1 is the first.
struct IntakeRecord {
  RecordId id = 0;
  PatientId patient = 0;
  int version = 0;
  Seconds recorded_at = 0;
  std::string intake_json;  // the intake v1 contract, as validated
};

// An assessment as the engine produced it, with the knowledge-base version
// that produced it, so a later reassessment can say what changed and why.
struct AssessmentRecord {
  RecordId id = 0;
  PatientId patient = 0;
  RecordId intake = 0;
  Seconds assessed_at = 0;
  std::string knowledge_version;
  std::string style;          // recommendation style name
  std::string safety_status;  // clear / adjust / consult_first / ...
  std::string assessment_json;
};

// A plan version. Adapting a plan adds a version; none is ever changed.
struct PlanRecord {
  RecordId id = 0;
  PatientId patient = 0;
  int version = 0;
  Seconds created_at = 0;
  std::optional<RecordId> assessment;  // the assessment it came from, if any
  std::string reason;                  // "assessment" or the adaptation decision
  std::string plan_json;               // codec/plan_json
};

// A session that took place.
struct SessionRecord {
  RecordId id = 0;
  PatientId patient = 0;
  Seconds time = 0;
  core::Style style = core::Style::therapeutic;
  int minutes = 60;
  std::string therapist;  // name or practice; may be empty
  int pressure = 3;       // Walton level 1..5 used
};

struct JournalRecord {
  RecordId id = 0;
  PatientId patient = 0;
  Seconds recorded_at = 0;  // when it was written; entry.time is what it is about
  core::JournalEntry entry;
};

// One line of the audit trail. It names the record, never its content.
struct AuditRecord {
  RecordId id = 0;
  Seconds at = 0;
  std::string actor;
  std::string action;  // "read", "create", "erase", ...
  std::optional<PatientId> patient;
  std::string record;     // "journal/42", "patient/3"
  std::string address{};  // the actor's address; empty for the CLI
};

// Everything the store holds about one person, in time order per kind.
struct PatientFile {
  Patient patient;
  std::vector<IntakeRecord> intakes;
  std::vector<AssessmentRecord> assessments;
  std::vector<PlanRecord> plans;
  std::vector<SessionRecord> sessions;
  std::vector<JournalRecord> journal;
};

}  // namespace mn::store
