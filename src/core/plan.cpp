#include "core/plan.hpp"

#include <algorithm>

namespace mn::core {

namespace {

constexpr int kDaysPerMonth = 28;

struct Track {
  Index cadence = 0;
  std::vector<Phase> phases;
};

Index choose_cadence(const KnowledgeBase& knowledge, Style style,
                     const EvaluationContext& context) {
  const auto& cadences = knowledge.plan.cadences;
  for (std::size_t c = 0; c < cadences.size(); ++c) {
    if (cadences[c].style == style &&
        evaluate(knowledge.conditions, cadences[c].when, context) == Truth::yes) {
      return static_cast<Index>(c);
    }
  }
  // Unreachable for a loaded knowledge base: each style has a fallback.
  return 0;
}

// The price of a session of `minutes`: the first listed length that covers it.
double price_for(const PlanPolicy& policy, std::uint16_t minutes) {
  for (const Price& price : policy.prices) {
    if (price.minutes >= minutes) return price.price;
  }
  const Price& longest = policy.prices.back();
  return longest.price * minutes / longest.minutes;
}

void fit_budget(const PlanPolicy& policy, double budget, std::vector<Track>& tracks, Plan& plan) {
  bool noted = false;
  for (Track& track : tracks) {
    for (Phase& phase : track.phases) {
      const double price = price_for(policy, phase.minutes);
      if (price <= budget) continue;
      std::uint16_t affordable = 0;
      double affordable_price = 0;
      for (const Price& option : policy.prices) {
        if (option.minutes >= policy.minimum_minutes && option.minutes < phase.minutes &&
            option.price <= budget) {
          affordable = option.minutes;
          affordable_price = option.price;
        }
      }
      if (noted) {
        if (affordable != 0) phase.minutes = affordable;
        continue;
      }
      noted = true;
      if (affordable != 0) {
        plan.constraints.push_back({PlanConstraint::budget_binds, static_cast<double>(affordable),
                                    affordable_price, budget});
        phase.minutes = affordable;
      } else {
        plan.constraints.push_back({PlanConstraint::budget_below_minimum, 0,
                                    price_for(policy, policy.minimum_minutes), budget});
      }
    }
  }
}

int ceil_div(int numerator, int denominator) { return (numerator + denominator - 1) / denominator; }

void fit_monthly_limit(int limit, std::vector<Track>& tracks, Plan& plan) {
  int therapeutic_limit = limit;
  if (tracks.size() == 2) {
    // Mixed: regular relaxation uses its share first; when nothing is left
    // for the targeted work, the relaxation track gives way.
    const int relaxation_share = ceil_div(kDaysPerMonth, tracks[1].phases.front().every_days);
    if (limit - relaxation_share < 1) {
      tracks.pop_back();
      plan.constraints.push_back(
          {PlanConstraint::monthly_limit_drops_relaxation, static_cast<double>(limit), 0, 0});
    } else {
      therapeutic_limit = limit - relaxation_share;
    }
  }
  const auto minimum_interval =
      static_cast<std::uint16_t>(ceil_div(kDaysPerMonth, therapeutic_limit));
  bool noted = false;
  for (Phase& phase : tracks.front().phases) {
    if (phase.every_days >= minimum_interval) continue;
    phase.every_days = minimum_interval;
    if (!noted) {
      plan.constraints.push_back({PlanConstraint::monthly_limit_binds, static_cast<double>(limit),
                                  static_cast<double>(minimum_interval), 0});
      noted = true;
    }
  }
}

}  // namespace

Plan make_plan(const KnowledgeBase& knowledge, const Intake& intake, const SafetyResult& safety,
               const Recommendation& recommendation, Date today) {
  const PlanPolicy& policy = knowledge.plan;
  const EvaluationContext context{&intake, recommendation.matched_mask, recommendation.style};
  Plan plan;
  plan.on_hold = safety.status == SafetyStatus::consult_provider_first;

  std::vector<Track> tracks;
  auto add_track = [&](Style style) {
    const Index cadence = choose_cadence(knowledge, style, context);
    tracks.push_back({cadence, policy.cadences[cadence].phases});
  };
  switch (recommendation.style) {
    case Style::therapeutic:
      add_track(Style::therapeutic);
      break;
    case Style::relaxation:
      add_track(Style::relaxation);
      break;
    case Style::mixed:
      add_track(Style::therapeutic);
      add_track(Style::relaxation);
      break;
    default:
      add_track(Style::consultation);
      break;
  }

  if (safety.max_minutes != 0) {
    for (Track& track : tracks) {
      for (Phase& phase : track.phases) phase.minutes = std::min(phase.minutes, safety.max_minutes);
    }
  }
  if (intake.budget_per_session) fit_budget(policy, *intake.budget_per_session, tracks, plan);
  if (intake.sessions_per_month_max)
    fit_monthly_limit(*intake.sessions_per_month_max, tracks, plan);

  const Date start = today + std::chrono::days{policy.first_session_after_days};
  std::optional<Date> primary_review;
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    const Track& track = tracks[t];
    const Cadence& cadence = policy.cadences[track.cadence];
    // In the mixed approach relaxation sits between the targeted sessions.
    Date date = start;
    if (t == 1) date += std::chrono::days{ceil_div(tracks[0].phases.front().every_days, 2)};
    int count = 0;
    for (const Phase& phase : track.phases) {
      const auto phase_index = static_cast<std::uint8_t>(plan.phases.size());
      plan.phases.push_back({phase, track.cadence});
      for (std::uint16_t s = 0; s < phase.sessions; ++s) {
        ++count;
        if (t == 0 &&
            (count == cadence.review_after_sessions || cadence.review_after_sessions == 0)) {
          primary_review = date;
        }
        if (!plan.on_hold) plan.sessions.push_back({date, phase.style, phase.minutes, phase_index});
        date += std::chrono::days{phase.every_days};
      }
    }
  }
  std::stable_sort(
      plan.sessions.begin(), plan.sessions.end(),
      [](const PlannedSession& a, const PlannedSession& b) { return a.date < b.date; });
  if (!plan.on_hold) plan.review_on = primary_review;
  return plan;
}

}  // namespace mn::core
