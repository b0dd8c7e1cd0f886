// The massage-navigator binary, run as a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using Cli = CliTest;

const char* kIntake =
    R"({"pain_areas": [{"region": "lower_back", "intensity": 6, "weeks": 20, "localized": true}],
  "knots": true, "limited_motion": true, "motion_limits_daily_life": true,
  "conditions": ["none"], "medications": ["Xarelto 20 mg"], "surgery_weeks_ago": null,
  "unexplained_severe_pain": false, "pregnant": false})";

TEST_F(Cli, VersionAndHelp) {
  const Outcome version = run("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("massage-navigator 0."), std::string::npos) << version.out;
  for (const char* command : {"--help", "assess --help", "intake --help", "kb --help",
                              "kb check --help", "kb show --help"}) {
    const Outcome help = run(command);
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << ": " << help.out;
  }
}

TEST_F(Cli, AssessPrintsJsonAndText) {
  const auto input = write("intake.json", kIntake);
  const Outcome json_run =
      run("assess --input '" + input.string() + "' --format json --today 2026-11-27");
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const auto out = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(out["safety"]["status"], "adjust");
  EXPECT_EQ(out["safety"]["pressure_ceiling"], 2);
  EXPECT_EQ(out["safety"]["pressure_scale_source"][0], "walton-pressure-scale");
  EXPECT_EQ(out["recommendation"]["style"], "therapeutic");
  EXPECT_EQ(out["plan"]["sessions"][0]["date"], "2026-11-30");

  const Outcome text_run = run("assess --input - --today 2026-11-27", kIntake);
  ASSERT_EQ(text_run.exit_code, 0) << text_run.err;
  for (const char* part : {"Therapeutic", "Why", "Your plan", "2026-11-30", "Tell your therapist",
                           "Xarelto 20 mg", "Bring to the clinic team"}) {
    EXPECT_NE(text_run.out.find(part), std::string::npos) << part;
  }
}

struct BadInput {
  const char* name;
  const char* intake;
  const char* message;
};

TEST_F(Cli, BadInputExitsTwoAndNamesTheField) {
  const BadInput cases[] = {
      {"range", R"({"pain_areas": [{"region": "neck", "intensity": 14}]})",
       "error: pain_areas[0].intensity: must be 0..10, got 14"},
      {"unknown", R"({"age": 40, "favourite_colour": "blue"})",
       "error: favourite_colour: unknown field"},
      {"type", R"({"knots": "yes"})", "error: knots: must be true or false, got \"yes\""},
      {"malformed", R"({"age": 40,)", "error: not valid JSON"},
      {"value", R"({"goals": ["sleep", "flying"]})", "error: goals[1]: must be one of"},
  };
  for (const BadInput& bad : cases) {
    const Outcome result = run("assess --input - --today 2026-11-27", bad.intake);
    EXPECT_EQ(result.exit_code, 2) << bad.name;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << bad.name << ": " << result.err;
    EXPECT_TRUE(result.out.empty()) << bad.name << ": nothing on stdout for bad input";
  }
}

TEST_F(Cli, BadArgumentsExitTwo) {
  EXPECT_EQ(run("assess --input /nonexistent/intake.json").exit_code, 2);
  const Outcome date = run("assess --input - --today 2026-02-30", "{}");
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--today: must be a date"), std::string::npos) << date.err;
  EXPECT_EQ(run("assess --input - --format xml", "{}").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("").exit_code, 2);
}

TEST_F(Cli, KnowledgeCheckAndShow) {
  const Outcome check = run("kb check '" + (source_dir() / "knowledge").string() + "'");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find(": ok (version"), std::string::npos) << check.out;

  const Outcome show = run("kb show anticoagulant");
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("safety rule anticoagulant"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("source: "), std::string::npos) << show.out;
  EXPECT_EQ(run("kb show no_such_item").exit_code, 2);
  const Outcome term = run("kb show med_warfarin");
  EXPECT_NE(term.out.find("kind: medication"), std::string::npos) << term.out;
  const Outcome threshold = run("kb show nprs_meaningful_general");
  EXPECT_EQ(threshold.exit_code, 0) << threshold.err;
  EXPECT_NE(threshold.out.find("change threshold nprs_meaningful_general"), std::string::npos)
      << threshold.out;

  // A copy of the knowledge base with one broken value.
  const auto broken = dir_ / "kb";
  std::filesystem::copy(source_dir() / "knowledge", broken);
  std::string plan = slurp(broken / "plan.yaml");
  plan.replace(plan.find("minimum_minutes: "), 17, "minimum_minutes: -");
  std::ofstream(broken / "plan.yaml") << plan;
  const Outcome failed = run("kb check '" + broken.string() + "'");
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("plan.yaml:"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("'minimum_minutes' must be"), std::string::npos) << failed.err;
}

TEST_F(Cli, InteractiveIntakeValidatesOnTheSpotAndSaves) {
  // Answers in questionnaire order; blank lines skip. The first pain
  // intensity is out of range and must be asked again.
  std::string answers;
  const core::KnowledgeBase& kb = knowledge();
  for (const core::Question& question : kb.questionnaire) {
    switch (question.field) {
      case core::Field::age:
        answers += "34\n";
        break;
      case core::Field::pain_areas:
        answers += "neck\n14\n6\n10\ny\n";
        break;
      case core::Field::knots:
        answers += "y\n";
        break;
      case core::Field::limited_motion:
        answers += "yes\n";
        break;
      case core::Field::motion_limits_daily_life:
        answers += "y\n";
        break;
      case core::Field::stress:
        answers += "eleven\n8\n";
        break;
      case core::Field::medications:
        answers += "Eliquis\n";
        break;
      default:
        answers += "\n";
        break;
    }
  }
  const auto saved = dir_ / "saved.json";
  const Outcome result = run("intake --today 2026-11-27 --save '" + saved.string() + "'", answers);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("must be 0..10, got 14"), std::string::npos)
      << "asked again after a bad answer";
  EXPECT_NE(result.out.find("stress: must be an integer"), std::string::npos);
  EXPECT_NE(result.out.find("Therapeutic"), std::string::npos);
  const auto intake = nlohmann::json::parse(slurp(saved));
  EXPECT_EQ(intake["pain_areas"][0]["intensity"], 6);
  EXPECT_EQ(intake["stress"], 8);
  EXPECT_EQ(intake["medications"][0], "Eliquis");
  EXPECT_FALSE(intake.contains("conditions")) << "a skipped question stays unanswered";

  // The saved answers give the same result when assessed again.
  const Outcome again = run("assess --input '" + saved.string() + "' --today 2026-11-27");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(result.out.find(again.out.substr(0, again.out.find('\n'))), std::string::npos);
}

TEST_F(Cli, InteractiveIntakeSkipsWhatDoesNotApply) {
  std::string answers;
  for (const core::Question& question : knowledge().questionnaire) {
    answers += question.field == core::Field::limited_motion ? "no\n" : "\n";
  }
  const Outcome result = run("intake --today 2026-11-27", answers);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string follow_up = knowledge().question(core::Field::motion_limits_daily_life).prompt;
  EXPECT_EQ(result.out.find(follow_up), std::string::npos)
      << "asked a question that does not apply";
}

TEST_F(Cli, InteractiveIntakeEndsCleanlyWhenInputRunsOut) {
  const Outcome result = run("intake --today 2026-11-27", "40\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("consultation"), std::string::npos);
}

}  // namespace
}  // namespace mn::testing
