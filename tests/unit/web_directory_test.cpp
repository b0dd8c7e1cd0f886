// The clinic's directory page: who may keep it, a CSV import that is all
// rows or none with every bad row named, and removal.
#include <gtest/gtest.h>

#include <cctype>

#include "api/auth.hpp"
#include "api_support.hpp"

namespace mn::testing {
namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

constexpr const char* kHeader =
    "id,name,practice,licence,board_certified,training,styles,accepts_medical_input,setting,"
    "latitude,longitude,address,prices,openings_per_week,review_count,rating\n";

// A form field's value: '+' for spaces, %XX for everything else unsafe.
std::string encoded(std::string_view text) {
  std::string out;
  constexpr const char* kHex = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

class WebDirectory : public ::testing::Test {
 protected:
  HttpResponse get(const std::string& target, const Session& session) {
    return client_.get(target,
                       {{"Cookie", std::string(api::kSessionCookie) + "=" + session.token}});
  }
  HttpResponse post(const std::string& target, const std::string& body, const Session& session) {
    return client_.request("POST", target,
                           {{"Content-Type", "application/x-www-form-urlencoded"},
                            {"Sec-Fetch-Site", "same-origin"},
                            {"Cookie", std::string(api::kSessionCookie) + "=" + session.token}},
                           "csrf=" + session.csrf + "&" + body);
  }
  std::size_t entries(store::ClinicId clinic) {
    auto listed = server_.store().directory().therapists_of_clinic(clinic);
    EXPECT_TRUE(listed);
    return listed ? listed->size() : 0;
  }

  ApiServer server_{Backend::sqlite};
  HttpClient client_{server_.port()};
};

TEST_F(WebDirectory, ClinicianImportsListsAndRemoves) {
  const Session clinician = sign_in(client_, "clinician.a");
  const store::ClinicId clinic = *server_.world().clinician_a.clinic;
  const std::string csv =
      std::string(kHeader) +
      "t-1,Ida Example,Example Massage,,yes,prenatal,therapeutic|relaxation,yes,calm,45.5,-122.6,"
      "\"1 Main St, Lonerock\",60=80,2,10,4.5\n"
      "t-2,<b>Bold</b> Name,,,no,,relaxation,no,calm,45.6,-122.7,2 High St,60=70,1,0,0\n";
  HttpResponse imported = post("/clinic/therapists/import", "csv=" + encoded(csv), clinician);
  ASSERT_EQ(imported.status, 303) << imported.body;
  EXPECT_EQ(entries(clinic), 2U);
  HttpResponse page = get("/clinic/therapists?imported=2", clinician);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Imported 2 therapists."));
  EXPECT_TRUE(contains(page.body, "Ida Example"));
  EXPECT_TRUE(contains(page.body, "&lt;b&gt;Bold&lt;/b&gt; Name"));  // escaped, not markup
  EXPECT_TRUE(contains(page.body, "Prenatal massage"));

  auto listed = server_.store().directory().therapists_of_clinic(clinic);
  ASSERT_TRUE(listed);
  const std::string remove = "/clinic/therapists/" + std::to_string(listed->front().id) + "/remove";
  // Another clinic's clinician cannot remove it.
  const Session other = sign_in(client_, "clinician.b");
  EXPECT_EQ(post(remove, "", other).status, 404);
  EXPECT_EQ(entries(clinic), 2U);
  EXPECT_EQ(post(remove, "", clinician).status, 303);
  EXPECT_EQ(entries(clinic), 1U);
}

TEST_F(WebDirectory, ABadCsvNamesEveryBadRowAndWritesNothing) {
  const Session clinician = sign_in(client_, "clinician.a");
  const std::string csv =
      std::string(kHeader) +
      "t-1,Ida Example,,,yes,,therapeutic,yes,calm,45.5,-122.6,1 Main St,60=80,2,10,7\n"
      "t-2,Bo Example,,,no,,relaxation,no,calm,95,-122.7,2 High St,60=70,1,0,0\n"
      "t-3,Cy Example,,,no,,relaxation,no,calm,45.6,-122.7,3 High St,60=70,1,0,0\n";
  HttpResponse refused = post("/clinic/therapists/import", "csv=" + encoded(csv), clinician);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "line 2, column rating")) << refused.body;
  EXPECT_TRUE(contains(refused.body, "line 3, column latitude")) << refused.body;
  EXPECT_TRUE(contains(refused.body, "t-3,Cy Example")) << "the CSV is kept to correct";
  EXPECT_EQ(entries(*server_.world().clinician_a.clinic), 0U);
}

TEST_F(WebDirectory, OnlyClinicAndAdminStaffKeepIt) {
  for (const char* login : {"patient.a1", "therapist.a"}) {
    const Session session = sign_in(client_, login);
    EXPECT_EQ(get("/clinic/therapists", session).status, 403) << login;
    EXPECT_EQ(post("/clinic/therapists/import", "csv=" + encoded(kHeader), session).status, 403)
        << login;
  }
  EXPECT_EQ(get("/clinic/therapists", sign_in(client_, "admin.a")).status, 200);
}

}  // namespace
}  // namespace mn::testing
