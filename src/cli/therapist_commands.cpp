// therapist list, add, import, remove: a clinic's therapist directory.
// (therapist match is in match_command.cpp.)
#include <ostream>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "codec/csv.hpp"
#include "codec/directory_csv.hpp"
#include "codec/directory_json.hpp"

namespace mn::cli {

namespace {

constexpr std::size_t kMaxDirectoryBytes = std::size_t{4} * 1024 * 1024;

// One line per entry: code, name, practice, styles, trainings, place.
void print_entry(std::ostream& out, const store::DirectoryEntry& entry) {
  const core::Therapist& t = entry.therapist;
  out << t.id << "\t" << t.name;
  if (!t.practice.empty()) out << " (" << t.practice << ")";
  out << "\t";
  std::string trainings;
  for (std::size_t i = 0; i < core::kTrainingCount; ++i) {
    if ((t.training >> i & 1U) == 0) continue;
    trainings += (trainings.empty() ? "" : ", ") + std::string(core::kTrainingNames[i]);
  }
  out << (trainings.empty() ? "no specialty training" : trainings) << "\t" << entry.address << "\n";
}

// Prints every error of a CSV read, then how many; nothing was written.
int refuse_rows(Context& ctx, const std::string& source, const std::vector<Error>& errors) {
  for (const Error& error : errors) ctx.err << source << ": " << error.describe() << "\n";
  ctx.err << "Nothing was written: " << errors.size()
          << (errors.size() == 1 ? " problem" : " problems") << " to fix first.\n";
  return kBadInput;
}

}  // namespace

int therapist_list(Context& ctx, const TherapistListOptions& options) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto entries = store->directory().therapists_of_clinic(options.clinic);
  if (!entries) return ctx.fail(entries.error());
  if (options.format == "csv") {
    ctx.out << codec::directory_to_csv(*entries);
  } else if (options.format == "json") {
    ctx.out << codec::directory_to_json(*entries) << "\n";
  } else {
    for (const store::DirectoryEntry& entry : *entries) print_entry(ctx.out, entry);
    ctx.out << entries->size() << (entries->size() == 1 ? " therapist" : " therapists")
            << " in the directory of clinic " << options.clinic << ".\n";
  }
  return kOk;
}

int therapist_import(Context& ctx, const TherapistImportOptions& options) {
  auto text = read_input(options.input, kMaxDirectoryBytes);
  if (!text) return ctx.fail(text.error());
  const codec::DirectoryCsvRead read = codec::read_directory_csv(*text);
  if (!read.ok()) return refuse_rows(ctx, options.input, read.errors);
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto stored =
      store->directory().put_therapists(ctx.actor(), options.clinic, read.entries, options.replace);
  if (!stored) {
    Error error = stored.error();
    // "therapists[3].id" -> the CSV line of entry 3.
    if (error.where.rfind("therapists[", 0) == 0) {
      const std::size_t index = std::stoul(error.where.substr(11));
      const std::size_t dot = error.where.find('.');
      if (index < read.lines.size()) {
        error.where = "line " + std::to_string(read.lines[index]) +
                      (dot == std::string::npos ? "" : ", column " + error.where.substr(dot + 1));
      }
    }
    return refuse_rows(ctx, options.input, {error});
  }
  ctx.out << "Imported " << stored->size() << (stored->size() == 1 ? " therapist" : " therapists")
          << " into the directory of clinic " << options.clinic << ".\n";
  return kOk;
}

int therapist_add(Context& ctx, const TherapistAddOptions& options) {
  // One CSV row made of the options, read by the same reader as an import:
  // one set of formats and checks, its errors renamed to the options.
  const std::vector<std::string> cells{options.id,
                                       options.name,
                                       options.practice,
                                       options.licence,
                                       options.board_certified ? "yes" : "no",
                                       options.training,
                                       options.styles,
                                       options.accepts_medical_input ? "yes" : "no",
                                       options.setting,
                                       options.latitude,
                                       options.longitude,
                                       options.address,
                                       options.prices,
                                       std::to_string(options.openings_per_week),
                                       std::to_string(options.review_count),
                                       options.rating};
  std::string csv;
  for (std::size_t i = 0; i < codec::kDirectoryCsvColumns.size(); ++i) {
    csv += (i == 0 ? "" : ",") + std::string(codec::kDirectoryCsvColumns[i]);
  }
  csv += "\n";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    csv += (i == 0 ? "" : ",") + codec::csv_field(cells[i]);
  }
  csv += "\n";
  const codec::DirectoryCsvRead read = codec::read_directory_csv(csv);
  if (!read.ok()) {
    Error error = read.errors.front();
    const std::size_t column = error.where.find("column ");
    std::string option = column == std::string::npos ? "" : "--" + error.where.substr(column + 7);
    for (char& c : option) {
      if (c == '_') c = '-';
    }
    error.where = option;
    return ctx.fail(error);
  }
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto stored = store->directory().put_therapists(ctx.actor(), options.clinic, read.entries, false);
  if (!stored) return ctx.fail(stored.error());
  ctx.out << "Added " << stored->front().therapist.id << " (" << stored->front().therapist.name
          << ") to the directory of clinic " << options.clinic << ".\n";
  return kOk;
}

int therapist_remove(Context& ctx, const TherapistRemoveOptions& options) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto entries = store->directory().therapists_of_clinic(options.clinic);
  if (!entries) return ctx.fail(entries.error());
  for (const store::DirectoryEntry& entry : *entries) {
    if (entry.therapist.id != options.id) continue;
    auto removed = store->directory().remove_therapist(ctx.actor(), entry.id);
    if (!removed) return ctx.fail(removed.error());
    ctx.out << "Removed " << options.id << " from the directory of clinic " << options.clinic
            << ".\n";
    return kOk;
  }
  return ctx.fail(Error{
      "not_found", "id",
      "'" + options.id + "' is not in the directory of clinic " + std::to_string(options.clinic)});
}

}  // namespace mn::cli
