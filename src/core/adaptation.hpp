#pragma once

#include <string>
#include <vector>

#include "core/assessment.hpp"
#include "core/date.hpp"
#include "core/progress.hpp"

namespace mn::core {

struct Adaptation {
  Decision decision = Decision::continue_plan;
  Index rule = 0;  // into ProgressPolicy::rules: the first that fired
  // The rule's text, then one line per number that made it fire: a measure's
  // baseline, latest value and change with the thresholds and their sources,
  // or a red flag.
  std::vector<std::string> explanation;
  // The next plan version. taper: the remaining sessions of the first track
  // with longer intervals; add_relaxation: a relaxation phase added; stop: on
  // hold without dates; review: the review is due today; continue: unchanged.
  Plan plan;
};

// Applies the knowledge base's adaptation rules, in order, to a progress
// summary; the first rule whose situation holds decides. `current` is not
// changed (the caller keeps the versions). Sessions dated before `today`
// count as done. Pure and thread-safe.
Adaptation adapt_plan(const KnowledgeBase& knowledge, const Plan& current, const Progress& progress,
                      Date today);

}  // namespace mn::core
