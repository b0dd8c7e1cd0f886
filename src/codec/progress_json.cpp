#include "codec/progress_json.hpp"

#include <nlohmann/json.hpp>

#include "codec/plan_json.hpp"
#include "codec/utc_time.hpp"
#include "core/progress_wording.hpp"

namespace mn::codec {

namespace {

using json = nlohmann::ordered_json;

std::string_view direction_name(core::Direction direction) {
  switch (direction) {
    case core::Direction::better:
      return "better";
    case core::Direction::worse:
      return "worse";
    case core::Direction::unchanged:
      break;
  }
  return "unchanged";
}

json source_ids(const core::KnowledgeBase& knowledge, const core::SourceList& sources) {
  json ids = json::array();
  for (const core::Index source : sources) ids.push_back(knowledge.sources.at(source).id);
  return ids;
}

json statement_json(const core::KnowledgeBase& knowledge, const core::Statement& statement) {
  json checks = json::array();
  for (const core::ThresholdCheck& check : statement.checks) {
    const core::ChangeThreshold& threshold = knowledge.progress.thresholds.at(check.threshold);
    json item{{"threshold", threshold.id}};
    if (!threshold.label.empty()) item["label"] = threshold.label;
    item["met"] = check.met;
    item["points"] = threshold.points;
    if (threshold.percent > 0) item["percent"] = threshold.percent;
    item["sources"] = source_ids(knowledge, threshold.sources);
    checks.push_back(std::move(item));
  }
  return {{"holds", statement.holds}, {"checks", std::move(checks)}};
}

json measure_json(const core::KnowledgeBase& knowledge, const core::MeasureProgress& measure) {
  json object{{"measure", core::measure_kind_name(measure.kind)}};
  if (measure.kind == core::MeasureKind::pain) {
    object["region"] =
        core::choice_names(core::Choices::region).at(static_cast<std::size_t>(measure.region));
  }
  object["label"] = core::measure_label(knowledge, measure);
  object["values"] = measure.values;
  object["compared"] = measure.compared;
  object["baseline"] = measure.baseline;
  object["latest"] = measure.latest;
  object["change"] = measure.change;
  object["trend_per_week"] = measure.trend_per_week ? json(*measure.trend_per_week) : json();
  object["baseline_until"] = format_utc(measure.baseline_until);
  object["latest_at"] = format_utc(measure.latest_at);
  object["direction"] = direction_name(measure.direction);
  object["beyond_noise"] = statement_json(knowledge, measure.beyond_noise);
  object["clinically_meaningful"] = statement_json(knowledge, measure.clinically_meaningful);
  object["sustained_entries"] = measure.sustained_entries;
  object["sustained_days"] = measure.sustained_days;
  return object;
}

json flags_json(const core::KnowledgeBase& knowledge, const core::ProgressFlags& flags) {
  json object{{"red_flag", flags.red_flag()}};
  if (flags.sharp_pain_at) object["sharp_pain_at"] = format_utc(*flags.sharp_pain_at);
  if (flags.soreness_hours) object["soreness_hours"] = *flags.soreness_hours;
  object["soreness_limit_hours"] = knowledge.progress.soreness_limit_hours;
  if (flags.new_symptoms_at) {
    object["new_symptoms_at"] = format_utc(*flags.new_symptoms_at);
    object["new_symptoms"] = flags.new_symptoms;
  }
  object["pain_worse"] = flags.pain_worse;
  return object;
}

json adaptation_json(const core::KnowledgeBase& knowledge, const core::Adaptation& adaptation) {
  json plan = json::parse(plan_to_json(knowledge, adaptation.plan), nullptr, false);
  return {{"decision", core::decision_name(adaptation.decision)},
          {"rule", knowledge.progress.rules.at(adaptation.rule).id},
          {"explanation", adaptation.explanation},
          {"plan", std::move(plan)}};
}

}  // namespace

std::string progress_to_json(const core::KnowledgeBase& knowledge, const core::Progress& progress,
                             const core::Adaptation* adaptation) {
  json document{{"now", format_utc(progress.now)},
                {"entries", progress.entries},
                {"sessions_completed", progress.sessions_completed}};
  if (progress.last_session) document["last_session"] = format_utc(*progress.last_session);
  json measures = json::array();
  for (const core::MeasureProgress& measure : progress.measures) {
    measures.push_back(measure_json(knowledge, measure));
  }
  document["measures"] = std::move(measures);
  document["flags"] = flags_json(knowledge, progress.flags);
  if (adaptation != nullptr) document["adaptation"] = adaptation_json(knowledge, *adaptation);
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace mn::codec
