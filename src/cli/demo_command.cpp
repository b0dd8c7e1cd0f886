// demo load: the invented people of src/demo, with their intakes, sessions,
// journals and the plan versions their journals lead to.
#include <ostream>

#include "cli/commands.hpp"
#include "demo/demo_people.hpp"
#include "service/assessed_intake.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

namespace {

Result<store::PatientId> load_person(const core::KnowledgeBase& knowledge, store::Store& store,
                                     const store::Actor& actor, const demo::DemoPerson& person) {
  auto patient = store.add_patient(actor, store::NewPatient{person.display_name, person.time_zone});
  if (!patient) return patient.error();
  auto recorded = service::record_assessed_intake(
      knowledge, store, actor, patient->id, person.intake_json,
      store::local_date(person.intake_time, person.time_zone), person.intake_time);
  if (!recorded) return recorded.error();
  for (const demo::DemoSession& session : person.sessions) {
    auto logged = store.log_session(actor, patient->id,
                                    store::NewSession{session.time, session.style, session.minutes,
                                                      session.therapist, session.pressure});
    if (!logged) return logged.error();
  }
  if (!person.journal.empty()) {
    auto saved = store.add_journal_entries(actor, patient->id, person.journal);
    if (!saved) return saved.error();
  }
  return patient->id;
}

}  // namespace

int demo_load(Context& ctx, bool only_if_empty) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  const store::Actor actor{"demo"};
  if (only_if_empty) {
    auto patients = store->list_patients(actor);
    if (!patients) return ctx.fail(patients.error());
    if (!patients->empty()) return kOk;
  }
  for (const demo::DemoPerson& person : demo::demo_people(ctx.clock.now())) {
    auto loaded = load_person(*knowledge, *store, actor, person);
    if (!loaded) return ctx.fail(loaded.error());
    ctx.out << "Demo patient " << *loaded << ": " << person.display_name << " (" << person.story
            << ")\n";
    // The plan version the journal leads to, as a clinician would save it.
    if (const int adapted = plan_adapt(ctx, *loaded); adapted != kOk) return adapted;
  }
  return kOk;
}

}  // namespace mn::cli
