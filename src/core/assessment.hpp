#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/condition.hpp"
#include "core/date.hpp"
#include "core/intake.hpp"
#include "core/knowledge_base.hpp"
#include "core/style.hpp"

namespace mn::core {

// A condition or medication the person listed, recognised as a term.
struct TermHit {
  Index term = 0;
  Field list = Field::conditions;  // conditions or medications
  std::uint16_t entry = 0;         // index in that list
  bool denied = false;             // "no blood thinners": triggers nothing
};

struct Unrecognised {
  Field list = Field::conditions;
  std::string text;  // as the person wrote it
};

// A rule that fired, with what fired it.
struct FiredRule {
  Index rule = 0;
  Trace trace;                  // intake answers that held (empty when fired by terms)
  std::vector<Index> by_terms;  // indices into SafetyResult::term_hits
};

struct SafetyResult {
  SafetyStatus status = SafetyStatus::clear;
  std::vector<FiredRule> fired;  // in knowledge-base order
  std::vector<TermHit> term_hits;
  std::vector<Unrecognised> unrecognised;
  std::vector<Field> unanswered;      // required safety answers that are missing
  std::uint8_t pressure_ceiling = 5;  // Walton 1..5
  ChoiceMask avoid_regions = 0;
  std::vector<Index> avoid_sites;  // rules whose avoid_site applies
  Position position = Position::any;
  std::uint16_t max_minutes = 0;  // 0 = no limit
};

struct MatchedItem {
  Index item = 0;
  Trace trace;
};

struct Recommendation {
  Style style = Style::consultation;
  Index decision = 0;
  std::vector<MatchedItem> matched;      // in knowledge-base order
  std::uint64_t matched_mask = 0;        // bit per checklist item
  std::array<std::uint8_t, 2> counts{};  // matched items per checklist
  std::uint8_t pressure_target = 3;      // Walton level to aim for, within the ceiling
  std::vector<Index> evidence;           // guidance.evidence items that apply
};

struct PlannedPhase {
  Phase phase;  // after budget and monthly limits
  Index cadence = 0;
};

struct PlannedSession {
  Date date;
  Style style = Style::therapeutic;
  std::uint16_t minutes = 60;
  std::uint8_t phase = 0;  // index into Plan::phases
};

enum class PlanConstraint : std::uint8_t {
  budget_binds,
  budget_below_minimum,
  monthly_limit_binds,
  monthly_limit_drops_relaxation,
};

// The numbers behind a constraint, by kind: budget_binds (minutes planned,
// their price, budget); budget_below_minimum (-, price of the shortest
// session, budget); monthly_limit_binds (limit, every_days);
// monthly_limit_drops_relaxation (limit).
struct ConstraintNote {
  PlanConstraint kind = PlanConstraint::budget_binds;
  double a = 0;
  double b = 0;
  double c = 0;
};

struct Plan {
  bool on_hold = false;  // waits for a provider's clearance: no dated sessions
  std::vector<PlannedPhase> phases;
  std::vector<PlannedSession> sessions;
  std::optional<Date> review_on;
  std::vector<ConstraintNote> constraints;
};

// Entries of "tell your therapist", rendered from guidance templates.
enum class TellKind : std::uint8_t {
  conditions,
  medications,
  areas,
  pressure,
  avoid,
  position,
  minutes
};

struct Assessment {
  Date today;
  SafetyResult safety;
  Recommendation recommendation;
  Plan plan;
  std::vector<Index> preparation;  // indices into guidance.preparation
  std::vector<Index> aftercare;
  std::vector<Index> when_to_call;
  std::vector<Index> pairings;
  std::vector<Index> bring_to_clinic;
  std::vector<TellKind> tell_your_therapist;
};

}  // namespace mn::core
