// progress, plan adapt, plan show.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/record_lookup.hpp"
#include "codec/plan_json.hpp"
#include "codec/progress_json.hpp"
#include "codec/progress_text.hpp"
#include "service/course_review.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

int progress(Context& ctx, const ProgressOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto reviewed =
      service::review_course(*knowledge, *store, ctx.actor(), options.patient, ctx.clock.now());
  if (!reviewed) return ctx.fail(reviewed.error());
  const store::Patient& patient = reviewed->patient;
  if (options.format == "json") {
    ctx.out << codec::progress_to_json(*knowledge, reviewed->progress, &reviewed->adaptation)
            << "\n";
    return kOk;
  }
  const std::string zone = patient.time_zone;
  ctx.out << "Progress of patient " << patient.id << " (" << patient.display_name << "), "
          << store::format_local(ctx.clock.now(), zone) << "\n\n"
          << codec::progress_to_text(*knowledge, reviewed->progress, &reviewed->adaptation,
                                     reviewed->entries, reviewed->sessions,
                                     [&zone](std::int64_t time) {
                                       return core::format_date(store::local_date(time, zone));
                                     });
  if (reviewed->adaptation.decision != core::Decision::continue_plan) {
    ctx.out << "\nTo keep this as the new plan version: massage-navigator plan adapt " << patient.id
            << "\n";
  }
  return kOk;
}

int plan_adapt(Context& ctx, store::PatientId patient) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto reviewed = service::review_course(*knowledge, *store, ctx.actor(), patient, ctx.clock.now());
  if (!reviewed) return ctx.fail(reviewed.error());
  auto saved = service::keep_adapted_plan(*knowledge, *store, ctx.actor(), *reviewed);
  if (!saved) return ctx.fail(saved.error());
  const core::Adaptation& adaptation = reviewed->adaptation;
  const std::string decision(core::decision_name(adaptation.decision));
  if (!*saved) {
    ctx.out << "Decision: " << decision << ". The plan stays as version "
            << reviewed->plan_record->version << ".\n";
  } else {
    ctx.out << "Decision: " << decision << ". Saved plan version " << (*saved)->version
            << "; version " << reviewed->plan_record->version << " is kept.\n";
  }
  for (const std::string& line : adaptation.explanation) ctx.out << "  " << line << "\n";
  return kOk;
}

int plan_show(Context& ctx, store::PatientId patient) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  auto records = open_patient(ctx, patient);
  if (!records.ok) return records.exit_code;
  auto current = records.store->current_plan(ctx.actor(), patient);
  if (!current) return ctx.fail(current.error());
  if (!*current) {
    ctx.out << "No plan yet: record an intake first.\n";
    return kOk;
  }
  auto plan = codec::plan_from_json(*knowledge, (*current)->plan_json);
  if (!plan) return ctx.fail(plan.error());
  ctx.out << "Plan version " << (*current)->version << " (" << (*current)->reason << "), from "
          << store::format_local((*current)->created_at, records.patient.time_zone) << "\n";
  if (plan->on_hold) ctx.out << "  On hold until a provider clears massage.\n";
  for (const core::PlannedSession& session : plan->sessions) {
    ctx.out << "  " << core::format_date(session.date) << "  " << core::style_name(session.style)
            << ", " << session.minutes << " minutes\n";
  }
  if (plan->review_on) {
    ctx.out << "  Review with the clinic team on " << core::format_date(*plan->review_on) << "\n";
  }
  return kOk;
}

}  // namespace mn::cli
