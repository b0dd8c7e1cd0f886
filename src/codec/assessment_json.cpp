#include "codec/assessment_json.hpp"

#include <nlohmann/json.hpp>

#include "codec/assessment_view.hpp"

namespace mn::codec {

namespace {

using nlohmann::json;

json because_json(const std::vector<Because>& because) {
  json list = json::array();
  for (const Because& entry : because)
    list.push_back({{"field", entry.field}, {"answer", entry.answer}});
  return list;
}

json texts_json(const std::vector<TextView>& items) {
  json list = json::array();
  for (const TextView& item : items) {
    json entry{{"id", item.id}, {"text", item.text}, {"source", item.sources}};
    if (!item.title.empty()) entry["title"] = item.title;
    list.push_back(std::move(entry));
  }
  return list;
}

json safety_json(const AssessmentView& view) {
  json reasons = json::array();
  for (const ReasonView& reason : view.reasons) {
    json entry{{"id", reason.id},
               {"text", reason.text},
               {"category", reason.category},
               {"caution", reason.caution},
               {"source", reason.sources},
               {"because", because_json(reason.because)}};
    if (!reason.therapist_note.empty()) entry["therapist_note"] = reason.therapist_note;
    reasons.push_back(std::move(entry));
  }
  json safety{{"status", view.status},
              {"headline", view.safety_headline},
              {"reasons", reasons},
              {"pressure_ceiling", view.pressure_ceiling},
              {"pressure_ceiling_name", view.pressure_ceiling_name},
              {"pressure_scale_source", view.pressure_scale_sources},
              {"areas_to_avoid", view.areas_to_avoid},
              {"sites_to_avoid", view.sites_to_avoid},
              {"position", view.position},
              {"modifications", view.modifications},
              {"unanswered", view.unanswered},
              {"denied", because_json(view.denied)}};
  safety["max_minutes"] = view.max_minutes == 0 ? json() : json(view.max_minutes);
  return safety;
}

json recommendation_json(const AssessmentView& view) {
  json items = json::array();
  json matched = json::array();
  for (const ItemView& item : view.matched) {
    items.push_back(item.id);
    matched.push_back({{"id", item.id},
                       {"checklist", item.checklist},
                       {"label", item.label},
                       {"source", item.sources},
                       {"because", because_json(item.because)}});
  }
  return {
      {"style", view.style},
      {"headline", view.style_headline},
      {"decision", view.decision},
      {"items", items},
      {"matched", matched},
      {"counts", {{"therapeutic", view.therapeutic_count}, {"relaxation", view.relaxation_count}}},
      {"explanation", view.explanation},
      {"pressure_target", view.pressure_target},
      {"pressure_target_name", view.pressure_target_name},
      {"evidence", texts_json(view.evidence)}};
}

json plan_json(const AssessmentView& view) {
  json phases = json::array();
  for (const PhaseView& phase : view.phases) {
    phases.push_back({{"style", phase.style},
                      {"every_days", phase.every_days},
                      {"sessions", phase.sessions},
                      {"minutes", phase.minutes},
                      {"purpose", phase.purpose},
                      {"cadence", phase.cadence}});
  }
  json sessions = json::array();
  for (const SessionView& session : view.sessions) {
    sessions.push_back(
        {{"date", session.date}, {"style", session.style}, {"minutes", session.minutes}});
  }
  json plan{{"status", view.on_hold ? "on_hold" : "ready"},
            {"phases", phases},
            {"sessions", sessions},
            {"cadences", texts_json(view.cadences)},
            {"constraints", texts_json(view.constraints)}};
  plan["review_on"] = view.review_on.empty() ? json() : json(view.review_on);
  if (view.on_hold) plan["on_hold_reason"] = view.on_hold_text;
  return plan;
}

}  // namespace

std::string assessment_to_json(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                               const core::Assessment& assessment) {
  const AssessmentView view = make_view(knowledge, intake, assessment);
  const json document{{"knowledge_version", view.knowledge_version},
                      {"today", view.today},
                      {"safety", safety_json(view)},
                      {"recommendation", recommendation_json(view)},
                      {"plan", plan_json(view)},
                      {"preparation", texts_json(view.preparation)},
                      {"aftercare", texts_json(view.aftercare)},
                      {"when_to_call", texts_json(view.when_to_call)},
                      {"pairings", texts_json(view.pairings)},
                      {"tell_your_therapist", texts_json(view.tell_your_therapist)},
                      {"bring_to_clinic", texts_json(view.bring_to_clinic)}};
  // Person-typed text may hold invalid UTF-8 that slipped past a caller;
  // replace it rather than throw.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace mn::codec
