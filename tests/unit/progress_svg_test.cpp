// The SVG progress chart: well-formed, escaped, labelled for screen readers,
// one mark per value and session in the span, values clamped to 0..10, and
// the band of no meaningful change from the knowledge base's thresholds.
// Day 0 = 2026-10-01 (journal_support.hpp).
#include "codec/progress_svg.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "codec/utc_time.hpp"
#include "journal_support.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::Region;

std::string iso_date(std::int64_t time) { return codec::format_utc(time).substr(0, 10); }

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

// Whether every '&' in `text` starts one of the five XML entities.
bool entities_only(std::string_view text) {
  for (auto at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    const std::string_view rest = text.substr(at);
    bool known = false;
    for (const std::string_view entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
      known = known || rest.starts_with(entity);
    }
    if (!known) return false;
  }
  return true;
}

// The first reason `xml` is not one well-formed element (tags balanced,
// attributes quoted, text escaped), or "" when there is none. Enough for
// our own output; not a general XML parser.
std::string xml_problem(std::string_view xml) {
  std::vector<std::string_view> open;
  bool closed_root = false;
  std::size_t at = 0;
  while (true) {
    const std::size_t start = xml.find('<', at);
    const std::string_view text =
        xml.substr(at, start == std::string_view::npos ? xml.size() - at : start - at);
    if (text.find('>') != std::string_view::npos || !entities_only(text)) {
      return "unescaped text: " + std::string(text);
    }
    if (start == std::string_view::npos) break;
    const std::size_t end = xml.find('>', start);
    if (end == std::string_view::npos) return "a tag without '>'";
    std::string_view tag = xml.substr(start + 1, end - start - 1);
    at = end + 1;
    if (tag.find('<') != std::string_view::npos || occurrences(tag, "\"") % 2 != 0 ||
        !entities_only(tag)) {
      return "bad tag: " + std::string(tag);
    }
    if (closed_root) return "a second root: " + std::string(tag);
    if (tag.starts_with('/')) {
      tag.remove_prefix(1);
      if (open.empty() || open.back() != tag) return "unexpected </" + std::string(tag) + ">";
      open.pop_back();
      closed_root = open.empty();
      continue;
    }
    const bool self_closing = tag.ends_with('/');
    const std::string_view name = tag.substr(0, tag.find_first_of(" \n/"));
    if (name.empty()) return "a tag without a name";
    if (self_closing) {
      closed_root = open.empty();
    } else {
      open.push_back(name);
    }
  }
  if (!open.empty()) return "<" + std::string(open.back()) + "> not closed";
  if (!closed_root) return "no element";
  return "";
}

// The values of `attribute` in each `element` start tag, in order.
std::vector<std::string> attribute_values(std::string_view svg, std::string_view element,
                                          std::string_view attribute) {
  std::vector<std::string> values;
  const std::string open = "<" + std::string(element) + " ";
  const std::string key = " " + std::string(attribute) + "=\"";
  for (auto at = svg.find(open); at != std::string_view::npos; at = svg.find(open, at + 1)) {
    const std::string_view tag = svg.substr(at, svg.find('>', at) - at);
    const auto value = tag.find(key);
    if (value == std::string_view::npos) continue;
    const auto from = value + key.size();
    values.emplace_back(tag.substr(from, tag.find('"', from) - from));
  }
  return values;
}

std::vector<codec::ChartPoint> pain_points(std::initializer_list<double> values) {
  std::vector<codec::ChartPoint> points;
  int day = 0;
  for (const double value : values) points.push_back({at(day++), value});
  return points;
}

std::vector<core::CompletedSession> sessions_on(std::initializer_list<int> days) {
  std::vector<core::CompletedSession> sessions;
  for (const int day : days) sessions.push_back({at(day, 16), core::Style::therapeutic, 60, 3});
  return sessions;
}

struct Example {
  std::vector<codec::ChartPoint> points = pain_points({7, 6.5, 6, 5, 4, 3});
  std::vector<core::CompletedSession> sessions = sessions_on({1, 3});
  codec::SvgChart chart;

  Example() {
    chart.title = "neck pain";
    chart.points = points;
    chart.sessions = sessions;
    chart.span = {at(0), at(5)};
    chart.band = codec::Band{5.2, 7.8};
    chart.baseline = 6.5;
  }

  std::string svg(std::string_view prefix = "chart-neck") const {
    return codec::progress_svg(chart, iso_date, prefix);
  }
};

TEST(ProgressSvg, WellFormedAndLabelledForScreenReaders) {
  const std::string svg = Example().svg();
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << svg;
  EXPECT_NE(svg.find(" viewBox=\"0 0 "), std::string::npos);
  const std::string root = svg.substr(0, svg.find('>'));
  EXPECT_EQ(root.find(" width="), std::string::npos) << "scales to its container";
  EXPECT_EQ(root.find(" height="), std::string::npos);
  EXPECT_NE(svg.find(" role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find(" aria-labelledby=\"chart-neck-title chart-neck-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"chart-neck-title\">neck pain</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"chart-neck-desc\">6 values from 2026-10-01 to 2026-10-06; "
                     "baseline 6.5, last value 3; 2 sessions; lower is better; no meaningful "
                     "change between 5.2 and 7.8.</desc>"),
            std::string::npos)
      << svg;
  EXPECT_EQ(attribute_values(svg, "title", "id"), (std::vector<std::string>{"chart-neck-title"}));
  EXPECT_EQ(occurrences(svg, " id=\""), 2U) << "only the title and desc carry ids";
  for (const std::string_view label : {">0</text>", ">5</text>", ">10</text>", ">2026-10-01</text>",
                                       ">2026-10-06</text>", ">lower is better</text>"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  EXPECT_EQ(svg, Example().svg()) << "deterministic";
}

TEST(ProgressSvg, NoStyleThatNeedsUnsafeInline) {
  const std::string svg = Example().svg();
  EXPECT_EQ(svg.find("style"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("class=\"mn-chart-line\""), std::string::npos);
}

TEST(ProgressSvg, EscapesEveryText) {
  Example example;
  example.chart.title = "<script>alert(\"x\")</script> & 'y'";
  const std::string svg = codec::progress_svg(
      example.chart, [](std::int64_t time) { return "<b>" + iso_date(time) + "&</b>"; },
      "a\"><script>");
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<b>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;"
                     "</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<title>Session on &lt;b&gt;2026-10-02&amp;&lt;/b&gt;</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("id=\"a&quot;&gt;&lt;script&gt;-title\""), std::string::npos) << svg;

  // Control characters and malformed UTF-8 would make the XML ill-formed.
  example.chart.title =
      "a\x01"
      "b\xC3(c \xC3\xA9\uFFFF";
  const std::string odd = example.svg();
  EXPECT_NE(odd.find(">a b\uFFFD(c \u00E9\uFFFD</title>"), std::string::npos) << odd;
}

TEST(ProgressSvg, OneCircleAndTitlePerValueOneDashedLinePerSession) {
  const std::string svg = Example().svg();
  EXPECT_EQ(occurrences(svg, "<circle class=\"mn-chart-point\""), 6U);
  EXPECT_NE(svg.find("<title>2026-10-03: 6</title></circle>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>2026-10-02: 6.5</title></circle>"), std::string::npos) << svg;
  EXPECT_EQ(occurrences(svg, "<line class=\"mn-chart-session\""), 2U);
  EXPECT_EQ(occurrences(svg, "<title>Session on "), 2U);
  EXPECT_NE(svg.find("<title>Session on 2026-10-04</title></line>"), std::string::npos) << svg;
  for (const std::string& dashes :
       attribute_values(svg, "line class=\"mn-chart-session\"", "stroke-dasharray")) {
    EXPECT_EQ(dashes, "4 3");
  }
  EXPECT_EQ(occurrences(svg, "<polyline "), 1U);
}

TEST(ProgressSvg, LineInTimeOrderWhateverTheInputOrder) {
  Example example;
  std::vector<codec::ChartPoint> reversed(example.points.rbegin(), example.points.rend());
  example.chart.points = reversed;
  EXPECT_EQ(example.svg(), Example().svg());
  const auto xs = attribute_values(example.svg(), "circle", "cx");
  ASSERT_EQ(xs.size(), 6U);
  for (std::size_t i = 1; i < xs.size(); ++i) EXPECT_LT(std::stod(xs[i - 1]), std::stod(xs[i]));
}

TEST(ProgressSvg, LeavesOutWhatIsOutsideTheSpanAndValuesThatAreNotNumbers) {
  Example example;
  example.chart.span = {at(1), at(3, 12)};  // days 1..3 of values 0..5; sessions at 16:00
  const std::string svg = example.svg();
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_EQ(occurrences(svg, "<circle "), 3U);
  EXPECT_EQ(occurrences(svg, "<title>Session on "), 1U);
  EXPECT_NE(svg.find(">3 values from 2026-10-02 to 2026-10-04; baseline 6.5, last value 5; "
                     "1 session;"),
            std::string::npos)
      << svg;

  example.points.push_back({at(2, 10), std::nan("")});
  example.points.push_back({at(2, 11), HUGE_VAL});
  example.chart.points = example.points;
  EXPECT_EQ(occurrences(example.svg(), "<circle "), 3U);
}

TEST(ProgressSvg, ClampsValuesToTheScale) {
  Example example;
  example.points = {{at(0), 10}, {at(1), 14}, {at(2), 0}, {at(3), -3}, {at(4), 5}};
  example.chart.points = example.points;
  const std::string svg = example.svg();
  const auto ys = attribute_values(svg, "circle", "cy");
  ASSERT_EQ(ys.size(), 5U) << svg;
  EXPECT_EQ(ys[1], ys[0]);
  EXPECT_EQ(ys[3], ys[2]);
  EXPECT_LT(std::stod(ys[0]), std::stod(ys[4]));  // 10 is drawn above 5...
  EXPECT_LT(std::stod(ys[4]), std::stod(ys[2]));  // ...and 5 above 0
  EXPECT_NE(svg.find("<title>2026-10-02: 14</title>"), std::string::npos)
      << "the title keeps the value as recorded";
}

TEST(ProgressSvg, SpanOfOneMomentDoesNotDivideByZero) {
  Example example;
  example.points = {{at(2), 4}};
  example.sessions = {{at(2), core::Style::relaxation, 60, 2}};
  example.chart.points = example.points;
  example.chart.sessions = example.sessions;
  example.chart.span = {at(2), at(2)};
  example.chart.baseline.reset();
  const std::string svg = example.svg();
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_EQ(svg.find("nan"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("inf"), std::string::npos) << svg;
  EXPECT_EQ(occurrences(svg, "<circle "), 1U);
  EXPECT_EQ(occurrences(svg, "<polyline "), 0U) << "one value makes no line";
  EXPECT_EQ(occurrences(svg, "<title>Session on 2026-10-03</title>"), 1U);
  EXPECT_EQ(occurrences(svg, ">2026-10-03</text>"), 1U) << "the one date, once";
  EXPECT_EQ(attribute_values(svg, "circle", "cx"),
            attribute_values(svg, "line class=\"mn-chart-session\"", "x1"));
  EXPECT_NE(svg.find(">1 value on 2026-10-03; last value 4; 1 session;"), std::string::npos) << svg;
}

TEST(ProgressSvg, EmptyChart) {
  codec::SvgChart chart;
  chart.title = "stress";
  chart.lower_is_better = true;
  const std::string svg = codec::progress_svg(chart, iso_date, "c");
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_EQ(occurrences(svg, "<circle "), 0U);
  EXPECT_NE(svg.find(">0 values on 1970-01-01; 0 sessions; lower is better.</desc>"),
            std::string::npos)
      << svg;
}

TEST(ProgressSvg, BandDrawnAndNamedOnlyWhenGiven) {
  Example example;
  std::string svg = example.svg();
  EXPECT_EQ(occurrences(svg, "<rect class=\"mn-chart-band\""), 1U);
  EXPECT_NE(svg.find(">no meaningful change (5.2 to 7.8)</text>"), std::string::npos) << svg;
  // The band spans 5.2..7.8 of the 0..10 scale.
  const double height =
      std::stod(attribute_values(svg, "rect class=\"mn-chart-band\"", "height").at(0));
  const double seven = std::stod(attribute_values(svg, "circle", "cy").at(0));
  const double three = std::stod(attribute_values(svg, "circle", "cy").at(5));
  EXPECT_NEAR(height, (three - seven) / (7 - 3) * (7.8 - 5.2), 0.2);

  example.chart.band.reset();
  svg = example.svg();
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_EQ(svg.find("mn-chart-band"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("meaningful"), std::string::npos) << svg;
}

TEST(ProgressSvg, HigherIsBetterSaidInWords) {
  Example example;
  example.chart.lower_is_better = false;
  const std::string svg = example.svg();
  EXPECT_NE(svg.find(">higher is better</text>"), std::string::npos);
  EXPECT_NE(svg.find("; higher is better;"), std::string::npos);
}

// ---- The band from the knowledge base ---------------------------------------------

core::MeasureProgress compared_pain(Region region, double baseline, const std::string& threshold) {
  core::MeasureProgress measure;
  measure.kind = core::MeasureKind::pain;
  measure.region = region;
  measure.values = 4;
  measure.compared = true;
  measure.baseline = baseline;
  measure.clinically_meaningful.checks.push_back({threshold_index(knowledge(), threshold), false});
  return measure;
}

void expect_band(const std::optional<codec::Band>& band, double low, double high) {
  ASSERT_TRUE(band.has_value());
  EXPECT_NEAR(band->low, low, 1e-9);
  EXPECT_NEAR(band->high, high, 1e-9);
}

TEST(ProgressSvgBand, DecidingThresholdAroundTheBaseline) {
  // Neck: 1.3 points (Cleland 2008).
  expect_band(codec::meaningful_change_band(knowledge(),
                                            compared_pain(Region::neck, 7, "nprs_meaningful_neck")),
              5.7, 8.3);
  // Elsewhere 2 points or 30%: 30% of 7 is 2.1, so 2 points decide...
  expect_band(codec::meaningful_change_band(
                  knowledge(), compared_pain(Region::lower_back, 7, "nprs_meaningful_general")),
              5, 9);
  // ...and 30% of 5 is 1.5, less than 2 points.
  expect_band(codec::meaningful_change_band(
                  knowledge(), compared_pain(Region::lower_back, 5, "nprs_meaningful_general")),
              3.5, 6.5);
}

TEST(ProgressSvgBand, ClampedToTheScale) {
  expect_band(codec::meaningful_change_band(
                  knowledge(), compared_pain(Region::neck, 9.5, "nprs_meaningful_neck")),
              8.2, 10);
  // A baseline of 0: the percentage has nothing to take a share of.
  expect_band(codec::meaningful_change_band(
                  knowledge(), compared_pain(Region::lower_back, 0, "nprs_meaningful_general")),
              0, 2);
}

TEST(ProgressSvgBand, NoneBeforeAComparison) {
  core::MeasureProgress measure = compared_pain(Region::neck, 7, "nprs_meaningful_neck");
  measure.compared = false;
  EXPECT_FALSE(codec::meaningful_change_band(knowledge(), measure).has_value());
  measure.compared = true;
  measure.clinically_meaningful.checks.clear();
  EXPECT_FALSE(codec::meaningful_change_band(knowledge(), measure).has_value());
}

TEST(ProgressSvgBand, FromASummarizedJournal) {
  // Lower back pain 7 on days 0-2 (the baseline), then 4.
  std::vector<core::JournalEntry> journal;
  add_days(journal, 0, 3, Region::lower_back, 7);
  add_days(journal, 3, 5, Region::lower_back, 4);
  const core::Progress progress = core::summarize_progress(knowledge(), journal, {}, at(8));
  const core::MeasureProgress* measure =
      core::find_measure(progress, core::MeasureKind::pain, Region::lower_back);
  ASSERT_NE(measure, nullptr);
  expect_band(codec::meaningful_change_band(knowledge(), *measure), 5, 9);

  const core::Progress early = core::summarize_progress(knowledge(), journal, {}, at(1));
  const core::MeasureProgress* first =
      core::find_measure(early, core::MeasureKind::pain, Region::lower_back);
  ASSERT_NE(first, nullptr);
  EXPECT_FALSE(codec::meaningful_change_band(knowledge(), *first).has_value());
}

}  // namespace
}  // namespace mn::testing
