// The journal CSV (export and import), the shared entry validation, and the
// export JSON of a whole patient file.
#include "codec/journal_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "codec/journal_json.hpp"
#include "codec/journal_validation.hpp"
#include "codec/utc_time.hpp"
#include "journal_support.hpp"

namespace mn::codec {
namespace {

using core::Region;
using testing::expect_same_entry;

const std::int64_t kNow = parse_utc("2026-11-27T20:15:00Z").value();

std::int64_t utc(const char* text) { return parse_utc(text).value(); }

std::size_t region(Region value) { return static_cast<std::size_t>(value); }

std::string header() {
  std::string text;
  for (const std::string& column : journal_csv_columns()) {
    text += (text.empty() ? "" : ",") + column;
  }
  return text + "\n";
}

// One row: the named cells (written as given, so they may hold quotes),
// every other cell empty.
std::string row(const std::map<std::string, std::string>& cells) {
  std::string text;
  const auto& columns = journal_csv_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) text += ',';
    const auto found = cells.find(columns[c]);
    if (found != cells.end()) text += found->second;
  }
  for (const auto& [name, value] : cells) {
    EXPECT_NE(std::find(columns.begin(), columns.end(), name), columns.end()) << name;
  }
  return text + "\n";
}

std::string describe(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& error : errors) text += error.code + " " + error.describe() + "\n";
  return text;
}

// The only error of reading `text`.
Error only_error(const std::string& text) {
  const JournalCsvRead read = read_journal_csv(text, kNow);
  EXPECT_TRUE(read.entries.empty());
  EXPECT_EQ(read.errors.size(), 1U) << describe(read.errors);
  return read.errors.empty() ? Error{} : read.errors.front();
}

core::JournalEntry example_entry() {
  core::JournalEntry entry;
  entry.time = utc("2026-11-20T09:30:00Z");
  entry.pain[region(Region::neck)] = 4;
  entry.pain[region(Region::lower_back)] = 0;
  entry.activities = {{"carry shopping", 6}, {"look over my shoulder, driving", 3}};
  entry.stress = 5;
  entry.sleep_quality = 7;
  entry.soreness_hours = 30.5;
  entry.sharp_pain = false;
  entry.notes = "said \"ouch\", then\nfelt better";
  return entry;
}

// ---- Columns and writing ---------------------------------------------------------

TEST(JournalCsv, ColumnsAreTheDocumentedOnes) {
  const auto& columns = journal_csv_columns();
  ASSERT_EQ(columns.size(), 31U);
  EXPECT_EQ(columns[0], "time");
  EXPECT_EQ(columns[1], "pain_head");
  EXPECT_EQ(columns[3], "pain_neck");
  EXPECT_EQ(columns[6], "pain_lower_back");
  EXPECT_EQ(columns[14], "pain_feet");
  EXPECT_EQ(columns[15], "activity_1_name");
  EXPECT_EQ(columns[16], "activity_1_score");
  EXPECT_EQ(columns[24], "activity_5_score");
  EXPECT_EQ((std::vector<std::string>(columns.begin() + 25, columns.end())),
            (std::vector<std::string>{"stress", "sleep_quality", "soreness_hours", "sharp_pain",
                                      "new_symptoms", "notes"}));
}

TEST(JournalCsv, WritesOneQuotedRowPerEntry) {
  const core::JournalEntry entry = example_entry();
  const std::string csv = journal_to_csv(std::span(&entry, 1));
  const std::string expected_header =
      "time,pain_head,pain_jaw,pain_neck,pain_shoulders,pain_upper_back,pain_lower_back,"
      "pain_hips,pain_arms,pain_elbows,pain_wrists,pain_hands,pain_legs,pain_knees,pain_feet,"
      "activity_1_name,activity_1_score,activity_2_name,activity_2_score,activity_3_name,"
      "activity_3_score,activity_4_name,activity_4_score,activity_5_name,activity_5_score,"
      "stress,sleep_quality,soreness_hours,sharp_pain,new_symptoms,notes\r\n";
  const std::string expected_row =
      "2026-11-20T09:30:00Z,,,4,,,0,,,,,,,,,carry shopping,6,\"look over my shoulder, "
      "driving\",3,,,,,,,5,7,30.5,no,,\"said \"\"ouch\"\", then\nfelt better\"\r\n";
  EXPECT_EQ(csv, expected_header + expected_row);
}

TEST(JournalCsv, AnEmptyJournalIsTheHeaderAlone) {
  const std::string csv = journal_to_csv({});
  EXPECT_EQ(csv, header().substr(0, header().size() - 1) + "\r\n");
  const JournalCsvRead read = read_journal_csv(csv, kNow);
  EXPECT_TRUE(read.ok()) << describe(read.errors);
  EXPECT_TRUE(read.entries.empty());
}

// ---- Reading ------------------------------------------------------------------

TEST(JournalCsv, ReadsBackWhatItWrites) {
  std::vector<core::JournalEntry> entries{example_entry(), example_entry()};
  entries[1].time += 3600;
  entries[1].notes = "line one\r\nline two, with \"quotes\"\n\nand a blank line";
  entries[1].new_symptoms = "tingling, left hand";
  entries[1].sharp_pain = true;
  entries[1].soreness_hours.reset();
  const JournalCsvRead read = read_journal_csv(journal_to_csv(entries), kNow);
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  ASSERT_EQ(read.entries.size(), 2U);
  expect_same_entry(read.entries[0], entries[0]);
  expect_same_entry(read.entries[1], entries[1]);
}

TEST(JournalCsv, TextThatASpreadsheetWouldRunIsWrittenAsTextAndReadsBackExactly) {
  core::JournalEntry entry = example_entry();
  entry.notes = "=HYPERLINK(\"http://example.invalid\",\"x\")";
  entry.new_symptoms = "'already quoted";
  entry.activities = {{"+1 flight of stairs", 4}, {"@home", 6}, {"-", 2}};
  const std::string csv = journal_to_csv(std::vector{entry});
  EXPECT_NE(csv.find("\"'=HYPERLINK("), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'+1 flight of stairs,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@home,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",''already quoted,"), std::string::npos) << csv;
  const JournalCsvRead read = read_journal_csv(csv, kNow);
  ASSERT_TRUE(read.ok()) << read.errors.front().describe();
  ASSERT_EQ(read.entries.size(), 1U);
  EXPECT_EQ(read.entries[0].notes, entry.notes);
  EXPECT_EQ(read.entries[0].new_symptoms, entry.new_symptoms);
  ASSERT_EQ(read.entries[0].activities.size(), 3U);
  EXPECT_EQ(read.entries[0].activities[0].name, "+1 flight of stairs");
  EXPECT_EQ(read.entries[0].activities[1].name, "@home");
  EXPECT_EQ(read.entries[0].activities[2].name, "-");
}

TEST(JournalCsv, ReadsWhatPeopleAndSpreadsheetsWrite) {
  // LF line ends, a byte order mark, offsets, spaces around numbers, "Yes",
  // a quoted empty field, an activity in the third slot, no final line end.
  const std::string text = "\xEF\xBB\xBF" + header() +
                           row({{"time", "2026-11-20T10:30:00+01:00"},
                                {"pain_neck", " 4 "},
                                {"activity_3_name", "\"gardening\""},
                                {"activity_3_score", "7"},
                                {"sharp_pain", "Yes"},
                                {"soreness_hours", "1e1"},
                                {"notes", "\"\""}}) +
                           "\n" +  // an empty line is skipped
                           "2026-11-21T09:00:00Z" + std::string(30, ',');
  const JournalCsvRead read = read_journal_csv(text, kNow);
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  ASSERT_EQ(read.entries.size(), 2U);
  const core::JournalEntry& first = read.entries[0];
  EXPECT_EQ(first.time, utc("2026-11-20T09:30:00Z"));
  EXPECT_EQ(first.pain[region(Region::neck)], 4);
  ASSERT_EQ(first.activities.size(), 1U);
  EXPECT_EQ(first.activities[0].name, "gardening");
  EXPECT_EQ(first.activities[0].score, 7);
  EXPECT_EQ(first.sharp_pain, true);
  EXPECT_EQ(first.soreness_hours, 10.0);
  EXPECT_EQ(first.notes, "");
  EXPECT_EQ(read.entries[1].time, utc("2026-11-21T09:00:00Z"));
  EXPECT_FALSE(read.entries[1].stress.has_value());
}

TEST(JournalCsv, CountsLinesInsideQuotedFields) {
  const std::string text = header() +
                           row({{"time", "2026-11-20T09:00:00Z"}, {"notes", "\"a\r\nb\nc\""}}) +
                           row({{"time", "2026-11-21T09:00:00Z"}, {"stress", "11"}});
  const Error error = only_error(text);
  EXPECT_EQ(error.where, "line 5, column stress");
}

// ---- Every class of error, with its line and column -----------------------------

struct BadRow {
  std::map<std::string, std::string> cells;
  std::string where;  // of the row on line 2
  std::string message;
};

TEST(JournalCsv, NamesLineAndColumnOfEveryBadCell) {
  const std::string t = "2026-11-20T09:00:00Z";
  const std::vector<BadRow> cases{
      {{{"pain_neck", "3"}},
       "line 2, column time",
       "is required: a time such as 2026-11-27T20:15:00Z"},
      {{{"time", "20.11.2026 09:00"}},
       "line 2, column time",
       "must be a time such as 2026-11-27T20:15:00Z or 2026-11-27T21:15:00+01:00, not "
       "'20.11.2026 09:00'"},
      {{{"time", "2026-02-30T09:00:00Z"}},
       "line 2, column time",
       "must be a time such as 2026-11-27T20:15:00Z or 2026-11-27T21:15:00+01:00, not "
       "'2026-02-30T09:00:00Z'"},
      {{{"time", "2026-11-28T09:00:00Z"}},
       "line 2, column time",
       "must not be in the future: 2026-11-28T09:00:00Z is after now (2026-11-27T20:15:00Z)"},
      {{{"time", "1969-12-31T23:00:00Z"}},
       "line 2, column time",
       "must not be before 1970-01-01T00:00:00Z, not 1969-12-31T23:00:00Z"},
      {{{"time", t}, {"pain_neck", "12"}},
       "line 2, column pain_neck",
       "must be a whole number 0..10, not '12'"},
      {{{"time", t}, {"pain_feet", "-1"}},
       "line 2, column pain_feet",
       "must be a whole number 0..10, not '-1'"},
      {{{"time", t}, {"pain_head", "7.5"}},
       "line 2, column pain_head",
       "must be a whole number 0..10, not '7.5'"},
      {{{"time", t}, {"pain_head", "seven"}},
       "line 2, column pain_head",
       "must be a whole number 0..10, not 'seven'"},
      {{{"time", t}, {"pain_head", "99999999999999"}},
       "line 2, column pain_head",
       "must be a whole number 0..10, not '99999999999999'"},
      {{{"time", t}, {"stress", "11"}},
       "line 2, column stress",
       "must be a whole number 0..10, not '11'"},
      {{{"time", t}, {"sleep_quality", "x"}},
       "line 2, column sleep_quality",
       "must be a whole number 0..10, not 'x'"},
      {{{"time", t}, {"activity_1_name", "walking"}},
       "line 2, column activity_1_score",
       "is required when activity_1_name is given"},
      {{{"time", t}, {"activity_2_score", "5"}},
       "line 2, column activity_2_name",
       "is required when activity_2_score is given"},
      {{{"time", t}, {"activity_4_name", "stairs"}, {"activity_4_score", "11"}},
       "line 2, column activity_4_score",
       "must be a whole number 0..10, not '11'"},
      {{{"time", t}, {"activity_3_name", std::string(81, 'a')}, {"activity_3_score", "5"}},
       "line 2, column activity_3_name",
       "must be at most 80 characters, not 81"},
      {{{"time", t}, {"activity_5_name", "\" \""}, {"activity_5_score", "5"}},
       "line 2, column activity_5_name",
       "must not be empty"},
      {{{"time", t}, {"activity_1_name", "\"two\nlines\""}, {"activity_1_score", "5"}},
       "line 2, column activity_1_name",
       "must be one line without control characters"},
      {{{"time", t}, {"soreness_hours", "800"}},
       "line 2, column soreness_hours",
       "must be a number of hours 0..720, not '800'"},
      {{{"time", t}, {"soreness_hours", "-0.5"}},
       "line 2, column soreness_hours",
       "must be a number of hours 0..720, not '-0.5'"},
      {{{"time", t}, {"soreness_hours", "two days"}},
       "line 2, column soreness_hours",
       "must be a number of hours 0..720, not 'two days'"},
      {{{"time", t}, {"soreness_hours", "inf"}},
       "line 2, column soreness_hours",
       "must be a number of hours 0..720, not 'inf'"},
      {{{"time", t}, {"sharp_pain", "maybe"}},
       "line 2, column sharp_pain",
       "must be yes, no or empty, not 'maybe'"},
      {{{"time", t}, {"notes", std::string(2001, 'n')}},
       "line 2, column notes",
       "must be at most 2000 characters, not 2001"},
      {{{"time", t}, {"new_symptoms", std::string(2001, 's')}},
       "line 2, column new_symptoms",
       "must be at most 2000 characters, not 2001"},
  };
  for (const BadRow& bad : cases) {
    SCOPED_TRACE(bad.where + ": " + bad.message);
    const Error error = only_error(header() + row(bad.cells));
    EXPECT_EQ(error.where, bad.where);
    EXPECT_EQ(error.message, bad.message);
    EXPECT_EQ(error.code, "invalid");
  }
}

TEST(JournalCsv, TextsCountCharactersNotBytes) {
  // 2000 two-byte characters are allowed; 80 three-byte ones in a name too.
  std::string notes;
  for (int i = 0; i < 2000; ++i) notes += "\u00e9";
  std::string name;
  for (int i = 0; i < 80; ++i) name += "\u2192";
  const JournalCsvRead read = read_journal_csv(header() + row({{"time", "2026-11-20T09:00:00Z"},
                                                               {"notes", notes},
                                                               {"activity_1_name", name},
                                                               {"activity_1_score", "4"}}),
                                               kNow);
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  EXPECT_EQ(read.entries.at(0).notes, notes);
}

TEST(JournalCsv, ATimeAtNowIsAllowed) {
  const JournalCsvRead read =
      read_journal_csv(header() + row({{"time", "2026-11-27T21:15:00+01:00"}}), kNow);
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  EXPECT_EQ(read.entries.at(0).time, kNow);
}

TEST(JournalCsv, ReportsEveryProblemOfEveryRowInOrder) {
  const std::string text = header() +                                 // 1
                           row({{"time", "2026-11-01T09:00:00Z"}}) +  // 2
                           row({{"time", "2026-11-02T09:00:00Z"},     // 3
                                {"pain_neck", "12"},
                                {"stress", "-3"},
                                {"sharp_pain", "often"}}) +
                           row({{"time", "2026-11-01T10:00:00+01:00"}}) +          // 4
                           "2026-11-04T09:00:00Z,1,2\n" +                          // 5
                           row({{"time", "2026-11-05T09:00:00Z"}}) +               // 6
                           row({{"activity_1_name", "run"}, {"pain_neck", "4"}});  // 7
  const JournalCsvRead read = read_journal_csv(text, kNow);
  EXPECT_TRUE(read.entries.empty());
  ASSERT_EQ(read.errors.size(), 7U) << describe(read.errors);
  EXPECT_EQ(read.errors[0].where, "line 3, column pain_neck");
  EXPECT_EQ(read.errors[1].where, "line 3, column stress");
  EXPECT_EQ(read.errors[1].message, "must be a whole number 0..10, not '-3'");
  EXPECT_EQ(read.errors[2].where, "line 3, column sharp_pain");
  EXPECT_EQ(read.errors[3].where, "line 4, column time");
  EXPECT_EQ(read.errors[3].code, "duplicate");
  EXPECT_EQ(read.errors[3].message, "the same time as line 2 (2026-11-01T09:00:00Z)");
  EXPECT_EQ(read.errors[4].where, "line 5");
  EXPECT_EQ(read.errors[4].code, "wrong_column_count");
  EXPECT_EQ(read.errors[4].message, "has 3 columns, the header has 31");
  EXPECT_EQ(read.errors[5].where, "line 7, column time");
  EXPECT_EQ(read.errors[6].where, "line 7, column activity_1_score");
}

TEST(JournalCsv, RowsWithTooManyColumnsAreNamed) {
  const std::string good = row({{"time", "2026-11-20T09:00:00Z"}});
  const Error error = only_error(header() + good.substr(0, good.size() - 1) + ",extra\n");
  EXPECT_EQ(error.where, "line 2");
  EXPECT_EQ(error.code, "wrong_column_count");
  EXPECT_EQ(error.message, "has 32 columns, the header has 31");
}

TEST(JournalCsv, NamesTheHeaderColumnThatIsWrong) {
  std::string renamed = header();
  renamed.replace(renamed.find("pain_neck"), 9, "neck_pain");
  Error error = only_error(renamed + row({{"time", "2026-11-20T09:00:00Z"}}));
  EXPECT_EQ(error.code, "bad_header");
  EXPECT_EQ(error.where, "line 1, column pain_neck");
  EXPECT_EQ(error.message, "expected the column pain_neck here, found 'neck_pain'");

  const std::string without_notes = header().substr(0, header().size() - 7) + "\n";
  error = only_error(without_notes);
  EXPECT_EQ(error.where, "line 1, column notes");
  EXPECT_EQ(error.message, "is missing: the header has 30 of the 31 columns");

  error = only_error(header().substr(0, header().size() - 1) + ",mood\n");
  EXPECT_EQ(error.where, "line 1, column mood");

  error = only_error("");
  EXPECT_EQ(error.where, "line 1");
  EXPECT_EQ(error.message, "the file is empty: the header row is required");
  EXPECT_EQ(only_error("\n\n").where, "line 1");
}

TEST(JournalCsv, RejectsWhatIsNotCsvText) {
  struct Bad {
    std::string text;
    std::string where;
    std::string message;
  };
  const std::string good = row({{"time", "2026-11-20T09:00:00Z"}});
  const std::vector<Bad> cases{
      {header() + good + std::string("2026-11-21T09:00:00Z,\0", 22) + std::string(29, ','),
       "line 3", "contains a NUL character"},
      {header() + good + "2026-11-21T09:00:00Z,\xC3\x28" + std::string(29, ','), "line 3",
       "is not UTF-8 text (byte " + std::to_string(header().size() + good.size() + 22) + ")"},
      {header() + "2026-11-21T09:00:00Z,\"open" + std::string(29, ',') + "\n" + good, "line 2",
       "a quoted field that starts here is never closed"},
      {header() + "2026-11-21T09:00:00Z,4\"" + std::string(29, ',') + "\n", "line 2",
       "a quote inside a field that does not start with one: quote the whole field and double "
       "the quote"},
      {header() + "2026-11-21T09:00:00Z,\"4\"x" + std::string(29, ',') + "\n", "line 2",
       "a closing quote must be followed by a comma or the end of the line"},
      {header() + good.substr(0, good.size() - 1) + "\r" + good, "line 2",
       "a carriage return without a line feed (line ends are CRLF or LF)"},
  };
  for (const Bad& bad : cases) {
    SCOPED_TRACE(bad.message);
    const Error error = only_error(bad.text);
    EXPECT_EQ(error.code, "malformed_csv");
    EXPECT_EQ(error.where, bad.where);
    EXPECT_EQ(error.message, bad.message);
  }
}

TEST(JournalCsv, ProblemsBeforeAnUnreadableLineAreAllReported) {
  const std::string text =
      header() + row({{"time", "2026-11-20T09:00:00Z"}, {"stress", "12"}}) + "\"never closed\n";
  const JournalCsvRead read = read_journal_csv(text, kNow);
  ASSERT_EQ(read.errors.size(), 2U) << describe(read.errors);
  EXPECT_EQ(read.errors[0].where, "line 2, column stress");
  EXPECT_EQ(read.errors[1].where, "line 3");
  EXPECT_EQ(read.errors[1].code, "malformed_csv");
}

TEST(JournalCsv, LimitsSizeRowsAndErrors) {
  Error error = only_error(header() + std::string(10U << 20U, '\n'));
  EXPECT_EQ(error.code, "too_large");
  EXPECT_EQ(error.message, "the file is larger than 10 MiB");

  // 100,001 rows of "time" alone (too few columns: never reached).
  std::string rows = header();
  rows.reserve(rows.size() + 100001 * 22);
  for (int i = 0; i <= 100000; ++i) rows += "2026-11-20T09:00:00Z\n";
  error = only_error(rows);
  EXPECT_EQ(error.code, "too_many_rows");
  EXPECT_EQ(error.where, "line 100002");
  EXPECT_EQ(error.message, "more than 100000 rows");

  // 1,500 bad rows: the first 1,000 problems, then one that says so.
  std::string bad = header();
  for (int i = 0; i < 1500; ++i) bad += "x\n";
  const JournalCsvRead read = read_journal_csv(bad, kNow);
  ASSERT_EQ(read.errors.size(), 1001U);
  EXPECT_EQ(read.errors[999].where, "line 1001");
  EXPECT_EQ(read.errors[1000].code, "too_many_errors");
}

TEST(JournalCsv, AcceptsExactly100000Rows) {
  std::vector<core::JournalEntry> entries(100000);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].time = kNow - static_cast<std::int64_t>(i) * 60;
  }
  const JournalCsvRead read = read_journal_csv(journal_to_csv(entries), kNow);
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  EXPECT_EQ(read.entries.size(), 100000U);
}

// ---- A property: generated journals survive the round trip ------------------------

std::string random_text(std::mt19937& random, std::size_t max_characters, bool one_line) {
  static const std::vector<std::string> pieces{"a",  "Z",      " ",      ",",          "\"", "\"\"",
                                               "'",  "\u00e9", "\u2192", "\U0001F600", ";",  "0",
                                               "\t", "\n",     "\r\n",   "\r",         "=",  "yes"};
  std::uniform_int_distribution<std::size_t> length(0, max_characters);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::string text;
  const std::size_t wanted = length(random);
  for (std::size_t c = 0; c < wanted; c += 2) {
    const std::string& next = pieces[piece(random)];
    if (one_line && (next.find_first_of("\t\r\n") != std::string::npos)) continue;
    text += next;
  }
  return text;
}

core::JournalEntry random_entry(std::mt19937& random, std::int64_t time) {
  std::uniform_int_distribution<int> rating(0, 10);
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_int_distribution<std::size_t> activities(0, core::kMaxActivities);
  std::uniform_real_distribution<double> hours(0, 720);
  core::JournalEntry entry;
  entry.time = time;
  for (auto& pain : entry.pain) {
    if (coin(random) == 0) pain = rating(random);
  }
  for (std::size_t a = activities(random); a > 0; --a) {
    std::string name = random_text(random, 78, true);
    name = "x" + name;  // never blank
    entry.activities.push_back({name, rating(random)});
  }
  if (coin(random) != 0) entry.stress = rating(random);
  if (coin(random) != 0) entry.sleep_quality = rating(random);
  switch (coin(random)) {
    case 0:
      entry.soreness_hours = hours(random);  // full double precision
      break;
    case 1:
      entry.soreness_hours = static_cast<double>(rating(random) * 6);
      break;
    default:
      break;
  }
  if (coin(random) != 0) entry.sharp_pain = coin(random) == 0;
  if (coin(random) == 0) entry.new_symptoms = random_text(random, 100, false);
  if (coin(random) != 0) entry.notes = random_text(random, coin(random) == 0 ? 1999 : 60, false);
  return entry;
}

TEST(JournalCsv, RoundTripsGeneratedJournals) {
  std::mt19937 random(27112026);
  std::uniform_int_distribution<std::int64_t> time(0, kNow);
  for (int journal = 0; journal < 30; ++journal) {
    std::set<std::int64_t> times;
    while (times.size() < 100) times.insert(time(random));
    std::vector<core::JournalEntry> entries;
    for (const std::int64_t t : times) entries.push_back(random_entry(random, t));
    std::shuffle(entries.begin(), entries.end(), random);
    for (const auto& entry : entries) {
      ASSERT_TRUE(validate_journal_entry(entry, kNow, "").empty());
    }
    const std::string csv = journal_to_csv(entries);
    const JournalCsvRead read = read_journal_csv(csv, kNow);
    ASSERT_TRUE(read.ok()) << describe(read.errors);
    ASSERT_EQ(read.entries.size(), entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      SCOPED_TRACE("journal " + std::to_string(journal) + ", entry " + std::to_string(i));
      expect_same_entry(read.entries[i], entries[i]);
      if (::testing::Test::HasFailure()) return;
    }
  }
}

// ---- The shared validation -------------------------------------------------------

TEST(JournalValidation, NamesEveryProblemWithThePrefix) {
  core::JournalEntry entry = example_entry();
  EXPECT_TRUE(validate_journal_entry(entry, kNow, "entries[2]").empty());
  entry.time = kNow + 1;
  entry.pain[region(Region::neck)] = 11;
  entry.activities.push_back({"", 3});
  entry.activities.push_back({"ok", 12});
  entry.activities.push_back({"a", 1});
  entry.activities.push_back({"b", 1});
  entry.sleep_quality = -1;
  entry.soreness_hours = std::numeric_limits<double>::quiet_NaN();
  entry.new_symptoms = std::string("a\0b", 3);
  entry.notes = "\xFF";
  const auto errors = validate_journal_entry(entry, kNow, "entries[2]");
  std::vector<std::string> where;
  for (const Error& error : errors) {
    where.push_back(error.where);
    EXPECT_EQ(error.code, "invalid");
  }
  EXPECT_EQ(where, (std::vector<std::string>{
                       "entries[2].time", "entries[2].pain.neck", "entries[2].activities",
                       "entries[2].activities[2].name", "entries[2].activities[3].score",
                       "entries[2].sleep_quality", "entries[2].soreness_hours",
                       "entries[2].new_symptoms", "entries[2].notes"}))
      << describe(errors);
  EXPECT_EQ(errors[2].message, "at most 5 activities, not 6");
  EXPECT_EQ(errors[6].message, "must be a number of hours 0..720, not 'nan'");
  EXPECT_EQ(errors[7].message, "must not contain NUL characters");
  EXPECT_EQ(errors[8].message, "must be UTF-8 text");
}

TEST(JournalValidation, AcceptsTheEdgesOfEachRange) {
  core::JournalEntry entry;
  entry.time = 0;
  entry.pain.fill(10);
  entry.pain[0] = 0;
  entry.activities = {{std::string(80, 'a'), 0}, {"b", 10}};
  entry.stress = 0;
  entry.sleep_quality = 10;
  entry.soreness_hours = 720;
  entry.notes = std::string(2000, 'n');
  EXPECT_TRUE(validate_journal_entry(entry, 0, "").empty());
  entry.soreness_hours = 720.001;
  const auto errors = validate_journal_entry(entry, 0, "");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where, "soreness_hours");
}

// ---- The export JSON --------------------------------------------------------------

store::PatientFile example_file() {
  store::PatientFile file;
  file.patient = {7, "Priya", "Europe/Berlin", utc("2026-11-27T20:15:00Z")};
  file.intakes.push_back({11, 7, 1, utc("2026-11-27T20:15:00Z"), R"({"age":38,"stress":7})"});
  file.assessments.push_back({21, 7, 11, utc("2026-11-27T20:15:01Z"), "2026.11", "mixed", "clear",
                              R"({"today":"2026-11-27"})"});
  file.plans.push_back({31, 7, 1, utc("2026-11-27T20:15:01Z"), 21, "assessment",
                        R"({"format_version":1,"on_hold":false})"});
  file.plans.push_back({32, 7, 2, utc("2026-12-20T08:00:00Z"), std::nullopt, "taper", "{damaged"});
  file.sessions.push_back(
      {41, 7, utc("2026-12-01T16:00:00Z"), core::Style::therapeutic, 60, "", 3});
  file.sessions.push_back(
      {42, 7, utc("2026-12-08T16:00:00Z"), core::Style::relaxation, 45, "Lonerock", 2});
  store::JournalRecord record{51, 7, utc("2026-11-20T10:00:00Z"), example_entry()};
  file.journal.push_back(record);
  record.entry = core::JournalEntry{};
  record.entry.time = utc("2026-11-21T09:00:00Z");
  file.journal.push_back(record);
  return file;
}

TEST(JournalJson, ExportsThePatientFile) {
  const std::string text = patient_file_to_json(example_file());
  EXPECT_EQ(text.rfind("{\n  \"format\": \"massage-navigator-export\",\n  \"version\": 1,", 0), 0U)
      << text;
  const auto document = nlohmann::json::parse(text);
  EXPECT_EQ(document["patient"], nlohmann::json({{"id", 7},
                                                 {"display_name", "Priya"},
                                                 {"time_zone", "Europe/Berlin"},
                                                 {"created_at", "2026-11-27T20:15:00Z"}}));
  EXPECT_EQ(document["intakes"][0]["intake"], nlohmann::json({{"age", 38}, {"stress", 7}}));
  EXPECT_EQ(document["intakes"][0]["version"], 1);
  EXPECT_EQ(document["assessments"][0]["assessed_at"], "2026-11-27T20:15:01Z");
  EXPECT_EQ(document["assessments"][0]["assessment"]["today"], "2026-11-27");
  EXPECT_EQ(document["assessments"][0]["knowledge_version"], "2026.11");
  EXPECT_EQ(document["plans"][0]["assessment"], 21);
  EXPECT_EQ(document["plans"][0]["plan"]["format_version"], 1);
  EXPECT_FALSE(document["plans"][1].contains("assessment"));
  EXPECT_EQ(document["plans"][1]["plan"], "{damaged");  // kept, as text
  EXPECT_EQ(document["sessions"][0], nlohmann::json({{"time", "2026-12-01T16:00:00Z"},
                                                     {"style", "therapeutic"},
                                                     {"minutes", 60},
                                                     {"pressure", 3}}));
  EXPECT_EQ(document["sessions"][1]["therapist"], "Lonerock");
  const auto& full = document["journal"][0];
  EXPECT_EQ(full["time"], "2026-11-20T09:30:00Z");
  EXPECT_EQ(full["recorded_at"], "2026-11-20T10:00:00Z");
  EXPECT_EQ(full["pain"], nlohmann::json({{"neck", 4}, {"lower_back", 0}}));
  EXPECT_EQ(full["activities"][1],
            nlohmann::json({{"name", "look over my shoulder, driving"}, {"score", 3}}));
  EXPECT_EQ(full["stress"], 5);
  EXPECT_EQ(full["sleep_quality"], 7);
  EXPECT_EQ(full["soreness_hours"], 30.5);
  EXPECT_EQ(full["sharp_pain"], false);
  EXPECT_EQ(full["notes"], "said \"ouch\", then\nfelt better");
  EXPECT_FALSE(full.contains("new_symptoms"));
  // Nothing recorded: only the time, when it was written and empty lists.
  EXPECT_EQ(document["journal"][1], nlohmann::json({{"time", "2026-11-21T09:00:00Z"},
                                                    {"recorded_at", "2026-11-20T10:00:00Z"},
                                                    {"pain", nlohmann::json::object()},
                                                    {"activities", nlohmann::json::array()}}));
}

TEST(JournalJson, AnEmptyFileAndBrokenTextStillExport) {
  store::PatientFile file;
  file.patient.display_name = "bad \xFF byte";
  const auto document = nlohmann::json::parse(patient_file_to_json(file));
  EXPECT_EQ(document["patient"]["display_name"], "bad \uFFFD byte");
  EXPECT_TRUE(document["journal"].empty());
  EXPECT_TRUE(document["intakes"].empty());
}

}  // namespace
}  // namespace mn::codec
