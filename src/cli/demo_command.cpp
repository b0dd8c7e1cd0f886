// demo load: the invented people of src/demo, with their intakes, sessions,
// journals and the plan versions their journals lead to, in a demo clinic
// with accounts to sign in with and a directory of invented therapists.
#include <ostream>
#include <string>

#include "api/crypto.hpp"
#include "cli/commands.hpp"
#include "demo/demo_directory.hpp"
#include "demo/demo_people.hpp"
#include "service/assessed_intake.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

namespace {

Result<store::PatientId> load_person(const core::KnowledgeBase& knowledge, store::Store& store,
                                     const store::Actor& actor, const demo::DemoPerson& person,
                                     store::ClinicId clinic) {
  auto patient =
      store.add_patient(actor, store::NewPatient{person.display_name, person.time_zone, clinic});
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

store::Roles roles_of(store::Role role) { return store::Roles{}.add(role); }

// The demo clinic with its admin (also a clinician) and a therapist; the
// patient account is added once the first person is stored. One password
// for the three, random, shown once: a demo database must not open with a
// password anyone could read here.
struct DemoClinic {
  store::ClinicId clinic = 0;
  store::AccountId therapist = 0;
  std::string password;
  std::string password_hash;
};

Result<DemoClinic> create_demo_clinic(store::Store& store, const store::Actor& actor) {
  DemoClinic demo;
  demo.password = api::random_token().substr(0, 16);
  demo.password_hash = api::hash_password(demo.password);
  store::Roles staff = roles_of(store::Role::admin);
  staff.add(store::Role::clinician);
  auto clinician = store.accounts().create_clinic_with_admin(
      actor, "Lonerock Clinic (demo)",
      store::NewAccount{"demo.clinician", "Dana Reyes (demo clinician)", demo.password_hash, staff,
                        std::nullopt, std::nullopt});
  if (!clinician) return clinician.error();
  demo.clinic = *clinician->clinic;
  auto therapist = store.accounts().create_account(
      actor, store::NewAccount{"demo.therapist", "Theo Marsh (demo therapist)", demo.password_hash,
                               roles_of(store::Role::therapist), demo.clinic, std::nullopt});
  if (!therapist) return therapist.error();
  demo.therapist = therapist->id;
  return demo;
}

// The invented practices around Lonerock; the first is the demo therapist's
// own, so that handoffs can be shared from the directory.
Result<std::size_t> load_directory(store::Store& store, const store::Actor& actor,
                                   const DemoClinic& demo) {
  std::vector<store::DirectoryEntry> entries = demo::demo_directory();
  entries.front().account = demo.therapist;
  auto stored = store.directory().put_therapists(actor, demo.clinic, entries, false);
  if (!stored) return stored.error();
  return stored->size();
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
  auto clinic = create_demo_clinic(*store, actor);
  if (!clinic) return ctx.fail(clinic.error());
  auto directory = load_directory(*store, actor, *clinic);
  if (!directory) return ctx.fail(directory.error());
  ctx.out << "Demo directory: " << *directory << " invented therapists around Lonerock\n";
  std::string patient_login;
  for (const demo::DemoPerson& person : demo::demo_people(ctx.clock.now())) {
    auto loaded = load_person(*knowledge, *store, actor, person, clinic->clinic);
    if (!loaded) return ctx.fail(loaded.error());
    if (patient_login.empty()) {
      auto account = store->accounts().create_account(
          actor, store::NewAccount{"demo.patient", person.display_name, clinic->password_hash,
                                   roles_of(store::Role::patient), clinic->clinic, *loaded});
      if (!account) return ctx.fail(account.error());
      patient_login = account->login + " (" + person.display_name + ")";
    }
    ctx.out << "Demo patient " << *loaded << ": " << person.display_name << " (" << person.story
            << ")\n";
    // The plan version the journal leads to, as a clinician would save it.
    if (const int adapted = plan_adapt(ctx, *loaded); adapted != kOk) return adapted;
  }
  ctx.out << "Demo clinic " << clinic->clinic
          << " (Lonerock Clinic (demo)) with accounts demo.clinician (admin and clinician), "
             "demo.therapist and "
          << patient_login << "; their password, shown only now: " << clinic->password << "\n";
  return kOk;
}

}  // namespace mn::cli
