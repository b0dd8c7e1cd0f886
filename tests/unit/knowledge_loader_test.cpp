// The loader against broken knowledge bases: each mutation of the real files
// must be reported with the file, the line it is on and what is wrong.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "knowledge/loader.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

knowledge::KnowledgeTexts real_texts() {
  knowledge::KnowledgeTexts texts;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "knowledge")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream stream(entry.path());
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    texts[entry.path().filename().string()] = buffer.str();
  }
  return texts;
}

// The 1-based line of the first occurrence of `needle` in `text` at or
// after `from`.
int line_of(const std::string& text, const std::string& needle, std::size_t from = 0) {
  const auto at = text.find(needle, from);
  EXPECT_NE(at, std::string::npos) << "test setup: '" << needle << "' not found";
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

struct Mutation {
  const char* name;
  const char* file;
  const char* find;  // replaced once
  const char* replace;
  const char* message;  // part of the expected message
  const char* at;       // the problem's line holds this text (after the edit)
  int lines_after = 0;  // the parser notices a syntax error this many lines later
};

std::vector<Error> errors_after(const Mutation& mutation, int& line) {
  auto texts = real_texts();
  std::string& text = texts.at(mutation.file);
  const auto at = text.find(mutation.find);
  EXPECT_NE(at, std::string::npos) << mutation.name << ": '" << mutation.find << "' not found";
  if (at == std::string::npos) return {};
  text.replace(at, std::strlen(mutation.find), mutation.replace);
  line = line_of(text, mutation.at, at) + mutation.lines_after;
  auto result = knowledge::compile_texts(texts);
  auto* errors = std::get_if<knowledge::LoadErrors>(&result);
  EXPECT_NE(errors, nullptr) << mutation.name << ": the broken knowledge base loaded";
  return errors ? errors->errors : std::vector<Error>{};
}

class BrokenKnowledge : public ::testing::TestWithParam<Mutation> {};

TEST_P(BrokenKnowledge, NamesFileLineAndProblem) {
  const Mutation& mutation = GetParam();
  int line = 0;
  const auto errors = errors_after(mutation, line);
  ASSERT_FALSE(errors.empty());
  const std::string expected_where = std::string(mutation.file) + ":" + std::to_string(line) + ":";
  bool found = false;
  std::string all;
  for (const Error& error : errors) {
    all += error.describe() + "\n";
    if (error.where.rfind(expected_where, 0) == 0 &&
        error.message.find(mutation.message) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected " << expected_where << " ... " << mutation.message << "\ngot:\n"
                     << all;
}

INSTANTIATE_TEST_SUITE_P(
    Loader, BrokenKnowledge,
    ::testing::Values(
        Mutation{"unknown_key", "safety.yaml", "    pressure_ceiling: 2\n",
                 "    pressure_cieling: 2\n", "unknown key 'pressure_cieling'", "pressure_cieling"},
        Mutation{"out_of_range", "safety.yaml", "    pressure_ceiling: 2\n",
                 "    pressure_ceiling: 7\n", "must be 1..5, got 7", "pressure_ceiling: 7"},
        Mutation{"wrong_type", "safety.yaml", "    pressure_ceiling: 2\n",
                 "    pressure_ceiling: light\n", "must be an integer", "pressure_ceiling: light"},
        Mutation{"bad_enum", "safety.yaml", "  - id: anticoagulant\n    category: adjust\n",
                 "  - id: anticoagulant\n    category: maybe\n",
                 "must be one of consult_provider_first, adjust", "category: maybe"},
        Mutation{"missing_field", "safety.yaml",
                 "    text: \"You take a blood thinner, so you bruise more easily.",
                 "    txt: \"You take a blood thinner, so you bruise more easily.",
                 "unknown key 'txt'", "txt:"},
        Mutation{"duplicate_id", "checklists.yaml", "      - id: knots_limit_motion\n",
                 "      - id: localized_pain\n", "duplicate item id 'localized_pain'",
                 "- id: localized_pain"},
        Mutation{"bad_source_reference", "safety.yaml",
                 "    source: [walton-2011, werner-pathology, mayo-massage",
                 "    source: [walton-2012, werner-pathology, mayo-massage",
                 "unknown source id 'walton-2012'", "walton-2012"},
        Mutation{"bad_condition_field", "checklists.yaml", "{field: knots, is: true}",
                 "{field: knot, is: true}", "unknown intake field 'knot'", "knot,"},
        Mutation{"bad_region", "checklists.yaml", "{pain_area: {localized: true,",
                 "{pain_area: {regions: [tail], localized: true,", "unknown value 'tail'", "tail"},
        Mutation{"boolean_test_on_number", "checklists.yaml", "{field: knots, is: true}",
                 "{field: stress, is: true}", "is a number", "stress, is"},
        Mutation{"yaml_syntax", "plan.yaml", "currency: USD", "currency: [USD",
                 "did not find expected ',' or ']'", "currency: [USD", 1},
        Mutation{"safety_rule_tests_pain_area", "safety.yaml", "when: {field: pregnant, is: true}",
                 "when: {pain_area: {intensity_at_least: 9}}",
                 "safety rules cannot test pain areas", "when: {pain_area"},
        Mutation{"duplicate_key", "plan.yaml", "currency: USD", "currency: USD\ncurrency: EUR",
                 "duplicate key 'currency'", "currency: EUR"},
        Mutation{"unknown_threshold", "progress.yaml",
                 "meaningful: [nprs_meaningful_neck, nprs_meaningful_general]",
                 "meaningful: [nprs_meaningful_neck, nprs_meaningful_generl]",
                 "unknown threshold id 'nprs_meaningful_generl'", "nprs_meaningful_generl"},
        Mutation{"threshold_region", "progress.yaml", "    regions: [neck]", "    regions: [neckk]",
                 "unknown region 'neckk'", "neckk"},
        Mutation{"relaxation_cadence_of_other_style", "progress.yaml",
                 "relaxation_cadence: relaxation_stress_primary",
                 "relaxation_cadence: therapeutic_weekly", "must be a relaxation cadence",
                 "relaxation_cadence: therapeutic_weekly"},
        Mutation{"rule_after_always", "progress.yaml", "      when: improving\n",
                 "      when: always\n", "can never fire", "id: continue_too_early"},
        Mutation{"flag_message_placeholder", "progress.yaml", "Soreness lasted {hours} hours",
                 "Soreness lasted many hours", "must contain {hours}", "Soreness lasted many", -1}),
    [](const ::testing::TestParamInfo<Mutation>& param) { return std::string(param.param.name); });

TEST(KnowledgeLoader, MissingFileIsNamed) {
  auto texts = real_texts();
  texts.erase("plan.yaml");
  auto result = knowledge::compile_texts(texts);
  ASSERT_TRUE(std::holds_alternative<knowledge::LoadErrors>(result));
  EXPECT_EQ(std::get<knowledge::LoadErrors>(result).errors.front().describe(),
            "plan.yaml: missing file");
}

TEST(KnowledgeLoader, DuplicateTermNameIsReportedAtTheSecondName) {
  auto texts = real_texts();
  std::string& safety = texts.at("safety.yaml");
  // Give the first term's first name to the last term as well.
  const auto names_at = safety.find("names: [", safety.rfind("  - id: "));
  ASSERT_NE(names_at, std::string::npos);
  safety.insert(names_at + 8, "coumadin, ");
  auto result = knowledge::compile_texts(texts);
  ASSERT_TRUE(std::holds_alternative<knowledge::LoadErrors>(result));
  const auto& error = std::get<knowledge::LoadErrors>(result).errors.front();
  EXPECT_NE(error.message.find("the name 'coumadin' already belongs to term"), std::string::npos)
      << error.describe();
  EXPECT_EQ(error.where.rfind(
                "safety.yaml:" + std::to_string(line_of(safety, "coumadin, ", names_at)) + ":", 0),
            0U)
      << error.describe();
}

TEST(KnowledgeLoader, RealKnowledgeBaseLoadsAndIsComplete) {
  const core::KnowledgeBase& kb = knowledge();
  EXPECT_EQ(kb.questionnaire.size(), static_cast<std::size_t>(core::kFieldCount));
  EXPECT_EQ(kb.checklists.size(), 2U);
  EXPECT_EQ(kb.decision.back().requires_checklists, 0);
  for (const auto& rule : kb.rules) EXPECT_FALSE(rule.sources.empty()) << rule.id;
  for (const auto& term : kb.terms) EXPECT_FALSE(term.sources.empty()) << term.id;
  EXPECT_EQ(kb.version.rfind("2026.", 0), 0U) << kb.version;
}

TEST(KnowledgeLoader, VersionChangesWithContent) {
  auto texts = real_texts();
  auto first = knowledge::compile_texts(texts);
  texts.at("guidance.yaml") += "\n# an edit\n";
  auto second = knowledge::compile_texts(texts);
  ASSERT_TRUE(std::holds_alternative<core::KnowledgeBase>(first));
  ASSERT_TRUE(std::holds_alternative<core::KnowledgeBase>(second));
  EXPECT_NE(std::get<core::KnowledgeBase>(first).version,
            std::get<core::KnowledgeBase>(second).version);
}

}  // namespace
}  // namespace mn::testing

namespace mn::testing {
namespace {

// The clinic can choose the dose studied by Sherman et al. 2014 instead of
// the article's cadence; chronic neck pain then gets the trial's schedule.
TEST(KnowledgeLoader, DosePolicyCanBeSwitched) {
  auto texts = real_texts();
  std::string& plan = texts.at("plan.yaml");
  const auto at = plan.find("dose_policy: article");
  ASSERT_NE(at, std::string::npos);
  plan.replace(at, 20, "dose_policy: sherman_2014");
  auto result = knowledge::compile_texts(texts);
  ASSERT_TRUE(std::holds_alternative<core::KnowledgeBase>(result))
      << std::get<knowledge::LoadErrors>(result).describe();
  const core::KnowledgeBase& sherman = std::get<core::KnowledgeBase>(result);
  core::Intake intake;
  intake.pain_areas = std::vector<core::PainArea>{{core::Region::neck, 6, 20.0, true}};
  intake.knots = true;
  intake.limited_motion = true;
  const core::Assessment assessment =
      core::assess(sherman, intake, *core::parse_date("2026-11-27"));
  ASSERT_EQ(assessment.recommendation.style, core::Style::therapeutic);
  const core::Cadence& cadence = sherman.plan.cadences[assessment.plan.phases.front().cadence];
  EXPECT_EQ(cadence.id, "therapeutic_neck_sherman");
  EXPECT_EQ(assessment.plan.phases.front().phase.minutes, 60);
  EXPECT_LE(assessment.plan.phases.front().phase.every_days, 3) << "2-3 sessions a week";
}

}  // namespace
}  // namespace mn::testing
