#include "cli_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mn::testing {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

void CliTest::SetUp() {
  std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  dir_ = std::filesystem::temp_directory_path() /
         ("mn-cli-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::create_directories(dir_);
}

void CliTest::TearDown() { std::filesystem::remove_all(dir_); }

std::filesystem::path CliTest::write(const std::string& name, const std::string& text) {
  const auto path = dir_ / name;
  std::ofstream(path) << text;
  return path;
}

Outcome CliTest::run(const std::string& arguments, const std::string& input) {
  const auto in = write("stdin.txt", input);
  // HOME and XDG_* point into the scratch directory, so the default
  // database and config file are the test's own.
  const std::string command =
      "env -u MN_DATABASE -u MN_CONFIG -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME='" + dir_.string() +
      "' " + extra_environment_ + " '" + MN_BINARY + "' " + arguments + " < '" + in.string() +
      "' > '" + (dir_ / "out.txt").string() + "' 2> '" + (dir_ / "err.txt").string() + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir_ / "out.txt"),
          slurp(dir_ / "err.txt")};
}

}  // namespace mn::testing
