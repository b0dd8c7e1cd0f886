#include "core/progress_wording.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mn::core {

namespace {

// "farrar-2001" -> "Farrar 2001", "clinic-policy" -> "Clinic policy".
std::string source_name(const Source& source) {
  std::string name = source.id;
  std::replace(name.begin(), name.end(), '-', ' ');
  if (!name.empty() && name.front() >= 'a' && name.front() <= 'z') {
    name.front() = static_cast<char>(name.front() - 'a' + 'A');
  }
  return name;
}

}  // namespace

std::string number_text(double value) {
  char buffer[32];
  const double rounded = std::round(value * 10) / 10;
  auto* const end =
      std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, 1).ptr;
  std::string text(buffer, end);
  if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
  if (text == "-0") text = "0";
  return text;
}

std::string signed_text(double value) {
  const std::string magnitude = number_text(std::fabs(value));
  if (magnitude == "0") return "0";
  return (value < 0 ? "\u2212" : "+") + magnitude;
}

std::string sources_text(const KnowledgeBase& knowledge, const SourceList& sources) {
  std::string text;
  for (Index source : sources) {
    if (!text.empty()) text += ", ";
    text += source_name(knowledge.sources[source]);
  }
  return text;
}

std::string threshold_text(const KnowledgeBase& knowledge, Index threshold) {
  const ChangeThreshold& item = knowledge.progress.thresholds[threshold];
  std::string text =
      "\u2265" + number_text(item.points) + (item.points == 1 ? " point" : " points");
  if (item.percent > 0) text += " or " + number_text(item.percent) + "%";
  return text + ", " + sources_text(knowledge, item.sources);
}

void replace_all(std::string& text, std::string_view placeholder, const std::string& value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
}

std::string measure_label(const KnowledgeBase& knowledge, const MeasureProgress& measure) {
  std::string label = knowledge.progress.measures.at(static_cast<std::size_t>(measure.kind)).label;
  std::string region(choice_names(Choices::region).at(static_cast<std::size_t>(measure.region)));
  std::replace(region.begin(), region.end(), '_', ' ');
  replace_all(label, "{region}", region);
  return label;
}

std::string statement_text(const KnowledgeBase& knowledge, const Statement& statement,
                           std::string_view yes, std::string_view no) {
  if (statement.checks.empty()) return std::string(no);
  std::string text = std::string(statement.holds ? yes : no) + ": " +
                     threshold_text(knowledge, statement.checks.front().threshold);
  for (std::size_t c = 1; c < statement.checks.size(); ++c) {
    const ThresholdCheck& check = statement.checks[c];
    const ChangeThreshold& threshold = knowledge.progress.thresholds[check.threshold];
    text += "; ";
    if (!threshold.label.empty()) text += threshold.label + " ";
    text += threshold_text(knowledge, check.threshold) + (check.met ? " reached" : " not reached");
  }
  return text;
}

std::string measure_line(const KnowledgeBase& knowledge, const MeasureProgress& measure) {
  std::string line = measure_label(knowledge, measure) + " " + number_text(measure.baseline) +
                     " \u2192 " + number_text(measure.latest) + " (" + signed_text(measure.change);
  if (!measure.compared) return line + "; no entries after the baseline yet)";
  line += "; " + statement_text(knowledge, measure.beyond_noise, "beyond noise", "within noise");
  line += "; " +
          statement_text(knowledge, measure.clinically_meaningful, "meaningful", "not meaningful");
  return line + ")";
}

}  // namespace mn::core
