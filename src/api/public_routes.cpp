// Routes that need no account: health checks, the API's description, the
// public knowledge and the anonymous assessment (nothing stored).
#include <chrono>

#include "api/handlers.hpp"
#include "api/openapi_document.hpp"
#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"

namespace mn::api {

http::Response healthz(Call& /*call*/) { return json_response(200, R"({"status":"ok"})"); }

http::Response readyz(Call& call) {
  // Ready when this worker's database answers a query, and not while the
  // server drains for shutdown (the load balancer should stop sending).
  auto answered = call.store->accounts().clinic(0);
  if (!answered) {
    return error_response(503, "not_ready",
                          "the database does not answer: " + answered.error().message);
  }
  return json_response(200, R"({"status":"ready"})");
}

http::Response openapi(Call& /*call*/) {
  http::Response response = json_response(200, std::string(openapi_document()));
  response.set("Cache-Control", "public, max-age=300");
  return response;
}

http::Response questionnaire(Call& call) {
  http::Response response = json_response(200, call.shared.questionnaire_json);
  response.set("Cache-Control", "public, max-age=300");
  return response;
}

http::Response guidance(Call& call) {
  http::Response response = json_response(200, call.shared.guidance_json);
  response.set("Cache-Control", "public, max-age=300");
  return response;
}

http::Response assess_anonymously(Call& call) {
  const core::KnowledgeBase& knowledge = call.shared.knowledge;
  auto intake = codec::parse_intake(knowledge, call.request.body);
  if (!intake) return error_response(intake.error());
  // Plan dates start from today in UTC; a stored intake uses the person's zone.
  const auto today = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{call.shared.clock.now()}});
  core::Assessment assessment = core::assess(knowledge, *intake, today);
  return json_response(200, codec::assessment_to_json(knowledge, *intake, assessment));
}

}  // namespace mn::api
