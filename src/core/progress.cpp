#include "core/progress.hpp"

#include <algorithm>
#include <cmath>

namespace mn::core {

namespace {

constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr double kSecondsPerWeek = 7.0 * 86400.0;
// Thresholds such as 1.3 are compared with differences of means; the
// tolerance keeps 5 - 3.7 from missing 1.3 by a rounding error.
constexpr double kTolerance = 1e-9;

bool applies(const ChangeThreshold& threshold, MeasureKind kind, Region region) {
  return kind != MeasureKind::pain || threshold.regions == 0 ||
         (threshold.regions & bit(region)) != 0;
}

bool reaches(const ChangeThreshold& threshold, double baseline, double size) {
  if (size + kTolerance >= threshold.points) return true;
  return threshold.percent > 0 && baseline > kTolerance &&
         size / baseline * 100 + kTolerance >= threshold.percent;
}

// Whether the first applicable threshold of `list` is reached; no allocation.
bool decides(const ProgressPolicy& policy, const std::vector<Index>& list, MeasureKind kind,
             Region region, double baseline, double size) {
  for (Index index : list) {
    const ChangeThreshold& threshold = policy.thresholds[index];
    if (applies(threshold, kind, region)) return reaches(threshold, baseline, size);
  }
  return false;
}

Statement judge(const ProgressPolicy& policy, const std::vector<Index>& list, MeasureKind kind,
                Region region, double baseline, double size) {
  Statement statement;
  for (Index index : list) {
    const ChangeThreshold& threshold = policy.thresholds[index];
    if (!applies(threshold, kind, region)) continue;
    statement.checks.push_back({index, reaches(threshold, baseline, size)});
  }
  statement.holds = !statement.checks.empty() && statement.checks.front().met;
  return statement;
}

// Least-squares sums over (weeks before the last value, value).
struct LineFit {
  double n = 0;
  double x = 0;
  double y = 0;
  double xx = 0;
  double xy = 0;

  void add(double at, double value) {
    n += 1;
    x += at;
    y += value;
    xx += at * at;
    xy += at * value;
  }
  std::optional<double> slope() const {
    const double denominator = n * xx - x * x;
    if (n < 2 || denominator <= kTolerance) return std::nullopt;
    return (n * xy - x * y) / denominator;
  }
};

// Reads one measure from entries in time order.
template <class Extract>
class MeasureReader {
 public:
  MeasureReader(std::span<const JournalEntry> entries, std::span<const std::uint32_t> order,
                Extract extract)
      : entries_(entries), order_(order), extract_(extract) {}

  std::size_t size() const { return order_.size(); }
  std::optional<double> value(std::size_t position) const {
    return extract_(entries_[order_[position]]);
  }
  std::int64_t time(std::size_t position) const { return entries_[order_[position]].time; }

 private:
  std::span<const JournalEntry> entries_;
  std::span<const std::uint32_t> order_;
  Extract extract_;
};

// Walks back from the last value while each value is better than the
// baseline beyond noise and by a meaningful amount. Values recorded at the
// same moment count together, so the input order of such values never
// changes the streak.
template <class Extract>
void find_streak(const ProgressPolicy& policy, const MeasurePolicy& measure_policy,
                 const MeasureReader<Extract>& reader, std::size_t after_baseline,
                 MeasureProgress& result) {
  std::uint32_t streak = 0;
  std::uint32_t at_first = 0;  // streak values recorded at `first`
  std::int64_t first = result.latest_at;
  std::int64_t after_first = result.latest_at;  // the streak's next moment after `first`
  for (std::size_t position = reader.size(); position > after_baseline; --position) {
    const auto value = reader.value(position - 1);
    if (!value) continue;
    const std::int64_t time = reader.time(position - 1);
    const double gain =
        measure_policy.lower_is_better ? result.baseline - *value : *value - result.baseline;
    const bool holds =
        gain > kTolerance &&
        decides(policy, measure_policy.noise, result.kind, result.region, result.baseline, gain) &&
        decides(policy, measure_policy.meaningful, result.kind, result.region, result.baseline,
                gain);
    if (!holds) {
      if (streak > 0 && time == first) {
        streak -= at_first;
        first = after_first;
      }
      break;
    }
    if (streak == 0 || time != first) {
      after_first = streak == 0 ? time : first;
      first = time;
      at_first = 0;
    }
    ++streak;
    ++at_first;
  }
  result.sustained_entries = streak;
  result.sustained_days =
      streak == 0 ? 0 : static_cast<double>(result.latest_at - first) / kSecondsPerDay;
}

template <class Extract>
MeasureProgress summarize_measure(const ProgressPolicy& policy, MeasureKind kind, Region region,
                                  const MeasureReader<Extract>& reader) {
  MeasureProgress result;
  result.kind = kind;
  result.region = region;
  // The baseline: the first values, bounded by count and by days. Values of
  // one moment stay together, whatever their input order.
  double sum = 0;
  std::uint32_t count = 0;
  std::int64_t first = 0;
  std::size_t after_baseline = 0;
  for (; after_baseline < reader.size(); ++after_baseline) {
    const auto value = reader.value(after_baseline);
    if (!value) continue;
    const std::int64_t time = reader.time(after_baseline);
    if (count == 0) {
      first = time;
    } else if ((count >= policy.baseline_entries && time != result.baseline_until) ||
               time >= first + policy.baseline_days * kSecondsPerDay) {
      break;
    }
    sum += *value;
    ++count;
    result.baseline_until = time;
  }
  if (count == 0) return result;
  result.baseline = sum / count;

  double last_value = 0;
  for (std::size_t position = reader.size(); position > 0; --position) {
    if (const auto value = reader.value(position - 1)) {
      last_value = *value;
      result.latest_at = reader.time(position - 1);
      break;
    }
  }
  const std::int64_t latest_from = result.latest_at - policy.latest_hours * kSecondsPerHour;
  const std::int64_t trend_from = result.latest_at - policy.trend_days * kSecondsPerDay;
  double latest_sum = 0;
  std::uint32_t latest_count = 0;
  LineFit fit;
  for (std::size_t position = 0; position < reader.size(); ++position) {
    const auto value = reader.value(position);
    if (!value) continue;
    ++result.values;
    const std::int64_t time = reader.time(position);
    if (position >= after_baseline && time >= latest_from) {
      latest_sum += *value;
      ++latest_count;
    }
    if (time >= trend_from) {
      fit.add(static_cast<double>(time - result.latest_at) / kSecondsPerWeek, *value);
    }
  }
  result.trend_per_week = fit.slope();
  result.compared = latest_count > 0;
  result.latest = result.compared ? latest_sum / latest_count : last_value;
  result.change = result.latest - result.baseline;
  if (!result.compared) return result;

  const MeasurePolicy& measure_policy = policy.measures.at(static_cast<std::size_t>(kind));
  const double size = std::fabs(result.change);
  if (size > kTolerance) {
    const bool lower = result.change < 0;
    result.direction =
        lower == measure_policy.lower_is_better ? Direction::better : Direction::worse;
  }
  result.beyond_noise = judge(policy, measure_policy.noise, kind, region, result.baseline, size);
  result.clinically_meaningful =
      judge(policy, measure_policy.meaningful, kind, region, result.baseline, size);
  find_streak(policy, measure_policy, reader, after_baseline, result);
  return result;
}

template <class Extract>
void add_measure(const ProgressPolicy& policy, std::span<const JournalEntry> entries,
                 std::span<const std::uint32_t> order, MeasureKind kind, Region region,
                 Extract extract, Progress& progress) {
  const MeasureReader<Extract> reader(entries, order, extract);
  MeasureProgress measure = summarize_measure(policy, kind, region, reader);
  if (measure.values > 0) progress.measures.push_back(std::move(measure));
}

std::optional<double> as_value(const std::optional<int>& rating) {
  if (!rating) return std::nullopt;
  return static_cast<double>(*rating);
}

std::optional<double> activity_mean(const JournalEntry& entry) {
  if (entry.activities.empty()) return std::nullopt;
  double sum = 0;
  for (const ActivityRating& activity : entry.activities) sum += activity.score;
  return sum / static_cast<double>(entry.activities.size());
}

bool has_text(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
}

void find_flags(const ProgressPolicy& policy, std::span<const JournalEntry> entries,
                std::int64_t now, ProgressFlags& flags) {
  const std::int64_t from = now - policy.flag_days * kSecondsPerDay;
  for (const JournalEntry& entry : entries) {
    if (entry.time < from || entry.time > now) continue;
    if (entry.sharp_pain.value_or(false) && entry.time >= flags.sharp_pain_at.value_or(from - 1)) {
      flags.sharp_pain_at = entry.time;
    }
    if (entry.soreness_hours && *entry.soreness_hours > policy.soreness_limit_hours + kTolerance &&
        *entry.soreness_hours > flags.soreness_hours.value_or(0)) {
      flags.soreness_hours = entry.soreness_hours;
    }
    if (has_text(entry.new_symptoms) && entry.time >= flags.new_symptoms_at.value_or(from - 1)) {
      flags.new_symptoms_at = entry.time;
      flags.new_symptoms = entry.new_symptoms;
    }
  }
}

}  // namespace

Progress summarize_progress(const KnowledgeBase& knowledge, std::span<const JournalEntry> entries,
                            std::span<const CompletedSession> sessions, std::int64_t now) {
  const ProgressPolicy& policy = knowledge.progress;
  Progress progress;
  progress.now = now;
  for (const CompletedSession& session : sessions) {
    if (session.time > now) continue;
    ++progress.sessions_completed;
    progress.last_session = std::max(progress.last_session.value_or(session.time), session.time);
  }

  // Entries up to now, in time order (stable: same-time entries keep theirs).
  std::vector<std::uint32_t> order;
  order.reserve(entries.size());
  for (std::size_t e = 0; e < entries.size(); ++e) {
    if (entries[e].time <= now) order.push_back(static_cast<std::uint32_t>(e));
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return entries[a].time < entries[b].time;
  });
  progress.entries = static_cast<std::uint32_t>(order.size());

  for (std::size_t r = 0; r < kRegionCount; ++r) {
    add_measure(
        policy, entries, order, MeasureKind::pain, static_cast<Region>(r),
        [r](const JournalEntry& entry) { return as_value(entry.pain[r]); }, progress);
  }
  add_measure(policy, entries, order, MeasureKind::function, Region::head, activity_mean, progress);
  add_measure(
      policy, entries, order, MeasureKind::stress, Region::head,
      [](const JournalEntry& entry) { return as_value(entry.stress); }, progress);
  add_measure(
      policy, entries, order, MeasureKind::sleep, Region::head,
      [](const JournalEntry& entry) { return as_value(entry.sleep_quality); }, progress);

  find_flags(policy, entries, now, progress.flags);
  progress.flags.pain_worse =
      std::any_of(progress.measures.begin(), progress.measures.end(), [](const auto& measure) {
        return measure.kind == MeasureKind::pain && measure.direction == Direction::worse &&
               measure.clinically_meaningful.holds;
      });
  return progress;
}

const MeasureProgress* find_measure(const Progress& progress, MeasureKind kind, Region region) {
  for (const MeasureProgress& measure : progress.measures) {
    if (measure.kind == kind && (kind != MeasureKind::pain || measure.region == region)) {
      return &measure;
    }
  }
  return nullptr;
}

}  // namespace mn::core
