#include "core/safety.hpp"

#include <algorithm>
#include <bitset>

#include "core/term_match.hpp"

namespace mn::core {

namespace {

void raise(SafetyStatus& status, SafetyStatus at_least) { status = std::max(status, at_least); }

void recognise(const KnowledgeBase& knowledge, const std::optional<std::vector<std::string>>& list,
               Field field, SafetyResult& result) {
  if (!list) return;
  std::vector<Index> found;
  for (std::size_t entry = 0; entry < list->size(); ++entry) {
    found.clear();
    const EntryReading reading = read_entry(knowledge, (*list)[entry], found);
    if (found.empty()) {
      // Denying something we do not know ("no zorblax") asks nothing of us.
      if (!reading.denied) result.unrecognised.push_back({field, (*list)[entry]});
      continue;
    }
    for (Index term : found) {
      result.term_hits.push_back({term, field, static_cast<std::uint16_t>(entry), reading.denied});
    }
  }
}

void apply(const SafetyRule& rule, SafetyResult& result) {
  raise(result.status, rule.category);
  if (rule.pressure_ceiling != 0)
    result.pressure_ceiling = std::min(result.pressure_ceiling, rule.pressure_ceiling);
  result.avoid_regions |= rule.avoid_regions;
  if (rule.max_minutes != 0 && (result.max_minutes == 0 || rule.max_minutes < result.max_minutes)) {
    result.max_minutes = rule.max_minutes;
  }
  // The first rule that asks for a position wins; rules are ordered by the
  // knowledge base, most specific first.
  if (result.position == Position::any) result.position = rule.position;
}

}  // namespace

SafetyResult screen_safety(const KnowledgeBase& knowledge, const Intake& intake) {
  SafetyResult result;
  result.pressure_ceiling = knowledge.safety.default_pressure_ceiling;
  recognise(knowledge, intake.conditions, Field::conditions, result);
  recognise(knowledge, intake.medications, Field::medications, result);

  // Rules named by a recognised, not denied term; the schema allows at most
  // 250 rules.
  std::bitset<256> by_terms;
  for (const TermHit& hit : result.term_hits) {
    if (hit.denied) continue;
    for (Index rule : knowledge.terms[hit.term].rules) by_terms.set(rule);
  }

  const EvaluationContext context{&intake, 0, Style::consultation};
  std::uint32_t unknown_fields = 0;  // fields of rules left undecided
  for (std::size_t r = 0; r < knowledge.rules.size(); ++r) {
    const SafetyRule& rule = knowledge.rules[r];
    FiredRule fired;
    fired.rule = static_cast<Index>(r);
    if (by_terms.test(r)) {
      for (std::size_t hit = 0; hit < result.term_hits.size(); ++hit) {
        const TermHit& term_hit = result.term_hits[hit];
        const auto& rules = knowledge.terms[term_hit.term].rules;
        if (!term_hit.denied && std::find(rules.begin(), rules.end(), fired.rule) != rules.end()) {
          fired.by_terms.push_back(static_cast<Index>(hit));
        }
      }
    }
    Truth by_answers = Truth::no;
    if (!rule.term_only) {
      by_answers = evaluate(knowledge.conditions, rule.when, context, &fired.trace);
      // An unanswered question never counts as "no contraindication".
      if (by_answers == Truth::unknown)
        unknown_fields |= fields_of(knowledge.conditions, rule.when);
    }
    if (by_answers == Truth::yes || !fired.by_terms.empty()) {
      apply(rule, result);
      if (!rule.avoid_site.empty()) result.avoid_sites.push_back(fired.rule);
      result.fired.push_back(std::move(fired));
    }
  }

  for (Field field : knowledge.safety.required_answers)
    unknown_fields |= 1U << static_cast<unsigned>(field);
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    if ((unknown_fields >> f & 1U) && !is_answered(intake, field))
      result.unanswered.push_back(field);
  }
  if (!result.unrecognised.empty() || !result.unanswered.empty()) {
    raise(result.status, SafetyStatus::adjust);
  }
  return result;
}

}  // namespace mn::core
