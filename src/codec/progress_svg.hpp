#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "codec/progress_chart.hpp"
#include "codec/progress_text.hpp"
#include "core/journal.hpp"
#include "core/knowledge_base.hpp"
#include "core/progress.hpp"

namespace mn::codec {

// Values between `low` and `high` (0 <= low <= high <= 10) differ from the
// baseline by less than a clinically meaningful change.
struct Band {
  double low = 0;
  double high = 0;
};

// One measure's chart. The spans are borrowed: they must outlive the call to
// progress_svg. Typically, for a measure of core::summarize_progress:
//   points   = measure_points(entries, measure, progress.now)
//   span     = chart_span(entries, sessions, progress.now)
//   band     = meaningful_change_band(knowledge, measure)
//   baseline = measure.baseline (when measure.values > 0)
struct SvgChart {
  std::string title;  // "neck pain"; may be any text, it is escaped
  std::span<const ChartPoint> points;
  std::span<const core::CompletedSession> sessions;
  ChartSpan span;
  std::optional<Band> band;
  std::optional<double> baseline;  // named in the description only
  bool lower_is_better = true;
};

// The band of "no meaningful change" around the measure's baseline: the
// baseline plus and minus the size of change that the deciding threshold of
// `measure.clinically_meaningful` asks for (its points, or its percentage of
// the baseline when that is smaller), clamped to 0..10. Nullopt while the
// measure has not been compared yet or no threshold applies to it.
// `measure` must come from `knowledge`.
std::optional<Band> meaningful_change_band(const core::KnowledgeBase& knowledge,
                                           const core::MeasureProgress& measure);

// The chart as one standalone inline <svg> element for an HTML page (or a
// PDF): it scales to its container's width (a viewBox, no fixed size), is
// labelled for screen readers by a <title> and a <desc> summarising it in
// words, and carries a <title> on every value and session. It draws:
//  - the y axis 0..10 (labels 0, 5, 10) and the span's first and last dates
//    (`date_label`) under the x axis;
//  - the band, shaded, with a legend naming it in words;
//  - each session as a dashed vertical line;
//  - the values as a line through a circle per value, in time order.
// Values outside 0..10 are drawn at the nearest edge, values that are not
// finite are left out, and so are points and sessions outside `chart.span`.
// Every text is XML-escaped. No style attributes or <style> elements (a
// Content-Security-Policy without 'unsafe-inline' allows it): presentation
// attributes for the default look, and class names ("mn-chart-line", ...)
// for page CSS. Ids are `id_prefix` + "-title" and "-desc": the prefix must
// be unique on the page and start with a letter (it is escaped, not
// checked). Pure and deterministic.
std::string progress_svg(const SvgChart& chart, const DateLabel& date_label,
                         std::string_view id_prefix);

}  // namespace mn::codec
