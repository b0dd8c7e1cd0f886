// The therapist pages through real HTTP on loopback: a person's ranking over
// the demo directory with map links and the factors of every score, filters
// posted in the form (input errors 422 naming the field, whereabouts never
// in a URL or log line), sharing the brief with a therapist who has an
// account and stopping it again, for the person and for their clinician.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/auth.hpp"
#include "api_support.hpp"
#include "demo/demo_directory.hpp"

namespace mn::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

HttpResponse get_page(HttpClient& client, const std::string& target, const Session& session) {
  return client.get(target, {{"Cookie", std::string(api::kSessionCookie) + "=" + session.token}});
}

// Posts a form with the session's CSRF token, as a browser on this site would.
HttpResponse post_form(HttpClient& client, const std::string& target, const Session& session,
                       const std::string& fields = "") {
  const HttpHeaders headers{{"Content-Type", kForm},
                            {"Sec-Fetch-Site", "same-origin"},
                            {"Cookie", std::string(api::kSessionCookie) + "=" + session.token}};
  return client.request("POST", target, headers,
                        "csrf=" + session.csrf + (fields.empty() ? "" : "&" + fields));
}

// The entry of the first "Share the brief" form on a ranking page; empty when none.
std::string first_shared_entry(const std::string& page) {
  const std::string marker = "name=\"entry\" value=\"";
  const std::size_t at = page.find(marker);
  if (at == std::string::npos) return "";
  const std::size_t start = at + marker.size();
  return page.substr(start, page.find('"', start) - start);
}

class WebTherapists : public ::testing::Test {
 protected:
  void SetUp() override {
    // The demo directory in clinic A, every practice linked to therapist.a so
    // that each match can be shared with; one practice in clinic B.
    std::vector<store::DirectoryEntry> entries = demo::demo_directory();
    for (store::DirectoryEntry& entry : entries) entry.account = server_.world().therapist_a.id;
    const store::Actor actor{"test", ""};
    auto stored = server_.store().directory().put_therapists(actor, *server_.world().admin_a.clinic,
                                                             entries, false);
    ASSERT_TRUE(stored) << stored.error().describe();
    auto elsewhere = server_.store().directory().put_therapists(
        actor, *server_.world().clinician_b.clinic, {demo::demo_directory().front()}, false);
    ASSERT_TRUE(elsewhere) << elsewhere.error().describe();
    other_clinic_entry_ = std::to_string(elsewhere->front().id);

    owner_ = sign_in(client_, "patient.a1");
    ASSERT_EQ(
        call(client_, owner_, "POST", "/api/v1/patients/" + std::to_string(person()) + "/intakes",
             R"({"age": 41, "goals": ["pain_relief"], "pain_areas": [{"region": "neck",
                   "intensity": 5, "weeks": 8, "localized": true}], "knots": true,
                   "conditions": [], "medications": [], "surgery_weeks_ago": null,
                   "unexplained_severe_pain": false, "pregnant": false})")
            .status,
        201);
  }

  store::PatientId person() const { return *server_.world().patient_a1.patient; }
  std::string clinic_path(const std::string& suffix) const {
    return "/clinic/patients/" + std::to_string(person()) + suffix;
  }
  // Takes the therapist's account off the directory entry `id`.
  void unlink(const std::string& id) {
    auto entry = server_.store().directory().therapist_entry(std::stoll(id));
    ASSERT_TRUE(entry && *entry);
    store::DirectoryEntry unlinked = **entry;
    unlinked.account.reset();
    ASSERT_TRUE(server_.store().directory().put_therapists(store::Actor{"test", ""},
                                                           unlinked.clinic, {unlinked}, true));
  }
  // The person's shares that are still in force.
  std::vector<store::Share> active_shares() {
    auto shares = server_.store().accounts().shares_of_patient(person());
    EXPECT_TRUE(shares);
    std::vector<store::Share> active;
    for (const store::Share& share : shares ? *shares : std::vector<store::Share>{}) {
      if (!share.revoked_at) active.push_back(share);
    }
    return active;
  }

  ApiServer server_{Backend::sqlite};
  HttpClient client_{server_.port()};
  Session owner_;
  std::string other_clinic_entry_;
};

TEST_F(WebTherapists, TheRankingShowsMapLinksAndWhyEachScore) {
  HttpResponse page = get_page(client_, "/therapists", owner_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(page.body, "<h1>Find a therapist</h1>"));
  EXPECT_TRUE(contains(page.body, "href=\"https://www.openstreetmap.org/?mlat=")) << page.body;
  EXPECT_TRUE(contains(page.body, "<th scope=\"col\">What counts</th>"));
  EXPECT_TRUE(contains(page.body, "<td>Distance</td>"));
  EXPECT_TRUE(contains(page.body, "<td>Techniques you need</td>"));
  EXPECT_TRUE(contains(page.body, "Trigger point therapy"));  // a match's training
  EXPECT_TRUE(contains(page.body, "the middle of the clinic&#39;s directory") ||
              contains(page.body, "the middle of the clinic's directory"));
  EXPECT_TRUE(contains(page.body, "action=\"/therapists/share\""));
  // A share button only for a practice whose therapist has an account.
  const std::string entry = first_shared_entry(page.body);
  ASSERT_FALSE(entry.empty());
  unlink(entry);
  HttpResponse again = get_page(client_, "/therapists", owner_);
  EXPECT_TRUE(contains(again.body, "id=\"match-" + entry + "\""));
  EXPECT_FALSE(contains(again.body, "name=\"entry\" value=\"" + entry + "\""));
  EXPECT_FALSE(first_shared_entry(again.body).empty());

  const Session clinician = sign_in(client_, "clinician.a");
  HttpResponse theirs = get_page(client_, clinic_path("/therapists"), clinician);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_TRUE(contains(theirs.body, "Therapists for patient.a1"));
  EXPECT_TRUE(contains(theirs.body, "action=\"" + clinic_path("/therapists/share") + "\""));
}

TEST_F(WebTherapists, OnlyThePersonAndTheirClinicianRankForThem) {
  for (const char* login : {"clinician.b", "patient.a2"}) {
    const Session other = sign_in(client_, login);
    HttpResponse refused = get_page(client_, clinic_path("/therapists"), other);
    EXPECT_EQ(refused.status, 404) << login;
    EXPECT_FALSE(contains(refused.body, "openstreetmap")) << login;
  }
  const Session therapist = sign_in(client_, "therapist.a");
  EXPECT_EQ(get_page(client_, "/therapists", therapist).status, 403);
  EXPECT_EQ(get_page(client_, clinic_path("/therapists"), therapist).status, 403);
  const Session admin = sign_in(client_, "admin.a");
  EXPECT_EQ(get_page(client_, clinic_path("/therapists"), admin).status, 403);
  const Session stranger = sign_in(client_, "patient.a2");  // no assessment yet
  HttpResponse early = get_page(client_, "/therapists", stranger);
  EXPECT_TRUE(contains(early.body, "the intake comes first")) << early.body;
  EXPECT_EQ(client_.get("/therapists").status, 303);
}

TEST_F(WebTherapists, FiltersWithWrongValuesAre422NamingTheField) {
  struct Case {
    std::string fields;
    std::string input;  // the id the error links to
    std::string label;
  };
  const std::vector<Case> cases{
      {"radius=500", "radius", "Within (km)"},
      {"latitude=north&longitude=3", "latitude", "Latitude"},
      {"latitude=45.5", "longitude", "Longitude"},
      {"budget=-4", "budget", "Budget"},
      {"minutes=5", "minutes", "Session length"},
  };
  for (const Case& wrong : cases) {
    HttpResponse page = post_form(client_, "/therapists", owner_, wrong.fields);
    EXPECT_EQ(page.status, 422) << wrong.fields;
    EXPECT_TRUE(contains(page.body, "href=\"#" + wrong.input + "\"")) << wrong.fields;
    EXPECT_TRUE(contains(page.body, wrong.label + ":")) << wrong.fields;
  }
  HttpResponse kept = post_form(client_, "/therapists", owner_, "radius=500&budget=90");
  EXPECT_TRUE(contains(kept.body, "value=\"90\"")) << "what was typed stays in the form";
  HttpResponse narrow = post_form(client_, "/therapists", owner_, "radius=1&minutes=60");
  EXPECT_EQ(narrow.status, 200);
  EXPECT_TRUE(contains(narrow.body, "within 1 km")) << narrow.body;
}

TEST_F(WebTherapists, WhereThePersonIsStaysOutOfEveryUrlAndLogLine) {
  HttpResponse page = post_form(client_, "/therapists", owner_,
                                "latitude=45.531234&longitude=-122.664321&radius=30");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "Distances are from the place you gave."));
  EXPECT_TRUE(contains(page.body, "value=\"45.531234\""));  // kept in the form only
  for (const char* attribute : {"href=\"", "action=\""}) {
    for (std::size_t at = page.body.find(attribute); at != std::string::npos;
         at = page.body.find(attribute, at + 1)) {
      const std::string url = page.body.substr(at, page.body.find('"', at + 6) - at);
      EXPECT_FALSE(contains(url, "45.5312") || contains(url, "122.6643")) << url;
    }
  }
  // The server logs a response once it is written; the next answer on the
  // same connection comes after that line.
  ASSERT_EQ(client_.get("/healthz").status, 200);
  const std::string log = server_.access_log();
  EXPECT_FALSE(contains(log, "45.531234"));
  EXPECT_FALSE(contains(log, "122.664321"));
  EXPECT_TRUE(contains(log, "\"route\":\"/therapists\"")) << log;
}

TEST_F(WebTherapists, ThePersonSharesTheBriefAndStopsSharingIt) {
  const std::string entry = first_shared_entry(get_page(client_, "/therapists", owner_).body);
  ASSERT_FALSE(entry.empty());
  HttpResponse shared = post_form(client_, "/therapists/share", owner_, "entry=" + entry);
  ASSERT_EQ(shared.status, 303) << shared.body;
  EXPECT_EQ(shared.header("Location"), "/therapists?shared=1");
  HttpResponse notice = get_page(client_, "/therapists?shared=1", owner_);
  EXPECT_TRUE(contains(notice.body, "Shared: the therapist can read the brief"));
  EXPECT_TRUE(contains(notice.body, "href=\"/handoff\""));
  const std::vector<store::Share> shares = active_shares();
  ASSERT_EQ(shares.size(), 1U);
  EXPECT_EQ(shares.front().therapist, server_.world().therapist_a.id);
  const std::string brief = "/handoffs/" + std::to_string(shares.front().id);

  const Session therapist = sign_in(client_, "therapist.a");
  HttpResponse seen = get_page(client_, brief, therapist);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_TRUE(contains(seen.body, "Massage therapist brief: "));
  EXPECT_FALSE(contains(seen.body, "Stop sharing"));  // the therapist cannot revoke

  HttpResponse own = get_page(client_, "/handoff", owner_);
  const std::string revoke = "/handoff/shares/" + std::to_string(shares.front().id) + "/revoke";
  EXPECT_TRUE(contains(own.body, "action=\"" + revoke + "\"")) << own.body;
  EXPECT_TRUE(contains(own.body, "Theo Therapist, until "));
  // Nobody else stops it: another person, another clinic's clinician.
  const std::string clinic_revoke =
      clinic_path("/handoff/shares/" + std::to_string(shares.front().id) + "/revoke");
  EXPECT_EQ(post_form(client_, revoke, sign_in(client_, "patient.a2")).status, 404);
  EXPECT_EQ(post_form(client_, clinic_revoke, sign_in(client_, "clinician.b")).status, 404);
  EXPECT_EQ(post_form(client_, revoke, therapist).status, 403);
  EXPECT_EQ(get_page(client_, brief, therapist).status, 200);

  HttpResponse stopped = post_form(client_, revoke, owner_);
  ASSERT_EQ(stopped.status, 303) << stopped.body;
  EXPECT_EQ(stopped.header("Location"), "/handoff");
  EXPECT_TRUE(active_shares().empty());
  HttpResponse gone = get_page(client_, brief, therapist);
  EXPECT_EQ(gone.status, 404);
  EXPECT_FALSE(contains(gone.body, "Massage therapist brief"));
  EXPECT_EQ(get_page(client_, brief + "/pdf", therapist).status, 404);
  // The page says it is shared with nobody now.
  HttpResponse after = get_page(client_, "/handoff", owner_);
  EXPECT_TRUE(contains(after.body, "Nobody yet.")) << after.body;
  EXPECT_FALSE(contains(after.body, "Stop sharing"));
}

TEST_F(WebTherapists, TheClinicianSharesAndStopsFromTheClinicPages) {
  const Session clinician = sign_in(client_, "clinician.a");
  const std::string entry =
      first_shared_entry(get_page(client_, clinic_path("/therapists"), clinician).body);
  ASSERT_FALSE(entry.empty());
  HttpResponse shared =
      post_form(client_, clinic_path("/therapists/share"), clinician, "entry=" + entry);
  ASSERT_EQ(shared.status, 303) << shared.body;
  EXPECT_EQ(shared.header("Location"), clinic_path("/therapists?shared=1"));
  HttpResponse notice = get_page(client_, clinic_path("/therapists?shared=1"), clinician);
  EXPECT_TRUE(contains(notice.body, "href=\"" + clinic_path("/handoff") + "\"")) << notice.body;
  const std::vector<store::Share> shares = active_shares();
  ASSERT_EQ(shares.size(), 1U);
  EXPECT_EQ(shares.front().shared_by, server_.world().clinician_a.id);
  const Session therapist = sign_in(client_, "therapist.a");
  const std::string brief = "/handoffs/" + std::to_string(shares.front().id);
  EXPECT_EQ(get_page(client_, brief, therapist).status, 200);

  HttpResponse stopped = post_form(
      client_, clinic_path("/handoff/shares/" + std::to_string(shares.front().id) + "/revoke"),
      clinician);
  ASSERT_EQ(stopped.status, 303) << stopped.body;
  EXPECT_EQ(stopped.header("Location"), clinic_path("/handoff"));
  EXPECT_EQ(get_page(client_, brief, therapist).status, 404);
}

TEST_F(WebTherapists, ABriefGoesOnlyToALinkedTherapistOfThePersonsClinic) {
  const std::string entry = first_shared_entry(get_page(client_, "/therapists", owner_).body);
  ASSERT_FALSE(entry.empty());
  EXPECT_EQ(post_form(client_, "/therapists/share", owner_, "entry=" + other_clinic_entry_).status,
            404);
  EXPECT_EQ(post_form(client_, "/therapists/share", owner_, "entry=999999").status, 404);
  EXPECT_EQ(post_form(client_, "/therapists/share", owner_, "entry=first").status, 400);
  EXPECT_EQ(post_form(client_, "/therapists/share", owner_, "entry=" + entry + "x").status, 400);
  EXPECT_EQ(post_form(client_, "/therapists/share", owner_).status, 400);
  const Session clinician_b = sign_in(client_, "clinician.b");
  EXPECT_EQ(
      post_form(client_, clinic_path("/therapists/share"), clinician_b, "entry=" + entry).status,
      404);
  // Without the CSRF token the form is refused.
  HttpResponse forged =
      client_.request("POST", "/therapists/share",
                      {{"Content-Type", kForm},
                       {"Sec-Fetch-Site", "same-origin"},
                       {"Cookie", std::string(api::kSessionCookie) + "=" + owner_.token}},
                      "entry=" + entry);
  EXPECT_EQ(forged.status, 403);
  unlink(entry);
  EXPECT_EQ(post_form(client_, "/therapists/share", owner_, "entry=" + entry).status, 404);
  EXPECT_TRUE(active_shares().empty());
}

}  // namespace
}  // namespace mn::testing
