#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "codec/utc_time.hpp"
#include "store/store.hpp"
#include "store_support.hpp"

namespace mn::testing {

// What the API's hashing produces, in shape: the store takes only argon2id
// strings and never checks them further.
inline constexpr const char* kHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
inline constexpr const char* kOtherHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$b3RoZXI";
inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;

// A token hash as the API writes it: 64 lowercase hex digits.
inline std::string token_hash(char digit) { return std::string(64, digit); }

inline store::Roles roles_of(store::Role role) { return store::Roles{}.add(role); }

// A store on either backend with a clinic ("North") and its admin, who is
// also a clinician, for the Accounts suites.
class AccountsTest : public ::testing::TestWithParam<Backend> {
 protected:
  AccountsTest()
      : database_(GetParam()), clock_(codec::parse_utc("2026-11-27T12:00:00Z").value()) {}

  void SetUp() override {
    store_ = database_.open(clock_);
    ASSERT_NE(store_, nullptr);
    store::NewAccount admin{"admin",      "Ada Admin", kHash, roles_of(store::Role::admin),
                            std::nullopt, std::nullopt};
    admin.roles.add(store::Role::clinician);
    auto created = accounts().create_clinic_with_admin(actor_, "North", admin);
    ASSERT_TRUE(created.ok()) << created.error().describe();
    admin_ = *created;
    clinic_ = *admin_.clinic;
  }

  store::Accounts& accounts() { return store_->accounts(); }

  // Fails the test and returns an empty account when refused.
  store::Account add_account(const std::string& login, store::Role role,
                             std::optional<store::ClinicId> clinic,
                             std::optional<store::PatientId> patient = std::nullopt) {
    auto created = accounts().create_account(
        actor_, {login, "Name of " + login, kHash, roles_of(role), clinic, patient});
    EXPECT_TRUE(created.ok()) << login << ": " << created.error().describe();
    return created.ok() ? *created : store::Account{};
  }

  store::PatientId add_patient(std::optional<store::ClinicId> clinic,
                               const std::string& name = "Pat Person") {
    auto added = store_->add_patient(actor_, {name, "Europe/Berlin", clinic});
    EXPECT_TRUE(added.ok()) << added.error().describe();
    return added.ok() ? added->id : 0;
  }

  store::NewLoginSession cookie_session(char digit, store::AccountId account) const {
    return {token_hash(digit), store::SessionKind::cookie, account, "csrf-" + std::string(1, digit),
            clock_.now(),      clock_.now() + 12 * kHour};
  }

  store::NewInvitation invitation(char digit, store::Role role,
                                  const std::string& name = "Ivy Invited") const {
    return {token_hash(digit), clinic_,   role,         name,
            "Europe/Vienna",   admin_.id, clock_.now(), clock_.now() + 7 * kDay};
  }

  // The last audit line that names `record`, or nullopt.
  std::optional<store::AuditRecord> audit_line(const std::string& record) {
    auto trail = store_->audit_trail(actor_, std::nullopt);
    EXPECT_TRUE(trail.ok());
    if (!trail.ok()) return std::nullopt;
    for (auto line = trail->rbegin(); line != trail->rend(); ++line) {
      if (line->record == record) return *line;
    }
    return std::nullopt;
  }

  const store::Actor actor_{"account:1", "198.51.100.4"};

  TestDatabase database_;
  store::FixedClock clock_;
  std::unique_ptr<store::Store> store_;
  store::Account admin_;
  store::ClinicId clinic_ = 0;
};

}  // namespace mn::testing
