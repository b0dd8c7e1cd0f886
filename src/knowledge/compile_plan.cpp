#include "knowledge/compilation.hpp"

namespace mn::knowledge {

namespace {

const std::string kFile = "plan.yaml";

core::Style cadence_style(const std::string& name) {
  if (name == "therapeutic") return core::Style::therapeutic;
  if (name == "relaxation") return core::Style::relaxation;
  return core::Style::consultation;
}

void require_placeholders(Compilation& compilation, const yaml::Node& node,
                          const core::TextItem& item,
                          std::initializer_list<const char*> placeholders) {
  for (const char* placeholder : placeholders) {
    if (item.text.find(placeholder) == std::string::npos) {
      compilation.diagnostics.add(kFile, node.mark(),
                                  "text '" + item.id + "' must contain " + placeholder);
    }
  }
}

}  // namespace

void compile_plan(Compilation& compilation, const yaml::Node& root) {
  core::PlanPolicy& plan = compilation.knowledge.plan;
  const std::string active = scalar(root["dose_policy"]);
  for (const auto& node : root["dose_policies"]) {
    if (scalar(node["id"]) == active)
      plan.active_dose_policy = static_cast<core::Index>(plan.dose_policies.size());
    plan.dose_policies.push_back(
        {scalar(node["id"]), scalar(node["description"]), compilation.sources(node["source"])});
  }
  plan.first_session_after_days =
      static_cast<std::uint16_t>(yaml::to_int(root["first_session_after_days"]));
  plan.minimum_minutes = static_cast<std::uint16_t>(yaml::to_int(root["minimum_minutes"]));
  plan.currency = scalar(root["currency"]);
  plan.sources = compilation.sources(root["source"]);
  for (const auto& node : root["prices"]) {
    const core::Price price{static_cast<std::uint16_t>(yaml::to_int(node["minutes"])),
                            yaml::to_double(node["price"])};
    if (!plan.prices.empty() && price.minutes <= plan.prices.back().minutes) {
      compilation.diagnostics.add(kFile, node.mark(), "prices must be listed by ascending minutes");
    }
    plan.prices.push_back(price);
  }
  const ConditionScope scope{.allow_items = true, .allow_style = false};
  std::uint8_t fallback_seen = 0;
  for (const auto& node : root["cadences"]) {
    const std::string policy = scalar(node["dose_policy"]);
    core::Cadence cadence;
    cadence.id = scalar(node["id"]);
    cadence.style = cadence_style(scalar(node["style"]));
    cadence.explanation = scalar(node["explanation"]);
    cadence.sources = compilation.sources(node["source"]);
    cadence.when = compilation.conditions.compile(kFile, node["when"], scope);
    if (node["review_after_sessions"]) {
      cadence.review_after_sessions =
          static_cast<std::uint16_t>(yaml::to_int(node["review_after_sessions"]));
    }
    for (const auto& phase_node : node["phases"]) {
      core::Phase phase;
      phase.style = cadence.style;
      phase.every_days = static_cast<std::uint16_t>(yaml::to_int(phase_node["every_days"]));
      phase.sessions = static_cast<std::uint16_t>(yaml::to_int(phase_node["sessions"]));
      phase.minutes = static_cast<std::uint16_t>(yaml::to_int(phase_node["minutes"]));
      phase.purpose = scalar(phase_node["purpose"]);
      cadence.phases.push_back(std::move(phase));
    }
    if (!policy.empty() && policy != active) continue;  // another dose policy's cadence
    const auto style_bit = static_cast<std::uint8_t>(1U << static_cast<unsigned>(cadence.style));
    if (fallback_seen & style_bit) {
      compilation.diagnostics.add(
          kFile, node.mark(),
          "cadence '" + cadence.id +
              "' can never be chosen: an earlier cadence of its style has no 'when'");
    }
    if (!node["when"]) fallback_seen = static_cast<std::uint8_t>(fallback_seen | style_bit);
    plan.cadences.push_back(std::move(cadence));
  }
  for (core::Style style :
       {core::Style::therapeutic, core::Style::relaxation, core::Style::consultation}) {
    if (!(fallback_seen & (1U << static_cast<unsigned>(style)))) {
      compilation.diagnostics.add(kFile, root["cadences"].mark(),
                                  "style '" + std::string(core::style_name(style)) +
                                      "' needs a last cadence without 'when' under dose policy '" +
                                      active + "'");
    }
  }
  const auto& messages = root["messages"];
  plan.budget_binds = compilation.text_item(kFile, messages["budget_binds"], {});
  plan.budget_below_minimum = compilation.text_item(kFile, messages["budget_below_minimum"], {});
  plan.monthly_limit_binds = compilation.text_item(kFile, messages["monthly_limit_binds"], {});
  plan.monthly_limit_drops_relaxation =
      compilation.text_item(kFile, messages["monthly_limit_drops_relaxation"], {});
  plan.on_hold = compilation.text_item(kFile, messages["on_hold"], {});
  require_placeholders(compilation, messages["budget_binds"], plan.budget_binds,
                       {"{minutes}", "{budget}"});
  require_placeholders(compilation, messages["budget_below_minimum"], plan.budget_below_minimum,
                       {"{budget}"});
  require_placeholders(compilation, messages["monthly_limit_binds"], plan.monthly_limit_binds,
                       {"{limit}"});
}

}  // namespace mn::knowledge
