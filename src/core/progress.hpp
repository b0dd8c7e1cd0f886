#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/journal.hpp"
#include "core/knowledge_base.hpp"

namespace mn::core {

enum class Direction : std::uint8_t { unchanged, better, worse };

// One threshold compared with a change.
struct ThresholdCheck {
  Index threshold = 0;  // into ProgressPolicy::thresholds
  bool met = false;
};

// "The change is beyond measurement noise" or "the change is clinically
// meaningful", judged against the measure's thresholds in the knowledge base.
struct Statement {
  bool holds = false;  // as the deciding threshold (checks.front()) says
  // Every threshold that applies to the measure, the deciding one first.
  // Empty when there is nothing to compare yet.
  std::vector<ThresholdCheck> checks;
};

struct MeasureProgress {
  MeasureKind kind = MeasureKind::pain;
  Region region = Region::head;  // pain only
  std::uint32_t values = 0;      // entries that recorded this measure
  // False while every value still belongs to the baseline: then latest is
  // the last value, and direction and the statements say nothing.
  bool compared = false;
  double baseline = 0;                   // mean of the baseline values
  double latest = 0;                     // mean of the latest values
  double change = 0;                     // latest - baseline
  std::optional<double> trend_per_week;  // least-squares slope over the trend window
  std::int64_t baseline_until = 0;       // time of the last baseline value
  std::int64_t latest_at = 0;            // time of the last value
  Direction direction = Direction::unchanged;
  Statement beyond_noise;
  Statement clinically_meaningful;
  // The most recent values in a row that are each, against the baseline,
  // better beyond noise and by a meaningful amount.
  std::uint32_t sustained_entries = 0;
  double sustained_days = 0;
};

// Red flags in the entries of the last `flag_days` (ProgressPolicy), and
// pain that became worse by a meaningful amount.
struct ProgressFlags {
  std::optional<std::int64_t> sharp_pain_at;  // the latest entry reporting sharp pain
  std::optional<double> soreness_hours;       // the longest soreness past the limit
  std::optional<std::int64_t> new_symptoms_at;
  std::string new_symptoms;  // as written in the latest entry reporting any
  bool pain_worse = false;

  // Sharp pain, soreness past the limit or new symptoms.
  bool red_flag() const {
    return sharp_pain_at.has_value() || soreness_hours.has_value() || new_symptoms_at.has_value();
  }
};

struct Progress {
  std::int64_t now = 0;
  std::uint32_t entries = 0;  // journal entries up to `now`
  std::uint32_t sessions_completed = 0;
  std::optional<std::int64_t> last_session;
  // Pain by region (in Region order), then function, stress, sleep; only
  // measures with at least one value.
  std::vector<MeasureProgress> measures;
  ProgressFlags flags;
};

// Summarises a journal as of `now` (UTC seconds): baseline, latest, trend and
// change per measure, each change judged twice (beyond noise; clinically
// meaningful) against the knowledge base's thresholds, and the red flags.
// Entries and sessions may come in any order; those after `now` are left out.
// Pure and thread-safe; the result refers to `knowledge` by index.
Progress summarize_progress(const KnowledgeBase& knowledge, std::span<const JournalEntry> entries,
                            std::span<const CompletedSession> sessions, std::int64_t now);

// The measure of that kind (and region, for pain), or null.
const MeasureProgress* find_measure(const Progress& progress, MeasureKind kind,
                                    Region region = Region::head);

}  // namespace mn::core
