// summarize_progress against journals whose expected numbers follow by hand
// from knowledge/progress.yaml: baseline = first 3 values within 7 days,
// latest = values after the baseline within 24 h of the last one, noise 1
// point (pain, stress, sleep) or 2 (function), meaningful pain 2 points or
// 30% (1.3 for the neck), function 1.3 / 2.3 / 2.7, stress and sleep 2.
#include "core/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "journal_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::Direction;
using core::MeasureKind;
using core::Region;

core::Progress summarize(const std::vector<core::JournalEntry>& journal, std::int64_t now,
                         const std::vector<core::CompletedSession>& sessions = {}) {
  return core::summarize_progress(knowledge(), journal, sessions, now);
}

// A copy, so that it may be taken from a temporary summary.
core::MeasureProgress pain_of(const core::Progress& progress, Region region) {
  const auto* measure = core::find_measure(progress, MeasureKind::pain, region);
  EXPECT_NE(measure, nullptr);
  return measure ? *measure : core::MeasureProgress{};
}

std::optional<core::MeasureProgress> function_of(const core::Progress& progress) {
  const auto* measure = core::find_measure(progress, MeasureKind::function);
  if (!measure) return std::nullopt;
  return *measure;
}

std::string threshold_id(const core::ThresholdCheck& check) {
  return knowledge().progress.thresholds[check.threshold].id;
}

std::vector<core::JournalEntry> improvement_journal() {
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, 3, Region::lower_back, 7);
  add_days(journal, 3, 18, Region::lower_back, 4);  // days 3..20
  return journal;
}

TEST(ProgressKnowledge, ThresholdsKeepTheirOwnSources) {
  const auto& progress = knowledge().progress;
  const auto& general =
      progress.thresholds[threshold_index(knowledge(), "nprs_meaningful_general")];
  ASSERT_EQ(general.sources.size(), 2U);
  EXPECT_EQ(knowledge().sources[general.sources[0]].id, "farrar-2001");
  EXPECT_EQ(knowledge().sources[general.sources[1]].id, "ostelo-2008");
  EXPECT_EQ(general.points, 2);
  EXPECT_EQ(general.percent, 30);
  const auto& neck = progress.thresholds[threshold_index(knowledge(), "nprs_meaningful_neck")];
  EXPECT_EQ(knowledge().sources[neck.sources.at(0)].id, "cleland-2008");
  EXPECT_EQ(neck.regions, core::bit(Region::neck));
  const auto& detectable = progress.thresholds[threshold_index(knowledge(), "psfs_detectable")];
  EXPECT_EQ(knowledge().sources[detectable.sources.at(0)].id, "stratford-1995");
  EXPECT_EQ(progress.soreness_limit_hours, 48);
}

TEST(Progress, Improvement) {
  const auto progress = summarize(improvement_journal(), at(21));
  EXPECT_EQ(progress.entries, 21U);
  ASSERT_EQ(progress.measures.size(), 1U);
  const auto pain = pain_of(progress, Region::lower_back);
  EXPECT_EQ(pain.values, 21U);
  EXPECT_TRUE(pain.compared);
  EXPECT_DOUBLE_EQ(pain.baseline, 7);
  EXPECT_EQ(pain.baseline_until, at(2));
  EXPECT_DOUBLE_EQ(pain.latest, 4);
  EXPECT_DOUBLE_EQ(pain.change, -3);
  EXPECT_EQ(pain.latest_at, at(20));
  EXPECT_EQ(pain.direction, Direction::better);
  EXPECT_TRUE(pain.beyond_noise.holds);
  ASSERT_EQ(pain.beyond_noise.checks.size(), 1U);
  EXPECT_EQ(threshold_id(pain.beyond_noise.checks[0]), "nprs_noise_clinic");
  EXPECT_TRUE(pain.clinically_meaningful.holds);
  // The neck's threshold does not apply to the lower back.
  ASSERT_EQ(pain.clinically_meaningful.checks.size(), 1U);
  EXPECT_EQ(threshold_id(pain.clinically_meaningful.checks[0]), "nprs_meaningful_general");
  // Days 3..20 are each 3 points better than the baseline.
  EXPECT_EQ(pain.sustained_entries, 18U);
  EXPECT_DOUBLE_EQ(pain.sustained_days, 17);
  // Least squares over days 0..20: Sxy = 7*(-27) + 4*27 = -81, Sxx = 770.
  ASSERT_TRUE(pain.trend_per_week);
  EXPECT_NEAR(*pain.trend_per_week, -81.0 / 770.0 * 7.0, 1e-9);
  EXPECT_FALSE(progress.flags.red_flag());
  EXPECT_FALSE(progress.flags.pain_worse);
}

TEST(Progress, LinearTrendIsSlopePerWeek) {
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, Region::hips, {8, 7, 6, 5, 4});
  const auto pain = pain_of(summarize(journal, at(5)), Region::hips);
  ASSERT_TRUE(pain.trend_per_week);
  EXPECT_NEAR(*pain.trend_per_week, -7, 1e-9);
  EXPECT_DOUBLE_EQ(pain.baseline, 7);  // (8 + 7 + 6) / 3
  EXPECT_DOUBLE_EQ(pain.latest, 4.5);  // days 3 and 4 are within 24 h of day 4
  EXPECT_DOUBLE_EQ(pain.change, -2.5);
}

TEST(Progress, Plateau) {
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, 30, Region::shoulders, 6);
  const auto pain = pain_of(summarize(journal, at(30)), Region::shoulders);
  EXPECT_TRUE(pain.compared);
  EXPECT_DOUBLE_EQ(pain.change, 0);
  EXPECT_EQ(pain.direction, Direction::unchanged);
  EXPECT_FALSE(pain.beyond_noise.holds);
  ASSERT_EQ(pain.beyond_noise.checks.size(), 1U);
  EXPECT_FALSE(pain.beyond_noise.checks[0].met);
  EXPECT_FALSE(pain.clinically_meaningful.holds);
  EXPECT_EQ(pain.sustained_entries, 0U);
  ASSERT_TRUE(pain.trend_per_week);
  EXPECT_NEAR(*pain.trend_per_week, 0, 1e-9);
}

TEST(Progress, FlareIsMeaningfullyWorse) {
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, 3, Region::lower_back, 3);
  add_days(journal, 3, 7, Region::lower_back, 6);
  const auto progress = summarize(journal, at(10));
  const auto pain = pain_of(progress, Region::lower_back);
  EXPECT_DOUBLE_EQ(pain.change, 3);
  EXPECT_EQ(pain.direction, Direction::worse);
  EXPECT_TRUE(pain.beyond_noise.holds);
  EXPECT_TRUE(pain.clinically_meaningful.holds);
  EXPECT_EQ(pain.sustained_entries, 0U);
  EXPECT_TRUE(progress.flags.pain_worse);
  EXPECT_FALSE(progress.flags.red_flag());
}

TEST(Progress, SharpPainWithinTheWindowIsFlagged) {
  auto journal = improvement_journal();
  journal.back().sharp_pain = true;  // day 20
  const auto progress = summarize(journal, at(21));
  ASSERT_TRUE(progress.flags.sharp_pain_at);
  EXPECT_EQ(*progress.flags.sharp_pain_at, at(20));
  EXPECT_TRUE(progress.flags.red_flag());
}

TEST(Progress, SharpPainOutsideTheWindowOrDeniedIsNotFlagged) {
  auto journal = improvement_journal();
  journal[5].sharp_pain = true;  // day 5: 16 days before day 21, the window is 14
  journal.back().sharp_pain = false;
  EXPECT_FALSE(summarize(journal, at(21)).flags.red_flag());
}

TEST(Progress, SorenessPastFortyEightHours) {
  for (const auto& [hours, flagged] :
       std::vector<std::pair<double, bool>>{{50, true}, {40, false}, {48, false}, {48.5, true}}) {
    auto journal = improvement_journal();
    journal.back().soreness_hours = hours;
    const auto progress = summarize(journal, at(21));
    EXPECT_EQ(progress.flags.soreness_hours.has_value(), flagged) << hours;
    if (flagged) {
      EXPECT_EQ(*progress.flags.soreness_hours, hours);
    }
  }
}

TEST(Progress, NewSymptomsAreFlaggedWithTheLatestText) {
  auto journal = improvement_journal();
  journal[18].new_symptoms = "tingling in the left hand";
  journal[19].new_symptoms = "numb fingers";
  journal[20].new_symptoms = " \t";  // blank: nothing new
  const auto progress = summarize(journal, at(21));
  ASSERT_TRUE(progress.flags.new_symptoms_at);
  EXPECT_EQ(*progress.flags.new_symptoms_at, at(19));
  EXPECT_EQ(progress.flags.new_symptoms, "numb fingers");
}

// Neck 6 -> 4.5: 1.5 points reaches Cleland's 1.3 for the neck but neither 2
// points nor 30% (25%); the neck threshold decides, the general one is kept.
TEST(Progress, NeckThresholdDecidesForTheNeckOnly) {
  for (Region region : {Region::neck, Region::lower_back}) {
    std::vector<core::JournalEntry> journal;
    add_days(journal, 0, region, {6, 6, 6, 6, 6, 6, 5, 4});
    const auto pain = pain_of(summarize(journal, at(8)), region);
    EXPECT_DOUBLE_EQ(pain.baseline, 6);
    EXPECT_DOUBLE_EQ(pain.latest, 4.5);
    EXPECT_TRUE(pain.beyond_noise.holds);
    const auto& checks = pain.clinically_meaningful.checks;
    if (region == Region::neck) {
      EXPECT_TRUE(pain.clinically_meaningful.holds);
      ASSERT_EQ(checks.size(), 2U);
      EXPECT_EQ(threshold_id(checks[0]), "nprs_meaningful_neck");
      EXPECT_TRUE(checks[0].met);
      EXPECT_EQ(threshold_id(checks[1]), "nprs_meaningful_general");
      EXPECT_FALSE(checks[1].met);
    } else {
      EXPECT_FALSE(pain.clinically_meaningful.holds);
      ASSERT_EQ(checks.size(), 1U);
      EXPECT_EQ(threshold_id(checks[0]), "nprs_meaningful_general");
    }
  }
}

// A one-point drop is 33% of a baseline of 3 (meaningful by the relative
// rule) but 12.5% of a baseline of 8 and under 2 points (not meaningful).
TEST(Progress, RelativeRuleAtLowBaselines) {
  std::vector<core::JournalEntry> low;
  add_days(low, 0, Region::knees, {3, 3, 3, 2, 2});
  const auto low_pain = pain_of(summarize(low, at(5)), Region::knees);
  EXPECT_DOUBLE_EQ(low_pain.change, -1);
  EXPECT_TRUE(low_pain.beyond_noise.holds);
  EXPECT_TRUE(low_pain.clinically_meaningful.holds);

  std::vector<core::JournalEntry> high;
  add_days(high, 0, Region::knees, {8, 8, 8, 7, 7});
  const auto high_pain = pain_of(summarize(high, at(5)), Region::knees);
  EXPECT_DOUBLE_EQ(high_pain.change, -1);
  EXPECT_TRUE(high_pain.beyond_noise.holds);
  EXPECT_FALSE(high_pain.clinically_meaningful.holds);
}

core::JournalEntry activity_entry(int day, std::initializer_list<int> scores) {
  core::JournalEntry entry;
  entry.time = at(day);
  for (int score : scores) entry.activities.push_back({"activity", score});
  return entry;
}

// Function is the mean of the activities: baseline mean 4.
TEST(Progress, FunctionMeanAgainstDetectableAndMeaningful) {
  std::vector<core::JournalEntry> journal;
  for (int day = 0; day < 3; ++day) journal.push_back(activity_entry(day, {3, 5, 4}));
  auto large = journal;
  large.push_back(activity_entry(3, {6, 7, 5}));  // mean 6: +2
  large.push_back(activity_entry(4, {6, 7, 5}));
  const auto function = function_of(summarize(large, at(5)));
  ASSERT_TRUE(function);
  EXPECT_DOUBLE_EQ(function->baseline, 4);
  EXPECT_DOUBLE_EQ(function->latest, 6);
  EXPECT_EQ(function->direction, Direction::better);
  EXPECT_TRUE(function->beyond_noise.holds);  // 2 >= detectable 2
  const auto& checks = function->clinically_meaningful.checks;
  ASSERT_EQ(checks.size(), 3U);
  EXPECT_EQ(threshold_id(checks[0]), "psfs_small");
  EXPECT_TRUE(checks[0].met);   // 2 >= 1.3
  EXPECT_FALSE(checks[1].met);  // 2 < 2.3
  EXPECT_FALSE(checks[2].met);  // 2 < 2.7
  EXPECT_TRUE(function->clinically_meaningful.holds);

  auto small = journal;
  small.push_back(activity_entry(3, {5, 6}));  // mean 5.5: +1.5
  const auto smaller = function_of(summarize(small, at(4)));
  ASSERT_TRUE(smaller);
  EXPECT_DOUBLE_EQ(smaller->change, 1.5);
  EXPECT_FALSE(smaller->beyond_noise.holds);
  EXPECT_TRUE(smaller->clinically_meaningful.holds);
}

TEST(Progress, StressAndSleepWorse) {
  std::vector<core::JournalEntry> journal;
  for (int day = 0; day < 5; ++day) {
    core::JournalEntry entry;
    entry.time = at(day);
    entry.stress = day < 3 ? 3 : 6;
    entry.sleep_quality = day < 3 ? 7 : 4;
    journal.push_back(entry);
  }
  const auto progress = summarize(journal, at(5));
  ASSERT_EQ(progress.measures.size(), 2U);
  EXPECT_EQ(progress.measures[0].kind, MeasureKind::stress);
  EXPECT_EQ(progress.measures[1].kind, MeasureKind::sleep);
  for (const auto& measure : progress.measures) {
    EXPECT_DOUBLE_EQ(std::fabs(measure.change), 3);
    EXPECT_EQ(measure.direction, Direction::worse);
    EXPECT_TRUE(measure.clinically_meaningful.holds);
  }
  EXPECT_FALSE(progress.flags.pain_worse);  // stress and sleep are not pain
}

TEST(Progress, EmptyJournal) {
  const auto progress = summarize({}, at(0));
  EXPECT_EQ(progress.entries, 0U);
  EXPECT_TRUE(progress.measures.empty());
  EXPECT_FALSE(progress.flags.red_flag());
  EXPECT_FALSE(progress.flags.pain_worse);
}

TEST(Progress, SingleEntryHasNothingToCompare) {
  const auto progress = summarize({pain_entry(0, Region::neck, 5)}, at(1));
  const auto pain = pain_of(progress, Region::neck);
  EXPECT_EQ(pain.values, 1U);
  EXPECT_FALSE(pain.compared);
  EXPECT_DOUBLE_EQ(pain.baseline, 5);
  EXPECT_DOUBLE_EQ(pain.latest, 5);
  EXPECT_DOUBLE_EQ(pain.change, 0);
  EXPECT_EQ(pain.direction, Direction::unchanged);
  EXPECT_TRUE(pain.beyond_noise.checks.empty());
  EXPECT_FALSE(pain.clinically_meaningful.holds);
  EXPECT_FALSE(pain.trend_per_week);
}

TEST(Progress, EntriesOutOfOrderGiveTheSameSummary) {
  const auto sorted = summarize(improvement_journal(), at(21));
  auto shuffled = improvement_journal();
  std::mt19937 random(7);
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  const auto progress = summarize(shuffled, at(21));
  const auto a = pain_of(sorted, Region::lower_back);
  const auto b = pain_of(progress, Region::lower_back);
  EXPECT_EQ(a.baseline, b.baseline);
  EXPECT_EQ(a.latest, b.latest);
  EXPECT_EQ(a.sustained_entries, b.sustained_entries);
  EXPECT_NEAR(*a.trend_per_week, *b.trend_per_week, 1e-12);
}

TEST(Progress, SeveralEntriesPerDay) {
  std::vector<core::JournalEntry> journal{
      pain_entry(0, Region::neck, 8, 8), pain_entry(0, Region::neck, 6, 12),
      pain_entry(0, Region::neck, 7, 16), pain_entry(1, Region::neck, 5, 9),
      pain_entry(1, Region::neck, 4, 20)};
  const auto pain = pain_of(summarize(journal, at(2)), Region::neck);
  EXPECT_DOUBLE_EQ(pain.baseline, 7);  // the first three entries, all on day 0
  EXPECT_DOUBLE_EQ(pain.latest, 4.5);  // day 1 09:00 and 20:00
  EXPECT_DOUBLE_EQ(pain.change, -2.5);
}

TEST(Progress, BaselineEndsAfterSevenDays) {
  std::vector<core::JournalEntry> journal{pain_entry(0, Region::hips, 8),
                                          pain_entry(8, Region::hips, 4),
                                          pain_entry(9, Region::hips, 4)};
  const auto pain = pain_of(summarize(journal, at(10)), Region::hips);
  EXPECT_DOUBLE_EQ(pain.baseline, 8);
  EXPECT_DOUBLE_EQ(pain.latest, 4);
}

TEST(Progress, EntriesAndSessionsAfterNowAreLeftOut) {
  auto journal = improvement_journal();
  journal.push_back(pain_entry(40, Region::lower_back, 9));
  journal.back().sharp_pain = true;
  const std::vector<core::CompletedSession> sessions{{at(4), core::Style::therapeutic, 60, 3},
                                                     {at(11), core::Style::therapeutic, 60, 3},
                                                     {at(25), core::Style::therapeutic, 60, 3}};
  const auto progress = summarize(journal, at(21), sessions);
  EXPECT_EQ(progress.entries, 21U);
  EXPECT_DOUBLE_EQ(pain_of(progress, Region::lower_back).latest, 4);
  EXPECT_FALSE(progress.flags.red_flag());
  EXPECT_EQ(progress.sessions_completed, 2U);
  EXPECT_EQ(progress.last_session, at(11));
}

}  // namespace
}  // namespace mn::testing
