// The Store suite, run on both backends: what is written reads back exactly,
// bad input writes nothing and names the field, every access is audited,
// erasure leaves nothing behind, and the schema refuses to go backwards.
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <iterator>

#include "codec/utc_time.hpp"
#include "journal_support.hpp"
#include "store/migrations.hpp"
#include "store_support.hpp"

namespace mn::testing {
namespace {

using core::Region;

constexpr std::int64_t kDay = 86400;

std::int64_t utc(const char* text) { return codec::parse_utc(text).value(); }

const store::Actor kClinician{"cli:clinician"};

core::JournalEntry full_entry(std::int64_t time) {
  core::JournalEntry entry;
  entry.time = time;
  entry.pain[static_cast<std::size_t>(Region::neck)] = 4;
  entry.pain[static_cast<std::size_t>(Region::lower_back)] = 0;
  entry.activities = {{"lifting my toddler", 3}, {"sitting through a meeting", 7}};
  entry.stress = 6;
  entry.sleep_quality = 5;
  entry.soreness_hours = 12.5;
  entry.sharp_pain = false;
  entry.new_symptoms = "tingling in the left hand";
  entry.notes = "Ran for the bus \xe2\x80\x94 \"fine\", then, stiff";  // an em dash
  return entry;
}

store::NewIntake new_intake(const std::string& marker) {
  return store::NewIntake{
      R"({"age": 40, "notes": ")" + marker + R"("})", "2026.11.1",      "therapeutic", "clear",
      R"({"assessment": ")" + marker + R"("})",       R"({"plan": 1})", std::nullopt};
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  StoreTest() : database_(GetParam()), clock_(utc("2026-11-27T12:00:00Z")) {}

  void SetUp() override {
    store_ = database_.open(clock_);
    ASSERT_NE(store_, nullptr);
  }

  store::PatientId add_patient(const std::string& name = "Test Person") {
    auto added = store_->add_patient(kClinician, {name, "Europe/Berlin"});
    EXPECT_TRUE(added.ok()) << added.error().describe();
    return added.ok() ? added->id : 0;
  }

  std::size_t journal_size(store::PatientId patient) {
    auto journal = store_->journal(kClinician, patient);
    EXPECT_TRUE(journal.ok());
    return journal.ok() ? journal->size() : 0;
  }

  TestDatabase database_;
  store::FixedClock clock_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(StoreTest, NamesItsBackendAndSchemaVersion) {
  EXPECT_EQ(store_->backend(), backend_name(GetParam()));
  EXPECT_EQ(store_->schema_version(), store::latest_schema_version());
  auto checked = store_->integrity_check();
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(*checked, "ok");
}

TEST_P(StoreTest, PeopleReadBackAndUnknownOnesAreNamed) {
  const auto first = add_patient("Ada Test");
  const auto second = add_patient("Bo Test");
  EXPECT_LT(first, second);
  auto listed = store_->list_patients(kClinician);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].display_name, "Ada Test");
  EXPECT_EQ((*listed)[0].time_zone, "Europe/Berlin");
  EXPECT_EQ((*listed)[0].created_at, clock_.now());
  auto missing = store_->patient(kClinician, second + 100);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_NE(missing.error().message.find(std::to_string(second + 100)), std::string::npos);
}

TEST_P(StoreTest, RefusesBadPeopleAndWritesNothing) {
  auto unnamed = store_->add_patient(kClinician, {"", "UTC"});
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().where, "display_name");
  auto nowhere = store_->add_patient(kClinician, {"Cy Test", "Mars/Olympus_Mons"});
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().where, "time_zone");
  auto control = store_->add_patient(kClinician, {"Cy\nTest", "UTC"});
  ASSERT_FALSE(control.ok());
  EXPECT_EQ(control.error().where, "display_name");
  // 201 characters (of two bytes each) are too many; broken UTF-8 is refused.
  std::string long_name;
  for (int i = 0; i < 201; ++i) long_name += "\u00e9";
  auto too_long = store_->add_patient(kClinician, {long_name, "UTC"});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().describe(), "display_name: must be at most 200 characters");
  auto broken = store_->add_patient(kClinician, {"Cy \xff", "UTC"});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().describe(), "display_name: must be UTF-8 text");
  auto listed = store_->list_patients(kClinician);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  // 200 of them (400 bytes) are a name like any other.
  long_name.resize(400);
  auto accepted = store_->add_patient(kClinician, {long_name, "UTC"});
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
  EXPECT_EQ(accepted->display_name, long_name);
}

TEST_P(StoreTest, JournalEntriesReadBackExactly) {
  const auto patient = add_patient();
  core::JournalEntry sparse;
  sparse.time = clock_.now() - kDay;
  sparse.stress = 0;  // a zero is a value, not "not recorded"
  const std::vector<core::JournalEntry> entries{full_entry(clock_.now() - 2 * kDay), sparse};
  auto saved = store_->add_journal_entries(kClinician, patient, entries);
  ASSERT_TRUE(saved.ok()) << saved.error().describe();
  ASSERT_EQ(saved->size(), 2U);
  auto journal = store_->journal(kClinician, patient);
  ASSERT_TRUE(journal.ok());
  ASSERT_EQ(journal->size(), 2U);
  expect_same_entry((*journal)[0].entry, entries[0]);
  expect_same_entry((*journal)[1].entry, entries[1]);
  EXPECT_EQ((*journal)[0].recorded_at, clock_.now());
  EXPECT_EQ((*journal)[0].id, (*saved)[0]);
}

TEST_P(StoreTest, ALargeBatchKeepsEachEntryWithItsActivitiesAndId) {
  const auto patient = add_patient();
  // Newest first, so that the ids cannot simply follow time order; 150
  // entries span several multi-row statements of different sizes.
  std::vector<core::JournalEntry> entries;
  for (int i = 0; i < 150; ++i) {
    core::JournalEntry entry;
    entry.time = clock_.now() - 3600 * (i + 1);
    entry.notes = "entry " + std::to_string(i);
    for (int a = 0; a < i % 6; ++a) {
      entry.activities.push_back({"activity " + std::to_string(i) + "." + std::to_string(a), a});
    }
    entries.push_back(entry);
  }
  auto saved = store_->add_journal_entries(kClinician, patient, entries);
  ASSERT_TRUE(saved.ok()) << saved.error().describe();
  ASSERT_EQ(saved->size(), entries.size());
  auto journal = store_->journal(kClinician, patient);
  ASSERT_TRUE(journal.ok());
  ASSERT_EQ(journal->size(), entries.size());
  for (const store::JournalRecord& record : *journal) {
    const auto i = static_cast<std::size_t>(std::stoi(record.entry.notes.substr(6)));
    expect_same_entry(record.entry, entries[i]);
    EXPECT_EQ(record.id, (*saved)[i]) << i;
  }
}

TEST_P(StoreTest, TheCourseIsReadInOneGoWithOneAuditLine) {
  const auto patient = add_patient();
  ASSERT_TRUE(store_->record_intake(kClinician, patient, new_intake("course")).ok());
  ASSERT_TRUE(
      store_->add_journal_entries(kClinician, patient, std::vector{full_entry(clock_.now() - kDay)})
          .ok());
  ASSERT_TRUE(
      store_->log_session(kClinician, patient, {clock_.now(), core::Style::therapeutic, 60, "", 3})
          .ok());
  const auto before = store_->audit_trail(kClinician, patient)->size();
  auto course = store_->course(kClinician, patient);
  ASSERT_TRUE(course.ok());
  EXPECT_EQ(course->patient.id, patient);
  EXPECT_EQ(course->journal.size(), 1U);
  EXPECT_EQ(course->sessions.size(), 1U);
  ASSERT_TRUE(course->plan.has_value());
  EXPECT_EQ(course->plan->version, 1);
  auto trail = store_->audit_trail(kClinician, patient);
  ASSERT_EQ(trail->size(), before + 2);  // the course read, then the first trail read
  EXPECT_EQ((*trail)[before + 1].record, "patient/" + std::to_string(patient) + "/course");
  EXPECT_EQ(store_->course(kClinician, patient + 1).error().code, "not_found");
}

TEST_P(StoreTest, AnInvalidEntryInABatchWritesNoneAndIsNamed) {
  const auto patient = add_patient();
  std::vector<core::JournalEntry> entries;
  for (int day = 5; day >= 1; --day) entries.push_back(full_entry(clock_.now() - day * kDay));
  entries[2].pain[static_cast<std::size_t>(Region::neck)] = 11;
  auto saved = store_->add_journal_entries(kClinician, patient, entries);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().code, "invalid");
  EXPECT_EQ(saved.error().where, "entries[2].pain.neck");
  EXPECT_EQ(journal_size(patient), 0U);
}

TEST_P(StoreTest, RefusesFutureTimesRepeatedTimesAndUnknownPeople) {
  const auto patient = add_patient();
  auto future =
      store_->add_journal_entries(kClinician, patient, std::vector{full_entry(clock_.now() + 60)});
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().where, "entries[0].time");

  const auto time = clock_.now() - kDay;
  auto twice = store_->add_journal_entries(kClinician, patient,
                                           std::vector{full_entry(time), full_entry(time)});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "duplicate");
  EXPECT_EQ(twice.error().where, "entries[1].time");

  ASSERT_TRUE(store_->add_journal_entries(kClinician, patient, std::vector{full_entry(time)}).ok());
  auto again = store_->add_journal_entries(kClinician, patient,
                                           std::vector{full_entry(time - kDay), full_entry(time)});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "duplicate");
  EXPECT_EQ(again.error().where, "entries[1].time");
  EXPECT_EQ(journal_size(patient), 1U);

  auto nobody = store_->add_journal_entries(kClinician, patient + 1,
                                            std::vector{full_entry(time - 2 * kDay)});
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, "not_found");
}

TEST_P(StoreTest, IntakesKeepEveryVersionWithAssessmentAndPlan) {
  const auto patient = add_patient();
  auto first = store_->record_intake(kClinician, patient, new_intake("first"));
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_EQ(first->intake.version, 1);
  EXPECT_EQ(first->plan.version, 1);
  EXPECT_EQ(first->plan.assessment, first->assessment.id);
  clock_.set(clock_.now() + kDay);
  auto second = store_->record_intake(kClinician, patient, new_intake("second"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->intake.version, 2);
  EXPECT_EQ(second->plan.version, 2);

  auto latest = store_->latest_intake(kClinician, patient);
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_NE((*latest)->intake_json.find("second"), std::string::npos);
  auto assessment = store_->latest_assessment(kClinician, patient);
  ASSERT_TRUE(assessment.ok() && assessment->has_value());
  EXPECT_EQ((*assessment)->knowledge_version, "2026.11.1");
  EXPECT_EQ((*assessment)->intake, second->intake.id);

  auto adapted = store_->add_plan_version(kClinician, patient,
                                          {second->assessment.id, "taper (rule)", "{\"plan\": 3}"});
  ASSERT_TRUE(adapted.ok());
  EXPECT_EQ(adapted->version, 3);
  auto file = store_->patient_file(kClinician, patient);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->intakes.size(), 2U);
  EXPECT_EQ(file->assessments.size(), 2U);
  ASSERT_EQ(file->plans.size(), 3U);
  EXPECT_EQ(file->plans[0].plan_json, R"({"plan": 1})");
  EXPECT_EQ(file->plans[2].reason, "taper (rule)");
  auto current = store_->current_plan(kClinician, patient);
  ASSERT_TRUE(current.ok() && current->has_value());
  EXPECT_EQ((*current)->version, 3);
}

TEST_P(StoreTest, AnIntakeFromThePastKeepsItsTimeButNotOneFromTheFuture) {
  const auto patient = add_patient();
  store::NewIntake intake = new_intake("past");
  intake.recorded_at = clock_.now() - 30 * kDay;
  auto recorded = store_->record_intake(kClinician, patient, intake);
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->intake.recorded_at, clock_.now() - 30 * kDay);
  EXPECT_EQ(recorded->plan.created_at, clock_.now() - 30 * kDay);
  intake.recorded_at = clock_.now() + 1;
  auto future = store_->record_intake(kClinician, patient, intake);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().where, "recorded_at");
}

TEST_P(StoreTest, SessionsAreValidatedAndReadBackInTimeOrder) {
  const auto patient = add_patient();
  const auto later = clock_.now() - kDay;
  const auto earlier = clock_.now() - 8 * kDay;
  ASSERT_TRUE(
      store_
          ->log_session(kClinician, patient, {later, core::Style::relaxation, 90, "Calm Rooms", 2})
          .ok());
  ASSERT_TRUE(
      store_->log_session(kClinician, patient, {earlier, core::Style::therapeutic, 60, "", 4})
          .ok());
  const std::pair<store::NewSession, const char*> refused[] = {
      {{later, core::Style::therapeutic, 5, "", 3}, "minutes"},
      {{later, core::Style::therapeutic, 60, "", 6}, "pressure"},
      {{later, core::Style::mixed, 60, "", 3}, "style"},
      {{clock_.now() + 3600, core::Style::therapeutic, 60, "", 3}, "time"},
  };
  for (const auto& [session, field] : refused) {
    auto logged = store_->log_session(kClinician, patient, session);
    ASSERT_FALSE(logged.ok()) << field;
    EXPECT_EQ(logged.error().where, field);
  }
  auto sessions = store_->sessions(kClinician, patient);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 2U);
  EXPECT_EQ((*sessions)[0].time, earlier);
  EXPECT_EQ((*sessions)[0].pressure, 4);
  EXPECT_EQ((*sessions)[1].style, core::Style::relaxation);
  EXPECT_EQ((*sessions)[1].therapist, "Calm Rooms");
  EXPECT_EQ((*sessions)[1].minutes, 90);
}

TEST_P(StoreTest, EveryReadAndWriteIsAuditedWithoutContent) {
  const auto patient = add_patient("Secret Name");
  ASSERT_TRUE(
      store_->add_journal_entries(kClinician, patient, std::vector{full_entry(clock_.now() - kDay)})
          .ok());
  const store::Actor reader{"cli:someone-else"};
  ASSERT_TRUE(store_->journal(reader, patient).ok());
  ASSERT_TRUE(store_->patient_file(reader, patient).ok());
  auto trail = store_->audit_trail(kClinician, patient);
  ASSERT_TRUE(trail.ok());
  std::vector<std::string> lines;
  for (const auto& line : *trail) {
    lines.push_back(line.actor + " " + line.action + " " + line.record);
    EXPECT_EQ(line.record.find("Secret"), std::string::npos);
    EXPECT_EQ(line.record.find("tingling"), std::string::npos);
  }
  const std::string id = std::to_string(patient);
  ASSERT_GE(lines.size(), 4U);
  EXPECT_EQ(lines[0], "cli:clinician create patient/" + id);
  EXPECT_EQ(lines[1].rfind("cli:clinician create patient/" + id + "/journal/", 0), 0U) << lines[1];
  EXPECT_EQ(lines[2], "cli:someone-else read patient/" + id + "/journal");
  EXPECT_EQ(lines[3], "cli:someone-else export patient/" + id);
  // Reading the trail is itself on the trail.
  auto again = store_->audit_trail(kClinician, patient);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->back().action, "read");
  EXPECT_EQ(again->back().record, "patient/" + id + "/audit");
}

TEST_P(StoreTest, ErasureRemovesEverythingAndKeepsOnlyThatItHappened) {
  const auto patient = add_patient("Erase Me");
  const auto other = add_patient("Keep Me");
  ASSERT_TRUE(store_->record_intake(kClinician, patient, new_intake("erasable-intake")).ok());
  core::JournalEntry entry = full_entry(clock_.now() - kDay);
  entry.notes = "zebra-marker-7731";
  ASSERT_TRUE(store_->add_journal_entries(kClinician, patient, std::vector{entry}).ok());
  ASSERT_TRUE(
      store_->add_journal_entries(kClinician, other, std::vector{full_entry(clock_.now())}).ok());
  ASSERT_TRUE(
      store_->log_session(kClinician, patient, {clock_.now(), core::Style::therapeutic, 60, "", 3})
          .ok());

  auto erased = store_->erase_patient(kClinician, patient);
  ASSERT_TRUE(erased.ok()) << erased.error().describe();
  // person, intake, assessment, plan, session, entry, 2 activities, 4+ audit lines
  EXPECT_GE(erased->rows_removed, 12U);
  EXPECT_EQ(store_->patient(kClinician, patient).error().code, "not_found");
  EXPECT_EQ(store_->patient_file(kClinician, patient).error().code, "not_found");
  EXPECT_EQ(journal_size(other), 1U);

  auto trail = store_->audit_trail(kClinician, patient);
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 1U);  // the erasure; reading the trail comes after it
  EXPECT_EQ((*trail)[0].action, "erase");

  // A new person never gets the erased person's number.
  EXPECT_GT(add_patient("Next"), other);

  if (GetParam() == Backend::sqlite) {
    // Nothing of the erased text is left in the database file or its log.
    for (const std::string& path : {database_.sqlite_path(), database_.sqlite_path() + "-wal"}) {
      std::ifstream file(path, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(file),
                              std::istreambuf_iterator<char>()};
      EXPECT_EQ(bytes.find("zebra-marker-7731"), std::string::npos) << path;
      EXPECT_EQ(bytes.find("erasable-intake"), std::string::npos) << path;
      EXPECT_EQ(bytes.find("Erase Me"), std::string::npos) << path;
    }
  }
}

TEST_P(StoreTest, ReassessmentVisitsEachPersonsLatestIntakeInPages) {
  std::vector<store::PatientId> people;
  for (int p = 0; p < 5; ++p) {
    people.push_back(add_patient("Person " + std::to_string(p)));
    ASSERT_TRUE(store_->record_intake(kClinician, people.back(), new_intake("v1")).ok());
  }
  ASSERT_TRUE(store_->record_intake(kClinician, people[3], new_intake("v2")).ok());
  add_patient("No intake");
  auto count = store_->count_people_with_intakes();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 5U);
  std::vector<store::LatestIntake> seen;
  auto visited = store_->for_each_latest_intake(
      kClinician, 2, [&](const store::LatestIntake& latest) { seen.push_back(latest); });
  ASSERT_TRUE(visited.ok());
  EXPECT_EQ(*visited, 5U);
  ASSERT_EQ(seen.size(), 5U);
  for (std::size_t p = 0; p < seen.size(); ++p) {
    EXPECT_EQ(seen[p].intake.patient, people[p]);
    ASSERT_TRUE(seen[p].assessment.has_value());
    EXPECT_EQ(seen[p].assessment->intake, seen[p].intake.id);
    EXPECT_EQ(seen[p].assessment->style, "therapeutic");
  }
  EXPECT_EQ(seen[3].intake.version, 2);
  EXPECT_NE(seen[3].intake.intake_json.find("v2"), std::string::npos);
}

TEST_P(StoreTest, DataSurvivesReopening) {
  const auto patient = add_patient();
  ASSERT_TRUE(
      store_->add_journal_entries(kClinician, patient, std::vector{full_entry(clock_.now() - kDay)})
          .ok());
  store_.reset();
  store_ = database_.open(clock_);
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(journal_size(patient), 1U);
}

TEST_P(StoreTest, AnOlderSchemaIsMigratedWithItsDataKept) {
  // A database as the program of schema version 1 left it, with a person
  // whose intake has been assessed.
  TestDatabase old(GetParam());
  {
    auto connection = raw_connection(old);
    migrate_to_version(*connection, 1);
    const auto patient = connection
                             ->query(
                                 "INSERT INTO patients (display_name, time_zone, created_at) "
                                 "VALUES ('Kept Person', 'UTC', 0) RETURNING id")
                             .at(0)
                             .integer(0);
    const std::array<store::sql::Value, 1> key{patient};
    const auto intake = connection
                            ->query(
                                "INSERT INTO intakes (patient_id, version, recorded_at, "
                                "intake_json) VALUES ($1, 1, 0, '{}') RETURNING id",
                                key)
                            .at(0)
                            .integer(0);
    const std::array<store::sql::Value, 2> row{patient, intake};
    connection->query(
        "INSERT INTO assessments (patient_id, intake_id, assessed_at, knowledge_version, style, "
        "safety_status, assessment_json) VALUES ($1, $2, 0, '2026.1', 'therapeutic', 'clear', "
        "'{}')",
        row);
  }
  auto migrated = old.open(clock_);
  ASSERT_NE(migrated, nullptr);
  EXPECT_EQ(migrated->schema_version(), store::latest_schema_version());
  std::vector<store::LatestIntake> seen;
  ASSERT_TRUE(migrated
                  ->for_each_latest_intake(kClinician, 10,
                                           [&](const auto& latest) { seen.push_back(latest); })
                  .ok());
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_TRUE(seen[0].assessment.has_value());
}

TEST_P(StoreTest, RefusesADatabaseNewerThanTheProgram) {
  const auto patient = add_patient();
  store_.reset();
  raw_connection(database_)->execute_script(
      "INSERT INTO schema_migrations (version, applied_at, description) "
      "VALUES (99, 0, 'from the future')");
  auto refused = store::open_store(database_.parsed_url(), clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "schema_too_new");
  EXPECT_NE(refused.error().message.find("99"), std::string::npos);
  // Nothing was changed: removing the future version opens it with its data.
  raw_connection(database_)->execute_script("DELETE FROM schema_migrations WHERE version = 99");
  store_ = database_.open(clock_);
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(store_->patient(kClinician, patient).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace mn::testing
