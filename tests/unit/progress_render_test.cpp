// The progress renderers: the terminal table, charts, flags and decision,
// the JSON, and the chart on its own. Journals come from journal_support.hpp
// (day 0 = 2026-10-01, entries at 09:00 UTC); expected numbers as in
// adaptation_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "codec/plan_json.hpp"
#include "codec/progress_chart.hpp"
#include "codec/progress_json.hpp"
#include "codec/progress_text.hpp"
#include "core/adaptation.hpp"
#include "journal_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::Region;

// "day 3" for the moment at day 3, any hour.
std::string day_label(std::int64_t time) {
  return "day " + std::to_string((time - at(0, 0)) / kDay);
}

core::Plan weekly_plan() {
  core::Plan plan;
  core::Index cadence = 0;
  const auto& cadences = knowledge().plan.cadences;
  while (cadence < cadences.size() && cadences[cadence].id != "therapeutic_weekly") ++cadence;
  EXPECT_LT(cadence, cadences.size());
  plan.phases.push_back({core::Phase{core::Style::therapeutic, 7, 4, 60, "weekly"}, cadence});
  for (int day : {1, 8, 15, 22}) {
    plan.sessions.push_back({date_of(day), core::Style::therapeutic, 60, 0});
  }
  plan.review_on = date_of(22);
  return plan;
}

// Lower back pain 7 on days 0-2, 4 on days 3-20; sessions on days 1, 8, 15.
struct Example {
  std::vector<core::JournalEntry> journal;
  std::vector<core::CompletedSession> sessions;
  core::Progress progress;
  core::Adaptation adaptation;

  explicit Example(int today = 21) {
    add_days(journal, 0, 3, Region::lower_back, 7);
    add_days(journal, 3, 18, Region::lower_back, 4);
    for (int day : {1, 8, 15}) {
      sessions.push_back({at(day, 16), core::Style::therapeutic, 60, 3});
    }
    progress = core::summarize_progress(knowledge(), journal, sessions, at(today));
    adaptation = core::adapt_plan(knowledge(), weekly_plan(), progress, date_of(today));
  }

  std::string text() const {
    return codec::progress_to_text(knowledge(), progress, &adaptation, journal, sessions,
                                   day_label);
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& wanted) {
  return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

// ---- Text -------------------------------------------------------------------------

TEST(ProgressText, TableStatementsAndDecision) {
  const Example example;
  ASSERT_EQ(example.adaptation.decision, core::Decision::taper);
  const std::string text = example.text();
  const auto lines = lines_of(text);
  ASSERT_GE(lines.size(), 8U) << text;
  EXPECT_EQ(lines[0], "Progress on day 21: 21 journal entries, 3 sessions (the last on day 15)");
  EXPECT_EQ(lines[2], "measure" + std::string(14, ' ') +
                          "values    baseline      latest      change  trend/week")
      << text;
  EXPECT_EQ(lines[3],
            "lower back pain          21           7           4          \u22123        \u22120.7")
      << text;
  EXPECT_EQ(lines[4], "  beyond noise: yes (\u22651 point, Clinic policy)");
  EXPECT_EQ(lines[5], "  meaningful: yes (\u22652 points or 30%, Farrar 2001, Ostelo 2008)");
  EXPECT_EQ(lines[6],
            "  better beyond noise and meaningfully for the last 18 entries over 17 days");
  EXPECT_TRUE(has_line(lines, "Flags (the last 14 days): none")) << text;
  EXPECT_TRUE(has_line(lines, "Plan: taper (rule taper_sustained)")) << text;
  for (const std::string& explanation : example.adaptation.explanation) {
    EXPECT_TRUE(has_line(lines, "  " + explanation)) << explanation;
  }
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << "no colour codes";
}

TEST(ProgressText, DrawsAChartPerMeasure) {
  const Example example;
  const auto lines = lines_of(example.text());
  // Entries on days 0..20 (09:00) span columns 0..39: day d falls in column
  // round(d / 20 * 39).
  const auto title = std::find(lines.begin(), lines.end(), "lower back pain");
  ASSERT_NE(title, lines.end());
  ASSERT_GE(lines.end() - title, 15);
  EXPECT_EQ(title[1], "10 |");
  EXPECT_EQ(title[4], "   |* * *");  // 7 on days 0, 1, 2
  // 4 on days 3..20: columns 6, 8, ..., 20, then 21, 23, ..., 39.
  std::string four = " 4 |" + std::string(6, ' ') + "* * * * * * * **";
  for (int i = 0; i < 9; ++i) four += " *";
  EXPECT_EQ(title[7], four);
  EXPECT_EQ(title[11], " 0 |");
  EXPECT_EQ(title[12], "   +" + std::string(40, '-'));
  // Sessions on days 1, 8 and 15 at 16:00: columns 3, 16 and 30.
  EXPECT_EQ(title[13],
            std::string(7, ' ') + "^" + std::string(12, ' ') + "^" + std::string(13, ' ') + "^");
  EXPECT_EQ(title[14], "    day 0" + std::string(40 - 5 - 6, ' ') + "day 20");
}

TEST(ProgressText, ShowsFlagsInThePersonsDates) {
  Example example;
  core::JournalEntry sharp = pain_entry(20, Region::neck, 5, 12);
  sharp.sharp_pain = true;
  sharp.new_symptoms = "tingling in the left hand";
  example.journal.push_back(sharp);
  example.progress =
      core::summarize_progress(knowledge(), example.journal, example.sessions, at(21));
  const std::string text = codec::progress_to_text(knowledge(), example.progress, nullptr,
                                                   example.journal, example.sessions, day_label);
  const auto lines = lines_of(text);
  EXPECT_TRUE(has_line(lines, "Flags (the last 14 days):")) << text;
  EXPECT_TRUE(has_line(lines,
                       "  - You noted sharp pain on day 20. Tenderness after deep work is normal, "
                       "sharp pain is not."))
      << text;
  EXPECT_TRUE(has_line(lines, "  - You noted something new on day 20: tingling in the left hand"))
      << text;
  EXPECT_EQ(text.find("Plan:"), std::string::npos) << "no adaptation given";
  // The neck has one value: listed, not compared.
  EXPECT_NE(text.find("neck pain "), std::string::npos);
  EXPECT_TRUE(has_line(lines, "  not compared yet: every value still belongs to the baseline"));
}

TEST(ProgressText, NamesEveryThresholdThatApplies) {
  // Neck 6 -> 4.5: meaningful by Cleland's 1.3, Farrar's 2 points or 30% not
  // reached (docs/progress.md).
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, 3, Region::neck, 6);
  journal.push_back(pain_entry(10, Region::neck, 4, 8));
  journal.push_back(pain_entry(10, Region::neck, 5, 9));
  const auto progress = core::summarize_progress(knowledge(), journal, {}, at(11));
  const std::string text =
      codec::progress_to_text(knowledge(), progress, nullptr, journal, {}, day_label);
  EXPECT_TRUE(has_line(lines_of(text),
                       "  meaningful: yes (\u22651.3 points, Cleland 2008; \u22652 points or 30%, "
                       "Farrar 2001, Ostelo 2008 not reached)"))
      << text;
  EXPECT_TRUE(has_line(lines_of(text), "  beyond noise: yes (\u22651 point, Clinic policy)"));
}

TEST(ProgressText, AnEmptyJournalSaysSo) {
  const core::Progress progress = core::summarize_progress(knowledge(), {}, {}, at(5));
  const std::string text =
      codec::progress_to_text(knowledge(), progress, nullptr, {}, {}, day_label);
  EXPECT_EQ(text,
            "Progress on day 5: 0 journal entries, 0 sessions\n\nNo ratings in the journal yet.\n"
            "\nFlags (the last 14 days): none\n");
}

// ---- JSON -------------------------------------------------------------------------

TEST(ProgressJson, MeasuresFlagsAndAdaptation) {
  const Example example;
  const auto document = nlohmann::json::parse(
      codec::progress_to_json(knowledge(), example.progress, &example.adaptation));
  EXPECT_EQ(document["now"], "2026-10-22T09:00:00Z");
  EXPECT_EQ(document["entries"], 21);
  EXPECT_EQ(document["sessions_completed"], 3);
  EXPECT_EQ(document["last_session"], "2026-10-16T16:00:00Z");
  ASSERT_EQ(document["measures"].size(), 1U);
  const auto& measure = document["measures"][0];
  EXPECT_EQ(measure["measure"], "pain");
  EXPECT_EQ(measure["region"], "lower_back");
  EXPECT_EQ(measure["label"], "lower back pain");
  EXPECT_EQ(measure["values"], 21);
  EXPECT_EQ(measure["compared"], true);
  EXPECT_EQ(measure["baseline"], 7.0);
  EXPECT_EQ(measure["latest"], 4.0);
  EXPECT_EQ(measure["change"], -3.0);
  EXPECT_NEAR(measure["trend_per_week"].get<double>(), -0.7363636, 1e-6);
  EXPECT_EQ(measure["baseline_until"], "2026-10-03T09:00:00Z");
  EXPECT_EQ(measure["latest_at"], "2026-10-21T09:00:00Z");
  EXPECT_EQ(measure["direction"], "better");
  EXPECT_EQ(measure["beyond_noise"],
            nlohmann::json::parse(R"({"holds": true, "checks": [{"threshold": "nprs_noise_clinic",
              "met": true, "points": 1.0, "sources": ["clinic-policy"]}]})"));
  EXPECT_EQ(measure["clinically_meaningful"],
            nlohmann::json::parse(R"({"holds": true, "checks": [{"threshold":
              "nprs_meaningful_general", "met": true, "points": 2.0, "percent": 30.0,
              "sources": ["farrar-2001", "ostelo-2008"]}]})"));
  EXPECT_EQ(measure["sustained_entries"], 18);
  EXPECT_EQ(measure["sustained_days"], 17.0);
  EXPECT_EQ(document["flags"], nlohmann::json::parse(R"({"red_flag": false,
              "soreness_limit_hours": 48.0, "pain_worse": false})"));
  const auto& adaptation = document["adaptation"];
  EXPECT_EQ(adaptation["decision"], "taper");
  EXPECT_EQ(adaptation["rule"], "taper_sustained");
  EXPECT_EQ(adaptation["explanation"], nlohmann::json(example.adaptation.explanation));
  const auto plan = codec::plan_from_json(knowledge(), adaptation["plan"].dump());
  ASSERT_TRUE(plan.ok()) << plan.error().describe();
  EXPECT_EQ(plan->sessions.size(), example.adaptation.plan.sessions.size());
  EXPECT_EQ(plan->review_on, example.adaptation.plan.review_on);
}

TEST(ProgressJson, LeavesOutWhatIsNotThere) {
  std::vector<core::JournalEntry> journal{pain_entry(0, Region::neck, 5)};
  const auto progress = core::summarize_progress(knowledge(), journal, {}, at(1));
  const auto document =
      nlohmann::json::parse(codec::progress_to_json(knowledge(), progress, nullptr));
  EXPECT_FALSE(document.contains("adaptation"));
  EXPECT_FALSE(document.contains("last_session"));
  const auto& measure = document["measures"][0];
  EXPECT_EQ(measure["compared"], false);
  EXPECT_TRUE(measure["trend_per_week"].is_null());
  EXPECT_EQ(measure["beyond_noise"]["checks"], nlohmann::json::array());
}

TEST(ProgressJson, FlagsCarryTheirTimes) {
  std::vector<core::JournalEntry> journal{pain_entry(0, Region::neck, 5)};
  journal[0].soreness_hours = 72;
  journal[0].new_symptoms = "dizzy";
  const auto progress = core::summarize_progress(knowledge(), journal, {}, at(1));
  const auto flags =
      nlohmann::json::parse(codec::progress_to_json(knowledge(), progress, nullptr))["flags"];
  EXPECT_EQ(flags["red_flag"], true);
  EXPECT_EQ(flags["soreness_hours"], 72.0);
  EXPECT_EQ(flags["new_symptoms_at"], "2026-10-01T09:00:00Z");
  EXPECT_EQ(flags["new_symptoms"], "dizzy");
  EXPECT_FALSE(flags.contains("sharp_pain_at"));
}

// ---- The chart alone --------------------------------------------------------------

std::string at_label(std::int64_t time) { return "t" + std::to_string(time); }

TEST(ProgressChart, PlotsMeansByColumnWithSessionsAndDates) {
  const std::vector<codec::ChartPoint> points{{0, 10}, {20, 3}, {20, 6}, {39, 0}, {39, 12}};
  const std::vector<core::CompletedSession> sessions{{10, core::Style::relaxation, 45, 2},
                                                     {50, core::Style::relaxation, 45, 2}};
  const auto lines = codec::chart_lines(points, sessions, {0, 39}, at_label);
  const std::vector<std::string> expected{
      "10 |*",
      "   |",
      " 8 |",
      "   |",
      " 6 |",
      // Column 20: (3 + 6) / 2 = 4.5 rounds to 5; column 39: 0 and 12 (drawn
      // as 10), 5.
      "   |" + std::string(20, ' ') + "*" + std::string(18, ' ') + "*",
      " 4 |",
      "   |",
      " 2 |",
      "   |",
      " 0 |",
      "   +" + std::string(40, '-'),
      std::string(14, ' ') + "^",  // the session at 50 is outside the span
      "    t0" + std::string(35, ' ') + "t39",
  };
  EXPECT_EQ(lines, expected);
}

TEST(ProgressChart, ASingleMomentIsOneColumnAndOneDate) {
  const std::vector<codec::ChartPoint> points{{100, 2}};
  const auto lines = codec::chart_lines(points, {}, {100, 100}, at_label);
  ASSERT_EQ(lines.size(), 13U);
  EXPECT_EQ(lines[8], " 2 |*");
  EXPECT_EQ(lines[12], "    t100");
}

TEST(ProgressChart, PointsOfEachMeasure) {
  core::JournalEntry entry;
  entry.time = 10;
  entry.pain[static_cast<std::size_t>(Region::hips)] = 3;
  entry.activities = {{"walk", 4}, {"stairs", 7}};
  entry.stress = 8;
  core::JournalEntry later = entry;
  later.time = 99;
  const std::vector<core::JournalEntry> entries{entry, later};
  core::MeasureProgress measure;
  measure.kind = core::MeasureKind::function;
  auto points = codec::measure_points(entries, measure, 50);
  ASSERT_EQ(points.size(), 1U);
  EXPECT_EQ(points[0].time, 10);
  EXPECT_EQ(points[0].value, 5.5);
  measure.kind = core::MeasureKind::pain;
  measure.region = Region::hips;
  EXPECT_EQ(codec::measure_points(entries, measure, 100).size(), 2U);
  measure.region = Region::neck;
  EXPECT_TRUE(codec::measure_points(entries, measure, 100).empty());
  measure.kind = core::MeasureKind::sleep;
  EXPECT_TRUE(codec::measure_points(entries, measure, 100).empty());

  const std::vector<core::CompletedSession> sessions{{5, core::Style::therapeutic, 60, 3},
                                                     {200, core::Style::therapeutic, 60, 3}};
  const auto span = codec::chart_span(entries, sessions, 150);
  EXPECT_EQ(span.from, 5);
  EXPECT_EQ(span.to, 99);
  const auto none = codec::chart_span({}, {}, 150);
  EXPECT_EQ(none.from, 150);
  EXPECT_EQ(none.to, 150);
}

}  // namespace
}  // namespace mn::testing
