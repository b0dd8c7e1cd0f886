#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

// The server's access log: one JSON line per response. It names the route,
// never the query string, headers or body: those carry health data.
namespace mn::http {

struct AccessLogEntry {
  std::string_view remote;  // the client's address, without the port
  std::string_view method;  // empty when the request line could not be read
  std::string_view route;   // Response::log_route, or the path without the query
  int status = 0;
  std::size_t bytes = 0;                           // of the response body
  std::chrono::steady_clock::duration duration{};  // first byte of the request to response written
};

// {"time":"2026-11-27T23:59:59Z","remote":"127.0.0.1","method":"GET",
//  "route":"/x","status":200,"bytes":123,"ms":0.42} without the line break.
std::string format_access_log_line(const AccessLogEntry& entry,
                                   std::chrono::system_clock::time_point time);

// Writes whole lines to a stream shared by every thread of the server.
// Thread-safe. The stream must outlive the log; null means no log.
class AccessLog {
 public:
  explicit AccessLog(std::ostream* out) : out_(out) {}
  bool enabled() const { return out_ != nullptr; }
  void write(const AccessLogEntry& entry);

 private:
  std::ostream* out_;
  std::mutex mutex_;
};

}  // namespace mn::http
