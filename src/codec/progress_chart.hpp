#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/journal.hpp"
#include "core/progress.hpp"

namespace mn::codec {

// A measure's values over time as plain ASCII for a terminal: 40 columns of
// time by 11 rows (one per point of the 0..10 scale), '*' at the mean of
// the values that fall in a column, the y axis labelled 0..10, '^' under the
// x axis where a session took place, and the first and last dates below.
//
//   10 |
//      |
//    8 |   *
//   ...
//    0 |
//      +----------------------------------------
//       ^      ^
//       2026-10-01                   2026-11-27

inline constexpr int kChartWidth = 40;
inline constexpr int kChartTop = 10;  // the scale's top; rows = kChartTop + 1

struct ChartPoint {
  std::int64_t time = 0;
  double value = 0;  // 0..10; outside values are drawn at the nearest edge
};

// The time span the chart shows; from <= to.
struct ChartSpan {
  std::int64_t from = 0;
  std::int64_t to = 0;
};

// The values of one measure in the entries up to `now`: a region's pain, the
// mean of the activities' scores (function), stress or sleep quality.
std::vector<ChartPoint> measure_points(std::span<const core::JournalEntry> entries,
                                       const core::MeasureProgress& measure, std::int64_t now);

// From the earliest to the latest entry or session up to `now` (both ends
// `now` when there is none).
ChartSpan chart_span(std::span<const core::JournalEntry> entries,
                     std::span<const core::CompletedSession> sessions, std::int64_t now);

// The chart's lines, without line breaks. Points and sessions outside `span`
// are left out; `date_label` writes the two dates under the axis.
std::vector<std::string> chart_lines(std::span<const ChartPoint> points,
                                     std::span<const core::CompletedSession> sessions,
                                     ChartSpan span,
                                     const std::function<std::string(std::int64_t)>& date_label);

}  // namespace mn::codec
