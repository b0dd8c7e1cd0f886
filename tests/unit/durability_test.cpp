// Kill -9 in the middle of a stream of journal writes, on both backends:
// every write the program reported as saved is there after a restart, and
// the database passes its own integrity check.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <set>
#include <string>
#include <vector>

#include "store_support.hpp"

namespace mn::testing {
namespace {

// Runs the writer with its standard output on a pipe.
struct Writer {
  pid_t pid = -1;
  int output = -1;
};

Writer start_writer(const std::string& url, store::PatientId patient, std::int64_t first_time) {
  std::array<int, 2> pipe_ends{};
  if (pipe(pipe_ends.data()) != 0) return {};
  const std::string patient_text = std::to_string(patient);
  const std::string time_text = std::to_string(first_time);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_ends[1], STDOUT_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    execl(MN_DURABILITY_WRITER, MN_DURABILITY_WRITER, url.c_str(), patient_text.c_str(),
          time_text.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_ends[1]);
  return Writer{pid, pipe_ends[0]};
}

// Reads "saved T" lines until `wanted` have arrived (or the pipe closes).
std::vector<std::int64_t> read_saved(int output, std::size_t wanted) {
  std::vector<std::int64_t> saved;
  std::string pending;
  std::array<char, 4096> buffer{};
  while (saved.size() < wanted) {
    const ssize_t got = read(output, buffer.data(), buffer.size());
    if (got <= 0) break;
    pending.append(buffer.data(), static_cast<std::size_t>(got));
    for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
      const std::string line = pending.substr(0, end);
      pending.erase(0, end + 1);
      if (line.rfind("saved ", 0) == 0) saved.push_back(std::stoll(line.substr(6)));
    }
  }
  return saved;
}

class DurabilityTest : public ::testing::TestWithParam<Backend> {};

TEST_P(DurabilityTest, EveryAcknowledgedWriteSurvivesKillNine) {
  TestDatabase database(GetParam());
  const store::SystemClock clock;
  store::PatientId patient = 0;
  {
    auto store = database.open(clock);
    ASSERT_NE(store, nullptr);
    auto added = store->add_patient({"test"}, {"Durable Person", "UTC"});
    ASSERT_TRUE(added.ok());
    patient = added->id;
  }
  const std::int64_t first_time = clock.now() - 1'000'000;
  Writer writer = start_writer(database.url(), patient, first_time);
  ASSERT_GT(writer.pid, 0);
  // Enough writes that the kill lands in the middle of the stream, with
  // writes in flight.
  const std::vector<std::int64_t> saved = read_saved(writer.output, 150);
  kill(writer.pid, SIGKILL);
  int status = 0;
  waitpid(writer.pid, &status, 0);
  close(writer.output);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself (status " << status << ")";
  ASSERT_EQ(saved.size(), 150U);

  auto store = database.open(clock);
  ASSERT_NE(store, nullptr);
  auto journal = store->journal({"test"}, patient);
  ASSERT_TRUE(journal.ok()) << journal.error().describe();
  std::set<std::int64_t> stored;
  for (const auto& record : *journal) {
    stored.insert(record.entry.time);
    ASSERT_EQ(record.entry.notes, "entry " + std::to_string(record.entry.time));
    ASSERT_EQ(record.entry.activities.size(), 1U);  // an entry is never half there
  }
  for (std::int64_t time : saved) EXPECT_TRUE(stored.contains(time)) << "lost write " << time;
  // At most the one write in flight is stored without having been reported.
  EXPECT_LE(stored.size(), saved.size() + 1);
  auto checked = store->integrity_check();
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(*checked, "ok");
}

INSTANTIATE_TEST_SUITE_P(Backends, DurabilityTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace mn::testing
