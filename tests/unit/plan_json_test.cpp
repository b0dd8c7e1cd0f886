// plan_to_json / plan_from_json: lossless round trips of the plans the engine
// makes for every vignette, of generated plans, across a reordered knowledge
// base, and every kind of bad input with the field it names.
#include "codec/plan_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

void expect_same_plan(const core::KnowledgeBase& a_knowledge, const core::Plan& a,
                      const core::KnowledgeBase& b_knowledge, const core::Plan& b) {
  EXPECT_EQ(a.on_hold, b.on_hold);
  ASSERT_EQ(a.phases.size(), b.phases.size());
  for (std::size_t p = 0; p < a.phases.size(); ++p) {
    SCOPED_TRACE("phase " + std::to_string(p));
    const core::Phase& x = a.phases[p].phase;
    const core::Phase& y = b.phases[p].phase;
    EXPECT_EQ(a_knowledge.plan.cadences.at(a.phases[p].cadence).id,
              b_knowledge.plan.cadences.at(b.phases[p].cadence).id);
    EXPECT_EQ(x.style, y.style);
    EXPECT_EQ(x.every_days, y.every_days);
    EXPECT_EQ(x.sessions, y.sessions);
    EXPECT_EQ(x.minutes, y.minutes);
    EXPECT_EQ(x.purpose, y.purpose);
  }
  ASSERT_EQ(a.sessions.size(), b.sessions.size());
  for (std::size_t s = 0; s < a.sessions.size(); ++s) {
    SCOPED_TRACE("session " + std::to_string(s));
    EXPECT_EQ(a.sessions[s].date, b.sessions[s].date);
    EXPECT_EQ(a.sessions[s].style, b.sessions[s].style);
    EXPECT_EQ(a.sessions[s].minutes, b.sessions[s].minutes);
    EXPECT_EQ(a.sessions[s].phase, b.sessions[s].phase);
  }
  EXPECT_EQ(a.review_on, b.review_on);
  ASSERT_EQ(a.constraints.size(), b.constraints.size());
  for (std::size_t c = 0; c < a.constraints.size(); ++c) {
    SCOPED_TRACE("constraint " + std::to_string(c));
    EXPECT_EQ(a.constraints[c].kind, b.constraints[c].kind);
    EXPECT_EQ(a.constraints[c].a, b.constraints[c].a);
    EXPECT_EQ(a.constraints[c].b, b.constraints[c].b);
    EXPECT_EQ(a.constraints[c].c, b.constraints[c].c);
  }
}

std::vector<core::Plan> vignette_plans() {
  std::vector<core::Plan> plans;
  const auto directory = source_dir() / "tests" / "cases" / "vignettes";
  std::vector<std::filesystem::path> files;
  for (const auto& file : std::filesystem::directory_iterator(directory)) files.push_back(file);
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream stream(file);
    const json body = json::parse(stream);
    const auto today = core::parse_date(body.value("today", std::string("2026-11-27")));
    const core::Intake intake = intake_of(body.at("intake"));
    plans.push_back(core::assess(knowledge(), intake, today.value()).plan);
  }
  return plans;
}

TEST(PlanJson, RoundTripsTheEnginesPlanForEveryVignette) {
  const auto plans = vignette_plans();
  ASSERT_GE(plans.size(), 50U);
  std::size_t on_hold = 0;
  std::size_t constrained = 0;
  std::size_t dated = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    SCOPED_TRACE("vignette " + std::to_string(i + 1));
    const std::string text = codec::plan_to_json(knowledge(), plans[i]);
    const auto back = codec::plan_from_json(knowledge(), text);
    ASSERT_TRUE(back.ok()) << back.error().describe() << "\n" << text;
    expect_same_plan(knowledge(), plans[i], knowledge(), *back);
    EXPECT_EQ(codec::plan_to_json(knowledge(), *back), text);
    on_hold += plans[i].on_hold ? 1 : 0;
    constrained += plans[i].constraints.empty() ? 0 : 1;
    dated += plans[i].sessions.empty() ? 0 : 1;
  }
  // The vignettes exercise every part of the format.
  EXPECT_GT(on_hold, 0U);
  EXPECT_GT(constrained, 0U);
  EXPECT_GT(dated, 0U);
}

TEST(PlanJson, WritesCadencesByIdAndTheDocumentedFields) {
  const auto plans = vignette_plans();
  const core::Plan& plan = plans.front();  // 01: mixed, dated
  ASSERT_FALSE(plan.phases.empty());
  const json document = json::parse(codec::plan_to_json(knowledge(), plan));
  EXPECT_EQ(document["format_version"], 1);
  EXPECT_EQ(document["on_hold"], false);
  EXPECT_EQ(document["phases"][0]["cadence"], knowledge().plan.cadences[plan.phases[0].cadence].id);
  EXPECT_EQ(document["sessions"][0]["date"], core::format_date(plan.sessions[0].date));
  EXPECT_EQ(document["review_on"], core::format_date(plan.review_on.value()));
}

TEST(PlanJson, SurvivesAReorderedKnowledgeBase) {
  core::KnowledgeBase reordered = knowledge();
  std::reverse(reordered.plan.cadences.begin(), reordered.plan.cadences.end());
  std::size_t checked = 0;
  for (const core::Plan& plan : vignette_plans()) {
    const auto back = codec::plan_from_json(reordered, codec::plan_to_json(knowledge(), plan));
    ASSERT_TRUE(back.ok()) << back.error().describe();
    expect_same_plan(knowledge(), plan, reordered, *back);
    for (std::size_t p = 0; p < plan.phases.size(); ++p) {
      if (plan.phases[p].cadence != back->phases[p].cadence) ++checked;
    }
  }
  EXPECT_GT(checked, 0U) << "the reversal should move some cadence";
}

TEST(PlanJson, ACadenceMissingFromTheKnowledgeBaseIsNamed) {
  core::KnowledgeBase fewer = knowledge();
  const auto plans = vignette_plans();
  const core::Plan& plan = plans.front();
  const std::string id = knowledge().plan.cadences[plan.phases[0].cadence].id;
  std::erase_if(fewer.plan.cadences, [&](const core::Cadence& c) { return c.id == id; });
  const auto back = codec::plan_from_json(fewer, codec::plan_to_json(knowledge(), plan));
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "unknown_cadence");
  EXPECT_EQ(back.error().where, "phases[0].cadence");
  EXPECT_NE(back.error().message.find(id), std::string::npos) << back.error().message;
}

core::Plan random_plan(std::mt19937& random) {
  const auto& cadences = knowledge().plan.cadences;
  std::uniform_int_distribution<int> small(0, 4);
  std::uniform_int_distribution<unsigned> u16(0, 65535);
  std::uniform_int_distribution<unsigned> style(0, 3);
  std::uniform_int_distribution<std::size_t> cadence(0, cadences.size() - 1);
  std::uniform_int_distribution<int> day(-400000, 2900000);  // years 874..9909
  std::uniform_real_distribution<double> number(-1e6, 1e6);
  const std::vector<std::string> purposes{"", "weekly", "quote \" and \\ and\nnewline",
                                          "\u00e9t\u00e9 \u2192 \U0001F600"};
  core::Plan plan;
  plan.on_hold = small(random) == 0;
  const int phases = small(random);
  for (int p = 0; p < phases; ++p) {
    core::Phase phase{
        static_cast<core::Style>(style(random)), static_cast<std::uint16_t>(u16(random)),
        static_cast<std::uint16_t>(u16(random)), static_cast<std::uint16_t>(u16(random)),
        purposes[static_cast<std::size_t>(small(random)) % purposes.size()]};
    plan.phases.push_back({phase, static_cast<core::Index>(cadence(random))});
  }
  if (phases > 0) {
    std::uniform_int_distribution<int> phase_of(0, phases - 1);
    for (int s = small(random) * 3; s > 0; --s) {
      plan.sessions.push_back(
          {core::Date{std::chrono::days{day(random)}}, static_cast<core::Style>(style(random)),
           static_cast<std::uint16_t>(u16(random)), static_cast<std::uint8_t>(phase_of(random))});
    }
  }
  if (small(random) > 1) plan.review_on = core::Date{std::chrono::days{day(random)}};
  for (int c = small(random); c > 0; --c) {
    plan.constraints.push_back({static_cast<core::PlanConstraint>(small(random) % 4),
                                number(random), number(random) / 7, c == 1 ? 1e-300 : 0.1});
  }
  return plan;
}

TEST(PlanJson, RoundTripsGeneratedPlans) {
  std::mt19937 random(1127);
  for (int i = 0; i < 3000; ++i) {
    const core::Plan plan = random_plan(random);
    const std::string text = codec::plan_to_json(knowledge(), plan);
    const auto back = codec::plan_from_json(knowledge(), text);
    ASSERT_TRUE(back.ok()) << back.error().describe() << "\n" << text;
    expect_same_plan(knowledge(), plan, knowledge(), *back);
    if (::testing::Test::HasFailure()) FAIL() << "plan " << i << ": " << text;
  }
}

// A small valid plan to break one field at a time.
json valid_plan() {
  return json::parse(R"({
    "format_version": 1, "on_hold": false,
    "phases": [{"cadence": "therapeutic_weekly", "style": "therapeutic", "every_days": 7,
                "sessions": 2, "minutes": 60, "purpose": "weekly"}],
    "sessions": [{"date": "2026-12-01", "style": "therapeutic", "minutes": 60, "phase": 0},
                 {"date": "2026-12-08", "style": "therapeutic", "minutes": 60, "phase": 0}],
    "review_on": "2026-12-08",
    "constraints": [{"kind": "budget_binds", "a": 60, "b": 95.5, "c": 80}]})");
}

struct BadPlan {
  std::string name;
  std::function<void(json&)> change;
  std::string code;
  std::string where;
};

TEST(PlanJson, TheValidExampleReads) {
  const auto plan = codec::plan_from_json(knowledge(), valid_plan().dump());
  ASSERT_TRUE(plan.ok()) << plan.error().describe();
  EXPECT_EQ(plan->sessions.size(), 2U);
  EXPECT_EQ(plan->constraints.at(0).b, 95.5);
  EXPECT_EQ(knowledge().plan.cadences.at(plan->phases.at(0).cadence).id, "therapeutic_weekly");
  // review_on may be absent or null: no review date.
  json without = valid_plan();
  without.erase("review_on");
  EXPECT_FALSE(codec::plan_from_json(knowledge(), without.dump())->review_on.has_value());
  without["review_on"] = nullptr;
  EXPECT_FALSE(codec::plan_from_json(knowledge(), without.dump())->review_on.has_value());
}

TEST(PlanJson, NamesTheFieldOfEveryProblem) {
  const std::vector<BadPlan> cases{
      {"not an object", [](json& p) { p = json::array(); }, "wrong_type", ""},
      {"no version", [](json& p) { p.erase("format_version"); }, "missing_field", "format_version"},
      {"other version", [](json& p) { p["format_version"] = 2; }, "not_allowed", "format_version"},
      {"unknown field", [](json& p) { p["extra"] = 1; }, "unknown_field", "extra"},
      {"on_hold text", [](json& p) { p["on_hold"] = "no"; }, "wrong_type", "on_hold"},
      {"phases object", [](json& p) { p["phases"] = json::object(); }, "wrong_type", "phases"},
      {"no sessions", [](json& p) { p.erase("sessions"); }, "missing_field", "sessions"},
      {"unknown cadence", [](json& p) { p["phases"][0]["cadence"] = "daily"; }, "unknown_cadence",
       "phases[0].cadence"},
      {"cadence number", [](json& p) { p["phases"][0]["cadence"] = 3; }, "wrong_type",
       "phases[0].cadence"},
      {"phase style", [](json& p) { p["phases"][0]["style"] = "deep"; }, "not_allowed",
       "phases[0].style"},
      {"negative interval", [](json& p) { p["phases"][0]["every_days"] = -7; }, "out_of_range",
       "phases[0].every_days"},
      {"huge interval", [](json& p) { p["phases"][0]["every_days"] = 65536; }, "out_of_range",
       "phases[0].every_days"},
      {"fractional sessions", [](json& p) { p["phases"][0]["sessions"] = 2.5; }, "wrong_type",
       "phases[0].sessions"},
      {"phase without minutes", [](json& p) { p["phases"][0].erase("minutes"); }, "missing_field",
       "phases[0].minutes"},
      {"phase extra", [](json& p) { p["phases"][0]["colour"] = "red"; }, "unknown_field",
       "phases[0].colour"},
      {"purpose number", [](json& p) { p["phases"][0]["purpose"] = 1; }, "wrong_type",
       "phases[0].purpose"},
      {"session date", [](json& p) { p["sessions"][1]["date"] = "2026-02-30"; }, "bad_date",
       "sessions[1].date"},
      {"session date type", [](json& p) { p["sessions"][1]["date"] = 20261201; }, "wrong_type",
       "sessions[1].date"},
      {"session phase", [](json& p) { p["sessions"][1]["phase"] = 1; }, "out_of_range",
       "sessions[1].phase"},
      {"session phase > 255", [](json& p) { p["sessions"][0]["phase"] = 256; }, "out_of_range",
       "sessions[0].phase"},
      {"session style", [](json& p) { p["sessions"][0]["style"] = "Swedish"; }, "not_allowed",
       "sessions[0].style"},
      {"session not object", [](json& p) { p["sessions"][0] = "2026-12-01"; }, "wrong_type",
       "sessions[0]"},
      {"review date", [](json& p) { p["review_on"] = "08/12/2026"; }, "bad_date", "review_on"},
      {"constraint kind", [](json& p) { p["constraints"][0]["kind"] = "too_dear"; }, "not_allowed",
       "constraints[0].kind"},
      {"constraint number", [](json& p) { p["constraints"][0]["b"] = "95"; }, "wrong_type",
       "constraints[0].b"},
      {"constraint missing", [](json& p) { p["constraints"][0].erase("c"); }, "missing_field",
       "constraints[0].c"},
  };
  for (const BadPlan& bad : cases) {
    SCOPED_TRACE(bad.name);
    json plan = valid_plan();
    bad.change(plan);
    const auto read = codec::plan_from_json(knowledge(), plan.dump());
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, bad.code) << read.error().describe();
    EXPECT_EQ(read.error().where, bad.where) << read.error().describe();
  }
}

TEST(PlanJson, RejectsTextThatIsNotOnePlan) {
  const std::string valid = valid_plan().dump();
  for (const std::string& text :
       {std::string(), std::string("{"), valid + "x", valid.substr(0, valid.size() - 1),
        std::string(R"({"on_hold": true, "on_hold": false})"), std::string(100, '[')}) {
    const auto read = codec::plan_from_json(knowledge(), text);
    ASSERT_FALSE(read.ok()) << text;
    EXPECT_EQ(read.error().code, "malformed_json") << text;
  }
  const auto huge = codec::plan_from_json(knowledge(), std::string(5U << 20U, ' '));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, "too_large");
}

}  // namespace
}  // namespace mn::testing
