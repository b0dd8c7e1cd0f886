#include "core/adaptation.hpp"

#include <algorithm>
#include <cmath>

#include "core/progress_wording.hpp"

namespace mn::core {

namespace {

// ---- Wording of the flags ------------------------------------------------

std::string date_text(std::int64_t time) {
  return format_date(
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{time}}));
}

void flag_lines(const KnowledgeBase& knowledge, const ProgressFlags& flags,
                std::vector<std::string>& lines) {
  const ProgressPolicy& policy = knowledge.progress;
  if (flags.sharp_pain_at) {
    std::string text = policy.sharp_pain.text;
    replace_all(text, "{date}", date_text(*flags.sharp_pain_at));
    lines.push_back(text + " (" + sources_text(knowledge, policy.sharp_pain.sources) + ")");
  }
  if (flags.soreness_hours) {
    std::string text = policy.soreness_past_limit.text;
    replace_all(text, "{hours}", number_text(*flags.soreness_hours));
    replace_all(text, "{limit}", number_text(policy.soreness_limit_hours));
    lines.push_back(text + " (" + sources_text(knowledge, policy.soreness_past_limit.sources) +
                    ")");
  }
  if (flags.new_symptoms_at) {
    std::string text = policy.new_symptoms.text;
    replace_all(text, "{date}", date_text(*flags.new_symptoms_at));
    replace_all(text, "{text}", flags.new_symptoms);
    lines.push_back(text + " (" + sources_text(knowledge, policy.new_symptoms.sources) + ")");
  }
}

// ---- Which rule fires --------------------------------------------------------

// What a course sets out to change: pain and the person's own activities;
// for a relaxation course also stress and sleep, which are its purpose.
bool is_target(const MeasureProgress& measure, bool relaxation_course) {
  if (measure.kind == MeasureKind::pain || measure.kind == MeasureKind::function) return true;
  return relaxation_course &&
         (measure.kind == MeasureKind::stress || measure.kind == MeasureKind::sleep);
}
bool is_wellbeing(const MeasureProgress& measure) {
  return measure.kind == MeasureKind::stress || measure.kind == MeasureKind::sleep;
}
bool meaningfully_worse(const MeasureProgress& measure) {
  return measure.compared && measure.direction == Direction::worse &&
         measure.clinically_meaningful.holds;
}
bool meaningfully_better(const MeasureProgress& measure) {
  return measure.compared && measure.direction == Direction::better &&
         measure.clinically_meaningful.holds;
}
// Better by a change that at least one of the two statements accepts.
bool improving(const MeasureProgress& measure) {
  return measure.compared && measure.direction == Direction::better &&
         (measure.beyond_noise.holds || measure.clinically_meaningful.holds);
}
bool sustained(const ProgressPolicy& policy, const MeasureProgress& measure) {
  return meaningfully_better(measure) && measure.beyond_noise.holds &&
         measure.sustained_entries >= policy.sustained_entries &&
         measure.sustained_days + 1e-9 >= policy.sustained_days;
}

// Indices into progress.measures of those passing `test`.
template <class Test>
std::vector<std::size_t> select(const Progress& progress, Test test) {
  std::vector<std::size_t> chosen;
  for (std::size_t m = 0; m < progress.measures.size(); ++m) {
    if (test(progress.measures[m])) chosen.push_back(m);
  }
  return chosen;
}

struct Firing {
  bool fired = false;
  std::vector<std::size_t> measures;  // the measures that drove it
};

Firing evaluate(const ProgressPolicy& policy, Trigger trigger, const Plan& current,
                const Progress& progress, Date today) {
  const bool relaxation_course =
      !current.phases.empty() && current.phases.front().phase.style == Style::relaxation;
  const auto is_course_target = [relaxation_course](const MeasureProgress& measure) {
    return is_target(measure, relaxation_course);
  };
  switch (trigger) {
    case Trigger::red_flag:
      return {progress.flags.red_flag(), {}};
    case Trigger::worse: {
      auto worse = select(
          progress, [&](const auto& m) { return is_course_target(m) && meaningfully_worse(m); });
      return {!worse.empty(), std::move(worse)};
    }
    case Trigger::wellbeing_worse_while_pain_improves: {
      auto worse =
          select(progress, [](const auto& m) { return is_wellbeing(m) && meaningfully_worse(m); });
      const auto better = select(
          progress, [](const auto& m) { return m.kind == MeasureKind::pain && improving(m); });
      if (worse.empty() || better.empty()) return {};
      worse.insert(worse.end(), better.begin(), better.end());
      return {true, std::move(worse)};
    }
    case Trigger::sustained_improvement: {
      auto lasting = select(
          progress, [&](const auto& m) { return is_course_target(m) && sustained(policy, m); });
      return {!lasting.empty(), std::move(lasting)};
    }
    case Trigger::past_review_without_meaningful_change: {
      const bool due = current.review_on.has_value() && today >= *current.review_on;
      const bool changed =
          std::any_of(progress.measures.begin(), progress.measures.end(),
                      [&](const auto& m) { return is_course_target(m) && meaningfully_better(m); });
      if (!due || changed) return {};
      return {true, select(progress, [&](const auto& m) { return is_course_target(m); })};
    }
    case Trigger::improving: {
      auto better =
          select(progress, [&](const auto& m) { return is_course_target(m) && improving(m); });
      return {!better.empty(), std::move(better)};
    }
    case Trigger::always:
    case Trigger::count:
      break;
  }
  return {true, select(progress, [&](const auto& m) { return is_course_target(m); })};
}

// ---- The next plan version ----------------------------------------------------

// The phases with the sessions not yet done (dated today or later; a plan on
// hold has done none).
std::vector<PlannedPhase> remaining_phases(const Plan& plan, Date today) {
  std::vector<PlannedPhase> phases;
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    PlannedPhase phase = plan.phases[p];
    if (!plan.on_hold) {
      const auto left = std::count_if(plan.sessions.begin(), plan.sessions.end(),
                                      [&](const PlannedSession& session) {
                                        return session.phase == p && session.date >= today;
                                      });
      phase.phase.sessions = static_cast<std::uint16_t>(left);
    }
    if (phase.phase.sessions > 0) phases.push_back(std::move(phase));
  }
  return phases;
}

// Dates every phase from today, a track (consecutive phases of one cadence)
// after another; later tracks sit between the first track's sessions.
void schedule(Plan& plan, Date today) {
  plan.sessions.clear();
  plan.review_on.reset();
  if (plan.on_hold || plan.phases.empty()) return;
  const auto first_interval = plan.phases.front().phase.every_days;
  Date date = today;
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    const Phase& phase = plan.phases[p].phase;
    const bool new_track = p == 0 || plan.phases[p].cadence != plan.phases[p - 1].cadence;
    if (new_track) {
      date = today + std::chrono::days{p == 0 ? phase.every_days
                                              : phase.every_days + (first_interval + 1) / 2};
    }
    for (std::uint16_t s = 0; s < phase.sessions; ++s) {
      plan.sessions.push_back({date, phase.style, phase.minutes, static_cast<std::uint8_t>(p)});
      if (plan.phases[p].cadence == plan.phases.front().cadence) plan.review_on = date;
      date += std::chrono::days{phase.every_days};
    }
  }
  std::stable_sort(
      plan.sessions.begin(), plan.sessions.end(),
      [](const PlannedSession& a, const PlannedSession& b) { return a.date < b.date; });
}

Plan tapered(const ProgressPolicy& policy, const Plan& current, Date today) {
  Plan plan = current;
  plan.phases = remaining_phases(current, today);
  const bool primary_left = !plan.phases.empty() && !current.phases.empty() &&
                            plan.phases.front().cadence == current.phases.front().cadence;
  if (!primary_left) {
    // The first track is done: keep its last phase going, spaced out.
    Index cadence = current.phases.empty() ? 0 : current.phases.front().cadence;
    auto last = std::find_if(current.phases.rbegin(), current.phases.rend(),
                             [&](const PlannedPhase& phase) { return phase.cadence == cadence; });
    if (last != current.phases.rend()) plan.phases.insert(plan.phases.begin(), *last);
  }
  const Index primary = plan.phases.empty() ? 0 : plan.phases.front().cadence;
  for (PlannedPhase& phase : plan.phases) {
    if (phase.cadence != primary) continue;
    const double longer = std::round(phase.phase.every_days * policy.taper_factor);
    const double capped = std::min(longer, static_cast<double>(policy.taper_max_every_days));
    phase.phase.every_days = std::max(phase.phase.every_days, static_cast<std::uint16_t>(capped));
  }
  schedule(plan, today);
  return plan;
}

Plan with_relaxation(const KnowledgeBase& knowledge, const Plan& current, Date today) {
  Plan plan = current;
  plan.phases = remaining_phases(current, today);
  const bool has_relaxation =
      std::any_of(plan.phases.begin(), plan.phases.end(),
                  [](const PlannedPhase& phase) { return phase.phase.style == Style::relaxation; });
  if (!has_relaxation) {
    const Index cadence = knowledge.progress.relaxation_cadence;
    for (const Phase& phase : knowledge.plan.cadences[cadence].phases) {
      plan.phases.push_back({phase, cadence});
    }
  }
  schedule(plan, today);
  return plan;
}

Plan next_plan(const KnowledgeBase& knowledge, Decision decision, const Plan& current, Date today) {
  Plan plan = current;
  switch (decision) {
    case Decision::taper:
      return tapered(knowledge.progress, current, today);
    case Decision::add_relaxation:
      return with_relaxation(knowledge, current, today);
    case Decision::stop:
      plan.phases = remaining_phases(current, today);
      plan.on_hold = true;
      schedule(plan, today);
      return plan;
    case Decision::review:
      plan.review_on = today;
      return plan;
    case Decision::continue_plan:
    case Decision::count:
      break;
  }
  return plan;
}

}  // namespace

Adaptation adapt_plan(const KnowledgeBase& knowledge, const Plan& current, const Progress& progress,
                      Date today) {
  const ProgressPolicy& policy = knowledge.progress;
  Adaptation adaptation;
  Firing firing;
  for (std::size_t r = 0; r < policy.rules.size(); ++r) {
    firing = evaluate(policy, policy.rules[r].when, current, progress, today);
    if (!firing.fired) continue;
    adaptation.rule = static_cast<Index>(r);
    break;
  }
  const AdaptationRule& rule = policy.rules[adaptation.rule];
  adaptation.decision = rule.decision;
  adaptation.explanation.push_back(rule.text);
  if (rule.when == Trigger::red_flag) flag_lines(knowledge, progress.flags, adaptation.explanation);
  if (rule.when == Trigger::past_review_without_meaningful_change) {
    adaptation.explanation.push_back("review point " + format_date(*current.review_on) +
                                     " reached on " + format_date(today));
  }
  for (std::size_t m : firing.measures) {
    const MeasureProgress& measure = progress.measures[m];
    std::string line = measure_line(knowledge, measure);
    if (rule.when == Trigger::sustained_improvement) {
      line += ", lasting " + std::to_string(measure.sustained_entries) + " entries over " +
              number_text(measure.sustained_days) +
              " days (needed: " + std::to_string(policy.sustained_entries) + " entries and " +
              std::to_string(policy.sustained_days) + " days, " +
              sources_text(knowledge, policy.adaptation_sources) + ")";
    }
    adaptation.explanation.push_back(std::move(line));
  }
  adaptation.plan = next_plan(knowledge, adaptation.decision, current, today);
  return adaptation;
}

}  // namespace mn::core
