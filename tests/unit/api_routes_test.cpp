// Every route of the JSON API through real HTTP on loopback: the happy path
// and its errors. Access per role is api_access_test.cpp; hostile input is
// api_hostile_test.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

json body_of(const HttpResponse& response) { return json::parse(response.body); }

json sample_intake() {
  json intake = json::parse(R"({
    "age": 38, "goals": ["pain_relief", "stress_relief"],
    "pain_areas": [{"region": "neck", "intensity": 5, "weeks": 6, "localized": true}],
    "knots": true, "limited_motion": true, "stress": 7})");
  return intake;
}

class ApiRoutes : public ::testing::Test {
 protected:
  ApiServer server{Backend::sqlite};
  HttpClient client{server.port()};
  const World& world = server.world();
  std::string patient_path(store::PatientId id, const std::string& rest = "") {
    return "/api/v1/patients/" + std::to_string(id) + rest;
  }
};

TEST_F(ApiRoutes, HealthAndReadiness) {
  EXPECT_EQ(client.get("/healthz").status, 200);
  HttpResponse ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(body_of(ready).at("status"), "ready");
}

TEST_F(ApiRoutes, PublicKnowledge) {
  HttpResponse questionnaire = client.get("/api/v1/questionnaire");
  ASSERT_EQ(questionnaire.status, 200);
  EXPECT_TRUE(body_of(questionnaire).is_object());
  HttpResponse guidance = client.get("/api/v1/guidance");
  ASSERT_EQ(guidance.status, 200);
  EXPECT_TRUE(body_of(guidance).is_object());
  HttpResponse openapi = client.get("/api/v1/openapi.json");
  ASSERT_EQ(openapi.status, 200);
  EXPECT_EQ(body_of(openapi).at("openapi"), "3.1.0");
}

TEST_F(ApiRoutes, AnonymousAssessmentStoresNothing) {
  HttpResponse response = client.post("/api/v1/assessments", sample_intake().dump());
  ASSERT_EQ(response.status, 200) << response.body;
  json assessment = body_of(response);
  EXPECT_TRUE(assessment.at("recommendation").contains("style"));
  EXPECT_TRUE(assessment.at("safety").contains("status"));
  auto audit = server.store().audit_trail(store::Actor{"test", ""}, std::nullopt);
  ASSERT_TRUE(audit);
  for (const store::AuditRecord& line : *audit) EXPECT_NE(line.actor, "anonymous");
}

TEST_F(ApiRoutes, AnonymousAssessmentNamesTheWrongField) {
  json intake = sample_intake();
  intake["pain_areas"][0]["intensity"] = 14;
  HttpResponse response = client.post("/api/v1/assessments", intake.dump());
  ASSERT_EQ(response.status, 400);
  json error = body_of(response).at("error");
  EXPECT_EQ(error.at("code"), "out_of_range");
  EXPECT_EQ(error.at("field"), "pain_areas[0].intensity");

  HttpResponse text = client.request("POST", "/api/v1/assessments",
                                     {{"Content-Type", "text/plain"}}, sample_intake().dump());
  EXPECT_EQ(text.status, 415);
}

TEST_F(ApiRoutes, UnknownRouteAndWrongMethod) {
  EXPECT_EQ(client.get("/api/v1/nothing").status, 404);
  HttpResponse wrong = client.request("PATCH", "/api/v1/assessments", {}, "");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("Allow").value_or(""), "POST");
}

TEST_F(ApiRoutes, SecurityHeadersOnEveryAnswer) {
  for (const HttpResponse& response :
       {client.get("/healthz"), client.get("/api/v1/nothing"), client.get("/api/v1/patients")}) {
    EXPECT_EQ(response.header("X-Content-Type-Options").value_or(""), "nosniff");
    EXPECT_NE(
        response.header("Content-Security-Policy").value_or("").find("frame-ancestors 'none'"),
        std::string::npos);
    EXPECT_EQ(response.header("Referrer-Policy").value_or(""), "no-referrer");
    EXPECT_FALSE(response.header("Strict-Transport-Security"));  // not behind TLS
  }
}

TEST_F(ApiRoutes, SignInSessionAndSignOut) {
  EXPECT_EQ(client.get("/api/v1/session").status, 401);
  Session session = sign_in(client, "clinician.a");
  HttpResponse me = call(client, session, "GET", "/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(body_of(me).at("account").at("login"), "clinician.a");
  EXPECT_EQ(body_of(me).at("account").at("roles"), json::array({"clinician"}));
  EXPECT_EQ(call(client, session, "DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(call(client, session, "GET", "/api/v1/session").status, 401);
}

TEST_F(ApiRoutes, WrongPasswordAndUnknownLoginLookAlike) {
  HttpResponse wrong = client.post(
      "/api/v1/session", json{{"login", "clinician.a"}, {"password", "nope nope nope"}}.dump());
  HttpResponse unknown = client.post(
      "/api/v1/session", json{{"login", "nobody.here"}, {"password", "nope nope nope"}}.dump());
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(client.post("/api/v1/session", R"({"login": "x"})").status, 400);
}

TEST_F(ApiRoutes, CookieIsHttpOnlyAndLax) {
  HttpResponse response =
      client.post("/api/v1/session", json{{"login", "patient.a1"}, {"password", kPassword}}.dump());
  ASSERT_EQ(response.status, 200);
  std::string cookie = response.header("Set-Cookie").value_or("");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
}

TEST_F(ApiRoutes, BearerTokenNeedsNoCsrf) {
  Session session = sign_in(client, "clinician.a");
  HttpResponse token = call(client, session, "POST", "/api/v1/tokens");
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string bearer = body_of(token).at("token");
  HttpResponse created =
      client.request("POST", "/api/v1/patients",
                     {{"Authorization", "Bearer " + bearer}, {"Content-Type", "application/json"}},
                     json{{"display_name", "Noor"}, {"time_zone", "Europe/Oslo"}}.dump());
  EXPECT_EQ(created.status, 201) << created.body;
  HttpResponse bogus =
      client.request("GET", "/api/v1/patients", {{"Authorization", "Bearer nonsense"}}, "");
  EXPECT_EQ(bogus.status, 401);
}

TEST_F(ApiRoutes, ChangePasswordEndsEverySession) {
  Session first = sign_in(client, "patient.a1");
  HttpClient other(server.port());
  Session second = sign_in(other, "patient.a1");
  HttpResponse weak = call(client, first, "PUT", "/api/v1/account/password",
                           json{{"current_password", kPassword}, {"new_password", "short"}}.dump());
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(body_of(weak).at("error").at("field"), "new_password");
  HttpResponse wrong = call(
      client, first, "PUT", "/api/v1/account/password",
      json{{"current_password", "not my password"}, {"new_password", "a much better one"}}.dump());
  EXPECT_EQ(wrong.status, 403);
  HttpResponse changed =
      call(client, first, "PUT", "/api/v1/account/password",
           json{{"current_password", kPassword}, {"new_password", "a much better one"}}.dump());
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(call(client, first, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(call(other, second, "GET", "/api/v1/session").status, 401);
  sign_in(client, "patient.a1", "a much better one");
}

TEST_F(ApiRoutes, InvitationMakesAPatientWhoSeesOnlyTheirRecord) {
  Session clinician = sign_in(client, "clinician.a");
  HttpResponse invited = call(
      client, clinician, "POST", "/api/v1/invitations",
      json{{"role", "patient"}, {"display_name", "Iris"}, {"time_zone", "Europe/Dublin"}}.dump());
  ASSERT_EQ(invited.status, 201) << invited.body;
  const std::string token = body_of(invited).at("token");
  json accept{{"token", token}, {"login", "iris"}, {"password", "iris has a good password"}};
  HttpResponse accepted = client.post("/api/v1/invitations/accept", accept.dump());
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const auto patient = body_of(accepted).at("account").at("patient").get<store::PatientId>();
  EXPECT_EQ(client.post("/api/v1/invitations/accept", accept.dump()).status, 404);  // used

  Session iris = sign_in(client, "iris", "iris has a good password");
  HttpResponse list = call(client, iris, "GET", "/api/v1/patients");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(body_of(list).at("patients").size(), 1U);
  EXPECT_EQ(body_of(list).at("patients")[0].at("id"), patient);
  EXPECT_EQ(body_of(list).at("patients")[0].at("time_zone"), "Europe/Dublin");
  EXPECT_EQ(call(client, iris, "POST", "/api/v1/invitations",
                 json{{"role", "patient"}, {"display_name", "Not allowed"}}.dump())
                .status,
            403);
}

TEST_F(ApiRoutes, InvitationExpires) {
  Session clinician = sign_in(client, "clinician.a");
  HttpResponse invited = call(client, clinician, "POST", "/api/v1/invitations",
                              json{{"role", "therapist"}, {"display_name", "Tess"}}.dump());
  ASSERT_EQ(invited.status, 201);
  server.clock().advance(8 * 24 * 3600);
  HttpResponse late =
      client.post("/api/v1/invitations/accept", json{{"token", body_of(invited).at("token")},
                                                     {"login", "tess"},
                                                     {"password", "a long password"}}
                                                    .dump());
  EXPECT_EQ(late.status, 404);
}

TEST_F(ApiRoutes, AdminListsAndDisablesAccounts) {
  Session admin = sign_in(client, "admin.a");
  HttpResponse list = call(client, admin, "GET", "/api/v1/accounts");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(body_of(list).at("accounts").size(), 5U);  // clinic A only
  const std::string target =
      "/api/v1/accounts/" + std::to_string(world.therapist_a.id) + "/disable";
  ASSERT_EQ(call(client, admin, "POST", target).status, 200);
  HttpResponse refused = client.post(
      "/api/v1/session", json{{"login", "therapist.a"}, {"password", kPassword}}.dump());
  EXPECT_EQ(refused.status, 401);
  const std::string other_clinic =
      "/api/v1/accounts/" + std::to_string(world.clinician_b.id) + "/disable";
  EXPECT_EQ(call(client, admin, "POST", other_clinic).status, 404);
  Session clinician = sign_in(client, "clinician.a");
  EXPECT_EQ(call(client, clinician, "GET", "/api/v1/accounts").status, 403);
}

TEST_F(ApiRoutes, ACourseThroughTheApi) {
  Session clinician = sign_in(client, "clinician.a");
  const store::PatientId id = *world.patient_a1.patient;
  EXPECT_EQ(call(client, clinician, "GET", patient_path(id, "/intakes/latest")).status, 404);

  HttpResponse recorded =
      call(client, clinician, "POST", patient_path(id, "/intakes"), sample_intake().dump());
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(body_of(recorded).at("plan").at("version"), 1);
  EXPECT_EQ(call(client, clinician, "GET", patient_path(id, "/intakes/latest")).status, 200);
  HttpResponse assessment = call(client, clinician, "GET", patient_path(id, "/assessments/latest"));
  ASSERT_EQ(assessment.status, 200);
  EXPECT_TRUE(body_of(assessment).at("assessment").contains("recommendation"));
  EXPECT_EQ(call(client, clinician, "GET", patient_path(id, "/plan")).status, 200);

  Session patient = sign_in(client, "patient.a1");
  json entries{
      {"entries",
       json::array({{{"time", "2026-11-26T08:00:00Z"}, {"pain", {{"neck", 6}}}, {"stress", 7}},
                    {{"time", "2026-11-27T08:00:00Z"}, {"pain", {{"neck", 5}}}}})}};
  HttpResponse added = call(client, patient, "POST", patient_path(id, "/journal"), entries.dump());
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(body_of(added).at("ids").size(), 2U);
  HttpResponse again = call(client, patient, "POST", patient_path(id, "/journal"), entries.dump());
  EXPECT_EQ(again.status, 409);
  HttpResponse journal = call(client, patient, "GET", patient_path(id, "/journal"));
  ASSERT_EQ(journal.status, 200);
  EXPECT_EQ(body_of(journal).at("entries").size(), 2U);

  HttpResponse session = call(client, patient, "POST", patient_path(id, "/sessions"),
                              json{{"time", "2026-11-26T17:00:00Z"},
                                   {"style", "therapeutic"},
                                   {"minutes", 60},
                                   {"pressure", 3}}
                                  .dump());
  ASSERT_EQ(session.status, 201) << session.body;
  EXPECT_EQ(
      body_of(call(client, patient, "GET", patient_path(id, "/sessions"))).at("sessions").size(),
      1U);
  HttpResponse progress = call(client, patient, "GET", patient_path(id, "/progress"));
  ASSERT_EQ(progress.status, 200) << progress.body;
  HttpResponse adapted = call(client, clinician, "POST", patient_path(id, "/plan/adaptations"));
  EXPECT_TRUE(adapted.status == 200 || adapted.status == 201) << adapted.body;

  HttpResponse exported = call(client, patient, "GET", patient_path(id, "/export"));
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(body_of(exported).at("journal").size(), 2U);

  HttpResponse audit = call(client, patient, "GET", patient_path(id, "/audit"));
  ASSERT_EQ(audit.status, 200);
  bool clinician_read = false;
  const json trail = body_of(audit);  // alive for the whole loop
  for (const json& line : trail.at("audit")) {
    if (line.at("actor").get<std::string>() == "account:" + std::to_string(world.clinician_a.id) &&
        line.at("action").get<std::string>() == "read") {
      clinician_read = true;
      EXPECT_EQ(line.at("address"), "127.0.0.1");
    }
  }
  EXPECT_TRUE(clinician_read) << audit.body;

  HttpResponse erased = call(client, patient, "DELETE", patient_path(id));
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(call(client, clinician, "GET", patient_path(id)).status, 404);
  EXPECT_EQ(call(client, patient, "GET", "/api/v1/session").status, 401);
}

TEST_F(ApiRoutes, RecordErrorsNameTheField) {
  Session clinician = sign_in(client, "clinician.a");
  const store::PatientId id = *world.patient_a1.patient;
  HttpResponse future = call(client, clinician, "POST", patient_path(id, "/journal"),
                             R"({"entries": [{"time": "2030-01-01T00:00:00Z"}]})");
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(body_of(future).at("error").at("field"), "entries[0].time");
  HttpResponse pain =
      call(client, clinician, "POST", patient_path(id, "/journal"),
           R"({"entries": [{"time": "2026-11-27T08:00:00Z", "pain": {"neck": 11}}]})");
  EXPECT_EQ(pain.status, 400);
  EXPECT_EQ(body_of(pain).at("error").at("field"), "entries[0].pain.neck");
  HttpResponse style = call(client, clinician, "POST", patient_path(id, "/sessions"),
                            R"({"time": "2026-11-26T17:00:00Z", "style": "shiatsu"})");
  EXPECT_EQ(style.status, 400);
  EXPECT_EQ(body_of(style).at("error").at("field"), "style");
  HttpResponse intake =
      call(client, clinician, "POST", patient_path(id, "/intakes"), R"({"age": "old"})");
  EXPECT_EQ(intake.status, 400);
  EXPECT_EQ(body_of(intake).at("error").at("field"), "age");
  EXPECT_EQ(call(client, clinician, "GET", patient_path(id, "/plan")).status, 404);
  EXPECT_EQ(call(client, clinician, "GET", "/api/v1/patients/abc").status, 404);
  EXPECT_EQ(call(client, clinician, "POST", "/api/v1/patients", R"({"display_name": ""})").status,
            400);
}

TEST_F(ApiRoutes, SharingAHandoffWithATherapist) {
  Session clinician = sign_in(client, "clinician.a");
  const store::PatientId id = *world.patient_a1.patient;
  ASSERT_EQ(
      call(client, clinician, "POST", patient_path(id, "/intakes"), sample_intake().dump()).status,
      201);
  Session patient = sign_in(client, "patient.a1");
  HttpResponse refused = call(client, patient, "POST", patient_path(id, "/shares"),
                              json{{"therapist", world.clinician_a.id}}.dump());
  EXPECT_EQ(refused.status, 400);  // not a therapist
  // A member named twice is refused by name, whichever value comes last.
  HttpResponse twice = call(
      client, patient, "POST", patient_path(id, "/shares"),
      R"({"therapist": )" + std::to_string(world.therapist_a.id) + R"(, "days": 7, "days": 365})");
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(body_of(twice).at("error").at("field"), "days") << twice.body;
  HttpResponse shared = call(client, patient, "POST", patient_path(id, "/shares"),
                             json{{"therapist", world.therapist_a.id}, {"days", 7}}.dump());
  ASSERT_EQ(shared.status, 201) << shared.body;
  const auto share = body_of(shared).at("id").get<std::int64_t>();
  EXPECT_EQ(body_of(call(client, patient, "GET", patient_path(id, "/shares"))).at("shares").size(),
            1U);

  Session therapist = sign_in(client, "therapist.a");
  HttpResponse handoffs = call(client, therapist, "GET", "/api/v1/handoffs");
  ASSERT_EQ(handoffs.status, 200);
  ASSERT_EQ(body_of(handoffs).at("handoffs").size(), 1U);
  const std::string handoff_path = "/api/v1/handoffs/" + std::to_string(share);
  HttpResponse handoff = call(client, therapist, "GET", handoff_path);
  ASSERT_EQ(handoff.status, 200) << handoff.body;
  json brief = body_of(handoff);
  EXPECT_TRUE(brief.at("assessment").at("safety").contains("pressure_ceiling"));
  EXPECT_FALSE(brief.contains("intake"));  // the therapist gets the brief, not the whole record
  EXPECT_EQ(call(client, therapist, "GET", patient_path(id)).status, 403);

  server.clock().advance(8 * 24 * 3600);
  therapist = sign_in(client, "therapist.a");
  EXPECT_EQ(call(client, therapist, "GET", handoff_path).status, 404);  // expired

  patient = sign_in(client, "patient.a1");
  HttpResponse again = call(client, patient, "POST", patient_path(id, "/shares"),
                            json{{"therapist", world.therapist_a.id}}.dump());
  ASSERT_EQ(again.status, 201);
  const auto second = body_of(again).at("id").get<std::int64_t>();
  EXPECT_EQ(
      call(client, patient, "DELETE", patient_path(id, "/shares/" + std::to_string(second))).status,
      204);
  therapist = sign_in(client, "therapist.a");
  EXPECT_EQ(call(client, therapist, "GET", "/api/v1/handoffs/" + std::to_string(second)).status,
            404);
  EXPECT_EQ(body_of(call(client, therapist, "GET", "/api/v1/handoffs")).at("handoffs").size(), 0U);
}

TEST_F(ApiRoutes, AccessLogHasNoHealthDataOrQueries) {
  Session patient = sign_in(client, "patient.a1");
  const store::PatientId id = *world.patient_a1.patient;
  call(client, patient, "POST", patient_path(id, "/journal"),
       R"({"entries": [{"time": "2026-11-27T08:00:00Z", "notes": "secret-note-text"}]})");
  client.get("/api/v1/questionnaire?who=secret-query");
  const std::string log = server.access_log();
  EXPECT_EQ(log.find("secret-note-text"), std::string::npos);
  EXPECT_EQ(log.find("secret-query"), std::string::npos);
  EXPECT_EQ(log.find(kPassword), std::string::npos);
  EXPECT_NE(log.find("/api/v1/patients/{id}/journal"), std::string::npos);
}

}  // namespace
}  // namespace mn::testing
