#include "http/access_log.hpp"

#include <array>
#include <charconv>
#include <ctime>

#include "http/protocol.hpp"

namespace mn::http {
namespace {

std::string format_time(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 32> text{};
  const std::size_t length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return {text.data(), length};
}

std::string format_milliseconds(std::chrono::steady_clock::duration duration) {
  const double milliseconds = std::chrono::duration<double, std::milli>(duration).count();
  std::array<char, 32> text{};
  const auto result = std::to_chars(text.data(), text.data() + text.size(), milliseconds,
                                    std::chars_format::fixed, 2);
  return {text.data(), result.ptr};
}

}  // namespace

std::string format_access_log_line(const AccessLogEntry& entry,
                                   std::chrono::system_clock::time_point time) {
  std::string line;
  line.reserve(160);
  line += R"({"time":")";
  line += format_time(time);
  line += R"(","remote":)";
  append_json_string(line, entry.remote);
  line += R"(,"method":)";
  append_json_string(line, entry.method);
  line += R"(,"route":)";
  append_json_string(line, entry.route);
  line += R"(,"status":)";
  line += std::to_string(entry.status);
  line += R"(,"bytes":)";
  line += std::to_string(entry.bytes);
  line += R"(,"ms":)";
  line += format_milliseconds(entry.duration);
  line += '}';
  return line;
}

void AccessLog::write(const AccessLogEntry& entry) {
  if (out_ == nullptr) return;
  std::string line = format_access_log_line(entry, std::chrono::system_clock::now());
  line += '\n';
  const std::lock_guard lock(mutex_);
  // Flushed line by line, so a crash loses no line and readers see whole ones.
  out_->write(line.data(), static_cast<std::streamsize>(line.size()));
  out_->flush();
}

}  // namespace mn::http
