// The clinic team's pages: who needs attention, one person's record, and
// invitations.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/auth.hpp"
#include "codec/assessment_view.hpp"
#include "service/course_review.hpp"
#include "web/journal_view.hpp"
#include "web/pages.hpp"
#include "web/patient_grant.hpp"
#include "web/saved_intake.hpp"

namespace mn::web {

namespace {

using nlohmann::json;

bool is_clinician(const Visit& visit) {
  return visit.has_role(store::Role::clinician) && visit.call.account().clinic.has_value();
}

struct Attention {
  store::Patient patient;
  int urgency = 0;  // higher first
  std::vector<std::string> flags;
  std::optional<std::int64_t> last_entry;
};

// What a clinician should look at first: red flags in the journal, then a
// safety status that is not clear, pain getting worse, and no meaningful
// change by the review date.
Result<Attention> attention_of(Visit& visit, const store::Patient& patient) {
  const core::KnowledgeBase& knowledge = visit.call.shared.knowledge;
  Attention attention{patient, 0, {}, std::nullopt};
  auto review = service::review_course(knowledge, *visit.call.store, visit.call.actor, patient.id,
                                       visit.call.shared.clock.now());
  if (!review) return review.error();
  auto assessment = visit.call.store->latest_assessment(visit.call.actor, patient.id);
  if (!assessment) return assessment.error();
  const core::ProgressFlags& flags = review->progress.flags;
  const auto flag = [&](int urgency, std::string text) {
    attention.urgency = std::max(attention.urgency, urgency);
    attention.flags.push_back(std::move(text));
  };
  if (flags.sharp_pain_at) flag(100, "sharp pain");
  if (flags.new_symptoms_at) flag(100, "new symptoms");
  if (flags.soreness_hours) flag(90, "long soreness");
  if (*assessment && (*assessment)->safety_status == "consult_provider_first") {
    flag(80, "check with provider first");
  } else if (*assessment && (*assessment)->safety_status == "adjust") {
    flag(40, "safety adjustments");
  }
  if (flags.pain_worse) flag(60, "worse");
  const core::AdaptationRule& rule = knowledge.progress.rules[review->adaptation.rule];
  if (rule.when == core::Trigger::past_review_without_meaningful_change) {
    flag(30, "no change at review");
  }
  if (!*assessment) flag(10, "no intake yet");
  for (const core::JournalEntry& entry : review->entries) {
    attention.last_entry = std::max(attention.last_entry.value_or(entry.time), entry.time);
  }
  return attention;
}

http::Response dashboard(Visit& visit, int status, const api::IssuedInvitation* issued,
                         std::string_view problem) {
  if (!is_clinician(visit)) return error_page(visit, 403, "The clinic pages are for clinicians.");
  const store::ClinicId clinic_id = *visit.call.account().clinic;
  auto clinic = visit.call.accounts().clinic(clinic_id);
  auto patients = visit.call.store->clinic_patients(visit.call.actor, clinic_id);
  if (!clinic || !*clinic || !patients) {
    return error_page(visit, 500, "The clinic could not be read. Please try again.");
  }
  std::vector<Attention> rows;
  for (const store::Patient& patient : *patients) {
    auto attention = attention_of(visit, patient);
    if (!attention)
      return error_page(visit, 500, "The clinic could not be read. Please try again.");
    rows.push_back(std::move(*attention));
  }
  std::ranges::stable_sort(rows, [](const Attention& a, const Attention& b) {
    if (a.urgency != b.urgency) return a.urgency > b.urgency;
    return a.patient.display_name < b.patient.display_name;
  });
  Page page(visit, "clinic.html", (*clinic)->name);
  Values& values = page.values();
  values.set("CLINIC", (*clinic)->name).set("TIME_ZONE", visit.form.get("time_zone"));
  if (!problem.empty()) values.add("PROBLEM").set("MESSAGE", problem);
  if (issued != nullptr) {
    const std::string_view role =
        issued->invitation.role == store::Role::therapist ? "therapist" : "patient";
    values.add("INVITED")
        .set("NAME", issued->invitation.display_name)
        .set("ROLE", role)
        .set("UNTIL", show_time(issued->invitation.expires_at, "UTC"))
        .set("CODE", issued->token);
  }
  values.show_if(rows.empty(), "NO_PATIENTS");
  Values table = rows.empty() ? values : values.add("HAS_PATIENTS");
  for (const Attention& row : rows) {
    Values shown = table.add("PATIENT");
    shown.set("ID", row.patient.id)
        .set("NAME", row.patient.display_name)
        .set("LAST", row.last_entry ? show_date(*row.last_entry, row.patient.time_zone) : "none");
    for (const std::string& flag : row.flags) shown.add("FLAG").set("TEXT", flag);
    shown.show_if(row.flags.empty(), "CALM");
  }
  return page.respond(status);
}

// An answer of the intake in words: choices by their labels, yes or no.
std::string answer_text(const core::Question& question, const json& value) {
  const core::FieldInfo& info = core::field_info(question.field);
  const auto label = [&](const json& name) -> std::string {
    if (!name.is_string()) return name.dump();
    const auto index = core::choice_by_name(info.choices, name.get<std::string>());
    return index ? question.value_labels[*index] : name.get<std::string>();
  };
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_null()) return "none";
  if (value.is_string() && info.choices != core::Choices::none) return label(value);
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_array()) return value.dump();
  std::string text;
  for (const json& item : value) {
    if (!text.empty()) text += "; ";
    if (item.is_object()) {
      text += label(item.value("region", json()));
      if (item.contains("intensity")) text += " " + item["intensity"].dump() + "/10";
      if (item.contains("weeks")) text += ", " + item["weeks"].dump() + " weeks";
      if (item.contains("localized"))
        text += item["localized"] == true ? ", in one spot" : ", spread";
    } else {
      text += info.choices != core::Choices::none ? label(item) : item.get<std::string>();
    }
  }
  return text;
}

}  // namespace

http::Response clinic_dashboard(Visit& visit) { return dashboard(visit, 200, nullptr, ""); }

http::Response invite(Visit& visit) {
  if (!is_clinician(visit)) return error_page(visit, 403, "The clinic pages are for clinicians.");
  const std::string role(visit.form.get("role"));
  if (role != "patient" && role != "therapist") {
    return dashboard(visit, 400, nullptr, "Choose whether you invite a patient or a therapist.");
  }
  const std::string zone = visit.form.get("time_zone").empty()
                               ? std::string("UTC")
                               : std::string(visit.form.get("time_zone"));
  auto issued = api::invite(visit.call, role, std::string(visit.form.get("display_name")), zone);
  if (!issued) {
    const Error& error = issued.error();
    const std::string field = error.where == "display_name" ? "Their name"
                              : error.where == "time_zone"  ? "Time zone"
                                                            : error.where;
    return dashboard(visit, 400, nullptr, field + ": " + error.message);
  }
  return dashboard(visit, 201, &*issued, "");
}

http::Response clinic_patient(Visit& visit) {
  if (!is_clinician(visit)) return error_page(visit, 403, "The clinic pages are for clinicians.");
  auto granted = granted_patient(visit);
  if (!granted.id) return *granted.refusal;
  const core::KnowledgeBase& knowledge = visit.call.shared.knowledge;
  auto record = visit.call.store->patient(visit.call.actor, *granted.id);
  auto saved = latest_assessed_intake(visit, *granted.id);
  auto journal = visit.call.store->journal(visit.call.actor, *granted.id);
  auto intake = visit.call.store->latest_intake(visit.call.actor, *granted.id);
  if (!record || !saved || !journal || !intake) {
    return error_page(visit, 500, "The record could not be read. Please try again.");
  }
  Page page(visit, "patient.html", record->display_name);
  Values& values = page.values();
  values.set("NAME", record->display_name)
      .set("TIME_ZONE", record->time_zone)
      .set("ID", record->id);
  if (!*saved || !*intake) {
    values.show("NO_ASSESSMENT");
  } else {
    const codec::AssessmentView view =
        codec::make_view(knowledge, (*saved)->intake, (*saved)->assessment);
    Values shown = values.add("ASSESSMENT");
    shown.set("DATE", (*saved)->assessed_on)
        .set("STYLE_HEADLINE", view.style_headline)
        .set("SAFETY_HEADLINE", view.safety_headline)
        .set("STATUS", view.status)
        .set("CEILING", view.pressure_ceiling);
    for (const codec::ReasonView& reason : view.reasons)
      shown.add("REASON").set("TEXT", reason.text);
    const json answers = json::parse((*intake)->intake_json, nullptr, false);
    for (const core::Question& question : knowledge.questionnaire) {
      const std::string name = core::field_info(question.field).name;
      if (!answers.is_object() || !answers.contains(name)) continue;
      shown.add("ANSWER")
          .set("QUESTION", question.prompt)
          .set("TEXT", answer_text(question, answers[name]));
    }
  }
  show_entries(knowledge, *journal, record->time_zone, values);
  return page.respond();
}

}  // namespace mn::web
