// export, import, erase, audit.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/record_lookup.hpp"
#include "codec/fhir_bundle.hpp"
#include "codec/journal_csv.hpp"
#include "codec/journal_json.hpp"
#include "codec/utc_time.hpp"

namespace mn::cli {

namespace {

constexpr std::size_t kMaxImportBytes = std::size_t{10} * 1024 * 1024;

// The FHIR bundle of a person's records, for the therapist named in the
// options if any.
Result<std::string> fhir_export(const core::KnowledgeBase& knowledge,
                                const store::PatientFile& file, const ExportOptions& options) {
  codec::FhirOptions fhir;
  if (!options.therapist.empty()) {
    fhir.therapist = codec::FhirTherapist{options.therapist, options.therapist_licence,
                                          options.therapist_practice};
  }
  return codec::fhir_bundle(knowledge, file, fhir);
}

}  // namespace

int export_patient(Context& ctx, const ExportOptions& options) {
  const bool fhir = options.format == "fhir";
  if (!fhir && !options.therapist.empty()) {
    return ctx.fail(
        Error{"invalid", "--therapist", "only a FHIR export (--fhir) names a therapist"});
  }
  const core::KnowledgeBase* knowledge = fhir ? ctx.knowledge() : nullptr;
  if (fhir && knowledge == nullptr) return ctx.failed();
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto file = store->patient_file(ctx.actor(), options.patient);
  if (!file) return ctx.fail(file.error());
  std::string text;
  if (fhir) {
    auto bundle = fhir_export(*knowledge, *file, options);
    if (!bundle) return ctx.fail(bundle.error());
    text = std::move(*bundle);
  } else if (options.format == "csv") {
    std::vector<core::JournalEntry> entries;
    entries.reserve(file->journal.size());
    for (const auto& record : file->journal) entries.push_back(record.entry);
    text = codec::journal_to_csv(entries);
  } else {
    text = codec::patient_file_to_json(file.value());
  }
  if (options.output.empty()) {
    ctx.out << text;
    return kOk;
  }
  auto written = write_file_atomically(options.output, text);
  if (!written) return ctx.fail(written.error());
  ctx.err << "Wrote " << options.output << "\n";
  return kOk;
}

int import_journal(Context& ctx, const ImportOptions& options) {
  auto records = open_patient(ctx, options.patient);
  if (!records.ok) return records.exit_code;
  auto text = read_input(options.input, kMaxImportBytes);
  if (!text) return ctx.fail(text.error());
  const codec::JournalCsvRead read = codec::read_journal_csv(*text, ctx.clock.now());
  if (!read.ok()) {
    for (const Error& error : read.errors) {
      ctx.err << options.input << ": " << error.describe() << "\n";
    }
    ctx.err << "Nothing was imported: " << read.errors.size()
            << (read.errors.size() == 1 ? " problem" : " problems") << " to fix first.\n";
    return kBadInput;
  }
  auto saved = records.store->add_journal_entries(ctx.actor(), options.patient, read.entries);
  if (!saved) {
    const int code = ctx.fail(saved.error());
    ctx.err << "Nothing was imported.\n";
    return code;
  }
  ctx.out << "Imported " << saved->size() << " journal entries for patient " << options.patient
          << "\n";
  return kOk;
}

int erase_patient(Context& ctx, store::PatientId patient, bool confirmed) {
  auto records = open_patient(ctx, patient);
  if (!records.ok) return records.exit_code;
  if (!confirmed) {
    ctx.err << "This removes patient " << patient
            << " and every record about them for good. Repeat with --yes to do it.\n";
    return kBadInput;
  }
  auto erased = records.store->erase_patient(ctx.actor(), patient);
  if (!erased) return ctx.fail(erased.error());
  ctx.out << "Erased patient " << patient << ": " << erased->rows_removed
          << " records removed; the audit trail keeps only that an erasure happened.\n";
  return kOk;
}

int audit_show(Context& ctx, std::optional<store::PatientId> patient) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto trail = store->audit_trail(ctx.actor(), patient);
  if (!trail) return ctx.fail(trail.error());
  for (const store::AuditRecord& line : *trail) {
    ctx.out << codec::format_utc(line.at) << "  " << line.actor << "  " << line.action << "  "
            << line.record << "\n";
  }
  return kOk;
}

int database_check(Context& ctx) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto checked = store->integrity_check();
  if (!checked) return ctx.fail(checked.error());
  ctx.out << store->backend() << " database, schema version " << store->schema_version() << ": "
          << *checked << "\n";
  return *checked == "ok" ? kOk : kInternalError;
}

int database_purge(Context& ctx) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto purged = store->purge_deleted();
  if (!purged) return ctx.fail(purged.error());
  ctx.out << "Deleted data cleared from the " << store->backend() << " database's log.\n";
  return kOk;
}

}  // namespace mn::cli
