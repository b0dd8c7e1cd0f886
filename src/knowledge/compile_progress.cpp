// Progress measures, change thresholds, journal flags and adaptation rules.
#include <string_view>

#include "knowledge/compilation.hpp"

namespace mn::knowledge {

namespace {

const std::string kFile = "progress.yaml";

template <class Enum>
Enum enum_of(const std::string& name, std::string_view (*name_of)(Enum), Enum count) {
  for (int e = 0; e < static_cast<int>(count); ++e) {
    if (name_of(static_cast<Enum>(e)) == name) return static_cast<Enum>(e);
  }
  return static_cast<Enum>(0);  // unreachable: the schema checked the enum
}

std::uint16_t to_u16(const yaml::Node& node) {
  return static_cast<std::uint16_t>(yaml::to_int(node));
}

void compile_thresholds(Compilation& compilation, const yaml::Node& list,
                        std::map<std::string, core::Index>& index) {
  core::ProgressPolicy& progress = compilation.knowledge.progress;
  for (const auto& node : list) {
    core::ChangeThreshold threshold;
    threshold.id = scalar(node["id"]);
    threshold.label = scalar(node["label"]);
    threshold.points = yaml::to_double(node["points"]);
    if (node["percent"]) threshold.percent = yaml::to_double(node["percent"]);
    for (const auto& region : node["regions"]) {
      const auto value = core::choice_by_name(core::Choices::region, scalar(region));
      if (!value) {
        compilation.diagnostics.add(kFile, region.mark(),
                                    "unknown region '" + scalar(region) + "'");
        continue;
      }
      threshold.regions |= core::ChoiceMask{1} << *value;
    }
    threshold.sources = compilation.sources(node["source"]);
    index.emplace(threshold.id, static_cast<core::Index>(progress.thresholds.size()));
    progress.thresholds.push_back(std::move(threshold));
  }
}

std::vector<core::Index> threshold_list(const yaml::Node& list,
                                        const std::map<std::string, core::Index>& index) {
  std::vector<core::Index> result;
  // References were checked by the schema.
  for (const auto& entry : list) result.push_back(index.at(scalar(entry)));
  return result;
}

void compile_measures(Compilation& compilation, const yaml::Node& measures,
                      const std::map<std::string, core::Index>& index) {
  core::ProgressPolicy& progress = compilation.knowledge.progress;
  for (std::size_t m = 0; m < core::kMeasureKindCount; ++m) {
    const std::string name(core::measure_kind_name(static_cast<core::MeasureKind>(m)));
    const yaml::Node node = measures[name];
    core::MeasurePolicy& measure = progress.measures.at(m);
    measure.id = scalar(node["id"]);
    measure.label = scalar(node["label"]);
    measure.lower_is_better = scalar(node["better"]) == "lower";
    measure.noise = threshold_list(node["noise"], index);
    measure.meaningful = threshold_list(node["meaningful"], index);
    measure.sources = compilation.sources(node["source"]);
    const bool is_pain = m == static_cast<std::size_t>(core::MeasureKind::pain);
    if (is_pain && measure.label.find("{region}") == std::string::npos) {
      compilation.diagnostics.add(kFile, node["label"].mark(),
                                  "the pain measure's label must contain {region}");
    }
    for (const auto* list : {&measure.noise, &measure.meaningful}) {
      for (core::Index threshold : *list) {
        if (!is_pain && progress.thresholds[threshold].regions != 0) {
          compilation.diagnostics.add(kFile, node.mark(),
                                      "threshold '" + progress.thresholds[threshold].id +
                                          "' names regions, so only the pain measure may use it");
        }
      }
    }
  }
}

void compile_flags(Compilation& compilation, const yaml::Node& flags) {
  core::ProgressPolicy& progress = compilation.knowledge.progress;
  progress.flag_days = to_u16(flags["window_days"]);
  progress.soreness_limit_hours = yaml::to_double(flags["soreness_limit_hours"]);
  progress.flag_sources = compilation.sources(flags["source"]);
  const yaml::Node messages = flags["messages"];
  const std::pair<core::TextItem*, std::pair<const char*, const char*>> templates[] = {
      {&progress.sharp_pain, {"sharp_pain", "{date}"}},
      {&progress.soreness_past_limit, {"soreness_past_limit", "{hours}"}},
      {&progress.new_symptoms, {"new_symptoms", "{text}"}}};
  for (const auto& [item, key_and_placeholder] : templates) {
    const auto& [key, placeholder] = key_and_placeholder;
    *item = compilation.text_item(kFile, messages[key], {});
    if (item->text.find(placeholder) == std::string::npos) {
      compilation.diagnostics.add(
          kFile, messages[key].mark(),
          std::string("flags.messages.") + key + " must contain " + placeholder);
    }
  }
}

void compile_adaptation(Compilation& compilation, const yaml::Node& adaptation) {
  core::KnowledgeBase& knowledge = compilation.knowledge;
  core::ProgressPolicy& progress = knowledge.progress;
  progress.sustained_days = to_u16(adaptation["sustained_days"]);
  progress.sustained_entries = to_u16(adaptation["sustained_entries"]);
  progress.taper_factor = yaml::to_double(adaptation["taper_factor"]);
  progress.taper_max_every_days = to_u16(adaptation["taper_max_every_days"]);
  progress.adaptation_sources = compilation.sources(adaptation["source"]);
  const std::string cadence = scalar(adaptation["relaxation_cadence"]);
  bool found = false;
  for (std::size_t c = 0; c < knowledge.plan.cadences.size(); ++c) {
    if (knowledge.plan.cadences[c].id != cadence) continue;
    found = knowledge.plan.cadences[c].style == core::Style::relaxation;
    progress.relaxation_cadence = static_cast<core::Index>(c);
  }
  if (!found) {
    compilation.diagnostics.add(
        kFile, adaptation["relaxation_cadence"].mark(),
        "relaxation_cadence '" + cadence +
            "' must be a relaxation cadence of the active dose policy in plan.yaml");
  }
  for (const auto& node : adaptation["rules"]) {
    core::AdaptationRule rule;
    rule.id = scalar(node["id"]);
    rule.when = enum_of(scalar(node["when"]), core::trigger_name, core::Trigger::count);
    rule.decision = enum_of(scalar(node["decision"]), core::decision_name, core::Decision::count);
    rule.text = scalar(node["text"]);
    rule.sources = compilation.sources(node["source"]);
    if (!progress.rules.empty() && progress.rules.back().when == core::Trigger::always) {
      compilation.diagnostics.add(
          kFile, node.mark(),
          "rule '" + rule.id + "' can never fire: an earlier rule's 'when' is always");
    }
    progress.rules.push_back(std::move(rule));
  }
  if (progress.rules.empty() || progress.rules.back().when != core::Trigger::always) {
    compilation.diagnostics.add(kFile, adaptation["rules"].mark(),
                                "the last adaptation rule must have 'when: always'");
  }
}

}  // namespace

void compile_progress(Compilation& compilation, const yaml::Node& root) {
  core::ProgressPolicy& progress = compilation.knowledge.progress;
  const yaml::Node windows = root["windows"];
  progress.baseline_days = to_u16(windows["baseline_days"]);
  progress.baseline_entries = to_u16(windows["baseline_entries"]);
  progress.latest_hours = to_u16(windows["latest_hours"]);
  progress.trend_days = to_u16(windows["trend_days"]);
  progress.window_sources = compilation.sources(windows["source"]);
  std::map<std::string, core::Index> index;
  compile_thresholds(compilation, root["thresholds"], index);
  compile_measures(compilation, root["measures"], index);
  compile_flags(compilation, root["flags"]);
  compile_adaptation(compilation, root["adaptation"]);
}

}  // namespace mn::knowledge
