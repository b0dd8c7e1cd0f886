#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "knowledge/loader.hpp"

namespace mn::testing {

std::filesystem::path source_dir() { return MN_SOURCE_DIR; }

const core::KnowledgeBase& knowledge() {
  static const core::KnowledgeBase loaded = [] {
    auto result = knowledge::load_directory(source_dir() / "knowledge");
    if (auto* errors = std::get_if<knowledge::LoadErrors>(&result)) {
      std::cerr << "the repository's knowledge base does not load:\n" << errors->describe();
      std::abort();
    }
    return std::move(std::get<core::KnowledgeBase>(result));
  }();
  return loaded;
}

core::Intake intake_of(const nlohmann::json& intake) {
  auto parsed = codec::parse_intake(knowledge(), intake.dump());
  if (!parsed) {
    ADD_FAILURE() << "invalid intake in a test: " << parsed.error().describe();
    return {};
  }
  return *parsed;
}

nlohmann::json assess_json(const nlohmann::json& intake, const std::string& today) {
  const core::Intake parsed = intake_of(intake);
  const auto date = core::parse_date(today);
  EXPECT_TRUE(date.has_value()) << today;
  const core::Assessment assessment =
      core::assess(knowledge(), parsed, date.value_or(core::Date{}));
  return nlohmann::json::parse(codec::assessment_to_json(knowledge(), parsed, assessment));
}

}  // namespace mn::testing
