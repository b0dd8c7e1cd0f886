#pragma once

#include <optional>
#include <string>

#include "core/knowledge_base.hpp"
#include "core/result.hpp"
#include "store/records.hpp"

namespace mn::codec {

// The therapist a bundle is for, when one has been chosen. The caller fills
// it in (the CLI from its flags; later the therapist directory). Nothing of
// it is stored: it only adds a Practitioner and a PractitionerRole to the
// bundle, named as the performer of the referral and of the plan.
struct FhirTherapist {
  std::string name;      // required: 1..200 characters
  std::string licence;   // licence or registration number; empty = not known
  std::string practice;  // the practice they work at; empty = not known
};

struct FhirOptions {
  std::optional<FhirTherapist> therapist = std::nullopt;
};

// One person's records as a FHIR R4 Bundle of type "collection" (JSON,
// indented by two spaces, ending in a newline): the Patient, the intake
// Questionnaire generated from `knowledge`, the latest intake as a
// QuestionnaireResponse, a Flag per safety rule that fired, a Goal per goal
// of the person, the current plan as a CarePlan, the referral as a
// ServiceRequest, a Procedure per session that took place and Observations
// for every rating in the journal. docs/fhir.md describes each mapping.
//
// Deterministic: every fullUrl is a urn:uuid derived from the record it
// comes from, and nothing depends on the clock, so exporting the same
// records again gives the same bytes.
//
// Errors: "invalid" (where "therapist.name") for a therapist without a name
// or with one longer than 200 characters; "database" when a stored record is
// not the JSON the store promises (`where` names it, e.g. "assessment/6").
// Pure and thread-safe; `knowledge` must be the loaded knowledge base.
Result<std::string> fhir_bundle(const core::KnowledgeBase& knowledge,
                                const store::PatientFile& file, const FhirOptions& options = {});

}  // namespace mn::codec
