#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
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

// Accounts (see accounts.hpp for the rules).
std::optional<Error> check_display_name(const std::string& name, const std::string& where);
std::optional<Error> check_clinic_name(const std::string& name);
std::optional<Error> check_login(const std::string& login);
std::optional<Error> check_password_hash(const std::string& password_hash);
std::optional<Error> check_token_hash(const std::string& token_hash);
std::optional<Error> check_new_account(const NewAccount& account);
std::optional<Error> check_new_login_session(const NewLoginSession& session);
std::optional<Error> check_login_failure_key(const std::string& key);
std::optional<Error> check_new_invitation(const NewInvitation& invitation);

// The message of a refused identifier: "patient 12 does not exist".
Error unknown_patient(PatientId patient);
// The same for other kinds: unknown("clinic", 3) is "not_found", where
// "clinic", "clinic 3 does not exist".
Error unknown(const std::string& kind, std::int64_t id);

}  // namespace mn::store
