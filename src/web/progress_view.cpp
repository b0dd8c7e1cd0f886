#include "web/progress_view.hpp"

#include <algorithm>

#include "codec/progress_chart.hpp"
#include "codec/progress_svg.hpp"
#include "core/progress_wording.hpp"
#include "store/time_zone.hpp"

namespace mn::web {

namespace {

void show_flags(const core::Progress& progress, const std::string& zone, Values& values) {
  const core::ProgressFlags& flags = progress.flags;
  if (!flags.red_flag() && !flags.pain_worse) return;
  Values box = values.add("FLAGS");
  if (flags.sharp_pain_at) {
    box.add("FLAG").set(
        "TEXT", "Sharp pain reported on " + store::format_local(*flags.sharp_pain_at, zone) + ".");
  }
  if (flags.soreness_hours) {
    box.add("FLAG").set("TEXT", "Soreness lasted " + core::number_text(*flags.soreness_hours) +
                                    " hours after a session, longer than expected.");
  }
  if (flags.new_symptoms_at) {
    box.add("FLAG").set("TEXT", "New symptoms: " + flags.new_symptoms);
  }
  if (flags.pain_worse) box.add("FLAG").set("TEXT", "Pain is worse by a meaningful amount.");
}

void show_plan(const service::CourseReview& review, Values& values) {
  if (!review.plan_record) {
    values.show("NO_PLAN");
    return;
  }
  Values plan = values.add("PLAN");
  plan.set("VERSION", review.plan_record->version)
      .set("REASON", review.plan_record->reason == "assessment"
                         ? "made from your answers"
                         : "adapted to your progress (" + review.plan_record->reason + ")")
      // The rule that decided, in the knowledge base's words, then its numbers.
      .set("DECISION", review.adaptation.explanation.empty()
                           ? std::string()
                           : review.adaptation.explanation.front());
  for (std::size_t i = 1; i < review.adaptation.explanation.size(); ++i) {
    plan.add("WHY").set("TEXT", review.adaptation.explanation[i]);
  }
  const core::Plan& shown = review.adaptation.plan;
  plan.show_if(shown.on_hold, "ON_HOLD");
  if (!shown.sessions.empty()) {
    Values table = plan.add("UPCOMING");
    for (const core::PlannedSession& session : shown.sessions) {
      table.add("PLANNED")
          .set("DATE", core::format_date(session.date))
          .set("STYLE", core::style_name(session.style))
          .set("MINUTES", session.minutes);
    }
  }
  if (shown.review_on) plan.add("REVIEW").set("DATE", core::format_date(*shown.review_on));
}

// Beyond this many values a chart and its table show weekly means: a
// chart of months of daily entries stays readable (and the page small).
constexpr std::size_t kMostValuesShown = 40;
constexpr std::int64_t kWeek = std::int64_t{7} * 24 * 60 * 60;

struct ShownValue {
  codec::ChartPoint point;
  int values = 1;  // how many entries the point stands for
};

// The values, or their means per week counted from `from`, each at the
// mean time of its week's values.
std::vector<ShownValue> shown_values(std::vector<codec::ChartPoint> points, std::int64_t from) {
  std::ranges::sort(points, {}, &codec::ChartPoint::time);
  std::vector<ShownValue> shown;
  if (points.size() <= kMostValuesShown) {
    for (const codec::ChartPoint& point : points) shown.push_back({point, 1});
    return shown;
  }
  std::int64_t week = -1;
  double time_sum = 0;
  double value_sum = 0;
  for (const codec::ChartPoint& point : points) {
    const std::int64_t this_week = (point.time - from) / kWeek;
    if (this_week != week) {
      week = this_week;
      shown.push_back({{}, 0});
      time_sum = 0;
      value_sum = 0;
    }
    ShownValue& mean = shown.back();
    ++mean.values;
    time_sum += static_cast<double>(point.time);
    value_sum += point.value;
    mean.point.time = static_cast<std::int64_t>(time_sum / mean.values);
    mean.point.value = value_sum / mean.values;
  }
  return shown;
}

}  // namespace

void show_progress(const core::KnowledgeBase& knowledge, const service::CourseReview& review,
                   Values& values) {
  const std::string& zone = review.patient.time_zone;
  const core::Progress& progress = review.progress;
  show_flags(progress, zone, values);
  values.set("ENTRIES", progress.entries).set("SESSIONS", progress.sessions_completed);
  values.show_if(progress.measures.empty(), "NO_DATA");
  const codec::ChartSpan span = codec::chart_span(review.entries, review.sessions, progress.now);
  const codec::DateLabel date_label = [&zone](std::int64_t time) {
    return core::format_date(store::local_date(time, zone));
  };
  int number = 0;
  for (const core::MeasureProgress& measure : progress.measures) {
    const std::string id = "measure" + std::to_string(++number);
    const std::string label = core::measure_label(knowledge, measure);
    const std::vector<ShownValue> shown_points =
        shown_values(codec::measure_points(review.entries, measure, progress.now), span.from);
    const bool weekly = std::any_of(shown_points.begin(), shown_points.end(),
                                    [](const ShownValue& value) { return value.values > 1; });
    std::vector<codec::ChartPoint> points;
    points.reserve(shown_points.size());
    for (const ShownValue& value : shown_points) points.push_back(value.point);
    codec::SvgChart chart{
        weekly ? label + " (weekly means)" : label, points, review.sessions, span,
        codec::meaningful_change_band(knowledge, measure),
        measure.values > 0 ? std::optional(measure.baseline) : std::nullopt,
        // Pain and stress: lower is better; function and sleep: higher.
        measure.kind == core::MeasureKind::pain || measure.kind == core::MeasureKind::stress};
    Values shown = values.add("MEASURE");
    shown.set("ID", id)
        .set("LABEL", label)
        .set("LINE", core::measure_line(knowledge, measure))
        .set("CHART", codec::progress_svg(chart, date_label, id + "-chart"));
    shown.show_if(weekly, "WEEKLY");
    for (const ShownValue& value : shown_points) {
      shown.add("ROW")
          .set("WHEN", weekly ? "week of " + date_label(value.point.time)
                              : store::format_local(value.point.time, zone))
          .set("VALUE", core::number_text(value.point.value) +
                            (weekly ? " (mean of " + std::to_string(value.values) + ")" : ""));
    }
  }
  if (!review.sessions.empty()) {
    Values table = values.add("HAS_SESSIONS");
    for (const core::CompletedSession& session : review.sessions) {
      table.add("SESSION")
          .set("WHEN", store::format_local(session.time, zone))
          .set("STYLE", core::style_name(session.style))
          .set("MINUTES", session.minutes)
          .set("PRESSURE", session.pressure);
    }
  }
  show_plan(review, values);
}

}  // namespace mn::web
