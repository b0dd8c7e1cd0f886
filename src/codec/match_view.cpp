#include "codec/match_view.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace mn::codec {

namespace {

using core::MatchFactor;

// One or two decimals as needed: 3.25 -> "3.25", 3.2 -> "3.2", 3 -> "3".
std::string decimal(double value, int digits = 1) {
  char text[32];
  const auto written =
      std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, digits);
  std::string result(text, written.ptr);
  if (result.find('.') != std::string::npos) {
    while (result.back() == '0') result.pop_back();
    if (result.back() == '.') result.pop_back();
  }
  return result;
}

std::string money(double cents) {
  char text[32];
  const auto written =
      std::to_chars(text, text + sizeof text, cents / 100.0, std::chars_format::fixed, 2);
  return {text, written.ptr};
}

// What a factor's two values mean, in words (core/matching.hpp lists them).
std::string detail(const core::KnowledgeBase& knowledge, const core::Contribution& contribution) {
  const double a = contribution.values[0];
  const double b = contribution.values[1];
  const auto of = [&](std::string_view what) {
    return decimal(a, 0) + " of " + decimal(b, 0) + " " + std::string(what);
  };
  switch (contribution.factor) {
    case MatchFactor::style:
      return of("styles needed");
    case MatchFactor::training:
    case MatchFactor::precautions:
    case MatchFactor::techniques:
      if (contribution.outcome == core::FactorOutcome::not_needed) return "not asked for";
      if (contribution.factor == MatchFactor::training) {
        return std::popcount(static_cast<unsigned>(a)) > 0 ? "has fitting training"
                                                           : "no fitting training";
      }
      return of(contribution.factor == MatchFactor::techniques ? "techniques"
                                                               : "precautions covered");
    case MatchFactor::medical_input:
      return contribution.outcome == core::FactorOutcome::not_needed ? "not asked for"
             : contribution.outcome == core::FactorOutcome::met      ? "accepts it"
                                                                     : "does not";
    case MatchFactor::setting: {
      const auto setting = static_cast<std::size_t>(a);
      return setting < knowledge.matching.setting_labels.size()
                 ? knowledge.matching.setting_labels[setting]
                 : std::string();
    }
    case MatchFactor::distance:
      return decimal(a) + " km, within " + decimal(b, 0) + " km";
    case MatchFactor::price:
      return b > 0 ? money(a) + " against a budget of " + money(b) : money(a) + ", no budget given";
    case MatchFactor::availability:
      return "openings a week: " + decimal(a, 0) + ", the plan needs " + decimal(b, 1);
    case MatchFactor::reviews:
      return decimal(a, 2) + " after weighing " + decimal(b, 0) + " reviews";
    case MatchFactor::licence:
    case MatchFactor::board_certification:
      return contribution.outcome == core::FactorOutcome::met ? "on record" : "none on record";
    case MatchFactor::count:
      break;
  }
  return {};
}

nlohmann::json therapist_summary(const store::DirectoryEntry& entry) {
  return {{"id", entry.id}, {"code", entry.therapist.id}, {"name", entry.therapist.name}};
}

}  // namespace

std::string map_link(const core::GeoPoint& point) {
  const std::string lat = decimal(point.latitude, 5);
  const std::string lon = decimal(point.longitude, 5);
  return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=16/" + lat + "/" +
         lon;
}

RankingView make_ranking_view(const core::KnowledgeBase& knowledge,
                              std::span<const store::DirectoryEntry> entries,
                              const core::MatchResult& result) {
  const core::MatchingPolicy& policy = knowledge.matching;
  RankingView view;
  view.radius_km = result.radius_km;
  view.session_minutes = result.session_minutes;
  if (result.budget) view.budget = *result.budget / 100.0;
  view.candidates = result.candidates;
  for (std::uint32_t count : result.excluded_counts) view.excluded_total += count;
  view.matches.reserve(result.matches.size());
  for (const core::Match& match : result.matches) {
    MatchView shown;
    shown.entry = &entries[match.therapist];
    shown.score = match.score;
    shown.max_score = result.max_score;
    shown.distance_km = match.distance_km;
    shown.session_minutes = match.session_minutes;
    shown.price = match.price_cents / 100.0;
    shown.map_link = map_link(shown.entry->therapist.location);
    for (std::size_t t = 0; t < core::kTrainingCount; ++t) {
      if (shown.entry->therapist.training >> t & 1U) {
        shown.trainings.emplace_back(policy.training_labels[t]);
      }
    }
    for (const core::Contribution& contribution : match.contributions) {
      shown.factors.push_back({core::match_factor_name(contribution.factor),
                               policy.factors[static_cast<std::size_t>(contribution.factor)].label,
                               core::factor_outcome_name(contribution.outcome), contribution.points,
                               contribution.max_points, detail(knowledge, contribution)});
    }
    view.matches.push_back(std::move(shown));
  }
  view.excluded.reserve(result.excluded.size());
  for (const core::Exclusion& exclusion : result.excluded) {
    std::string text = policy.exclusion_texts[static_cast<std::size_t>(exclusion.reason)];
    if (exclusion.reason == core::ExclusionReason::precaution &&
        exclusion.precaution < policy.precautions.size()) {
      text = policy.precautions[exclusion.precaution].text;
    }
    view.excluded.push_back({&entries[exclusion.therapist],
                             core::exclusion_reason_name(exclusion.reason), std::move(text),
                             exclusion.distance_km});
  }
  return view;
}

std::string ranking_to_json(const RankingView& view) {
  nlohmann::json matches = nlohmann::json::array();
  for (const MatchView& match : view.matches) {
    const core::Therapist& t = match.entry->therapist;
    nlohmann::json factors = nlohmann::json::array();
    for (const FactorView& factor : match.factors) {
      factors.push_back({{"factor", factor.factor},
                         {"label", factor.label},
                         {"outcome", factor.outcome},
                         {"points", std::round(factor.points * 100) / 100},
                         {"max_points", factor.max_points},
                         {"detail", factor.detail}});
    }
    nlohmann::json therapist = therapist_summary(*match.entry);
    therapist["practice"] = t.practice;
    therapist["address"] = match.entry->address;
    therapist["location"] = {{"latitude", t.location.latitude},
                             {"longitude", t.location.longitude}};
    therapist["trainings"] = match.trainings;
    matches.push_back({{"therapist", std::move(therapist)},
                       {"score", std::round(match.score * 100) / 100},
                       {"max_score", match.max_score},
                       {"distance_km", std::round(match.distance_km * 10) / 10},
                       {"price", match.price},
                       {"session_minutes", match.session_minutes},
                       {"map", match.map_link},
                       {"factors", std::move(factors)}});
  }
  nlohmann::json excluded = nlohmann::json::array();
  for (const ExclusionView& exclusion : view.excluded) {
    excluded.push_back({{"therapist", therapist_summary(*exclusion.entry)},
                        {"reason", exclusion.reason},
                        {"text", exclusion.text},
                        {"distance_km", std::round(exclusion.distance_km * 10) / 10}});
  }
  nlohmann::json out{{"radius_km", view.radius_km},   {"session_minutes", view.session_minutes},
                     {"candidates", view.candidates}, {"excluded_total", view.excluded_total},
                     {"matches", std::move(matches)}, {"excluded", std::move(excluded)}};
  if (view.budget) out["budget"] = *view.budget;
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ranking_to_text(const RankingView& view) {
  std::string text = std::to_string(view.matches.size()) + " of " +
                     std::to_string(view.candidates) + " therapists within " +
                     decimal(view.radius_km, 0) + " km, for " +
                     std::to_string(view.session_minutes) + "-minute sessions";
  if (view.budget) text += " and a budget of " + money(*view.budget * 100);
  text += ".\n";
  int rank = 0;
  for (const MatchView& match : view.matches) {
    const core::Therapist& t = match.entry->therapist;
    text += "\n" + std::to_string(++rank) + ". " + t.name;
    if (!t.practice.empty()) text += ", " + t.practice;
    text += " (" + t.id + ")  score " + decimal(match.score) + " of " +
            decimal(match.max_score, 0) + "\n   " + match.entry->address + ", " +
            decimal(match.distance_km) + " km; " + money(match.price * 100) + " for " +
            std::to_string(match.session_minutes) + " minutes\n   " + match.map_link + "\n";
    for (const FactorView& factor : match.factors) {
      text += "   " + std::string(factor.label) + ": " + decimal(factor.points) + "/" +
              decimal(factor.max_points, 0) + " (" + factor.detail + ")\n";
    }
  }
  if (!view.excluded.empty()) text += "\nLeft out:\n";
  for (const ExclusionView& exclusion : view.excluded) {
    text += "   " + exclusion.entry->therapist.name + " (" + exclusion.entry->therapist.id +
            "): " + exclusion.text + "\n";
  }
  return text;
}

}  // namespace mn::codec
