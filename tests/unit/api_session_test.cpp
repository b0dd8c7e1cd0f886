// Sessions through real HTTP: idle and absolute expiry, rotation on sign-in,
// sign-out, CSRF, sign-in throttling, and two servers sharing sessions
// through one PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/auth.hpp"
#include "api_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

class ApiSessions : public ::testing::Test {
 protected:
  ApiServer server{Backend::sqlite};
  HttpClient client{server.port()};
};

TEST_F(ApiSessions, IdleSessionExpiresAfterThirtyMinutes) {
  Session session = sign_in(client, "clinician.a");
  server.clock().advance(29 * 60);
  EXPECT_EQ(call(client, session, "GET", "/api/v1/session").status, 200);
  server.clock().advance(29 * 60);  // active a moment ago: still valid
  EXPECT_EQ(call(client, session, "GET", "/api/v1/session").status, 200);
  server.clock().advance(31 * 60);
  HttpResponse expired = call(client, session, "GET", "/api/v1/session");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(json::parse(expired.body).at("error").at("code"), "session_expired");
}

TEST_F(ApiSessions, ActiveSessionStillEndsAfterTwelveHours) {
  Session session = sign_in(client, "clinician.a");
  for (int step = 0; step < 35; ++step) {  // 35 x 20 minutes = 11 h 40 min
    server.clock().advance(20 * 60);
    ASSERT_EQ(call(client, session, "GET", "/api/v1/session").status, 200) << step;
  }
  server.clock().advance(20 * 60);
  EXPECT_EQ(call(client, session, "GET", "/api/v1/session").status, 401);
}

TEST_F(ApiSessions, SignInRotatesTheSession) {
  Session first = sign_in(client, "patient.a1");
  // Signing in again from the same browser sends the old cookie along.
  HttpResponse again = client.request(
      "POST", "/api/v1/session",
      {{"Cookie", "mn_session=" + first.token}, {"Content-Type", "application/json"}},
      json{{"login", "patient.a1"}, {"password", kPassword}}.dump());
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.header("Set-Cookie").value_or("").find(first.token), std::string::npos);
  EXPECT_EQ(call(client, first, "GET", "/api/v1/session").status, 401);
}

TEST_F(ApiSessions, CookieWritesNeedTheCsrfToken) {
  Session session = sign_in(client, "clinician.a");
  const std::string body = json{{"display_name", "Noor"}}.dump();
  const std::string cookie = "mn_session=" + session.token;
  HttpResponse missing = client.request(
      "POST", "/api/v1/patients", {{"Cookie", cookie}, {"Content-Type", "application/json"}}, body);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(json::parse(missing.body).at("error").at("code"), "csrf_failed");
  HttpResponse wrong = client.request("POST", "/api/v1/patients",
                                      {{"Cookie", cookie},
                                       {"Content-Type", "application/json"},
                                       {"X-CSRF-Token", "x" + session.csrf}},
                                      body);
  EXPECT_EQ(wrong.status, 403);
  Session other = sign_in(client, "clinician.a");  // another session's token does not fit
  HttpResponse foreign = client.request(
      "POST", "/api/v1/patients",
      {{"Cookie", cookie}, {"Content-Type", "application/json"}, {"X-CSRF-Token", other.csrf}},
      body);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(call(client, session, "POST", "/api/v1/patients", body).status, 201);
  // A cross-site form cannot send JSON: refused before any handler runs.
  HttpResponse form = client.request("POST", "/api/v1/patients",
                                     {{"Cookie", cookie},
                                      {"Content-Type", "application/x-www-form-urlencoded"},
                                      {"X-CSRF-Token", session.csrf}},
                                     "display_name=Noor");
  EXPECT_EQ(form.status, 415);
}

TEST_F(ApiSessions, ThrottlesAnAccountAfterFiveFailures) {
  const std::string wrong = json{{"login", "patient.a1"}, {"password", "wrong password!"}}.dump();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.post("/api/v1/session", wrong).status, 401);
  HttpResponse locked =
      client.post("/api/v1/session", json{{"login", "patient.a1"}, {"password", kPassword}}.dump());
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(locked.header("Retry-After"));
  // Another account from the same address is not locked yet.
  sign_in(client, "patient.a2");
  server.clock().advance(16 * 60);
  sign_in(client, "patient.a1");
}

TEST_F(ApiSessions, ThrottlesAnAddressTryingManyAccounts) {
  for (int i = 0; i < 20; ++i) {
    const std::string body =
        json{{"login", "guess" + std::to_string(i)}, {"password", "wrong password!"}}.dump();
    EXPECT_EQ(client.post("/api/v1/session", body).status, 401);
  }
  HttpResponse locked = client.post("/api/v1/session",
                                    json{{"login", "clinician.a"}, {"password", kPassword}}.dump());
  EXPECT_EQ(locked.status, 429);
}

// Behind a trusted reverse proxy (here: every connection comes from
// 127.0.0.1), the client is the address the proxy forwards: throttling counts
// it and the audit trail records it.
TEST(ApiSessionsBehindAProxy, CountAndAuditTheForwardedAddress) {
  api::ApiSettings settings;
  settings.trusted_proxies = {"127.0.0.1"};
  ApiServer server(Backend::sqlite, settings);
  HttpClient client(server.port());
  const HttpHeaders guesser{{"X-Forwarded-For", "198.51.100.9, 203.0.113.7"}};
  for (int i = 0; i < 20; ++i) {
    const std::string body =
        json{{"login", "guess" + std::to_string(i)}, {"password", "wrong password!"}}.dump();
    EXPECT_EQ(client.post("/api/v1/session", body, guesser).status, 401);
  }
  const std::string clinician = json{{"login", "clinician.a"}, {"password", kPassword}}.dump();
  EXPECT_EQ(client.post("/api/v1/session", clinician, guesser).status, 429);
  // The clinician, at another address behind the same proxy, is not locked out.
  const HttpHeaders desk{{"X-Forwarded-For", "192.0.2.44"}};
  HttpResponse signed_in = client.post("/api/v1/session", clinician, desk);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;

  const std::string cookie = signed_in.header("Set-Cookie").value_or("");
  const auto value = cookie.find('=') + 1;
  HttpHeaders reading = desk;
  reading.emplace_back("Cookie", std::string(api::kSessionCookie) + "=" +
                                     cookie.substr(value, cookie.find(';') - value));
  const store::PatientId patient = *server.world().patient_a1.patient;
  ASSERT_EQ(client.get("/api/v1/patients/" + std::to_string(patient), reading).status, 200);

  const std::string reader = "account:" + std::to_string(server.world().clinician_a.id);
  auto trail = server.store().audit_trail(store::Actor{"test", ""}, patient);
  ASSERT_TRUE(trail);
  const auto read = std::find_if(trail->begin(), trail->end(), [&](const auto& line) {
    return line.actor == reader && line.action == "read";
  });
  ASSERT_NE(read, trail->end());
  EXPECT_EQ(read->address, "192.0.2.44");
}

TEST(ApiSessionsShared, ASessionMadeOnOneServerWorksOnTheOther) {
  ApiServer first(Backend::postgresql);
  // A second server with its own connections to the same database.
  MovableClock clock(first.clock().now());
  std::vector<std::unique_ptr<store::Store>> stores;
  stores.push_back(first.database().open(clock));
  api::Api api(knowledge(), clock, {}, std::move(stores));
  http::ServerOptions options;
  options.port = 0;
  options.worker_threads = 1;
  http::Server second(options, api.handlers());
  auto port = second.start();
  ASSERT_TRUE(port);

  HttpClient one(first.port());
  HttpClient two(*port);
  Session session = sign_in(one, "clinician.a");
  HttpResponse me = call(two, session, "GET", "/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body).at("account").at("login"), "clinician.a");
  EXPECT_EQ(call(two, session, "DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(call(one, session, "GET", "/api/v1/session").status, 401);
  second.stop();
  second.wait();
}

}  // namespace
}  // namespace mn::testing
