// Makes an SQLite database of PEOPLE people (default 1,000,000), each with
// one intake, its assessment and its first plan, for timing `massage-navigator
// reassess` (bench/reassess_million.sh):
//
//   mn_make_reassess_db DATABASE.db [PEOPLE]
//
// The schema is the store's own (store::open_store migrates the new file);
// the rows are then written straight through the SQLite connection, 50,000
// people per transaction, because a million record_intake calls (one fsync
// each) would take hours. The columns are those src/store/sql_store.cpp
// writes. The audit trail is left empty: reassess does not read it.
//
// The intakes cycle through those of tests/cases/vignettes/*.json, so the
// engine sees varied people; each stored assessment (style, safety status,
// JSON) and plan is what the engine makes of that intake today, except that
// one person in a hundred has the other style stored, so that reassess has
// changes to report.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "codec/plan_json.hpp"
#include "core/assess.hpp"
#include "knowledge/loader.hpp"
#include "store/clock.hpp"
#include "store/open_store.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/time_zone.hpp"

namespace {

namespace core = mn::core;
namespace store = mn::store;
namespace sql = mn::store::sql;

constexpr std::int64_t kPeoplePerTransaction = 50'000;
// Which people get the other style stored: 1 in kChangedEvery.
constexpr std::int64_t kChangedEvery = 100;

// One distinct intake with what the engine makes of it.
struct Prepared {
  std::string intake_json;
  std::string style;
  std::string other_style;
  std::string safety_status;
  std::string assessment_json;
  std::string plan_json;
};

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "mn_make_reassess_db: %s\n", message.c_str());
  std::exit(1);
}

std::vector<Prepared> prepare(const core::KnowledgeBase& kb, core::Date today) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(MN_VIGNETTES_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Prepared> prepared;
  for (const auto& path : files) {
    std::ifstream stream(path);
    const nlohmann::json body = nlohmann::json::parse(stream);
    // Cases of refused intakes have no valid intake to store.
    if (!body.is_object() || !body.contains("intake") || body.contains("error")) continue;
    auto intake = mn::codec::parse_intake(kb, body["intake"].dump());
    if (!intake) continue;
    const core::Assessment assessment = core::assess(kb, *intake, today);
    const std::string style(core::style_name(assessment.recommendation.style));
    prepared.push_back(Prepared{
        // As the store keeps it (service/assessed_intake.cpp): the parsed intake written back.
        mn::codec::intake_to_json(*intake),
        style,
        style == "relaxation" ? "therapeutic" : "relaxation",
        std::string(core::safety_status_name(assessment.safety.status)),
        mn::codec::assessment_to_json(kb, *intake, assessment),
        mn::codec::plan_to_json(kb, assessment.plan),
    });
  }
  if (prepared.empty()) fail("no usable intake in " MN_VIGNETTES_DIR);
  return prepared;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s DATABASE.db [PEOPLE]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const std::int64_t people = argc == 3 ? std::atoll(argv[2]) : 1'000'000;
  if (people < 1) fail("PEOPLE must be a positive number");
  if (std::filesystem::exists(path)) fail(path + " exists; give the path of a new file");

  auto loaded = mn::knowledge::load_directory(MN_KNOWLEDGE_DIR);
  if (const auto* errors = std::get_if<mn::knowledge::LoadErrors>(&loaded)) {
    fail("cannot load " MN_KNOWLEDGE_DIR ":\n" + errors->describe());
  }
  const core::KnowledgeBase& kb = std::get<core::KnowledgeBase>(loaded);

  const store::SystemClock clock;
  const store::Seconds now = clock.now();
  // "Today" as reassess will see it, so that only the planted changes show.
  const std::vector<Prepared> intakes = prepare(kb, store::local_date(now, "UTC"));
  const store::Seconds recorded_at = now - 30 * 86400;

  {
    // Creates the file with the current schema; closed before the bulk load.
    auto created =
        store::open_store(store::DatabaseUrl{store::DatabaseUrl::Kind::sqlite, path}, clock);
    if (!created) fail(created.error().describe());
  }

  const auto start = std::chrono::steady_clock::now();
  try {
    auto db = sql::SqliteConnection::open(path);
    using sql::Value;
    for (std::int64_t first = 1; first <= people; first += kPeoplePerTransaction) {
      const std::int64_t last = std::min(people, first + kPeoplePerTransaction - 1);
      db->begin(sql::Durability::full);
      for (std::int64_t id = first; id <= last; ++id) {
        const Prepared& intake = intakes[static_cast<std::size_t>(id) % intakes.size()];
        // One id for the person and each of their rows: the file is new, so
        // ids run 1..PEOPLE in every table (AUTOINCREMENT's counter follows).
        const std::array<Value, 3> patient{id, "Person " + std::to_string(id), recorded_at};
        db->query(
            "INSERT INTO patients (id, display_name, time_zone, created_at) "
            "VALUES ($1, $2, 'UTC', $3)",
            patient);
        const std::array<Value, 3> intake_row{id, recorded_at, intake.intake_json};
        db->query(
            "INSERT INTO intakes (id, patient_id, version, recorded_at, intake_json) "
            "VALUES ($1, $1, 1, $2, $3)",
            intake_row);
        const std::array<Value, 6> assessment_row{
            id,
            recorded_at,
            kb.version,
            id % kChangedEvery == kChangedEvery / 2 ? intake.other_style : intake.style,
            intake.safety_status,
            intake.assessment_json};
        db->query(
            "INSERT INTO assessments (id, patient_id, intake_id, assessed_at, knowledge_version, "
            "style, safety_status, assessment_json) VALUES ($1, $1, $1, $2, $3, $4, $5, $6)",
            assessment_row);
        const std::array<Value, 3> plan_row{id, recorded_at, intake.plan_json};
        db->query(
            "INSERT INTO plans (id, patient_id, version, created_at, assessment_id, reason, "
            "plan_json) VALUES ($1, $1, 1, $2, $1, 'assessment', $3)",
            plan_row);
      }
      db->commit();
      std::fprintf(stderr, "\r%lld/%lld people", static_cast<long long>(last),
                   static_cast<long long>(people));
    }
    std::fprintf(stderr, "\n");
  } catch (const std::exception& error) {
    fail(error.what());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%lld people (%zu distinct intakes, 1 in %lld with another style stored) in %.1f s\n",
              static_cast<long long>(people), intakes.size(), static_cast<long long>(kChangedEvery),
              seconds);
  return 0;
}
