#include "codec/match_request.hpp"

#include <cmath>

#include "codec/api_json.hpp"
#include "codec/field_reader.hpp"

namespace mn::codec {

namespace {

using strict_json::FieldReader;
using strict_json::json;

constexpr std::string_view kNone[] = {""};
constexpr std::string_view kOptional[] = {"near", "radius_km", "budget", "session_minutes", "top"};
constexpr std::string_view kPoint[] = {"latitude", "longitude"};

// A number within [min, max], or a problem named by the member.
std::optional<double> bounded(FieldReader& fields, std::string_view name, double min, double max) {
  std::optional<double> value;
  fields.number(name, value);
  if (value && (*value < min || *value > max)) {
    fields.fail(name, "must be " + std::to_string(static_cast<std::int64_t>(min)) + ".." +
                          std::to_string(static_cast<std::int64_t>(max)));
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<MatchRequest> parse_match_request(std::string_view body) {
  const Result<json> document = strict_json::parse(body, kMaxBodyBytes, kMaxBodyDepth);
  if (!document) return document.error();
  FieldReader fields(*document, "");
  fields.expect_members(std::span<const std::string_view>(kNone, 0), kOptional);
  MatchRequest request;
  if (const json* near = fields.object_member("near")) {
    FieldReader point(*near, "near");
    point.expect_members(kPoint, std::span<const std::string_view>(kNone, 0));
    const auto latitude = bounded(point, "latitude", -90, 90);
    const auto longitude = bounded(point, "longitude", -180, 180);
    if (point.error()) return *point.error();
    request.near = core::GeoPoint{*latitude, *longitude};
  }
  if (const auto radius = bounded(fields, "radius_km", 1, 200)) {
    request.query.radius_km = *radius;
  }
  if (const auto budget = bounded(fields, "budget", 0, 100'000)) {
    request.query.budget_cents = static_cast<std::uint32_t>(std::lround(*budget * 100));
  }
  std::optional<int> minutes;
  fields.integer("session_minutes", 10, 240, minutes);
  if (minutes) request.query.session_minutes = static_cast<std::uint16_t>(*minutes);
  std::optional<int> top;
  fields.integer("top", 1, 100, top);
  if (top) request.query.top = static_cast<std::size_t>(*top);
  if (fields.error()) return *fields.error();
  return request;
}

}  // namespace mn::codec
