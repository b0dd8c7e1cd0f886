#pragma once

#include <optional>
#include <string_view>

#include "core/matching.hpp"
#include "core/result.hpp"

namespace mn::codec {

// POST /api/v1/patients/{id}/matches: where to search from and the limits.
// In the body rather than the URL: a person's whereabouts are theirs.
struct MatchRequest {
  std::optional<core::GeoPoint> near;  // absent: the middle of the directory
  core::MatchQuery query;              // radius, budget, session length, top
};

// {"near"?: {"latitude", "longitude"}, "radius_km"?: 1..200, "budget"?:
// 0..100000 (per session, in the currency), "session_minutes"?: 10..240,
// "top"?: 1..100}; "{}" asks with every default. Errors as api_json.hpp.
Result<MatchRequest> parse_match_request(std::string_view body);

}  // namespace mn::codec
