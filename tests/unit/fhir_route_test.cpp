// GET /api/v1/patients/{id}/fhir: the FHIR bundle, reached and audited
// exactly as the JSON export. SQLite only: the route adds no store access of
// its own (AccessMatrix covers the export on both databases).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

std::string fhir_path(store::PatientId patient) {
  return "/api/v1/patients/" + std::to_string(patient) + "/fhir";
}

TEST(FhirRoute, AnswersWhoMayReadTheRecordAndAuditsIt) {
  ApiServer server(Backend::sqlite);
  const World& world = server.world();
  HttpClient client(server.port());
  const store::PatientId target = *world.patient_a1.patient;
  Session owner = sign_in(client, "patient.a1");
  ASSERT_EQ(call(client, owner, "POST", "/api/v1/patients/" + std::to_string(target) + "/intakes",
                 R"({"age": 40, "goals": ["stress_relief"], "stress": 6,
                     "medications": ["warfarin"]})")
                .status,
            201);

  Session clinician = sign_in(client, "clinician.a");
  HttpResponse response = call(client, clinician, "GET", fhir_path(target));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("Content-Type").value_or(""), "application/fhir+json");
  EXPECT_EQ(response.header("Cache-Control").value_or(""), "no-store");
  EXPECT_NE(response.header("Content-Disposition").value_or("").find("attachment"),
            std::string::npos);
  const json bundle = json::parse(response.body);
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  std::set<std::string> kinds;
  for (const json& entry : bundle.at("entry"))
    kinds.insert(entry.at("resource").at("resourceType"));
  for (const char* kind : {"Patient", "Questionnaire", "QuestionnaireResponse", "Flag", "Goal",
                           "CarePlan", "ServiceRequest"}) {
    EXPECT_TRUE(kinds.count(kind)) << kind;
  }

  auto trail = server.store().audit_trail(store::Actor{"test", ""}, target);
  ASSERT_TRUE(trail);
  const std::string reader = "account:" + std::to_string(world.clinician_a.id);
  bool audited = false;
  for (const store::AuditRecord& line : *trail) {
    audited = audited || (line.actor == reader && line.action == "export");
  }
  EXPECT_TRUE(audited) << "no export line for " << reader;

  EXPECT_EQ(call(client, owner, "GET", fhir_path(target)).status, 200);
  const std::vector<std::pair<std::string, int>> refused{{"patient.a2", 404},
                                                         {"clinician.b", 404},
                                                         {"patient.b1", 404},
                                                         {"therapist.a", 403},
                                                         {"admin.a", 403}};
  for (const auto& [login, status] : refused) {
    Session session = sign_in(client, login);
    HttpResponse refusal = call(client, session, "GET", fhir_path(target));
    EXPECT_EQ(refusal.status, status) << login << ": " << refusal.body;
    EXPECT_EQ(refusal.body.find("Bundle"), std::string::npos) << login;
  }
  EXPECT_EQ(client.get(fhir_path(target)).status, 401);
  EXPECT_EQ(call(client, clinician, "GET", fhir_path(999999)).status, 404);
}

}  // namespace
}  // namespace mn::testing
