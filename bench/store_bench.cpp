// Benchmarks of the store through its public interface (store::Store), on
// SQLite (a fresh file in a temporary directory, with the store's own
// settings: WAL and synchronous=FULL) and on PostgreSQL (the server named by
// MN_BENCH_POSTGRES_URL; skipped when it is unset):
//
//   BM_JournalWriteOneByOne   one durable journal entry per transaction
//   BM_JournalWriteBatched    100 entries per add_journal_entries call
//   BM_DiskSync               the disk's floor: write 4 KiB and fdatasync
//   BM_ProgressFiveYears      what `massage-navigator progress` does for a
//                             person with five years of daily entries: one
//                             Store::course read, then the computing
//
// Wall-clock time throughout (UseRealTime): a commit spends its time waiting
// for the disk or the server, which CPU time would leave out.

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "bench_journal.hpp"
#include "bench_knowledge.hpp"
#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "codec/plan_json.hpp"
#include "codec/progress_json.hpp"
#include "core/adaptation.hpp"
#include "core/assess.hpp"
#include "core/date.hpp"
#include "core/journal.hpp"
#include "core/progress.hpp"
#include "store/clock.hpp"
#include "store/open_store.hpp"
#include "store/store.hpp"
#include "store/time_zone.hpp"
#include "temporary_directory.hpp"

namespace {

namespace core = mn::core;
namespace store = mn::store;
using mn::bench::daily_entry;

enum class Backend : std::uint8_t { sqlite, postgresql };

// The limits, so that each run prints its own ratio to them.
constexpr double kWritesPerSecondLimit = 2000;
constexpr double kProgressSecondsLimit = 0.010;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::size_t kBatch = 100;

const store::Actor kActor{"bench:store"};

using mn::bench::knowledge;

std::int64_t seconds_of(core::Date date) {
  return std::chrono::sys_seconds{date}.time_since_epoch().count();
}

using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// A store that cleans up after itself: the SQLite file's directory is
// removed when it goes. The clock is the caller's and must outlive it.
class BenchStore {
 public:
  static mn::Result<std::unique_ptr<BenchStore>> open(Backend backend, const store::Clock& clock) {
    auto opened = std::unique_ptr<BenchStore>(new BenchStore);
    store::DatabaseUrl url;
    if (backend == Backend::sqlite) {
      // The system's temporary directory: the same disk as the project here;
      // its fsync cost is what these figures measure.
      opened->directory_.emplace("mn-store-bench");
      if (opened->directory_->empty()) {
        return mn::Error{"io", "", "cannot create a temporary directory"};
      }
      url = store::DatabaseUrl{store::DatabaseUrl::Kind::sqlite,
                               (opened->directory_->path() / "bench.db").string()};
    } else {
      const char* postgres = std::getenv("MN_BENCH_POSTGRES_URL");
      if (postgres == nullptr || *postgres == '\0') {
        return mn::Error{"skipped", "", "MN_BENCH_POSTGRES_URL not set"};
      }
      url = store::DatabaseUrl{store::DatabaseUrl::Kind::postgresql, postgres};
    }
    auto store = store::open_store(url, clock);
    if (!store) return store.error();
    opened->store_ = std::move(*store);
    return opened;
  }

  BenchStore(const BenchStore&) = delete;
  BenchStore& operator=(const BenchStore&) = delete;

  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  BenchStore() = default;
  // For SQLite. Declared first, so gone last: the database closes before
  // its file goes.
  std::optional<mn::bench::TemporaryDirectory> directory_;
  std::unique_ptr<store::Store> store_;
};

// ---- Journal writes ------------------------------------------------------------

// Entry times count up a minute at a time from 2000-01-01 and the store's
// clock stands in 2030, so no entry is refused as a duplicate or as lying in
// the future however many iterations run (a million is under two years).
const std::int64_t kWriteBase = seconds_of(core::Date{std::chrono::year{2000} / 1 / 1});
const std::int64_t kWriteNow = seconds_of(core::Date{std::chrono::year{2030} / 1 / 1});
constexpr int kWriteDays = 3650;  // the improvement's span in daily_entry

core::JournalEntry write_entry(std::int64_t index) {
  return daily_entry(kWriteBase + index * 60, static_cast<int>((index / 1440) % kWriteDays),
                     kWriteDays);
}

// Writes `per_call` entries per add_journal_entries call for one new person;
// each call is one durable transaction (with its audit line).
void journal_writes(benchmark::State& state, Backend backend, std::size_t per_call) {
  store::FixedClock clock(kWriteNow);
  auto opened = BenchStore::open(backend, clock);
  if (!opened) {
    state.SkipWithError(opened.error().describe().c_str());
    return;
  }
  const std::unique_ptr<BenchStore> holder = std::move(*opened);
  store::Store& db = **holder;
  const auto patient = db.add_patient(kActor, store::NewPatient{"Bench Writer", "UTC"});
  if (!patient) {
    state.SkipWithError(patient.error().describe().c_str());
    return;
  }
  std::int64_t next = 0;
  std::vector<core::JournalEntry> entries(per_call);
  const auto start = SteadyClock::now();
  for (auto _ : state) {
    // Building the entries is timed too: a caller has to.
    for (auto& entry : entries) entry = write_entry(next++);
    auto ids = db.add_journal_entries(kActor, patient->id, entries);
    if (!ids) {
      state.SkipWithError(ids.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(ids);
  }
  const double elapsed = seconds_since(start);
  const auto written = static_cast<double>(state.iterations()) * static_cast<double>(per_call);
  state.SetItemsProcessed(static_cast<std::int64_t>(written));
  // Entries per second over the 2,000: 1 or more meets it.
  state.counters["x_limit"] = elapsed > 0 ? written / elapsed / kWritesPerSecondLimit : 0;
  state.SetLabel(std::string(backend == Backend::sqlite ? "sqlite" : "postgresql") + ", " +
                 std::to_string(per_call) + " per transaction");
}

void BM_JournalWriteOneByOne(benchmark::State& state, Backend backend) {
  journal_writes(state, backend, 1);
}

void BM_JournalWriteBatched(benchmark::State& state, Backend backend) {
  journal_writes(state, backend, kBatch);
}

// ---- progress over five years ------------------------------------------------------

// A person with five years of daily entries (1,826), a session every 15 days
// (122) and the plan of bench/typical_intake.json assessed six weeks before
// "now", stored once per backend and process (building it takes seconds) and
// read by every run.
class FiveYearPerson {
 public:
  static constexpr int kDays = 5 * 365 + 1;

  // Null (with the reason in `why`) when the backend is unavailable.
  static FiveYearPerson* get(Backend backend, std::string& why) {
    // Kept until the process exits, when the SQLite directory is removed.
    static std::unique_ptr<FiveYearPerson> people[2];
    static std::string problems[2];
    const auto slot = static_cast<std::size_t>(backend);
    if (!people[slot] && problems[slot].empty()) {
      auto person = std::unique_ptr<FiveYearPerson>(new FiveYearPerson);
      if (auto problem = person->build(backend)) {
        problems[slot] = problem->describe();
      } else {
        people[slot] = std::move(person);
      }
    }
    why = problems[slot];
    return people[slot].get();
  }

  store::Store& db() { return **store_; }
  store::PatientId patient() const { return patient_; }
  store::Seconds now() const { return clock_.now(); }

 private:
  FiveYearPerson() : clock_(start_ + kDays * kSecondsPerDay) {}

  std::optional<mn::Error> build(Backend backend) {
    auto opened = BenchStore::open(backend, clock_);
    if (!opened) return opened.error();
    store_ = std::move(*opened);
    store::Store& store = db();
    const auto patient = store.add_patient(kActor, store::NewPatient{"Five Years", "UTC"});
    if (!patient) return patient.error();
    patient_ = patient->id;

    std::ifstream file(MN_BENCH_DIR "/typical_intake.json");
    std::stringstream text;
    text << file.rdbuf();
    const core::KnowledgeBase& kb = knowledge();
    auto intake = mn::codec::parse_intake(kb, text.str());
    if (!intake) return intake.error();
    const core::Date assessed_on =
        core::Date{std::chrono::days{(now() - 42 * kSecondsPerDay) / kSecondsPerDay}};
    const core::Assessment assessment = core::assess(kb, *intake, assessed_on);
    auto recorded = store.record_intake(
        kActor, patient_,
        store::NewIntake{mn::codec::intake_to_json(*intake), kb.version,
                         std::string(core::style_name(assessment.recommendation.style)),
                         std::string(core::safety_status_name(assessment.safety.status)),
                         mn::codec::assessment_to_json(kb, *intake, assessment),
                         mn::codec::plan_to_json(kb, assessment.plan), seconds_of(assessed_on)});
    if (!recorded) return recorded.error();

    std::vector<core::JournalEntry> entries;
    for (int day = 0; day < kDays; ++day) {
      entries.push_back(daily_entry(start_ + day * kSecondsPerDay + 8 * 3600, day, kDays));
      if (day % 15 == 3) {
        auto session =
            store.log_session(kActor, patient_,
                              store::NewSession{start_ + day * kSecondsPerDay + 17 * 3600,
                                                core::Style::therapeutic, 60, "Bench Clinic", 3});
        if (!session) return session.error();
      }
    }
    auto written = store.add_journal_entries(kActor, patient_, entries);
    if (!written) return written.error();
    return std::nullopt;
  }

  const std::int64_t start_ = seconds_of(core::Date{std::chrono::year{2021} / 11 / 27});
  store::FixedClock clock_;
  std::unique_ptr<BenchStore> store_;
  store::PatientId patient_ = 0;
};

// As src/cli/progress_commands.cpp: the person (open_patient), then review()
// (journal, sessions, current plan; summarize; the stored plan read back;
// adapt) and the JSON printed by `progress --format json`. Each store read
// also writes its audit line, durably: part of the real cost.
void BM_ProgressFiveYears(benchmark::State& state, Backend backend) {
  std::string why;
  FiveYearPerson* person = FiveYearPerson::get(backend, why);
  if (person == nullptr) {
    state.SkipWithError(why.c_str());
    return;
  }
  const core::KnowledgeBase& kb = knowledge();
  store::Store& db = person->db();
  const store::PatientId id = person->patient();
  const store::Seconds now = person->now();
  // Seconds summed over the iterations: the store's read of the course (one
  // transaction with its audit commit), and the whole.
  double read_seconds = 0;
  double total_seconds = 0;
  std::size_t entry_count = 0;
  std::size_t session_count = 0;
  for (auto _ : state) {
    const auto start = SteadyClock::now();
    auto course = db.course(kActor, id);
    const auto after_read = SteadyClock::now();
    if (!course || !course->plan) {
      state.SkipWithError("the store read failed");
      break;
    }
    std::vector<core::JournalEntry> entries;
    entries.reserve(course->journal.size());
    for (auto& record : course->journal) entries.push_back(std::move(record.entry));
    std::vector<core::CompletedSession> completed;
    completed.reserve(course->sessions.size());
    for (const auto& session : course->sessions) {
      completed.push_back(core::CompletedSession{session.time, session.style,
                                                 static_cast<std::uint16_t>(session.minutes),
                                                 static_cast<std::uint8_t>(session.pressure)});
    }
    const core::Progress progress = core::summarize_progress(kb, entries, completed, now);
    auto plan = mn::codec::plan_from_json(kb, course->plan->plan_json);
    if (!plan) {
      state.SkipWithError(plan.error().describe().c_str());
      break;
    }
    const core::Adaptation adaptation =
        core::adapt_plan(kb, *plan, progress, store::local_date(now, course->patient.time_zone));
    std::string json = mn::codec::progress_to_json(kb, progress, &adaptation);
    benchmark::DoNotOptimize(json);
    const auto end = SteadyClock::now();
    using Seconds = std::chrono::duration<double>;
    read_seconds += Seconds(after_read - start).count();
    total_seconds += Seconds(end - start).count();
    entry_count = entries.size();
    session_count = completed.size();
  }
  using benchmark::Counter;
  // Milliseconds per iteration: the read (with its one audit commit) and
  // the computing after it.
  const auto per_iteration_ms = [](double seconds) {
    return Counter(seconds * 1e3, Counter::kAvgIterations);
  };
  state.counters["read_ms"] = per_iteration_ms(read_seconds);
  state.counters["compute_ms"] = per_iteration_ms(total_seconds - read_seconds);
  // The whole against the 10 ms: 1 or less meets it.
  state.counters["x_limit"] =
      Counter(total_seconds / kProgressSecondsLimit, Counter::kAvgIterations);
  state.SetLabel(std::string(backend == Backend::sqlite ? "sqlite" : "postgresql") + ", " +
                 std::to_string(entry_count) + " entries, " + std::to_string(session_count) +
                 " sessions");
}

// ---- The disk's floor --------------------------------------------------------------

// The least any durable commit on this disk costs: 4 KiB written over the
// same place in a file and fdatasync, as SQLite's WAL commit ends with. The
// peer of the SQLite figures above, measured in the same run.
void BM_DiskSync(benchmark::State& state) {
  const mn::bench::TemporaryDirectory directory("mn-sync-bench");
  if (directory.empty()) {
    state.SkipWithError("cannot create a temporary directory");
    return;
  }
  const std::string path = (directory.path() / "sync").string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    state.SkipWithError("cannot create a file in the temporary directory");
    return;
  }
  const std::vector<char> page(4096, 'x');
  for (auto _ : state) {
    if (::pwrite(fd, page.data(), page.size(), 0) != static_cast<ssize_t>(page.size()) ||
        ::fdatasync(fd) != 0) {
      state.SkipWithError("write or fdatasync failed");
      break;
    }
  }
  ::close(fd);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(BM_JournalWriteOneByOne, sqlite, Backend::sqlite)->UseRealTime();
BENCHMARK_CAPTURE(BM_JournalWriteOneByOne, postgresql, Backend::postgresql)->UseRealTime();
BENCHMARK_CAPTURE(BM_JournalWriteBatched, sqlite, Backend::sqlite)->UseRealTime();
BENCHMARK_CAPTURE(BM_JournalWriteBatched, postgresql, Backend::postgresql)->UseRealTime();
BENCHMARK(BM_DiskSync)->UseRealTime();
BENCHMARK_CAPTURE(BM_ProgressFiveYears, sqlite, Backend::sqlite)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ProgressFiveYears, postgresql, Backend::postgresql)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
