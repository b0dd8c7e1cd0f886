// Fuzzes the knowledge-base loader: the repository's knowledge/*.yaml (the
// schema among them) are read once; each input's first byte picks one file
// (modulo their number, in name order) and the rest replaces that file's text.
// compile_texts must report every problem as LoadErrors, never crash or throw;
// a knowledge base it accepts must then carry a typical intake through the
// engine without crashing.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "core/date.hpp"
#include "knowledge/loader.hpp"

namespace {

constexpr mn::core::Date kToday{std::chrono::year{2026} / 11 / 27};

// Answers most fields, so an accepted knowledge base is exercised widely.
constexpr std::string_view kIntake = R"({
  "age": 52, "goals": ["pain_relief", "mobility", "sleep"],
  "pain_areas": [{"region": "lower_back", "intensity": 6, "weeks": 10, "localized": true},
                 {"region": "neck", "intensity": 3, "weeks": 2, "localized": false}],
  "knots": true, "limited_motion": true, "motion_limits_daily_life": true,
  "repetitive_strain": "work", "posture": ["forward_head"], "return_to_activity": false,
  "stress": 7, "anxiety": 4, "sleep_quality": 3, "generalized_tension": true,
  "wants_mental_rest": true, "new_to_massage": false, "in_mental_health_care": false,
  "conditions": ["high blood pressure", "something unknown"], "medications": ["Eliquis 5 mg"],
  "surgery_weeks_ago": 8, "unexplained_severe_pain": false, "pregnant": false,
  "pressure_preference": "firm", "sessions_per_month_max": 3, "budget_per_session": 90,
  "notes": "fuzz"
})";

// The repository's files; one is swapped for the input during each run.
mn::knowledge::KnowledgeTexts* texts = nullptr;
std::vector<std::string>* names = nullptr;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_knowledge: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check() {
  auto compiled = mn::knowledge::compile_texts(*texts);
  const auto* knowledge = std::get_if<mn::core::KnowledgeBase>(&compiled);
  if (knowledge == nullptr) {
    for (const auto& error : std::get<mn::knowledge::LoadErrors>(compiled).errors) {
      if (error.message.empty()) fail("an error without a message", error.describe());
    }
    return;
  }
  const auto intake = mn::codec::parse_intake(*knowledge, kIntake);
  if (!intake.ok()) return;  // the mutated questionnaire may not allow these answers
  const auto assessment = mn::core::assess(*knowledge, *intake, kToday);
  static_cast<void>(mn::codec::assessment_to_json(*knowledge, *intake, assessment));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  // Never destroyed: they live until the process ends.
  texts = new mn::knowledge::KnowledgeTexts;
  names = new std::vector<std::string>;
  for (const auto& entry : std::filesystem::directory_iterator(MN_KNOWLEDGE_DIR)) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream file(entry.path(), std::ios::binary);
    if (!file) fail("cannot read", entry.path().string());
    std::ostringstream text;
    text << file.rdbuf();
    (*texts)[entry.path().filename().string()] = text.str();
  }
  for (const auto& [name, text] : *texts) names->push_back(name);
  if (names->empty()) fail("no knowledge files in", MN_KNOWLEDGE_DIR);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string& text = (*texts)[(*names)[data[0] % names->size()]];
  std::string original =
      std::exchange(text, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  try {
    check();
  } catch (const std::exception& error) {
    fail("exception", error.what());
  } catch (...) {
    fail("exception", "(not a std::exception)");
  }
  text = std::move(original);
  return 0;
}
