#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"

namespace mn::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests)
  std::size_t io_threads = 1;
  std::size_t worker_threads = 2;
  std::size_t body_limit = std::size_t{1024} * 1024;  // larger bodies are answered 413
  std::size_t header_limit = std::size_t{16} * 1024;  // request line and headers; larger: 431
  // From the first byte of a request to its last: a slower client is cut off (408).
  std::chrono::milliseconds read_timeout{10'000};
  // Keep-alive: how long a connection may wait for its next request.
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_timeout{10'000};
  // After stop(): how long in-flight requests may take before the server exits anyway.
  std::chrono::milliseconds drain_timeout{20'000};
  // Headers added to every response that lacks them, the server's own
  // error answers included (security headers).
  std::vector<Header> default_headers;
  bool stop_on_signals = false;        // SIGTERM and SIGINT call stop()
  std::ostream* access_log = nullptr;  // one JSON line per response; none when null
};

// What the server calls. Fast handlers run on an I/O thread and must not
// block; anything else goes to a worker thread, one request at a time per
// worker, so a worker may own a database connection.
struct Handlers {
  // Answers at once, or nullopt to hand the request to a worker.
  std::function<std::optional<Response>(const Request&)> on_io_thread;
  // worker: 0 .. worker_threads - 1.
  std::function<Response(const Request&, std::size_t worker)> on_worker;
};

// An HTTP/1.1 server over TCP. Malformed requests are answered 400,
// conflicting or duplicate Content-Length or Transfer-Encoding 400, bodies
// over the limit 413, headers over the limit 431, slow requests 408; each of
// these closes the connection. Handler exceptions become 500 (a bug).
class Server {
 public:
  Server(ServerOptions options, Handlers handlers);
  ~Server();  // stop() and wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens, starts the threads; returns the port bound.
  // Error "bind" when the address cannot be used.
  Result<std::uint16_t> start();
  // Graceful: stops accepting, lets in-flight requests finish (up to
  // drain_timeout), closes idle connections. Returns at once; thread-safe.
  void stop();
  // Blocks until every thread has finished (after stop()).
  void wait();
  bool draining() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mn::http
