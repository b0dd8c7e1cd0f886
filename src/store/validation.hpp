#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace mn::store {

// Input checks the store makes before it writes anything. Each returns the
// first problem, naming the field; nullopt when the input is acceptable.
// `now` is the store clock's time: records may not lie in the future.
std::optional<Error> check_new_patient(const NewPatient& patient);
std::optional<Error> check_new_session(const NewSession& session, Seconds now);
std::optional<Error> check_new_intake(const NewIntake& intake, Seconds now);
std::optional<Error> check_new_plan(const NewPlan& plan);
// Every entry, plus entries repeating the time of an earlier one in the batch.
std::optional<Error> check_journal_entries(std::span<const core::JournalEntry> entries,
                                           Seconds now);

// The message of a refused identifier: "patient 12 does not exist".
Error unknown_patient(PatientId patient);

}  // namespace mn::store
