#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/files.hpp"
#include "cli/interactive_intake.hpp"
#include "cli/kb_show.hpp"
#include "codec/assessment_json.hpp"
#include "codec/assessment_text.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "knowledge/loader.hpp"

namespace mn::cli {

namespace {

constexpr std::size_t kMaxInputBytes = 1 << 20;

struct Options {
  std::string knowledge_dir;
  std::string input;
  std::string format = "text";
  std::string today;
  std::string save;
  std::string show_id;
  std::string check_dir;
};

class Commands {
 public:
  Commands(const Options& options, std::istream& in, std::ostream& out, std::ostream& err)
      : options_(options), in_(in), out_(out), err_(err) {}

  int assess() {
    auto knowledge = load(options_.knowledge_dir);
    if (!knowledge) return kInternalError;
    const auto today = parse_today();
    if (!today) return kBadInput;
    auto text = read_input(options_.input, kMaxInputBytes);
    if (!text) return bad_input(text.error());
    auto intake = codec::parse_intake(*knowledge, *text);
    if (!intake) return bad_input(intake.error());
    print(*knowledge, *intake, *today);
    return kOk;
  }

  int intake() {
    auto knowledge = load(options_.knowledge_dir);
    if (!knowledge) return kInternalError;
    const auto today = parse_today();
    if (!today) return kBadInput;
    out_ << "Massage Navigator: a few questions to find the massage that fits you.\n"
         << "Press Enter to skip a question; type the number or name of a choice.\n";
    const core::Intake intake = ask_intake(*knowledge, in_, out_);
    out_ << "\n";
    print(*knowledge, intake, *today);
    if (!options_.save.empty()) {
      auto written = write_file_atomically(options_.save, codec::intake_to_json(intake));
      if (!written) return bad_input(written.error());
      err_ << "Saved your answers to " << options_.save << "\n";
    }
    return kOk;
  }

  int kb_check() {
    const std::string dir =
        options_.check_dir.empty() ? options_.knowledge_dir : options_.check_dir;
    auto knowledge = load(dir);
    if (!knowledge) return kBadInput;
    out_ << dir << ": ok (version " << knowledge->version << ", " << knowledge->questionnaire.size()
         << " questions, " << knowledge->items.size() << " checklist items, "
         << knowledge->rules.size() << " safety rules, " << knowledge->terms.size()
         << " terms with " << knowledge->term_names.size() << " names, "
         << knowledge->plan.cadences.size() << " cadences)\n";
    return kOk;
  }

  int kb_show() {
    auto knowledge = load(options_.knowledge_dir);
    if (!knowledge) return kInternalError;
    const std::string text = describe_item(*knowledge, options_.show_id);
    if (text.empty()) {
      err_ << "error: " << options_.show_id << ": no knowledge-base item has this id\n";
      return kBadInput;
    }
    out_ << text;
    return kOk;
  }

 private:
  std::optional<core::KnowledgeBase> load(const std::string& dir) {
    auto loaded = knowledge::load_directory(dir);
    if (auto* errors = std::get_if<knowledge::LoadErrors>(&loaded)) {
      err_ << errors->describe();
      return std::nullopt;
    }
    return std::move(std::get<core::KnowledgeBase>(loaded));
  }

  std::optional<core::Date> parse_today() {
    if (options_.today.empty()) return local_today();
    const auto date = core::parse_date(options_.today);
    if (!date)
      err_ << "error: --today: must be a date as YYYY-MM-DD, got '" << options_.today << "'\n";
    return date;
  }

  int bad_input(const Error& error) {
    err_ << "error: " << error.describe() << "\n";
    return kBadInput;
  }

  void print(const core::KnowledgeBase& knowledge, const core::Intake& intake, core::Date today) {
    const core::Assessment assessment = core::assess(knowledge, intake, today);
    out_ << (options_.format == "json" ? codec::assessment_to_json(knowledge, intake, assessment)
                                       : codec::assessment_to_text(knowledge, intake, assessment));
  }

  const Options& options_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
};

// Every option of every command; CLI11 writes into it while parsing.
struct Parsed {
  Options options;
  SettingFlags settings;
  PatientAddOptions patient_add;
  store::PatientId patient = 0;
  IntakeRecordOptions intake_record;
  SessionLogOptions session_log;
  JournalAddOptions journal_add;
  ProgressOptions progress;
  ExportOptions export_options;
  HandoffOptions handoff;
  CalendarOptions calendar;
  TherapistListOptions therapist_list;
  TherapistImportOptions therapist_import;
  TherapistAddOptions therapist_add;
  TherapistRemoveOptions therapist_remove;
  TherapistMatchOptions therapist_match;
  ImportOptions import_options;
  bool confirmed = false;
  ReassessOptions reassess;
  bool if_empty = false;
  ServeOptions serve;
  AdminCreateOptions admin_create;
};

CLI::Option* add_patient_argument(CLI::App* command, store::PatientId& patient) {
  return command->add_option("patient", patient, "The patient's number (patient list)")
      ->required()
      ->check(CLI::PositiveNumber);
}

// The stored-records commands: they take the database settings.
struct RecordCommands {
  CLI::App* patient_add = nullptr;
  CLI::App* patient_list = nullptr;
  CLI::App* patient_show = nullptr;
  CLI::App* intake_record = nullptr;
  CLI::App* session_log = nullptr;
  CLI::App* journal_add = nullptr;
  CLI::App* journal_list = nullptr;
  CLI::App* progress = nullptr;
  CLI::App* plan_adapt = nullptr;
  CLI::App* plan_show = nullptr;
  CLI::App* export_command = nullptr;
  CLI::App* handoff = nullptr;
  CLI::App* calendar = nullptr;
  CLI::App* therapist_list = nullptr;
  CLI::App* therapist_import = nullptr;
  CLI::App* therapist_add = nullptr;
  CLI::App* therapist_remove = nullptr;
  CLI::App* therapist_match = nullptr;
  CLI::App* import_command = nullptr;
  CLI::App* erase = nullptr;
  CLI::App* audit = nullptr;
  CLI::App* reassess = nullptr;
  CLI::App* demo_load = nullptr;
  CLI::App* db_check = nullptr;
  CLI::App* db_purge = nullptr;
  CLI::App* serve = nullptr;
  CLI::App* admin_create = nullptr;
};

void add_people_commands(CLI::App& app, Parsed& parsed, RecordCommands& commands) {
  auto* patient = app.add_subcommand("patient", "Add, list and show people");
  patient->require_subcommand(1);
  commands.patient_add = patient->add_subcommand("add", "Add a person");
  commands.patient_add->add_option("--name", parsed.patient_add.name, "Their name")->required();
  commands.patient_add->add_option("--time-zone", parsed.patient_add.time_zone,
                                   "IANA time zone, e.g. Europe/Berlin (default UTC)");
  commands.patient_list = patient->add_subcommand("list", "List people");
  commands.patient_show = patient->add_subcommand("show", "Show one person's records");
  add_patient_argument(commands.patient_show, parsed.patient);

  auto* intake = app.get_subcommand("intake");
  commands.intake_record = intake->add_subcommand(
      "record", "Assess an intake (JSON) for a person and store both with the plan");
  add_patient_argument(commands.intake_record, parsed.intake_record.patient);
  commands.intake_record
      ->add_option("--input", parsed.intake_record.input, "Intake JSON file, or - for stdin")
      ->required();
  commands.intake_record->add_option("--format", parsed.intake_record.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));

  auto* session = app.add_subcommand("session", "Sessions that took place");
  session->require_subcommand(1);
  commands.session_log = session->add_subcommand("log", "Log a session");
  auto& log = parsed.session_log;
  add_patient_argument(commands.session_log, log.patient);
  commands.session_log->add_option("--time", log.time, "When, in their time zone (default now)");
  commands.session_log->add_option("--style", log.style, "therapeutic or relaxation")->required();
  commands.session_log->add_option("--minutes", log.minutes, "Length (default 60)");
  commands.session_log->add_option("--pressure", log.pressure, "Walton level 1..5 used");
  commands.session_log->add_option("--therapist", log.therapist, "Therapist or practice");
}

void add_journal_commands(CLI::App& app, Parsed& parsed, RecordCommands& commands) {
  auto* journal = app.add_subcommand("journal", "The person's journal");
  journal->require_subcommand(1);
  commands.journal_add = journal->add_subcommand(
      "add", "Add an entry from flags, or answer questions with --interactive");
  auto& add = parsed.journal_add;
  add_patient_argument(commands.journal_add, add.patient);
  commands.journal_add->add_option("--time", add.time, "When, in their time zone (default now)");
  commands.journal_add->add_option("--pain", add.pain, "REGION=0..10, repeatable");
  commands.journal_add->add_option("--activity", add.activities,
                                   "\"NAME=0..10\" (PSFS), up to five");
  commands.journal_add->add_option("--stress", add.stress, "0..10");
  commands.journal_add->add_option("--sleep", add.sleep_quality, "Sleep quality 0..10");
  commands.journal_add->add_option("--soreness-hours", add.soreness_hours,
                                   "Hours of soreness after the last session");
  commands.journal_add->add_option("--sharp-pain", add.sharp_pain, "yes or no");
  commands.journal_add->add_option("--new-symptoms", add.new_symptoms, "What is new");
  commands.journal_add->add_option("--notes", add.notes, "Anything else");
  commands.journal_add->add_flag("--interactive", add.interactive, "Ask in the terminal");
  commands.journal_list = journal->add_subcommand("list", "List the entries");
  add_patient_argument(commands.journal_list, parsed.patient);

  commands.progress = app.add_subcommand(
      "progress", "Baseline, latest and trend per measure, flags and the plan decision");
  add_patient_argument(commands.progress, parsed.progress.patient);
  commands.progress->add_option("--format", parsed.progress.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  auto* plan = app.add_subcommand("plan", "Plan versions");
  plan->require_subcommand(1);
  commands.plan_adapt =
      plan->add_subcommand("adapt", "Apply the adaptation rules and keep the new plan version");
  add_patient_argument(commands.plan_adapt, parsed.patient);
  commands.plan_show = plan->add_subcommand("show", "Show the current plan version");
  add_patient_argument(commands.plan_show, parsed.patient);
}

void add_data_commands(CLI::App& app, Parsed& parsed, RecordCommands& commands) {
  commands.export_command =
      app.add_subcommand("export", "Everything about a person (JSON), or their journal (CSV)");
  add_patient_argument(commands.export_command, parsed.export_options.patient);
  ExportOptions& export_options = parsed.export_options;
  auto* format =
      commands.export_command->add_option("--format", export_options.format, "json or csv")
          ->check(CLI::IsMember({"json", "csv"}));
  commands.export_command
      ->add_flag_callback(
          "--fhir", [&export_options] { export_options.format = "fhir"; },
          "A FHIR R4 Bundle (docs/fhir.md) instead")
      ->excludes(format);
  commands.export_command->add_option("--output", export_options.output,
                                      "File to write (default: standard output)");
  auto* therapist = commands.export_command->add_option(
      "--therapist", export_options.therapist, "With --fhir: the therapist it is for, by name");
  commands.export_command
      ->add_option("--therapist-licence", export_options.therapist_licence,
                   "With --fhir: their licence or registration number")
      ->needs(therapist);
  commands.export_command
      ->add_option("--therapist-practice", export_options.therapist_practice,
                   "With --fhir: the practice they work at")
      ->needs(therapist);
  HandoffOptions& handoff_options = parsed.handoff;
  commands.handoff = app.add_subcommand(
      "handoff", "The brief for a therapist, or the summary for the clinic team (text or PDF)");
  add_patient_argument(commands.handoff, handoff_options.patient);
  commands.handoff->add_option("--for", handoff_options.audience, "therapist or clinic")
      ->check(CLI::IsMember({"therapist", "clinic"}));
  commands.handoff->add_option("--format", handoff_options.format, "text or pdf")
      ->check(CLI::IsMember({"text", "pdf"}));
  commands.handoff->add_option("--output", handoff_options.output,
                               "File to write (default: standard output; a PDF needs one)");
  commands.calendar =
      app.add_subcommand("calendar", "The planned sessions as an iCalendar file (.ics)");
  add_patient_argument(commands.calendar, parsed.calendar.patient);
  commands.calendar->add_option("--output", parsed.calendar.output,
                                "File to write (default: standard output)");
  commands.import_command = app.add_subcommand(
      "import", "Add journal entries from a CSV (as export writes it): all or none");
  add_patient_argument(commands.import_command, parsed.import_options.patient);
  commands.import_command->add_option("--input", parsed.import_options.input, "CSV file or -")
      ->required();
  commands.erase = app.add_subcommand("erase", "Remove a person and all their records");
  add_patient_argument(commands.erase, parsed.patient);
  commands.erase->add_flag("--yes", parsed.confirmed, "Confirm");
  commands.audit = app.add_subcommand("audit", "Who read or changed what");
  commands.audit->add_option("patient", parsed.patient, "Only this person's records");
  commands.reassess = app.add_subcommand(
      "reassess", "Re-run every person's latest intake against the current knowledge base");
  commands.reassess->add_option("--format", parsed.reassess.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  commands.reassess->add_flag("!--no-progress", parsed.reassess.progress_bar,
                              "No progress bar on standard error");
  auto* demo = app.add_subcommand("demo", "Demo data");
  demo->require_subcommand(1);
  commands.demo_load = demo->add_subcommand("load", "Add the invented demo people");
  commands.demo_load->add_flag("--if-empty", parsed.if_empty,
                               "Only into a database without people");
  auto* db = app.add_subcommand("db", "The database itself");
  db->require_subcommand(1);
  commands.db_check = db->add_subcommand("check", "Schema version and integrity check");
  commands.db_purge =
      db->add_subcommand("purge", "Clear deleted data from the write-ahead log (after erase)");
}

void add_clinic_option(CLI::App* command, store::ClinicId& clinic) {
  command->add_option("--clinic", clinic, "The clinic's number (default 1)")
      ->check(CLI::PositiveNumber);
}

void add_directory_commands(CLI::App& app, Parsed& parsed, RecordCommands& commands) {
  auto* therapist = app.add_subcommand("therapist", "The clinic's therapist directory");
  therapist->require_subcommand(1);
  commands.therapist_list = therapist->add_subcommand("list", "The directory");
  add_clinic_option(commands.therapist_list, parsed.therapist_list.clinic);
  commands.therapist_list->add_option("--format", parsed.therapist_list.format, "text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  TherapistImportOptions& import = parsed.therapist_import;
  commands.therapist_import = therapist->add_subcommand(
      "import", "Add therapists from a CSV (docs/directory.md): all rows or none");
  add_clinic_option(commands.therapist_import, import.clinic);
  commands.therapist_import->add_option("input", import.input, "CSV file or -")->required();
  commands.therapist_import->add_flag("--replace", import.replace,
                                      "Rows whose id is listed already replace those entries");
  TherapistAddOptions& add = parsed.therapist_add;
  commands.therapist_add = therapist->add_subcommand("add", "Add one therapist");
  CLI::App* adding = commands.therapist_add;
  add_clinic_option(adding, add.clinic);
  adding->add_option("--id", add.id, "The directory's code for them (lr-031)")->required();
  adding->add_option("--name", add.name, "Their name")->required();
  adding->add_option("--practice", add.practice, "The practice");
  adding->add_option("--licence", add.licence, "Licence number, where massage is regulated");
  adding->add_flag("--board-certified", add.board_certified, "Board certified");
  adding->add_option("--training", add.training, "Specialty training: names separated by |");
  adding->add_option("--styles", add.styles, "therapeutic, relaxation or therapeutic|relaxation");
  adding->add_flag("--accepts-medical-input", add.accepts_medical_input,
                   "Works with input from a medical team");
  adding->add_option("--setting", add.setting, "calm or clinical");
  adding->add_option("--latitude", add.latitude, "Degrees")->required();
  adding->add_option("--longitude", add.longitude, "Degrees")->required();
  adding->add_option("--address", add.address, "Street and town")->required();
  adding->add_option("--prices", add.prices, "Minutes=price per session length: 30=45|60=80")
      ->required();
  adding->add_option("--openings-per-week", add.openings_per_week,
                     "Sessions a week they can give someone new");
  adding->add_option("--review-count", add.review_count, "Number of reviews");
  adding->add_option("--rating", add.rating, "Mean review 0..5");
  TherapistMatchOptions& match = parsed.therapist_match;
  commands.therapist_match = therapist->add_subcommand(
      "match", "Therapists of the person's clinic ranked for their assessment, with reasons");
  add_patient_argument(commands.therapist_match, match.patient);
  commands.therapist_match->add_option("--near", match.near,
                                       "Where to search from: latitude,longitude");
  commands.therapist_match->add_option("--radius", match.radius_km, "Search radius in km");
  commands.therapist_match->add_option("--budget", match.budget, "Budget per session");
  commands.therapist_match->add_option("--minutes", match.minutes,
                                       "Session length (default: the plan's)");
  commands.therapist_match->add_option("--top", match.top, "How many to show (default 5)")
      ->check(CLI::Range(1, 100));
  commands.therapist_match->add_option("--format", match.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  commands.therapist_remove = therapist->add_subcommand("remove", "Remove a therapist");
  add_clinic_option(commands.therapist_remove, parsed.therapist_remove.clinic);
  commands.therapist_remove->add_option("id", parsed.therapist_remove.id, "Their code")->required();
}

void add_server_commands(CLI::App& app, Parsed& parsed, RecordCommands& commands) {
  commands.serve = app.add_subcommand("serve", "Run the HTTP API until SIGTERM");
  commands.serve->add_option("--bind", parsed.settings.bind,
                             "Address to listen on (env MN_BIND; default 127.0.0.1)");
  commands.serve->add_option("--port", parsed.settings.port,
                             "TCP port (env MN_PORT; default 8080; 0 = any free port)");
  commands.serve->add_option("--behind-tls", parsed.settings.behind_tls,
                             "true when a TLS proxy is in front: Secure cookies, HSTS "
                             "(env MN_BEHIND_TLS)");
  commands.serve->add_option("--trusted-proxy", parsed.settings.trusted_proxies,
                             "Addresses of reverse proxies whose X-Forwarded-For names the "
                             "client, comma-separated (env MN_TRUSTED_PROXIES; default none)");
  commands.serve->add_option("--io-threads", parsed.serve.io_threads,
                             "Threads reading and writing connections (default 1)");
  commands.serve->add_option("--workers", parsed.serve.workers,
                             "Threads running database work, each with its own connection "
                             "(default 2)");

  auto* admin = app.add_subcommand("admin", "Accounts");
  admin->require_subcommand(1);
  AdminCreateOptions& create = parsed.admin_create;
  commands.admin_create = admin->add_subcommand(
      "create", "Create the first clinic and its admin (password on standard input)");
  commands.admin_create->add_option("--clinic", create.clinic, "The clinic's name")->required();
  commands.admin_create->add_option("--login", create.login, "The admin's login")->required();
  commands.admin_create->add_option("--name", create.display_name, "The admin's name")->required();
  commands.admin_create->add_flag("--clinician", create.clinician,
                                  "The admin is also a clinician of the clinic");
}

int run_records_command(Context& ctx, const Parsed& parsed, const RecordCommands& commands) {
  if (commands.patient_add->parsed()) return patient_add(ctx, parsed.patient_add);
  if (commands.patient_list->parsed()) return patient_list(ctx);
  if (commands.patient_show->parsed()) return patient_show(ctx, parsed.patient);
  if (commands.intake_record->parsed()) return intake_record(ctx, parsed.intake_record);
  if (commands.session_log->parsed()) return session_log(ctx, parsed.session_log);
  if (commands.journal_add->parsed()) return journal_add(ctx, parsed.journal_add);
  if (commands.journal_list->parsed()) return journal_list(ctx, parsed.patient);
  if (commands.progress->parsed()) return progress(ctx, parsed.progress);
  if (commands.plan_adapt->parsed()) return plan_adapt(ctx, parsed.patient);
  if (commands.plan_show->parsed()) return plan_show(ctx, parsed.patient);
  if (commands.export_command->parsed()) return export_patient(ctx, parsed.export_options);
  if (commands.handoff->parsed()) return handoff(ctx, parsed.handoff);
  if (commands.therapist_list->parsed()) return therapist_list(ctx, parsed.therapist_list);
  if (commands.therapist_import->parsed()) return therapist_import(ctx, parsed.therapist_import);
  if (commands.therapist_add->parsed()) return therapist_add(ctx, parsed.therapist_add);
  if (commands.therapist_remove->parsed()) return therapist_remove(ctx, parsed.therapist_remove);
  if (commands.therapist_match->parsed()) return therapist_match(ctx, parsed.therapist_match);
  if (commands.calendar->parsed()) return calendar(ctx, parsed.calendar);
  if (commands.import_command->parsed()) return import_journal(ctx, parsed.import_options);
  if (commands.erase->parsed()) return erase_patient(ctx, parsed.patient, parsed.confirmed);
  if (commands.audit->parsed()) {
    return audit_show(ctx, parsed.patient > 0 ? std::optional(parsed.patient) : std::nullopt);
  }
  if (commands.reassess->parsed()) return reassess(ctx, parsed.reassess);
  if (commands.demo_load->parsed()) return demo_load(ctx, parsed.if_empty);
  if (commands.db_check->parsed()) return database_check(ctx);
  if (commands.db_purge->parsed()) return database_purge(ctx);
  if (commands.serve->parsed()) return serve(ctx, parsed.serve);
  if (commands.admin_create->parsed()) return admin_create(ctx, parsed.admin_create);
  return kBadInput;
}

int run_parsed(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
               std::ostream& err, const store::Clock& clock) {
  CLI::App app{"Massage Navigator: choose between therapeutic and relaxation massage, safely.",
               "massage-navigator"};
  app.set_version_flag("--version", std::string("massage-navigator ") + MN_VERSION);
  app.require_subcommand(1);
  Parsed parsed;
  Options& options = parsed.options;
  app.add_option("--knowledge", parsed.settings.knowledge_dir,
                 "Knowledge-base directory (env MN_KNOWLEDGE_DIR)");
  app.add_option("--database", parsed.settings.database,
                 "sqlite:PATH or postgresql://USER@HOST:PORT/NAME (env MN_DATABASE)");
  app.add_option("--config", parsed.settings.config_file,
                 "Settings file (env MN_CONFIG; default ~/.config/massage-navigator/config.yaml)");

  auto* assess =
      app.add_subcommand("assess", "Assess an intake (JSON, intake v1) and print the result");
  assess->add_option("--input", options.input, "Intake JSON file, or - for standard input")
      ->required();
  assess->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  assess->add_option("--today", options.today,
                     "The date to plan from (YYYY-MM-DD; default: today)");

  auto* intake = app.add_subcommand(
      "intake", "Answer the questionnaire in the terminal, then see your result");
  intake->add_option("--save", options.save, "Also save your answers as intake JSON to this file");
  intake->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  intake->add_option("--today", options.today,
                     "The date to plan from (YYYY-MM-DD; default: today)");

  auto* kb = app.add_subcommand("kb", "Work with the knowledge base");
  kb->require_subcommand(1);
  auto* check = kb->add_subcommand("check", "Validate a knowledge-base directory");
  check->add_option("dir", options.check_dir, "Directory (default: the one in use)");
  auto* show = kb->add_subcommand("show", "Print one knowledge-base item with its sources");
  show->add_option("id", options.show_id, "The item's id")->required();

  RecordCommands records;
  add_people_commands(app, parsed, records);
  add_journal_commands(app, parsed, records);
  add_data_commands(app, parsed, records);
  add_directory_commands(app, parsed, records);
  add_server_commands(app, parsed, records);

  try {
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    // Prints help or the version (exit 0), or the usage error.
    const int code = app.exit(error, out, err);
    return code == 0 ? kOk : kBadInput;
  }
  auto settings = resolve_settings(parsed.settings, process_environment, MN_DEFAULT_KNOWLEDGE_DIR);
  if (!settings) {
    err << "error: " << settings.error().describe() << "\n";
    return kBadInput;
  }
  options.knowledge_dir = settings->knowledge_dir;
  Context ctx(*settings, in, out, err, clock);
  Commands commands(options, in, out, err);
  if (assess->parsed()) return commands.assess();
  if (intake->parsed() && intake->get_subcommands().empty()) return commands.intake();
  if (check->parsed()) return commands.kb_check();
  if (show->parsed()) return commands.kb_show();
  return run_records_command(ctx, parsed, records);
}

}  // namespace

int run(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
        std::ostream& err) {
  const store::SystemClock clock;
  try {
    return run_parsed(arguments, in, out, err, clock);
  } catch (const std::exception& error) {
    err << "internal error: " << error.what() << "\n";
    return kInternalError;
  }
}

}  // namespace mn::cli
