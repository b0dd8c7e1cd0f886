// SqlStore as Accounts: which clinic a person belongs to, and the shares of
// their records with therapists. Giving and revoking a share is audited on
// the person's trail; reading shares is not (access checks need them before
// any read, and they hold no health data).
#include <array>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"
#include "store/validation.hpp"

namespace mn::store {

using sql::Row;
using sql::Value;

namespace {

std::string share_record(PatientId patient, RecordId share) {
  return record_name("share/" + std::to_string(share), patient);
}

Error not_a_therapist(const std::string& why) { return Error{"invalid", "therapist", why}; }

}  // namespace

Result<std::optional<ClinicId>> SqlStore::clinic_of_patient(PatientId patient) {
  return read_only<std::optional<ClinicId>>([&] {
    const std::array<Value, 1> key{patient};
    const auto rows = connection_->query("SELECT clinic_id FROM patients WHERE id = $1", key);
    if (rows.empty()) throw Refusal{unknown_patient(patient)};
    return optional_integer(rows.front(), 0);
  });
}

Result<Share> SqlStore::share_with_therapist(const Actor& actor, PatientId patient,
                                             AccountId therapist, AccountId shared_by,
                                             Seconds expires_at) {
  const Seconds now = clock_.now();
  if (expires_at <= now) return Error{"invalid", "expires_at", "must be in the future"};
  return transact<Share>([&] {
    const std::array<Value, 1> key{patient};
    const auto rows = connection_->query("SELECT clinic_id FROM patients WHERE id = $1", key);
    if (rows.empty()) throw Refusal{unknown_patient(patient)};
    const std::optional<ClinicId> clinic = optional_integer(rows.front(), 0);
    const auto account = find_account(therapist);
    const std::string named = "account " + std::to_string(therapist);
    if (!account) throw Refusal{not_a_therapist(named + " does not exist")};
    if (!account->roles.has(Role::therapist)) {
      throw Refusal{not_a_therapist(named + " is not a therapist")};
    }
    if (account->disabled) throw Refusal{not_a_therapist(named + " is disabled")};
    if (!clinic || account->clinic != clinic) {
      throw Refusal{not_a_therapist(named + " does not belong to the person's clinic")};
    }
    if (!find_account(shared_by)) {
      throw Refusal{Error{"not_found", "shared_by",
                          "account " + std::to_string(shared_by) + " does not exist"}};
    }
    const std::array<Value, 5> row{patient, therapist, shared_by, now, expires_at};
    const RecordId id =
        connection_
            ->query(
                "INSERT INTO shares (patient_id, therapist_id, shared_by, created_at, expires_at) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                row)
            .at(0)
            .integer(0);
    audit(actor, "share", patient, share_record(patient, id));
    return Share{id, patient, therapist, shared_by, now, expires_at, std::nullopt};
  });
}

Result<bool> SqlStore::revoke_share(const Actor& actor, RecordId share, Seconds now) {
  return transact<bool>([&] {
    const std::array<Value, 2> row{share, now};
    const auto rows = connection_->query(
        "UPDATE shares SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL "
        "RETURNING patient_id",
        row);
    if (rows.empty()) {
      // Revoked before (the first time stands), or no such share.
      const std::array<Value, 1> key{share};
      if (connection_->query("SELECT 1 FROM shares WHERE id = $1", key).empty()) {
        throw Refusal{unknown("share", share)};
      }
      return false;
    }
    const PatientId patient = rows.front().integer(0);
    audit(actor, "revoke", patient, share_record(patient, share));
    return true;
  });
}

Result<std::optional<Share>> SqlStore::share(RecordId id) {
  return read_only<std::optional<Share>>([&]() -> std::optional<Share> {
    const std::array<Value, 1> key{id};
    const auto rows = connection_->query(
        "SELECT " + std::string(kShareColumns) + " FROM shares WHERE id = $1", key);
    if (rows.empty()) return std::nullopt;
    return share_from(rows.front());
  });
}

Result<std::vector<Share>> SqlStore::active_shares_for(AccountId therapist, Seconds now) {
  return read_only<std::vector<Share>>([&] {
    const std::array<Value, 2> key{therapist, now};
    std::vector<Share> shares;
    for (const Row& row :
         connection_->query("SELECT " + std::string(kShareColumns) +
                                " FROM shares WHERE therapist_id = $1 AND expires_at > $2 "
                                "AND revoked_at IS NULL ORDER BY id",
                            key)) {
      shares.push_back(share_from(row));
    }
    return shares;
  });
}

Result<std::vector<Share>> SqlStore::shares_of_patient(PatientId patient) {
  return read_only<std::vector<Share>>([&] {
    require_patient(patient);
    const std::array<Value, 1> key{patient};
    std::vector<Share> shares;
    for (const Row& row : connection_->query("SELECT " + std::string(kShareColumns) +
                                                 " FROM shares WHERE patient_id = $1 ORDER BY id",
                                             key)) {
      shares.push_back(share_from(row));
    }
    return shares;
  });
}

}  // namespace mn::store
