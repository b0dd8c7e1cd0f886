// therapist match: a person's clinic directory ranked for their assessment.
#include <charconv>
#include <cmath>
#include <ostream>

#include "cli/commands.hpp"
#include "codec/match_view.hpp"
#include "service/therapist_matching.hpp"

namespace mn::cli {

namespace {

// "45.52,-122.68" as latitude and longitude in degrees.
Result<core::GeoPoint> parse_point(const std::string& text) {
  const Error error{"invalid", "--near",
                    "must be latitude,longitude in degrees, such as 45.52,-122.68"};
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos) return error;
  core::GeoPoint point;
  const char* end = text.data() + text.size();
  const auto latitude = std::from_chars(text.data(), text.data() + comma, point.latitude);
  const auto longitude = std::from_chars(text.data() + comma + 1, end, point.longitude);
  if (latitude.ec != std::errc() || latitude.ptr != text.data() + comma ||
      longitude.ec != std::errc() || longitude.ptr != end || std::abs(point.latitude) > 90 ||
      std::abs(point.longitude) > 180) {
    return error;
  }
  return point;
}

}  // namespace

int therapist_match(Context& ctx, const TherapistMatchOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  std::optional<core::GeoPoint> origin;
  if (!options.near.empty()) {
    auto point = parse_point(options.near);
    if (!point) return ctx.fail(point.error());
    origin = *point;
  }
  core::MatchQuery query;
  query.radius_km = options.radius_km;
  if (options.budget) {
    if (!std::isfinite(*options.budget) || *options.budget < 0 || *options.budget > 100'000) {
      return ctx.fail(Error{"invalid", "--budget", "must be 0..100000"});
    }
    query.budget_cents = static_cast<std::uint32_t>(std::lround(*options.budget * 100));
  }
  query.session_minutes = static_cast<std::uint16_t>(options.minutes);
  query.top = options.top;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto ranking =
      service::rank_therapists(*knowledge, *store, ctx.actor(), options.patient, query, origin);
  if (!ranking) return ctx.fail(ranking.error());
  const codec::RankingView view =
      codec::make_ranking_view(*knowledge, ranking->directory, ranking->result);
  if (options.format == "json") {
    ctx.out << codec::ranking_to_json(view) << "\n";
  } else {
    if (!origin) ctx.out << "From the middle of the clinic's directory (give --near to change).\n";
    ctx.out << codec::ranking_to_text(view);
  }
  return kOk;
}

}  // namespace mn::cli
