// Fuzzes the intake v1 JSON codec and the engine behind it: any text either
// fails to parse with an error, or parses into an intake that assesses,
// renders as valid JSON, and saves as JSON that loads back to the same intake.
// Any exception, sanitizer report or broken invariant aborts.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "core/date.hpp"
#include "knowledge/loader.hpp"

namespace {

constexpr mn::core::Date kToday{std::chrono::year{2026} / 11 / 27};

// Loaded once by LLVMFuzzerInitialize; immutable afterwards.
const mn::core::KnowledgeBase* knowledge = nullptr;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_intake: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check(std::string_view json) {
  auto intake = mn::codec::parse_intake(*knowledge, json);
  if (!intake.ok()) {
    if (intake.error().code.empty() || intake.error().message.empty()) {
      fail("an error without a code or message", intake.error().describe());
    }
    return;
  }

  const auto assessment = mn::core::assess(*knowledge, *intake, kToday);
  const std::string rendered = mn::codec::assessment_to_json(*knowledge, *intake, assessment);
  if (!nlohmann::json::accept(rendered)) fail("assessment_to_json wrote invalid JSON", rendered);

  // What `intake --save` writes must load again, unchanged.
  const std::string saved = mn::codec::intake_to_json(*intake);
  const auto reloaded = mn::codec::parse_intake(*knowledge, saved);
  if (!reloaded.ok())
    fail("a saved intake does not load", saved + "\n" + reloaded.error().describe());
  const std::string saved_again = mn::codec::intake_to_json(*reloaded);
  if (saved_again != saved) fail("a saved intake changes when loaded", saved + "\n" + saved_again);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  auto loaded = mn::knowledge::load_directory(MN_KNOWLEDGE_DIR);
  if (const auto* errors = std::get_if<mn::knowledge::LoadErrors>(&loaded)) {
    fail("cannot load the knowledge base " MN_KNOWLEDGE_DIR, errors->describe());
  }
  // Lives until the process ends; never destroyed, so no exit-time ordering.
  knowledge = new mn::core::KnowledgeBase(std::get<mn::core::KnowledgeBase>(std::move(loaded)));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    check(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& error) {
    fail("exception", error.what());
  } catch (...) {
    fail("exception", "(not a std::exception)");
  }
  return 0;
}
