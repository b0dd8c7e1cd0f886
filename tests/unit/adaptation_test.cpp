// adapt_plan: every rule of knowledge/progress.yaml firing and not firing,
// the plan versions it produces, and properties over generated journals.
// Expected numbers follow by hand from progress.yaml (see progress_test.cpp)
// and plan.yaml's relaxation_stress_primary cadence (6 sessions of 45
// minutes every 14 days).
#include "core/adaptation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "journal_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::Decision;
using core::Region;

core::Index cadence_index(const std::string& id) {
  const auto& cadences = knowledge().plan.cadences;
  for (std::size_t c = 0; c < cadences.size(); ++c) {
    if (cadences[c].id == id) return static_cast<core::Index>(c);
  }
  ADD_FAILURE() << "no cadence " << id;
  return 0;
}

// Four weekly sessions from day 1, then two every two weeks: days 1, 8, 15,
// 22 (phase 0), 29, 43 (phase 1); the review is after the fourth (day 22).
core::Plan weekly_plan() {
  core::Plan plan;
  const core::Index cadence = cadence_index("therapeutic_weekly");
  plan.phases.push_back({core::Phase{core::Style::therapeutic, 7, 4, 60, "weekly"}, cadence});
  plan.phases.push_back({core::Phase{core::Style::therapeutic, 14, 2, 60, "two-weekly"}, cadence});
  for (int day : {1, 8, 15, 22})
    plan.sessions.push_back({date_of(day), core::Style::therapeutic, 60, 0});
  for (int day : {29, 43}) plan.sessions.push_back({date_of(day), core::Style::therapeutic, 60, 1});
  plan.review_on = date_of(22);
  return plan;
}

struct Outcome {
  core::Adaptation adaptation;
  std::string rule_id;
};

Outcome adapt(const std::vector<core::JournalEntry>& journal, int today,
              const core::Plan& plan = weekly_plan()) {
  const auto progress = core::summarize_progress(knowledge(), journal, {}, at(today));
  auto adaptation = core::adapt_plan(knowledge(), plan, progress, date_of(today));
  std::string id = knowledge().progress.rules.at(adaptation.rule).id;
  return {std::move(adaptation), std::move(id)};
}

std::vector<core::JournalEntry> journal_of(int first_days, int first_pain, int later_days,
                                           int later_pain, Region region = Region::lower_back) {
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, first_days, region, first_pain);
  add_days(journal, first_days, later_days, region, later_pain);
  return journal;
}

// Days 0-2 at 7, days 3-20 at 4: 3 points better for 18 entries over 17 days.
std::vector<core::JournalEntry> sustained_journal() { return journal_of(3, 7, 18, 4); }

std::vector<int> session_days(const core::Plan& plan) {
  std::vector<int> days;
  for (const auto& session : plan.sessions)
    days.push_back(static_cast<int>((session.date - kDay0).count()));
  return days;
}

void expect_same_plan(const core::Plan& a, const core::Plan& b) {
  EXPECT_EQ(a.on_hold, b.on_hold);
  EXPECT_EQ(session_days(a), session_days(b));
  EXPECT_EQ(a.review_on, b.review_on);
  ASSERT_EQ(a.phases.size(), b.phases.size());
  for (std::size_t p = 0; p < a.phases.size(); ++p) {
    EXPECT_EQ(a.phases[p].phase.every_days, b.phases[p].phase.every_days);
    EXPECT_EQ(a.phases[p].phase.sessions, b.phases[p].phase.sessions);
  }
}

TEST(Adaptation, RulesEndWithAlways) {
  const auto& rules = knowledge().progress.rules;
  ASSERT_EQ(rules.size(), 7U);
  EXPECT_EQ(rules.front().decision, Decision::stop);
  EXPECT_EQ(rules.back().when, core::Trigger::always);
}

TEST(Adaptation, TaperAfterSustainedMeaningfulImprovement) {
  const core::Plan current = weekly_plan();
  const core::Plan copy = current;
  const auto [adaptation, rule] = adapt(sustained_journal(), 21, current);
  EXPECT_EQ(rule, "taper_sustained");
  EXPECT_EQ(adaptation.decision, Decision::taper);
  ASSERT_EQ(adaptation.explanation.size(), 2U);
  EXPECT_EQ(adaptation.explanation[1],
            "lower back pain 7 \u2192 4 (\u22123; beyond noise: \u22651 point, Clinic policy; "
            "meaningful: \u22652 points or 30%, Farrar 2001, Ostelo 2008), lasting 18 entries "
            "over 17 days (needed: 3 entries and 14 days, Article, Clinic policy)");
  // Left on day 21: one weekly session (day 22) and both two-weekly ones.
  // Doubled intervals: 14 and 28 days, dated from day 21.
  const core::Plan& plan = adaptation.plan;
  ASSERT_EQ(plan.phases.size(), 2U);
  EXPECT_EQ(plan.phases[0].phase.every_days, 14);
  EXPECT_EQ(plan.phases[0].phase.sessions, 1);
  EXPECT_EQ(plan.phases[1].phase.every_days, 28);
  EXPECT_EQ(plan.phases[1].phase.sessions, 2);
  EXPECT_EQ(session_days(plan), (std::vector<int>{35, 49, 77}));
  EXPECT_EQ(plan.review_on, date_of(77));
  expect_same_plan(current, copy);
}

TEST(Adaptation, NoTaperWhenTheImprovementIsRecent) {
  // Better from day 10 only: 11 entries over 10 days, fewer than 14 days.
  const auto journal = journal_of(10, 7, 11, 4);
  const auto before_review = adapt(journal, 21);
  EXPECT_EQ(before_review.rule_id, "continue_improving");
  EXPECT_EQ(before_review.adaptation.decision, Decision::continue_plan);
  expect_same_plan(before_review.adaptation.plan, weekly_plan());
  // Past the review point a meaningful change is not "no change".
  EXPECT_EQ(adapt(journal, 22).rule_id, "continue_improving");
}

TEST(Adaptation, ImprovingButNotMeaningful) {
  // 7 -> 6: beyond noise (1 point) but neither 2 points nor 30% (14%).
  const auto journal = journal_of(3, 7, 18, 6);
  const auto before_review = adapt(journal, 21);
  EXPECT_EQ(before_review.rule_id, "continue_improving");
  ASSERT_EQ(before_review.adaptation.explanation.size(), 2U);
  EXPECT_EQ(before_review.adaptation.explanation[1],
            "lower back pain 7 \u2192 6 (\u22121; beyond noise: \u22651 point, Clinic policy; "
            "not meaningful: \u22652 points or 30%, Farrar 2001, Ostelo 2008)");
  const auto after_review = adapt(journal, 22);
  EXPECT_EQ(after_review.rule_id, "review_no_change");
  EXPECT_EQ(after_review.adaptation.decision, Decision::review);
}

TEST(Adaptation, PlateauBeforeAndAfterTheReviewPoint) {
  const auto journal = journal_of(3, 6, 18, 6);
  const auto early = adapt(journal, 21);
  EXPECT_EQ(early.rule_id, "continue_too_early");
  EXPECT_EQ(early.adaptation.decision, Decision::continue_plan);
  const auto due = adapt(journal, 22);
  EXPECT_EQ(due.rule_id, "review_no_change");
  ASSERT_EQ(due.adaptation.explanation.size(), 3U);
  EXPECT_EQ(due.adaptation.explanation[1], "review point 2026-10-23 reached on 2026-10-23");
  EXPECT_EQ(due.adaptation.explanation[2],
            "lower back pain 6 \u2192 6 (0; within noise: \u22651 point, Clinic policy; "
            "not meaningful: \u22652 points or 30%, Farrar 2001, Ostelo 2008)");
  EXPECT_EQ(due.adaptation.plan.review_on, date_of(22));
  EXPECT_EQ(session_days(due.adaptation.plan), session_days(weekly_plan()));
}

TEST(Adaptation, NoReviewWithoutAReviewDate) {
  core::Plan plan = weekly_plan();
  plan.review_on.reset();
  EXPECT_EQ(adapt(journal_of(3, 6, 18, 6), 30, plan).rule_id, "continue_too_early");
}

TEST(Adaptation, NeckChangeMeaningfulByItsOwnThreshold) {
  // Neck 6 -> 4.5 is meaningful by Cleland's 1.3, so the review point does
  // not send it to review; the same numbers on the lower back do.
  std::vector<core::JournalEntry> neck;
  add_days(neck, 0, Region::neck, {6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 4});
  EXPECT_EQ(adapt(neck, 22).rule_id, "continue_improving");
  std::vector<core::JournalEntry> back;
  add_days(back, 0, Region::lower_back,
           {6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 4});
  EXPECT_EQ(adapt(back, 22).rule_id, "review_no_change");
}

TEST(Adaptation, ReviewWhenMeaningfullyWorse) {
  const auto [adaptation, rule] = adapt(journal_of(3, 3, 18, 6), 21);
  EXPECT_EQ(rule, "review_worse");
  EXPECT_EQ(adaptation.decision, Decision::review);
  ASSERT_EQ(adaptation.explanation.size(), 2U);
  EXPECT_EQ(adaptation.explanation[1],
            "lower back pain 3 \u2192 6 (+3; beyond noise: \u22651 point, Clinic policy; "
            "meaningful: \u22652 points or 30%, Farrar 2001, Ostelo 2008)");
  EXPECT_EQ(adaptation.plan.review_on, date_of(21));
  EXPECT_EQ(session_days(adaptation.plan), session_days(weekly_plan()));
}

TEST(Adaptation, StopOnSharpPainEvenWhenImproving) {
  auto journal = sustained_journal();
  journal.back().sharp_pain = true;  // day 20 = 2026-10-21
  const core::Plan current = weekly_plan();
  const auto [adaptation, rule] = adapt(journal, 21, current);
  EXPECT_EQ(rule, "stop_red_flag");
  EXPECT_EQ(adaptation.decision, Decision::stop);
  ASSERT_EQ(adaptation.explanation.size(), 2U);
  EXPECT_EQ(adaptation.explanation[1],
            "You noted sharp pain on 2026-10-21. Tenderness after deep work is normal, sharp pain "
            "is not. (Article)");
  EXPECT_TRUE(adaptation.plan.on_hold);
  EXPECT_TRUE(adaptation.plan.sessions.empty());
  EXPECT_FALSE(adaptation.plan.review_on);
  ASSERT_EQ(adaptation.plan.phases.size(), 2U);  // what is left, kept for later
  EXPECT_EQ(adaptation.plan.phases[0].phase.sessions, 1);
  EXPECT_EQ(adaptation.plan.phases[1].phase.sessions, 2);
  EXPECT_FALSE(current.on_hold);
}

TEST(Adaptation, StopOnSorenessPastFortyEightHoursOnly) {
  auto journal = sustained_journal();
  journal.back().soreness_hours = 50;
  const auto long_soreness = adapt(journal, 21);
  EXPECT_EQ(long_soreness.rule_id, "stop_red_flag");
  ASSERT_EQ(long_soreness.adaptation.explanation.size(), 2U);
  EXPECT_EQ(long_soreness.adaptation.explanation[1],
            "Soreness lasted 50 hours after a session, longer than the 48 hours that are "
            "expected. (Article)");
  journal.back().soreness_hours = 40;
  EXPECT_EQ(adapt(journal, 21).rule_id, "taper_sustained");
}

TEST(Adaptation, StopOnNewSymptoms) {
  auto journal = journal_of(3, 6, 18, 6);
  journal[19].new_symptoms = "numb fingers";  // day 19 = 2026-10-20
  const auto outcome = adapt(journal, 21);
  EXPECT_EQ(outcome.rule_id, "stop_red_flag");
  ASSERT_EQ(outcome.adaptation.explanation.size(), 2U);
  EXPECT_EQ(outcome.adaptation.explanation[1],
            "You noted something new on 2026-10-20: numb fingers (Article, Clinic policy)");
}

std::vector<core::JournalEntry> with_stress(std::vector<core::JournalEntry> journal, int before,
                                            int after) {
  for (std::size_t e = 0; e < journal.size(); ++e) journal[e].stress = e < 3 ? before : after;
  return journal;
}

TEST(Adaptation, AddRelaxationWhenStressWorsensWhilePainImproves) {
  const auto [adaptation, rule] = adapt(with_stress(sustained_journal(), 3, 6), 21);
  EXPECT_EQ(rule, "add_relaxation_wellbeing");
  EXPECT_EQ(adaptation.decision, Decision::add_relaxation);
  ASSERT_EQ(adaptation.explanation.size(), 3U);  // stress, then the pain that improves
  EXPECT_EQ(adaptation.explanation[1],
            "stress 3 \u2192 6 (+3; beyond noise: \u22651 point, Clinic policy; meaningful: "
            "\u22652 points, Clinic policy)");
  // Left: one weekly session, two two-weekly ones; then six relaxation
  // sessions every 14 days, starting 14 + 4 days after day 21.
  const core::Plan& plan = adaptation.plan;
  ASSERT_EQ(plan.phases.size(), 3U);
  EXPECT_EQ(plan.phases[2].phase.style, core::Style::relaxation);
  EXPECT_EQ(plan.phases[2].cadence, cadence_index("relaxation_stress_primary"));
  EXPECT_EQ(session_days(plan), (std::vector<int>{28, 35, 39, 49, 53, 67, 81, 95, 109}));
  const auto relaxation = std::count_if(
      plan.sessions.begin(), plan.sessions.end(),
      [](const auto& s) { return s.style == core::Style::relaxation && s.minutes == 45; });
  EXPECT_EQ(relaxation, 6);
  EXPECT_EQ(plan.review_on, date_of(49));
}

TEST(Adaptation, AddRelaxationWhenSleepWorsens) {
  auto journal = sustained_journal();
  for (std::size_t e = 0; e < journal.size(); ++e) journal[e].sleep_quality = e < 3 ? 7 : 4;
  EXPECT_EQ(adapt(journal, 21).rule_id, "add_relaxation_wellbeing");
}

TEST(Adaptation, NoRelaxationAddedWhenPainIsNotImproving) {
  EXPECT_EQ(adapt(with_stress(journal_of(3, 6, 18, 6), 3, 6), 21).rule_id, "continue_too_early");
}

TEST(Adaptation, NoSecondRelaxationTrack) {
  core::Plan plan = weekly_plan();
  const core::Index relaxation = cadence_index("relaxation_stress_primary");
  plan.phases.push_back({core::Phase{core::Style::relaxation, 14, 2, 45, "relax"}, relaxation});
  plan.sessions.push_back({date_of(30), core::Style::relaxation, 45, 2});
  const auto outcome = adapt(with_stress(sustained_journal(), 3, 6), 21, plan);
  EXPECT_EQ(outcome.rule_id, "add_relaxation_wellbeing");
  ASSERT_EQ(outcome.adaptation.plan.phases.size(), 3U);
  EXPECT_EQ(outcome.adaptation.plan.phases[2].phase.sessions, 1);
}

// A relaxation course like weekly_plan(), and a journal of stress alone:
// 8 for three days, then 4 for 18 (the sustained_journal() shape).
core::Plan relaxation_plan() {
  core::Plan plan = weekly_plan();
  for (auto& phase : plan.phases) phase.phase.style = core::Style::relaxation;
  for (auto& session : plan.sessions) session.style = core::Style::relaxation;
  return plan;
}

std::vector<core::JournalEntry> calmer_journal(int calm_from_day, int days) {
  std::vector<core::JournalEntry> journal;
  for (int day = 0; day < days; ++day) {
    core::JournalEntry entry;
    entry.time = at(day);
    entry.stress = day < calm_from_day ? 8 : 4;
    journal.push_back(entry);
  }
  return journal;
}

TEST(Adaptation, ARelaxationCourseTapersOnLastingCalm) {
  const auto [adaptation, rule] = adapt(calmer_journal(3, 21), 21, relaxation_plan());
  EXPECT_EQ(rule, "taper_sustained");
  ASSERT_GE(adaptation.explanation.size(), 2U);
  EXPECT_NE(adaptation.explanation[1].find("stress 8 \u2192 4"), std::string::npos)
      << adaptation.explanation[1];
  // The same journal does not taper a therapeutic course: stress is not
  // what it is for.
  EXPECT_NE(adapt(calmer_journal(3, 21), 21).rule_id, "taper_sustained");
}

TEST(Adaptation, ARelaxationCourseWithoutCalmerDaysGoesToReview) {
  std::vector<core::JournalEntry> journal = calmer_journal(30, 23);  // 8 throughout
  EXPECT_EQ(adapt(journal, 22, relaxation_plan()).rule_id, "review_no_change");
}

TEST(Adaptation, EmptyJournalIsTooEarly) {
  const auto outcome = adapt({}, 21);
  EXPECT_EQ(outcome.rule_id, "continue_too_early");
  ASSERT_EQ(outcome.adaptation.explanation.size(), 1U);
  EXPECT_EQ(outcome.adaptation.explanation[0], knowledge().progress.rules.back().text);
}

// ---- Properties over generated journals --------------------------------------

class JournalGenerator {
 public:
  explicit JournalGenerator(unsigned seed) : random_(seed) {}

  std::vector<core::JournalEntry> next(int& last_day) {
    std::vector<core::JournalEntry> journal(static_cast<std::size_t>(number(0, 60)));
    last_day = 0;
    for (auto& entry : journal) {
      const int day = number(0, 120);
      last_day = std::max(last_day, day);
      entry.time = at(day, number(0, 23));
      for (auto& pain : entry.pain) {
        if (chance(0.15)) pain = number(0, 10);
      }
      const int activities = chance(0.5) ? number(0, 5) : 0;
      for (int a = 0; a < activities; ++a) entry.activities.push_back({"task", number(0, 10)});
      if (chance(0.5)) entry.stress = number(0, 10);
      if (chance(0.5)) entry.sleep_quality = number(0, 10);
      if (chance(0.3)) entry.soreness_hours = number(0, 96);
      if (chance(0.3)) entry.sharp_pain = chance(0.1);
      if (chance(0.03)) entry.new_symptoms = "dizzy";
    }
    return journal;
  }
  int number(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  std::mt19937& random() { return random_; }

 private:
  std::mt19937 random_;
};

bool is_target(const core::MeasureProgress& m) {
  return m.kind == core::MeasureKind::pain || m.kind == core::MeasureKind::function;
}

void check_statement(const core::MeasureProgress& m, const core::Statement& statement) {
  EXPECT_EQ(statement.holds, !statement.checks.empty() && statement.checks.front().met);
  if (!m.compared) {
    EXPECT_TRUE(statement.checks.empty());
  }
}

TEST(AdaptationProperty, GeneratedJournals) {
  constexpr unsigned kSeed = 20261127;
  JournalGenerator generator(kSeed);
  for (int run = 0; run < 2000; ++run) {
    int last_day = 0;
    auto journal = generator.next(last_day);
    const int today = last_day + generator.number(-5, 20);
    const auto progress = core::summarize_progress(knowledge(), journal, {}, at(today));
    SCOPED_TRACE("seed " + std::to_string(kSeed) + " run " + std::to_string(run));
    for (const auto& m : progress.measures) {
      EXPECT_GE(m.values, 1U);
      if (m.compared) {
        EXPECT_GE(m.values, 2U);
      }
      EXPECT_GE(m.baseline, 0);
      EXPECT_LE(m.baseline, 10);
      EXPECT_GE(m.latest, 0);
      EXPECT_LE(m.latest, 10);
      EXPECT_NEAR(m.change, m.latest - m.baseline, 1e-12);
      check_statement(m, m.beyond_noise);
      check_statement(m, m.clinically_meaningful);
    }
    // The order of entries does not matter.
    std::shuffle(journal.begin(), journal.end(), generator.random());
    const auto shuffled = core::summarize_progress(knowledge(), journal, {}, at(today));
    ASSERT_EQ(shuffled.measures.size(), progress.measures.size());
    for (std::size_t m = 0; m < progress.measures.size(); ++m) {
      EXPECT_NEAR(shuffled.measures[m].baseline, progress.measures[m].baseline, 1e-9);
      EXPECT_NEAR(shuffled.measures[m].latest, progress.measures[m].latest, 1e-9);
      EXPECT_EQ(shuffled.measures[m].sustained_entries, progress.measures[m].sustained_entries);
    }

    const core::Plan current = weekly_plan();
    const auto adaptation = core::adapt_plan(knowledge(), current, progress, date_of(today));
    expect_same_plan(current, weekly_plan());
    EXPECT_EQ(progress.flags.red_flag(), adaptation.decision == Decision::stop);
    if (progress.flags.pain_worse && !progress.flags.red_flag()) {
      EXPECT_EQ(adaptation.decision, Decision::review);
    }
    if (adaptation.decision == Decision::stop) {
      EXPECT_TRUE(adaptation.plan.on_hold);
      EXPECT_TRUE(adaptation.plan.sessions.empty());
    }
    if (adaptation.decision == Decision::taper) {
      EXPECT_TRUE(
          std::any_of(progress.measures.begin(), progress.measures.end(), [](const auto& m) {
            return is_target(m) && m.sustained_entries >= knowledge().progress.sustained_entries;
          }));
    }
    if (adaptation.decision == Decision::taper || adaptation.decision == Decision::add_relaxation) {
      for (const auto& session : adaptation.plan.sessions) EXPECT_GT(session.date, date_of(today));
    }
    EXPECT_FALSE(adaptation.explanation.empty());
  }
}

}  // namespace
}  // namespace mn::testing
