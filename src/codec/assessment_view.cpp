#include "codec/assessment_view.hpp"

#include <cctype>
#include <charconv>

namespace mn::codec {

namespace {

using core::Field;

// As a stream with precision 10 prints it (printf's "%.10g"), without
// building a stream.
std::string number_text(double value) {
  char digits[32];
  const auto result =
      std::to_chars(digits, digits + sizeof digits, value, std::chars_format::general, 10);
  return std::string(digits, result.ptr);
}

std::string choice_name(core::Choices choices, unsigned index) {
  return std::string(core::choice_names(choices)[index]);
}

std::string mask_names(core::Choices choices, core::ChoiceMask mask) {
  std::string text;
  const auto& names = core::choice_names(choices);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (mask >> i & 1U) text += (text.empty() ? "" : ", ") + std::string(names[i]);
  }
  return text;
}

}  // namespace

std::string pain_answer(const core::PainArea& area) {
  std::string text = choice_name(core::Choices::region, static_cast<unsigned>(area.region));
  if (area.intensity) text += ", " + std::to_string(*area.intensity) + "/10";
  if (area.weeks) text += ", " + number_text(*area.weeks) + " weeks";
  if (area.localized) text += *area.localized ? ", in one spot" : ", spread out";
  return text;
}

std::string answer_text(const core::Intake& intake, Field field) {
  auto yes_no = [](const std::optional<bool>& value) {
    return value ? (*value ? "yes" : "no") : "not answered";
  };
  switch (field) {
    case Field::age:
      return intake.age ? std::to_string(*intake.age) : "not answered";
    case Field::goals:
      return intake.goals ? mask_names(core::Choices::goal, *intake.goals) : "not answered";
    case Field::posture:
      return intake.posture ? mask_names(core::Choices::posture, *intake.posture) : "not answered";
    case Field::repetitive_strain:
      return intake.repetitive_strain
                 ? choice_name(core::Choices::repetitive_strain,
                               static_cast<unsigned>(*intake.repetitive_strain))
                 : "not answered";
    case Field::pressure_preference:
      return intake.pressure_preference
                 ? choice_name(core::Choices::pressure,
                               static_cast<unsigned>(*intake.pressure_preference))
                 : "not answered";
    case Field::stress:
      return intake.stress ? std::to_string(*intake.stress) + "/10" : "not answered";
    case Field::anxiety:
      return intake.anxiety ? std::to_string(*intake.anxiety) + "/10" : "not answered";
    case Field::sleep_quality:
      return intake.sleep_quality ? std::to_string(*intake.sleep_quality) + "/10" : "not answered";
    case Field::sessions_per_month_max:
      return intake.sessions_per_month_max ? std::to_string(*intake.sessions_per_month_max)
                                           : "not answered";
    case Field::budget_per_session:
      return intake.budget_per_session ? number_text(*intake.budget_per_session) : "not answered";
    case Field::surgery_weeks_ago:
      if (!intake.surgery_weeks_ago) return "not answered";
      return intake.surgery_weeks_ago->had_surgery
                 ? number_text(intake.surgery_weeks_ago->weeks_ago) + " weeks ago"
                 : "no recent surgery";
    default:
      break;
  }
  const auto* answer = core::boolean_answer(intake, field);
  return answer != nullptr ? yes_no(*answer) : "";
}

namespace {

std::vector<Because> because_of(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                                const core::Trace& trace) {
  std::vector<Because> result;
  for (std::uint8_t i = 0; i < trace.count; ++i) {
    const auto& entry = trace.entries[i];
    const core::ConditionNode& node = knowledge.conditions.nodes[entry.node];
    if (node.kind == core::NodeKind::pain_area && entry.pain_area >= 0 && intake.pain_areas) {
      result.push_back(
          {"pain_areas[" + std::to_string(entry.pain_area) + "]",
           pain_answer((*intake.pain_areas)[static_cast<std::size_t>(entry.pain_area)])});
    } else if (node.field != Field::count) {
      result.push_back({core::field_info(node.field).name, answer_text(intake, node.field)});
    }
  }
  return result;
}

std::vector<std::string_view> source_ids(const core::KnowledgeBase& knowledge,
                                         const core::SourceList& sources) {
  std::vector<std::string_view> ids;
  ids.reserve(sources.size());
  for (core::Index source : sources) ids.push_back(knowledge.sources[source].id);
  return ids;
}

TextView text_view(const core::KnowledgeBase& knowledge, const core::TextItem& item,
                   std::string text) {
  return {item.id, item.title, std::move(text), source_ids(knowledge, item.sources)};
}

std::vector<TextView> text_views(const core::KnowledgeBase& knowledge,
                                 const std::vector<core::TextItem>& items,
                                 const std::vector<core::Index>& chosen) {
  std::vector<TextView> views;
  views.reserve(chosen.size());
  for (core::Index index : chosen)
    views.push_back(text_view(knowledge, items[index], items[index].text));
  return views;
}

const char* caution_name(core::Caution caution) {
  switch (caution) {
    case core::Caution::systemic:
      return "systemic";
    case core::Caution::local:
      return "local";
    case core::Caution::modify:
      return "modify";
    case core::Caution::unknown_term:
      return "unknown_term";
  }
  return "modify";
}

std::string list_entry(const core::Intake& intake, Field list, std::uint16_t entry) {
  const auto& values = list == Field::conditions ? intake.conditions : intake.medications;
  return values && entry < values->size() ? (*values)[entry] : std::string();
}

}  // namespace

std::string humanize(std::string_view name) {
  std::string text(name);
  for (char& c : text) {
    if (c == '_') c = ' ';
  }
  return text;
}

namespace {

void safety_view(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                 const core::SafetyResult& safety, AssessmentView& view) {
  view.status = core::safety_status_name(safety.status);
  for (const core::FiredRule& fired : safety.fired) {
    const core::SafetyRule& rule = knowledge.rules[fired.rule];
    ReasonView reason{rule.id,
                      rule.text,
                      core::safety_status_name(rule.category),
                      caution_name(rule.caution),
                      rule.therapist_note,
                      source_ids(knowledge, rule.sources),
                      because_of(knowledge, intake, fired.trace)};
    for (core::Index hit_index : fired.by_terms) {
      const core::TermHit& hit = safety.term_hits[hit_index];
      const char* list = hit.list == Field::conditions ? "conditions" : "medications";
      reason.because.push_back(
          {std::string(list) + "[" + std::to_string(hit.entry) + "]",
           list_entry(intake, hit.list, hit.entry) + " (" + knowledge.terms[hit.term].label + ")"});
    }
    view.reasons.push_back(std::move(reason));
    for (const core::Modification& modification : rule.modifications) {
      std::string element = humanize(modification.element);
      if (!element.empty())
        element[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(element[0])));
      view.modifications.push_back(element + ": " + modification.text);
    }
  }
  for (const core::TermHit& hit : safety.term_hits) {
    if (!hit.denied) continue;
    const char* list = hit.list == Field::conditions ? "conditions" : "medications";
    view.denied.push_back(
        {std::string(list) + "[" + std::to_string(hit.entry) + "]",
         list_entry(intake, hit.list, hit.entry) + " (" + knowledge.terms[hit.term].label + ")"});
  }
  for (const core::Unrecognised& entry : safety.unrecognised) {
    const bool condition = entry.list == Field::conditions;
    const core::TextItem& item = condition ? knowledge.safety.unrecognised_condition
                                           : knowledge.safety.unrecognised_medication;
    ReasonView reason{item.id, fill(item.text, {{"term", entry.text}}), "adjust", "unknown_term",
                      "",      source_ids(knowledge, item.sources),     {}};
    reason.because.push_back({condition ? "conditions" : "medications", entry.text});
    view.reasons.push_back(std::move(reason));
  }
  if (!safety.unanswered.empty()) {
    std::string questions;
    for (Field field : safety.unanswered) {
      questions += (questions.empty() ? "" : ", ") + humanize(core::field_info(field).name);
      view.unanswered.emplace_back(core::field_info(field).name);
    }
    const core::TextItem& item = knowledge.safety.unanswered;
    view.reasons.push_back({item.id,
                            fill(item.text, {{"questions", questions}}),
                            "adjust",
                            "unanswered",
                            "",
                            source_ids(knowledge, item.sources),
                            {}});
  }
  view.pressure_ceiling = safety.pressure_ceiling;
  view.pressure_ceiling_name = knowledge.safety.walton[safety.pressure_ceiling - 1].name;
  view.pressure_scale_sources = source_ids(knowledge, knowledge.safety.walton_sources);
  const auto& regions = core::choice_names(core::Choices::region);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (safety.avoid_regions >> r & 1U) view.areas_to_avoid.emplace_back(regions[r]);
  }
  for (core::Index rule : safety.avoid_sites)
    view.sites_to_avoid.push_back(knowledge.rules[rule].avoid_site);
  view.position = core::position_name(safety.position);
  view.max_minutes = safety.max_minutes;
}

void recommendation_view(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                         const core::Recommendation& recommendation, AssessmentView& view) {
  view.style = core::style_name(recommendation.style);
  const core::DecisionRule& decision = knowledge.decision[recommendation.decision];
  view.decision = decision.id;
  std::string labels;
  for (const core::MatchedItem& matched : recommendation.matched) {
    const core::ChecklistItem& item = knowledge.items[matched.item];
    view.matched.push_back({item.id, knowledge.checklists[item.checklist].id, item.label,
                            source_ids(knowledge, item.sources),
                            because_of(knowledge, intake, matched.trace)});
    if (knowledge.checklists[item.checklist].style == core::Style::therapeutic)
      ++view.therapeutic_count;
    else
      ++view.relaxation_count;
    labels += (labels.empty() ? "" : "; ") + item.label;
  }
  view.explanation = decision.explanation;
  if (!labels.empty()) view.explanation += " What applies to you: " + labels + ".";
  view.pressure_target = recommendation.pressure_target;
  view.pressure_target_name = knowledge.safety.walton[recommendation.pressure_target - 1].name;
  view.evidence = text_views(knowledge, knowledge.guidance.evidence, recommendation.evidence);
}

TextView constraint_view(const core::KnowledgeBase& knowledge, const core::ConstraintNote& note) {
  const core::PlanPolicy& plan = knowledge.plan;
  const std::string currency = plan.currency.empty() ? "" : " " + plan.currency;
  switch (note.kind) {
    case core::PlanConstraint::budget_binds:
      return text_view(knowledge, plan.budget_binds,
                       fill(plan.budget_binds.text, {{"minutes", number_text(note.a)},
                                                     {"price", number_text(note.b) + currency},
                                                     {"budget", number_text(note.c) + currency}}));
    case core::PlanConstraint::budget_below_minimum:
      return text_view(
          knowledge, plan.budget_below_minimum,
          fill(plan.budget_below_minimum.text, {{"price", number_text(note.b) + currency},
                                                {"budget", number_text(note.c) + currency}}));
    case core::PlanConstraint::monthly_limit_binds:
      return text_view(knowledge, plan.monthly_limit_binds,
                       fill(plan.monthly_limit_binds.text,
                            {{"limit", number_text(note.a)}, {"every_days", number_text(note.b)}}));
    case core::PlanConstraint::monthly_limit_drops_relaxation:
      return text_view(
          knowledge, plan.monthly_limit_drops_relaxation,
          fill(plan.monthly_limit_drops_relaxation.text, {{"limit", number_text(note.a)}}));
  }
  return {};
}

}  // namespace

void plan_view(const core::KnowledgeBase& knowledge, const core::Plan& plan, AssessmentView& view) {
  view.on_hold = plan.on_hold;
  if (plan.on_hold) view.on_hold_text = knowledge.plan.on_hold.text;
  std::vector<core::Index> cadences;
  for (const core::PlannedPhase& planned : plan.phases) {
    const core::Cadence& cadence = knowledge.plan.cadences[planned.cadence];
    view.phases.push_back({std::string(core::style_name(planned.phase.style)),
                           planned.phase.every_days, planned.phase.sessions, planned.phase.minutes,
                           planned.phase.purpose, cadence.id});
    if (cadences.empty() || cadences.back() != planned.cadence) {
      cadences.push_back(planned.cadence);
      view.cadences.push_back(
          {cadence.id, "", cadence.explanation, source_ids(knowledge, cadence.sources)});
    }
  }
  for (const core::PlannedSession& session : plan.sessions) {
    view.sessions.push_back({core::format_date(session.date),
                             std::string(core::style_name(session.style)), session.minutes});
  }
  if (plan.review_on) view.review_on = core::format_date(*plan.review_on);
  for (const core::ConstraintNote& note : plan.constraints)
    view.constraints.push_back(constraint_view(knowledge, note));
}

namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

}  // namespace

std::string listed(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                   const core::SafetyResult& safety, Field field) {
  const auto& values = field == Field::conditions ? intake.conditions : intake.medications;
  std::vector<std::string> parts;
  if (!values) return {};
  for (std::size_t entry = 0; entry < values->size(); ++entry) {
    bool none = false;
    bool something = false;
    for (const core::TermHit& hit : safety.term_hits) {
      if (hit.list != field || hit.entry != entry) continue;
      (knowledge.terms[hit.term].is_none || hit.denied ? none : something) = true;
    }
    if (something || !none) parts.push_back((*values)[entry]);
  }
  return joined(parts);
}

namespace {

void tell_view(const core::KnowledgeBase& knowledge, const core::Intake& intake,
               const core::Assessment& assessment, AssessmentView& view) {
  const core::Guidance& guidance = knowledge.guidance;
  const core::SafetyResult& safety = assessment.safety;
  for (core::TellKind kind : assessment.tell_your_therapist) {
    switch (kind) {
      case core::TellKind::conditions:
        view.tell_your_therapist.push_back(
            text_view(knowledge, guidance.tell_conditions,
                      fill(guidance.tell_conditions.text,
                           {{"items", listed(knowledge, intake, safety, Field::conditions)}})));
        break;
      case core::TellKind::medications:
        view.tell_your_therapist.push_back(
            text_view(knowledge, guidance.tell_medications,
                      fill(guidance.tell_medications.text,
                           {{"items", listed(knowledge, intake, safety, Field::medications)}})));
        break;
      case core::TellKind::areas: {
        std::vector<std::string> areas;
        for (const core::PainArea& area : *intake.pain_areas) areas.push_back(pain_answer(area));
        view.tell_your_therapist.push_back(
            text_view(knowledge, guidance.tell_areas,
                      fill(guidance.tell_areas.text, {{"items", joined(areas)}})));
        break;
      }
      case core::TellKind::pressure:
        view.tell_your_therapist.push_back(text_view(
            knowledge, guidance.tell_pressure,
            fill(guidance.tell_pressure.text, {{"level", std::to_string(view.pressure_ceiling)},
                                               {"name", view.pressure_ceiling_name}})));
        break;
      case core::TellKind::avoid: {
        std::vector<std::string> avoid;
        for (std::string_view region : view.areas_to_avoid) avoid.push_back(humanize(region));
        avoid.insert(avoid.end(), view.sites_to_avoid.begin(), view.sites_to_avoid.end());
        view.tell_your_therapist.push_back(
            text_view(knowledge, guidance.tell_avoid,
                      fill(guidance.tell_avoid.text, {{"items", joined(avoid)}})));
        break;
      }
      case core::TellKind::position:
        view.tell_your_therapist.push_back(
            text_view(knowledge, guidance.tell_position,
                      fill(guidance.tell_position.text, {{"position", humanize(view.position)}})));
        break;
      case core::TellKind::minutes:
        view.tell_your_therapist.push_back(text_view(
            knowledge, guidance.tell_minutes,
            fill(guidance.tell_minutes.text, {{"minutes", std::to_string(view.max_minutes)}})));
        break;
    }
  }
}

}  // namespace

std::string fill(std::string text,
                 std::initializer_list<std::pair<const char*, std::string>> values) {
  for (const auto& [name, value] : values) {
    const std::string placeholder = std::string("{") + name + "}";
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

AssessmentView make_view(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                         const core::Assessment& assessment) {
  AssessmentView view;
  view.knowledge_version = knowledge.version;
  view.today = core::format_date(assessment.today);
  const core::Guidance& headlines = knowledge.guidance;
  view.style_headline =
      headlines.style_headlines[static_cast<std::size_t>(assessment.recommendation.style)].text;
  view.safety_headline =
      headlines.safety_headlines[static_cast<std::size_t>(assessment.safety.status)].text;
  safety_view(knowledge, intake, assessment.safety, view);
  recommendation_view(knowledge, intake, assessment.recommendation, view);
  plan_view(knowledge, assessment.plan, view);
  const core::Guidance& guidance = knowledge.guidance;
  view.preparation = text_views(knowledge, guidance.preparation, assessment.preparation);
  view.aftercare = text_views(knowledge, guidance.aftercare, assessment.aftercare);
  view.when_to_call = text_views(knowledge, guidance.when_to_call, assessment.when_to_call);
  view.pairings = text_views(knowledge, guidance.pairings, assessment.pairings);
  view.bring_to_clinic =
      text_views(knowledge, guidance.bring_to_clinic, assessment.bring_to_clinic);
  tell_view(knowledge, intake, assessment, view);
  return view;
}

}  // namespace mn::codec
