#include "codec/progress_svg.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "codec/utf8.hpp"
#include "core/progress_wording.hpp"

namespace mn::codec {

namespace {

// The drawing in user units; 400 wide keeps 12-unit text legible when the
// chart shrinks to a phone's width.
constexpr int kViewWidth = 400;
constexpr int kViewHeight = 250;
constexpr double kAxisLeft = 36;
constexpr double kAxisRight = 388;
// Values stay clear of the axes so a circle at either end is drawn whole.
constexpr double kPlotLeft = 42;
constexpr double kPlotRight = 382;
constexpr double kPlotTop = 12;
constexpr double kPlotBottom = 172;
constexpr double kDatesBaseline = 190;
constexpr double kLegendBand = 214;
constexpr double kLegendSession = 236;
constexpr double kScaleTop = kChartTop;

// Contrast against white (WCAG 2.1): text 12.6:1 and the value line 6.4:1,
// past AA's 4.5:1; session lines 6.9:1, past the 3:1 for graphics. The grid
// and the band's fill are light on purpose: the grid only helps the eye,
// and the band is named in words, so neither depends on being seen.
constexpr const char* kInk = "#333333";
constexpr const char* kLineColour = "#1f5fa8";
constexpr const char* kSessionColour = "#5a5a5a";
constexpr const char* kGridColour = "#c8c8c8";
constexpr const char* kBandColour = "#e1eedb";

// XML-escaped, and well-formed whatever `text` holds: a malformed UTF-8
// sequence (as in the JSON writer) or U+FFFE, U+FFFF becomes U+FFFD, and a
// control character that XML 1.0 forbids a space.
std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x80) {
      std::size_t skip = 0;
      const std::size_t length = utf8_sequence_length(text, at, skip);
      const std::string_view sequence = text.substr(at, length);
      if (length == 0) {
        out += "\uFFFD";
        at += skip;
      } else if (sequence == "\uFFFE" || sequence == "\uFFFF") {
        out += "\uFFFD";
        at += length;
      } else {
        out += sequence;
        at += length;
      }
      continue;
    }
    ++at;
    switch (byte) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out += static_cast<char>(byte);
        break;
      default:
        out += byte < 0x20 ? ' ' : static_cast<char>(byte);
    }
  }
  return out;
}

// A coordinate with one decimal: "12.5". to_chars, not a stream, so the
// output never depends on the locale.
std::string number(double value) {
  char buffer[32];
  auto* const end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 1).ptr;
  return {buffer, end};
}

double x_of(std::int64_t time, ChartSpan span) {
  // One moment (or none) to show: it goes in the middle.
  if (span.to <= span.from) return (kPlotLeft + kPlotRight) / 2;
  const double share = (static_cast<double>(time) - static_cast<double>(span.from)) /
                       (static_cast<double>(span.to) - static_cast<double>(span.from));
  return kPlotLeft + share * (kPlotRight - kPlotLeft);
}

double y_of(double value) {
  const double share = std::clamp(value, 0.0, kScaleTop) / kScaleTop;
  return kPlotBottom - share * (kPlotBottom - kPlotTop);
}

bool inside(std::int64_t time, ChartSpan span) { return time >= span.from && time <= span.to; }

// The finite points inside the span, in time order (a stable sort: values
// of one moment keep their order).
std::vector<ChartPoint> drawn_points(const SvgChart& chart) {
  std::vector<ChartPoint> points;
  for (const ChartPoint& point : chart.points) {
    if (inside(point.time, chart.span) && std::isfinite(point.value)) points.push_back(point);
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const ChartPoint& a, const ChartPoint& b) { return a.time < b.time; });
  return points;
}

std::vector<std::int64_t> drawn_sessions(const SvgChart& chart) {
  std::vector<std::int64_t> times;
  for (const core::CompletedSession& session : chart.sessions) {
    if (inside(session.time, chart.span)) times.push_back(session.time);
  }
  std::sort(times.begin(), times.end());
  return times;
}

// The band in order and within 0..10, or nullopt when it is not a number.
std::optional<Band> drawn_band(const SvgChart& chart) {
  if (!chart.band || !std::isfinite(chart.band->low) || !std::isfinite(chart.band->high)) {
    return std::nullopt;
  }
  const auto [low, high] = std::minmax(chart.band->low, chart.band->high);
  return Band{std::clamp(low, 0.0, kScaleTop), std::clamp(high, 0.0, kScaleTop)};
}

std::string count_text(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// "12 values from 2026-10-01 to 2026-11-27; baseline 6.5, last value 3;
// 4 sessions; lower is better; no meaningful change between 4.5 and 8.5."
std::string description(const SvgChart& chart, const std::vector<ChartPoint>& points,
                        std::size_t sessions, const std::optional<Band>& band,
                        const DateLabel& date_label) {
  std::string text = count_text(points.size(), "value", "values");
  if (chart.span.from == chart.span.to) {
    text += " on " + date_label(chart.span.from);
  } else {
    text += " from " + date_label(chart.span.from) + " to " + date_label(chart.span.to);
  }
  std::string numbers;
  if (chart.baseline) numbers = "baseline " + core::number_text(*chart.baseline);
  if (!points.empty()) {
    numbers += (numbers.empty() ? "" : ", ") + std::string("last value ") +
               core::number_text(points.back().value);
  }
  if (!numbers.empty()) text += "; " + numbers;
  text += "; " + count_text(sessions, "session", "sessions");
  text += chart.lower_is_better ? "; lower is better" : "; higher is better";
  if (band) {
    text += "; no meaningful change between " + core::number_text(band->low) + " and " +
            core::number_text(band->high);
  }
  return text + ".";
}

// Writes one element: every attribute and text escaped, fractions with one
// decimal.
class Element {
 public:
  Element(std::string& out, std::string_view name) : out_(out), name_(name) {
    out_ += '<';
    out_ += name_;
  }

  Element& set(std::string_view attribute, std::string_view value) {
    out_ += ' ';
    out_ += attribute;
    out_ += "=\"";
    out_ += escaped(value);
    out_ += '"';
    return *this;
  }
  Element& set(std::string_view attribute, double value) { return set(attribute, number(value)); }
  Element& set(std::string_view attribute, int value) {
    return set(attribute, std::to_string(value));
  }

  // Ends it as <name .../>.
  void empty() { out_ += "/>\n"; }
  // Ends it with `text` (escaped) and </name>.
  void text(std::string_view text) {
    out_ += '>';
    out_ += escaped(text);
    close();
  }
  // Ends it with a <title> child, the tooltip of a mark.
  void titled(std::string_view title) {
    out_ += "><title>";
    out_ += escaped(title);
    out_ += "</title>";
    close();
  }
  // Ends the start tag only: the caller writes the content and </name>.
  void open() { out_ += ">\n"; }

 private:
  void close() {
    out_ += "</";
    out_ += name_;
    out_ += ">\n";
  }

  std::string& out_;
  std::string_view name_;
};

Element line(std::string& out, std::string_view class_name, double x1, double y1, double x2,
             double y2, std::string_view stroke) {
  Element element(out, "line");
  element.set("class", class_name).set("x1", x1).set("y1", y1).set("x2", x2).set("y2", y2);
  element.set("stroke", stroke);
  return element;
}

void label(std::string& out, std::string_view class_name, double x, double y,
           std::string_view anchor, std::string_view text) {
  Element(out, "text")
      .set("class", class_name)
      .set("x", x)
      .set("y", y)
      .set("text-anchor", anchor)
      .text(text);
}

void axes(const SvgChart& chart, const DateLabel& date_label, std::string& out) {
  for (const int value : {0, 5, 10}) {
    const double y = y_of(value);
    if (value > 0) line(out, "mn-chart-grid", kAxisLeft, y, kAxisRight, y, kGridColour).empty();
    // +4 centres 12-unit digits on the line.
    label(out, "mn-chart-label", kAxisLeft - 6, y + 4, "end", std::to_string(value));
  }
  line(out, "mn-chart-axis", kAxisLeft, kPlotTop, kAxisLeft, kPlotBottom, kInk).empty();
  line(out, "mn-chart-axis", kAxisLeft, kPlotBottom, kAxisRight, kPlotBottom, kInk).empty();
  if (chart.span.from == chart.span.to) {
    label(out, "mn-chart-label", x_of(chart.span.from, chart.span), kDatesBaseline, "middle",
          date_label(chart.span.from));
  } else {
    label(out, "mn-chart-label", kAxisLeft, kDatesBaseline, "start", date_label(chart.span.from));
    label(out, "mn-chart-label", kAxisRight, kDatesBaseline, "end", date_label(chart.span.to));
  }
}

void session_lines(const SvgChart& chart, std::span<const std::int64_t> sessions,
                   const DateLabel& date_label, std::string& out) {
  for (const std::int64_t time : sessions) {
    const double x = x_of(time, chart.span);
    line(out, "mn-chart-session", x, kPlotTop, x, kPlotBottom, kSessionColour)
        .set("stroke-width", 1.5)
        .set("stroke-dasharray", "4 3")
        .titled("Session on " + date_label(time));
  }
}

void values(const SvgChart& chart, const std::vector<ChartPoint>& points,
            const DateLabel& date_label, std::string& out) {
  if (points.size() > 1) {
    std::string coordinates;
    for (const ChartPoint& point : points) {
      coordinates += (coordinates.empty() ? "" : " ") + number(x_of(point.time, chart.span)) + "," +
                     number(y_of(point.value));
    }
    Element(out, "polyline")
        .set("class", "mn-chart-line")
        .set("fill", "none")
        .set("stroke", kLineColour)
        .set("stroke-width", 2)
        .set("stroke-linejoin", "round")
        .set("points", coordinates)
        .empty();
  }
  for (const ChartPoint& point : points) {
    Element(out, "circle")
        .set("class", "mn-chart-point")
        .set("cx", x_of(point.time, chart.span))
        .set("cy", y_of(point.value))
        .set("r", 3.5)
        .set("fill", kLineColour)
        .titled(date_label(point.time) + ": " + core::number_text(point.value));
  }
}

void band_area(const Band& band, std::string& out) {
  const double top = y_of(band.high);
  Element(out, "rect")
      .set("class", "mn-chart-band")
      .set("x", kAxisLeft)
      .set("y", top)
      .set("width", kAxisRight - kAxisLeft)
      .set("height", y_of(band.low) - top)
      .set("fill", kBandColour)
      .empty();
}

void legend(const SvgChart& chart, const std::optional<Band>& band, bool any_session,
            std::string& out) {
  if (band) {
    Element(out, "rect")
        .set("class", "mn-chart-band-key")
        .set("x", kAxisLeft)
        .set("y", kLegendBand - 10)
        .set("width", 14)
        .set("height", 11)
        .set("fill", kBandColour)
        .set("stroke", kSessionColour)
        .empty();
    label(out, "mn-chart-band-label", kAxisLeft + 20, kLegendBand, "start",
          "no meaningful change (" + core::number_text(band->low) + " to " +
              core::number_text(band->high) + ")");
  }
  if (any_session) {
    line(out, "mn-chart-session-key", kAxisLeft + 7, kLegendSession - 11, kAxisLeft + 7,
         kLegendSession + 3, kSessionColour)
        .set("stroke-width", 1.5)
        .set("stroke-dasharray", "4 3")
        .empty();
    label(out, "mn-chart-label", kAxisLeft + 20, kLegendSession, "start", "session");
  }
  label(out, "mn-chart-label", kAxisRight, kLegendSession, "end",
        chart.lower_is_better ? "lower is better" : "higher is better");
}

}  // namespace

std::optional<Band> meaningful_change_band(const core::KnowledgeBase& knowledge,
                                           const core::MeasureProgress& measure) {
  const std::vector<core::ThresholdCheck>& checks = measure.clinically_meaningful.checks;
  if (!measure.compared || checks.empty()) return std::nullopt;
  const core::ChangeThreshold& threshold =
      knowledge.progress.thresholds.at(checks.front().threshold);
  // As core/progress.cpp judges a change: meaningful at `points`, or at
  // `percent` of a positive baseline when that comes first.
  double size = threshold.points;
  if (threshold.percent > 0 && measure.baseline > 0) {
    size = std::min(size, measure.baseline * threshold.percent / 100);
  }
  if (!(size > 0) || !std::isfinite(measure.baseline)) return std::nullopt;
  return Band{std::clamp(measure.baseline - size, 0.0, kScaleTop),
              std::clamp(measure.baseline + size, 0.0, kScaleTop)};
}

std::string progress_svg(const SvgChart& chart, const DateLabel& date_label,
                         std::string_view id_prefix) {
  const std::vector<ChartPoint> points = drawn_points(chart);
  const std::vector<std::int64_t> sessions = drawn_sessions(chart);
  const std::optional<Band> band = drawn_band(chart);

  const std::string title_id = std::string(id_prefix) + "-title";
  const std::string desc_id = std::string(id_prefix) + "-desc";

  std::string out;
  Element(out, "svg")
      .set("xmlns", "http://www.w3.org/2000/svg")
      .set("class", "mn-chart")
      .set("viewBox", "0 0 " + std::to_string(kViewWidth) + " " + std::to_string(kViewHeight))
      .set("role", "img")
      .set("aria-labelledby", title_id + " " + desc_id)
      .set("font-family", "sans-serif")
      .set("font-size", 12)
      .set("fill", kInk)
      .open();
  Element(out, "title").set("id", title_id).text(chart.title);
  Element(out, "desc")
      .set("id", desc_id)
      .text(description(chart, points, sessions.size(), band, date_label));
  if (band) band_area(*band, out);
  axes(chart, date_label, out);
  session_lines(chart, sessions, date_label, out);
  values(chart, points, date_label, out);
  legend(chart, band, !sessions.empty(), out);
  return out + "</svg>\n";
}

}  // namespace mn::codec
