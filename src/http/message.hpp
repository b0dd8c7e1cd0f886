#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mn::http {

struct Header {
  std::string name;
  std::string value;
};

// A request as the server received it: a complete, well-formed HTTP/1.1
// message within the limits (see ServerOptions). The adapter's own types,
// so nothing outside src/http/server.cpp depends on the HTTP library.
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the target before '?', still percent-encoded
  std::string query;   // after '?', without it; may be empty
  std::vector<Header> headers;
  std::string body;
  std::string remote_address;  // "127.0.0.1", "::1"

  // The first header of that name (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<Header> headers;  // Content-Length and Date are added by the server
  std::string body;
  bool close = false;     // close the connection after this response
  std::string log_route;  // what the access log shows instead of the path ("/api/v1/patients/{id}")

  Response& set(std::string name, std::string value);  // replaces a header of that name
  std::optional<std::string_view> header(std::string_view name) const;
};

bool equal_ignoring_case(std::string_view a, std::string_view b);

}  // namespace mn::http
