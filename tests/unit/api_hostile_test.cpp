// Hostile input to every route, through real HTTP: malformed, truncated and
// mistyped JSON, odd ids, huge bodies and headers, smuggling attempts, odd
// Unicode, SQL and script text. The bar: no 5xx, no crash, nothing changed
// by a refused request, and text comes back exactly as sent, as JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/router.hpp"
#include "api_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

std::vector<std::string> hostile_bodies() {
  return {
      "",
      "{",
      R"({"display_name": )",
      R"({"entries": [{"time": "2026-11-27T08:00:00Z", "pain": {"neck": 4})",
      "[]",
      "null",
      "123",
      R"("just a string")",
      R"({"entries": "none"})",
      R"({"entries": [{"time": 5}]})",
      R"({"time": "2026-11-27T08:00:00Z", "style": ["relaxation"]})",
      R"({"login": 1, "password": true})",
      R"({"display_name": "a", "display_name": "b"})",
      R"({"age": 1e400})",
      R"({"age": -0})",
      R"({"therapist": 99999999999999999999999})",
      std::string(100'000, '['),
      std::string("{\"display_name\": \"\xff\xfe\"}"),
      std::string("{\"display_name\": \"a\0b\"}", 23),
      "\x01\x02\x03 not json at all",
      R"({"display_name": "x"} trailing)",
  };
}

std::vector<std::string> hostile_ids() {
  return {"0",      "-1",  "99999999999999999999", "1;DROP%20TABLE%20patients",
          "%2e%2e", "1.5", "%F0%9F%92%A9",         "1%00"};
}

std::string fill(const std::string& pattern, const std::string& value) {
  std::string path = pattern;
  for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{')) {
    path.replace(at, path.find('}', at) - at + 1, value);
  }
  return path;
}

class ApiHostile : public ::testing::Test {
 protected:
  ApiServer server{Backend::sqlite};
  HttpClient client{server.port()};
};

TEST_F(ApiHostile, NoRouteAnswersAnyBodyWithA5xx) {
  Session clinician = sign_in(client, "clinician.a");
  const std::string id = std::to_string(*server.world().patient_a1.patient);
  int calls = 0;
  for (const api::Route& route : api::routes()) {
    const std::string path = fill(std::string(route.pattern), id);
    for (const std::string& body : hostile_bodies()) {
      // Signing out and erasing would succeed, as they should: not hostile.
      if (route.method == "DELETE" && route.pattern != "/api/v1/patients/{id}/shares/{share}") {
        continue;
      }
      for (bool signed_in : {true, false}) {
        HttpResponse response = signed_in
                                    ? call(client, clinician, std::string(route.method), path, body)
                                    : client.request(std::string(route.method), path,
                                                     {{"Content-Type", "application/json"}}, body);
        ++calls;
        ASSERT_LT(response.status, 500) << route.method << " " << path << " body "
                                        << body.substr(0, 60) << ": " << response.body;
        if (response.status >= 400) {
          EXPECT_TRUE(json::parse(response.body).contains("error")) << response.body;
        }
      }
    }
  }
  EXPECT_GT(calls, 1000);
  // The person is still there, unchanged by anything refused.
  EXPECT_EQ(call(client, clinician, "GET", "/api/v1/patients/" + id).status, 200);
}

TEST_F(ApiHostile, OddIdsAreNotFoundNeverErrors) {
  Session clinician = sign_in(client, "clinician.a");
  for (const api::Route& route : api::routes()) {
    if (route.pattern.find('{') == std::string_view::npos) continue;
    for (const std::string& id : hostile_ids()) {
      const std::string path = fill(std::string(route.pattern), id);
      HttpResponse response = call(client, clinician, std::string(route.method), path, "{}");
      EXPECT_TRUE(response.status == 404 || response.status == 403 || response.status == 400)
          << route.method << " " << path << " -> " << response.status << " " << response.body;
    }
  }
}

TEST_F(ApiHostile, InjectionTextIsStoredAndReturnedVerbatim) {
  Session clinician = sign_in(client, "clinician.a");
  const std::vector<std::string> names{
      "<script>alert(1)</script>",          "Robert'); DROP TABLE patients;--",  "\" OR 1=1 --",
      "Zoë 🧘 مرحبا e\u0301\u200d", "<img src=x onerror=alert(1)>&amp;",
  };
  for (const std::string& name : names) {
    HttpResponse created = call(client, clinician, "POST", "/api/v1/patients",
                                json{{"display_name", name}, {"time_zone", "UTC"}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("Content-Type").value_or(""), "application/json");
    EXPECT_EQ(created.header("X-Content-Type-Options").value_or(""), "nosniff");
    const auto id = json::parse(created.body).at("id").get<std::int64_t>();
    HttpResponse read = call(client, clinician, "GET", "/api/v1/patients/" + std::to_string(id));
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(json::parse(read.body).at("display_name"), name);
    // JSON escaping only: no HTML entities invented, no tags executed anywhere.
    HttpResponse notes =
        call(client, clinician, "POST", "/api/v1/patients/" + std::to_string(id) + "/journal",
             json{{"entries", json::array({{{"time", "2026-11-27T08:00:00Z"}, {"notes", name}}})}}
                 .dump());
    ASSERT_EQ(notes.status, 201) << notes.body;
    HttpResponse journal =
        call(client, clinician, "GET", "/api/v1/patients/" + std::to_string(id) + "/journal");
    EXPECT_EQ(json::parse(journal.body).at("entries")[0].at("notes"), name);
  }
  HttpResponse list = call(client, clinician, "GET", "/api/v1/patients");
  EXPECT_EQ(list.status, 200);  // the table is still there
  EXPECT_EQ(json::parse(list.body).at("patients").size(), 2 + names.size());
}

TEST_F(ApiHostile, HugeBodyIs413AndHugeHeaderIs431) {
  const std::string big(2 * 1024 * 1024, 'x');
  HttpResponse body =
      client.request("POST", "/api/v1/assessments", {{"Content-Type", "application/json"}}, big);
  EXPECT_EQ(body.status, 413);
  HttpClient other(server.port());
  HttpResponse header = other.request("GET", "/api/v1/questionnaire",
                                      {{"X-Padding", std::string(64 * 1024, 'a')}}, "");
  EXPECT_EQ(header.status, 431);
}

TEST_F(ApiHostile, SmugglingIsRefusedAndTheConnectionClosed) {
  for (const std::string& request : {
           std::string("POST /api/v1/assessments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                       "Content-Length: 6\r\n\r\n{}{}{}"),
           std::string("POST /api/v1/assessments HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
           std::string("POST /api/v1/assessments HTTP/1.1\r\nHost: x\r\n"
                       "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
       }) {
    RawConnection connection(server.port());
    connection.send(request);
    auto response = connection.read_response(std::chrono::seconds(10));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_TRUE(connection.closed_within(std::chrono::seconds(10)));
  }
}

}  // namespace
}  // namespace mn::testing
