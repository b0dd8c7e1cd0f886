#pragma once

#include <string>

#include "cli/context.hpp"

namespace mn::cli {

// The store and one person in it, or the exit code after printing why not.
struct PatientRecords {
  bool ok = false;
  int exit_code = kOk;
  store::Store* store = nullptr;
  store::Patient patient;
};
PatientRecords open_patient(Context& ctx, store::PatientId patient);

// A time typed for that person: empty = now; otherwise as
// store::parse_local reads it, in the person's time zone. The error names
// `option`.
Result<store::Seconds> read_time(const Context& ctx, const std::string& text,
                                 const store::Patient& patient, const std::string& option);

}  // namespace mn::cli
