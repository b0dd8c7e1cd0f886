// The clinic's therapist directory, kept by its clinicians and admins: the
// list, a CSV import (all rows or none, every bad row named) and removal.
#include "api/access.hpp"
#include "codec/directory_csv.hpp"
#include "web/pages.hpp"

namespace mn::web {

namespace {

constexpr std::size_t kMaxImportBytes = std::size_t{1024} * 1024;

bool keeps_directory(const Visit& visit) {
  return (visit.has_role(store::Role::clinician) || visit.has_role(store::Role::admin)) &&
         visit.call.account().clinic.has_value();
}

http::Response directory_view(Visit& visit, int status, const std::vector<std::string>& problems,
                              std::string_view notice) {
  const store::ClinicId clinic = *visit.call.account().clinic;
  auto entries = visit.call.store->directory().therapists_of_clinic(clinic);
  if (!entries) return error_page(visit, 500, "The directory could not be read. Please try again.");
  Page page(visit, "directory.html", "Therapist directory");
  Values& values = page.values();
  values.set("CSRF", visit.csrf_token()).set("COUNT", static_cast<std::int64_t>(entries->size()));
  if (!notice.empty()) values.add("NOTICE").set("TEXT", notice);
  if (!problems.empty()) {
    Values shown = values.add("PROBLEMS");
    for (const std::string& problem : problems) shown.add("PROBLEM").set("TEXT", problem);
    values.set("CSV", visit.form.get("csv"));
  }
  values.show_if(entries->empty(), "EMPTY");
  for (const store::DirectoryEntry& entry : *entries) {
    const core::Therapist& t = entry.therapist;
    std::string trainings;
    for (std::size_t i = 0; i < core::kTrainingCount; ++i) {
      if ((t.training >> i & 1U) == 0) continue;
      trainings +=
          (trainings.empty() ? "" : ", ") + visit.call.shared.knowledge.matching.training_labels[i];
    }
    values.add("ENTRY")
        .set("ID", entry.id)
        .set("CODE", t.id)
        .set("NAME", t.name)
        .set("PRACTICE", t.practice)
        .set("ADDRESS", entry.address)
        .set("TRAININGS", trainings.empty() ? "none listed" : trainings)
        .set("OPENINGS", t.openings_per_week)
        .set("LINKED", entry.account ? "yes" : "no");
  }
  return page.respond(status);
}

}  // namespace

http::Response directory_page(Visit& visit) {
  if (!keeps_directory(visit)) {
    return error_page(visit, 403, "The directory is kept by the clinic's clinicians and admins.");
  }
  const std::string imported = query_parameter(visit.call.request, "imported");
  return directory_view(visit, 200, {},
                        imported.empty() ? "" : "Imported " + imported + " therapists.");
}

http::Response import_directory(Visit& visit) {
  if (!keeps_directory(visit)) {
    return error_page(visit, 403, "The directory is kept by the clinic's clinicians and admins.");
  }
  const std::string_view csv = visit.form.get("csv");
  if (csv.size() > kMaxImportBytes) {
    return directory_view(visit, 413, {"The CSV is larger than 1 MB: import it in parts."}, "");
  }
  const codec::DirectoryCsvRead read = codec::read_directory_csv(csv);
  if (!read.ok()) {
    std::vector<std::string> problems;
    problems.reserve(read.errors.size());
    for (const Error& error : read.errors) problems.push_back(error.describe());
    return directory_view(visit, 422, problems, "");
  }
  auto stored = visit.call.store->directory().put_therapists(
      visit.call.actor, *visit.call.account().clinic, read.entries,
      visit.form.get("replace") == "yes");
  if (!stored) {
    if (is_server_failure(stored.error())) {
      return error_page(visit, 500, "The directory was not changed. Please try again.");
    }
    return directory_view(visit, 422, {stored.error().describe()}, "");
  }
  return redirect("/clinic/therapists?imported=" + std::to_string(stored->size()));
}

http::Response remove_directory_entry(Visit& visit) {
  if (!keeps_directory(visit)) {
    return error_page(visit, 403, "The directory is kept by the clinic's clinicians and admins.");
  }
  const auto id = api::parse_id(visit.call.param("id"));
  auto entry = id ? visit.call.store->directory().therapist_entry(*id)
                  : Result<std::optional<store::DirectoryEntry>>(std::nullopt);
  if (!entry) return error_page(visit, 500, "The directory could not be read. Please try again.");
  if (!*entry || (*entry)->clinic != visit.call.account().clinic) {
    return error_page(visit, 404, "There is no such therapist in your clinic's directory.");
  }
  auto removed = visit.call.store->directory().remove_therapist(visit.call.actor, (*entry)->id);
  if (!removed) return error_page(visit, 500, "The therapist was not removed. Please try again.");
  return redirect("/clinic/therapists");
}

}  // namespace mn::web
