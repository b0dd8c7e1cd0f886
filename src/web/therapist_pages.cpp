// Finding a therapist: a person's clinic directory ranked for their
// assessment, with the reasons, a map link and filters; sharing the brief
// with a therapist who has an account. The person's own (/therapists) or,
// for a clinician, one of the clinic's people
// (/clinic/patients/{id}/therapists). Where to search from is posted, never
// put in the URL: a person's whereabouts are theirs.
#include <charconv>
#include <cmath>

#include "api/access.hpp"
#include "codec/match_view.hpp"
#include "service/therapist_matching.hpp"
#include "web/pages.hpp"
#include "web/patient_grant.hpp"

namespace mn::web {

namespace {

constexpr int kDefaultShareDays = 30;

std::string base_path(Visit& visit) {
  const std::string_view id = visit.call.param("id");
  return id.empty() ? "/therapists" : "/clinic/patients/" + std::string(id) + "/therapists";
}

// A number typed in the filter form, or an error naming the input.
std::optional<double> number_input(const Visit& visit, std::string_view name, double min,
                                   double max, std::vector<InputError>& errors,
                                   std::string_view label) {
  const std::string_view text = visit.form.get(name);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto read = std::from_chars(text.data(), text.data() + text.size(), value);
  if (read.ec != std::errc() || read.ptr != text.data() + text.size() || value < min ||
      value > max) {
    errors.push_back({std::string(name), std::string(label),
                      "must be a number from " + std::to_string(static_cast<std::int64_t>(min)) +
                          " to " + std::to_string(static_cast<std::int64_t>(max))});
    return std::nullopt;
  }
  return value;
}

struct Filters {
  std::optional<core::GeoPoint> near;
  core::MatchQuery query;
  std::vector<InputError> errors;
};

Filters read_filters(const Visit& visit) {
  Filters filters;
  filters.query.top = 10;
  auto& errors = filters.errors;
  const auto latitude = number_input(visit, "latitude", -90, 90, errors, "Latitude");
  const auto longitude = number_input(visit, "longitude", -180, 180, errors, "Longitude");
  if (latitude.has_value() != longitude.has_value() && errors.empty()) {
    errors.push_back({latitude ? "longitude" : "latitude", latitude ? "Longitude" : "Latitude",
                      "give both latitude and longitude, or neither"});
  }
  if (latitude && longitude) filters.near = core::GeoPoint{*latitude, *longitude};
  if (const auto radius = number_input(visit, "radius", 1, 200, errors, "Within (km)")) {
    filters.query.radius_km = *radius;
  }
  if (const auto budget = number_input(visit, "budget", 0, 100'000, errors, "Budget")) {
    filters.query.budget_cents = static_cast<std::uint32_t>(std::lround(*budget * 100));
  }
  if (const auto minutes = number_input(visit, "minutes", 10, 240, errors, "Session length")) {
    filters.query.session_minutes = static_cast<std::uint16_t>(*minutes);
  }
  return filters;
}

// What was typed into the filters, kept in the form.
void show_filters(const Visit& visit, Values& values) {
  values.set("LATITUDE", visit.form.get("latitude"))
      .set("LONGITUDE", visit.form.get("longitude"))
      .set("RADIUS_INPUT", visit.form.get("radius"))
      .set("BUDGET", visit.form.get("budget"))
      .set("MINUTES_INPUT", visit.form.get("minutes"));
}

std::string one_decimal(double value) {
  char text[32];
  const auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 1);
  return {text, written.ptr};
}

void show_match(const codec::MatchView& match, bool can_share, Values& values) {
  const core::Therapist& therapist = match.entry->therapist;
  Values shown = values.add("MATCH");
  shown.set("ENTRY", match.entry->id)
      .set("NAME", therapist.name)
      .set("PRACTICE", therapist.practice)
      .set("ADDRESS", match.entry->address)
      .set("DISTANCE", one_decimal(match.distance_km))
      .set("PRICE", one_decimal(match.price))
      .set("MINUTES", match.session_minutes)
      .set("SCORE", std::lround(match.score))
      .set("MAX_SCORE", std::lround(match.max_score))
      .set("MAP", match.map_link);
  std::string trainings;
  for (std::string_view label : match.trainings) {
    trainings += (trainings.empty() ? "" : ", ") + std::string(label);
  }
  if (!trainings.empty()) shown.add("TRAININGS").set("TEXT", trainings);
  for (const codec::FactorView& factor : match.factors) {
    shown.add("FACTOR")
        .set("LABEL", factor.label)
        .set("POINTS", std::lround(factor.points))
        .set("MAX", std::lround(factor.max_points))
        .set("DETAIL", factor.detail);
  }
  if (can_share && match.entry->account) shown.add("SHARE").set("ENTRY", match.entry->id);
}

http::Response ranking_page(Visit& visit, const Filters& filters) {
  GrantedPatient granted = granted_patient(visit);
  if (!granted.id) return *granted.refusal;
  const bool own = visit.call.param("id").empty();
  const int status = filters.errors.empty() ? 200 : 422;
  Page page(visit, "therapists.html", "Find a therapist");
  Values& values = page.values();
  values.set("ACTION", base_path(visit)).set("CSRF", visit.csrf_token());
  show_filters(visit, values);
  show_input_errors(filters.errors, values);
  if (query_parameter(visit.call.request, "shared") == "1") {
    values.add("SHARED").set(
        "BRIEF",
        own ? "/handoff" : "/clinic/patients/" + std::string(visit.call.param("id")) + "/handoff");
  }
  auto ranking =
      service::rank_therapists(visit.call.shared.knowledge, *visit.call.store, visit.call.actor,
                               *granted.id, filters.query, filters.near);
  if (!ranking) {
    if (is_server_failure(ranking.error())) {
      return error_page(visit, 500, "The directory could not be searched. Please try again.");
    }
    values.add("PROBLEM").set("TEXT", ranking.error().message);
    return page.respond(status);
  }
  values.set("HEADING",
             own ? "Find a therapist" : "Therapists for " + ranking->latest.patient.display_name);
  const codec::RankingView view =
      codec::make_ranking_view(visit.call.shared.knowledge, ranking->directory, ranking->result);
  values.set("RADIUS", std::lround(view.radius_km))
      .set("SESSION_MINUTES", view.session_minutes)
      .set("CANDIDATES", view.candidates)
      .set("FROM", filters.near ? "the place you gave" : "the middle of the clinic's directory");
  values.show_if(view.matches.empty(), "NO_MATCHES");
  const bool can_share = visit.signed_in();
  for (const codec::MatchView& match : view.matches) show_match(match, can_share, values);
  for (const codec::ExclusionView& exclusion : view.excluded) {
    values.add("EXCLUDED").set("NAME", exclusion.entry->therapist.name).set("TEXT", exclusion.text);
  }
  return page.respond(status);
}

}  // namespace

http::Response therapists_page(Visit& visit) { return ranking_page(visit, Filters{}); }

http::Response search_therapists(Visit& visit) { return ranking_page(visit, read_filters(visit)); }

http::Response share_with_therapist(Visit& visit) {
  GrantedPatient granted = granted_patient(visit);
  if (!granted.id) return *granted.refusal;
  // The whole field is the id: "12abc" is not entry 12.
  const std::optional<std::int64_t> id = api::parse_id(visit.form.get("entry"));
  if (!id) return error_page(visit, 400, "Choose a therapist to share with.");
  auto entry = visit.call.store->directory().therapist_entry(*id);
  if (!entry) return error_page(visit, 500, "The directory could not be read. Please try again.");
  auto clinic = visit.call.accounts().clinic_of_patient(*granted.id);
  if (!clinic) return error_page(visit, 500, "The record could not be read. Please try again.");
  if (!*entry || (*entry)->clinic != *clinic || !(*entry)->account) {
    return error_page(visit, 404, "This therapist cannot receive a brief here.");
  }
  const store::Seconds now = visit.call.shared.clock.now();
  auto share = visit.call.accounts().share_with_therapist(
      visit.call.actor, *granted.id, *(*entry)->account, visit.call.account().id,
      now + store::Seconds{kDefaultShareDays} * 24 * 60 * 60);
  if (!share) {
    if (is_server_failure(share.error())) {
      return error_page(visit, 500, "The brief was not shared. Please try again.");
    }
    return error_page(visit, 400, share.error().message);
  }
  return redirect(base_path(visit) + "?shared=1");
}

}  // namespace mn::web
