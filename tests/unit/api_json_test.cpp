// The JSON bodies of the HTTP API: responses written from records, request
// bodies read (untrusted input: malformed, hostile and odd JSON).
#include "codec/api_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "codec/utc_time.hpp"
#include "journal_support.hpp"

namespace mn::codec {
namespace {

using core::Region;
using nlohmann::json;
using testing::expect_same_entry;

const std::int64_t kNow = parse_utc("2026-11-27T20:15:00Z").value();

std::int64_t utc(const char* text) { return parse_utc(text).value(); }

std::size_t region(Region value) { return static_cast<std::size_t>(value); }

// Strings a client may send that must pass through untouched.
const std::vector<std::string>& odd_texts() {
  static const std::vector<std::string> texts = {
      "'); DROP TABLE patients;--",
      "<script>alert(1)</script>",
      R"(Robert "Bobby" O'Brien \ /)",
      "\xF0\x9F\x98\x80 \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC",  // emoji, ZWJ sequence
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xE2\x80\x8F(RTL)",             // Hebrew, RLM
      "e\xCC\x81 n\xCC\x83 \xE1\x84\x80\xE1\x85\xA1",                   // combining marks, jamo
  };
  return texts;
}

void expect_error(const Error& error, const std::string& code, const std::string& where,
                  const std::string& message_part = "") {
  EXPECT_EQ(error.code, code) << error.describe();
  EXPECT_EQ(error.where, where) << error.describe();
  EXPECT_NE(error.message.find(message_part), std::string::npos) << error.describe();
}

template <class T>
void expect_error(const Result<T>& result, const std::string& code, const std::string& where,
                  const std::string& message_part = "") {
  ASSERT_FALSE(result.ok()) << "accepted; expected " << code << " at " << where;
  expect_error(result.error(), code, where, message_part);
}

Result<std::vector<core::JournalEntry>> read_entries(const json& body) {
  return parse_journal_entries(body.dump(), kNow);
}

// A body of one journal entry with the given members besides its time.
Result<std::vector<core::JournalEntry>> read_entry(json members) {
  members["time"] = "2026-11-20T09:30:00Z";
  return read_entries({{"entries", json::array({members})}});
}

core::JournalEntry full_entry() {
  core::JournalEntry entry;
  entry.time = utc("2026-11-20T09:30:00Z");
  entry.pain[region(Region::neck)] = 4;
  entry.pain[region(Region::lower_back)] = 0;
  entry.activities = {{"turn my head", 5}, {"look over my shoulder, driving", 3}};
  entry.stress = 5;
  entry.sleep_quality = 7;
  entry.soreness_hours = 30.5;
  entry.sharp_pain = false;
  entry.new_symptoms = "tingling";
  entry.notes = "said \"ouch\", then\nfelt better";
  return entry;
}

// ---- Responses --------------------------------------------------------------

TEST(ApiJsonWrite, PatientIsCompactInTheExportsFieldOrder) {
  const store::Patient patient{7, "Priya", "Europe/Berlin", utc("2026-11-27T20:15:00Z")};
  EXPECT_EQ(patient_to_json(patient),
            R"({"id":7,"display_name":"Priya","time_zone":"Europe/Berlin",)"
            R"("created_at":"2026-11-27T20:15:00Z"})");
  EXPECT_EQ(patients_to_json({}), R"({"patients":[]})");
  store::Patient in_clinic = patient;
  in_clinic.clinic = 3;
  EXPECT_EQ(patient_to_json(in_clinic),
            R"({"id":7,"display_name":"Priya","time_zone":"Europe/Berlin",)"
            R"("created_at":"2026-11-27T20:15:00Z","clinic":3})");
  const auto list = json::parse(patients_to_json({patient, patient}));
  ASSERT_EQ(list["patients"].size(), 2U);
  EXPECT_EQ(list["patients"][1], json::parse(patient_to_json(patient)));
}

TEST(ApiJsonWrite, IntakeAssessmentAndPlanEmbedTheStoredJson) {
  EXPECT_EQ(intake_record_to_json({11, 7, 2, utc("2026-11-27T20:15:00Z"), R"({"age": 38})"}),
            R"({"id":11,"version":2,"recorded_at":"2026-11-27T20:15:00Z","intake":{"age":38}})");
  EXPECT_EQ(assessment_record_to_json({21, 7, 11, utc("2026-11-27T20:15:01Z"), "2026.11", "mixed",
                                       "clear", R"({"today":"2026-11-27"})"}),
            R"({"id":21,"intake":11,"assessed_at":"2026-11-27T20:15:01Z",)"
            R"("knowledge_version":"2026.11","style":"mixed","safety_status":"clear",)"
            R"("assessment":{"today":"2026-11-27"}})");
  EXPECT_EQ(plan_record_to_json(
                {31, 7, 1, utc("2026-11-27T20:15:01Z"), 21, "assessment", R"({"on_hold":false})"}),
            R"({"id":31,"version":1,"created_at":"2026-11-27T20:15:01Z","assessment":21,)"
            R"("reason":"assessment","plan":{"on_hold":false}})");
  // No assessment: left out. A damaged stored plan: kept as text.
  EXPECT_EQ(plan_record_to_json(
                {32, 7, 2, utc("2026-12-20T08:00:00Z"), std::nullopt, "taper", "{damaged"}),
            R"({"id":32,"version":2,"created_at":"2026-12-20T08:00:00Z","reason":"taper",)"
            R"("plan":"{damaged"})");
}

TEST(ApiJsonWrite, SessionsCarryTheirId) {
  const store::SessionRecord plain{41, 7, utc("2026-12-01T16:00:00Z"), core::Style::therapeutic, 60,
                                   "", 3};
  EXPECT_EQ(session_to_json(plain),
            R"({"id":41,"time":"2026-12-01T16:00:00Z","style":"therapeutic","minutes":60,)"
            R"("pressure":3})");
  const store::SessionRecord named{
      42, 7, utc("2026-12-08T16:00:00Z"), core::Style::relaxation, 45, "Lonerock", 2};
  EXPECT_EQ(sessions_to_json({plain, named}),
            R"({"sessions":[)" + session_to_json(plain) +
                R"(,{"id":42,"time":"2026-12-08T16:00:00Z","style":"relaxation","minutes":45,)"
                R"("therapist":"Lonerock","pressure":2}]})");
}

TEST(ApiJsonWrite, JournalEntriesCarryTheirIdAndTheExportsFields) {
  const store::JournalRecord full{51, 7, utc("2026-11-20T10:00:00Z"), full_entry()};
  store::JournalRecord empty{52, 7, utc("2026-11-21T10:00:00Z"), {}};
  empty.entry.time = utc("2026-11-21T09:00:00Z");
  const std::string text = journal_to_json({full, empty});
  EXPECT_EQ(text.find('\n'), std::string::npos) << "compact, the newline of the notes escaped";
  const auto document = nlohmann::ordered_json::parse(text);
  ASSERT_EQ(document["entries"].size(), 2U);
  EXPECT_EQ(document["entries"][1].dump(),
            R"({"id":52,"time":"2026-11-21T09:00:00Z","recorded_at":"2026-11-21T10:00:00Z",)"
            R"("pain":{},"activities":[]})");
  const json& written = document["entries"][0];
  EXPECT_EQ(written["id"], 51);
  EXPECT_EQ(written["pain"], json({{"neck", 4}, {"lower_back", 0}}));
  EXPECT_EQ(written["soreness_hours"], 30.5);
  EXPECT_EQ(written["sharp_pain"], false);
  EXPECT_EQ(written["new_symptoms"], "tingling");
}

TEST(ApiJsonWrite, AuditLines) {
  const std::vector<store::AuditRecord> audit = {
      {1, utc("2026-11-27T20:15:00Z"), "cli:alice", "create", 7, "patient/7"},
      {2, utc("2026-11-27T20:16:00Z"), "account:12", "read", std::nullopt, "patients",
       "203.0.113.7"}};
  EXPECT_EQ(audit_to_json(audit),
            R"({"audit":[{"id":1,"at":"2026-11-27T20:15:00Z","actor":"cli:alice",)"
            R"("action":"create","record":"patient/7"},{"id":2,"at":"2026-11-27T20:16:00Z",)"
            R"("actor":"account:12","action":"read","record":"patients",)"
            R"("address":"203.0.113.7"}]})");
  EXPECT_EQ(audit_to_json({}), R"({"audit":[]})");
}

TEST(ApiJsonWrite, ErrorsNameTheirFieldOrNull) {
  EXPECT_EQ(error_to_json({"invalid", "entries[2].pain.neck", "must be a whole number 0..10"}),
            R"({"error":{"code":"invalid","message":"must be a whole number 0..10",)"
            R"("field":"entries[2].pain.neck"}})");
  EXPECT_EQ(error_to_json({"not_found", "", "no such patient"}),
            R"({"error":{"code":"not_found","message":"no such patient","field":null}})");
  // Text that is not UTF-8 (the client's bytes quoted back) cannot break the JSON.
  const auto document = json::parse(error_to_json({"invalid", "a\xFF", "bad \xC0\xAF byte"}));
  EXPECT_EQ(document["error"]["field"], "a\xEF\xBF\xBD");
  EXPECT_EQ(document["error"]["message"], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
}

TEST(ApiJsonWrite, HostileAndOddTextIsEscapedOnlyAsJsonRequires) {
  for (const std::string& text : odd_texts()) {
    store::Patient patient{1, text, "UTC", 0};
    const std::string written = patient_to_json(patient);
    EXPECT_EQ(json::parse(written)["display_name"], text);
    if (text.find_first_of("\"\\") == std::string::npos) {
      EXPECT_NE(written.find(text), std::string::npos) << written;  // verbatim
    }
  }
  EXPECT_NE(patient_to_json({1, "<script>alert(1)</script>", "UTC", 0})
                .find(R"("display_name":"<script>alert(1)</script>")"),
            std::string::npos);
}

// ---- Journal entries --------------------------------------------------------

TEST(ApiJsonJournal, WrittenEntriesReadBackWithoutTheServersFields) {
  core::JournalEntry odd = full_entry();
  odd.time = utc("2026-11-21T09:30:00Z");
  odd.notes = "";
  for (const std::string& text : odd_texts()) odd.notes += text + "\n";
  odd.activities = {{odd_texts()[3], 10}};
  odd.soreness_hours = 0.1;
  core::JournalEntry sparse;
  sparse.time = utc("2026-11-22T09:30:00Z");
  sparse.pain[region(Region::feet)] = 10;
  sparse.sharp_pain = true;
  const std::vector<store::JournalRecord> records = {
      {51, 7, kNow, full_entry()}, {52, 7, kNow, odd}, {53, 7, kNow, sparse}};
  json body = json::parse(journal_to_json(records));
  for (json& entry : body["entries"]) {
    entry.erase("id");
    entry.erase("recorded_at");
  }
  const auto read = read_entries(body);
  ASSERT_TRUE(read.ok()) << read.error().describe();
  ASSERT_EQ(read->size(), records.size());
  for (std::size_t i = 0; i < records.size(); ++i) expect_same_entry((*read)[i], records[i].entry);
}

TEST(ApiJsonJournal, TheServersFieldsAreRefusedByName) {
  expect_error(read_entry({{"id", 51}}), "invalid", "entries[0].id", "set by the server");
  expect_error(read_entry({{"recorded_at", "2026-11-20T10:00:00Z"}}), "invalid",
               "entries[0].recorded_at", "set by the server");
}

TEST(ApiJsonJournal, ErrorsNameTheEntryAndField) {
  const json good = {{"time", "2026-11-20T09:30:00Z"}};
  json neck = good;
  neck["pain"] = {{"neck", 11}};
  neck["time"] = "2026-11-20T10:30:00Z";
  expect_error(read_entries({{"entries", {good, good, neck}}}), "invalid", "entries[2].pain.neck",
               "must be a whole number 0..10, not '11'");
  expect_error(read_entry({{"pain", {{"nose", 3}}}}), "invalid", "entries[0].pain.nose",
               "unknown region 'nose'; expected one of: head, jaw, neck");
  expect_error(read_entry({{"pain", {{"neck", "3"}}}}), "invalid", "entries[0].pain.neck",
               "must be an integer 0..10, not a string");
  expect_error(read_entry({{"pain", json::array()}}), "invalid", "entries[0].pain",
               "must be an object, not a list");
  expect_error(read_entry({{"activities",
                            {{{"name", "walk"}, {"score", 3}}, {{"name", " "}, {"score", 3}}}}}),
               "invalid", "entries[0].activities[1].name", "must not be empty");
  expect_error(read_entry({{"activities", {{{"name", "walk"}}}}}), "invalid",
               "entries[0].activities[0].score", "is required");
  expect_error(read_entry({{"activities", {{{"name", "walk"}, {"score", 3}, {"weight", 1}}}}}),
               "invalid", "entries[0].activities[0].weight", "unknown field 'weight'");
  expect_error(read_entry({{"activities", {"walk"}}}), "invalid", "entries[0].activities[0]",
               "must be an object, not a string");
  json six = json::array();
  for (int a = 0; a < 6; ++a) six.push_back({{"name", "a" + std::to_string(a)}, {"score", 1}});
  expect_error(read_entry({{"activities", six}}), "invalid", "entries[0].activities",
               "at most 5 activities");
  expect_error(read_entry({{"mood", 3}}), "invalid", "entries[0].mood",
               "unknown field 'mood'; expected one of: time, pain,");
  expect_error(read_entry({{"soreness_hours", 721}}), "invalid", "entries[0].soreness_hours",
               "0..720");
  expect_error(read_entry({{"notes", std::string(2001, 'x')}}), "invalid", "entries[0].notes",
               "at most 2000 characters");
  expect_error(read_entry({{"new_symptoms", std::string("a\0b", 3)}}), "invalid",
               "entries[0].new_symptoms", "NUL");
  expect_error(read_entries({{"entries", {json::object()}}}), "invalid", "entries[0].time",
               "is required");
  expect_error(read_entries({{"entries", {{{"time", "2026-11-27T20:15:01Z"}}}}}), "invalid",
               "entries[0].time", "must not be in the future");
  expect_error(read_entries({{"entries", {{{"time", "2026-02-30T09:00:00Z"}}}}}), "invalid",
               "entries[0].time", "must be a time such as");
  expect_error(read_entries({{"entries", {{{"time", 1764000000}}}}}), "invalid", "entries[0].time",
               "must be a time such as 2026-11-27T20:15:00Z, not an integer");
  expect_error(read_entries({{"entries", {1}}}), "invalid", "entries[0]",
               "must be an object, not an integer");
}

TEST(ApiJsonJournal, TheBatchHoldsOneToAThousandEntries) {
  expect_error(read_entries({{"entries", json::array()}}), "invalid", "entries",
               "must list 1..1000 entries, not 0");
  json many = json::array();
  for (int i = 0; i < 1001; ++i) many.push_back({{"time", "2026-11-20T09:30:00Z"}});
  expect_error(read_entries({{"entries", many}}), "invalid", "entries", "not 1001");
  many.erase(many.size() - 1);
  const auto thousand = read_entries({{"entries", many}});
  ASSERT_TRUE(thousand.ok()) << thousand.error().describe();  // same times: the store's check
  EXPECT_EQ(thousand->size(), 1000U);
  expect_error(read_entries({{"entries", json::object()}}), "invalid", "entries",
               "must be a list, not an object");
  expect_error(read_entries(json::object()), "invalid", "entries", "is required");
  expect_error(read_entries({{"entries", many}, {"patient", 3}}), "invalid", "patient",
               "unknown field 'patient'");
  expect_error(read_entries(json::array()), "invalid", "body", "must be an object, not a list");
}

TEST(ApiJsonJournal, TypesAreJsonTypes) {
  expect_error(read_entry({{"stress", 7.0}}), "invalid", "entries[0].stress",
               "must be an integer 0..10, not a decimal number");
  expect_error(read_entry({{"stress", "7"}}), "invalid", "entries[0].stress",
               "must be an integer 0..10, not a string");
  expect_error(read_entry({{"stress", nullptr}}), "invalid", "entries[0].stress",
               "must be an integer 0..10, not null");
  expect_error(read_entry({{"stress", true}}), "invalid", "entries[0].stress",
               "must be an integer 0..10, not true");
  expect_error(read_entry({{"sharp_pain", "yes"}}), "invalid", "entries[0].sharp_pain",
               "must be a boolean (true or false), not a string");
  expect_error(read_entry({{"sharp_pain", 1}}), "invalid", "entries[0].sharp_pain",
               "must be a boolean (true or false), not an integer");
  expect_error(read_entry({{"soreness_hours", "2"}}), "invalid", "entries[0].soreness_hours",
               "must be a number, not a string");
  expect_error(read_entry({{"notes", 3}}), "invalid", "entries[0].notes",
               "must be a string, not an integer");
  const auto whole = read_entry({{"soreness_hours", 2}});  // an integer is a number
  ASSERT_TRUE(whole.ok()) << whole.error().describe();
  EXPECT_EQ((*whole)[0].soreness_hours, 2.0);
}

TEST(ApiJsonJournal, HugeAndNegativeZeroNumbers) {
  const auto body = [](const std::string& member) {
    return R"({"entries":[{"time":"2026-11-20T09:30:00Z",)" + member + "}]}";
  };
  const auto read = [&](const std::string& member) {
    return parse_journal_entries(body(member), kNow);
  };
  expect_error(read(R"("stress":99999999999999999999)"), "invalid", "entries[0].stress",
               "must be a whole number 0..10, not '1e+20'");
  expect_error(read(R"("stress":-99999999999999999999)"), "invalid", "entries[0].stress",
               "must be a whole number 0..10");
  expect_error(read(R"("stress":18446744073709551615)"), "invalid", "entries[0].stress",
               "not '18446744073709551615'");
  expect_error(read(R"("stress":-9223372036854775808)"), "invalid", "entries[0].stress",
               "not '-9223372036854775808'");
  expect_error(read(R"("stress":4294967303)"), "invalid", "entries[0].stress",  // 2^32 + 7
               "not '4294967303'");
  expect_error(read(R"("stress":1e2)"), "invalid", "entries[0].stress", "not a decimal number");
  expect_error(read(R"("soreness_hours":1e308)"), "invalid", "entries[0].soreness_hours", "0..720");
  expect_error(read(R"("soreness_hours":1e999)"), "invalid_json", "body", "a number is too large");
  expect_error(read(R"("soreness_hours":-1e999)"), "invalid_json", "body", "a number is too large");
  const auto zero = read(R"("stress":-0,"soreness_hours":-0.0)");
  ASSERT_TRUE(zero.ok()) << zero.error().describe();
  EXPECT_EQ((*zero)[0].stress, 0);
  ASSERT_TRUE((*zero)[0].soreness_hours.has_value());
  EXPECT_FALSE(std::signbit(*(*zero)[0].soreness_hours));
  const auto tiny = read(R"("soreness_hours":1e-400)");  // underflows to 0
  ASSERT_TRUE(tiny.ok()) << tiny.error().describe();
  EXPECT_FALSE(std::signbit(*(*tiny)[0].soreness_hours));
  for (const char* not_a_number :
       {"NaN", "nan", "Infinity", "-Infinity", "inf", "0x10", "+1", "01", "1.", ".5", "1e"}) {
    expect_error(read(std::string(R"("soreness_hours":)") + not_a_number), "invalid_json", "body",
                 "not valid JSON at byte ");
  }
  expect_error(read(R"("soreness_hours":"NaN")"), "invalid", "entries[0].soreness_hours",
               "must be a number, not a string");
}

TEST(ApiJsonJournal, DuplicateMembersAreRefusedAtTheirPath) {
  const auto read = [](const std::string& body) { return parse_journal_entries(body, kNow); };
  expect_error(read(R"({"entries":[],"entries":[]})"), "invalid", "entries", "named twice");
  expect_error(read(R"({"entries":[{"time":"2026-11-20T09:30:00Z"},)"
                    R"({"time":"2026-11-20T09:30:00Z","pain":{"neck":1,"neck":9}}]})"),
               "invalid", "entries[1].pain.neck", "is named twice in the same object");
  expect_error(read(R"({"entries":[{"time":"2026-11-20T09:30:00Z","activities":[)"
                    R"({"name":"a","score":1},{"name":"b","name":"c","score":1}]}]})"),
               "invalid", "entries[0].activities[1].name");
  // The same name in different objects is fine.
  const auto fine = read(R"({"entries":[{"time":"2026-11-20T09:30:00Z","pain":{"neck":1}},)"
                         R"({"time":"2026-11-21T09:30:00Z","pain":{"neck":1}}]})");
  EXPECT_TRUE(fine.ok()) << fine.error().describe();
}

// ---- Patients and sessions --------------------------------------------------

TEST(ApiJsonPatient, ReadsANewPatient) {
  const auto patient = parse_new_patient(R"({"display_name":"Priya","time_zone":"Asia/Kolkata"})");
  ASSERT_TRUE(patient.ok()) << patient.error().describe();
  EXPECT_EQ(patient->display_name, "Priya");
  EXPECT_EQ(patient->time_zone, "Asia/Kolkata");
  const auto plain = parse_new_patient(R"({"display_name":"Priya"})");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->time_zone, "UTC");
  for (const std::string& text : odd_texts()) {
    const auto odd = parse_new_patient(json({{"display_name", text}}).dump());
    ASSERT_TRUE(odd.ok()) << odd.error().describe();
    EXPECT_EQ(odd->display_name, text);  // verbatim
  }
}

TEST(ApiJsonPatient, RefusesByField) {
  expect_error(parse_new_patient("{}"), "invalid", "display_name", "is required");
  expect_error(parse_new_patient(R"({"display_name":"a","age":3})"), "invalid", "age",
               "unknown field 'age'; expected one of: display_name, time_zone");
  expect_error(parse_new_patient(R"({"display_name":12})"), "invalid", "display_name",
               "must be a string, not an integer");
  expect_error(parse_new_patient(R"({"display_name":""})"), "invalid", "display_name",
               "must not be empty");
  expect_error(parse_new_patient(R"({"display_name":"a\nb"})"), "invalid", "display_name",
               "one line");
  expect_error(parse_new_patient(R"({"display_name":"a\u0000b"})"), "invalid", "display_name",
               "NUL");
  expect_error(parse_new_patient(R"({"display_name":"a","time_zone":null})"), "invalid",
               "time_zone", "must be a string, not null");
  std::string emoji;
  for (int i = 0; i < 200; ++i) emoji += "\xF0\x9F\x98\x80";
  EXPECT_TRUE(parse_new_patient(json({{"display_name", emoji}}).dump()).ok());  // characters
  expect_error(parse_new_patient(json({{"display_name", emoji + "x"}}).dump()), "invalid",
               "display_name", "at most 200 characters, not 201");
  expect_error(parse_new_patient(R"("Priya")"), "invalid", "body",
               "must be an object, not a string");
  expect_error(parse_new_patient("null"), "invalid", "body", "must be an object, not null");
  // A long unknown name is cut in the path and the message.
  const auto long_name = parse_new_patient(json({{std::string(5000, 'k'), 1}}).dump());
  ASSERT_FALSE(long_name.ok());
  EXPECT_LT(long_name.error().where.size(), 100U);
  EXPECT_LT(long_name.error().message.size(), 200U);
}

TEST(ApiJsonSession, ReadsANewSession) {
  const auto session =
      parse_new_session(R"({"time":"2026-12-01T17:00:00+01:00","style":"relaxation","minutes":90,)"
                        R"("therapist":"Lonerock","pressure":2})");
  ASSERT_TRUE(session.ok()) << session.error().describe();
  EXPECT_EQ(session->time, utc("2026-12-01T16:00:00Z"));
  EXPECT_EQ(session->style, core::Style::relaxation);
  EXPECT_EQ(session->minutes, 90);
  EXPECT_EQ(session->therapist, "Lonerock");
  EXPECT_EQ(session->pressure, 2);
  const auto plain = parse_new_session(R"({"style":"therapeutic","time":"2026-12-01T16:00:00Z"})");
  ASSERT_TRUE(plain.ok()) << plain.error().describe();
  EXPECT_EQ(plain->style, core::Style::therapeutic);
  EXPECT_EQ(plain->minutes, store::NewSession{}.minutes);
  EXPECT_EQ(plain->pressure, store::NewSession{}.pressure);
  EXPECT_EQ(plain->therapist, "");
}

TEST(ApiJsonSession, RefusesByField) {
  const auto read = [](json members) {
    members.emplace("time", "2026-12-01T16:00:00Z");
    members.emplace("style", "therapeutic");
    return parse_new_session(members.dump());
  };
  expect_error(parse_new_session(R"({"style":"therapeutic"})"), "invalid", "time", "is required");
  expect_error(parse_new_session(R"({"time":"2026-12-01T16:00:00Z"})"), "invalid", "style",
               "is required");
  expect_error(read({{"style", "mixed"}}), "invalid", "style",
               "must be therapeutic or relaxation, not 'mixed'");
  expect_error(read({{"style", "Therapeutic"}}), "invalid", "style");
  expect_error(read({{"time", "2026-12-01 16:00"}}), "invalid", "time", "not '2026-12-01 16:00'");
  expect_error(read({{"minutes", 9}}), "invalid", "minutes", "10..240, not '9'");
  expect_error(read({{"minutes", 241}}), "invalid", "minutes", "10..240, not '241'");
  expect_error(read({{"minutes", -60}}), "invalid", "minutes", "10..240, not '-60'");
  expect_error(read({{"minutes", 60.0}}), "invalid", "minutes",
               "must be an integer 10..240, not a decimal number");
  expect_error(read({{"minutes", "60"}}), "invalid", "minutes",
               "must be an integer 10..240, not a string");
  expect_error(read({{"pressure", 0}}), "invalid", "pressure", "1..5, not '0'");
  expect_error(read({{"pressure", 6}}), "invalid", "pressure", "1..5, not '6'");
  expect_error(read({{"therapist", std::string(201, 't')}}), "invalid", "therapist",
               "at most 200 characters");
  expect_error(read({{"therapist", "a\tb"}}), "invalid", "therapist", "one line");
  expect_error(read({{"room", 4}}), "invalid", "room", "unknown field 'room'");
  EXPECT_TRUE(read({{"minutes", 10}, {"pressure", 1}}).ok());
  EXPECT_TRUE(read({{"minutes", 240}, {"pressure", 5}}).ok());
}

// ---- String objects ---------------------------------------------------------

constexpr std::string_view kLogin[] = {"login", "password"};
constexpr std::string_view kRemember[] = {"device"};

Result<std::map<std::string, std::string>> read_login(const std::string& body) {
  return parse_string_object(body, kLogin, kRemember);
}

TEST(ApiJsonStrings, ReadsAnObjectOfStrings) {
  const auto values = read_login(R"({"password":"p\u00e4ss\"w","login":"alice"})");
  ASSERT_TRUE(values.ok()) << values.error().describe();
  EXPECT_EQ(*values, (std::map<std::string, std::string>{{"login", "alice"},
                                                         {"password", "p\xC3\xA4ss\"w"}}));
  const auto with_optional = read_login(R"({"login":"","password":"","device":"phone"})");
  ASSERT_TRUE(with_optional.ok());
  EXPECT_EQ(with_optional->at("device"), "phone");
  EXPECT_EQ(with_optional->at("login"), "");
  const auto longest =
      read_login(json({{"login", std::string(10'000, 'a')}, {"password", "x"}}).dump());
  EXPECT_TRUE(longest.ok());
  const auto brackets =
      read_login(json({{"login", std::string(10'000, '[')}, {"password", "x"}}).dump());
  EXPECT_TRUE(brackets.ok()) << "brackets inside a string are not nesting";
  const auto empty = parse_string_object("{}", {}, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ApiJsonStrings, RefusesByField) {
  expect_error(read_login(R"({"login":"alice"})"), "invalid", "password", "is required");
  expect_error(read_login(R"({"login":"alice","password":"x","admin":"yes"})"), "invalid", "admin",
               "unknown field 'admin'; expected one of: login, password, device");
  expect_error(read_login(R"({"login":"alice","password":1234})"), "invalid", "password",
               "must be a string, not an integer");
  expect_error(read_login(R"({"login":["alice"],"password":"x"})"), "invalid", "login",
               "must be a string, not a list");
  expect_error(read_login(R"({"login":"al\u0000ice","password":"x"})"), "invalid", "login", "NUL");
  expect_error(read_login(json({{"login", std::string(10'001, 'a')}, {"password", "x"}}).dump()),
               "invalid", "login", "at most 10000 bytes, not 10001");
  expect_error(read_login(R"({"login":"a","password":"x","login":"b"})"), "invalid", "login",
               "named twice");
  expect_error(read_login(R"(["login","password"])"), "invalid", "body", "must be an object");
}

// ---- Malformed and hostile bodies -------------------------------------------

TEST(ApiJsonMalformed, SyntaxErrorsGiveTheirBytePosition) {
  expect_error(parse_new_patient(""), "invalid_json", "body",
               "not valid JSON at byte 1: syntax error while parsing value - unexpected end of "
               "input");
  expect_error(parse_new_patient(R"({"display_name":"a",})"), "invalid_json", "body",
               "not valid JSON at byte 21: ");
  expect_error(parse_new_patient(R"({"display_name":"a"} x)"), "invalid_json", "body",
               "not valid JSON at byte 22: ");
  expect_error(parse_new_patient(R"({'display_name':'a'})"), "invalid_json", "body", "at byte 2: ");
  expect_error(parse_new_patient(R"({"display_name":"a" /* c */})"), "invalid_json", "body");
  expect_error(parse_new_patient("{\"display_name\":\"a\tb\"}"), "invalid_json", "body",
               "control character");
  for (const char* body : {"{", "[", "\"", "nul", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "]",
                           "}", "{]", "[}", "\\", R"("\u12")", R"("\x")"}) {
    expect_error(parse_new_patient(body), "invalid_json", "body", "not valid JSON at byte ");
  }
}

TEST(ApiJsonMalformed, EveryTruncationIsRefused) {
  const std::string body = json({{"entries",
                                  {{{"time", "2026-11-20T09:30:00Z"},
                                    {"pain", {{"neck", 4}}},
                                    {"activities", {{{"name", "walk"}, {"score", 3}}}},
                                    {"notes", "\xF0\x9F\x98\x80 done"}}}}})
                               .dump();
  ASSERT_TRUE(parse_journal_entries(body, kNow).ok());
  for (std::size_t length = 0; length < body.size(); ++length) {
    const auto read = parse_journal_entries(std::string_view{body}.substr(0, length), kNow);
    ASSERT_FALSE(read.ok()) << length;
    EXPECT_EQ(read.error().code, "invalid_json") << length << ": " << read.error().describe();
  }
}

TEST(ApiJsonMalformed, TextThatIsNotUtf8IsRefused) {
  for (const char* text :
       {"\xFF", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3", "a\x80"}) {
    const std::string body = std::string(R"({"display_name":")") + text + R"("})";
    expect_error(parse_new_patient(body), "invalid_json", "body", "not valid JSON at byte ");
  }
  // A lone surrogate written as an escape is no character either.
  expect_error(parse_new_patient(R"({"display_name":"\ud800"})"), "invalid_json", "body");
  expect_error(parse_new_patient(R"({"display_name":"\udc00x"})"), "invalid_json", "body");
  // A pair is one character, written as UTF-8.
  const auto pair = parse_new_patient(R"({"display_name":"\ud83d\ude00"})");
  ASSERT_TRUE(pair.ok()) << pair.error().describe();
  EXPECT_EQ(pair->display_name, "\xF0\x9F\x98\x80");
  // Bytes outside strings.
  expect_error(parse_new_patient("{\"display_name\":\"a\"}\xFF"), "invalid_json", "body");
  // A NUL byte, which the parser alone would take for the end of the input.
  expect_error(parse_new_patient(std::string("{\"display_name\":\"a\"}\0{", 22)), "invalid_json",
               "body", "at byte 21: a NUL byte");
  expect_error(parse_new_patient(std::string("{\"display_name\":\"a\0\"}", 21)), "invalid_json",
               "body", "at byte 19: a NUL byte");
}

TEST(ApiJsonMalformed, DeepNestingIsRefusedWithoutRecursion) {
  const std::string brackets(100'000, '[');
  expect_error(parse_new_patient(brackets), "invalid_json", "body",
               "not valid JSON at byte 65: nested deeper than 64 levels");
  expect_error(parse_new_patient(brackets + std::string(100'000, ']')), "invalid_json", "body",
               "nested deeper than 64 levels");
  std::string objects;
  for (int i = 0; i < 50'000; ++i) objects += R"({"a":)";
  expect_error(parse_journal_entries(objects, kNow), "invalid_json", "body", "at byte 321:");
  // 64 levels are read (and then refused for what they are).
  const std::string deepest = std::string(63, '[') + "{}" + std::string(63, ']');
  expect_error(parse_new_patient(deepest), "invalid", "body", "must be an object, not a list");
  expect_error(parse_new_patient("[" + deepest + "]"), "invalid_json", "body", "at byte 65:");
  // Brackets in strings and escaped quotes do not count.
  expect_error(parse_new_patient(json({{"display_name", "\"" + std::string(300, '[')}}).dump()),
               "invalid", "display_name", "at most 200 characters, not 301");
}

TEST(ApiJsonMalformed, TooLargeBodiesAreNotRead) {
  std::string body = R"({"display_name":")" + std::string(kMaxBodyBytes, 'a') + R"("})";
  expect_error(parse_new_patient(body), "too_large", "body", "at most 1048576");
  // Exactly the limit is read.
  body = R"({"login":"a","password":")";
  body += std::string(kMaxBodyBytes - body.size() - 2, ' ') + "\"}";
  ASSERT_EQ(body.size(), kMaxBodyBytes);
  expect_error(read_login(body), "invalid", "password", "at most 10000 bytes");
}

TEST(ApiJsonMalformed, WideDocumentsAreRead) {
  // A megabyte of members or elements: read in time, refused by name.
  std::string members = R"({"display_name":"a")";
  for (int i = 0; members.size() < kMaxBodyBytes - 20; ++i) {
    members += ",\"k" + std::to_string(i) + "\":0";
  }
  members += "}";
  expect_error(parse_new_patient(members), "invalid", "k0", "unknown field 'k0'");
  std::string elements = R"({"entries":[)";
  while (elements.size() < kMaxBodyBytes - 10) elements += "0,";
  elements += "0]}";
  expect_error(parse_journal_entries(elements, kNow), "invalid", "entries", "not ");
}

// Random damage to a good body never crashes the reader and never lets an
// error out without a code and a place.
TEST(ApiJsonMalformed, RandomDamageNeverCrashes) {
  const std::string body = json({{"entries",
                                  {{{"time", "2026-11-20T09:30:00Z"},
                                    {"pain", {{"neck", 4}, {"hips", 2}}},
                                    {"activities", {{{"name", "walk \xE2\x9C\x93"}, {"score", 3}}}},
                                    {"stress", 3},
                                    {"soreness_hours", 2.5},
                                    {"sharp_pain", false},
                                    {"notes", "ok"}}}}})
                               .dump();
  const std::string alphabet = "{}[]\":,\\0123456789.eE+-tfnu \xFF\xC3\x80";
  std::mt19937 random(20261127);
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = body;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % damaged.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          damaged[at] = c;
          break;
        case 1:
          damaged.insert(at, 1, c);
          break;
        default:
          damaged.erase(at, 1);
          break;
      }
    }
    const auto read = parse_journal_entries(damaged, kNow);
    if (read.ok()) {
      ++accepted;
      continue;
    }
    EXPECT_FALSE(read.error().code.empty()) << damaged;
    EXPECT_FALSE(read.error().where.empty()) << damaged;
    EXPECT_FALSE(read.error().message.empty()) << damaged;
    // Every error can be sent back as JSON.
    EXPECT_TRUE(json::accept(error_to_json(read.error()))) << damaged;
  }
  EXPECT_LT(accepted, 3000);
}

}  // namespace
}  // namespace mn::codec
