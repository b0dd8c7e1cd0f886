#pragma once

#include <string>

#include "core/result.hpp"

namespace mn::cli {

// Reads a whole file, or standard input for "-". Inputs larger than
// `max_bytes` are refused rather than truncated.
Result<std::string> read_input(const std::string& path, std::size_t max_bytes);

// Writes `text` to `path` through a temporary file and a rename, so a
// failure never leaves a half-written file behind.
Result<bool> write_file_atomically(const std::string& path, const std::string& text);

}  // namespace mn::cli
