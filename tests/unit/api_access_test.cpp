// The access matrix: every route that touches health data, called by every
// role and by a second patient and a second clinic; exactly the allowed
// answers, and never the data in a refusal. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "api_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

struct HealthRoute {
  std::string method;
  std::string path;                      // {id} is the person's number
  std::function<std::string(int)> body;  // a valid body; the argument differs per call
};

std::vector<HealthRoute> health_routes(store::AccountId therapist) {
  const auto none = [](int) { return std::string(); };
  const auto intake = [](int) {
    return std::string(R"({"age": 40, "goals": ["stress_relief"], "stress": 6})");
  };
  const auto journal = [](int n) {
    return json{{"entries", json::array({{{"time", "2026-11-2" + std::to_string(n % 7 + 1) + "T0" +
                                                       std::to_string(n % 10) + ":00:00Z"},
                                          {"stress", 5}}})}}
        .dump();
  };
  const auto session = [](int n) {
    return json{{"time", "2026-11-20T1" + std::to_string(n % 10) + ":00:00Z"},
                {"style", "relaxation"}}
        .dump();
  };
  const auto share = [therapist](int) { return json{{"therapist", therapist}}.dump(); };
  return {
      {"GET", "/api/v1/patients/{id}", none},
      {"GET", "/api/v1/patients/{id}/export", none},
      {"GET", "/api/v1/patients/{id}/audit", none},
      {"GET", "/api/v1/patients/{id}/intakes/latest", none},
      {"POST", "/api/v1/patients/{id}/intakes", intake},
      {"GET", "/api/v1/patients/{id}/assessments/latest", none},
      {"GET", "/api/v1/patients/{id}/plan", none},
      {"POST", "/api/v1/patients/{id}/plan/adaptations", none},
      {"GET", "/api/v1/patients/{id}/sessions", none},
      {"POST", "/api/v1/patients/{id}/sessions", session},
      {"GET", "/api/v1/patients/{id}/journal", none},
      {"POST", "/api/v1/patients/{id}/journal", journal},
      {"GET", "/api/v1/patients/{id}/progress", none},
      {"GET", "/api/v1/patients/{id}/shares", none},
      {"POST", "/api/v1/patients/{id}/shares", share},
      {"GET", "/api/v1/patients/{id}/handoff/therapist", none},
      {"GET", "/api/v1/patients/{id}/handoff/clinic", none},
      {"GET", "/api/v1/patients/{id}/handoff/therapist/pdf", none},
      {"GET", "/api/v1/patients/{id}/handoff/clinic/pdf", none},
      {"GET", "/api/v1/patients/{id}/calendar", none},
      {"POST", "/api/v1/patients/{id}/matches", [](int) { return std::string("{}"); }},
  };
}

std::string with_id(std::string path, store::PatientId id) {
  return path.replace(path.find("{id}"), 4, std::to_string(id));
}

class AccessMatrix : public ::testing::TestWithParam<Backend> {};

TEST_P(AccessMatrix, EveryRoleGetsExactlyWhatItMay) {
  ApiServer server(GetParam());
  const World& world = server.world();
  HttpClient client(server.port());
  const store::PatientId target = *world.patient_a1.patient;
  // The person has an intake, so that every read has something to return.
  Session owner = sign_in(client, "patient.a1");
  ASSERT_EQ(call(client, owner, "POST", with_id("/api/v1/patients/{id}/intakes", target),
                 R"({"age": 40, "goals": ["stress_relief"], "stress": 6})")
                .status,
            201);

  struct Caller {
    std::string login;  // empty: not signed in
    int expected;       // 0: allowed (2xx)
  };
  const std::vector<Caller> callers{
      {"patient.a1", 0},   {"clinician.a", 0},   {"patient.a2", 404}, {"clinician.b", 404},
      {"patient.b1", 404}, {"therapist.a", 403}, {"admin.a", 403},    {"", 401},
  };
  int n = 0;
  for (const Caller& caller : callers) {
    Session session = caller.login.empty() ? Session{} : sign_in(client, caller.login);
    for (const HealthRoute& route : health_routes(world.therapist_a.id)) {
      const std::string path = with_id(route.path, target);
      HttpResponse response = call(client, session, route.method, path, route.body(n++));
      SCOPED_TRACE(caller.login + " " + route.method + " " + path + " -> " +
                   std::to_string(response.status) + " " + response.body);
      if (caller.expected == 0) {
        EXPECT_GE(response.status, 200);
        EXPECT_LT(response.status, 300);
        continue;
      }
      EXPECT_EQ(response.status, caller.expected);
      EXPECT_EQ(response.body.find("patient.a1"), std::string::npos);  // never the data
      EXPECT_EQ(response.header("Content-Type"), "application/json");  // never a PDF or .ics
      EXPECT_TRUE(json::parse(response.body).contains("error"));
    }
  }

  // Erasure, last: every refused caller first, then the clinician.
  const std::string erase = with_id("/api/v1/patients/{id}", target);
  for (const Caller& caller : callers) {
    if (caller.expected == 0) continue;
    Session session = caller.login.empty() ? Session{} : sign_in(client, caller.login);
    EXPECT_EQ(call(client, session, "DELETE", erase).status, caller.expected) << caller.login;
  }
  Session clinician = sign_in(client, "clinician.a");
  EXPECT_EQ(call(client, clinician, "DELETE", erase).status, 200);
  EXPECT_EQ(call(client, clinician, "GET", erase).status, 404);
}

TEST_P(AccessMatrix, ListsShowOnlyWhatTheCallerMaySee) {
  ApiServer server(GetParam());
  HttpClient client(server.port());
  const auto ids = [&](const std::string& login) {
    Session session = sign_in(client, login);
    HttpResponse response = call(client, session, "GET", "/api/v1/patients");
    std::vector<store::PatientId> seen;
    if (response.status != 200) return std::make_pair(response.status, seen);
    const json list = json::parse(response.body);  // alive for the whole loop
    for (const json& patient : list.at("patients")) {
      seen.push_back(patient.at("id").get<store::PatientId>());
    }
    return std::make_pair(response.status, seen);
  };
  const World& world = server.world();
  EXPECT_EQ(ids("patient.a1").second, std::vector{*world.patient_a1.patient});
  EXPECT_EQ(ids("clinician.a").second,
            (std::vector{*world.patient_a1.patient, *world.patient_a2.patient}));
  EXPECT_EQ(ids("clinician.b").second, std::vector{*world.patient_b1.patient});
  EXPECT_EQ(ids("therapist.a").first, 403);
  EXPECT_EQ(ids("admin.a").first, 403);
}

TEST_P(AccessMatrix, HandoffsOnlyForTheTherapistSharedWith) {
  ApiServer server(GetParam());
  HttpClient client(server.port());
  const World& world = server.world();
  const store::PatientId target = *world.patient_a1.patient;
  auto other_therapist = server.store().accounts().create_account(
      store::Actor{"test", ""},
      {"therapist.a2", "Second Therapist", password_hash(),
       store::Roles{}.add(store::Role::therapist), world.therapist_a.clinic, std::nullopt});
  ASSERT_TRUE(other_therapist);
  Session owner = sign_in(client, "patient.a1");
  // With an assessment, so that the PDF and the calendar have something to show.
  ASSERT_EQ(call(client, owner, "POST", with_id("/api/v1/patients/{id}/intakes", target),
                 R"({"age": 40, "goals": ["stress_relief"], "stress": 6})")
                .status,
            201);
  HttpResponse shared = call(client, owner, "POST", with_id("/api/v1/patients/{id}/shares", target),
                             json{{"therapist", world.therapist_a.id}}.dump());
  ASSERT_EQ(shared.status, 201) << shared.body;
  const std::string handoff =
      "/api/v1/handoffs/" + std::to_string(json::parse(shared.body).at("id").get<int>());
  const std::vector<std::pair<std::string, int>> expected{
      {"therapist.a", 200}, {"therapist.a2", 404}, {"patient.a1", 403},
      {"clinician.a", 403}, {"admin.a", 403},      {"clinician.b", 403}};
  for (const std::string& path : {handoff, handoff + "/pdf", handoff + "/calendar"}) {
    for (const auto& [login, status] : expected) {
      Session session = sign_in(client, login);
      HttpResponse response = call(client, session, "GET", path);
      EXPECT_EQ(response.status, status) << login << " " << path << ": " << response.body;
    }
    EXPECT_EQ(client.get(path).status, 401) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessMatrix,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& test) { return backend_name(test.param); });

}  // namespace
}  // namespace mn::testing
