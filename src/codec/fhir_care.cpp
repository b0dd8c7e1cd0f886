// What the clinic and the therapist act on: the therapist, the safety
// flags, the goals, the plan (CarePlan) and the referral (ServiceRequest).
#include <nlohmann/json.hpp>

#include "codec/fhir_resources.hpp"
#include "codec/utc_time.hpp"

namespace mn::codec::fhir {

namespace {

using nlohmann::json;

constexpr std::string_view kFlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";

const store::AssessmentRecord& assessment_record(const Context& context) {
  return context.file.assessments.back();
}

// The recommended style's name, or "" without an assessment.
std::string recommended_style(const Context& context) {
  if (context.assessment == nullptr) return {};
  return text_of(context.assessment->at("recommendation"), "style");
}

void style_code(JsonWriter& out, const Context& context, std::string_view style) {
  const std::string title = style_title(context.knowledge, style);
  codeable_concept(out, "code", code_system("massage-style"), style, title, title);
}

void performer(JsonWriter& out, std::string_view key, const Context& context) {
  if (context.role.empty()) return;
  references(out, key, {context.role});
}

// The question, flags and answers behind the plan and the referral.
std::vector<std::string> supporting(const Context& context) {
  std::vector<std::string> uuids;
  uuids.reserve(context.flags.size() + 1);
  if (!context.response.empty()) uuids.push_back(context.response);
  for (const std::string& flag : context.flags) uuids.push_back(flag);
  return uuids;
}

// ---- CarePlan ---------------------------------------------------------------

// Why this plan version exists: the adaptation rule that made it, or for the
// assessment's own plan the cadences it follows.
std::string plan_description(const Context& context, const store::PlanRecord& plan) {
  for (const core::AdaptationRule& rule : context.knowledge.progress.rules) {
    const std::string marker = "(" + rule.id + ")";
    if (plan.reason.size() >= marker.size() &&
        plan.reason.compare(plan.reason.size() - marker.size(), marker.size(), marker) == 0) {
      return rule.text;
    }
  }
  if (context.assessment == nullptr || plan.assessment != assessment_record(context).id) return {};
  std::string text;
  for (const json& cadence : context.assessment->at("plan").at("cadences")) {
    if (!text.empty()) text += ' ';
    text += text_of(cadence, "text");
  }
  return text;
}

// The assessment's notes on its own plan: why it waits, what limited it.
std::vector<std::string> plan_notes(const Context& context, const store::PlanRecord& plan) {
  std::vector<std::string> texts;
  if (context.assessment == nullptr || plan.reason != "assessment" ||
      plan.assessment != assessment_record(context).id) {
    return texts;
  }
  const json& planned = context.assessment->at("plan");
  const std::string on_hold = optional_text(planned, "on_hold_reason");
  if (!on_hold.empty()) texts.push_back(on_hold);
  const json& constraints = planned.at("constraints");
  texts.reserve(texts.size() + constraints.size());
  for (const json& constraint : constraints) texts.push_back(text_of(constraint, "text"));
  return texts;
}

void timing(JsonWriter& out, const json& phase, const std::vector<const json*>& dates) {
  out.key("scheduledTiming");
  out.begin_object();
  if (!dates.empty()) {
    out.key("event");
    out.begin_array();
    for (const json* date : dates) out.string(date->get_ref<const std::string&>());
    out.end_array();
  }
  out.key("repeat");
  out.begin_object();
  out.key("count");
  out.integer(phase.at("sessions").get<std::int64_t>());
  out.key("duration");
  out.integer(phase.at("minutes").get<std::int64_t>());
  out.field("durationUnit", "min");
  out.field("frequency", 1);
  out.key("period");
  out.integer(phase.at("every_days").get<std::int64_t>());
  out.field("periodUnit", "d");
  out.end_object();
  out.end_object();
}

// One activity per phase; its events are the phase's planned dates, and a
// later phase with a longer period is the taper.
void activities(JsonWriter& out, const Context& context, const json& plan) {
  const json& phases = plan.at("phases");
  const json& sessions = plan.at("sessions");
  const bool on_hold = plan.at("on_hold").get<bool>();
  out.key("activity");
  out.begin_array();
  for (std::size_t index = 0; index < phases.size(); ++index) {
    const json& phase = phases[index];
    std::vector<const json*> dates;
    dates.reserve(sessions.size());
    for (const json& session : sessions) {
      if (session.at("phase").get<std::size_t>() == index) dates.push_back(&session.at("date"));
    }
    out.begin_object();
    out.key("detail");
    out.begin_object();
    out.field("kind", "ServiceRequest");
    style_code(out, context, text_of(phase, "style"));
    references(out, "goal", context.goals);
    out.field("status", on_hold ? "on-hold" : "scheduled");
    timing(out, phase, dates);
    performer(out, "performer", context);
    out.field("description", text_of(phase, "purpose"));
    out.end_object();
    out.end_object();
  }
  out.end_array();
}

void period(JsonWriter& out, const json& sessions) {
  if (sessions.empty()) return;
  out.key("period");
  out.begin_object();
  out.field("start", text_of(sessions.front(), "date"));
  out.field("end", text_of(sessions.back(), "date"));
  out.end_object();
}

// ---- ServiceRequest ---------------------------------------------------------

void pressure_detail(JsonWriter& out, const Context& context, const json& safety) {
  const std::int64_t ceiling = safety.at("pressure_ceiling").get<std::int64_t>();
  std::string text;
  for (const json& tell : context.assessment->at("tell_your_therapist")) {
    if (text_of(tell, "id") == "tell_pressure") text = text_of(tell, "text");
  }
  out.key("orderDetail");
  out.begin_array();
  out.begin_object();
  out.key("coding");
  out.begin_array();
  coding(out, code_system("walton-pressure-level"), std::to_string(ceiling),
         text_of(safety, "pressure_ceiling_name"));
  out.end_array();
  if (!text.empty()) out.field("text", text);
  out.end_object();
  out.end_array();
}

void reasons(JsonWriter& out, const Context& context) {
  const json& matched = context.assessment->at("recommendation").at("matched");
  if (matched.empty()) return;
  const std::string system = code_system("checklist-item");
  out.key("reasonCode");
  out.begin_array();
  for (const json& item : matched) {
    out.begin_object();
    out.key("coding");
    out.begin_array();
    const std::string& label = text_of(item, "label");
    coding(out, system, text_of(item, "id"), label);
    out.end_array();
    out.field("text", label);
    out.end_object();
  }
  out.end_array();
}

// The areas the person wants worked on, from the latest intake.
void body_sites(JsonWriter& out, const Context& context) {
  if (context.intake == nullptr) return;
  const json* areas = member_of(*context.intake, "pain_areas");
  if (areas == nullptr || !areas->is_array() || areas->empty()) return;
  const core::Question& question = context.knowledge.question(core::Field::pain_areas);
  const std::string system = code_system("body-region");
  out.key("bodySite");
  out.begin_array();
  for (const json& area : *areas) {
    const std::string& region = text_of(area, "region");
    const std::string_view label =
        value_label(question, core::choice_by_name(core::Choices::region, region), region);
    out.begin_object();
    out.key("coding");
    out.begin_array();
    coding(out, system, region, label);
    out.end_array();
    out.field("text", label);
    out.end_object();
  }
  out.end_array();
}

// What the therapist must know, in the knowledge base's words: the "tell
// your therapist" lines (pressure ceiling, areas to avoid, position, length)
// and every modification of a safety rule that fired.
std::vector<std::string> therapist_notes(const Context& context) {
  const json& tell = context.assessment->at("tell_your_therapist");
  const json& modifications = context.assessment->at("safety").at("modifications");
  std::vector<std::string> texts;
  texts.reserve(tell.size() + modifications.size());
  for (const json& line : tell) texts.push_back(text_of(line, "text"));
  for (const json& modification : modifications) texts.push_back(modification.get<std::string>());
  return texts;
}

}  // namespace

void write_practitioner(JsonWriter& out, const Context& context) {
  if (!context.options.therapist) return;
  const FhirTherapist& therapist = *context.options.therapist;
  begin_entry(out, context.practitioner, "Practitioner");
  out.key("name");
  out.begin_array();
  out.begin_object();
  out.field("text", therapist.name);
  out.end_object();
  out.end_array();
  if (!therapist.licence.empty()) {
    out.key("qualification");
    out.begin_array();
    out.begin_object();
    out.key("identifier");
    out.begin_array();
    out.begin_object();
    out.field("value", therapist.licence);
    out.end_object();
    out.end_array();
    text_concept(out, "code", "Massage therapy licence");
    out.end_object();
    out.end_array();
  }
  end_entry(out);

  begin_entry(out, context.role, "PractitionerRole");
  out.key("active");
  out.boolean(true);
  reference(out, "practitioner", context.practitioner);
  if (!therapist.practice.empty()) {
    out.key("organization");
    out.begin_object();
    out.field("display", therapist.practice);
    out.end_object();
  }
  out.key("code");
  out.begin_array();
  out.begin_object();
  out.field("text", "Massage therapist");
  out.end_object();
  out.end_array();
  end_entry(out);
}

void write_flags(JsonWriter& out, const Context& context) {
  if (context.assessment == nullptr) return;
  const json& reasons = context.assessment->at("safety").at("reasons");
  const std::string system = code_system("safety-rule");
  for (std::size_t i = 0; i < reasons.size() && i < context.flags.size(); ++i) {
    const json& reason = reasons[i];
    begin_entry(out, context.flags[i], "Flag");
    out.field("status", "active");
    out.key("category");
    out.begin_array();
    for (const auto& [code, display] : {std::pair{"clinical", "Clinical"}, {"safety", "Safety"}}) {
      out.begin_object();
      out.key("coding");
      out.begin_array();
      coding(out, kFlagCategory, code, display);
      out.end_array();
      out.end_object();
    }
    out.end_array();
    // The therapist's note says what to change; the person's text is the
    // fallback for a rule without one.
    std::string text = optional_text(reason, "therapist_note");
    if (text.empty()) text = text_of(reason, "text");
    codeable_concept(out, "code", system, text_of(reason, "id"), "", text);
    reference(out, "subject", context.patient);
    out.key("period");
    out.begin_object();
    date_time(out, "start", assessment_record(context).assessed_at);
    out.end_object();
    end_entry(out);
  }
}

void write_goals(JsonWriter& out, const Context& context) {
  if (context.intake == nullptr || context.goals.empty()) return;
  const json& goals = context.intake->at("goals");
  const core::Question& question = context.knowledge.question(core::Field::goals);
  const std::string system = code_system("goal");
  std::string start;
  if (context.assessment != nullptr) start = optional_text(*context.assessment, "today");
  if (start.empty()) start = format_utc(context.file.intakes.back().recorded_at).substr(0, 10);
  for (std::size_t i = 0; i < goals.size() && i < context.goals.size(); ++i) {
    const auto& goal = goals[i].get_ref<const std::string&>();
    const std::string_view label =
        value_label(question, core::choice_by_name(core::Choices::goal, goal), goal);
    begin_entry(out, context.goals[i], "Goal");
    out.field("lifecycleStatus", "active");
    codeable_concept(out, "description", system, goal, label, label);
    reference(out, "subject", context.patient);
    out.field("startDate", start);
    reference(out, "expressedBy", context.patient);
    end_entry(out);
  }
}

void write_care_plan(JsonWriter& out, const Context& context) {
  if (context.plan == nullptr) return;
  const store::PlanRecord& record = context.file.plans.back();
  const json& plan = *context.plan;
  begin_entry(out, context.care_plan, "CarePlan");
  out.key("identifier");
  out.begin_array();
  out.begin_object();
  out.field("system", std::string(kBase) + "/sid/plan-version");
  out.field("value", std::to_string(record.id));
  out.end_object();
  out.end_array();
  out.field("status", plan.at("on_hold").get<bool>() ? "on-hold" : "active");
  out.field("intent", "plan");
  const std::string style = recommended_style(context);
  if (!style.empty()) out.field("title", style_title(context.knowledge, style));
  const std::string description = plan_description(context, record);
  if (!description.empty()) out.field("description", description);
  reference(out, "subject", context.patient);
  period(out, plan.at("sessions"));
  date_time(out, "created", record.created_at);
  references(out, "supportingInfo", supporting(context));
  references(out, "goal", context.goals);
  activities(out, context, plan);
  notes(out, plan_notes(context, record));
  end_entry(out);
}

void write_service_request(JsonWriter& out, const Context& context) {
  if (context.assessment == nullptr) return;
  const json& safety = context.assessment->at("safety");
  const bool on_hold = text_of(safety, "status") == "consult_provider_first" ||
                       (context.plan != nullptr && context.plan->at("on_hold").get<bool>());
  begin_entry(out, context.service_request, "ServiceRequest");
  if (!context.care_plan.empty()) references(out, "basedOn", {context.care_plan});
  out.field("status", on_hold ? "on-hold" : "active");
  out.field("intent", "plan");
  style_code(out, context, recommended_style(context));
  pressure_detail(out, context, safety);
  reference(out, "subject", context.patient);
  date_time(out, "authoredOn", assessment_record(context).assessed_at);
  performer(out, "performer", context);
  reasons(out, context);
  references(out, "supportingInfo", supporting(context));
  body_sites(out, context);
  notes(out, therapist_notes(context));
  end_entry(out);
}

}  // namespace mn::codec::fhir
