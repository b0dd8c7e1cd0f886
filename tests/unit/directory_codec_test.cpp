// The therapist directory as CSV and as API JSON, the entry checks both
// share, and the demo directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "codec/api_json.hpp"
#include "codec/csv.hpp"
#include "codec/directory_csv.hpp"
#include "codec/directory_json.hpp"
#include "codec/utc_time.hpp"
#include "demo/demo_directory.hpp"

namespace mn::codec {
namespace {

using core::Training;
using nlohmann::json;

void expect_same(const store::DirectoryEntry& read, const store::DirectoryEntry& written) {
  const core::Therapist& a = read.therapist;
  const core::Therapist& b = written.therapist;
  SCOPED_TRACE(b.id);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.practice, b.practice);
  EXPECT_EQ(a.licence, b.licence);
  EXPECT_EQ(a.board_certified, b.board_certified);
  EXPECT_EQ(a.training, b.training);
  EXPECT_EQ(a.styles, b.styles);
  EXPECT_EQ(a.accepts_medical_input, b.accepts_medical_input);
  EXPECT_EQ(a.setting, b.setting);
  EXPECT_EQ(a.location.latitude, b.location.latitude);
  EXPECT_EQ(a.location.longitude, b.location.longitude);
  ASSERT_EQ(a.price_count, b.price_count);
  for (std::size_t i = 0; i < a.price_count; ++i) {
    EXPECT_EQ(a.prices[i].minutes, b.prices[i].minutes);
    EXPECT_EQ(a.prices[i].cents, b.prices[i].cents);
  }
  EXPECT_EQ(a.openings_per_week, b.openings_per_week);
  EXPECT_EQ(a.review_count, b.review_count);
  EXPECT_EQ(a.rating, b.rating);
  EXPECT_EQ(read.address, written.address);
}

// ---- CSV ------------------------------------------------------------------------

std::string header() {
  std::string text;
  for (const std::string_view column : kDirectoryCsvColumns) {
    text += (text.empty() ? "" : ",") + std::string(column);
  }
  return text + "\n";
}

// The cells of a good row, by column.
std::map<std::string, std::string> good_cells(const std::string& id) {
  return {{"id", id},
          {"name", "Wren Halloway"},
          {"practice", "Cedar Lane Bodywork"},
          {"licence", "LR-MT-2213"},
          {"board_certified", "yes"},
          {"training", "myofascial_release|prenatal"},
          {"styles", "therapeutic|relaxation"},
          {"accepts_medical_input", "no"},
          {"setting", "calm"},
          {"latitude", "45.54567"},
          {"longitude", "-123.03196"},
          {"address", "12 Cedar Lane, Lonerock"},
          {"prices", "30=45|60=80.50"},
          {"openings_per_week", "3"},
          {"review_count", "142"},
          {"rating", "4.5"}};
}

// One row: the good cells of `id` with `changes`, quoted where needed.
std::string row(const std::string& id, const std::map<std::string, std::string>& changes = {}) {
  std::map<std::string, std::string> cells = good_cells(id);
  for (const auto& [column, value] : changes) cells[column] = value;
  std::string text;
  for (const std::string_view column : kDirectoryCsvColumns) {
    text += (text.empty() ? "" : ",") + csv_field(cells.at(std::string(column)));
  }
  return text + "\n";
}

std::vector<std::string> wheres(const DirectoryCsvRead& read) {
  std::vector<std::string> result;
  result.reserve(read.errors.size());
  for (const Error& error : read.errors) result.push_back(error.where);
  return result;
}

TEST(DirectoryCsv, DemoDirectoryReadsBackEqual) {
  const std::vector<store::DirectoryEntry> written = demo::demo_directory();
  const std::string text = directory_to_csv(written);
  EXPECT_TRUE(text.starts_with(header().substr(0, header().size() - 1) + "\r\n"));
  const DirectoryCsvRead read = read_directory_csv(text);
  ASSERT_TRUE(read.ok()) << read.errors.front().describe();
  ASSERT_EQ(read.entries.size(), written.size());
  ASSERT_EQ(read.lines.size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    EXPECT_EQ(read.lines[i], i + 2);
    expect_same(read.entries[i], written[i]);
    EXPECT_EQ(read.entries[i].id, 0);
    EXPECT_EQ(read.entries[i].account, std::nullopt);
  }
}

TEST(DirectoryCsv, TextsReadBackExactlyEvenWhenASpreadsheetWouldRunThem) {
  std::vector<store::DirectoryEntry> written = demo::demo_directory();
  written.resize(3);
  written[0].therapist.name = "=HYPERLINK(\"x\")";
  written[0].therapist.practice = "'Tis the Season Massage";
  written[1].therapist.name = "Marsh, \"Theo\"";
  written[1].therapist.licence = "";
  written[1].therapist.training = 0;
  written[2].address = "-1 Nowhere Street, Lonerock";
  written[2].therapist.rating = 4.25;
  written[2].therapist.location = {-0.000123, 179.999999};
  const std::string text = directory_to_csv(written);
  EXPECT_NE(text.find("\"'=HYPERLINK"), std::string::npos) << text;
  const DirectoryCsvRead read = read_directory_csv(text);
  ASSERT_TRUE(read.ok()) << read.errors.front().describe();
  ASSERT_EQ(read.entries.size(), 3U);
  for (std::size_t i = 0; i < written.size(); ++i) expect_same(read.entries[i], written[i]);
}

TEST(DirectoryCsv, CellsReadInEveryAcceptedForm) {
  const std::string text = header() +
                           row("a", {{"board_certified", " TRUE "},
                                     {"accepts_medical_input", "1"},
                                     {"training", ""},
                                     {"styles", "relaxation"},
                                     {"setting", "clinical"},
                                     {"prices", " 30 = 45 | 60=80.5|90=120.05 "},
                                     {"review_count", "0"},
                                     {"rating", "0"}}) +
                           row("b", {{"board_certified", "No"},
                                     {"accepts_medical_input", "false"},
                                     {"training", "lymphatic | medical_massage|oncology"},
                                     {"styles", "relaxation|therapeutic"},
                                     {"prices", "60=100"}});
  const DirectoryCsvRead read = read_directory_csv(text);
  ASSERT_TRUE(read.ok()) << read.errors.front().describe();
  ASSERT_EQ(read.entries.size(), 2U);
  const core::Therapist& a = read.entries[0].therapist;
  EXPECT_TRUE(a.board_certified);
  EXPECT_TRUE(a.accepts_medical_input);
  EXPECT_EQ(a.training, 0);
  EXPECT_EQ(a.styles, core::style_bit(core::Style::relaxation));
  EXPECT_EQ(a.setting, core::Setting::clinical);
  ASSERT_EQ(a.price_count, 3);
  EXPECT_EQ(a.prices[0].minutes, 30);
  EXPECT_EQ(a.prices[0].cents, 4500U);
  EXPECT_EQ(a.prices[1].cents, 8050U);
  EXPECT_EQ(a.prices[2].minutes, 90);
  EXPECT_EQ(a.prices[2].cents, 12005U);
  EXPECT_EQ(a.location.latitude, 45.54567);
  const core::Therapist& b = read.entries[1].therapist;
  EXPECT_FALSE(b.board_certified);
  EXPECT_FALSE(b.accepts_medical_input);
  EXPECT_EQ(b.training, core::training_bit(Training::lymphatic) |
                            core::training_bit(Training::medical_massage) |
                            core::training_bit(Training::oncology));
  EXPECT_EQ(b.styles,
            core::style_bit(core::Style::relaxation) | core::style_bit(core::Style::therapeutic));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{2, 3}));
}

TEST(DirectoryCsv, EveryBadCellOfEveryRowIsNamedAndNothingIsReturned) {
  const std::string text =
      header() + row("ok-1") +
      row("a", {{"board_certified", "maybe"}, {"rating", "high"}, {"setting", "noisy"}}) +
      row("b", {{"training", "reiki"}, {"styles", ""}, {"latitude", "north"}}) +
      row("c", {{"rating", "6"}}) + row("d", {{"name", ""}}) +
      row("e", {{"openings_per_week", "-1"}, {"review_count", "1.5"}, {"longitude", "nan"}}) +
      "f,too,few\n" + row("g", {{"styles", "therapeutic|therapeutic"}}) +
      row("h", {{"review_count", "0"}}) + row("i", {{"id", "has space"}}) +
      row("j", {{"accepts_medical_input", ""}}) + row("k", {{"latitude", "91"}}) + row("ok-2");
  const DirectoryCsvRead read = read_directory_csv(text);
  EXPECT_FALSE(read.ok());
  EXPECT_TRUE(read.entries.empty());
  EXPECT_TRUE(read.lines.empty());
  EXPECT_EQ(wheres(read), (std::vector<std::string>{
                              "line 3, column board_certified",
                              "line 3, column setting",
                              "line 3, column rating",
                              "line 4, column training",
                              "line 4, column styles",
                              "line 4, column latitude",
                              "line 5, column rating",
                              "line 6, column name",
                              "line 7, column longitude",
                              "line 7, column openings_per_week",
                              "line 7, column review_count",
                              "line 8",
                              "line 9, column styles",
                              "line 10, column rating",
                              "line 11, column id",
                              "line 12, column accepts_medical_input",
                              "line 13, column latitude",
                          }));
  for (const Error& error : read.errors) {
    EXPECT_EQ(error.code, error.where == "line 8" ? "wrong_column_count" : "invalid")
        << error.describe();
  }
  EXPECT_EQ(read.errors[0].message, "must be yes or no, not 'maybe'");
  EXPECT_NE(read.errors[3].message.find("'reiki'"), std::string::npos) << read.errors[3].message;
  EXPECT_EQ(read.errors[6].message, "must be 0..5");  // store::check_directory_entry's words
  EXPECT_EQ(read.errors[13].message, "must be 0 without reviews");
}

TEST(DirectoryCsv, PricesAreCentsWithAtMostTwoDecimalsShortestFirst) {
  struct Case {
    const char* cell;
    std::vector<std::uint32_t> cents;  // empty: refused
  };
  const Case cases[] = {
      {"60=80", {8000}},
      {"60=80.5", {8050}},
      {"60=80.05", {8005}},
      {"30=45|60=80|90=110|120=140", {4500, 8000, 11000, 14000}},
      {"60=80.505", {}},
      {"60=80.", {}},
      {"60=.5", {}},
      {"60=-5", {}},
      {"60=1e2", {}},
      {"60=80,50", {}},
      {"60", {}},
      {"=80", {}},
      {"60=80|", {}},
      {"30=45|60=80|90=110|120=140|150=160", {}},
      {"60=80|30=45", {}},  // not shortest first
      {"60=80|60=90", {}},  // the same length twice
      {"5=20", {}},         // sessions are 10..240 minutes
      {"60=0", {}},
      {"60=100000.01", {}},
      {"60=99999999999999999999", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cell);
    const DirectoryCsvRead read = read_directory_csv(header() + row("a", {{"prices", c.cell}}));
    if (c.cents.empty()) {
      ASSERT_EQ(read.errors.size(), 1U);
      EXPECT_EQ(read.errors[0].where, "line 2, column prices");
      continue;
    }
    ASSERT_TRUE(read.ok()) << read.errors.front().describe();
    const core::Therapist& therapist = read.entries.at(0).therapist;
    ASSERT_EQ(therapist.price_count, c.cents.size());
    for (std::size_t i = 0; i < c.cents.size(); ++i)
      EXPECT_EQ(therapist.prices[i].cents, c.cents[i]);
  }
}

TEST(DirectoryCsv, TheHeaderMustNameEveryColumnInOrder) {
  const auto first_error = [](const std::string& text) {
    const DirectoryCsvRead read = read_directory_csv(text);
    EXPECT_EQ(read.errors.size(), 1U);
    EXPECT_TRUE(read.entries.empty());
    return read.errors.empty() ? Error{} : read.errors.front();
  };
  std::string swapped = header();
  swapped.replace(swapped.find("name,practice"), 13, "practice,name");
  const Error wrong = first_error(swapped + row("a"));
  EXPECT_EQ(wrong.code, "bad_header");
  EXPECT_EQ(wrong.where, "line 1, column name");
  EXPECT_EQ(wrong.message, "expected the column name here, found 'practice'");

  const std::string full = header();
  const Error missing = first_error(full.substr(0, full.find(",rating")) + "\n" + row("a"));
  EXPECT_EQ(missing.where, "line 1, column rating");
  EXPECT_EQ(missing.message, "is missing: the header has 15 of the 16 columns");

  const Error extra = first_error(full.substr(0, full.size() - 1) + ",colour\n");
  EXPECT_EQ(extra.where, "line 1, column colour");

  const Error upper = first_error("ID" + full.substr(2));
  EXPECT_EQ(upper.where, "line 1, column id");

  EXPECT_EQ(first_error("").code, "bad_header");
  EXPECT_EQ(first_error("\"id,name\n").code, "malformed_csv");

  const DirectoryCsvRead only_header = read_directory_csv("\xEF\xBB\xBF" + header());
  EXPECT_TRUE(only_header.ok());
  EXPECT_TRUE(only_header.entries.empty());
}

TEST(DirectoryCsv, DuplicateIdsNameBothLines) {
  const DirectoryCsvRead read =
      read_directory_csv(header() + row("lr-001") + row("lr-002") + row("lr-001") + row("lr-002"));
  ASSERT_EQ(read.errors.size(), 2U);
  EXPECT_TRUE(read.entries.empty());
  EXPECT_EQ(read.errors[0].code, "duplicate");
  EXPECT_EQ(read.errors[0].where, "line 4, column id");
  EXPECT_EQ(read.errors[0].message, "the same id as line 2 ('lr-001')");
  EXPECT_EQ(read.errors[1].where, "line 5, column id");
  EXPECT_EQ(read.errors[1].message, "the same id as line 3 ('lr-002')");
}

TEST(DirectoryCsv, SizeAndRowLimits) {
  const DirectoryCsvRead large = read_directory_csv(std::string((std::size_t{4} << 20U) + 1, 'x'));
  ASSERT_EQ(large.errors.size(), 1U);
  EXPECT_EQ(large.errors[0].code, "too_large");

  std::string many = header();
  for (int r = 0; r < 10001; ++r) many += "x\n";
  const DirectoryCsvRead rows = read_directory_csv(many);
  ASSERT_EQ(rows.errors.size(), 1U);
  EXPECT_EQ(rows.errors[0].code, "too_many_rows");

  // Ten thousand bad rows: the report stops after a thousand problems.
  std::string bad = header();
  for (int r = 0; r < 10000; ++r) bad += "x\n";
  const DirectoryCsvRead capped = read_directory_csv(bad);
  ASSERT_EQ(capped.errors.size(), 1001U);
  EXPECT_EQ(capped.errors.back().code, "too_many_errors");
}

// ---- JSON -----------------------------------------------------------------------

std::vector<store::DirectoryEntry> stored_demo() {
  std::vector<store::DirectoryEntry> entries = demo::demo_directory();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].id = static_cast<store::RecordId>(i + 100);
    entries[i].clinic = 1;
    entries[i].updated_at = parse_utc("2026-11-27T12:00:00Z").value();
  }
  entries[0].account = 7;
  return entries;
}

TEST(DirectoryJson, WritesEveryMember) {
  const std::vector<store::DirectoryEntry> entries = stored_demo();
  const json first = json::parse(directory_entry_to_json(entries[0]));
  EXPECT_EQ(first["id"], 100);
  EXPECT_EQ(first["code"], "lr-001");
  EXPECT_EQ(first["name"], entries[0].therapist.name);
  EXPECT_EQ(first["licence"], entries[0].therapist.licence);
  EXPECT_EQ(first["board_certified"], true);
  EXPECT_EQ(first["training"],
            json::array({"medical_massage", "myofascial_release", "trigger_point_therapy"}));
  EXPECT_EQ(first["styles"], json::array({"therapeutic"}));
  EXPECT_EQ(first["setting"], "clinical");
  EXPECT_EQ(first["location"]["latitude"], entries[0].therapist.location.latitude);
  EXPECT_EQ(first["prices"][0], json({{"minutes", 30}, {"price", 52.25}}));
  EXPECT_EQ(first["prices"][1], json({{"minutes", 60}, {"price", 95}}));
  EXPECT_TRUE(first["prices"][1]["price"].is_number_integer());
  EXPECT_EQ(first["account"], 7);
  EXPECT_EQ(first["updated_at"], "2026-11-27T12:00:00Z");
  EXPECT_EQ(directory_entry_to_json(entries[0]).find('\n'), std::string::npos);

  // No licence on record and no account: both left out.
  const auto no_licence = std::find_if(entries.begin(), entries.end(), [](const auto& entry) {
    return entry.therapist.licence.empty();
  });
  ASSERT_NE(no_licence, entries.end());
  const json other = json::parse(directory_entry_to_json(*no_licence));
  EXPECT_FALSE(other.contains("licence"));
  EXPECT_FALSE(other.contains("account"));
  EXPECT_EQ(other["training"], json::array());

  const json all = json::parse(directory_to_json(entries));
  ASSERT_EQ(all["therapists"].size(), entries.size());
  EXPECT_EQ(all["therapists"][0], first);
}

// What a client sends back: the written JSON without the server's members.
std::string as_request(const std::vector<store::DirectoryEntry>& entries) {
  json document = json::parse(directory_to_json(entries));
  for (json& entry : document["therapists"]) {
    entry.erase("id");
    entry.erase("updated_at");
  }
  return document.dump();
}

TEST(DirectoryJson, ReadsBackWhatItWrites) {
  const std::vector<store::DirectoryEntry> written = stored_demo();
  const auto read = parse_directory_entries(as_request(written));
  ASSERT_TRUE(read.ok()) << read.error().describe();
  ASSERT_EQ(read->size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    expect_same((*read)[i], written[i]);
    EXPECT_EQ((*read)[i].account, written[i].account);
    EXPECT_EQ((*read)[i].id, 0);
  }
}

// A request of three good entries with `change` applied to the last.
std::string request_with(const std::function<void(json&)>& change) {
  std::vector<store::DirectoryEntry> entries = stored_demo();
  entries.resize(3);
  json document = json::parse(as_request(entries));
  change(document["therapists"][2]);
  return document.dump();
}

TEST(DirectoryJson, BadBodiesNameTheJsonPath) {
  struct Case {
    std::function<void(json&)> change;
    const char* where;
  };
  const std::vector<Case> cases{
      {[](json& e) { e.erase("code"); }, "therapists[2].code"},
      {[](json& e) { e["id"] = 3; }, "therapists[2].id"},
      {[](json& e) { e["updated_at"] = "2026-11-27T12:00:00Z"; }, "therapists[2].updated_at"},
      {[](json& e) { e["colour"] = "blue"; }, "therapists[2].colour"},
      {[](json& e) { e["code"] = "has space"; }, "therapists[2].code"},
      {[](json& e) { e["name"] = ""; }, "therapists[2].name"},
      {[](json& e) { e["name"] = 12; }, "therapists[2].name"},
      {[](json& e) { e["board_certified"] = "yes"; }, "therapists[2].board_certified"},
      {[](json& e) {
         e["training"] = json::array({"prenatal", "reiki"});
       },
       "therapists[2].training[1]"},
      {[](json& e) {
         e["training"] = json::array({"prenatal", "prenatal"});
       },
       "therapists[2].training[1]"},
      {[](json& e) { e["training"] = json::array({3}); }, "therapists[2].training[0]"},
      {[](json& e) { e["styles"] = json::array(); }, "therapists[2].styles"},
      {[](json& e) { e["styles"] = "therapeutic"; }, "therapists[2].styles"},
      {[](json& e) { e["setting"] = "noisy"; }, "therapists[2].setting"},
      {[](json& e) { e["location"]["latitude"] = 91; }, "therapists[2].location.latitude"},
      {[](json& e) { e["location"]["longitude"] = "east"; }, "therapists[2].location.longitude"},
      {[](json& e) { e["location"].erase("latitude"); }, "therapists[2].location.latitude"},
      {[](json& e) { e["address"] = ""; }, "therapists[2].address"},
      {[](json& e) { e["prices"] = json::array(); }, "therapists[2].prices"},
      {[](json& e) { e["prices"][1]["price"] = 80.505; }, "therapists[2].prices[1].price"},
      {[](json& e) { e["prices"][0]["price"] = -1; }, "therapists[2].prices[0].price"},
      {[](json& e) { e["prices"][0]["minutes"] = 30.5; }, "therapists[2].prices[0].minutes"},
      {[](json& e) { e["prices"][0]["minutes"] = 500; }, "therapists[2].prices"},
      {[](json& e) { std::swap(e["prices"][0], e["prices"][1]); }, "therapists[2].prices"},
      {[](json& e) { e["openings_per_week"] = 51; }, "therapists[2].openings_per_week"},
      {[](json& e) { e["review_count"] = -1; }, "therapists[2].review_count"},
      {[](json& e) { e["rating"] = 7; }, "therapists[2].rating"},
      {[](json& e) { e["account"] = "7"; }, "therapists[2].account"},
      {[](json& e) { e["account"] = 0; }, "therapists[2].account"},
  };
  for (const Case& c : cases) {
    const std::string body = request_with(c.change);
    SCOPED_TRACE(body);
    const auto read = parse_directory_entries(body);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "invalid");
    EXPECT_EQ(read.error().where, c.where) << read.error().describe();
  }
  EXPECT_TRUE(parse_directory_entries(request_with([](json&) {})).ok());
  EXPECT_EQ(parse_directory_entries(R"({"therapists": []})").error().where, "therapists");
  EXPECT_EQ(parse_directory_entries(R"({"therapists": {}})").error().where, "therapists");
  EXPECT_EQ(parse_directory_entries(R"({})").error().where, "therapists");
  EXPECT_EQ(parse_directory_entries(R"({"therapists": [1]})").error().where, "therapists[0]");
  EXPECT_EQ(parse_directory_entries("{\"therapists\": [").error().code, "invalid_json");
  EXPECT_EQ(parse_directory_entries(std::string(kMaxBodyBytes + 1, ' ')).error().code, "too_large");
}

// ---- The demo directory -----------------------------------------------------------

double kilometres_from_lonerock(const core::GeoPoint& point) {
  constexpr double kEarthRadius = 6371.0;
  constexpr double kRadians = 3.14159265358979323846 / 180;
  const double lat1 = 45.52 * kRadians;
  const double lat2 = point.latitude * kRadians;
  const double dlat = lat2 - lat1;
  const double dlon = (point.longitude + 122.68) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::sqrt(h));
}

TEST(DemoDirectory, ThirtyInventedPracticesAroundLonerock) {
  const std::vector<store::DirectoryEntry> entries = demo::demo_directory();
  EXPECT_EQ(entries.size(), 30U);
  std::set<std::string> codes;
  core::TrainingMask trainings = 0;
  std::set<bool> board;
  std::set<bool> medical_input;
  std::set<core::Setting> settings;
  std::set<std::uint16_t> lengths;
  for (const store::DirectoryEntry& entry : entries) {
    const core::Therapist& t = entry.therapist;
    SCOPED_TRACE(t.id);
    EXPECT_EQ(store::check_directory_entry(entry, "demo"), std::nullopt);
    EXPECT_TRUE(codes.insert(t.id).second);
    EXPECT_TRUE(
        t.id.size() == 6 && t.id.starts_with("lr-") &&
        std::all_of(t.id.begin() + 3, t.id.end(), [](char c) { return c >= '0' && c <= '9'; }));
    const double distance = kilometres_from_lonerock(t.location);
    EXPECT_GE(distance, 0.5);
    EXPECT_LE(distance, 40.0);
    // "12 Cedar Lane, Lonerock": a number, a street and an invented place.
    EXPECT_TRUE(entry.address.front() >= '1' && entry.address.front() <= '9') << entry.address;
    EXPECT_NE(entry.address.find(", "), std::string::npos) << entry.address;
    trainings = static_cast<core::TrainingMask>(trainings | t.training);
    board.insert(t.board_certified);
    medical_input.insert(t.accepts_medical_input);
    settings.insert(t.setting);
    for (std::size_t i = 0; i < t.price_count; ++i) {
      lengths.insert(t.prices[i].minutes);
      const double per_hour = t.prices[i].cents / 100.0 * 60 / t.prices[i].minutes;
      EXPECT_GE(per_hour, 45.0);
      EXPECT_LE(per_hour, 160.0);
    }
    EXPECT_LE(t.openings_per_week, 5);
    EXPECT_LE(t.review_count, 400U);
    if (t.review_count > 0) {
      EXPECT_GE(t.rating, 3.2);
      EXPECT_LE(t.rating, 5.0);
    }
    EXPECT_EQ(entry.id, 0);
    EXPECT_EQ(entry.account, std::nullopt);
  }
  EXPECT_EQ(entries.front().therapist.id, "lr-001");
  EXPECT_EQ(entries.back().therapist.id, "lr-030");
  EXPECT_EQ(trainings, (1U << core::kTrainingCount) - 1) << "all seven trainings";
  EXPECT_EQ(board.size(), 2U);
  EXPECT_EQ(medical_input.size(), 2U);
  EXPECT_EQ(settings.size(), 2U);
  EXPECT_EQ(lengths, (std::set<std::uint16_t>{30, 60, 90}));
}

}  // namespace
}  // namespace mn::codec
