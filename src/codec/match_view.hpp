#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/knowledge_base.hpp"
#include "core/matching.hpp"
#include "store/directory.hpp"

namespace mn::codec {

// A ranking with every text resolved: the API's JSON, the terminal and the
// web page render this, so they explain a match the same way.

struct FactorView {
  std::string_view factor;   // "distance"
  std::string_view label;    // "Distance" (matching.yaml)
  std::string_view outcome;  // met | partly_met | not_met | not_needed
  double points = 0;
  double max_points = 0;
  std::string detail;  // "3.2 km, within 25 km"
};

struct MatchView {
  const store::DirectoryEntry* entry = nullptr;
  double score = 0;
  double max_score = 0;
  double distance_km = 0;
  int session_minutes = 0;
  double price = 0;  // in the currency, for session_minutes
  std::string map_link;
  std::vector<std::string_view> trainings;  // their labels
  std::vector<FactorView> factors;
};

struct ExclusionView {
  const store::DirectoryEntry* entry = nullptr;
  std::string_view reason;  // out_of_radius, precaution, ...
  std::string text;         // why, from matching.yaml
  double distance_km = 0;
};

struct RankingView {
  double radius_km = 0;
  int session_minutes = 0;
  std::optional<double> budget;  // in the currency
  std::uint32_t candidates = 0;
  std::vector<MatchView> matches;
  std::vector<ExclusionView> excluded;
  std::uint32_t excluded_total = 0;  // beyond the radius too
};

// `entries` is the directory the ranking was made over (same order); the
// view points into it and into `knowledge`.
RankingView make_ranking_view(const core::KnowledgeBase& knowledge,
                              std::span<const store::DirectoryEntry> entries,
                              const core::MatchResult& result);

// {"radius_km", "session_minutes", "budget"?, "candidates", "excluded_total",
//  "matches": [{"therapist": {"id", "code", "name", "practice", "address",
//  "location", "trainings"}, "score", "max_score", "distance_km", "price",
//  "session_minutes", "map", "factors": [{"factor", "label", "outcome",
//  "points", "max_points", "detail"}]}], "excluded": [{"therapist": {"id",
//  "code", "name"}, "reason", "text", "distance_km"}]}. Compact.
std::string ranking_to_json(const RankingView& view);

// The ranking for a terminal: one block per match with its factors.
std::string ranking_to_text(const RankingView& view);

// An OpenStreetMap link to a point (no personal data: the practice's place).
std::string map_link(const core::GeoPoint& point);

}  // namespace mn::codec
