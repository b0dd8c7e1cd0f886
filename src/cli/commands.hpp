#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "store/records.hpp"

// The commands that work with stored records. app.cpp parses the command
// line (CLI11 stays in that one file) and calls these; each prints its
// result to ctx.out, its errors to ctx.err, and returns an ExitCode.
namespace mn::cli {

struct PatientAddOptions {
  std::string name;
  std::string time_zone = "UTC";
};
int patient_add(Context& ctx, const PatientAddOptions& options);
int patient_list(Context& ctx);
int patient_show(Context& ctx, store::PatientId id);

struct IntakeRecordOptions {
  store::PatientId patient = 0;
  std::string input;  // file or "-"
  std::string format = "text";
};
int intake_record(Context& ctx, const IntakeRecordOptions& options);

struct SessionLogOptions {
  store::PatientId patient = 0;
  std::string time;  // in the person's time zone; default now
  std::string style;
  int minutes = 60;
  int pressure = 3;
  std::string therapist;
};
int session_log(Context& ctx, const SessionLogOptions& options);

struct JournalAddOptions {
  store::PatientId patient = 0;
  std::string time;                     // in the person's time zone; default now
  std::vector<std::string> pain;        // "neck=4"
  std::vector<std::string> activities;  // "lifting my toddler=6"
  std::optional<int> stress;
  std::optional<int> sleep_quality;
  std::optional<double> soreness_hours;
  std::string sharp_pain;  // "yes", "no" or empty
  std::string new_symptoms;
  std::string notes;
  bool interactive = false;  // ask for each rating in the terminal
};
int journal_add(Context& ctx, const JournalAddOptions& options);
int journal_list(Context& ctx, store::PatientId patient);

struct ProgressOptions {
  store::PatientId patient = 0;
  std::string format = "text";
};
int progress(Context& ctx, const ProgressOptions& options);
// Applies the adaptation rules and stores the plan version they produce.
int plan_adapt(Context& ctx, store::PatientId patient);
int plan_show(Context& ctx, store::PatientId patient);

struct ExportOptions {
  store::PatientId patient = 0;
  std::string format = "json";  // json (everything), csv (the journal) or fhir (a FHIR R4 Bundle)
  std::string output;           // file; empty = standard output
  // fhir only: the therapist the bundle is for; no name = none.
  std::string therapist;
  std::string therapist_licence;
  std::string therapist_practice;
};
int export_patient(Context& ctx, const ExportOptions& options);

struct HandoffOptions {
  store::PatientId patient = 0;
  std::string audience = "therapist";  // therapist or clinic
  std::string format = "text";         // text or pdf
  std::string output;                  // file; empty = standard output (text only)
};
int handoff(Context& ctx, const HandoffOptions& options);

struct CalendarOptions {
  store::PatientId patient = 0;
  std::string output;  // file; empty = standard output
};
// The current plan's sessions as iCalendar.
int calendar(Context& ctx, const CalendarOptions& options);

// The therapist directory of a clinic (1 unless --clinic says otherwise).
struct TherapistListOptions {
  store::ClinicId clinic = 1;
  std::string format = "text";  // text, csv or json
};
int therapist_list(Context& ctx, const TherapistListOptions& options);

struct TherapistImportOptions {
  store::ClinicId clinic = 1;
  std::string input;     // CSV file or "-"
  bool replace = false;  // entries with a code already listed replace them
};
int therapist_import(Context& ctx, const TherapistImportOptions& options);

// The cells of one directory row, in the CSV's formats (docs/directory.md).
struct TherapistAddOptions {
  store::ClinicId clinic = 1;
  std::string id;
  std::string name;
  std::string practice;
  std::string licence;
  bool board_certified = false;
  std::string training;  // "prenatal|oncology"
  std::string styles = "therapeutic|relaxation";
  bool accepts_medical_input = false;
  std::string setting = "calm";
  std::string latitude;
  std::string longitude;
  std::string address;
  std::string prices;  // "30=45|60=80"
  int openings_per_week = 1;
  int review_count = 0;
  std::string rating = "0";
};
int therapist_add(Context& ctx, const TherapistAddOptions& options);

struct TherapistRemoveOptions {
  store::ClinicId clinic = 1;
  std::string id;
};
int therapist_remove(Context& ctx, const TherapistRemoveOptions& options);

struct TherapistMatchOptions {
  store::PatientId patient = 0;
  std::string near;  // "lat,lon"; empty: the middle of the directory
  double radius_km = 0;
  std::optional<double> budget;  // per session, in the currency
  int minutes = 0;               // 0: the plan's session length
  std::size_t top = 5;
  std::string format = "text";
};
int therapist_match(Context& ctx, const TherapistMatchOptions& options);

struct ImportOptions {
  store::PatientId patient = 0;
  std::string input;
};
int import_journal(Context& ctx, const ImportOptions& options);

int erase_patient(Context& ctx, store::PatientId patient, bool confirmed);
int audit_show(Context& ctx, std::optional<store::PatientId> patient);

struct ReassessOptions {
  std::string format = "text";
  bool progress_bar = true;  // on standard error
};
int reassess(Context& ctx, const ReassessOptions& options);

// Loads the demo people; with `only_if_empty`, only into a database
// without people (the run script's first start).
int demo_load(Context& ctx, bool only_if_empty);
int database_check(Context& ctx);
int database_purge(Context& ctx);

// The HTTP API server until SIGTERM or SIGINT (then it drains and exits).
// Address, port and TLS come from the settings (flags, env, config file).
struct ServeOptions {
  std::size_t io_threads = 1;
  std::size_t workers = 2;
};
int serve(Context& ctx, const ServeOptions& options);

// The first clinic and its admin; the password is read from the first line
// of standard input, never from the command line (it would show in `ps`
// and in shell history).
struct AdminCreateOptions {
  std::string clinic;
  std::string login;
  std::string display_name;
  bool clinician = false;  // the admin also treats: may read the clinic's records
};
int admin_create(Context& ctx, const AdminCreateOptions& options);

}  // namespace mn::cli
