// Matching therapists to an assessment (core/matching.hpp) with the
// repository's knowledge/matching.yaml: hard requirements exclude with their
// reason, scores add up from explained factors, ties break by distance then
// id; and broken copies of matching.yaml are reported with file and line.
#include "core/matching.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/assess.hpp"
#include "knowledge/loader.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::ExclusionReason;
using core::FactorOutcome;
using core::MatchFactor;
using core::Training;

constexpr core::Date kToday{std::chrono::year{2026} / 11 / 27};
constexpr core::GeoPoint kOrigin{45.52, -122.68};
constexpr double kKmPerDegree = 6371.0088 * 3.14159265358979323846 / 180;

// A therapist `km_north` of the origin who meets every hard requirement of
// an ordinary therapeutic or relaxation plan.
core::Therapist therapist(const std::string& id, double km_north = 1) {
  core::Therapist entry;
  entry.id = id;
  entry.name = "Therapist " + id;
  entry.practice = "Practice " + id;
  entry.licence = "LMT-" + id;
  entry.training =
      static_cast<core::TrainingMask>(core::training_bit(Training::medical_massage) |
                                      core::training_bit(Training::trigger_point_therapy));
  entry.styles = static_cast<core::StyleMask>(core::style_bit(core::Style::therapeutic) |
                                              core::style_bit(core::Style::relaxation));
  entry.accepts_medical_input = true;
  entry.setting = core::Setting::calm;
  entry.location = {kOrigin.latitude + km_north / kKmPerDegree, kOrigin.longitude};
  entry.prices = {{{30, 6000}, {60, 9000}, {90, 12500}}};
  entry.price_count = 3;
  entry.openings_per_week = 3;
  entry.review_count = 40;
  entry.rating = 4.6;
  return entry;
}

nlohmann::json therapeutic_intake() {
  return {{"age", 41},
          {"goals", {"pain_relief", "mobility"}},
          {"pain_areas",
           {{{"region", "lower_back"}, {"intensity", 6}, {"weeks", 12}, {"localized", true}}}},
          {"knots", true},
          {"limited_motion", true},
          {"motion_limits_daily_life", true},
          {"conditions", nlohmann::json::array()},
          {"medications", nlohmann::json::array()},
          {"surgery_weeks_ago", nullptr},
          {"unexplained_severe_pain", false},
          {"pregnant", false},
          {"budget_per_session", 100}};
}

nlohmann::json relaxation_intake() {
  return {{"goals", {"stress_relief", "sleep"}},
          {"stress", 8},
          {"sleep_quality", 3},
          {"generalized_tension", true},
          {"conditions", nlohmann::json::array()},
          {"medications", nlohmann::json::array()},
          {"surgery_weeks_ago", nullptr},
          {"unexplained_severe_pain", false},
          {"pregnant", false}};
}

struct Person {
  core::Intake intake;
  core::Assessment assessment;
};

Person person(const nlohmann::json& json) {
  Person result{intake_of(json), {}};
  result.assessment = core::assess(knowledge(), result.intake, kToday);
  return result;
}

core::MatchResult rank(const Person& who, const std::vector<core::Therapist>& directory,
                       core::MatchQuery query = {}) {
  if (query.origin.latitude == 0) query.origin = kOrigin;
  return core::match_therapists(knowledge(), who.intake, who.assessment, directory, query);
}

std::vector<std::string> ids_of(const core::MatchResult& result,
                                const std::vector<core::Therapist>& directory) {
  std::vector<std::string> ids;
  for (const core::Match& match : result.matches) ids.push_back(directory[match.therapist].id);
  return ids;
}

const core::Contribution& factor(const core::Match& match, MatchFactor which) {
  return match.contributions[static_cast<std::size_t>(which)];
}

double weight(MatchFactor which) {
  return knowledge().matching.factors[static_cast<std::size_t>(which)].weight;
}

std::size_t count(ExclusionReason reason) { return static_cast<std::size_t>(reason); }

std::string precaution_id(const core::Exclusion& exclusion) {
  return knowledge().matching.precautions[exclusion.precaution].id;
}

// --- hard requirements ---------------------------------------------------------

TEST(MatchingExclusion, PregnancyWithoutPrenatalTrainingIsExcluded) {
  auto untrained = therapist("untrained", 0.5);
  untrained.board_certified = true;  // better in every other way
  auto prenatal = therapist("prenatal", 5);
  prenatal.training |= core::training_bit(Training::prenatal);
  const std::vector directory{untrained, prenatal};

  auto json = therapeutic_intake();
  EXPECT_EQ(ids_of(rank(person(json), directory), directory),
            (std::vector<std::string>{"untrained", "prenatal"}));

  json["pregnant"] = true;
  const auto result = rank(person(json), directory);
  EXPECT_EQ(ids_of(result, directory), std::vector<std::string>{"prenatal"});
  ASSERT_EQ(result.excluded.size(), 1U);
  EXPECT_EQ(result.excluded[0].therapist, 0U);
  EXPECT_EQ(result.excluded[0].reason, ExclusionReason::precaution);
  EXPECT_EQ(precaution_id(result.excluded[0]), "prenatal_training");
  EXPECT_NEAR(result.excluded[0].distance_km, 0.5, 1e-6);
  EXPECT_EQ(result.excluded_counts[count(ExclusionReason::precaution)], 1U);
  EXPECT_EQ(result.candidates, 1U);
}

TEST(MatchingExclusion, OutOfRadiusIsCountedAndJudgedWithItsDistance) {
  const std::vector directory{therapist("near", 20), therapist("far", 30)};
  const Person who = person(therapeutic_intake());
  core::MatchQuery query;
  query.radius_km = 25;
  const auto result = rank(who, directory, query);
  EXPECT_EQ(ids_of(result, directory), std::vector<std::string>{"near"});
  EXPECT_EQ(result.excluded_counts[count(ExclusionReason::out_of_radius)], 1U);
  EXPECT_TRUE(result.excluded.empty()) << "out of radius is counted, not listed";
  query.origin = kOrigin;
  const auto verdict =
      core::judge_therapist(knowledge(), who.intake, who.assessment, directory[1], 1, query);
  ASSERT_TRUE(verdict.exclusion);
  EXPECT_FALSE(verdict.match);
  EXPECT_EQ(verdict.exclusion->reason, ExclusionReason::out_of_radius);
  EXPECT_NEAR(verdict.exclusion->distance_km, 30, 1e-6);

  query.radius_km = 35;
  EXPECT_EQ(rank(who, directory, query).matches.size(), 2U);
}

TEST(MatchingExclusion, RadiusIsCutToTheKnowledgeBasesMaximum) {
  const double maximum = knowledge().matching.max_radius_km;
  const std::vector directory{therapist("edge", maximum - 1), therapist("beyond", maximum + 1)};
  core::MatchQuery query;
  query.radius_km = maximum * 10;
  const auto result = rank(person(therapeutic_intake()), directory, query);
  EXPECT_EQ(result.radius_km, maximum);
  EXPECT_EQ(ids_of(result, directory), std::vector<std::string>{"edge"});
}

TEST(MatchingExclusion, CoordinatesThatAreNotNumbersAreOutOfRadius) {
  auto lost = therapist("lost");
  lost.location.longitude = std::numeric_limits<double>::quiet_NaN();
  auto nowhere = therapist("nowhere");
  nowhere.location.latitude = std::numeric_limits<double>::quiet_NaN();
  const std::vector directory{lost, nowhere, therapist("found")};
  const auto result = rank(person(therapeutic_intake()), directory);
  EXPECT_EQ(ids_of(result, directory), std::vector<std::string>{"found"});
  EXPECT_EQ(result.excluded_counts[count(ExclusionReason::out_of_radius)], 2U);
}

TEST(MatchingExclusion, BleedingRiskNeedsMedicalTrainingOrMedicalInput) {
  auto trained = therapist("trained");
  trained.accepts_medical_input = false;
  auto team_player = therapist("team_player");
  team_player.training = core::training_bit(Training::sports_massage);
  auto neither = therapist("neither");
  neither.training = core::training_bit(Training::sports_massage);
  neither.accepts_medical_input = false;
  const std::vector directory{trained, team_player, neither};
  auto json = therapeutic_intake();
  json["medications"] = {"warfarin"};
  const auto result = rank(person(json), directory);
  auto ids = ids_of(result, directory);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"team_player", "trained"}));
  ASSERT_EQ(result.excluded.size(), 1U);
  EXPECT_EQ(directory[result.excluded[0].therapist].id, "neither");
  EXPECT_EQ(precaution_id(result.excluded[0]), "bleeding_risk_care");
}

TEST(MatchingExclusion, CancerHistoryNeedsOncologyTraining) {
  auto oncology = therapist("oncology", 8);
  oncology.training |= core::training_bit(Training::oncology);
  const std::vector directory{therapist("general"), oncology};
  auto json = therapeutic_intake();
  json["conditions"] = {"breast cancer"};
  const auto result = rank(person(json), directory);
  EXPECT_EQ(ids_of(result, directory), std::vector<std::string>{"oncology"});
  ASSERT_EQ(result.excluded.size(), 1U);
  EXPECT_EQ(precaution_id(result.excluded[0]), "oncology_training");
}

TEST(MatchingExclusion, StyleLengthAndOpeningsAreHardRequirements) {
  auto relaxation_only = therapist("relaxation_only", 1);
  relaxation_only.styles = core::style_bit(core::Style::relaxation);
  auto short_sessions = therapist("short_sessions", 2);
  short_sessions.prices = {{{30, 6000}}};
  short_sessions.price_count = 1;
  auto fully_booked = therapist("fully_booked", 3);
  fully_booked.openings_per_week = 0;
  const std::vector directory{relaxation_only, short_sessions, fully_booked, therapist("ok", 4)};
  const auto result = rank(person(therapeutic_intake()), directory);
  EXPECT_EQ(ids_of(result, directory), std::vector<std::string>{"ok"});
  ASSERT_EQ(result.excluded.size(), 3U);  // nearest first
  EXPECT_EQ(result.excluded[0].reason, ExclusionReason::style_not_offered);
  EXPECT_EQ(result.excluded[1].reason, ExclusionReason::session_length_not_offered);
  EXPECT_EQ(result.excluded[2].reason, ExclusionReason::no_openings);
  EXPECT_EQ(result.session_minutes, 60);

  // The relaxation plan's sessions are 45 minutes: the 60-minute price
  // covers them, and relaxation is what relaxation_only offers.
  const auto relaxed = rank(person(relaxation_intake()), directory);
  EXPECT_EQ(relaxed.session_minutes, 45);
  EXPECT_EQ(relaxed.excluded_counts[count(ExclusionReason::style_not_offered)], 0U);
  EXPECT_EQ(relaxed.excluded_counts[count(ExclusionReason::session_length_not_offered)], 1U);
  EXPECT_EQ(relaxed.matches.size(), 2U);
}

// --- ranking -------------------------------------------------------------------

TEST(MatchingRanking, TiesGoToTheNearerThenToTheSmallerId) {
  const std::vector directory{therapist("c", 2), therapist("b", 2), therapist("a", 2.5),
                              therapist("d", 1)};
  const auto result = rank(person(therapeutic_intake()), directory);
  // Within full_points_within_km every one scores the same.
  ASSERT_LE(2.5, knowledge().matching.full_points_within_km);
  ASSERT_EQ(result.matches.size(), 4U);
  EXPECT_EQ(result.matches[0].score, result.matches[3].score);
  EXPECT_EQ(ids_of(result, directory), (std::vector<std::string>{"d", "b", "c", "a"}));
}

TEST(MatchingRanking, DistancePointsFallLinearlyToTheRadius) {
  const std::vector directory{therapist("far", 14), therapist("close", 2.5)};
  core::MatchQuery query;
  query.radius_km = 25;
  const auto result = rank(person(therapeutic_intake()), directory, query);
  ASSERT_EQ(ids_of(result, directory), (std::vector<std::string>{"close", "far"}));
  const auto& close = factor(result.matches[0], MatchFactor::distance);
  const auto& far = factor(result.matches[1], MatchFactor::distance);
  EXPECT_EQ(close.outcome, FactorOutcome::met);
  EXPECT_DOUBLE_EQ(close.points, weight(MatchFactor::distance));
  const double full = knowledge().matching.full_points_within_km;
  EXPECT_EQ(far.outcome, FactorOutcome::partly_met);
  EXPECT_NEAR(far.points, weight(MatchFactor::distance) * (25 - 14) / (25 - full), 1e-9);
  EXPECT_NEAR(far.values[0], 14, 1e-6);
  EXPECT_EQ(far.values[1], 25);
}

TEST(MatchingRanking, PriceAgainstBudgetForThePlansSessionLength) {
  auto dear = therapist("dear", 1);
  dear.prices[1].cents = 12500;  // 60 minutes, 25% over a 100.00 budget
  const std::vector directory{dear, therapist("fair", 2)};
  const auto result = rank(person(therapeutic_intake()), directory);
  ASSERT_EQ(ids_of(result, directory), (std::vector<std::string>{"fair", "dear"}));
  EXPECT_EQ(result.budget, 10000U);
  const auto& fair = factor(result.matches[0], MatchFactor::price);
  EXPECT_EQ(fair.outcome, FactorOutcome::met);
  EXPECT_EQ(fair.values[0], 9000);
  const auto& over = factor(result.matches[1], MatchFactor::price);
  EXPECT_EQ(over.outcome, FactorOutcome::partly_met);
  const double zero_at = knowledge().matching.zero_points_over_budget_percent;
  EXPECT_NEAR(over.points, weight(MatchFactor::price) * (1 - 25 / zero_at), 1e-9);
  EXPECT_EQ(result.matches[1].price_cents, 12500U);
  EXPECT_EQ(result.matches[1].session_minutes, 60);

  // The query's budget replaces the intake's; a generous one makes price
  // no longer tell them apart, and the nearer comes first.
  core::MatchQuery query;
  query.budget_cents = 20000;
  EXPECT_EQ(ids_of(rank(person(therapeutic_intake()), directory, query), directory),
            (std::vector<std::string>{"dear", "fair"}));
}

TEST(MatchingRanking, WithoutABudgetPriceIsNotNeeded) {
  auto json = therapeutic_intake();
  json.erase("budget_per_session");
  const std::vector directory{therapist("one")};
  const auto result = rank(person(json), directory);
  EXPECT_FALSE(result.budget);
  ASSERT_EQ(result.matches.size(), 1U);
  EXPECT_EQ(factor(result.matches[0], MatchFactor::price).outcome, FactorOutcome::not_needed);
  EXPECT_EQ(factor(result.matches[0], MatchFactor::price).points, weight(MatchFactor::price));
}

TEST(MatchingRanking, ReviewsAreShrunkSoOneFiveStarReviewDoesNotWin) {
  auto lucky = therapist("lucky", 1);
  lucky.review_count = 1;
  lucky.rating = 5.0;
  auto proven = therapist("proven", 2);
  proven.review_count = 200;
  proven.rating = 4.8;
  const std::vector directory{lucky, proven};
  const auto result = rank(person(therapeutic_intake()), directory);
  EXPECT_EQ(ids_of(result, directory), (std::vector<std::string>{"proven", "lucky"}));
  const auto& policy = knowledge().matching;
  const double expected_lucky = (policy.review_prior_count * policy.review_prior_mean + 5.0) /
                                (policy.review_prior_count + 1);
  EXPECT_NEAR(core::shrunk_rating(policy, 5.0, 1), expected_lucky, 1e-12);
  EXPECT_NEAR(factor(result.matches[1], MatchFactor::reviews).values[0], expected_lucky, 1e-12);
  EXPECT_EQ(factor(result.matches[0], MatchFactor::reviews).values[1], 200);
  // No reviews at all, or a rating that is not 0..5: the prior alone.
  EXPECT_EQ(core::shrunk_rating(policy, 0, 0), policy.review_prior_mean);
  EXPECT_EQ(core::shrunk_rating(policy, 9, 50), policy.review_prior_mean);
}

TEST(MatchingRanking, MixedNeedsBothStylesAndHalfIsPartlyMet) {
  auto json = therapeutic_intake();
  json["stress"] = 8;
  json["sleep_quality"] = 3;
  json["generalized_tension"] = true;
  json["wants_mental_rest"] = true;
  const Person who = person(json);
  ASSERT_EQ(who.assessment.recommendation.style, core::Style::mixed);
  auto deep_only = therapist("deep_only", 1);
  deep_only.styles = core::style_bit(core::Style::therapeutic);
  const std::vector directory{deep_only, therapist("both", 2)};
  const auto result = rank(who, directory);
  ASSERT_EQ(ids_of(result, directory), (std::vector<std::string>{"both", "deep_only"}));
  const auto& half = factor(result.matches[1], MatchFactor::style);
  EXPECT_EQ(half.outcome, FactorOutcome::partly_met);
  EXPECT_DOUBLE_EQ(half.points, weight(MatchFactor::style) / 2);
  EXPECT_EQ(half.values, (std::array<double, 2>{1, 2}));

  // Weekly therapeutic sessions and relaxation every two weeks: 1.5 a week,
  // so two openings; one earns half the points.
  auto busy = therapist("busy", 1);
  busy.openings_per_week = 1;
  const std::vector busy_directory{busy};
  const auto busy_result = rank(who, busy_directory);
  const auto& openings = factor(busy_result.matches.at(0), MatchFactor::availability);
  EXPECT_EQ(openings.outcome, FactorOutcome::partly_met);
  EXPECT_EQ(openings.values, (std::array<double, 2>{1, 2}));
  EXPECT_DOUBLE_EQ(openings.points, weight(MatchFactor::availability) / 2);
}

TEST(MatchingRanking, TopNIsTheHeadOfTheFullRanking) {
  std::vector<core::Therapist> directory;
  for (int t = 0; t < 40; ++t) {
    auto entry = therapist("t" + std::to_string(t), 1 + (t * 7 % 23));
    entry.review_count = static_cast<std::uint32_t>(t * 5);
    entry.rating = 3.5 + (t % 4) * 0.4;
    entry.board_certified = t % 3 == 0;
    entry.prices[1].cents = static_cast<std::uint32_t>(8000 + (t % 5) * 1000);
    directory.push_back(entry);
  }
  const Person who = person(therapeutic_intake());
  core::MatchQuery all;
  all.top = 100;
  const auto full = rank(who, directory, all);
  ASSERT_EQ(full.matches.size(), 40U);
  for (std::size_t m = 1; m < full.matches.size(); ++m) {
    EXPECT_GE(full.matches[m - 1].score, full.matches[m].score) << m;
  }
  core::MatchQuery five;
  five.top = 5;
  const auto head = rank(who, directory, five);
  EXPECT_EQ(head.candidates, 40U);
  const auto full_ids = ids_of(full, directory);
  EXPECT_EQ(ids_of(head, directory),
            std::vector<std::string>(full_ids.begin(), full_ids.begin() + 5));
}

// --- explanations --------------------------------------------------------------

TEST(MatchingExplanation, EveryFactorExplainsItsShareOfTheScore) {
  auto sports = therapist("sports");
  sports.training = core::training_bit(Training::sports_massage);
  sports.licence.clear();
  const std::vector directory{sports};
  const auto result = rank(person(therapeutic_intake()), directory);
  ASSERT_EQ(result.matches.size(), 1U);
  const core::Match& match = result.matches[0];
  double sum = 0;
  for (std::size_t f = 0; f < core::kMatchFactorCount; ++f) {
    const core::Contribution& contribution = match.contributions[f];
    EXPECT_EQ(contribution.factor, static_cast<MatchFactor>(f));
    EXPECT_EQ(contribution.max_points, knowledge().matching.factors[f].weight);
    EXPECT_GE(contribution.points, 0);
    EXPECT_LE(contribution.points, contribution.max_points);
    sum += contribution.points;
  }
  EXPECT_DOUBLE_EQ(match.score, sum);
  EXPECT_EQ(result.max_score, knowledge().matching.max_score);
  EXPECT_LT(match.score, result.max_score);
  // Sports massage suits therapeutic work, but none of the techniques the
  // answers ask for (knots, lasting local pain, stiffness).
  EXPECT_EQ(factor(match, MatchFactor::training).outcome, FactorOutcome::met);
  EXPECT_EQ(factor(match, MatchFactor::training).values[0],
            core::training_bit(Training::sports_massage));
  const auto& techniques = factor(match, MatchFactor::techniques);
  EXPECT_EQ(techniques.outcome, FactorOutcome::not_met);
  EXPECT_EQ(techniques.values[0], 0);
  EXPECT_EQ(techniques.values[1], 3);  // localized_pain, knots_limit_motion, reduced_motion
  EXPECT_EQ(factor(match, MatchFactor::licence).outcome, FactorOutcome::not_met);
  EXPECT_EQ(factor(match, MatchFactor::licence).points, 0);
  EXPECT_EQ(factor(match, MatchFactor::board_certification).points, 0);
  EXPECT_EQ(factor(match, MatchFactor::precautions).outcome, FactorOutcome::not_needed);
  // Weekly sessions at first: one opening a week is enough.
  EXPECT_EQ(factor(match, MatchFactor::availability).values, (std::array<double, 2>{3, 1}));
  EXPECT_EQ(factor(match, MatchFactor::availability).outcome, FactorOutcome::met);
  EXPECT_EQ(factor(match, MatchFactor::availability).points, weight(MatchFactor::availability));
}

TEST(MatchingExplanation, MedicalInputCountsWhenTheClinicIsInvolved) {
  auto independent = therapist("independent");
  independent.accepts_medical_input = false;
  const std::vector directory{independent};
  const Person who = person(therapeutic_intake());
  ASSERT_EQ(who.assessment.safety.status, core::SafetyStatus::clear);
  const auto alone = rank(who, directory);
  EXPECT_EQ(factor(alone.matches.at(0), MatchFactor::medical_input).outcome,
            FactorOutcome::not_needed);
  core::MatchQuery query;
  query.clinic = core::ClinicInvolvement::involved;
  const auto with_clinic = rank(who, directory, query);
  EXPECT_EQ(factor(with_clinic.matches.at(0), MatchFactor::medical_input).outcome,
            FactorOutcome::not_met);
  EXPECT_EQ(with_clinic.matches.at(0).score,
            alone.matches.at(0).score - weight(MatchFactor::medical_input));
}

TEST(MatchingExplanation, RelaxationAsksForACalmSetting) {
  auto clinical = therapist("clinical", 1);
  clinical.setting = core::Setting::clinical;
  const std::vector directory{clinical, therapist("calm", 2)};
  const auto result = rank(person(relaxation_intake()), directory);
  ASSERT_EQ(ids_of(result, directory), (std::vector<std::string>{"calm", "clinical"}));
  EXPECT_EQ(factor(result.matches[1], MatchFactor::setting).outcome, FactorOutcome::not_met);
  EXPECT_EQ(factor(result.matches[0], MatchFactor::training).outcome, FactorOutcome::not_needed);
}

TEST(MatchingExplanation, JudgingOneTherapistAgreesWithTheRanking) {
  const std::vector directory{therapist("x", 4), therapist("y", 9)};
  const Person who = person(therapeutic_intake());
  core::MatchQuery query;
  query.origin = kOrigin;
  const auto result = rank(who, directory, query);
  for (const core::Match& match : result.matches) {
    const auto verdict = core::judge_therapist(knowledge(), who.intake, who.assessment,
                                               directory[match.therapist], match.therapist, query);
    ASSERT_TRUE(verdict.match);
    EXPECT_EQ(verdict.match->score, match.score);
    EXPECT_EQ(verdict.match->distance_km, match.distance_km);
  }
}

TEST(MatchingGeometry, HaversineDistance) {
  // Paris to London, about 343.5 km; one degree of latitude, about 111.2 km.
  EXPECT_NEAR(core::distance_km({48.8566, 2.3522}, {51.5074, -0.1278}), 343.5, 0.5);
  EXPECT_NEAR(core::distance_km({0, 0}, {1, 0}), 111.195, 0.01);
  EXPECT_NEAR(core::distance_km({10, 179.9}, {10, -179.9}), 21.9, 0.1);  // across 180°
  EXPECT_EQ(core::distance_km(kOrigin, kOrigin), 0);
}

// --- the knowledge file --------------------------------------------------------

TEST(MatchingKnowledge, RealFileCompiles) {
  const core::MatchingPolicy& policy = knowledge().matching;
  EXPECT_DOUBLE_EQ(policy.max_score, 100);
  for (const auto& factor_policy : policy.factors) {
    EXPECT_FALSE(factor_policy.label.empty());
    EXPECT_FALSE(factor_policy.sources.empty()) << factor_policy.label;
  }
  const auto prenatal =
      std::find_if(policy.precautions.begin(), policy.precautions.end(),
                   [](const core::PrecautionCompetence& c) { return c.id == "prenatal_training"; });
  ASSERT_NE(prenatal, policy.precautions.end());
  EXPECT_EQ(prenatal->need, core::PrecautionNeed::required);
  EXPECT_EQ(prenatal->training, core::training_bit(Training::prenatal));
  EXPECT_FALSE(prenatal->medical_input_meets);
  EXPECT_EQ(policy.training_labels[static_cast<std::size_t>(Training::oncology)],
            "Oncology massage");
  EXPECT_EQ(policy.style_setting[static_cast<std::size_t>(core::Style::relaxation)],
            core::setting_bit(core::Setting::calm));
  EXPECT_EQ(policy.medical_input_from, core::SafetyStatus::adjust);
  EXPECT_FALSE(
      policy.exclusion_texts[static_cast<std::size_t>(ExclusionReason::no_openings)].empty());
}

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

struct Breakage {
  const char* name;
  const char* find;  // in matching.yaml, replaced once
  const char* replace;
  const char* message;  // part of the expected message
  const char* at;       // the problem's line holds this text (after the edit)
};

class MatchingBrokenKnowledge : public ::testing::TestWithParam<Breakage> {};

TEST_P(MatchingBrokenKnowledge, NamesFileLineAndProblem) {
  const Breakage& breakage = GetParam();
  auto texts = real_texts();
  std::string& text = texts.at("matching.yaml");
  const auto at = text.find(breakage.find);
  ASSERT_NE(at, std::string::npos) << breakage.find;
  text.replace(at, std::strlen(breakage.find), breakage.replace);
  const auto problem_at = text.find(breakage.at);
  ASSERT_NE(problem_at, std::string::npos) << breakage.at;
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<long>(problem_at), '\n');
  const std::string expected_where = "matching.yaml:" + std::to_string(line) + ":";

  auto result = knowledge::compile_texts(texts);
  auto* errors = std::get_if<knowledge::LoadErrors>(&result);
  ASSERT_NE(errors, nullptr) << "the broken matching.yaml loaded";
  const bool found =
      std::any_of(errors->errors.begin(), errors->errors.end(), [&](const Error& error) {
        return error.where.rfind(expected_where, 0) == 0 &&
               error.message.find(breakage.message) != std::string::npos;
      });
  EXPECT_TRUE(found) << "expected " << expected_where << " ... " << breakage.message << "\ngot:\n"
                     << errors->describe();
}

INSTANTIATE_TEST_SUITE_P(
    Matching, MatchingBrokenKnowledge,
    ::testing::Values(
        Breakage{"unknown_training",
                 "training: [sports_massage, medical_massage]\n    source: [article]",
                 "training: [sports_massage, medical_masage]\n    source: [article]",
                 "unknown training 'medical_masage'", "medical_masage"},
        Breakage{"unknown_setting", "  relaxation: [calm]", "  relaxation: [serene]",
                 "unknown setting 'serene'", "serene"},
        Breakage{"unknown_rule", "rules: [pregnancy, pre_eclampsia]",
                 "rules: [pregnancy, pre_eclampsy]", "unknown rule id 'pre_eclampsy'",
                 "pre_eclampsy"},
        Breakage{"unknown_item", "  - item: postural_pattern", "  - item: posture_pattern",
                 "unknown item id 'posture_pattern'", "posture_pattern"},
        Breakage{"weight_out_of_range", "    weight: 12\n    label: \"Training for your style\"",
                 "    weight: -3\n    label: \"Training for your style\"",
                 "must be 0..1000, got -3", "weight: -3"},
        Breakage{"bad_need", "    need: preferred", "    need: nice_to_have",
                 "must be one of required, preferred", "need: nice_to_have"},
        Breakage{"precaution_never_met", "    training: [prenatal]\n", "    training: []\n",
                 "precaution 'prenatal_training' can never be met", "- id: prenatal_training"},
        Breakage{"full_points_beyond_radius", "full_points_within_km: 3",
                 "full_points_within_km: 30", "must be smaller than default_radius_km",
                 "full_points_within_km: 30"},
        Breakage{"default_radius_beyond_maximum", "default_radius_km: 25", "default_radius_km: 500",
                 "must not be larger than max_radius_km", "default_radius_km: 500"},
        Breakage{"technique_listed_twice", "  - item: postural_pattern", "  - item: localized_pain",
                 "item 'localized_pain' is listed twice",
                 "- item: localized_pain\n    training: "
                 "[myofascial_release]"},
        Breakage{"unknown_factor", "  board_certification:\n", "  board_certificate:\n",
                 "unknown key 'board_certificate'", "board_certificate:"}),
    [](const ::testing::TestParamInfo<Breakage>& param) { return std::string(param.param.name); });

TEST(MatchingKnowledge, MissingFileIsNamed) {
  auto texts = real_texts();
  texts.erase("matching.yaml");
  auto result = knowledge::compile_texts(texts);
  ASSERT_TRUE(std::holds_alternative<knowledge::LoadErrors>(result));
  EXPECT_EQ(std::get<knowledge::LoadErrors>(result).errors.front().describe(),
            "matching.yaml: missing file");
}

TEST(MatchingKnowledge, WeightsAddingUpToNothingAreRefused) {
  auto texts = real_texts();
  std::string& text = texts.at("matching.yaml");
  std::string::size_type at = 0;
  while ((at = text.find("    weight: ", at)) != std::string::npos) {
    const auto end = text.find('\n', at);
    text.replace(at, end - at, "    weight: 0");
    at += 1;
  }
  auto result = knowledge::compile_texts(texts);
  ASSERT_TRUE(std::holds_alternative<knowledge::LoadErrors>(result));
  const auto& error = std::get<knowledge::LoadErrors>(result).errors.front();
  EXPECT_NE(error.message.find("weights add up to 0"), std::string::npos) << error.describe();
  const auto factors_line =
      1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find("factors:")), '\n');
  EXPECT_EQ(error.where.rfind("matching.yaml:" + std::to_string(factors_line + 1) + ":", 0), 0U)
      << error.describe();
}

}  // namespace
}  // namespace mn::testing
