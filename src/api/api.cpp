#include "api/api.hpp"

#include <utility>

#include "api/auth.hpp"
#include "api/client_address.hpp"
#include "api/router.hpp"
#include "codec/knowledge_json.hpp"

namespace mn::api {

namespace {

bool has_json_body(const http::Request& request) {
  auto type = request.header("Content-Type");
  if (!type) return false;
  std::string_view media = type->substr(0, type->find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return http::equal_ignoring_case(media, "application/json");
}

// 404 or 405 for a path no route answers; nullopt when one does.
std::optional<http::Response> unrouted(const http::Request& request,
                                       const std::optional<Match>& match,
                                       const std::vector<std::string_view>& allowed) {
  if (match) return std::nullopt;
  if (allowed.empty()) return error_response(404, "not_found", "no such route", "path");
  std::string methods;
  for (std::string_view method : allowed) {
    if (!methods.empty()) methods += ", ";
    methods += method;
  }
  http::Response response =
      error_response(405, "method_not_allowed", request.method + " is not one of " + methods);
  response.set("Allow", methods);
  return response;
}

// Request bodies of the API are JSON; anything else (a form a hostile page
// posts across sites, say) is refused before any handler sees it.
std::optional<http::Response> unacceptable_body(const http::Request& request) {
  if (request.body.empty() || has_json_body(request)) return std::nullopt;
  return error_response(415, "unsupported_media_type",
                        "the body must be JSON, with Content-Type: application/json",
                        "Content-Type");
}

}  // namespace

Api::Api(const core::KnowledgeBase& knowledge, const store::Clock& clock, ApiSettings settings,
         std::vector<std::unique_ptr<store::Store>> worker_stores)
    : shared_{knowledge, clock, std::move(settings), codec::questionnaire_to_json(knowledge),
              codec::guidance_to_json(knowledge)},
      stores_(std::move(worker_stores)) {}

http::Handlers Api::handlers() {
  return http::Handlers{[this](const http::Request& request) { return on_io_thread(request); },
                        [this](const http::Request& request, std::size_t worker) {
                          return on_worker(request, worker);
                        }};
}

std::vector<http::Header> Api::security_headers() const {
  std::vector<http::Header> headers{
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
  };
  if (shared_.settings.behind_tls) {
    headers.push_back({"Strict-Transport-Security", "max-age=31536000; includeSubDomains"});
  }
  return headers;
}

std::optional<http::Response> Api::on_io_thread(const http::Request& request) const {
  std::vector<std::string_view> allowed;
  std::optional<Match> match = match_route(request.method, request.path, &allowed);
  if (auto refused = unrouted(request, match, allowed)) return refused;
  if (match->route->runs != Runs::io) return std::nullopt;
  if (auto refused = unacceptable_body(request)) return refused;
  Call call{request,
            shared_,
            nullptr,
            std::move(match->params),
            std::nullopt,
            store::Actor{"anonymous", client_address(request, shared_.settings.trusted_proxies)}};
  http::Response response = match->route->handler(call);
  response.log_route = match->route->pattern;
  return response;
}

http::Response Api::on_worker(const http::Request& request, std::size_t worker) {
  std::vector<std::string_view> allowed;
  std::optional<Match> match = match_route(request.method, request.path, &allowed);
  if (auto refused = unrouted(request, match, allowed)) return *refused;
  const Route& route = *match->route;
  http::Response response = [&] {
    if (auto refused = unacceptable_body(request)) return *refused;
    Call call{request,
              shared_,
              stores_.at(worker).get(),
              std::move(match->params),
              std::nullopt,
              store::Actor{"anonymous", client_address(request, shared_.settings.trusted_proxies)}};
    if (route.needs == Needs::signed_in) {
      if (auto refused = authenticate(call, request.header(kCsrfHeader))) return *refused;
    }
    return route.handler(call);
  }();
  response.log_route = route.pattern;
  return response;
}

}  // namespace mn::api
