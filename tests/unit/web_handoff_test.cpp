// The handoff pages, PDF and calendar downloads through real HTTP on
// loopback: the patient's own, a clinician's for the clinic's people, a
// therapist's only while shared; each view audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/auth.hpp"
#include "api_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

HttpResponse get_page(HttpClient& client, const std::string& target, const Session& session) {
  return client.get(target, {{"Cookie", std::string(api::kSessionCookie) + "=" + session.token}});
}

class WebHandoff : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = sign_in(client_, "patient.a1");
    const std::string intakes = "/api/v1/patients/" + std::to_string(person()) + "/intakes";
    ASSERT_EQ(call(client_, owner_, "POST", intakes,
                   R"({"age": 52, "goals": ["pain_relief"], "pain_areas": [{"region": "neck",
                   "intensity": 5, "weeks": 10, "localized": true}], "knots": true,
                   "conditions": ["atrial fibrillation"], "medications": ["apixaban"],
                   "surgery_weeks_ago": null, "unexplained_severe_pain": false,
                   "pregnant": false})")
                  .status,
              201);
  }

  store::PatientId person() const { return *server_.world().patient_a1.patient; }
  std::string clinic_path(const std::string& suffix = "") const {
    return "/clinic/patients/" + std::to_string(person()) + "/handoff" + suffix;
  }

  // Shares the person's handoff with therapist.a; returns the share's id.
  std::string share() {
    HttpResponse shared =
        call(client_, owner_, "POST", "/api/v1/patients/" + std::to_string(person()) + "/shares",
             json{{"therapist", server_.world().therapist_a.id}}.dump());
    EXPECT_EQ(shared.status, 201) << shared.body;
    return std::to_string(json::parse(shared.body).at("id").get<int>());
  }

  ApiServer server_{Backend::sqlite};
  HttpClient client_{server_.port()};
  Session owner_;
};

TEST_F(WebHandoff, ThePatientGetsTheBriefItsPdfAndTheCalendar) {
  HttpResponse page = get_page(client_, "/handoff", owner_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "Massage therapist brief: "));
  EXPECT_TRUE(contains(page.body, "Anticoagulant therapy")) << page.body;
  EXPECT_TRUE(contains(page.body, "href=\"/handoff/pdf\""));
  HttpResponse pdf = get_page(client_, "/handoff/pdf", owner_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.header("Cache-Control"), "no-store");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
  HttpResponse calendar = get_page(client_, "/handoff/calendar", owner_);
  ASSERT_EQ(calendar.status, 200);
  EXPECT_EQ(calendar.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_TRUE(contains(calendar.body, "BEGIN:VEVENT"));
  // Nothing about the person's conditions goes into a calendar.
  EXPECT_FALSE(contains(calendar.body, "apixaban"));
  EXPECT_FALSE(contains(calendar.body, "fibrillation"));
}

TEST_F(WebHandoff, ClinicianOfTheClinicOnly) {
  const Session clinician = sign_in(client_, "clinician.a");
  HttpResponse summary = get_page(client_, clinic_path("?for=clinic"), clinician);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_TRUE(contains(summary.body, "Clinic summary: "));
  EXPECT_TRUE(contains(summary.body, "Intake answers"));
  EXPECT_EQ(get_page(client_, clinic_path("/pdf?for=clinic"), clinician).status, 200);
  for (const char* login : {"clinician.b", "patient.a2"}) {
    const Session other = sign_in(client_, login);
    HttpResponse refused = get_page(client_, clinic_path(), other);
    EXPECT_EQ(refused.status, 404) << login;
    EXPECT_FALSE(contains(refused.body, "Anticoagulant")) << login;
    EXPECT_EQ(get_page(client_, clinic_path("/pdf"), other).status, 404) << login;
  }
  const Session admin = sign_in(client_, "admin.a");
  EXPECT_EQ(get_page(client_, clinic_path(), admin).status, 403);
}

TEST_F(WebHandoff, TheTherapistSeesItOnlyWhileSharedAndEachViewIsAudited) {
  const Session therapist = sign_in(client_, "therapist.a");
  EXPECT_EQ(get_page(client_, "/handoffs/1", therapist).status, 404);
  EXPECT_EQ(get_page(client_, clinic_path(), therapist).status, 403);
  const std::string id = share();
  HttpResponse list = get_page(client_, "/handoffs", therapist);
  EXPECT_TRUE(contains(list.body, "href=\"/handoffs/" + id + "/pdf\"")) << list.body;
  HttpResponse brief = get_page(client_, "/handoffs/" + id, therapist);
  ASSERT_EQ(brief.status, 200) << brief.body;
  EXPECT_TRUE(contains(brief.body, "Anticoagulant therapy"));
  // The therapist gets the brief, never the clinic team's summary.
  HttpResponse asked = get_page(client_, "/handoffs/" + id + "?for=clinic", therapist);
  EXPECT_FALSE(contains(asked.body, "Intake answers"));
  EXPECT_EQ(get_page(client_, "/handoffs/" + id + "/pdf", therapist).status, 200);
  EXPECT_EQ(get_page(client_, "/handoffs/" + id + "/calendar", therapist).status, 200);

  auto audit = server_.store().audit_trail(store::Actor{"test", ""}, person());
  ASSERT_TRUE(audit);
  const std::string actor = "account:" + std::to_string(server_.world().therapist_a.id);
  std::size_t therapist_reads = 0;
  for (const store::AuditRecord& line : *audit) {
    if (line.action == "read" && line.actor == actor) ++therapist_reads;
  }
  EXPECT_GE(therapist_reads, 4U);  // the list, the page, the PDF and the calendar

  const std::string revoke = "/api/v1/patients/" + std::to_string(person()) + "/shares/" + id;
  ASSERT_EQ(call(client_, owner_, "DELETE", revoke).status, 204);
  HttpResponse gone = get_page(client_, "/handoffs/" + id + "/pdf", therapist);
  EXPECT_EQ(gone.status, 404);
  EXPECT_NE(gone.header("Content-Type"), "application/pdf");
}

TEST_F(WebHandoff, WithoutAnAssessmentThereIsNoBrief) {
  const Session other = sign_in(client_, "patient.a2");
  HttpResponse page = get_page(client_, "/handoff", other);
  EXPECT_EQ(page.status, 404);
  EXPECT_TRUE(contains(page.body, "the intake comes first"));
}

}  // namespace
}  // namespace mn::testing
