#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mn::cli {

// Exit codes of every command.
enum ExitCode : int { kOk = 0, kInternalError = 1, kBadInput = 2 };

// Runs the command line with the given arguments (argv without the program
// name), reading from `in` and writing to `out` and `err`. Never throws.
int run(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace mn::cli
