// progress, plan adapt, plan show.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/record_lookup.hpp"
#include "codec/plan_json.hpp"
#include "codec/progress_json.hpp"
#include "codec/progress_text.hpp"
#include "core/adaptation.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

namespace {

// A person's stored journal and plan, summarised and adapted as of now.
struct Reviewed {
  store::Patient patient;
  std::vector<core::JournalEntry> entries;
  std::vector<core::CompletedSession> sessions;
  core::Progress progress;
  std::optional<store::PlanRecord> plan_record;
  core::Plan plan;
  core::Adaptation adaptation;
};

Result<Reviewed> review(Context& ctx, const core::KnowledgeBase& knowledge, store::Store& store,
                        store::PatientId patient) {
  auto course = store.course(ctx.actor(), patient);
  if (!course) return course.error();
  Reviewed reviewed;
  reviewed.patient = std::move(course->patient);
  reviewed.entries.reserve(course->journal.size());
  for (auto& record : course->journal) reviewed.entries.push_back(std::move(record.entry));
  for (const auto& session : course->sessions) {
    reviewed.sessions.push_back(core::CompletedSession{
        session.time, session.style, static_cast<std::uint16_t>(session.minutes),
        static_cast<std::uint8_t>(session.pressure)});
  }
  const store::Seconds now = ctx.clock.now();
  reviewed.progress = core::summarize_progress(knowledge, reviewed.entries, reviewed.sessions, now);
  reviewed.plan_record = std::move(course->plan);
  if (reviewed.plan_record) {
    auto stored = codec::plan_from_json(knowledge, reviewed.plan_record->plan_json);
    if (!stored) {
      return Error{"invalid", "plan version " + std::to_string(reviewed.plan_record->version),
                   "the stored plan no longer fits this knowledge base (" +
                       stored.error().describe() + "); record the intake again"};
    }
    reviewed.plan = std::move(*stored);
  }
  reviewed.adaptation = core::adapt_plan(knowledge, reviewed.plan, reviewed.progress,
                                         store::local_date(now, reviewed.patient.time_zone));
  return reviewed;
}

}  // namespace

int progress(Context& ctx, const ProgressOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto reviewed = review(ctx, *knowledge, *store, options.patient);
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
  auto reviewed = review(ctx, *knowledge, *store, patient);
  if (!reviewed) return ctx.fail(reviewed.error());
  if (!reviewed->plan_record) {
    return ctx.fail(
        Error{"invalid", "plan",
              "patient " + std::to_string(patient) + " has no plan yet: record an intake first"});
  }
  const core::Adaptation& adaptation = reviewed->adaptation;
  const std::string decision(core::decision_name(adaptation.decision));
  std::string plan_json = codec::plan_to_json(*knowledge, adaptation.plan);
  if (plan_json == reviewed->plan_record->plan_json) {
    ctx.out << "Decision: " << decision << ". The plan stays as version "
            << reviewed->plan_record->version << ".\n";
    for (const std::string& line : adaptation.explanation) ctx.out << "  " << line << "\n";
    return kOk;
  }
  std::string reason = decision + " (" + knowledge->progress.rules[adaptation.rule].id + ")";
  auto saved = store->add_plan_version(
      ctx.actor(), patient,
      store::NewPlan{reviewed->plan_record->assessment, reason, std::move(plan_json)});
  if (!saved) return ctx.fail(saved.error());
  ctx.out << "Decision: " << decision << ". Saved plan version " << saved->version << "; version "
          << reviewed->plan_record->version << " is kept.\n";
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
