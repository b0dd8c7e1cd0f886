#include "service/therapist_matching.hpp"

namespace mn::service {

core::GeoPoint directory_centre(const std::vector<store::DirectoryEntry>& directory) {
  core::GeoPoint centre;
  if (directory.empty()) return centre;
  for (const store::DirectoryEntry& entry : directory) {
    centre.latitude += entry.therapist.location.latitude;
    centre.longitude += entry.therapist.location.longitude;
  }
  const auto count = static_cast<double>(directory.size());
  return {centre.latitude / count, centre.longitude / count};
}

Result<TherapistRanking> rank_therapists(const core::KnowledgeBase& knowledge, store::Store& store,
                                         const store::Actor& actor, store::PatientId patient,
                                         core::MatchQuery query,
                                         std::optional<core::GeoPoint> origin) {
  auto latest = latest_assessment(knowledge, store, actor, patient);
  if (!latest) return latest.error();
  if (!*latest) {
    return Error{"not_found", "patient", "there is no assessment yet: the intake comes first"};
  }
  const std::optional<store::ClinicId> clinic = (*latest)->patient.clinic;
  if (!clinic) {
    return Error{"invalid", "clinic",
                 "the person belongs to no clinic, so there is no directory to search"};
  }
  auto directory = store.directory().therapists_of_clinic(*clinic);
  if (!directory) return directory.error();
  query.origin = origin.value_or(directory_centre(*directory));
  query.clinic = core::ClinicInvolvement::involved;
  std::vector<core::Therapist> therapists;
  therapists.reserve(directory->size());
  for (const store::DirectoryEntry& entry : *directory) therapists.push_back(entry.therapist);
  TherapistRanking ranking{std::move(**latest), std::move(*directory), {}};
  ranking.result = core::match_therapists(knowledge, ranking.latest.intake,
                                          ranking.latest.assessment, therapists, query);
  return ranking;
}

}  // namespace mn::service
