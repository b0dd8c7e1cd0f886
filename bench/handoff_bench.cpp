// The handoff (issue 6: the PDF under 100 ms): the view, the PDF of the
// therapist's brief (fitted to one page, so laid out up to six times) and of
// the clinic summary, and the calendar, for bench/typical_intake.json.
//
// Counters: bytes of the output; x_limit (the mean time over 100 ms: 1 or
// less meets it) for the PDFs. The first PDF of a process also loads the
// fonts (fontconfig); the warm-up iteration takes that, the figures do not.

#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "bench_knowledge.hpp"
#include "codec/handoff_view.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "render/handoff_pdf.hpp"
#include "render/plan_calendar.hpp"

namespace {

constexpr double kPdfLimitSeconds = 0.1;

struct Example {
  mn::core::Intake intake;
  mn::core::Assessment assessment;
  std::string problem;
};

const Example& example() {
  static const Example* made = [] {
    auto* example = new Example;
    std::ifstream file(std::string(MN_BENCH_DIR) + "/typical_intake.json");
    std::stringstream text;
    text << file.rdbuf();
    auto intake = mn::codec::parse_intake(mn::bench::knowledge(), text.str());
    if (!intake) {
      example->problem = intake.error().describe();
      return example;
    }
    example->intake = *intake;
    example->assessment = mn::core::assess(mn::bench::knowledge(), example->intake,
                                           mn::core::Date{std::chrono::year{2026} / 11 / 27});
    return example;
  }();
  return *made;
}

mn::codec::HandoffView view_of(mn::codec::HandoffAudience audience) {
  const Example& made = example();
  mn::codec::HandoffInput input;
  input.person = "Bench Person";
  input.prepared_on = "2026-11-27";
  input.assessed_on = "2026-11-27";
  input.intake = &made.intake;
  input.assessment = &made.assessment;
  return mn::codec::make_handoff(mn::bench::knowledge(), input, audience);
}

void BM_HandoffView(benchmark::State& state) {
  if (!example().problem.empty()) {
    state.SkipWithError(example().problem.c_str());
    return;
  }
  for (auto _ : state) {
    auto view = view_of(mn::codec::HandoffAudience::therapist);
    benchmark::DoNotOptimize(view.sections.data());
  }
}
BENCHMARK(BM_HandoffView)->Unit(benchmark::kMicrosecond);

// Arg 0: the therapist's brief; 1: the clinic summary.
void BM_HandoffPdf(benchmark::State& state) {
  if (!example().problem.empty()) {
    state.SkipWithError(example().problem.c_str());
    return;
  }
  const auto audience = state.range(0) == 0 ? mn::codec::HandoffAudience::therapist
                                            : mn::codec::HandoffAudience::clinic;
  const mn::codec::HandoffView view = view_of(audience);
  (void)mn::render::handoff_pdf(view);  // fonts loaded outside the timing
  std::string pdf;
  for (auto _ : state) {
    auto made = mn::render::handoff_pdf(view);
    if (!made) {
      state.SkipWithError(made.error().describe().c_str());
      return;
    }
    pdf = std::move(*made);
    benchmark::DoNotOptimize(pdf.data());
  }
  state.SetLabel(audience == mn::codec::HandoffAudience::therapist ? "therapist" : "clinic");
  state.counters["bytes"] = static_cast<double>(pdf.size());
  state.counters["x_limit"] =
      benchmark::Counter(static_cast<double>(state.iterations()) / (1 / kPdfLimitSeconds),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_HandoffPdf)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_PlanCalendar(benchmark::State& state) {
  if (!example().problem.empty()) {
    state.SkipWithError(example().problem.c_str());
    return;
  }
  std::string calendar;
  for (auto _ : state) {
    calendar = mn::render::plan_calendar(example().assessment.plan, "patient-1", 1'795'000'000);
    benchmark::DoNotOptimize(calendar.data());
  }
  state.counters["bytes"] = static_cast<double>(calendar.size());
}
BENCHMARK(BM_PlanCalendar)->Unit(benchmark::kMicrosecond);

}  // namespace
