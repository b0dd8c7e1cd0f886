// The stored-records commands through the real binary, on both backends:
// a person, their intake, sessions and journal, progress and the adapted
// plan, export and import, erasure, reassessment, settings.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/crypto.hpp"
#include "cli_support.hpp"
#include "store_support.hpp"

namespace mn::testing {
namespace {

const char* kIntake =
    R"({"goals": ["pain_relief"], "pain_areas": [{"region": "lower_back", "intensity": 6,
  "weeks": 20, "localized": true}], "knots": true, "limited_motion": true,
  "motion_limits_daily_life": true, "conditions": ["none"], "medications": ["none"],
  "surgery_weeks_ago": null, "unexplained_severe_pain": false, "pregnant": false})";

class CliRecords : public CliTest, public ::testing::WithParamInterface<Backend> {
 protected:
  CliRecords() : database_(GetParam()) {}

  // The command with this test's database.
  Outcome db(const std::string& arguments, const std::string& input = "") {
    return run("--database '" + database_.url() + "' " + arguments, input);
  }

  // Adds a person and returns their number as text.
  std::string add_person(const std::string& name) {
    const Outcome added = db("patient add --name '" + name + "' --time-zone Europe/Berlin");
    EXPECT_EQ(added.exit_code, 0) << added.err;
    const auto at = added.out.find("patient ");
    return added.out.substr(at + 8, added.out.find(' ', at + 8) - at - 8);
  }

  // Entries on the days of October 2026 from `first` to `last`, pain falling
  // from 7 to 3.
  void add_journal(const std::string& patient, int first, int last) {
    for (int day = first; day <= last; ++day) {
      const int pain = 7 - 4 * (day - first) / std::max(1, last - first);
      const std::string date = "2026-10-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
      const Outcome added = db("journal add " + patient + " --time " + date +
                               "T08:30 --pain lower_back=" + std::to_string(pain) +
                               " --activity 'bending to the floor=" + std::to_string(10 - pain) +
                               "' --stress 4 --sleep 6");
      ASSERT_EQ(added.exit_code, 0) << added.err;
    }
  }

  std::size_t journal_lines(const std::string& patient) {
    const Outcome listed = db("journal list " + patient);
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    return static_cast<std::size_t>(std::count(listed.out.begin(), listed.out.end(), '\n'));
  }

  TestDatabase database_;
};

TEST_P(CliRecords, APersonFromIntakeToAdaptedPlan) {
  const std::string patient = add_person("Ada Test");
  const auto intake = write("intake.json", kIntake);
  const Outcome recorded = db("intake record " + patient + " --input '" + intake.string() + "'");
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
  EXPECT_NE(recorded.out.find("Saved intake version 1"), std::string::npos) << recorded.out;

  const Outcome session = db("session log " + patient +
                             " --time 2026-10-05T17:00 --style therapeutic --minutes 60 "
                             "--pressure 3 --therapist 'Test Practice'");
  ASSERT_EQ(session.exit_code, 0) << session.err;
  EXPECT_NE(session.out.find("2026-10-05 17:00 CEST"), std::string::npos) << session.out;
  add_journal(patient, 1, 30);

  const Outcome progress = db("progress " + patient + " --format json");
  ASSERT_EQ(progress.exit_code, 0) << progress.err;
  const auto summary = nlohmann::json::parse(progress.out);
  bool found_back = false;
  for (const auto& measure : summary["measures"]) {
    if (measure.value("region", "") == "lower_back") {
      found_back = true;
      EXPECT_LT(measure["change"].get<double>(), -2) << measure;
      EXPECT_TRUE(measure["clinically_meaningful"]["holds"].get<bool>()) << measure;
    }
  }
  EXPECT_TRUE(found_back) << progress.out;
  const Outcome text = db("progress " + patient);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("lower back pain"), std::string::npos) << text.out;

  const Outcome adapted = db("plan adapt " + patient);
  ASSERT_EQ(adapted.exit_code, 0) << adapted.err;
  EXPECT_NE(adapted.out.find("Decision: "), std::string::npos) << adapted.out;
  const Outcome shown = db("patient show " + patient);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("journal        30 entries"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("sessions       1 logged"), std::string::npos) << shown.out;
}

TEST_P(CliRecords, BadJournalInputIsNamedAndWritesNothing) {
  const std::string patient = add_person("Bo Test");
  const std::pair<std::string, std::string> refused[] = {
      {"--pain knee=4", "unknown body region 'knee'"},
      {"--pain neck=14", "entries[0].pain.neck"},
      {"--stress 11", "entries[0].stress"},
      {"--time 2099-01-01T10:00 --stress 3", "entries[0].time"},
      {"--time 2026-02-30T10:00 --stress 3", "--time"},
      {"--sharp-pain maybe", "--sharp-pain"},
  };
  for (const auto& [arguments, named] : refused) {
    const Outcome outcome = db("journal add " + patient + " " + arguments);
    EXPECT_EQ(outcome.exit_code, 2) << arguments;
    EXPECT_NE(outcome.err.find(named), std::string::npos) << arguments << ": " << outcome.err;
  }
  EXPECT_EQ(db("journal add 999 --stress 3").exit_code, 2);
  EXPECT_EQ(journal_lines(patient), 1U);  // "No journal entries yet."
  EXPECT_NE(db("journal list " + patient).out.find("No journal entries yet"), std::string::npos);
}

TEST_P(CliRecords, InteractiveJournalEntry) {
  const std::string patient = add_person("Cy Test");
  // Regions, a score each, one activity, then stress, sleep, soreness,
  // sharp pain, symptoms, notes; an invalid answer is asked again.
  const Outcome added = db("journal add " + patient + " --interactive",
                           "neck, shoulders\n4\n12\n3\nturning my head\n5\n\n6\n7\n24\nno\n\n"
                           "better after the walk\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("Type a whole number from 0 to 10"), std::string::npos) << added.out;
  const Outcome listed = db("journal list " + patient);
  EXPECT_NE(listed.out.find("pain neck 4, pain shoulders 3, turning my head 5, stress 6, sleep 7, "
                            "sore 24 h, \"better after the walk\""),
            std::string::npos)
      << listed.out;
}

TEST_P(CliRecords, ExportImportRoundTripAndRefusals) {
  const std::string source = add_person("Export Test");
  add_journal(source, 1, 6);
  const Outcome csv = db("export " + source + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto file = write("journal.csv", csv.out);

  const std::string target = add_person("Import Test");
  const Outcome imported = db("import " + target + " --input '" + file.string() + "'");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Imported 6 journal entries"), std::string::npos) << imported.out;
  EXPECT_EQ(db("journal list " + target).out, db("journal list " + source).out);

  // The same file again: every time is taken, nothing is added.
  const Outcome again = db("import " + target + " --input '" + file.string() + "'");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already has an entry"), std::string::npos) << again.err;
  EXPECT_EQ(journal_lines(target), 6U);

  // Two bad rows: both reported with line and column, nothing imported.
  std::string broken = csv.out;
  const std::string first_row_start = "2026-10-01T";
  broken.replace(broken.find(first_row_start), 4, "2026-13");
  const auto bad = write("broken.csv", broken + broken.substr(broken.find('\n') + 1));
  const std::string third = add_person("Broken Import");
  const Outcome refused = db("import " + third + " --input '" + bad.string() + "'");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("line 2, column time"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("Nothing was imported"), std::string::npos) << refused.err;
  EXPECT_NE(db("journal list " + third).out.find("No journal entries yet"), std::string::npos);

  const Outcome json = db("export " + source);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto exported = nlohmann::json::parse(json.out);
  EXPECT_EQ(exported["patient"]["display_name"], "Export Test");
  EXPECT_EQ(exported["journal"].size(), 6U);
}

TEST_P(CliRecords, EraseNeedsConfirmationAndLeavesOnlyTheFact) {
  const std::string patient = add_person("Erase Test");
  add_journal(patient, 1, 3);
  EXPECT_EQ(db("erase " + patient).exit_code, 2);
  EXPECT_EQ(journal_lines(patient), 3U);
  const Outcome erased = db("erase " + patient + " --yes");
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  const Outcome gone = db("patient show " + patient);
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_NE(gone.err.find("patient " + patient + " does not exist"), std::string::npos) << gone.err;
  const Outcome trail = db("audit " + patient);
  ASSERT_EQ(trail.exit_code, 0) << trail.err;
  EXPECT_EQ(std::count(trail.out.begin(), trail.out.end(), '\n'), 1) << trail.out;
  EXPECT_NE(trail.out.find("  erase  patient/" + patient), std::string::npos) << trail.out;
}

TEST_P(CliRecords, DemoLoadsOnceAndReassessReportsEveryone) {
  const Outcome demo = db("demo load --if-empty");
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const auto people = std::count(demo.out.begin(), demo.out.end(), '\n');
  EXPECT_GE(std::count(demo.out.begin(), demo.out.end(), 'D'), 5) << demo.out;
  // The demo clinic: its six people, and three accounts that take the
  // password printed once.
  constexpr std::string_view kShown = "shown only now: ";
  const auto shown = demo.out.find(kShown);
  ASSERT_NE(shown, std::string::npos) << demo.out;
  const std::string password =
      demo.out.substr(shown + kShown.size(), demo.out.find('\n', shown) - shown - kShown.size());
  EXPECT_EQ(password.size(), 16U);
  const store::SystemClock clock;
  const auto store = database_.open(clock);
  for (const char* login : {"demo.clinician", "demo.therapist", "demo.patient"}) {
    auto credentials = store->accounts().credentials(login);
    ASSERT_TRUE(credentials && *credentials) << login;
    EXPECT_TRUE(api::verify_password((*credentials)->password_hash, password)) << login;
    EXPECT_FALSE(api::verify_password((*credentials)->password_hash, password + "x")) << login;
  }
  auto clinician = store->accounts().credentials("demo.clinician");
  const store::ClinicId clinic = *(*clinician)->account.clinic;
  auto members = store->clinic_patients(store::Actor{"test"}, clinic);
  ASSERT_TRUE(members);
  EXPECT_EQ(members->size(), 6U);
  auto patient = store->accounts().credentials("demo.patient");
  EXPECT_EQ((*patient)->account.patient, members->front().id);
  const Outcome again = db("demo load --if-empty");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "");
  EXPECT_GT(people, 0);
  const Outcome reassessed = db("reassess --no-progress --format json");
  ASSERT_EQ(reassessed.exit_code, 0) << reassessed.err;
  const auto report = nlohmann::json::parse(reassessed.out);
  EXPECT_EQ(report["reassessed"].get<int>(), 6) << reassessed.out;
  EXPECT_EQ(report["changed"].size(), 0U) << reassessed.out;
  const Outcome checked = db("db check");
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find(": ok"), std::string::npos) << checked.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, CliRecords,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

// Settings: flag, environment, config file, default; bad ones are named.
using CliSettings = CliTest;

TEST_F(CliSettings, TheDefaultDatabaseLivesInTheDataDirectory) {
  ASSERT_EQ(run("patient add --name 'Default Place'").exit_code, 0);
  EXPECT_TRUE(
      std::filesystem::exists(dir_ / ".local/share/massage-navigator/massage-navigator.db"));
  EXPECT_NE(run("patient list").out.find("Default Place"), std::string::npos);
}

TEST_F(CliSettings, ConfigFileThenEnvironmentThenFlag) {
  const auto config =
      write("config.yaml", "database: sqlite:" + (dir_ / "from-config.db").string() + "\n");
  ASSERT_EQ(run("--config '" + config.string() + "' patient add --name 'In Config'").exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "from-config.db"));
  extra_environment_ = "MN_DATABASE=sqlite:'" + (dir_ / "from-env.db").string() + "'";
  ASSERT_EQ(run("--config '" + config.string() + "' patient add --name 'In Env'").exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "from-env.db"));
  ASSERT_EQ(run("--config '" + config.string() + "' --database sqlite:'" +
                (dir_ / "from-flag.db").string() + "' patient add --name 'In Flag'")
                .exit_code,
            0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "from-flag.db"));
}

TEST_F(CliSettings, BadSettingsAreNamed) {
  const auto config = write("config.yaml", "database: sqlite:x.db\ncolour: blue\n");
  const Outcome unknown = run("--config '" + config.string() + "' patient list");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("config.yaml:2:1: unknown setting 'colour'"), std::string::npos)
      << unknown.err;
  const Outcome url = run("--database mysql://somewhere patient list");
  EXPECT_EQ(url.exit_code, 2);
  EXPECT_NE(url.err.find("--database"), std::string::npos) << url.err;
  const Outcome password =
      run("--database 'postgresql://mn:hunter2@127.0.0.1:1/none' patient list");
  EXPECT_NE(password.exit_code, 0);
  EXPECT_EQ(password.err.find("hunter2"), std::string::npos) << password.err;
  EXPECT_EQ(run("--config '" + (dir_ / "missing.yaml").string() + "' patient list").exit_code, 2);
}

}  // namespace
}  // namespace mn::testing
