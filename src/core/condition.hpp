#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/intake.hpp"
#include "core/style.hpp"

namespace mn::core {

// Three-valued (Kleene) truth: an unanswered question is `unknown`, never
// `no`. all(): false if any child is false, else unknown if any is unknown.
// any(): true if any child is true, else unknown if any is unknown.
enum class Truth : std::uint8_t { no, unknown, yes };

enum class NodeKind : std::uint8_t {
  all,
  any,
  negate,
  boolean_is,  // field is true / false
  number_compare,
  choice_in,     // a choice field's value is one of `mask`
  set_includes,  // a choice-set field contains any of `mask`
  pain_area,     // some pain area passes every filter
  item_matched,  // a checklist item matched (only after the checklists ran)
  style_in,      // the recommended style is one of `mask` (only after the decision)
};

enum class Compare : std::uint8_t { at_least, at_most, below, above };

struct PainAreaFilter {
  ChoiceMask regions = 0;          // 0 = any region
  std::int8_t localized = -1;      // -1 = either, 0 = no, 1 = yes
  double intensity_at_least = -1;  // < 0: no filter
  double weeks_at_least = -1;
};

// One compiled node. Children are stored contiguously in
// ConditionProgram::children from `first_child`.
struct ConditionNode {
  NodeKind kind = NodeKind::all;
  Field field = Field::count;
  Compare compare = Compare::at_least;
  bool expected = true;
  double number = 0;
  ChoiceMask mask = 0;
  std::uint16_t index = 0;  // checklist item for item_matched
  PainAreaFilter pain;
  std::uint16_t first_child = 0;
  std::uint16_t child_count = 0;
};

using ConditionRef = std::uint16_t;
// A rule with no `when` always applies.
inline constexpr ConditionRef kAlways = 0xFFFF;

// Every condition of a knowledge base, compiled into one flat array so
// evaluation follows indices and never compares strings.
struct ConditionProgram {
  std::vector<ConditionNode> nodes;
  std::vector<ConditionRef> children;
};

// What a condition may look at. `matched_items` and `style` are only
// meaningful for conditions evaluated after the checklists and the decision.
struct EvaluationContext {
  const Intake* intake = nullptr;
  std::uint64_t matched_items = 0;
  Style style = Style::consultation;
};

// The leaves that made a condition true, for explanations drawn from the
// evaluation itself. Fixed capacity: evaluation never allocates.
struct Trace {
  struct Entry {
    ConditionRef node;
    std::int16_t pain_area;  // index into intake.pain_areas, or -1
  };
  std::array<Entry, 8> entries{};
  std::uint8_t count = 0;
};

// Evaluates `root` (kAlways yields yes). When `trace` is given, it receives
// the leaves that held in the branches that decided a `yes`.
Truth evaluate(const ConditionProgram& program, ConditionRef root, const EvaluationContext& context,
               Trace* trace = nullptr);

// A bit per intake Field the condition reads (pain_area leaves read
// pain_areas).
std::uint32_t fields_of(const ConditionProgram& program, ConditionRef root);

}  // namespace mn::core
