// The web pages through real HTTP on loopback: sign-in by form, CSRF and
// cross-site refusals, per-record access, input errors that name the field
// and change nothing, escaping of what people typed, static assets. The
// browser flows themselves are in tests/web/browser_test.mjs.
#include <gtest/gtest.h>

#include "api/auth.hpp"
#include "api_support.hpp"
#include "web/form.hpp"
#include "web/page.hpp"

namespace mn::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// Posts a form, as a browser on this site would.
HttpResponse post_form(HttpClient& client, const std::string& target, const std::string& body,
                       const Session* session = nullptr) {
  HttpHeaders headers{{"Content-Type", kForm}, {"Sec-Fetch-Site", "same-origin"}};
  if (session != nullptr) {
    headers.emplace_back("Cookie", std::string(api::kSessionCookie) + "=" + session->token);
  }
  return client.request("POST", target, headers, body);
}

HttpResponse get_page(HttpClient& client, const std::string& target, const Session& session) {
  return client.get(target, {{"Cookie", std::string(api::kSessionCookie) + "=" + session.token}});
}

std::string csrf_field(const Session& session) { return "csrf=" + session.csrf; }

class WebPages : public ::testing::Test {
 protected:
  ApiServer server{Backend::sqlite};
  HttpClient client{server.port()};

  std::size_t journal_size(store::PatientId patient) {
    auto journal = server.store().journal({"test", ""}, patient);
    EXPECT_TRUE(journal);
    return journal ? journal->size() : 0;
  }
};

TEST_F(WebPages, StartPageIsHtmlWithSecurityHeadersAndACacheableStylesheet) {
  HttpResponse page = client.get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  EXPECT_TRUE(contains(page.header("Content-Security-Policy").value_or(""), "script-src 'self'"));
  EXPECT_TRUE(contains(page.body, "Which massage do I need?"));
  // Every style and misconception from the knowledge base is there.
  EXPECT_TRUE(contains(page.body, "Relaxation (Swedish) massage"));
  const std::string& stylesheet = web::stylesheet_path();
  EXPECT_TRUE(contains(page.body, "href=\"" + stylesheet + "\""));
  HttpResponse css = client.get(stylesheet);
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client.get("/static/site-0000.css").status, 404);
}

TEST_F(WebPages, UnknownPagesAndMethodsAreHtmlErrors) {
  HttpResponse missing = client.get("/no/such/page");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(contains(missing.body, "There is no page at this address."));
  EXPECT_EQ(client.request("DELETE", "/journal").status, 405);
  // The API keeps answering JSON.
  HttpResponse api = client.get("/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/json");
}

TEST_F(WebPages, SignInByFormSetsTheCookieAndGoesHome) {
  HttpResponse wrong = post_form(client, "/signin", "login=clinician.a&password=nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(contains(wrong.body, "The sign-in name or the password is wrong."));
  EXPECT_FALSE(wrong.header("Set-Cookie").has_value());
  EXPECT_TRUE(contains(wrong.body, "value=\"clinician.a\"")) << "the login is kept";

  HttpResponse signed_in =
      post_form(client, "/signin", "login=clinician.a&password=correct+horse+battery");
  EXPECT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.header("Location"), "/clinic");
  EXPECT_TRUE(contains(signed_in.header("Set-Cookie").value_or(""), "HttpOnly; SameSite=Lax"));
}

TEST_F(WebPages, SigningInIgnoresTheSessionTheBrowserStillHas) {
  const Session old = sign_in(client, "clinician.a");
  // No CSRF token: signing in is not a change made within that session.
  HttpResponse again =
      post_form(client, "/signin", "login=patient.a1&password=correct+horse+battery", &old);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.header("Location"), "/result");
  // The old session ended (rotation).
  EXPECT_EQ(get_page(client, "/clinic", old).status, 303);
}

TEST_F(WebPages, SignInGoesOnlyToAPageOfThisSite) {
  for (const char* then : {"%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example", "%2F%5Cevil"}) {
    HttpResponse response =
        post_form(client, "/signin",
                  std::string("login=patient.a1&password=correct+horse+battery&then=") + then);
    EXPECT_EQ(response.status, 303) << then;
    EXPECT_EQ(response.header("Location"), "/result") << then;
  }
  HttpResponse local = post_form(client, "/signin",
                                 "login=patient.a1&password=correct+horse+battery&then=%2Fjournal");
  EXPECT_EQ(local.header("Location"), "/journal");
}

TEST_F(WebPages, SignedInPagesSendStrangersToSignIn) {
  HttpResponse response = client.get("/journal");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.header("Location"), "/signin?then=%2Fjournal");
  EXPECT_EQ(post_form(client, "/journal", "stress=3").status, 401);
}

TEST_F(WebPages, FormsFromAnotherSiteAreRefused) {
  const Session session = sign_in(client, "patient.a1");
  const store::PatientId patient = *server.world().patient_a1.patient;
  for (const HttpHeaders& origin : {HttpHeaders{{"Sec-Fetch-Site", "cross-site"}},
                                    HttpHeaders{{"Origin", "https://evil.example"}}}) {
    HttpHeaders headers = origin;
    headers.emplace_back("Content-Type", kForm);
    headers.emplace_back("Cookie", std::string(api::kSessionCookie) + "=" + session.token);
    HttpResponse response =
        client.request("POST", "/journal", headers, csrf_field(session) + "&stress=3");
    EXPECT_EQ(response.status, 403);
    EXPECT_TRUE(contains(response.body, "sent from another site"));
  }
  EXPECT_EQ(journal_size(patient), 0U);
}

TEST_F(WebPages, SignedInFormsNeedTheSessionsCsrfToken) {
  const Session session = sign_in(client, "patient.a1");
  const store::PatientId patient = *server.world().patient_a1.patient;
  HttpResponse missing = post_form(client, "/journal", "stress=3", &session);
  EXPECT_EQ(missing.status, 403);
  EXPECT_TRUE(contains(missing.body, "out of date"));
  HttpResponse forged = post_form(client, "/journal", "csrf=forged&stress=3", &session);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(journal_size(patient), 0U);
  HttpResponse saved = post_form(client, "/journal", csrf_field(session) + "&stress=3", &session);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.header("Location"), "/journal?saved=1");
  EXPECT_EQ(journal_size(patient), 1U);
}

TEST_F(WebPages, AJournalEntryWithAWrongValueNamesItAndStoresNothing) {
  const Session session = sign_in(client, "patient.a1");
  const store::PatientId patient = *server.world().patient_a1.patient;
  HttpResponse refused = post_form(
      client, "/journal", csrf_field(session) + "&pain.neck=11&stress=3&notes=kept", &session);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "href=\"#pain.neck\"")) << refused.body;
  EXPECT_TRUE(contains(refused.body, "must be a whole number 0..10"));
  EXPECT_TRUE(contains(refused.body, ">kept</textarea>")) << "what was typed is kept";
  HttpResponse typo = post_form(client, "/journal", csrf_field(session) + "&stress=lots", &session);
  EXPECT_EQ(typo.status, 422);
  EXPECT_TRUE(contains(typo.body, "must be a whole number, not &#39;lots&#39;"));
  EXPECT_EQ(journal_size(patient), 0U);
}

TEST_F(WebPages, WhatPeopleTypeIsShownAsText) {
  const Session session = sign_in(client, "patient.a1");
  ASSERT_EQ(post_form(client, "/journal",
                      csrf_field(session) + "&notes=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &session)
                .status,
            303);
  HttpResponse page = get_page(client, "/journal", session);
  EXPECT_FALSE(contains(page.body, "<script>alert(1)"));
  EXPECT_TRUE(contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(WebPages, ABrokenFormIsRefusedNamingTheField) {
  const Session session = sign_in(client, "patient.a1");
  HttpResponse broken = post_form(client, "/journal", csrf_field(session) + "&notes=%ZZ", &session);
  EXPECT_EQ(broken.status, 400);
  EXPECT_TRUE(contains(broken.body, "notes: a broken %-escape"));
  HttpResponse json = client.request(
      "POST", "/signin", {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "same-origin"}},
      "{}");
  EXPECT_EQ(json.status, 415);
}

TEST_F(WebPages, ClinicPagesFollowTheRecordAccessRules) {
  const World& world = server.world();
  const Session clinician = sign_in(client, "clinician.a");
  const std::string own = "/clinic/patients/" + std::to_string(*world.patient_a1.patient);
  const std::string other = "/clinic/patients/" + std::to_string(*world.patient_b1.patient);
  HttpResponse dashboard = get_page(client, "/clinic", clinician);
  ASSERT_EQ(dashboard.status, 200);
  EXPECT_TRUE(contains(dashboard.body, "href=\"" + own + "\""));
  EXPECT_FALSE(contains(dashboard.body, "href=\"" + other + "\""));
  EXPECT_EQ(get_page(client, own, clinician).status, 200);
  EXPECT_EQ(get_page(client, own + "/progress", clinician).status, 200);
  // Another clinic's person, and one that does not exist, look the same.
  HttpResponse foreign = get_page(client, other, clinician);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(get_page(client, "/clinic/patients/999999", clinician).body, foreign.body);
  EXPECT_EQ(get_page(client, other + "/progress", clinician).status, 404);

  const Session patient = sign_in(client, "patient.a2");
  EXPECT_EQ(get_page(client, "/clinic", patient).status, 403);
  EXPECT_EQ(get_page(client, own, patient).status, 403);
  const Session therapist = sign_in(client, "therapist.a");
  EXPECT_EQ(get_page(client, own + "/progress", therapist).status, 403);
  const Session admin = sign_in(client, "admin.a");
  EXPECT_EQ(get_page(client, own, admin).status, 403);
}

TEST_F(WebPages, AClinicianReadingARecordIsInThePatientsAuditTrail) {
  const World& world = server.world();
  const Session clinician = sign_in(client, "clinician.a");
  const std::string own = "/clinic/patients/" + std::to_string(*world.patient_a1.patient);
  ASSERT_EQ(get_page(client, own, clinician).status, 200);
  const Session patient = sign_in(client, "patient.a1");
  HttpResponse account = get_page(client, "/account", patient);
  ASSERT_EQ(account.status, 200);
  EXPECT_TRUE(contains(account.body, world.clinician_a.display_name)) << account.body;
}

TEST_F(WebPages, TheAccountPageShowsTheLatestReadsAndAllOnRequest) {
  const Session patient = sign_in(client, "patient.a1");
  // Each visit reads the record, and the reading is audited.
  for (int i = 0; i < 30; ++i) ASSERT_EQ(get_page(client, "/account", patient).status, 200);
  const auto rows = [](const std::string& body) {
    std::size_t count = 0;
    for (std::size_t at = body.find("<tr><td>"); at != std::string::npos;
         at = body.find("<tr><td>", at + 1)) {
      ++count;
    }
    return count;
  };
  HttpResponse latest = get_page(client, "/account", patient);
  EXPECT_EQ(rows(latest.body), 50U);
  EXPECT_TRUE(contains(latest.body, "older ones")) << latest.body;
  HttpResponse all = get_page(client, "/account?reads=all", patient);
  EXPECT_GT(rows(all.body), 50U);
  EXPECT_FALSE(contains(all.body, "older ones"));
}

TEST_F(WebPages, TheIntakeGoesStepByStepAndKeepsAnswersOnAnError) {
  HttpResponse first = client.get("/intake");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(contains(first.body, "name=\"step\" value=\"goals\""));
  HttpResponse refused = post_form(client, "/intake", "step=goals&answers=&goals=flying");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "href=\"#goals\""));
  EXPECT_TRUE(contains(refused.body, "name=\"step\" value=\"goals\"")) << "the same step again";
  HttpResponse next =
      post_form(client, "/intake", "step=goals&answers=&goals=stress_relief&goals=sleep");
  EXPECT_EQ(next.status, 200);
  EXPECT_TRUE(contains(next.body, "name=\"step\" value=\"pain\""));
  // The answers so far travel in the page, escaped for the attribute.
  EXPECT_TRUE(
      contains(next.body, "&quot;goals&quot;:[&quot;stress_relief&quot;,&quot;sleep&quot;]"));
  // Answers the browser sends back are checked again.
  HttpResponse forged =
      post_form(client, "/intake", "step=pain&answers=%7B%22stress%22%3A99%7D&pain_areas=neck");
  EXPECT_EQ(forged.status, 400);
  EXPECT_TRUE(contains(forged.body, "answers"));
  EXPECT_EQ(post_form(client, "/intake", "step=nowhere&answers=").status, 400);
}

TEST_F(WebPages, AStepWithNothingToAskIsSkipped) {
  // No pain areas: the pain details step is skipped.
  HttpResponse next = post_form(client, "/intake", "step=pain&answers=%7B%7D&knots=no");
  ASSERT_EQ(next.status, 200);
  EXPECT_TRUE(contains(next.body, "name=\"step\" value=\"mobility_posture\"")) << next.body;
}

TEST(WebForm, DecodesFieldsInOrderWithRepeats) {
  auto form = web::parse_form("a=1&goals=x&goals=y+z&empty=&bare&pct=%C3%A9%26");
  ASSERT_TRUE(form) << form.error().describe();
  EXPECT_EQ(form->get("a"), "1");
  EXPECT_EQ(form->all("goals"), (std::vector<std::string_view>{"x", "y z"}));
  EXPECT_TRUE(form->has("empty"));
  EXPECT_TRUE(form->has("bare"));
  EXPECT_EQ(form->get("pct"), "\xC3\xA9&");
  EXPECT_EQ(form->get("missing"), "");
}

TEST(WebForm, RefusesWhatNoBrowserSends) {
  const std::pair<const char*, const char*> cases[] = {
      {"notes=%4", "notes"},    {"notes=%G1", "notes"}, {"notes=%FF", "notes"},
      {"notes=a%00b", "notes"}, {"%ZZ=1", ""},
  };
  for (const auto& [body, field] : cases) {
    auto form = web::parse_form(body);
    ASSERT_FALSE(form) << body;
    EXPECT_EQ(form.error().code, "invalid_form") << body;
    EXPECT_EQ(form.error().where, field) << body;
  }
  std::string many;
  for (std::size_t i = 0; i <= web::kMaxFormFields; ++i) many += "f=1&";
  EXPECT_FALSE(web::parse_form(many));
  EXPECT_TRUE(web::parse_form("notes=line%0D%0Anext%09tab"));
}

TEST(WebForm, EncodesForAQuery) {
  EXPECT_EQ(web::form_encode("/journal?x=1 é"), "%2Fjournal%3Fx%3D1%20%C3%A9");
}

}  // namespace
}  // namespace mn::testing
