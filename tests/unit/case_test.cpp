// Runs every clinical case under tests/cases/ (vignettes, one per file, and
// rule tables, a list per file) through the intake parser and the engine,
// and checks the expectations each case states. The format is described in
// tests/cases/README.md.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "codec/intake_json.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

struct Case {
  std::string name;  // file stem, and the entry's index for tables
  std::string file;
  json body;
};

std::set<std::string> skipped() {
  std::set<std::string> names;
  std::ifstream stream(source_dir() / "tests/cases/skip.txt");
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty() || line[0] == '#') continue;
    names.insert(line.substr(0, line.find(' ')));  // the rest of the line is the reason
  }
  return names;
}

std::string test_name(std::string text) {
  for (char& c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return text;
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(source_dir() / "tests/cases")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream stream(path);
    const json body = json::parse(stream);  // a broken case file fails loudly
    const std::string stem =
        std::filesystem::relative(path, source_dir() / "tests/cases").replace_extension().string();
    if (body.is_array()) {
      for (std::size_t i = 0; i < body.size(); ++i)
        cases.push_back({stem + "_" + std::to_string(i), path.string(), body[i]});
    } else {
      cases.push_back({stem, path.string(), body});
    }
  }
  return cases;
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = load_cases();
  return cases;
}

std::set<std::string> ids_of(const json& list, const char* key = "id") {
  std::set<std::string> ids;
  for (const auto& entry : list)
    ids.insert(entry.is_string() ? entry.get<std::string>() : entry[key].get<std::string>());
  return ids;
}

std::set<std::string> strings(const json& list) { return list.get<std::set<std::string>>(); }

void expect_set(const json& expect, const char* key, const std::set<std::string>& actual) {
  const std::string base = key;
  if (expect.contains(base)) {
    EXPECT_EQ(actual, strings(expect[base])) << base;
  }
  if (expect.contains(base + "_include")) {
    for (const auto& id : strings(expect[base + "_include"]))
      EXPECT_TRUE(actual.count(id)) << base << " lacks " << id;
  }
  if (expect.contains(base + "_exclude")) {
    for (const auto& id : strings(expect[base + "_exclude"]))
      EXPECT_FALSE(actual.count(id)) << base << " has " << id;
  }
}

void check_expectations(const json& expect, const json& out) {
  const json& safety = out["safety"];
  const json& recommendation = out["recommendation"];
  const json& plan = out["plan"];
  if (expect.contains("status")) {
    EXPECT_EQ(safety["status"], expect["status"]);
  }
  expect_set(expect, "reasons", ids_of(safety["reasons"]));
  if (expect.contains("pressure_ceiling")) {
    EXPECT_EQ(safety["pressure_ceiling"], expect["pressure_ceiling"]);
  }
  if (expect.contains("areas_to_avoid")) {
    EXPECT_EQ(strings(safety["areas_to_avoid"]), strings(expect["areas_to_avoid"]));
  }
  if (expect.contains("position")) {
    EXPECT_EQ(safety["position"], expect["position"]);
  }
  if (expect.contains("max_minutes")) {
    EXPECT_EQ(safety["max_minutes"], expect["max_minutes"]);
  }
  if (expect.contains("unanswered")) {
    EXPECT_EQ(strings(safety["unanswered"]), strings(expect["unanswered"]));
  }
  if (expect.contains("style")) {
    EXPECT_EQ(recommendation["style"], expect["style"]);
  }
  expect_set(expect, "items", ids_of(recommendation["items"]));
  if (expect.contains("pressure_target")) {
    EXPECT_EQ(recommendation["pressure_target"], expect["pressure_target"]);
  }
  expect_set(expect, "evidence", ids_of(recommendation["evidence"]));
  for (const auto& text : expect.value("explanation_contains", json::array())) {
    EXPECT_NE(recommendation["explanation"].get<std::string>().find(text.get<std::string>()),
              std::string::npos)
        << "explanation lacks: " << text;
  }
  for (const auto& text : expect.value("explanation_excludes", json::array())) {
    EXPECT_EQ(out.dump().find(text.get<std::string>()), std::string::npos)
        << "output has: " << text;
  }
  if (expect.contains("plan_status")) {
    EXPECT_EQ(plan["status"], expect["plan_status"]);
  }
  if (expect.contains("phases")) {
    json phases = json::array();
    for (const auto& phase : plan["phases"]) {
      phases.push_back({phase["style"], phase["every_days"], phase["sessions"], phase["minutes"]});
    }
    EXPECT_EQ(phases, expect["phases"]) << "phases as [style, every_days, sessions, minutes]";
  }
  expect_set(expect, "cadences", ids_of(plan["cadences"]));
  expect_set(expect, "constraints", ids_of(plan["constraints"]));
  if (expect.contains("session_count")) {
    EXPECT_EQ(plan["sessions"].size(), expect["session_count"].get<std::size_t>());
  }
  if (expect.contains("first_session")) {
    ASSERT_FALSE(plan["sessions"].empty());
    EXPECT_EQ(plan["sessions"][0]["date"], expect["first_session"]);
  }
  if (expect.contains("review_on")) {
    EXPECT_EQ(plan["review_on"], expect["review_on"]);
  }
  expect_set(expect, "tell_your_therapist", ids_of(out["tell_your_therapist"]));
  expect_set(expect, "preparation", ids_of(out["preparation"]));
  expect_set(expect, "aftercare", ids_of(out["aftercare"]));
  expect_set(expect, "when_to_call", ids_of(out["when_to_call"]));
  expect_set(expect, "pairings", ids_of(out["pairings"]));
  expect_set(expect, "bring_to_clinic", ids_of(out["bring_to_clinic"]));
}

class ClinicalCase : public ::testing::TestWithParam<Case> {};

TEST_P(ClinicalCase, MeetsItsExpectations) {
  const Case& c = GetParam();
  if (skipped().count(c.name)) GTEST_SKIP() << "listed in tests/cases/skip.txt";
  SCOPED_TRACE(c.file + ": " + c.body.value("name", std::string()));
  const std::string text = c.body.contains("intake_text") ? c.body["intake_text"].get<std::string>()
                                                          : c.body["intake"].dump();
  auto intake = codec::parse_intake(knowledge(), text);
  if (c.body.contains("error")) {
    ASSERT_FALSE(intake.ok()) << "expected the intake to be rejected";
    const json& error = c.body["error"];
    if (error.contains("code")) {
      EXPECT_EQ(intake.error().code, error["code"]);
    }
    if (error.contains("where")) {
      EXPECT_EQ(intake.error().where, error["where"]);
    }
    if (error.contains("message_contains")) {
      EXPECT_NE(intake.error().message.find(error["message_contains"].get<std::string>()),
                std::string::npos)
          << intake.error().message;
    }
    return;
  }
  ASSERT_TRUE(intake.ok()) << intake.error().describe();
  const json out = assess_json(c.body["intake"], c.body.value("today", std::string("2026-11-27")));
  check_expectations(c.body.value("expect", json::object()), out);
}

INSTANTIATE_TEST_SUITE_P(Cases, ClinicalCase, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return test_name(param.param.name);
                         });

// Each checklist item and safety rule has a case where it must apply and one
// where it must not; each cadence of the active dose policy is chosen by some case.
TEST(CaseCoverage, EveryItemRuleAndCadenceIsExercisedBothWays) {
  std::set<std::string> fires;
  std::set<std::string> does_not_fire;
  std::set<std::string> cadences;
  for (const Case& c : all_cases()) {
    const json expect = c.body.value("expect", json::object());
    for (const char* key : {"items", "reasons"}) {
      const std::string base = key;
      for (const char* suffix : {"", "_include"}) {
        if (expect.contains(base + suffix)) {
          for (const auto& id : strings(expect[base + suffix])) fires.insert(id);
        }
      }
      if (expect.contains(base + "_exclude")) {
        for (const auto& id : strings(expect[base + "_exclude"])) does_not_fire.insert(id);
      }
    }
    for (const char* suffix : {"", "_include"}) {
      if (expect.contains(std::string("cadences") + suffix)) {
        for (const auto& id : strings(expect[std::string("cadences") + suffix]))
          cadences.insert(id);
      }
    }
  }
  for (const auto& item : knowledge().items) {
    EXPECT_TRUE(fires.count(item.id)) << "no case where checklist item " << item.id << " applies";
    EXPECT_TRUE(does_not_fire.count(item.id))
        << "no case where checklist item " << item.id << " must not apply";
  }
  for (const auto& rule : knowledge().rules) {
    EXPECT_TRUE(fires.count(rule.id)) << "no case where safety rule " << rule.id << " fires";
    EXPECT_TRUE(does_not_fire.count(rule.id))
        << "no case where safety rule " << rule.id << " must not fire";
  }
  for (const auto& cadence : knowledge().plan.cadences) {
    EXPECT_TRUE(cadences.count(cadence.id)) << "no case that chooses cadence " << cadence.id;
  }
}

}  // namespace
}  // namespace mn::testing
