#pragma once

#include <cstddef>
#include <optional>

#include "api/api.hpp"
#include "http/message.hpp"
#include "http/server.hpp"

namespace mn::web {

// The whole site: the web pages and their stylesheet, and the JSON API
// (/api/..., /healthz, /readyz) which it hands to `api`. Pages share the
// API's stores, sessions and access rules; `api` must outlive the Site.
class Site {
 public:
  explicit Site(api::Api& api);

  http::Handlers handlers();

  // Public for tests: the two halves of handlers().
  std::optional<http::Response> on_io_thread(const http::Request& request) const;
  http::Response on_worker(const http::Request& request, std::size_t worker);

 private:
  api::Api& api_;
};

// Whether the JSON API answers this path (the web pages answer the rest).
bool is_api_path(std::string_view path);

}  // namespace mn::web
