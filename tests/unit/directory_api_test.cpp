// The therapist directory, ranked matches and handoff downloads of the JSON
// API through real HTTP on loopback: the directory's role rules and
// all-or-none writes, bodies refused by the field, a ranking's contents, the
// handoff as JSON, PDF and iCalendar, audited reads and no whereabouts in
// any URL or log line. Access per role to the health routes is
// api_access_test.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

json body_of(const HttpResponse& response) { return json::parse(response.body); }

// A valid directory entry near Lonerock (45.52, -122.68).
json entry(const std::string& code, json training, double latitude = 45.521) {
  return {{"code", code},
          {"name", "Therapist " + code},
          {"practice", "Practice " + code},
          {"board_certified", true},
          {"training", std::move(training)},
          {"styles", {"therapeutic", "relaxation"}},
          {"accepts_medical_input", true},
          {"setting", "calm"},
          {"location", {{"latitude", latitude}, {"longitude", -122.681}}},
          {"address", "1 Main Street, Lonerock"},
          {"prices",
           {{{"minutes", 30}, {"price", 40}},
            {{"minutes", 60}, {"price", 70.5}},
            {{"minutes", 90}, {"price", 95}}}},
          {"openings_per_week", 4},
          {"review_count", 20},
          {"rating", 4.6}};
}

json batch(std::vector<json> entries) { return {{"therapists", std::move(entries)}}; }

std::vector<std::string> codes_of(const json& list, const char* member = "therapists") {
  std::vector<std::string> codes;
  for (const json& item : list.at(member)) {
    codes.push_back(item.contains("therapist") ? item.at("therapist").at("code").get<std::string>()
                                               : item.at("code").get<std::string>());
  }
  return codes;
}

class DirectoryApi : public ::testing::TestWithParam<Backend> {
 protected:
  std::string patient_path(const std::string& rest) const {
    return "/api/v1/patients/" + std::to_string(*server.world().patient_a1.patient) + rest;
  }
  // Records an intake for patient.a1, as the person themselves.
  void record_intake(bool pregnant) {
    json intake{{"age", 34},
                {"goals", {"stress_relief"}},
                {"stress", 7},
                {"conditions", json::array()},
                {"medications", json::array()},
                {"surgery_weeks_ago", nullptr},
                {"unexplained_severe_pain", false},
                {"pregnant", pregnant}};
    const Session owner = sign_in(client, "patient.a1");
    HttpResponse recorded = call(client, owner, "POST", patient_path("/intakes"), intake.dump());
    ASSERT_EQ(recorded.status, 201) << recorded.body;
  }
  // Puts the entries into clinic A's directory as clinician.a; their ids.
  json put_entries(std::vector<json> entries) {
    const Session clinician = sign_in(client, "clinician.a");
    HttpResponse added =
        call(client, clinician, "POST", "/api/v1/therapists", batch(std::move(entries)).dump());
    EXPECT_EQ(added.status, 201) << added.body;
    return added.status == 201 ? body_of(added) : json{{"therapists", json::array()}};
  }
  std::size_t reads_by(const store::Account& account) {
    auto audit =
        server.store().audit_trail(store::Actor{"test", ""}, *server.world().patient_a1.patient);
    EXPECT_TRUE(audit);
    std::size_t reads = 0;
    for (const store::AuditRecord& line : audit ? *audit : std::vector<store::AuditRecord>{}) {
      if (line.action == "read" && line.actor == "account:" + std::to_string(account.id)) ++reads;
    }
    return reads;
  }

  ApiServer server{GetParam()};
  HttpClient client{server.port()};
};

TEST_P(DirectoryApi, AnyClinicAccountReadsOnlyCliniciansAndAdminsWrite) {
  const json added =
      put_entries({entry("t-one", json::array()), entry("t-two", {"prenatal", "medical_massage"})});
  ASSERT_EQ(codes_of(added), (std::vector<std::string>{"t-one", "t-two"}));
  const json& stored = added.at("therapists").at(1);
  EXPECT_GT(stored.at("id").get<std::int64_t>(), 0);
  EXPECT_EQ(stored.at("training"), json({"medical_massage", "prenatal"}));
  EXPECT_EQ(stored.at("prices").at(1).at("price"), 70.5);
  EXPECT_TRUE(stored.contains("updated_at"));
  EXPECT_FALSE(stored.contains("account"));
  const std::string one =
      "/api/v1/therapists/" + std::to_string(added["therapists"][0]["id"].get<int>());

  const Session admin = sign_in(client, "admin.a");
  EXPECT_EQ(call(client, admin, "POST", "/api/v1/therapists",
                 batch({entry("t-admin", json::array())}).dump())
                .status,
            201);
  for (const char* login : {"patient.a1", "therapist.a"}) {
    const Session session = sign_in(client, login);
    SCOPED_TRACE(login);
    EXPECT_EQ(call(client, session, "POST", "/api/v1/therapists",
                   batch({entry("t-no", json::array())}).dump())
                  .status,
              403);
    EXPECT_EQ(call(client, session, "PUT", "/api/v1/therapists",
                   batch({entry("t-one", json::array())}).dump())
                  .status,
              403);
    EXPECT_EQ(call(client, session, "DELETE", one).status, 403);
    HttpResponse list = call(client, session, "GET", "/api/v1/therapists");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(codes_of(body_of(list)), (std::vector<std::string>{"t-admin", "t-one", "t-two"}));
    EXPECT_EQ(body_of(call(client, session, "GET", one)).at("code"), "t-one");
  }
  EXPECT_EQ(body_of(call(client, admin, "GET", one)).at("name"), "Therapist t-one");

  // Another clinic sees an empty directory, and the entry as missing.
  const Session other = sign_in(client, "clinician.b");
  EXPECT_TRUE(body_of(call(client, other, "GET", "/api/v1/therapists")).at("therapists").empty());
  HttpResponse hidden = call(client, other, "GET", one);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body.find("t-one"), std::string::npos);
  EXPECT_EQ(call(client, other, "DELETE", one).status, 404);
  EXPECT_EQ(client.get("/api/v1/therapists").status, 401);
  auto directory = server.store().directory().therapists_of_clinic(*server.world().admin_a.clinic);
  ASSERT_TRUE(directory);
  EXPECT_EQ(directory->size(), 3U);  // no refused write changed it
}

TEST_P(DirectoryApi, ADuplicateCodeRefusesTheWholeRequest) {
  put_entries({entry("t-one", json::array())});
  const Session clinician = sign_in(client, "clinician.a");
  HttpResponse refused =
      call(client, clinician, "POST", "/api/v1/therapists",
           batch({entry("t-new", json::array()), entry("t-one", json::array())}).dump());
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(body_of(refused).at("error").at("code"), "duplicate");
  // The field is named as the body names it.
  EXPECT_EQ(body_of(refused).at("error").at("field"), "therapists[1].code");
  HttpResponse list = call(client, clinician, "GET", "/api/v1/therapists");
  EXPECT_EQ(codes_of(body_of(list)), std::vector<std::string>{"t-one"});
}

TEST_P(DirectoryApi, PutReplacesByCodeAndDeleteRemoves) {
  const json added = put_entries({entry("t-one", json::array()), entry("t-two", json::array())});
  const auto id = added["therapists"][0]["id"].get<std::int64_t>();
  json changed = entry("t-one", {"oncology"});
  changed["name"] = "Renamed";
  changed["account"] = server.world().therapist_a.id;
  const Session clinician = sign_in(client, "clinician.a");
  HttpResponse replaced = call(client, clinician, "PUT", "/api/v1/therapists",
                               batch({changed, entry("t-three", json::array())}).dump());
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  const std::string path = "/api/v1/therapists/" + std::to_string(id);
  const json one = body_of(call(client, clinician, "GET", path));
  EXPECT_EQ(one.at("id"), id);
  EXPECT_EQ(one.at("name"), "Renamed");
  EXPECT_EQ(one.at("training"), json({"oncology"}));
  EXPECT_EQ(one.at("account"), server.world().therapist_a.id);
  EXPECT_EQ(codes_of(body_of(call(client, clinician, "GET", "/api/v1/therapists"))),
            (std::vector<std::string>{"t-one", "t-three", "t-two"}));

  // Only a therapist of the clinic can be linked.
  changed["account"] = server.world().clinician_b.id;
  HttpResponse foreign =
      call(client, clinician, "PUT", "/api/v1/therapists", batch({changed}).dump());
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(body_of(foreign).at("error").at("field"), "therapists[0].account");

  EXPECT_EQ(call(client, clinician, "DELETE", path).status, 204);
  EXPECT_EQ(call(client, clinician, "GET", path).status, 404);
  EXPECT_EQ(call(client, clinician, "DELETE", path).status, 404);
  EXPECT_EQ(call(client, clinician, "GET", "/api/v1/therapists/abc").status, 404);
}

TEST_P(DirectoryApi, BadBodiesNameTheField) {
  const Session clinician = sign_in(client, "clinician.a");
  const auto field_of = [&](const std::string& method, const std::string& path, const json& body) {
    HttpResponse response = call(client, clinician, method, path, body.dump());
    EXPECT_EQ(response.status, 400) << path << " " << body.dump();
    return response.status == 400 ? body_of(response).at("error").at("field").get<std::string>()
                                  : "";
  };
  json rating = entry("t-one", json::array());
  rating["rating"] = 7;
  EXPECT_EQ(field_of("POST", "/api/v1/therapists", batch({rating})), "therapists[0].rating");
  json far = entry("t-two", json::array(), 95);
  EXPECT_EQ(field_of("PUT", "/api/v1/therapists", batch({entry("t-one", json::array()), far})),
            "therapists[1].location.latitude");
  json training = entry("t-one", {"reiki"});
  EXPECT_EQ(field_of("POST", "/api/v1/therapists", batch({training})), "therapists[0].training[0]");
  json server_set = entry("t-one", json::array());
  server_set["id"] = 4;
  EXPECT_EQ(field_of("POST", "/api/v1/therapists", batch({server_set})), "therapists[0].id");
  EXPECT_EQ(field_of("POST", "/api/v1/therapists", batch({})), "therapists");
  EXPECT_TRUE(
      body_of(call(client, clinician, "GET", "/api/v1/therapists")).at("therapists").empty());

  record_intake(false);
  const std::string matches = patient_path("/matches");
  EXPECT_EQ(field_of("POST", matches, {{"near", {{"latitude", 100}, {"longitude", 0}}}}),
            "near.latitude");
  EXPECT_EQ(field_of("POST", matches, {{"near", {{"latitude", 45}}}}), "near.longitude");
  EXPECT_EQ(field_of("POST", matches, {{"radius_km", 500}}), "radius_km");
  EXPECT_EQ(field_of("POST", matches, {{"top", 0}}), "top");
  EXPECT_EQ(field_of("POST", matches, {{"where", "home"}}), "where");
}

TEST_P(DirectoryApi, MatchesRankTheClinicsDirectoryWithReasons) {
  const Session owner = sign_in(client, "patient.a1");
  HttpResponse early = call(client, owner, "POST", patient_path("/matches"), "{}");
  EXPECT_EQ(early.status, 404);
  EXPECT_EQ(body_of(early).at("error").at("field"), "patient");
  put_entries({entry("t-near", {"medical_massage"}), entry("t-far", json::array(), 46.2)});
  record_intake(false);
  HttpResponse response = call(client, owner, "POST", patient_path("/matches"),
                               json{{"near", {{"latitude", 45.52}, {"longitude", -122.68}}},
                                    {"radius_km", 30},
                                    {"budget", 80}}
                                   .dump());
  ASSERT_EQ(response.status, 200) << response.body;
  const json ranking = body_of(response);
  EXPECT_EQ(ranking.at("radius_km"), 30);
  EXPECT_EQ(ranking.at("budget"), 80);
  EXPECT_EQ(codes_of(ranking, "matches"), std::vector<std::string>{"t-near"});
  EXPECT_EQ(ranking.at("excluded_total"), 1);  // t-far is ~75 km away
  const json& best = ranking.at("matches").at(0);
  EXPECT_LT(best.at("distance_km").get<double>(), 1.0);
  EXPECT_LE(best.at("score").get<double>(), best.at("max_score").get<double>());
  EXPECT_EQ(best.at("map").get<std::string>().rfind("https://www.openstreetmap.org/", 0), 0U);
  double sum = 0;
  for (const json& factor : best.at("factors")) {
    EXPECT_FALSE(factor.at("label").get<std::string>().empty());
    EXPECT_FALSE(factor.at("detail").get<std::string>().empty()) << factor.dump();
    sum += factor.at("points").get<double>();
  }
  EXPECT_NEAR(sum, best.at("score").get<double>(), 1e-6);  // every point explained
  EXPECT_EQ(best.at("therapist").at("code"), "t-near");
}

TEST_P(DirectoryApi, APregnancyLeavesOutTherapistsWithoutPrenatalTraining) {
  put_entries({entry("t-plain", {"medical_massage"}), entry("t-prenatal", {"prenatal"}),
               entry("t-sports", {"sports_massage"})});
  record_intake(true);
  const Session clinician = sign_in(client, "clinician.a");
  HttpResponse response = call(client, clinician, "POST", patient_path("/matches"), "{}");
  ASSERT_EQ(response.status, 200) << response.body;
  const json ranking = body_of(response);
  EXPECT_EQ(codes_of(ranking, "matches"), std::vector<std::string>{"t-prenatal"});
  ASSERT_EQ(ranking.at("excluded").size(), 2U) << response.body;
  for (const json& excluded : ranking.at("excluded")) {
    EXPECT_EQ(excluded.at("reason"), "precaution");
    EXPECT_NE(excluded.at("text").get<std::string>().find("prenatal"), std::string::npos);
  }
  EXPECT_EQ(codes_of(ranking, "excluded"), (std::vector<std::string>{"t-plain", "t-sports"}));
}

TEST_P(DirectoryApi, HandoffAsJsonPdfAndCalendar) {
  const Session clinician = sign_in(client, "clinician.a");
  EXPECT_EQ(call(client, clinician, "GET", patient_path("/handoff/therapist")).status, 404);
  record_intake(false);
  for (const char* audience : {"therapist", "clinic"}) {
    HttpResponse response = call(client, clinician, "GET", patient_path("/handoff/") + audience);
    ASSERT_EQ(response.status, 200) << response.body;
    const json handoff = body_of(response);
    EXPECT_EQ(handoff.at("audience"), audience);
    EXPECT_FALSE(handoff.at("title").get<std::string>().empty());
    ASSERT_FALSE(handoff.at("sections").empty());
    for (const json& section : handoff.at("sections")) {
      EXPECT_TRUE(section.at("id").is_string());
      EXPECT_FALSE(section.at("lines").empty()) << section.dump();
    }
    HttpResponse pdf =
        call(client, clinician, "GET", patient_path("/handoff/") + audience + "/pdf");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
  }
  HttpResponse unknown = call(client, clinician, "GET", patient_path("/handoff/friend"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(body_of(unknown).at("error").at("field"), "audience");
  HttpResponse calendar = call(client, clinician, "GET", patient_path("/calendar"));
  ASSERT_EQ(calendar.status, 200);
  EXPECT_EQ(calendar.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(calendar.body.rfind("BEGIN:VCALENDAR", 0), 0U);
  EXPECT_NE(calendar.body.find("BEGIN:VEVENT"), std::string::npos);

  // A therapist gets the brief's PDF and the calendar while it is shared.
  HttpResponse shared = call(client, clinician, "POST", patient_path("/shares"),
                             json{{"therapist", server.world().therapist_a.id}}.dump());
  ASSERT_EQ(shared.status, 201) << shared.body;
  const std::string id = std::to_string(body_of(shared).at("id").get<int>());
  const Session therapist = sign_in(client, "therapist.a");
  HttpResponse pdf = call(client, therapist, "GET", "/api/v1/handoffs/" + id + "/pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
  HttpResponse events = call(client, therapist, "GET", "/api/v1/handoffs/" + id + "/calendar");
  ASSERT_EQ(events.status, 200);
  EXPECT_EQ(events.body.rfind("BEGIN:VCALENDAR", 0), 0U);
  EXPECT_EQ(call(client, therapist, "GET", patient_path("/calendar")).status, 403);
  ASSERT_EQ(call(client, clinician, "DELETE", patient_path("/shares/" + id)).status, 204);
  EXPECT_EQ(call(client, therapist, "GET", "/api/v1/handoffs/" + id + "/pdf").status, 404);
  EXPECT_EQ(call(client, therapist, "GET", "/api/v1/handoffs/" + id + "/calendar").status, 404);
}

TEST_P(DirectoryApi, HealthReadsAreAuditedAndWhereaboutsStayOutOfTheLog) {
  put_entries({entry("t-one", json::array())});
  record_intake(false);
  const store::Account& clinician_account = server.world().clinician_a;
  const Session clinician = sign_in(client, "clinician.a");
  for (const std::string path : {"/handoff/therapist", "/handoff/clinic/pdf", "/calendar"}) {
    const std::size_t before = reads_by(clinician_account);
    ASSERT_EQ(call(client, clinician, "GET", patient_path(path)).status, 200) << path;
    EXPECT_GT(reads_by(clinician_account), before) << path;
  }
  const std::size_t before = reads_by(clinician_account);
  HttpResponse ranked = call(client, clinician, "POST", patient_path("/matches"),
                             R"({"near": {"latitude": 45.519876, "longitude": -122.673421}})");
  ASSERT_EQ(ranked.status, 200) << ranked.body;
  EXPECT_GT(reads_by(clinician_account), before);
  // Reading the directory is not a health read.
  const std::size_t listed = reads_by(clinician_account);
  call(client, clinician, "GET", "/api/v1/therapists");
  EXPECT_EQ(reads_by(clinician_account), listed);

  const std::string log = server.access_log();
  EXPECT_EQ(log.find("45.519876"), std::string::npos);
  EXPECT_EQ(log.find("122.673421"), std::string::npos);
  EXPECT_NE(log.find("/api/v1/patients/{id}/matches"), std::string::npos) << log;
  EXPECT_EQ(ranked.body.find("45.519876"), std::string::npos);  // nor in the links
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryApi,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& test) { return backend_name(test.param); });

}  // namespace
}  // namespace mn::testing
