// Micro-benchmarks of the engine and its codecs over typical intakes. The
// knowledge base is loaded from the repository's knowledge/ once per process.

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "bench_journal.hpp"
#include "bench_knowledge.hpp"
#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "core/adaptation.hpp"
#include "core/assess.hpp"
#include "core/date.hpp"
#include "core/journal.hpp"
#include "core/progress.hpp"
#include "knowledge/loader.hpp"

namespace {

constexpr mn::core::Date kToday{std::chrono::year{2026} / 11 / 27};

struct Example {
  const char* name;
  std::string_view json;
};

constexpr std::array<Example, 4> kExamples{{
    {"therapeutic",
     R"({"age": 41, "goals": ["pain_relief", "mobility"],
         "pain_areas": [{"region": "lower_back", "intensity": 6, "weeks": 12, "localized": true}],
         "knots": true, "limited_motion": true, "motion_limits_daily_life": true,
         "repetitive_strain": "work", "stress": 3, "anxiety": 2, "sleep_quality": 7,
         "conditions": [], "medications": [], "surgery_weeks_ago": null,
         "unexplained_severe_pain": false, "pregnant": false,
         "pressure_preference": "firm", "sessions_per_month_max": 4, "budget_per_session": 90})"},
    {"relaxation",
     R"({"age": 29, "goals": ["stress_relief", "sleep", "mental_rest"], "stress": 8,
         "anxiety": 6, "sleep_quality": 3, "generalized_tension": true, "wants_mental_rest": true,
         "new_to_massage": true, "conditions": [], "medications": [], "surgery_weeks_ago": null,
         "unexplained_severe_pain": false, "pregnant": false, "pressure_preference": "light"})"},
    {"mixed",
     R"({"age": 35, "goals": ["pain_relief", "stress_relief"],
         "pain_areas": [{"region": "neck", "intensity": 4, "weeks": 3, "localized": true},
                        {"region": "shoulders", "intensity": 3, "weeks": 3, "localized": false}],
         "knots": true, "posture": ["forward_head", "rounded_shoulders"], "stress": 7,
         "anxiety": 5, "sleep_quality": 4, "generalized_tension": true,
         "conditions": [], "medications": [], "surgery_weeks_ago": null,
         "unexplained_severe_pain": false, "pregnant": false, "pressure_preference": "medium",
         "sessions_per_month_max": 2, "budget_per_session": 60})"},
    {"anticoagulant",
     R"({"age": 71, "goals": ["pain_relief", "general_wellness"],
         "pain_areas": [{"region": "knees", "intensity": 5, "weeks": 30, "localized": true}],
         "limited_motion": true, "conditions": ["atrial fibrillation", "osteoarthritis"],
         "medications": ["Eliquis 5 mg twice a day", "paracetamol"], "surgery_weeks_ago": null,
         "unexplained_severe_pain": false, "pregnant": false, "pressure_preference": "firm"})"},
}};

using mn::bench::knowledge;

mn::core::Intake parse_example(const Example& example) {
  auto intake = mn::codec::parse_intake(knowledge(), example.json);
  if (!intake.ok()) {
    std::fprintf(stderr, "example '%s' does not parse: %s\n", example.name,
                 intake.error().describe().c_str());
    std::exit(1);
  }
  return std::move(*intake);
}

const Example& example_of(const benchmark::State& state) {
  return kExamples.at(static_cast<std::size_t>(state.range(0)));
}

void BM_ParseIntake(benchmark::State& state) {
  const Example& example = example_of(state);
  state.SetLabel(example.name);
  const mn::core::KnowledgeBase& kb = knowledge();
  for (auto _ : state) {
    auto intake = mn::codec::parse_intake(kb, example.json);
    benchmark::DoNotOptimize(intake);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(example.json.size()));
}

void BM_Assess(benchmark::State& state) {
  const Example& example = example_of(state);
  state.SetLabel(example.name);
  const mn::core::KnowledgeBase& kb = knowledge();
  const mn::core::Intake intake = parse_example(example);
  for (auto _ : state) {
    auto assessment = mn::core::assess(kb, intake, kToday);
    benchmark::DoNotOptimize(assessment);
  }
}

void BM_AssessAndRenderJson(benchmark::State& state) {
  const Example& example = example_of(state);
  state.SetLabel(example.name);
  const mn::core::KnowledgeBase& kb = knowledge();
  const mn::core::Intake intake = parse_example(example);
  for (auto _ : state) {
    const auto assessment = mn::core::assess(kb, intake, kToday);
    std::string json = mn::codec::assessment_to_json(kb, intake, assessment);
    benchmark::DoNotOptimize(json);
  }
}

void BM_LoadKnowledge(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = mn::knowledge::load_directory(MN_KNOWLEDGE_DIR);
    if (!std::holds_alternative<mn::core::KnowledgeBase>(loaded)) {
      state.SkipWithError("the knowledge base does not load");
      break;
    }
    benchmark::DoNotOptimize(loaded);
  }
}

// Five years of daily entries (1,826), each with two pain regions, three
// activities, stress, sleep and soreness, slowly improving with a weekly
// wobble; one session a week.
struct Journal {
  std::vector<mn::core::JournalEntry> entries;
  std::vector<mn::core::CompletedSession> sessions;
  std::int64_t now = 0;
};

Journal five_year_journal() {
  constexpr int kDays = 5 * 365 + 1;
  constexpr std::int64_t kSecondsPerDay = 86400;
  const std::int64_t start =
      std::chrono::sys_seconds{mn::core::Date{std::chrono::year{2021} / 11 / 27}}
          .time_since_epoch()
          .count();
  Journal journal;
  for (int day = 0; day < kDays; ++day) {
    journal.entries.push_back(
        mn::bench::daily_entry(start + day * kSecondsPerDay + 8 * 3600, day, kDays));
    if (day % 7 == 3) {
      journal.sessions.push_back(
          {start + day * kSecondsPerDay, mn::core::Style::therapeutic, 60, 3});
    }
  }
  journal.now = start + kDays * kSecondsPerDay;
  return journal;
}

void BM_SummarizeProgress(benchmark::State& state) {
  const mn::core::KnowledgeBase& kb = knowledge();
  const Journal journal = five_year_journal();
  state.SetLabel(std::to_string(journal.entries.size()) + " entries");
  for (auto _ : state) {
    auto progress =
        mn::core::summarize_progress(kb, journal.entries, journal.sessions, journal.now);
    benchmark::DoNotOptimize(progress);
  }
}

void BM_SummarizeAndAdapt(benchmark::State& state) {
  const mn::core::KnowledgeBase& kb = knowledge();
  const Journal journal = five_year_journal();
  const mn::core::Intake intake = parse_example(kExamples[0]);
  const mn::core::Plan plan = mn::core::assess(kb, intake, kToday).plan;
  for (auto _ : state) {
    const auto progress =
        mn::core::summarize_progress(kb, journal.entries, journal.sessions, journal.now);
    auto adaptation = mn::core::adapt_plan(kb, plan, progress, kToday);
    benchmark::DoNotOptimize(adaptation);
  }
}

constexpr int kExampleCount = static_cast<int>(kExamples.size());
BENCHMARK(BM_ParseIntake)->DenseRange(0, kExampleCount - 1);
BENCHMARK(BM_Assess)->DenseRange(0, kExampleCount - 1);
BENCHMARK(BM_AssessAndRenderJson)->DenseRange(0, kExampleCount - 1);
BENCHMARK(BM_LoadKnowledge)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SummarizeProgress)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SummarizeAndAdapt)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
