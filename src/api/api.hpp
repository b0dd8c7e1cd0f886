#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "api/call.hpp"
#include "http/message.hpp"
#include "http/server.hpp"

namespace mn::api {

// The JSON API over the server's threads: routes each request (router.hpp),
// signs the caller in (auth.hpp) and runs the handler. Owns one store per
// worker thread (the stores are not thread-safe); the knowledge base and
// clock must outlive it.
class Api {
 public:
  Api(const core::KnowledgeBase& knowledge, const store::Clock& clock, ApiSettings settings,
      std::vector<std::unique_ptr<store::Store>> worker_stores);

  // For http::Server; valid while this Api lives. ServerOptions.worker_threads
  // must equal the number of stores.
  http::Handlers handlers();
  std::size_t workers() const { return stores_.size(); }
  // For the web pages (src/web), which share the settings and the stores.
  const Shared& shared() const { return shared_; }
  store::Store& store(std::size_t worker) { return *stores_.at(worker); }

  // Added to every response, the server's own errors included.
  std::vector<http::Header> security_headers() const;

  // Public for tests: the two halves of handlers().
  std::optional<http::Response> on_io_thread(const http::Request& request) const;
  http::Response on_worker(const http::Request& request, std::size_t worker);

 private:
  Shared shared_;
  std::vector<std::unique_ptr<store::Store>> stores_;
};

}  // namespace mn::api
