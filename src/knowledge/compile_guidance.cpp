#include "knowledge/compilation.hpp"

namespace mn::knowledge {

void compile_guidance(Compilation& compilation, const yaml::Node& root) {
  const std::string file = "guidance.yaml";
  core::Guidance& guidance = compilation.knowledge.guidance;
  const ConditionScope scope{.allow_items = true, .allow_style = true};
  const auto& headlines = root["headlines"];
  for (int s = 0; s < static_cast<int>(core::Style::count); ++s) {
    const std::string name(core::style_name(static_cast<core::Style>(s)));
    guidance.style_headlines[static_cast<std::size_t>(s)] =
        compilation.text_item(file, headlines[name], {});
  }
  for (int s = 0; s < 3; ++s) {
    const std::string name(core::safety_status_name(static_cast<core::SafetyStatus>(s)));
    guidance.safety_headlines[static_cast<std::size_t>(s)] =
        compilation.text_item(file, headlines[name], {});
  }
  guidance.styles = compilation.text_items(file, root["styles"], scope);
  guidance.preparation = compilation.text_items(file, root["preparation"], scope);
  guidance.aftercare = compilation.text_items(file, root["aftercare"], scope);
  guidance.when_to_call = compilation.text_items(file, root["when_to_call"], scope);
  guidance.pairings = compilation.text_items(file, root["pairings"], scope);
  guidance.bring_to_clinic = compilation.text_items(file, root["bring_to_clinic"], scope);
  guidance.evidence = compilation.text_items(file, root["evidence"], scope);
  guidance.misconceptions = compilation.text_items(file, root["misconceptions"], scope);
  guidance.choosing_a_therapist = compilation.text_items(file, root["choosing_a_therapist"], scope);
  for (const auto& node : root["faq"]) {
    guidance.faq.push_back({scalar(node["id"]), scalar(node["question"]), scalar(node["answer"]),
                            compilation.sources(node["source"])});
  }
  const auto& tell = root["tell_your_therapist"];
  const std::pair<core::TextItem*, std::pair<const char*, const char*>> templates[] = {
      {&guidance.tell_conditions, {"conditions", "{items}"}},
      {&guidance.tell_medications, {"medications", "{items}"}},
      {&guidance.tell_areas, {"areas", "{items}"}},
      {&guidance.tell_pressure, {"pressure", "{level}"}},
      {&guidance.tell_avoid, {"avoid", "{items}"}},
      {&guidance.tell_position, {"position", "{position}"}},
      {&guidance.tell_minutes, {"minutes", "{minutes}"}}};
  for (const auto& [item, key_and_placeholder] : templates) {
    const auto& [key, placeholder] = key_and_placeholder;
    *item = compilation.text_item(file, tell[key], {});
    if (item->text.find(placeholder) == std::string::npos) {
      compilation.diagnostics.add(
          file, tell[key].mark(),
          std::string("tell_your_therapist.") + key + " must contain " + placeholder);
    }
  }
}

}  // namespace mn::knowledge
