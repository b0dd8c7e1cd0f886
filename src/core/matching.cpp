#include "core/matching.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace mn::core {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // the mean radius (IUGG)
constexpr double kRadiansPerDegree = std::numbers::pi / 180;
constexpr double kKmPerDegreeOfLatitude = kEarthRadiusKm * kRadiansPerDegree;
constexpr double kDaysPerWeek = 7;
constexpr double kBestRating = 5;
constexpr double kCentsPerUnit = 100;

// What one query asks of every therapist, worked out once before the loop.
struct Needs {
  const MatchingPolicy* policy = nullptr;
  // Where, and how far: a therapist is within the radius when the haversine
  // of the central angle is at most `max_haversine`. Latitudes further than
  // `max_latitude_delta` degrees away are out without any trigonometry.
  double origin_latitude = 0;  // radians
  double origin_longitude = 0;
  double origin_cos_latitude = 1;
  double origin_latitude_degrees = 0;
  double radius_km = 0;
  double max_haversine = 0;
  double max_latitude_delta = 0;
  StyleMask styles = 0;  // every one is needed; 0 = any will do
  TrainingMask style_training = 0;
  SettingMask settings = 0;
  std::vector<TrainingMask> techniques;  // one per technique asked for
  std::vector<Index> required;           // into policy->precautions
  std::vector<Index> preferred;
  bool medical_input_counts = false;
  std::uint16_t session_minutes = 0;
  std::optional<std::uint32_t> budget_cents;
  double openings_needed = 0;  // a week; 0 = the plan asks for none
};

StyleMask styles_of(Style style) {
  switch (style) {
    case Style::therapeutic:
      return style_bit(Style::therapeutic);
    case Style::relaxation:
      return style_bit(Style::relaxation);
    case Style::mixed:
      return static_cast<StyleMask>(style_bit(Style::therapeutic) | style_bit(Style::relaxation));
    default:
      return 0;
  }
}

bool rule_fired(const SafetyResult& safety, Index rule) {
  return std::any_of(safety.fired.begin(), safety.fired.end(),
                     [rule](const FiredRule& fired) { return fired.rule == rule; });
}

void add_precautions(const MatchingPolicy& policy, const SafetyResult& safety, Needs& needs) {
  for (std::size_t c = 0; c < policy.precautions.size(); ++c) {
    const PrecautionCompetence& competence = policy.precautions[c];
    const bool called_for = std::any_of(competence.rules.begin(), competence.rules.end(),
                                        [&safety](Index rule) { return rule_fired(safety, rule); });
    if (!called_for) continue;
    auto& list = competence.need == PrecautionNeed::required ? needs.required : needs.preferred;
    list.push_back(static_cast<Index>(c));
  }
}

// Sessions a week the plan asks for at its busiest: each track (cadence) at
// its shortest interval, added up, then rounded up to whole sessions.
double openings_needed(const Plan& plan) {
  double per_week = 0;
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    const Index cadence = plan.phases[p].cadence;
    bool seen = false;
    std::uint16_t shortest = plan.phases[p].phase.every_days;
    for (std::size_t q = 0; q < plan.phases.size(); ++q) {
      if (plan.phases[q].cadence != cadence) continue;
      if (q < p) seen = true;
      shortest = std::min(shortest, plan.phases[q].phase.every_days);
    }
    if (!seen && shortest > 0) per_week += kDaysPerWeek / shortest;
  }
  // A small tolerance, so that 7 / 7 * 2 tracks stays 2.
  return std::ceil(per_week - 1e-9);
}

std::optional<std::uint32_t> budget_of(const Intake& intake, const MatchQuery& query) {
  if (query.budget_cents) return query.budget_cents;
  if (!intake.budget_per_session || !(*intake.budget_per_session >= 0)) return std::nullopt;
  const double cents = std::round(*intake.budget_per_session * kCentsPerUnit);
  constexpr auto kMost = static_cast<double>(UINT32_MAX);
  return static_cast<std::uint32_t>(std::min(cents, kMost));
}

void set_origin(const MatchingPolicy& policy, const MatchQuery& query, Needs& needs) {
  needs.radius_km = query.radius_km > 0 ? std::min(query.radius_km, policy.max_radius_km)
                                        : policy.default_radius_km;
  needs.origin_latitude_degrees = query.origin.latitude;
  needs.origin_latitude = query.origin.latitude * kRadiansPerDegree;
  needs.origin_longitude = query.origin.longitude * kRadiansPerDegree;
  needs.origin_cos_latitude = std::cos(needs.origin_latitude);
  const double half_angle = needs.radius_km / kEarthRadiusKm / 2;
  needs.max_haversine = std::sin(half_angle) * std::sin(half_angle);
  needs.max_latitude_delta = needs.radius_km / kKmPerDegreeOfLatitude;
}

Needs needs_of(const KnowledgeBase& knowledge, const Intake& intake, const Assessment& assessment,
               const MatchQuery& query) {
  const MatchingPolicy& policy = knowledge.matching;
  Needs needs;
  needs.policy = &policy;
  set_origin(policy, query, needs);
  const Style style = assessment.recommendation.style;
  const auto style_index = static_cast<std::size_t>(style);
  needs.styles = styles_of(style);
  needs.style_training = policy.style_training[style_index];
  needs.settings = policy.style_setting[style_index];
  for (const TechniqueFit& fit : policy.techniques) {
    if (assessment.recommendation.matched_mask & (std::uint64_t{1} << fit.item)) {
      needs.techniques.push_back(fit.training);
    }
  }
  add_precautions(policy, assessment.safety, needs);
  needs.medical_input_counts =
      query.clinic == ClinicInvolvement::involved ||
      static_cast<int>(assessment.safety.status) >= static_cast<int>(policy.medical_input_from);
  const Plan& plan = assessment.plan;
  needs.session_minutes = query.session_minutes != 0 ? query.session_minutes
                          : plan.phases.empty()      ? knowledge.plan.minimum_minutes
                                                     : plan.phases.front().phase.minutes;
  needs.budget_cents = budget_of(intake, query);
  needs.openings_needed = openings_needed(plan);
  return needs;
}

// The haversine of the central angle between the origin and `point`; NaN
// for coordinates that are not numbers.
double haversine(const Needs& needs, GeoPoint point) {
  const double latitude = point.latitude * kRadiansPerDegree;
  const double half_latitude = std::sin((latitude - needs.origin_latitude) / 2);
  const double half_longitude =
      std::sin((point.longitude * kRadiansPerDegree - needs.origin_longitude) / 2);
  return half_latitude * half_latitude +
         needs.origin_cos_latitude * std::cos(latitude) * half_longitude * half_longitude;
}

double km_of_haversine(double value) {
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::clamp(value, 0.0, 1.0)));
}

bool competence_met(const PrecautionCompetence& competence, const Therapist& therapist) {
  return (therapist.training & competence.training) != 0 ||
         (competence.medical_input_meets && therapist.accepts_medical_input);
}

// The outcome of the hard requirements, checked in ExclusionReason order.
struct Hard {
  ExclusionReason reason = ExclusionReason::count;  // count = every one met
  Index precaution = 0;
  double distance_km = 0;
  SessionPrice price;

  bool met() const { return reason == ExclusionReason::count; }
};

// The price of the first session length that covers the minutes needed.
const SessionPrice* price_for(const Therapist& therapist, std::uint16_t minutes) {
  const std::size_t count = std::min<std::size_t>(therapist.price_count, kMaxSessionPrices);
  for (std::size_t p = 0; p < count; ++p) {
    if (therapist.prices[p].minutes >= minutes) return &therapist.prices[p];
  }
  return nullptr;
}

Hard check(const Needs& needs, const Therapist& therapist) {
  Hard hard;
  // Negated comparisons, so that coordinates that are not numbers fail.
  // Most of a large directory is far off in latitude alone: no trigonometry.
  if (!(std::abs(therapist.location.latitude - needs.origin_latitude_degrees) <=
        needs.max_latitude_delta)) {
    hard.reason = ExclusionReason::out_of_radius;
    return hard;
  }
  const double haversine_value = haversine(needs, therapist.location);
  if (!(haversine_value <= needs.max_haversine)) {
    hard.reason = ExclusionReason::out_of_radius;
    return hard;
  }
  hard.distance_km = km_of_haversine(haversine_value);
  if (needs.styles != 0 && (therapist.styles & needs.styles) == 0) {
    hard.reason = ExclusionReason::style_not_offered;
    return hard;
  }
  for (const Index c : needs.required) {
    if (!competence_met(needs.policy->precautions[c], therapist)) {
      hard.reason = ExclusionReason::precaution;
      hard.precaution = c;
      return hard;
    }
  }
  const SessionPrice* price = price_for(therapist, needs.session_minutes);
  if (price == nullptr) {
    hard.reason = ExclusionReason::session_length_not_offered;
    return hard;
  }
  hard.price = *price;
  if (therapist.openings_per_week == 0) hard.reason = ExclusionReason::no_openings;
  return hard;
}

// One factor's result before weighting: the share of its weight it earns.
struct Part {
  FactorOutcome outcome = FactorOutcome::met;
  double share = 1;
  double first = 0;
  double second = 0;
};

FactorOutcome outcome_of(double share) {
  if (share >= 1) return FactorOutcome::met;
  if (share <= 0) return FactorOutcome::not_met;
  return FactorOutcome::partly_met;
}

Part share_part(double met, double asked) {
  if (asked <= 0) return {FactorOutcome::not_needed, 1, met, asked};
  const double share = met / asked;
  return {outcome_of(share), share, met, asked};
}

Part yes_no_part(bool yes) { return yes ? Part{} : Part{FactorOutcome::not_met, 0, 0, 0}; }

Part style_part(const Needs& needs, const Therapist& therapist) {
  const int offered = std::popcount(static_cast<unsigned>(therapist.styles & needs.styles));
  return share_part(offered, std::popcount(static_cast<unsigned>(needs.styles)));
}

Part training_part(const Needs& needs, const Therapist& therapist) {
  const auto fits = static_cast<TrainingMask>(therapist.training & needs.style_training);
  if (needs.style_training == 0) return {FactorOutcome::not_needed, 1, 0, 0};
  Part part = yes_no_part(fits != 0);
  part.first = fits;
  part.second = needs.style_training;
  return part;
}

Part techniques_part(const Needs& needs, const Therapist& therapist) {
  int covered = 0;
  for (const TrainingMask training : needs.techniques) {
    if ((therapist.training & training) != 0) ++covered;
  }
  return share_part(covered, static_cast<double>(needs.techniques.size()));
}

Part precautions_part(const Needs& needs, const Therapist& therapist) {
  int met = 0;
  for (const Index c : needs.preferred) {
    if (competence_met(needs.policy->precautions[c], therapist)) ++met;
  }
  return share_part(met, static_cast<double>(needs.preferred.size()));
}

Part medical_input_part(const Needs& needs, const Therapist& therapist) {
  if (!needs.medical_input_counts) return {FactorOutcome::not_needed, 1, 0, 0};
  return yes_no_part(therapist.accepts_medical_input);
}

Part setting_part(const Needs& needs, const Therapist& therapist) {
  const double setting = static_cast<int>(therapist.setting);
  if (needs.settings == 0) return {FactorOutcome::not_needed, 1, setting, 0};
  Part part = yes_no_part((needs.settings & setting_bit(therapist.setting)) != 0);
  part.first = setting;
  part.second = needs.settings;
  return part;
}

Part distance_part(const Needs& needs, const Hard& hard) {
  const double full = needs.policy->full_points_within_km;
  double share = 1;
  if (hard.distance_km > full && needs.radius_km > full) {
    share = std::clamp((needs.radius_km - hard.distance_km) / (needs.radius_km - full), 0.0, 1.0);
  }
  return {outcome_of(share), share, hard.distance_km, needs.radius_km};
}

Part price_part(const Needs& needs, const Hard& hard) {
  const auto price = static_cast<double>(hard.price.cents);
  if (!needs.budget_cents) return {FactorOutcome::not_needed, 1, price, 0};
  const auto budget = static_cast<double>(*needs.budget_cents);
  double share = 1;
  if (price > budget) {
    const double over_percent =
        budget > 0 ? (price - budget) / budget * 100 : std::numeric_limits<double>::infinity();
    share = std::clamp(1 - over_percent / needs.policy->zero_points_over_budget_percent, 0.0, 1.0);
  }
  return {outcome_of(share), share, price, budget};
}

Part availability_part(const Needs& needs, const Therapist& therapist) {
  const double openings = therapist.openings_per_week;
  if (needs.openings_needed <= 0) return {FactorOutcome::not_needed, 1, openings, 0};
  const double share = std::min(1.0, openings / needs.openings_needed);
  return {outcome_of(share), share, openings, needs.openings_needed};
}

Part reviews_part(const Needs& needs, const Therapist& therapist) {
  const MatchingPolicy& policy = *needs.policy;
  const double rating = shrunk_rating(policy, therapist.rating, therapist.review_count);
  const double share =
      std::clamp((rating - policy.review_floor) / (kBestRating - policy.review_floor), 0.0, 1.0);
  return {outcome_of(share), share, rating, static_cast<double>(therapist.review_count)};
}

// Scores one therapist that met the hard requirements, factor by factor in
// MatchFactor order. The ranking sums (TotalSink); the top matches are
// explained with the very same calls (ExplainSink), so the explanation
// cannot drift from the score.
template <class Sink>
void score(const Needs& needs, const Therapist& therapist, const Hard& hard, Sink& sink) {
  sink.add(MatchFactor::style, style_part(needs, therapist));
  sink.add(MatchFactor::training, training_part(needs, therapist));
  sink.add(MatchFactor::techniques, techniques_part(needs, therapist));
  sink.add(MatchFactor::precautions, precautions_part(needs, therapist));
  sink.add(MatchFactor::medical_input, medical_input_part(needs, therapist));
  sink.add(MatchFactor::setting, setting_part(needs, therapist));
  sink.add(MatchFactor::distance, distance_part(needs, hard));
  sink.add(MatchFactor::price, price_part(needs, hard));
  sink.add(MatchFactor::availability, availability_part(needs, therapist));
  sink.add(MatchFactor::reviews, reviews_part(needs, therapist));
  sink.add(MatchFactor::licence, yes_no_part(!therapist.licence.empty()));
  sink.add(MatchFactor::board_certification, yes_no_part(therapist.board_certified));
}

double weight_of(const MatchingPolicy& policy, MatchFactor factor) {
  return policy.factors[static_cast<std::size_t>(factor)].weight;
}

struct TotalSink {
  const MatchingPolicy& policy;
  double total = 0;

  void add(MatchFactor factor, const Part& part) {
    total += weight_of(policy, factor) * part.share;
  }
};

struct ExplainSink {
  const MatchingPolicy& policy;
  Match& match;

  void add(MatchFactor factor, const Part& part) {
    Contribution& contribution = match.contributions[static_cast<std::size_t>(factor)];
    contribution.factor = factor;
    contribution.outcome = part.outcome;
    contribution.max_points = weight_of(policy, factor);
    contribution.points = contribution.max_points * part.share;
    contribution.values = {part.first, part.second};
    match.score += contribution.points;
  }
};

Match explain(const Needs& needs, const Therapist& therapist, const Hard& hard,
              std::uint32_t index) {
  Match match;
  match.therapist = index;
  match.distance_km = hard.distance_km;
  match.session_minutes = hard.price.minutes;
  match.price_cents = hard.price.cents;
  ExplainSink sink{*needs.policy, match};
  score(needs, therapist, hard, sink);
  return match;
}

// Ties: the nearer first, then by id, then by place in the directory.
bool nearer_or_first(double distance_a, std::uint32_t a, double distance_b, std::uint32_t b,
                     std::span<const Therapist> directory) {
  if (distance_a != distance_b) return distance_a < distance_b;
  const int order = directory[a].id.compare(directory[b].id);
  if (order != 0) return order < 0;
  return a < b;
}

// The first `top` of `items` in order, the rest dropped.
template <class Item, class Before>
void keep_first(std::vector<Item>& items, std::size_t top, Before before) {
  const std::size_t kept = std::min(top, items.size());
  const auto middle = items.begin() + static_cast<std::ptrdiff_t>(kept);
  std::nth_element(items.begin(), middle, items.end(), before);
  std::sort(items.begin(), middle, before);
  items.resize(kept);
}

}  // namespace

double distance_km(GeoPoint from, GeoPoint to) {
  Needs needs;
  needs.origin_latitude = from.latitude * kRadiansPerDegree;
  needs.origin_longitude = from.longitude * kRadiansPerDegree;
  needs.origin_cos_latitude = std::cos(needs.origin_latitude);
  return km_of_haversine(haversine(needs, to));
}

double shrunk_rating(const MatchingPolicy& policy, double rating, std::uint32_t review_count) {
  // A rating outside 0..5 (or not a number) is not trusted: the prior alone.
  const double reviews = rating >= 0 && rating <= kBestRating ? review_count : 0;
  const double weight = policy.review_prior_count + reviews;
  if (weight <= 0) return policy.review_prior_mean;
  return (policy.review_prior_count * policy.review_prior_mean + reviews * rating) / weight;
}

MatchResult match_therapists(const KnowledgeBase& knowledge, const Intake& intake,
                             const Assessment& assessment, std::span<const Therapist> directory,
                             const MatchQuery& query, MatchScratch& scratch) {
  const Needs needs = needs_of(knowledge, intake, assessment, query);
  MatchResult result;
  result.max_score = knowledge.matching.max_score;
  result.radius_km = needs.radius_km;
  result.session_minutes = needs.session_minutes;
  result.budget = needs.budget_cents;
  scratch.candidates.clear();
  scratch.excluded.clear();
  scratch.candidates.reserve(directory.size());
  scratch.excluded.reserve(directory.size());
  // The hot loop: no allocation (both buffers hold the whole directory).
  for (std::uint32_t t = 0; t < directory.size(); ++t) {
    const Hard hard = check(needs, directory[t]);
    if (!hard.met()) {
      ++result.excluded_counts[static_cast<std::size_t>(hard.reason)];
      if (hard.reason != ExclusionReason::out_of_radius) {
        scratch.excluded.push_back({t, hard.reason, hard.precaution, hard.distance_km});
      }
      continue;
    }
    TotalSink total{knowledge.matching};
    score(needs, directory[t], hard, total);
    scratch.candidates.push_back({total.total, hard.distance_km, t});
  }
  result.candidates = static_cast<std::uint32_t>(scratch.candidates.size());

  using Scored = MatchScratch::Scored;
  keep_first(scratch.candidates, query.top, [directory](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return nearer_or_first(a.distance_km, a.therapist, b.distance_km, b.therapist, directory);
  });
  result.matches.reserve(scratch.candidates.size());
  for (const Scored& candidate : scratch.candidates) {
    const Therapist& therapist = directory[candidate.therapist];
    result.matches.push_back(
        explain(needs, therapist, check(needs, therapist), candidate.therapist));
  }
  keep_first(
      scratch.excluded, query.top_excluded, [directory](const Exclusion& a, const Exclusion& b) {
        return nearer_or_first(a.distance_km, a.therapist, b.distance_km, b.therapist, directory);
      });
  result.excluded.assign(scratch.excluded.begin(), scratch.excluded.end());
  return result;
}

MatchResult match_therapists(const KnowledgeBase& knowledge, const Intake& intake,
                             const Assessment& assessment, std::span<const Therapist> directory,
                             const MatchQuery& query) {
  MatchScratch scratch;
  return match_therapists(knowledge, intake, assessment, directory, query, scratch);
}

TherapistVerdict judge_therapist(const KnowledgeBase& knowledge, const Intake& intake,
                                 const Assessment& assessment, const Therapist& therapist,
                                 std::uint32_t index, const MatchQuery& query) {
  const Needs needs = needs_of(knowledge, intake, assessment, query);
  const Hard hard = check(needs, therapist);
  TherapistVerdict verdict;
  if (hard.met()) {
    verdict.match = explain(needs, therapist, hard, index);
  } else {
    verdict.exclusion = Exclusion{index, hard.reason, hard.precaution,
                                  distance_km(query.origin, therapist.location)};
  }
  return verdict;
}

std::string_view match_factor_name(MatchFactor factor) {
  static constexpr std::array<std::string_view, kMatchFactorCount> kNames{
      "style",         "training", "techniques", "precautions",
      "medical_input", "setting",  "distance",   "price",
      "availability",  "reviews",  "licence",    "board_certification"};
  return kNames[static_cast<std::size_t>(factor)];
}

std::string_view exclusion_reason_name(ExclusionReason reason) {
  static constexpr std::array<std::string_view, kExclusionReasonCount> kNames{
      "out_of_radius", "style_not_offered", "precaution", "session_length_not_offered",
      "no_openings"};
  return kNames[static_cast<std::size_t>(reason)];
}

std::string_view factor_outcome_name(FactorOutcome outcome) {
  static constexpr std::array<std::string_view, 4> kNames{"met", "partly_met", "not_met",
                                                          "not_needed"};
  return kNames[static_cast<std::size_t>(outcome)];
}

}  // namespace mn::core
