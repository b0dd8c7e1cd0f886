#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/therapist.hpp"
#include "store/accounts.hpp"
#include "store/records.hpp"

namespace mn::store {

// A clinic's directory of local massage therapists and practices: who they
// are, their credentials and training, where, at what price and how often
// they can see someone new (docs/directory.md). Not health data: any
// signed-in member of the clinic may read it; clinicians and admins keep it.
struct DirectoryEntry {
  RecordId id = 0;  // the store's; therapist.id is the directory's own code
  ClinicId clinic = 0;
  core::Therapist therapist;
  std::string address;
  // The therapist's account in this clinic, when they have one: handoffs can
  // then be shared with them from the directory.
  std::optional<AccountId> account;
  Seconds updated_at = 0;
};

// Same conventions as Store: validated input (errors name the field, as
// "therapists[2].rating"), one transaction per write, every change in the
// audit trail.
class Directory {
 public:
  virtual ~Directory() = default;
  Directory() = default;
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;

  // Adds the entries to the clinic's directory, all or none. An entry whose
  // code (therapist.id) is already in the directory replaces it when
  // `replace` is true, else the whole write is refused ("duplicate", where
  // "therapists[i].id"). The linked account must be a therapist of the
  // clinic. Returns the entries as stored, in the order given.
  virtual Result<std::vector<DirectoryEntry>> put_therapists(
      const Actor& actor, ClinicId clinic, const std::vector<DirectoryEntry>& entries,
      bool replace) = 0;
  // In code order; "not_found" for an unknown clinic.
  virtual Result<std::vector<DirectoryEntry>> therapists_of_clinic(ClinicId clinic) = 0;
  virtual Result<std::optional<DirectoryEntry>> therapist_entry(RecordId id) = 0;
  // "not_found" when there is no such entry.
  virtual Result<bool> remove_therapist(const Actor& actor, RecordId id) = 0;
};

// The checks put_therapists applies to one entry (`where` prefixes the
// field: "therapists[2]"); shared with the CSV and JSON readers so their
// errors read the same.
std::optional<Error> check_directory_entry(const DirectoryEntry& entry, const std::string& where);

}  // namespace mn::store
