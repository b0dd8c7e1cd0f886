#include "core/condition.hpp"

namespace mn::core {

namespace {

Truth from_bool(bool value) { return value ? Truth::yes : Truth::no; }

Truth negate(Truth value) {
  if (value == Truth::unknown) return Truth::unknown;
  return value == Truth::yes ? Truth::no : Truth::yes;
}

std::optional<bool> boolean_field(const Intake& intake, Field field) {
  const auto* answer = boolean_answer(intake, field);
  return answer != nullptr ? *answer : std::nullopt;
}

// Numbers, including "surgery_weeks_ago"; `none` means answered with null
// (no surgery), which no comparison satisfies.
struct NumberAnswer {
  bool answered = false;
  bool none = false;
  double value = 0;
};

template <class T>
NumberAnswer number_of(const std::optional<T>& value) {
  if (!value) return {};
  return {true, false, static_cast<double>(*value)};
}

NumberAnswer number_field(const Intake& intake, Field field) {
  if (const auto* answer = integer_answer(intake, field)) return number_of(*answer);
  switch (field) {
    case Field::budget_per_session:
      return number_of(intake.budget_per_session);
    case Field::surgery_weeks_ago:
      if (!intake.surgery_weeks_ago) return {};
      if (!intake.surgery_weeks_ago->had_surgery) return {true, true, 0};
      return {true, false, intake.surgery_weeks_ago->weeks_ago};
    default:
      return {};
  }
}

std::optional<ChoiceMask> choice_field(const Intake& intake, Field field) {
  switch (field) {
    case Field::goals:
      return intake.goals;
    case Field::posture:
      return intake.posture;
    case Field::repetitive_strain:
      if (!intake.repetitive_strain) return std::nullopt;
      return bit(*intake.repetitive_strain);
    case Field::pressure_preference:
      if (!intake.pressure_preference) return std::nullopt;
      return bit(*intake.pressure_preference);
    default:
      return std::nullopt;
  }
}

bool compare(Compare op, double left, double right) {
  switch (op) {
    case Compare::at_least:
      return left >= right;
    case Compare::at_most:
      return left <= right;
    case Compare::below:
      return left < right;
    case Compare::above:
      return left > right;
  }
  return false;
}

// A single area: yes when every filter passes, unknown when a filter needs an
// attribute the person did not give.
Truth pain_area_matches(const PainAreaFilter& filter, const PainArea& area) {
  if (filter.regions != 0 && (filter.regions & bit(area.region)) == 0) return Truth::no;
  Truth result = Truth::yes;
  auto combine = [&result](Truth part) {
    if (part == Truth::no)
      result = Truth::no;
    else if (part == Truth::unknown && result == Truth::yes)
      result = Truth::unknown;
  };
  if (filter.localized >= 0) {
    combine(area.localized ? from_bool(*area.localized == (filter.localized == 1))
                           : Truth::unknown);
  }
  if (filter.intensity_at_least >= 0) {
    combine(area.intensity ? from_bool(*area.intensity >= filter.intensity_at_least)
                           : Truth::unknown);
  }
  if (filter.weeks_at_least >= 0) {
    combine(area.weeks ? from_bool(*area.weeks >= filter.weeks_at_least) : Truth::unknown);
  }
  return result;
}

class Evaluator {
 public:
  Evaluator(const ConditionProgram& program, const EvaluationContext& context, Trace* trace)
      : program_(program), context_(context), trace_(trace) {}

  Truth run(ConditionRef ref) {
    const ConditionNode& node = program_.nodes[ref];
    switch (node.kind) {
      case NodeKind::all:
        return combine(node, Truth::no);
      case NodeKind::any:
        return combine(node, Truth::yes);
      case NodeKind::negate: {
        // A negated subtree explains nothing by its own leaves.
        Trace* saved = trace_;
        trace_ = nullptr;
        const Truth inner = run(program_.children[node.first_child]);
        trace_ = saved;
        return leaf(ref, negate(inner));
      }
      case NodeKind::boolean_is: {
        const auto value = boolean_field(*context_.intake, node.field);
        return leaf(ref, value ? from_bool(*value == node.expected) : Truth::unknown);
      }
      case NodeKind::number_compare: {
        const NumberAnswer answer = number_field(*context_.intake, node.field);
        if (!answer.answered) return Truth::unknown;
        if (answer.none) return Truth::no;
        return leaf(ref, from_bool(compare(node.compare, answer.value, node.number)));
      }
      case NodeKind::choice_in:
      case NodeKind::set_includes: {
        const auto value = choice_field(*context_.intake, node.field);
        return leaf(ref, value ? from_bool((*value & node.mask) != 0) : Truth::unknown);
      }
      case NodeKind::pain_area:
        return pain_area(ref, node.pain);
      case NodeKind::item_matched:
        return leaf(ref, from_bool((context_.matched_items >> node.index) & 1U));
      case NodeKind::style_in:
        return leaf(ref, from_bool((node.mask & bit(context_.style)) != 0));
    }
    return Truth::unknown;
  }

 private:
  // `decisive` is the child value that settles the result (no for all, yes
  // for any). Traced leaves of children that did not decide are dropped.
  Truth combine(const ConditionNode& node, Truth decisive) {
    const Truth neutral = decisive == Truth::no ? Truth::yes : Truth::no;
    Truth result = neutral;
    const std::uint8_t mark = trace_ ? trace_->count : 0;
    for (std::uint16_t i = 0; i < node.child_count; ++i) {
      const std::uint8_t before = trace_ ? trace_->count : 0;
      const Truth value = run(program_.children[node.first_child + i]);
      if (trace_ && value != Truth::yes) trace_->count = before;
      if (value == decisive) {
        result = decisive;
        break;
      }
      if (value == Truth::unknown) result = Truth::unknown;
    }
    if (trace_ && result != Truth::yes) trace_->count = mark;
    return result;
  }

  Truth pain_area(ConditionRef ref, const PainAreaFilter& filter) {
    const auto& areas = context_.intake->pain_areas;
    if (!areas) return Truth::unknown;
    Truth result = Truth::no;
    for (std::size_t i = 0; i < areas->size(); ++i) {
      const Truth value = pain_area_matches(filter, (*areas)[i]);
      if (value == Truth::yes) {
        record(ref, static_cast<std::int16_t>(i));
        return Truth::yes;
      }
      if (value == Truth::unknown) result = Truth::unknown;
    }
    return result;
  }

  Truth leaf(ConditionRef ref, Truth value) {
    if (value == Truth::yes) record(ref, -1);
    return value;
  }

  void record(ConditionRef ref, std::int16_t pain_area) {
    if (trace_ == nullptr || trace_->count == trace_->entries.size()) return;
    trace_->entries[trace_->count++] = {ref, pain_area};
  }

  const ConditionProgram& program_;
  const EvaluationContext& context_;
  Trace* trace_;
};

}  // namespace

std::uint32_t fields_of(const ConditionProgram& program, ConditionRef root) {
  if (root == kAlways) return 0;
  const ConditionNode& node = program.nodes[root];
  std::uint32_t fields = 0;
  if (node.kind == NodeKind::pain_area) fields |= 1U << static_cast<unsigned>(Field::pain_areas);
  if (node.field != Field::count) fields |= 1U << static_cast<unsigned>(node.field);
  for (std::uint16_t i = 0; i < node.child_count; ++i) {
    fields |= fields_of(program, program.children[node.first_child + i]);
  }
  return fields;
}

Truth evaluate(const ConditionProgram& program, ConditionRef root, const EvaluationContext& context,
               Trace* trace) {
  if (root == kAlways) return Truth::yes;
  return Evaluator(program, context, trace).run(root);
}

}  // namespace mn::core
