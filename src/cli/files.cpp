#include "cli/files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace mn::cli {

Result<std::string> read_input(const std::string& path, std::size_t max_bytes) {
  std::ifstream file;
  std::istream* stream = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Error{"unreadable", path, "cannot open the file"};
    stream = &file;
  }
  std::string text;
  char buffer[65536];
  while (*stream) {
    stream->read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(stream->gcount()));
    if (text.size() > max_bytes) {
      return Error{"too_large", path, "larger than " + std::to_string(max_bytes) + " bytes"};
    }
  }
  if (stream->bad()) return Error{"unreadable", path, "read failed"};
  return text;
}

Result<bool> write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) return Error{"unwritable", path, "cannot write the file"};
    file << text;
    file.flush();
    if (!file) {
      std::remove(temporary.c_str());
      return Error{"unwritable", path, "write failed"};
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    return Error{"unwritable", path, error.message()};
  }
  return true;
}

}  // namespace mn::cli
