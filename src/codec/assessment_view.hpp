#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.hpp"
#include "core/knowledge_base.hpp"

namespace mn::codec {

// An assessment with every text resolved from the knowledge base and every
// explanation drawn from the evaluation's traces. Both the JSON and the
// terminal renderers read it, so they cannot drift apart.
//
// The string_view members (ids, names, sources) point into the knowledge
// base and the contract's static name tables rather than copy them: a view
// must not outlive the knowledge base it was made from.

struct Because {
  std::string field;   // "pain_areas[0]", "medications[1]", "stress"
  std::string answer;  // "neck, 6/10, 8 weeks, in one spot"
};

struct ReasonView {
  std::string_view id;
  std::string text;
  std::string_view category;  // consult_provider_first | adjust
  std::string_view caution;   // systemic | local | modify | unknown_term | unanswered
  std::string_view therapist_note;
  std::vector<std::string_view> sources;
  std::vector<Because> because;
};

struct ItemView {
  std::string_view id;
  std::string_view checklist;
  std::string label;
  std::vector<std::string_view> sources;
  std::vector<Because> because;
};

struct TextView {
  std::string_view id;
  std::string title;
  std::string text;
  std::vector<std::string_view> sources;
};

struct PhaseView {
  std::string style;
  int every_days = 0;
  int sessions = 0;
  int minutes = 0;
  std::string purpose;
  std::string_view cadence;
};

struct SessionView {
  std::string date;
  std::string style;
  int minutes = 0;
};

struct AssessmentView {
  std::string knowledge_version;
  std::string today;
  std::string style_headline;
  std::string safety_headline;
  // safety
  std::string_view status;
  std::vector<ReasonView> reasons;
  int pressure_ceiling = 5;
  std::string pressure_ceiling_name;
  std::vector<std::string_view> pressure_scale_sources;  // the Walton scale's
  std::vector<std::string_view> areas_to_avoid;
  std::vector<std::string_view> sites_to_avoid;
  std::string_view position;
  int max_minutes = 0;
  std::vector<std::string> modifications;  // "element: text"
  std::vector<std::string_view> unanswered;
  std::vector<Because> denied;  // entries read as "I do not have this"

  // recommendation
  std::string_view style;
  std::string_view decision;
  std::vector<ItemView> matched;
  int therapeutic_count = 0;
  int relaxation_count = 0;
  std::string explanation;
  int pressure_target = 3;
  std::string pressure_target_name;
  std::vector<TextView> evidence;
  // plan
  bool on_hold = false;
  std::string on_hold_text;
  std::vector<PhaseView> phases;
  std::vector<SessionView> sessions;
  std::string review_on;
  std::vector<TextView> constraints;
  std::vector<TextView> cadences;  // why each cadence was chosen
  // guidance
  std::vector<TextView> preparation;
  std::vector<TextView> aftercare;
  std::vector<TextView> when_to_call;
  std::vector<TextView> pairings;
  std::vector<TextView> bring_to_clinic;
  std::vector<TextView> tell_your_therapist;
};

AssessmentView make_view(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                         const core::Assessment& assessment);

// The plan's phases, sessions, review date, constraints and cadences, added
// to `view` (make_view does this for the assessment's own plan).
void plan_view(const core::KnowledgeBase& knowledge, const core::Plan& plan, AssessmentView& view);

// The person's own answer to a field, as they gave it ("6/10", "yes", "neck,
// shoulders"); "not answered" when missing.
std::string answer_text(const core::Intake& intake, core::Field field);
// "neck, 6/10, 8 weeks, in one spot".
std::string pain_answer(const core::PainArea& area);
// The entries of the conditions or medications list as the person wrote
// them, comma-separated, leaving out "none" and denied entries.
std::string listed(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                   const core::SafetyResult& safety, core::Field field);
// An id in plain words: "lower_back" -> "lower back".
std::string humanize(std::string_view name);

// Replaces each "{name}" in `text` by its value.
std::string fill(std::string text,
                 std::initializer_list<std::pair<const char*, std::string>> values);

}  // namespace mn::codec
