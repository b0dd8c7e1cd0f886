#include "codec/progress_text.hpp"

#include <algorithm>

#include "codec/assessment_view.hpp"
#include "codec/progress_chart.hpp"
#include "codec/utf8.hpp"
#include "core/progress_wording.hpp"

namespace mn::codec {

namespace {

// Number columns: right-aligned, at least two spaces apart.
constexpr std::size_t kNumberWidth = 12;

std::string padded_right(const std::string& text, std::size_t width) {
  const std::size_t length = count_characters(text);
  return text + std::string(width > length ? width - length : 0, ' ');
}

std::string padded_left(const std::string& text, std::size_t width) {
  const std::size_t length = count_characters(text);
  return std::string(width > length ? width - length : 0, ' ') + text;
}

// "yes (≥1.3 points, Cleland 2008; ≥2 points or 30%, Farrar 2001, Ostelo
// 2008 not reached)": the deciding threshold first, then the others.
std::string judgement_text(const core::KnowledgeBase& knowledge, const core::Statement& statement) {
  if (statement.checks.empty()) return "no threshold applies";
  std::string text = std::string(statement.holds ? "yes" : "no") + " (" +
                     core::threshold_text(knowledge, statement.checks.front().threshold);
  for (std::size_t c = 1; c < statement.checks.size(); ++c) {
    const core::ThresholdCheck& check = statement.checks[c];
    const core::ChangeThreshold& threshold = knowledge.progress.thresholds[check.threshold];
    text += "; ";
    if (!threshold.label.empty()) text += threshold.label + " ";
    text += core::threshold_text(knowledge, check.threshold) +
            (check.met ? " reached" : " not reached");
  }
  return text + ")";
}

void table(const core::KnowledgeBase& knowledge, const core::Progress& progress, std::string& out) {
  std::size_t label_width = 7;  // "measure"
  for (const auto& measure : progress.measures) {
    label_width = std::max(label_width, count_characters(core::measure_label(knowledge, measure)));
  }
  out += padded_right("measure", label_width);
  for (const char* heading : {"values", "baseline", "latest", "change", "trend/week"}) {
    out += padded_left(heading, kNumberWidth);
  }
  out += '\n';
  for (const core::MeasureProgress& measure : progress.measures) {
    out += padded_right(core::measure_label(knowledge, measure), label_width) +
           padded_left(std::to_string(measure.values), kNumberWidth) +
           padded_left(core::number_text(measure.baseline), kNumberWidth) +
           padded_left(core::number_text(measure.latest), kNumberWidth) +
           padded_left(measure.compared ? core::signed_text(measure.change) : "-", kNumberWidth) +
           padded_left(measure.trend_per_week ? core::signed_text(*measure.trend_per_week) : "-",
                       kNumberWidth) +
           '\n';
    if (!measure.compared) {
      out += "  not compared yet: every value still belongs to the baseline\n";
      continue;
    }
    out += "  beyond noise: " + judgement_text(knowledge, measure.beyond_noise) + '\n';
    out += "  meaningful: " + judgement_text(knowledge, measure.clinically_meaningful) + '\n';
    if (measure.sustained_entries > 0) {
      out += "  better beyond noise and meaningfully for the last " +
             std::to_string(measure.sustained_entries) + " entries over " +
             core::number_text(measure.sustained_days) + " days\n";
    }
  }
}

void charts(const core::KnowledgeBase& knowledge, const core::Progress& progress,
            std::span<const core::JournalEntry> entries,
            std::span<const core::CompletedSession> sessions, const DateLabel& date_label,
            std::string& out) {
  const ChartSpan span = chart_span(entries, sessions, progress.now);
  out += "\nCharts: * a value (the mean of those close in time), ^ a session\n";
  for (const core::MeasureProgress& measure : progress.measures) {
    out += '\n' + core::measure_label(knowledge, measure) + '\n';
    const auto points = measure_points(entries, measure, progress.now);
    for (const std::string& line : chart_lines(points, sessions, span, date_label)) {
      out += line + '\n';
    }
  }
}

void flags(const core::KnowledgeBase& knowledge, const core::Progress& progress,
           const DateLabel& date_label, std::string& out) {
  const core::ProgressPolicy& policy = knowledge.progress;
  const core::ProgressFlags& flags = progress.flags;
  std::vector<std::string> lines;
  if (flags.sharp_pain_at) {
    lines.push_back(fill(policy.sharp_pain.text, {{"date", date_label(*flags.sharp_pain_at)}}));
  }
  if (flags.soreness_hours) {
    lines.push_back(fill(policy.soreness_past_limit.text,
                         {{"hours", core::number_text(*flags.soreness_hours)},
                          {"limit", core::number_text(policy.soreness_limit_hours)}}));
  }
  if (flags.new_symptoms_at) {
    lines.push_back(fill(policy.new_symptoms.text, {{"date", date_label(*flags.new_symptoms_at)},
                                                    {"text", flags.new_symptoms}}));
  }
  if (flags.pain_worse) {
    std::string worse;
    for (const core::MeasureProgress& measure : progress.measures) {
      if (measure.kind != core::MeasureKind::pain || !measure.compared ||
          measure.direction != core::Direction::worse || !measure.clinically_meaningful.holds) {
        continue;
      }
      worse += (worse.empty() ? "" : ", ") + core::measure_label(knowledge, measure);
    }
    lines.push_back("Pain is worse by a meaningful amount: " + worse + ".");
  }
  out += "\nFlags (the last " + std::to_string(policy.flag_days) + " days):";
  if (lines.empty()) out += " none";
  out += '\n';
  for (const std::string& line : lines) out += "  - " + line + '\n';
}

void adaptation_section(const core::KnowledgeBase& knowledge, const core::Adaptation& adaptation,
                        std::string& out) {
  const core::AdaptationRule& rule = knowledge.progress.rules.at(adaptation.rule);
  out += "\nPlan: " + std::string(core::decision_name(adaptation.decision)) + " (rule " + rule.id +
         ")\n";
  for (const std::string& line : adaptation.explanation) out += "  " + line + '\n';
}

}  // namespace

std::string progress_to_text(const core::KnowledgeBase& knowledge, const core::Progress& progress,
                             const core::Adaptation* adaptation,
                             std::span<const core::JournalEntry> entries,
                             std::span<const core::CompletedSession> sessions,
                             const DateLabel& date_label) {
  std::string out = "Progress on " + date_label(progress.now) + ": " +
                    std::to_string(progress.entries) + " journal entries, " +
                    std::to_string(progress.sessions_completed) + " sessions";
  if (progress.last_session) out += " (the last on " + date_label(*progress.last_session) + ")";
  out += "\n\n";
  if (progress.measures.empty()) {
    out += "No ratings in the journal yet.\n";
  } else {
    table(knowledge, progress, out);
    charts(knowledge, progress, entries, sessions, date_label, out);
  }
  flags(knowledge, progress, date_label, out);
  if (adaptation != nullptr) adaptation_section(knowledge, *adaptation, out);
  return out;
}

}  // namespace mn::codec
