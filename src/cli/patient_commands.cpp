// patient add|list|show, intake record, session log.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/record_lookup.hpp"
#include "codec/assessment_json.hpp"
#include "codec/assessment_text.hpp"
#include "service/assessed_intake.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

namespace {

constexpr std::size_t kMaxIntakeBytes = 1 << 20;

}  // namespace

int patient_add(Context& ctx, const PatientAddOptions& options) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto added = store->add_patient(ctx.actor(), store::NewPatient{options.name, options.time_zone});
  if (!added) return ctx.fail(added.error());
  ctx.out << "Added patient " << added->id << " (" << added->display_name << ", "
          << added->time_zone << ")\n";
  return kOk;
}

int patient_list(Context& ctx) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto patients = store->list_patients(ctx.actor());
  if (!patients) return ctx.fail(patients.error());
  if (patients->empty()) {
    ctx.out << "No patients yet. Add one with: massage-navigator patient add --name NAME\n";
    return kOk;
  }
  for (const store::Patient& patient : *patients) {
    ctx.out << patient.id << "\t" << patient.display_name << "\t" << patient.time_zone << "\n";
  }
  return kOk;
}

int patient_show(Context& ctx, store::PatientId id) {
  auto records = open_patient(ctx, id);
  if (!records.ok) return records.exit_code;
  store::Store& store = *records.store;
  const store::Patient& patient = records.patient;
  const store::Actor actor = ctx.actor();
  auto assessment = store.latest_assessment(actor, id);
  auto plan = store.current_plan(actor, id);
  auto sessions = store.sessions(actor, id);
  auto journal = store.journal(actor, id);
  if (!assessment) return ctx.fail(assessment.error());
  if (!plan) return ctx.fail(plan.error());
  if (!sessions) return ctx.fail(sessions.error());
  if (!journal) return ctx.fail(journal.error());
  ctx.out << "Patient " << patient.id << ": " << patient.display_name << "\n"
          << "  time zone      " << patient.time_zone << "\n"
          << "  added          " << store::format_local(patient.created_at, patient.time_zone)
          << "\n";
  if (*assessment) {
    const store::AssessmentRecord& latest = **assessment;
    ctx.out << "  assessment     " << latest.style << ", safety " << latest.safety_status << " ("
            << store::format_local(latest.assessed_at, patient.time_zone) << ", knowledge base "
            << latest.knowledge_version << ")\n";
  } else {
    ctx.out << "  assessment     none yet (massage-navigator intake record " << id
            << " --input FILE)\n";
  }
  if (*plan) {
    ctx.out << "  plan           version " << (*plan)->version << " (" << (*plan)->reason << ")\n";
  }
  ctx.out << "  sessions       " << sessions->size() << " logged\n"
          << "  journal        " << journal->size() << " entries";
  if (!journal->empty()) {
    ctx.out << ", the latest "
            << store::format_local(journal->back().entry.time, patient.time_zone);
  }
  ctx.out << "\n";
  return kOk;
}

int intake_record(Context& ctx, const IntakeRecordOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  auto records = open_patient(ctx, options.patient);
  if (!records.ok) return records.exit_code;
  auto text = read_input(options.input, kMaxIntakeBytes);
  if (!text) return ctx.fail(text.error());
  const core::Date today = store::local_date(ctx.clock.now(), records.patient.time_zone);
  auto recorded = service::record_assessed_intake(*knowledge, *records.store, ctx.actor(),
                                                  options.patient, *text, today, std::nullopt);
  if (!recorded) return ctx.fail(recorded.error());
  if (options.format == "json") {
    ctx.out << codec::assessment_to_json(*knowledge, recorded->intake, recorded->assessment);
  } else {
    ctx.out << codec::assessment_to_text(*knowledge, recorded->intake, recorded->assessment)
            << "\nSaved intake version " << recorded->stored.intake.version
            << " with its assessment and plan version " << recorded->stored.plan.version
            << " for patient " << options.patient << ".\n";
  }
  return kOk;
}

int session_log(Context& ctx, const SessionLogOptions& options) {
  auto records = open_patient(ctx, options.patient);
  if (!records.ok) return records.exit_code;
  auto time = read_time(ctx, options.time, records.patient, "--time");
  if (!time) return ctx.fail(time.error());
  core::Style style = core::Style::therapeutic;
  if (options.style == "relaxation") {
    style = core::Style::relaxation;
  } else if (options.style != "therapeutic") {
    return ctx.fail(Error{"invalid", "--style", "must be therapeutic or relaxation"});
  }
  auto logged = records.store->log_session(
      ctx.actor(), options.patient,
      store::NewSession{*time, style, options.minutes, options.therapist, options.pressure});
  if (!logged) return ctx.fail(logged.error());
  ctx.out << "Logged a " << options.minutes << "-minute " << options.style << " session on "
          << store::format_local(logged->time, records.patient.time_zone) << " for patient "
          << options.patient << "\n";
  return kOk;
}

}  // namespace mn::cli
