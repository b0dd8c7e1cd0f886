#include "api/call.hpp"

#include "codec/api_json.hpp"

namespace mn::api {

std::string_view Call::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

http::Response json_response(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.set("Content-Type", "application/json");
  // Health data must not linger in shared or browser caches.
  response.set("Cache-Control", "no-store");
  return response;
}

http::Response error_response(int status, std::string_view code, std::string_view message,
                              std::string_view field) {
  return json_response(status, codec::error_to_json(Error{std::string(code), std::string(field),
                                                          std::string(message)}));
}

http::Response error_response(const Error& error) {
  // Codes of refused input vary by parser (invalid, out_of_range,
  // malformed_json, ...): all are the caller's to fix. Only the store's own
  // failures are the server's.
  int status = 400;
  if (error.code == "not_found") status = 404;
  if (error.code == "duplicate" || error.code == "conflict") status = 409;
  if (error.code == "busy") status = 503;
  if (error.code == "database" || error.code == "commit_unknown" ||
      error.code == "schema_too_new") {
    status = 500;
  }
  http::Response response = json_response(status, codec::error_to_json(error));
  if (status == 503) response.set("Retry-After", "1");
  return response;
}

}  // namespace mn::api
