#include "codec/fhir_bundle.hpp"

#include <nlohmann/json.hpp>

#include "codec/fhir_resources.hpp"

namespace mn::codec {

namespace {

using nlohmann::json;

// A person with a few months of journal makes a bundle of about 1 MB.
constexpr std::size_t kExpectedSize = std::size_t{1} << 20U;
constexpr std::size_t kMaxTherapistName = 200;

Result<json> parse_stored(const std::string& text, const std::string& where) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Error{"database", where, "the stored record is not a JSON object"};
  }
  return parsed;
}

// The latest intake, its assessment and the current plan, parsed once; each
// is left null when the person has none.
std::optional<Error> parse_records(const store::PatientFile& file, json& intake_out,
                                   json& assessment_out, json& plan_out) {
  if (!file.intakes.empty()) {
    const store::IntakeRecord& record = file.intakes.back();
    auto intake = parse_stored(record.intake_json, "intake/" + std::to_string(record.id));
    if (!intake) return intake.error();
    intake_out = std::move(*intake);
  }
  if (!file.assessments.empty()) {
    const store::AssessmentRecord& record = file.assessments.back();
    auto assessment =
        parse_stored(record.assessment_json, "assessment/" + std::to_string(record.id));
    if (!assessment) return assessment.error();
    assessment_out = std::move(*assessment);
  }
  if (!file.plans.empty()) {
    const store::PlanRecord& record = file.plans.back();
    auto plan = parse_stored(record.plan_json, "plan/" + std::to_string(record.id));
    if (!plan) return plan.error();
    plan_out = std::move(*plan);
  }
  return std::nullopt;
}

// Every resource's uuid, named after the record it comes from.
void name_resources(fhir::Context& context) {
  const store::PatientFile& file = context.file;
  context.scope =
      "patient/" + std::to_string(file.patient.id) + "/" + std::to_string(file.patient.created_at);
  context.patient = fhir::name_uuid(context.scope);
  // Not the person's: the same questionnaire version has the same uuid in
  // every bundle.
  context.questionnaire = fhir::name_uuid("questionnaire/" + context.knowledge.version);
  if (context.options.therapist) {
    const FhirTherapist& therapist = *context.options.therapist;
    context.practitioner =
        fhir::name_uuid("practitioner/" + therapist.name + "\n" + therapist.licence);
    context.role = fhir::name_uuid("practitioner-role/" + therapist.name + "\n" +
                                   therapist.licence + "\n" + therapist.practice);
  }
  if (context.intake != nullptr) {
    const std::string intake = context.scope + "/intake/" + std::to_string(file.intakes.back().id);
    context.response = fhir::name_uuid(intake);
    const json* goals = fhir::member_of(*context.intake, "goals");
    if (goals != nullptr && goals->is_array()) {
      context.goals.reserve(goals->size());
      for (const json& goal : *goals) {
        context.goals.push_back(fhir::name_uuid(intake + "/goal/" + goal.get<std::string>()));
      }
    }
  }
  if (context.assessment != nullptr) {
    const std::string assessment =
        context.scope + "/assessment/" + std::to_string(file.assessments.back().id);
    context.service_request = fhir::name_uuid(assessment + "/referral");
    const json& reasons = context.assessment->at("safety").at("reasons");
    context.flags.reserve(reasons.size());
    for (const json& reason : reasons) {
      context.flags.push_back(fhir::name_uuid(assessment + "/flag/" + fhir::text_of(reason, "id")));
    }
  }
  if (context.plan != nullptr) {
    context.care_plan =
        fhir::name_uuid(context.scope + "/plan/" + std::to_string(file.plans.back().id));
  }
}

std::string write_bundle(const fhir::Context& context) {
  JsonWriter out(kExpectedSize);
  out.begin_object();
  out.field("resourceType", "Bundle");
  out.field("type", "collection");
  out.key("entry");
  out.begin_array();
  fhir::write_patient(out, context);
  fhir::write_practitioner(out, context);
  fhir::write_questionnaire(out, context);
  if (context.intake != nullptr) fhir::write_questionnaire_response(out, context);
  fhir::write_flags(out, context);
  fhir::write_goals(out, context);
  fhir::write_care_plan(out, context);
  fhir::write_service_request(out, context);
  fhir::write_procedures(out, context);
  fhir::write_observations(out, context);
  out.end_array();
  out.end_object();
  std::string text = out.finish();
  text += '\n';
  return text;
}

}  // namespace

Result<std::string> fhir_bundle(const core::KnowledgeBase& knowledge,
                                const store::PatientFile& file, const FhirOptions& options) {
  if (options.therapist) {
    const std::string& name = options.therapist->name;
    if (name.empty() || name.size() > kMaxTherapistName) {
      return Error{"invalid", "therapist.name", "must be 1 to 200 characters"};
    }
  }
  json intake;
  json assessment;
  json plan;
  if (auto problem = parse_records(file, intake, assessment, plan)) return *problem;
  fhir::Context context{knowledge, file, options};
  if (!file.intakes.empty()) context.intake = &intake;
  if (!file.assessments.empty()) context.assessment = &assessment;
  if (!file.plans.empty()) context.plan = &plan;
  // The records were validated when they were stored; a member that is
  // missing or of another type means the database holds something else.
  try {
    name_resources(context);
    return write_bundle(context);
  } catch (const json::exception& error) {
    return Error{"database", "patient/" + std::to_string(file.patient.id),
                 std::string("a stored record is not as expected: ") + error.what()};
  }
}

}  // namespace mn::codec
