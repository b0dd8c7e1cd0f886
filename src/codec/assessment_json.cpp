#include "codec/assessment_json.hpp"

#include "codec/assessment_view.hpp"
#include "codec/json_writer.hpp"

namespace mn::codec {

namespace {

// Keys are written in sorted order: the document reads exactly as
// nlohmann::json printed it before it was streamed (json_writer.hpp).

// A typical assessment is 12-16 KB; one allocation covers it.
constexpr std::size_t kExpectedSize = std::size_t{24} * 1024;

// A list of std::string or std::string_view.
template <typename Text>
void strings(JsonWriter& out, std::string_view key, const std::vector<Text>& values) {
  out.key(key);
  out.begin_array();
  for (const Text& value : values) out.string(value);
  out.end_array();
}

void because(JsonWriter& out, std::string_view key, const std::vector<Because>& list) {
  out.key(key);
  out.begin_array();
  for (const Because& entry : list) {
    out.begin_object();
    out.field("answer", entry.answer);
    out.field("field", entry.field);
    out.end_object();
  }
  out.end_array();
}

void texts(JsonWriter& out, std::string_view key, const std::vector<TextView>& items) {
  out.key(key);
  out.begin_array();
  for (const TextView& item : items) {
    out.begin_object();
    out.field("id", item.id);
    strings(out, "source", item.sources);
    out.field("text", item.text);
    if (!item.title.empty()) out.field("title", item.title);
    out.end_object();
  }
  out.end_array();
}

void safety(JsonWriter& out, const AssessmentView& view) {
  out.key("safety");
  out.begin_object();
  strings(out, "areas_to_avoid", view.areas_to_avoid);
  because(out, "denied", view.denied);
  out.field("headline", view.safety_headline);
  out.key("max_minutes");
  if (view.max_minutes == 0)
    out.null();
  else
    out.integer(view.max_minutes);
  strings(out, "modifications", view.modifications);
  out.field("position", view.position);
  out.field("pressure_ceiling", view.pressure_ceiling);
  out.field("pressure_ceiling_name", view.pressure_ceiling_name);
  strings(out, "pressure_scale_source", view.pressure_scale_sources);
  out.key("reasons");
  out.begin_array();
  for (const ReasonView& reason : view.reasons) {
    out.begin_object();
    because(out, "because", reason.because);
    out.field("category", reason.category);
    out.field("caution", reason.caution);
    out.field("id", reason.id);
    strings(out, "source", reason.sources);
    out.field("text", reason.text);
    if (!reason.therapist_note.empty()) out.field("therapist_note", reason.therapist_note);
    out.end_object();
  }
  out.end_array();
  strings(out, "sites_to_avoid", view.sites_to_avoid);
  out.field("status", view.status);
  strings(out, "unanswered", view.unanswered);
  out.end_object();
}

void recommendation(JsonWriter& out, const AssessmentView& view) {
  out.key("recommendation");
  out.begin_object();
  out.key("counts");
  out.begin_object();
  out.field("relaxation", view.relaxation_count);
  out.field("therapeutic", view.therapeutic_count);
  out.end_object();
  out.field("decision", view.decision);
  texts(out, "evidence", view.evidence);
  out.field("explanation", view.explanation);
  out.field("headline", view.style_headline);
  out.key("items");
  out.begin_array();
  for (const ItemView& item : view.matched) out.string(item.id);
  out.end_array();
  out.key("matched");
  out.begin_array();
  for (const ItemView& item : view.matched) {
    out.begin_object();
    because(out, "because", item.because);
    out.field("checklist", item.checklist);
    out.field("id", item.id);
    out.field("label", item.label);
    strings(out, "source", item.sources);
    out.end_object();
  }
  out.end_array();
  out.field("pressure_target", view.pressure_target);
  out.field("pressure_target_name", view.pressure_target_name);
  out.field("style", view.style);
  out.end_object();
}

void plan(JsonWriter& out, const AssessmentView& view) {
  out.key("plan");
  out.begin_object();
  texts(out, "cadences", view.cadences);
  texts(out, "constraints", view.constraints);
  if (view.on_hold) out.field("on_hold_reason", view.on_hold_text);
  out.key("phases");
  out.begin_array();
  for (const PhaseView& phase : view.phases) {
    out.begin_object();
    out.field("cadence", phase.cadence);
    out.field("every_days", phase.every_days);
    out.field("minutes", phase.minutes);
    out.field("purpose", phase.purpose);
    out.field("sessions", phase.sessions);
    out.field("style", phase.style);
    out.end_object();
  }
  out.end_array();
  out.key("review_on");
  if (view.review_on.empty())
    out.null();
  else
    out.string(view.review_on);
  out.key("sessions");
  out.begin_array();
  for (const SessionView& session : view.sessions) {
    out.begin_object();
    out.field("date", session.date);
    out.field("minutes", session.minutes);
    out.field("style", session.style);
    out.end_object();
  }
  out.end_array();
  out.field("status", view.on_hold ? "on_hold" : "ready");
  out.end_object();
}

}  // namespace

std::string assessment_to_json(const core::KnowledgeBase& knowledge, const core::Intake& intake,
                               const core::Assessment& assessment) {
  const AssessmentView view = make_view(knowledge, intake, assessment);
  // Person-typed text may hold invalid UTF-8 that slipped past a caller; the
  // writer replaces it rather than throw.
  JsonWriter out(kExpectedSize);
  out.begin_object();
  texts(out, "aftercare", view.aftercare);
  texts(out, "bring_to_clinic", view.bring_to_clinic);
  out.field("knowledge_version", view.knowledge_version);
  texts(out, "pairings", view.pairings);
  plan(out, view);
  texts(out, "preparation", view.preparation);
  recommendation(out, view);
  safety(out, view);
  texts(out, "tell_your_therapist", view.tell_your_therapist);
  out.field("today", view.today);
  texts(out, "when_to_call", view.when_to_call);
  out.end_object();
  std::string text = out.finish();
  text += '\n';
  return text;
}

}  // namespace mn::codec
