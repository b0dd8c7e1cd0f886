#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace mn::testing {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path);

// Runs the built massage-navigator as a user runs it, in a scratch directory
// of its own that is removed afterwards. `extra_environment` ("NAME=value
// ...", shell-quoted) goes before the command; the caller's environment is
// otherwise kept, except that the settings variables (MN_DATABASE,
// MN_CONFIG) are cleared so that a developer's own never leak in.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::filesystem::path write(const std::string& name, const std::string& text);

  // Runs the binary with `arguments` (already shell-quoted where needed).
  Outcome run(const std::string& arguments, const std::string& input = "");

  std::filesystem::path dir_;
  std::string extra_environment_;
};

}  // namespace mn::testing
