#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "api/call.hpp"
#include "http/message.hpp"

namespace mn::api {

// Where a handler runs: `io` for fast work that touches no database (it
// runs on the server's I/O thread), `worker` for everything else.
enum class Runs : std::uint8_t { io, worker };

// Who may call a route before its handler's own per-record checks:
// `anyone`, or `signed_in` (a valid session or API token; cookie-signed
// writes must also carry the CSRF token).
enum class Needs : std::uint8_t { anyone, signed_in };

using RouteHandler = http::Response (*)(Call& call);

struct Route {
  std::string_view method;
  std::string_view pattern;  // "/api/v1/patients/{id}/journal"
  Runs runs;
  Needs needs;
  RouteHandler handler;
};

// Every route the server answers, in a fixed order (the OpenAPI test
// compares this list with the document).
std::span<const Route> routes();

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string_view, std::string_view>> params;  // views into the path
};

// Whether `path` fits `pattern` ("/a/{id}" fits "/a/7"); fills `params`
// with views into both.
bool match_pattern(std::string_view pattern, std::string_view path,
                   std::vector<std::pair<std::string_view, std::string_view>>& params);

// The route for this method and path, or nullopt; `allowed` (when not
// null) receives the methods the path has, for a 405's Allow header.
std::optional<Match> match_route(std::string_view method, std::string_view path,
                                 std::vector<std::string_view>* allowed);

}  // namespace mn::api
