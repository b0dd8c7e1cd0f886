#pragma once

#include <optional>
#include <vector>

#include "core/matching.hpp"
#include "service/latest_assessment.hpp"
#include "store/store.hpp"

namespace mn::service {

// A person's latest assessment matched against their clinic's directory.
struct TherapistRanking {
  LatestAssessment latest;
  std::vector<store::DirectoryEntry> directory;
  core::MatchResult result;
};

// Error "not_found" (where "patient") when the person has no assessment yet,
// "invalid" (where "clinic") when they belong to no clinic. Without an
// origin in `query` (nullopt), the search starts from the middle of the
// directory's practices. The reads are audited.
Result<TherapistRanking> rank_therapists(const core::KnowledgeBase& knowledge, store::Store& store,
                                         const store::Actor& actor, store::PatientId patient,
                                         core::MatchQuery query,
                                         std::optional<core::GeoPoint> origin);

// The middle of the directory's practices (the mean of their coordinates);
// {0, 0} for an empty directory.
core::GeoPoint directory_centre(const std::vector<store::DirectoryEntry>& directory);

}  // namespace mn::service
