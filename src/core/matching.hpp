#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/assessment.hpp"
#include "core/intake.hpp"
#include "core/knowledge_base.hpp"
#include "core/therapist.hpp"

namespace mn::core {

// Ranks the therapists of a directory for one person's assessment
// (docs/matching.md). Hard requirements exclude a therapist, with the
// reason; everyone else gets a score that is the sum of per-factor points,
// each weighted by knowledge/matching.yaml. Pure: no I/O, no clock, no
// globals.

enum class ClinicInvolvement : std::uint8_t { none, involved };

struct MatchQuery {
  GeoPoint origin;  // where the person is
  // The search radius in km, a hard limit; 0 = the knowledge base's default.
  // Larger than the knowledge base's maximum is cut to it.
  double radius_km = 0;
  // In cents of the plan's currency; absent = the intake's budget_per_session,
  // and when that is absent too the price gives full points to everyone.
  std::optional<std::uint32_t> budget_cents;
  std::uint16_t session_minutes = 0;  // 0 = the plan's first phase
  std::size_t top = 10;               // matches to return
  std::size_t top_excluded = 10;      // exclusions within the radius to return
  ClinicInvolvement clinic = ClinicInvolvement::none;
};

// How a factor came out. `values` depend on the factor:
//   style                 offered, needed (count of styles)
//   training              trainings that fit (TrainingMask), trainings asked for
//   techniques            techniques covered, asked for
//   precautions           preferred competences met, asked for
//   medical_input         -
//   setting               the therapist's Setting, settings asked for (SettingMask)
//   distance              km, the radius in km
//   price                 the session's price, the budget (both in cents; budget 0 = none)
//   availability          openings a week, openings a week the plan needs
//   reviews               the shrunk rating, the number of reviews
//   licence, board_certification   -
enum class FactorOutcome : std::uint8_t { met, partly_met, not_met, not_needed };

struct Contribution {
  MatchFactor factor = MatchFactor::style;
  FactorOutcome outcome = FactorOutcome::met;
  double points = 0;
  double max_points = 0;  // the factor's weight
  std::array<double, 2> values{};
};

struct Match {
  std::uint32_t therapist = 0;  // index into the directory
  double score = 0;             // the sum of the contributions' points
  double distance_km = 0;
  std::uint16_t session_minutes = 0;  // the length priced
  std::uint32_t price_cents = 0;
  std::array<Contribution, kMatchFactorCount> contributions;  // by MatchFactor
};

struct Exclusion {
  std::uint32_t therapist = 0;  // index into the directory
  ExclusionReason reason = ExclusionReason::out_of_radius;
  Index precaution = 0;  // reason `precaution`: into MatchingPolicy::precautions
  double distance_km = 0;
};

struct MatchResult {
  std::vector<Match> matches;  // best first: score, then distance, then id
  // Therapists excluded for a reason other than distance, nearest first
  // (then by id), at most MatchQuery::top_excluded.
  std::vector<Exclusion> excluded;
  std::array<std::uint32_t, kExclusionReasonCount> excluded_counts{};  // by reason
  std::uint32_t candidates = 0;  // therapists that met every hard requirement
  double max_score = 0;
  double radius_km = 0;                 // the radius used
  std::uint16_t session_minutes = 0;    // the session length priced
  std::optional<std::uint32_t> budget;  // in cents, the budget used
};

// Buffers one thread reuses between queries, so that a query allocates only
// its result once the buffers have grown to the directory's size.
struct MatchScratch {
  struct Scored {
    double score = 0;
    double distance_km = 0;
    std::uint32_t therapist = 0;
  };
  std::vector<Scored> candidates;
  std::vector<Exclusion> excluded;
};

// The ranking. `assessment` must come from assess(knowledge, intake, ...);
// the result refers to `directory` by index. Thread-safe as long as each
// thread has its own scratch. Therapists with coordinates that are not
// numbers count as out of the radius.
MatchResult match_therapists(const KnowledgeBase& knowledge, const Intake& intake,
                             const Assessment& assessment, std::span<const Therapist> directory,
                             const MatchQuery& query, MatchScratch& scratch);

// The same, with buffers of its own.
MatchResult match_therapists(const KnowledgeBase& knowledge, const Intake& intake,
                             const Assessment& assessment, std::span<const Therapist> directory,
                             const MatchQuery& query);

// One therapist on their own, as the ranking sees them: why they are
// excluded, or their match (an API's "why not this one?").
struct TherapistVerdict {
  std::optional<Exclusion> exclusion;
  std::optional<Match> match;
};
TherapistVerdict judge_therapist(const KnowledgeBase& knowledge, const Intake& intake,
                                 const Assessment& assessment, const Therapist& therapist,
                                 std::uint32_t index, const MatchQuery& query);

// The great-circle distance in km (haversine, mean Earth radius).
double distance_km(GeoPoint from, GeoPoint to);

// The rating shrunk towards the knowledge base's prior (a Bayesian average).
double shrunk_rating(const MatchingPolicy& policy, double rating, std::uint32_t review_count);

std::string_view factor_outcome_name(FactorOutcome outcome);

}  // namespace mn::core
