#pragma once

// Internal to the FHIR export (fhir_*.cpp and its unit test): identifiers,
// the JSON pieces every resource shares, and the writer of each group of
// resources. docs/fhir.md describes the mappings.
//
// Resources are written with JsonWriter in FHIR's element order
// (resourceType, id, then the elements as the specification lists them), not
// in the sorted key order json_writer.hpp assumes; the text is the same JSON
// document either way.

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/fhir_bundle.hpp"
#include "codec/json_writer.hpp"

namespace mn::codec::fhir {

// Where our canonical URLs, code systems and identifier systems live. A
// clinic that publishes its own replaces this one constant.
inline constexpr std::string_view kBase = "https://massage-navigator.example/fhir";

// kBase + "/CodeSystem/" + name.
std::string code_system(std::string_view name);

inline constexpr std::string_view kLoinc = "http://loinc.org";
inline constexpr std::string_view kUcum = "http://unitsofmeasure.org";

// A name-based UUID (RFC 4122 section 4.3, version 5: SHA-1) of `name` in the
// namespace `space`, as 36 lower-case characters.
using Uuid = std::array<std::uint8_t, 16>;
std::string uuid_v5(const Uuid& space, std::string_view name);

// Ours: uuid_v5 in the namespace that is itself uuid_v5 of kBase in RFC
// 4122's URL namespace.
std::string name_uuid(std::string_view name);

// What the resource writers read: the person's parsed records and the ids
// by which resources refer to each other. An id is empty when its resource
// is not in the bundle.
struct Context {
  const core::KnowledgeBase& knowledge;
  const store::PatientFile& file;
  const FhirOptions& options;
  // The latest intake, its assessment and the current plan as stored
  // (parsed); null when the person has none.
  const nlohmann::json* intake = nullptr;
  const nlohmann::json* assessment = nullptr;
  const nlohmann::json* plan = nullptr;
  // Prefix of every uuid name of this person's resources: the patient's id
  // and creation time, so that two databases' patient 6 differ.
  std::string scope{};
  std::string patient{};
  std::string questionnaire{};
  std::string response{};
  std::string care_plan{};
  std::string service_request{};
  std::string practitioner{};
  std::string role{};
  std::vector<std::string> goals{};  // one per goal of the latest intake, in its order
  std::vector<std::string> flags{};  // one per safety reason of the latest assessment
};

// ---- JSON pieces --------------------------------------------------------

// Opens a Bundle.entry: {"fullUrl": "urn:uuid:<uuid>", "resource":
// {"resourceType": type, "id": uuid, ... and leaves the resource open.
void begin_entry(JsonWriter& out, std::string_view uuid, std::string_view type);
// Closes the resource and the entry.
void end_entry(JsonWriter& out);

// "key": {"reference": "urn:uuid:<uuid>"}.
void reference(JsonWriter& out, std::string_view key, std::string_view uuid);
// "key": [references], or nothing when `uuids` is empty.
void references(JsonWriter& out, std::string_view key, const std::vector<std::string>& uuids);
// A Coding object; an empty display is left out.
void coding(JsonWriter& out, std::string_view system, std::string_view code,
            std::string_view display);
// "key": a CodeableConcept of one coding and, when not empty, a text.
void codeable_concept(JsonWriter& out, std::string_view key, std::string_view system,
                      std::string_view code, std::string_view display, std::string_view text);
// "key": {"text": text}.
void text_concept(JsonWriter& out, std::string_view key, std::string_view text);
// "key": "2026-11-27T20:15:00Z".
void date_time(JsonWriter& out, std::string_view key, std::int64_t seconds);
// "note": [{"text": ...}, ...], or nothing when `texts` is empty.
void notes(JsonWriter& out, const std::vector<std::string>& texts);

// Reading stored JSON. Each throws nlohmann::json::exception when the member
// is missing or of another type; fhir_bundle() turns that into an Error.
const std::string& text_of(const nlohmann::json& object, const char* key);
// The member, or null when it is absent or null. (Out of line: g++ 12 at -O2
// takes nlohmann's find() iterators, inlined, for dangling pointers.)
const nlohmann::json* member_of(const nlohmann::json& object, const char* key);
// The member as text, or "" when it is absent or null.
std::string optional_text(const nlohmann::json& object, const char* key);

// The knowledge base's label of a choice value (`index` from
// core::choice_by_name), or `fallback` when it has none.
std::string_view value_label(const core::Question& question, std::optional<unsigned> index,
                             std::string_view fallback);

// ---- The questionnaire, shared by the Questionnaire and its response ----

// kBase + "/Questionnaire/intake": the Questionnaire's canonical URL.
std::string questionnaire_url();
// A section's group item: "section-<id>", since a section may share its id
// with a field ("goals").
std::string group_link(const core::QuestionSection& section);
// Whether a field of this type takes several answers.
bool repeats(core::FieldType type);
// Our code system of a closed list of choices.
std::string choices_system(core::Choices choices);
// The label of a choice value by its code, or "" when it has none.
std::string_view choice_label(const core::Question& question, core::Choices choices,
                              std::string_view code);

// The title of a style in the knowledge base's guidance ("Therapeutic (deep
// tissue) massage"), or its name when the guidance has none.
std::string style_title(const core::KnowledgeBase& knowledge, std::string_view style);

// ---- Resources, in the order the bundle lists them ----------------------

void write_patient(JsonWriter& out, const Context& context);
void write_practitioner(JsonWriter& out, const Context& context);  // with PractitionerRole
void write_questionnaire(JsonWriter& out, const Context& context);
void write_questionnaire_response(JsonWriter& out, const Context& context);
void write_flags(JsonWriter& out, const Context& context);
void write_goals(JsonWriter& out, const Context& context);
void write_care_plan(JsonWriter& out, const Context& context);
void write_service_request(JsonWriter& out, const Context& context);
void write_procedures(JsonWriter& out, const Context& context);
void write_observations(JsonWriter& out, const Context& context);

}  // namespace mn::codec::fhir
