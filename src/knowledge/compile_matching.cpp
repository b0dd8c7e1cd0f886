#include <set>
#include <span>
#include <string_view>

#include "knowledge/compilation.hpp"

namespace mn::knowledge {

namespace {

const std::string kFile = "matching.yaml";

std::string names_of(std::span<const std::string_view> names) {
  std::string text;
  for (const std::string_view name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

// The trainings named in `list`; an unknown name is reported where it stands.
core::TrainingMask training_mask(Compilation& compilation, const yaml::Node& list) {
  core::TrainingMask mask = 0;
  for (const auto& name : list) {
    const auto training = core::training_by_name(scalar(name));
    if (!training) {
      compilation.diagnostics.add(kFile, name.mark(),
                                  "unknown training '" + scalar(name) + "' (one of " +
                                      names_of(core::kTrainingNames) + ")");
      continue;
    }
    mask = static_cast<core::TrainingMask>(mask | core::training_bit(*training));
  }
  return mask;
}

core::SettingMask setting_mask(Compilation& compilation, const yaml::Node& list) {
  core::SettingMask mask = 0;
  for (const auto& name : list) {
    const auto setting = core::setting_by_name(scalar(name));
    if (!setting) {
      compilation.diagnostics.add(
          kFile, name.mark(),
          "unknown setting '" + scalar(name) + "' (one of " + names_of(core::kSettingNames) + ")");
      continue;
    }
    mask = static_cast<core::SettingMask>(mask | core::setting_bit(*setting));
  }
  return mask;
}

void compile_factors(Compilation& compilation, const yaml::Node& node) {
  core::MatchingPolicy& policy = compilation.knowledge.matching;
  policy.max_score = 0;
  for (std::size_t f = 0; f < core::kMatchFactorCount; ++f) {
    const auto name = std::string(core::match_factor_name(static_cast<core::MatchFactor>(f)));
    const auto& factor = node[name];
    policy.factors[f] = {yaml::to_double(factor["weight"]), scalar(factor["label"]),
                         scalar(factor["explanation"]), compilation.sources(factor["source"])};
    policy.max_score += policy.factors[f].weight;
  }
  if (policy.max_score <= 0) {
    compilation.diagnostics.add(kFile, node.mark(),
                                "the factors' weights add up to 0: every therapist would score "
                                "the same");
  }
}

void compile_styles(Compilation& compilation, const yaml::Node& root) {
  core::MatchingPolicy& policy = compilation.knowledge.matching;
  for (std::size_t t = 0; t < core::kTrainingCount; ++t) {
    policy.training_labels[t] = scalar(root["trainings"][std::string(core::kTrainingNames[t])]);
  }
  for (std::size_t s = 0; s < core::kSettingCount; ++s) {
    policy.setting_labels[s] = scalar(root["settings"][std::string(core::kSettingNames[s])]);
  }
  for (int s = 0; s < static_cast<int>(core::Style::count); ++s) {
    const auto name = std::string(core::style_name(static_cast<core::Style>(s)));
    const auto index = static_cast<std::size_t>(s);
    policy.style_training[index] = training_mask(compilation, root["style_training"][name]);
    policy.style_setting[index] = setting_mask(compilation, root["style_setting"][name]);
  }
}

void compile_techniques(Compilation& compilation, const yaml::Node& list) {
  core::MatchingPolicy& policy = compilation.knowledge.matching;
  std::set<core::Index> seen;
  for (const auto& node : list) {
    const auto item = compilation.item_index.find(scalar(node["item"]));
    if (item == compilation.item_index.end()) continue;  // reported by the schema
    if (!seen.insert(item->second).second) {
      compilation.diagnostics.add(kFile, node["item"].mark(),
                                  "item '" + scalar(node["item"]) + "' is listed twice");
    }
    policy.techniques.push_back({item->second, training_mask(compilation, node["training"]),
                                 compilation.sources(node["source"])});
  }
}

void compile_precautions(Compilation& compilation, const yaml::Node& list) {
  core::MatchingPolicy& policy = compilation.knowledge.matching;
  for (const auto& node : list) {
    core::PrecautionCompetence competence;
    competence.id = scalar(node["id"]);
    for (const auto& rule : node["rules"]) {
      const auto found = compilation.rule_index.find(scalar(rule));
      if (found != compilation.rule_index.end()) competence.rules.push_back(found->second);
    }
    competence.need = scalar(node["need"]) == "required" ? core::PrecautionNeed::required
                                                         : core::PrecautionNeed::preferred;
    competence.training = training_mask(compilation, node["training"]);
    competence.medical_input_meets = yaml::to_bool(node["accepts_medical_input"]);
    competence.text = scalar(node["text"]);
    competence.sources = compilation.sources(node["source"]);
    if (competence.training == 0 && !competence.medical_input_meets) {
      compilation.diagnostics.add(kFile, node.mark(),
                                  "precaution '" + competence.id +
                                      "' can never be met: it names no training and does not "
                                      "accept medical input");
    }
    policy.precautions.push_back(std::move(competence));
  }
}

core::SafetyStatus status_of(const std::string& name) {
  if (name == "clear") return core::SafetyStatus::clear;
  if (name == "adjust") return core::SafetyStatus::adjust;
  return core::SafetyStatus::consult_provider_first;
}

void compile_settings(Compilation& compilation, const yaml::Node& root) {
  core::MatchingPolicy& policy = compilation.knowledge.matching;
  const auto& reviews = root["reviews"];
  policy.review_prior_mean = yaml::to_double(reviews["prior_mean"]);
  policy.review_prior_count = yaml::to_double(reviews["prior_count"]);
  policy.review_floor = yaml::to_double(reviews["floor"]);
  const auto& distance = root["distance"];
  policy.default_radius_km = yaml::to_double(distance["default_radius_km"]);
  policy.max_radius_km = yaml::to_double(distance["max_radius_km"]);
  policy.full_points_within_km = yaml::to_double(distance["full_points_within_km"]);
  if (policy.default_radius_km > policy.max_radius_km) {
    compilation.diagnostics.add(kFile, distance["default_radius_km"].mark(),
                                "default_radius_km must not be larger than max_radius_km");
  }
  if (policy.full_points_within_km >= policy.default_radius_km) {
    compilation.diagnostics.add(kFile, distance["full_points_within_km"].mark(),
                                "full_points_within_km must be smaller than default_radius_km");
  }
  policy.zero_points_over_budget_percent =
      yaml::to_double(root["price"]["zero_points_over_budget_percent"]);
  policy.medical_input_from = status_of(scalar(root["medical_input"]["from_status"]));
  const auto& exclusions = root["exclusions"];
  for (std::size_t r = 0; r < core::kExclusionReasonCount; ++r) {
    const auto reason = static_cast<core::ExclusionReason>(r);
    if (reason == core::ExclusionReason::precaution) continue;  // each precaution's own text
    policy.exclusion_texts[r] =
        scalar(exclusions[std::string(core::exclusion_reason_name(reason))]);
  }
}

}  // namespace

void compile_matching(Compilation& compilation, const yaml::Node& root) {
  compilation.knowledge.matching.sources = compilation.sources(root["source"]);
  compile_factors(compilation, root["factors"]);
  compile_styles(compilation, root);
  compile_techniques(compilation, root["techniques"]);
  compile_precautions(compilation, root["precautions"]);
  compile_settings(compilation, root);
}

}  // namespace mn::knowledge
