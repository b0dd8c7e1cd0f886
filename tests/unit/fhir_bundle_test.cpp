// The FHIR R4 export: a person's stored records (on SQLite, written through
// the same service the API uses) exported, parsed back and compared field by
// field; references resolve inside the bundle; a second export is the same
// bytes. tests/fhir/ validates the same bundles with an R4 validator.
#include "codec/fhir_bundle.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "codec/fhir_resources.hpp"
#include "codec/utc_time.hpp"
#include "service/assessed_intake.hpp"
#include "store_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

constexpr store::Seconds kNow = 1795000000;  // 2026-11-18T08:26:40Z
constexpr store::Seconds kDay = 24 * 60 * 60;

// Someone on a blood thinner with a stiff shoulder: safety rules fire, the
// plan tapers, and most kinds of answer occur.
const char* kIntake = R"({"age": 71, "goals": ["pain_relief", "mobility"],
  "pain_areas": [{"region": "shoulders", "intensity": 5, "weeks": 26, "localized": true}],
  "knots": true, "limited_motion": true, "motion_limits_daily_life": true,
  "repetitive_strain": "none", "stress": 3, "sleep_quality": 6,
  "conditions": ["atrial fibrillation"], "medications": ["Eliquis 5 mg twice a day"],
  "surgery_weeks_ago": null, "unexplained_severe_pain": false, "pregnant": false,
  "pressure_preference": "light", "budget_per_session": 90.5,
  "notes": "Reaching the top shelf is hard."})";

core::JournalEntry entry_on(int day, int pain) {
  core::JournalEntry entry;
  entry.time = kNow - std::int64_t{10 - day} * kDay;
  entry.pain[static_cast<std::size_t>(core::Region::shoulders)] = pain;
  entry.pain[static_cast<std::size_t>(core::Region::neck)] = pain - 1;
  entry.activities = {{"reaching the top shelf", 3 + day / 2}};
  entry.stress = 4;
  entry.sleep_quality = 6;
  return entry;
}

class FhirBundle : public ::testing::Test {
 protected:
  FhirBundle() : database_(Backend::sqlite), clock_(kNow), store_(database_.open(clock_)) {}

  // A person with the intake above (or none), two sessions and three
  // journal entries.
  store::PatientFile person(const std::string& name, bool with_intake = true) {
    auto patient = store_->add_patient(actor_, {name, "Europe/Berlin"});
    EXPECT_TRUE(patient) << patient.error().describe();
    if (with_intake) {
      auto recorded =
          service::record_assessed_intake(knowledge(), *store_, actor_, patient->id, kIntake,
                                          *core::parse_date("2026-11-08"), kNow - 10 * kDay);
      EXPECT_TRUE(recorded) << recorded.error().describe();
    }
    for (int day : {3, 7}) {
      auto logged = store_->log_session(actor_, patient->id,
                                        {kNow - std::int64_t{10 - day} * kDay,
                                         core::Style::therapeutic, 60, "Grace Sampleton", 2});
      EXPECT_TRUE(logged) << logged.error().describe();
    }
    std::vector<core::JournalEntry> entries{entry_on(1, 6), entry_on(4, 5), entry_on(8, 4)};
    entries[1].soreness_hours = 30;
    entries[1].sharp_pain = false;
    entries[2].new_symptoms = "tingling in the fingers";
    auto added = store_->add_journal_entries(actor_, patient->id, entries);
    EXPECT_TRUE(added) << added.error().describe();
    auto file = store_->patient_file(actor_, patient->id);
    EXPECT_TRUE(file) << file.error().describe();
    return *file;
  }

  static json bundle_of(const store::PatientFile& file, const codec::FhirOptions& options = {}) {
    auto text = codec::fhir_bundle(knowledge(), file, options);
    EXPECT_TRUE(text) << text.error().describe();
    return text ? json::parse(*text) : json();
  }

  TestDatabase database_;
  store::FixedClock clock_;
  std::unique_ptr<store::Store> store_;
  store::Actor actor_{"test"};
};

std::vector<json> resources(const json& bundle, const std::string& type) {
  std::vector<json> found;
  for (const json& entry : bundle.at("entry")) {
    if (entry.at("resource").at("resourceType") == type) found.push_back(entry.at("resource"));
  }
  return found;
}

json only(const json& bundle, const std::string& type) {
  std::vector<json> found = resources(bundle, type);
  EXPECT_EQ(found.size(), 1U) << type;
  return found.empty() ? json() : found.front();
}

std::string urn(const json& resource) { return "urn:uuid:" + resource.at("id").get<std::string>(); }

// The QuestionnaireResponse's item for a field, wherever its group is.
json answered(const json& response, const std::string& link) {
  for (const json& group : response.at("item")) {
    for (const json& item : group.at("item")) {
      if (item.at("linkId") == link) return item;
    }
  }
  return json();
}

// Every {"reference": ...} in a value.
void collect_references(const json& value, std::vector<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (key == "reference" && member.is_string()) {
        out.push_back(member.get<std::string>());
      } else {
        collect_references(member, out);
      }
    }
  } else if (value.is_array()) {
    for (const json& element : value) collect_references(element, out);
  }
}

TEST_F(FhirBundle, PatientQuestionnaireAndAnswersRoundTrip) {
  const store::PatientFile file = person("Farid Test");
  const json bundle = bundle_of(file);
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  EXPECT_EQ(bundle.at("type"), "collection");

  const json patient = only(bundle, "Patient");
  EXPECT_EQ(patient.at("name")[0].at("text"), "Farid Test");
  EXPECT_EQ(patient.at("identifier")[0].at("value"), std::to_string(file.patient.id));
  EXPECT_FALSE(patient.contains("birthDate"));  // we store no more than the name

  const json questionnaire = only(bundle, "Questionnaire");
  const json response = only(bundle, "QuestionnaireResponse");
  EXPECT_EQ(response.at("questionnaire"), questionnaire.at("url").get<std::string>() + "|" +
                                              questionnaire.at("version").get<std::string>());
  EXPECT_EQ(questionnaire.at("version"), knowledge().version);
  EXPECT_EQ(response.at("status"), "completed");
  EXPECT_EQ(response.at("subject").at("reference"), urn(patient));
  EXPECT_EQ(response.at("authored"), codec::format_utc(file.intakes.back().recorded_at));

  EXPECT_EQ(answered(response, "age").at("answer")[0].at("valueInteger"), 71);
  const json goals = answered(response, "goals").at("answer");
  ASSERT_EQ(goals.size(), 2U);
  EXPECT_EQ(goals[0].at("valueCoding").at("code"), "pain_relief");
  EXPECT_EQ(goals[1].at("valueCoding").at("code"), "mobility");
  EXPECT_EQ(answered(response, "knots").at("answer")[0].at("valueBoolean"), true);
  EXPECT_EQ(answered(response, "pressure_preference").at("answer")[0].at("valueCoding").at("code"),
            "light");
  EXPECT_EQ(answered(response, "budget_per_session").at("answer")[0].at("valueDecimal"), 90.5);
  EXPECT_EQ(answered(response, "medications").at("answer")[0].at("valueString"),
            "Eliquis 5 mg twice a day");
  EXPECT_EQ(answered(response, "notes").at("answer")[0].at("valueString"),
            "Reaching the top shelf is hard.");
  // null ("no recent surgery") has no decimal form: left out.
  EXPECT_TRUE(answered(response, "surgery_weeks_ago").is_null());
  const json area = answered(response, "pain_areas").at("answer")[0];
  EXPECT_EQ(area.at("valueCoding").at("code"), "shoulders");
  std::map<std::string, json> follow_ups;
  for (const json& item : area.at("item")) follow_ups[item.at("linkId")] = item.at("answer")[0];
  EXPECT_EQ(follow_ups.at("pain_areas.intensity").at("valueInteger"), 5);
  EXPECT_EQ(follow_ups.at("pain_areas.weeks").at("valueDecimal"), 26.0);
  EXPECT_EQ(follow_ups.at("pain_areas.localized").at("valueBoolean"), true);
}

TEST_F(FhirBundle, QuestionnaireIsTheKnowledgeBases) {
  const json questionnaire = only(bundle_of(person("Q Test")), "Questionnaire");
  std::map<std::string, json> items;
  ASSERT_EQ(questionnaire.at("item").size(), knowledge().sections.size());
  for (const json& group : questionnaire.at("item")) {
    EXPECT_EQ(group.at("type"), "group");
    for (const json& item : group.at("item")) items[item.at("linkId")] = item;
  }
  for (const core::Question& question : knowledge().questionnaire) {
    const std::string id = core::field_info(question.field).name;
    ASSERT_TRUE(items.count(id)) << id;
    EXPECT_EQ(items.at(id).at("text"), question.prompt) << id;
  }
  EXPECT_EQ(items.at("age").at("type"), "integer");
  EXPECT_EQ(items.at("budget_per_session").at("type"), "decimal");
  EXPECT_EQ(items.at("knots").at("type"), "boolean");
  EXPECT_EQ(items.at("notes").at("type"), "text");
  EXPECT_EQ(items.at("conditions").at("type"), "string");
  EXPECT_EQ(items.at("conditions").at("repeats"), true);
  const json& goals = items.at("goals");
  EXPECT_EQ(goals.at("type"), "choice");
  EXPECT_EQ(goals.at("repeats"), true);
  EXPECT_EQ(goals.at("answerOption").size(), static_cast<std::size_t>(core::Goal::count));
  EXPECT_EQ(goals.at("answerOption")[0].at("valueCoding").at("display"), "Easing pain");
  EXPECT_FALSE(items.at("repetitive_strain").contains("repeats"));
  // ask_if: {field: limited_motion, is: true}
  const json& enable = items.at("motion_limits_daily_life").at("enableWhen");
  ASSERT_EQ(enable.size(), 1U);
  EXPECT_EQ(enable[0].at("question"), "limited_motion");
  EXPECT_EQ(enable[0].at("operator"), "=");
  EXPECT_EQ(enable[0].at("answerBoolean"), true);
  EXPECT_FALSE(items.at("knots").contains("enableWhen"));
}

TEST_F(FhirBundle, ObservationsCarryEveryJournalRating) {
  const store::PatientFile file = person("Journal Test");
  const json bundle = bundle_of(file);
  std::map<std::string, std::vector<json>> by_code;
  for (const json& observation : resources(bundle, "Observation")) {
    by_code[observation.at("code").at("coding")[0].at("code")].push_back(observation);
    EXPECT_EQ(observation.at("status"), "final");
    EXPECT_EQ(observation.at("category")[0].at("coding")[0].at("code"), "survey");
  }
  // Two regions a day, three days.
  const std::vector<json>& pain = by_code["72514-3"];
  ASSERT_EQ(pain.size(), 6U);
  EXPECT_EQ(pain[0].at("code").at("coding")[0].at("system"), "http://loinc.org");
  const std::int64_t first = file.journal.front().entry.time;
  std::map<std::string, int> first_day;
  for (const json& observation : pain) {
    if (observation.at("effectiveDateTime") != codec::format_utc(first)) continue;
    first_day[observation.at("bodySite").at("coding")[0].at("code")] =
        observation.at("valueInteger");
  }
  EXPECT_EQ(first_day, (std::map<std::string, int>{{"neck", 5}, {"shoulders", 6}}));
  ASSERT_EQ(by_code["stress"].size(), 3U);
  EXPECT_EQ(by_code["stress"][0].at("valueInteger"), 4);
  EXPECT_EQ(by_code["sleep-quality"].size(), 3U);
  ASSERT_EQ(by_code["psfs-activity"].size(), 3U);
  EXPECT_EQ(by_code["psfs-activity"][2].at("valueInteger"), 7);
  EXPECT_EQ(by_code["psfs-activity"][0].at("code").at("text"), "reaching the top shelf");
  ASSERT_EQ(by_code["soreness-hours"].size(), 1U);
  EXPECT_EQ(by_code["soreness-hours"][0].at("valueQuantity").at("value"), 30.0);
  EXPECT_EQ(by_code["soreness-hours"][0].at("valueQuantity").at("code"), "h");
  ASSERT_EQ(by_code["sharp-pain"].size(), 1U);
  EXPECT_EQ(by_code["sharp-pain"][0].at("valueBoolean"), false);
  ASSERT_EQ(by_code["new-symptoms"].size(), 1U);
  EXPECT_EQ(by_code["new-symptoms"][0].at("valueString"), "tingling in the fingers");
  EXPECT_EQ(by_code["new-symptoms"][0].at("issued"),
            codec::format_utc(file.journal.back().recorded_at));
}

TEST_F(FhirBundle, PlanFlagsGoalsAndReferral) {
  const store::PatientFile file = person("Plan Test");
  const json bundle = bundle_of(file);
  const json stored_plan = json::parse(file.plans.back().plan_json);
  const json assessment = json::parse(file.assessments.back().assessment_json);

  const json care_plan = only(bundle, "CarePlan");
  EXPECT_EQ(care_plan.at("status"), "active");
  EXPECT_EQ(care_plan.at("intent"), "plan");
  ASSERT_EQ(care_plan.at("activity").size(), stored_plan.at("phases").size());
  std::size_t events = 0;
  std::int64_t previous_period = 0;
  bool tapers = false;
  for (const json& activity : care_plan.at("activity")) {
    const json& timing = activity.at("detail").at("scheduledTiming");
    if (timing.contains("event")) events += timing.at("event").size();
    const std::int64_t period = timing.at("repeat").at("period");
    tapers = tapers || (previous_period != 0 && period > previous_period);
    previous_period = period;
  }
  EXPECT_EQ(events, stored_plan.at("sessions").size());
  EXPECT_TRUE(tapers);
  EXPECT_EQ(care_plan.at("period").at("start"), stored_plan.at("sessions")[0].at("date"));

  const std::vector<json> flags = resources(bundle, "Flag");
  const json& reasons = assessment.at("safety").at("reasons");
  ASSERT_FALSE(reasons.empty());
  ASSERT_EQ(flags.size(), reasons.size());
  for (std::size_t i = 0; i < flags.size(); ++i) {
    EXPECT_EQ(flags[i].at("status"), "active");
    EXPECT_EQ(flags[i].at("category")[0].at("coding")[0].at("code"), "clinical");
    EXPECT_EQ(flags[i].at("code").at("coding")[0].at("code"), reasons[i].at("id"));
    EXPECT_FALSE(flags[i].at("code").at("text").get<std::string>().empty());
  }

  const std::vector<json> goals = resources(bundle, "Goal");
  ASSERT_EQ(goals.size(), 2U);
  EXPECT_EQ(goals[0].at("description").at("coding")[0].at("code"), "pain_relief");
  EXPECT_EQ(goals[0].at("startDate"), "2026-11-08");
  EXPECT_EQ(care_plan.at("goal").size(), 2U);

  const json referral = only(bundle, "ServiceRequest");
  EXPECT_EQ(referral.at("status"), "active");
  EXPECT_EQ(referral.at("intent"), "plan");
  EXPECT_EQ(referral.at("code").at("coding")[0].at("code"),
            assessment.at("recommendation").at("style"));
  EXPECT_EQ(referral.at("orderDetail")[0].at("coding")[0].at("code"),
            std::to_string(assessment.at("safety").at("pressure_ceiling").get<int>()));
  EXPECT_EQ(referral.at("basedOn")[0].at("reference"), urn(care_plan));
  EXPECT_EQ(referral.at("bodySite")[0].at("coding")[0].at("code"), "shoulders");
  const std::string notes = referral.at("note").dump();
  EXPECT_NE(notes.find("Walton pressure scale"), std::string::npos) << notes;
  EXPECT_FALSE(referral.contains("performer"));

  const std::vector<json> procedures = resources(bundle, "Procedure");
  ASSERT_EQ(procedures.size(), 2U);
  EXPECT_EQ(procedures[0].at("status"), "completed");
  EXPECT_EQ(procedures[0].at("performer")[0].at("actor").at("display"), "Grace Sampleton");
  EXPECT_EQ(procedures[0].at("performedPeriod").at("start"),
            codec::format_utc(file.sessions[0].time));
}

TEST_F(FhirBundle, ReferencesResolveInsideTheBundle) {
  const json bundle = bundle_of(person("Reference Test"), {codec::FhirTherapist{"T", "L-1", "P"}});
  std::set<std::string> urls;
  const std::regex uuid_v5(
      "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (const json& entry : bundle.at("entry")) {
    const std::string url = entry.at("fullUrl");
    EXPECT_TRUE(urls.insert(url).second) << "repeated " << url;
    EXPECT_EQ(url, urn(entry.at("resource")));
    EXPECT_TRUE(std::regex_match(url, uuid_v5)) << url;
  }
  std::vector<std::string> references;
  collect_references(bundle, references);
  EXPECT_GT(references.size(), 20U);
  for (const std::string& reference : references) {
    EXPECT_TRUE(urls.count(reference)) << reference << " is not in the bundle";
  }
}

TEST_F(FhirBundle, ExportingAgainGivesTheSameBytes) {
  const store::PatientFile file = person("Again Test");
  auto first = codec::fhir_bundle(knowledge(), file);
  auto second = codec::fhir_bundle(knowledge(), *store_->patient_file(actor_, file.patient.id));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  // Another person's resources have other ids, the questionnaire the same.
  const json mine = json::parse(*first);
  const json theirs = bundle_of(person("Other Test"));
  EXPECT_NE(only(mine, "Patient").at("id"), only(theirs, "Patient").at("id"));
  EXPECT_EQ(only(mine, "Questionnaire").at("id"), only(theirs, "Questionnaire").at("id"));
}

TEST_F(FhirBundle, TherapistAddsPractitionerAndRole) {
  const store::PatientFile file = person("Therapist Test");
  EXPECT_TRUE(resources(bundle_of(file), "Practitioner").empty());
  EXPECT_TRUE(resources(bundle_of(file), "PractitionerRole").empty());
  const json bundle =
      bundle_of(file, {codec::FhirTherapist{"Grace Sampleton", "LMT 0042", "Sampleton Bodywork"}});
  const json practitioner = only(bundle, "Practitioner");
  const json role = only(bundle, "PractitionerRole");
  EXPECT_EQ(practitioner.at("name")[0].at("text"), "Grace Sampleton");
  EXPECT_EQ(practitioner.at("qualification")[0].at("identifier")[0].at("value"), "LMT 0042");
  EXPECT_EQ(role.at("practitioner").at("reference"), urn(practitioner));
  EXPECT_EQ(role.at("organization").at("display"), "Sampleton Bodywork");
  EXPECT_EQ(only(bundle, "ServiceRequest").at("performer")[0].at("reference"), urn(role));
  const json care_plan = only(bundle, "CarePlan");  // kept: the loop reads into it
  for (const json& activity : care_plan.at("activity")) {
    EXPECT_EQ(activity.at("detail").at("performer")[0].at("reference"), urn(role));
  }
  auto unnamed = codec::fhir_bundle(knowledge(), file, {codec::FhirTherapist{"", "x", "y"}});
  ASSERT_FALSE(unnamed);
  EXPECT_EQ(unnamed.error().code, "invalid");
  EXPECT_EQ(unnamed.error().where, "therapist.name");
}

TEST_F(FhirBundle, PersonWithoutIntakeHasOnlyWhatIsStored) {
  const json bundle = bundle_of(person("Journal Only", /*with_intake=*/false));
  EXPECT_EQ(resources(bundle, "Patient").size(), 1U);
  EXPECT_EQ(resources(bundle, "Questionnaire").size(), 1U);
  for (const char* type : {"QuestionnaireResponse", "Flag", "Goal", "CarePlan", "ServiceRequest"}) {
    EXPECT_TRUE(resources(bundle, type).empty()) << type;
  }
  EXPECT_EQ(resources(bundle, "Procedure").size(), 2U);
  EXPECT_FALSE(resources(bundle, "Observation").empty());
  for (const json& procedure : resources(bundle, "Procedure")) {
    EXPECT_FALSE(procedure.contains("basedOn"));
  }
}

TEST_F(FhirBundle, UnreadableStoredRecordIsAnError) {
  store::PatientFile file = person("Broken Test");
  file.assessments.back().assessment_json = "{not json";
  auto broken = codec::fhir_bundle(knowledge(), file);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, "database");
  EXPECT_EQ(broken.error().where, "assessment/" + std::to_string(file.assessments.back().id));
  file.assessments.back().assessment_json = R"({"safety": {}})";
  auto missing = codec::fhir_bundle(knowledge(), file);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "database");
}

TEST(FhirUuid, IsRfc4122VersionFive) {
  // RFC 4122's DNS name space; Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
  const codec::fhir::Uuid dns{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                              0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  EXPECT_EQ(codec::fhir::uuid_v5(dns, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  // Longer than one SHA-1 block.
  EXPECT_EQ(codec::fhir::uuid_v5(dns, std::string(100, 'a')),
            "56596f37-716c-57a9-a735-2561f8608390");
  EXPECT_NE(codec::fhir::name_uuid("patient/1/0"), codec::fhir::name_uuid("patient/2/0"));
}

}  // namespace
}  // namespace mn::testing
