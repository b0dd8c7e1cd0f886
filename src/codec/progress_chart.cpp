#include "codec/progress_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace mn::codec {

namespace {

constexpr std::size_t kAxisWidth = 4;  // "10 |"

std::optional<double> value_of(const core::JournalEntry& entry,
                               const core::MeasureProgress& measure) {
  switch (measure.kind) {
    case core::MeasureKind::pain: {
      const auto& pain = entry.pain.at(static_cast<std::size_t>(measure.region));
      if (pain) return *pain;
      return std::nullopt;
    }
    case core::MeasureKind::function: {
      if (entry.activities.empty()) return std::nullopt;
      double sum = 0;
      for (const core::ActivityRating& activity : entry.activities) sum += activity.score;
      return sum / static_cast<double>(entry.activities.size());
    }
    case core::MeasureKind::stress:
      if (entry.stress) return *entry.stress;
      return std::nullopt;
    case core::MeasureKind::sleep:
      if (entry.sleep_quality) return *entry.sleep_quality;
      return std::nullopt;
    case core::MeasureKind::count:
      break;
  }
  return std::nullopt;
}

// The column of `time`, or nullopt outside the span.
std::optional<std::size_t> column_of(std::int64_t time, ChartSpan span) {
  if (time < span.from || time > span.to) return std::nullopt;
  if (span.to == span.from) return 0;
  const double share = (static_cast<double>(time) - static_cast<double>(span.from)) /
                       (static_cast<double>(span.to) - static_cast<double>(span.from));
  return static_cast<std::size_t>(std::lround(share * (kChartWidth - 1)));
}

}  // namespace

std::vector<ChartPoint> measure_points(std::span<const core::JournalEntry> entries,
                                       const core::MeasureProgress& measure, std::int64_t now) {
  std::vector<ChartPoint> points;
  for (const core::JournalEntry& entry : entries) {
    if (entry.time > now) continue;
    if (const auto value = value_of(entry, measure)) points.push_back({entry.time, *value});
  }
  return points;
}

ChartSpan chart_span(std::span<const core::JournalEntry> entries,
                     std::span<const core::CompletedSession> sessions, std::int64_t now) {
  std::optional<ChartSpan> span;
  const auto include = [&](std::int64_t time) {
    if (time > now) return;
    if (!span) span = ChartSpan{time, time};
    span->from = std::min(span->from, time);
    span->to = std::max(span->to, time);
  };
  for (const core::JournalEntry& entry : entries) include(entry.time);
  for (const core::CompletedSession& session : sessions) include(session.time);
  return span.value_or(ChartSpan{now, now});
}

std::vector<std::string> chart_lines(std::span<const ChartPoint> points,
                                     std::span<const core::CompletedSession> sessions,
                                     ChartSpan span,
                                     const std::function<std::string(std::int64_t)>& date_label) {
  std::array<double, kChartWidth> sums{};
  std::array<int, kChartWidth> counts{};
  for (const ChartPoint& point : points) {
    const auto column = column_of(point.time, span);
    if (!column || !std::isfinite(point.value)) continue;
    sums.at(*column) += std::clamp(point.value, 0.0, static_cast<double>(kChartTop));
    counts.at(*column) += 1;
  }
  std::vector<std::string> lines;
  for (int row = kChartTop; row >= 0; --row) {
    std::string line = row % 2 == 0 ? (row < 10 ? " " : "") + std::to_string(row) + " |" : "   |";
    for (std::size_t c = 0; c < kChartWidth; ++c) {
      const bool here = counts.at(c) > 0 && std::lround(sums.at(c) / counts.at(c)) == row;
      line += here ? '*' : ' ';
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(std::move(line));
  }
  lines.push_back("   +" + std::string(kChartWidth, '-'));
  std::string markers(kChartWidth, ' ');
  for (const core::CompletedSession& session : sessions) {
    if (const auto column = column_of(session.time, span)) markers.at(*column) = '^';
  }
  while (!markers.empty() && markers.back() == ' ') markers.pop_back();
  if (!markers.empty()) lines.push_back(std::string(kAxisWidth, ' ') + markers);
  std::string dates = std::string(kAxisWidth, ' ') + date_label(span.from);
  if (span.to != span.from) {
    const std::string last = date_label(span.to);
    const std::size_t end = kAxisWidth + kChartWidth;
    dates +=
        std::string(end > dates.size() + last.size() ? end - dates.size() - last.size() : 1, ' ') +
        last;
  }
  lines.push_back(std::move(dates));
  return lines;
}

}  // namespace mn::codec
