#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/knowledge_base.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "store/accounts.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"

namespace mn::api {

// Policy the API enforces; defaults follow the issue and OWASP's session
// guidance. Durations in seconds.
struct ApiSettings {
  bool behind_tls = false;  // Secure cookies and HSTS (TLS ends at a proxy in front)
  store::Seconds session_idle = store::Seconds{30} * 60;
  store::Seconds session_lifetime = store::Seconds{12} * 60 * 60;
  store::Seconds bearer_lifetime = store::Seconds{30} * 24 * 60 * 60;
  store::Seconds invitation_lifetime = store::Seconds{7} * 24 * 60 * 60;
  store::Seconds throttle_window = store::Seconds{15} * 60;
  std::size_t failures_per_account = 5;
  std::size_t failures_per_address = 20;
  // Reverse proxies whose X-Forwarded-For names the client (client_address.hpp).
  std::vector<std::string> trusted_proxies;
};

// What every thread shares; read-only while the server runs.
struct Shared {
  const core::KnowledgeBase& knowledge;
  const store::Clock& clock;
  ApiSettings settings;
  // The public knowledge, rendered once at start.
  std::string questionnaire_json;
  std::string guidance_json;
};

// One request on its way through a handler.
struct Call {
  const http::Request& request;
  const Shared& shared;
  store::Store* store = nullptr;  // the worker's own; null on an I/O thread
  std::vector<std::pair<std::string_view, std::string_view>> params;  // from the route pattern
  std::optional<store::LoginSession> session;                         // when signed in
  // "account:N" once signed in, "anonymous" before; its address is the
  // client's (client_address.hpp), also before sign-in.
  store::Actor actor;

  std::string_view param(std::string_view name) const;
  const store::Account& account() const { return session->account; }
  store::Accounts& accounts() const { return store->accounts(); }
};

// Responses.
http::Response json_response(int status, std::string body);
// {"error": {"code", "message", "field"}}; `field` empty = null.
http::Response error_response(int status, std::string_view code, std::string_view message,
                              std::string_view field = {});
// A store or codec Error with the status its code means: not_found 404,
// duplicate and conflict 409, busy 503 (with Retry-After), the database's
// own failures (database, commit_unknown, schema_too_new) 500, and every
// other code (refused input: invalid, invalid_json, out_of_range, ...) 400.
http::Response error_response(const Error& error);

}  // namespace mn::api
