#include "knowledge/condition_compiler.hpp"

#include <vector>

namespace mn::knowledge {

namespace {

using core::ConditionNode;
using core::NodeKind;

constexpr int kMaxDepth = 16;

std::optional<bool> boolean_of(const yaml::Node& node) {
  if (!node.is_scalar()) return std::nullopt;
  if (node.text() == "true") return true;
  if (node.text() == "false") return false;
  return std::nullopt;
}

std::string joined_names(core::Choices choices) {
  std::string text;
  for (auto name : core::choice_names(choices)) {
    text += (text.empty() ? "" : ", ") + std::string(name);
  }
  return text;
}

}  // namespace

core::ConditionRef ConditionCompiler::compile(const std::string& file, const yaml::Node& yaml,
                                              ConditionScope scope) {
  if (!yaml) return core::kAlways;
  auto compiled = node(file, yaml, scope, 0);
  if (!compiled) return core::kAlways;
  return append(*compiled);
}

core::ConditionRef ConditionCompiler::append(ConditionNode node) {
  // Indices are 16-bit with kAlways reserved; a knowledge base this large is
  // rejected by the caller when the program outgrows them.
  program_.nodes.push_back(node);
  return static_cast<core::ConditionRef>(program_.nodes.size() - 1);
}

std::optional<ConditionNode> ConditionCompiler::node(const std::string& file,
                                                     const yaml::Node& yaml, ConditionScope scope,
                                                     int depth) {
  if (depth > kMaxDepth) {
    diagnostics_.add(file, yaml.mark(), "condition nested deeper than 16 levels");
    return std::nullopt;
  }
  if (!yaml.is_map() || yaml.size() == 0) {
    diagnostics_.add(file, yaml.mark(),
                     "a condition must be a mapping such as {field: knots, is: true}");
    return std::nullopt;
  }
  if (program_.nodes.size() > 60000) {
    diagnostics_.add(file, yaml.mark(), "too many conditions in the knowledge base");
    return std::nullopt;
  }
  if (yaml["field"]) return field_leaf(file, yaml);
  if (yaml.size() != 1) {
    diagnostics_.add(
        file, yaml.mark(),
        "a condition has exactly one of all, any, not, pain_area, item, style or field");
    return std::nullopt;
  }
  const std::string key = yaml.begin()->first.text();
  const yaml::Node value = yaml.begin()->second;
  if (key == "all" || key == "any" || key == "not")
    return combination(file, key, value, scope, depth);
  if (key == "pain_area") return pain_leaf(file, value);
  if (key == "item") return item_leaf(file, yaml, scope);
  if (key == "style") return style_leaf(file, yaml, scope);
  diagnostics_.add(file, yaml.begin()->first.mark(), "unknown condition '" + key + "'");
  return std::nullopt;
}

std::optional<ConditionNode> ConditionCompiler::combination(const std::string& file,
                                                            const std::string& key,
                                                            const yaml::Node& value,
                                                            ConditionScope scope, int depth) {
  ConditionNode result;
  if (key == "not") {
    auto compiled = node(file, value, scope, depth + 1);
    if (!compiled) return std::nullopt;
    result.kind = NodeKind::negate;
    const core::ConditionRef child = append(*compiled);
    result.first_child = static_cast<std::uint16_t>(program_.children.size());
    result.child_count = 1;
    program_.children.push_back(child);
    return result;
  }
  result.kind = key == "all" ? NodeKind::all : NodeKind::any;
  if (!value.is_sequence() || value.size() == 0) {
    diagnostics_.add(file, value.mark(), "'" + key + "' needs a non-empty list of conditions");
    return std::nullopt;
  }
  std::vector<core::ConditionRef> children;
  for (const auto& child : value) {
    auto compiled = node(file, child, scope, depth + 1);
    if (!compiled) return std::nullopt;
    children.push_back(append(*compiled));
  }
  result.first_child = static_cast<std::uint16_t>(program_.children.size());
  result.child_count = static_cast<std::uint16_t>(children.size());
  program_.children.insert(program_.children.end(), children.begin(), children.end());
  return result;
}

std::optional<ConditionNode> ConditionCompiler::item_leaf(const std::string& file,
                                                          const yaml::Node& yaml,
                                                          ConditionScope scope) {
  const yaml::Node value = yaml.begin()->second;
  if (!scope.allow_items) {
    diagnostics_.add(file, yaml.mark(),
                     "'item' conditions are not allowed here (they run before the checklists)");
    return std::nullopt;
  }
  const auto found = value.is_scalar() ? items_.find(value.text()) : items_.end();
  if (found == items_.end()) {
    diagnostics_.add(file, value.mark(),
                     "unknown checklist item id '" + (value.is_scalar() ? value.text() : "") + "'");
    return std::nullopt;
  }
  ConditionNode result;
  result.kind = NodeKind::item_matched;
  result.index = found->second;
  return result;
}

std::optional<ConditionNode> ConditionCompiler::style_leaf(const std::string& file,
                                                           const yaml::Node& yaml,
                                                           ConditionScope scope) {
  const yaml::Node value = yaml.begin()->second;
  if (!scope.allow_style) {
    diagnostics_.add(file, yaml.mark(),
                     "'style' conditions are not allowed here (they run before the decision)");
    return std::nullopt;
  }
  if (!value.is_sequence() || value.size() == 0) {
    diagnostics_.add(file, value.mark(), "'style' needs a list of styles");
    return std::nullopt;
  }
  ConditionNode result;
  result.kind = NodeKind::style_in;
  for (const auto& name : value) {
    const std::string text = name.is_scalar() ? name.text() : "";
    bool known = false;
    for (int s = 0; s < static_cast<int>(core::Style::count); ++s) {
      if (core::style_name(static_cast<core::Style>(s)) == text) {
        result.mask |= core::bit(static_cast<core::Style>(s));
        known = true;
      }
    }
    if (!known) {
      diagnostics_.add(
          file, name.mark(),
          "unknown style '" + text + "' (therapeutic, relaxation, mixed, consultation)");
      return std::nullopt;
    }
  }
  return result;
}

std::optional<ConditionNode> ConditionCompiler::field_leaf(const std::string& file,
                                                           const yaml::Node& yaml) {
  const yaml::Node name = yaml["field"];
  const auto field = name.is_scalar() ? core::field_by_name(name.text()) : std::nullopt;
  if (!field) {
    diagnostics_.add(file, name.mark(),
                     "unknown intake field '" + (name.is_scalar() ? name.text() : "") + "'");
    return std::nullopt;
  }
  if (yaml.size() != 2) {
    diagnostics_.add(file, yaml.mark(), "a field condition has 'field' and exactly one test");
    return std::nullopt;
  }
  const core::FieldInfo& info = core::field_info(*field);
  std::string test;
  yaml::Node value;
  for (const auto& entry : yaml) {
    if (entry.first.text() != "field") {
      test = entry.first.text();
      value = entry.second;
    }
  }
  ConditionNode result;
  result.field = *field;
  const std::string where = "field '" + std::string(info.name) + "'";
  switch (info.type) {
    case core::FieldType::boolean: {
      const auto expected = test == "is" ? boolean_of(value) : std::nullopt;
      if (!expected) {
        diagnostics_.add(file, value.mark(),
                         where + " is yes/no: test it with 'is: true' or 'is: false'");
        return std::nullopt;
      }
      result.kind = NodeKind::boolean_is;
      result.expected = *expected;
      return result;
    }
    case core::FieldType::integer:
    case core::FieldType::number: {
      static const std::pair<const char*, core::Compare> kTests[] = {
          {"at_least", core::Compare::at_least},
          {"at_most", core::Compare::at_most},
          {"below", core::Compare::below},
          {"above", core::Compare::above}};
      for (const auto& [test_name, compare] : kTests) {
        if (test == test_name) {
          const auto number = yaml::number(value);
          if (!number) {
            diagnostics_.add(file, value.mark(), "'" + test + "' needs a number");
            return std::nullopt;
          }
          result.kind = NodeKind::number_compare;
          result.compare = compare;
          result.number = *number;
          return result;
        }
      }
      diagnostics_.add(file, yaml.mark(),
                       where + " is a number: test it with at_least, at_most, below or above");
      return std::nullopt;
    }
    case core::FieldType::choice:
    case core::FieldType::choice_set: {
      const char* expected = info.type == core::FieldType::choice ? "in" : "includes";
      if (test != expected) {
        diagnostics_.add(file, yaml.mark(), where + " is tested with '" + expected + ": [values]'");
        return std::nullopt;
      }
      const auto mask = choice_mask(file, value, info.choices);
      if (!mask) return std::nullopt;
      result.kind =
          info.type == core::FieldType::choice ? NodeKind::choice_in : NodeKind::set_includes;
      result.mask = *mask;
      return result;
    }
    default:
      diagnostics_.add(file, name.mark(), where + " cannot be tested in a condition");
      return std::nullopt;
  }
}

std::optional<ConditionNode> ConditionCompiler::pain_leaf(const std::string& file,
                                                          const yaml::Node& yaml) {
  if (!yaml.is_map()) {
    diagnostics_.add(file, yaml.mark(), "'pain_area' needs a mapping (use {} for any pain area)");
    return std::nullopt;
  }
  ConditionNode result;
  result.kind = NodeKind::pain_area;
  for (const auto& entry : yaml) {
    const std::string key = entry.first.text();
    const yaml::Node value = entry.second;
    if (key == "regions") {
      const auto mask = choice_mask(file, value, core::Choices::region);
      if (!mask) return std::nullopt;
      result.pain.regions = *mask;
    } else if (key == "localized") {
      const auto flag = boolean_of(value);
      if (!flag) {
        diagnostics_.add(file, value.mark(), "'localized' must be true or false");
        return std::nullopt;
      }
      result.pain.localized = *flag ? 1 : 0;
    } else if (key == "intensity_at_least" || key == "weeks_at_least") {
      const auto number = yaml::number(value);
      if (!number || *number < 0) {
        diagnostics_.add(file, value.mark(), "'" + key + "' needs a number >= 0");
        return std::nullopt;
      }
      (key == "intensity_at_least" ? result.pain.intensity_at_least : result.pain.weeks_at_least) =
          *number;
    } else {
      diagnostics_.add(
          file, entry.first.mark(),
          "unknown key '" + key +
              "' in pain_area (regions, localized, intensity_at_least, weeks_at_least)");
      return std::nullopt;
    }
  }
  return result;
}

std::optional<core::ChoiceMask> ConditionCompiler::choice_mask(const std::string& file,
                                                               const yaml::Node& list,
                                                               core::Choices choices) {
  if (!list.is_sequence() || list.size() == 0) {
    diagnostics_.add(file, list.mark(), "needs a non-empty list of values");
    return std::nullopt;
  }
  core::ChoiceMask mask = 0;
  for (const auto& value : list) {
    const auto index =
        value.is_scalar() ? core::choice_by_name(choices, value.text()) : std::nullopt;
    if (!index) {
      diagnostics_.add(file, value.mark(),
                       "unknown value '" + (value.is_scalar() ? value.text() : "") +
                           "' (allowed: " + joined_names(choices) + ")");
      return std::nullopt;
    }
    mask |= core::ChoiceMask{1} << *index;
  }
  return mask;
}

}  // namespace mn::knowledge
