#include "cli/record_lookup.hpp"

#include "store/time_zone.hpp"

namespace mn::cli {

PatientRecords open_patient(Context& ctx, store::PatientId patient) {
  PatientRecords records;
  records.store = ctx.store();
  if (records.store == nullptr) {
    records.exit_code = ctx.failed();
    return records;
  }
  auto found = records.store->patient(ctx.actor(), patient);
  if (!found) {
    records.exit_code = ctx.fail(found.error());
    return records;
  }
  records.patient = std::move(*found);
  records.ok = true;
  return records;
}

Result<store::Seconds> read_time(const Context& ctx, const std::string& text,
                                 const store::Patient& patient, const std::string& option) {
  if (text.empty()) return ctx.clock.now();
  auto time = store::parse_local(text, patient.time_zone);
  if (!time) {
    return Error{"invalid", option,
                 "'" + text + "' is not a time in " + patient.time_zone +
                     "; write 2026-11-27T18:30 (local), 2026-11-27 (midday) or add Z / +01:00"};
  }
  return *time;
}

}  // namespace mn::cli
