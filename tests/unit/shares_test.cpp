// The Accounts suite, continued, on both backends: people belong to a
// clinic, their records are shared only with that clinic's therapists until
// revoked or expired, erasing a person takes their account with it, audit
// lines carry the address, and migration 3 keeps what version 2 stored.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <iterator>

#include "accounts_support.hpp"
#include "store/migrations.hpp"

namespace mn::testing {
namespace {

using store::Role;

class SharesTest : public AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    if (HasFatalFailure()) return;
    auto south = accounts().create_clinic_with_admin(
        actor_, "South",
        {"south-admin", "Sam South", kHash, roles_of(Role::admin), std::nullopt, std::nullopt});
    ASSERT_TRUE(south.ok());
    other_clinic_ = *south->clinic;
    person_ = add_patient(clinic_);
    therapist_ = add_account("theo", Role::therapist, clinic_);
    clinician_ = add_account("cleo", Role::clinician, clinic_);
    elsewhere_ = add_account("tess", Role::therapist, other_clinic_);
  }

  Result<store::Share> share(store::AccountId therapist, store::Seconds lasting = 30 * kDay) {
    return accounts().share_with_therapist(actor_, person_, therapist, clinician_.id,
                                           clock_.now() + lasting);
  }

  store::ClinicId other_clinic_ = 0;
  store::PatientId person_ = 0;
  store::Account therapist_;
  store::Account clinician_;
  store::Account elsewhere_;
};

TEST_P(SharesTest, PeopleBelongToTheirClinic) {
  const auto loose = add_patient(std::nullopt, "Lou Loose");
  const auto south = add_patient(other_clinic_, "Sue South");
  EXPECT_EQ(*accounts().clinic_of_patient(person_), clinic_);
  EXPECT_EQ(*accounts().clinic_of_patient(south), other_clinic_);
  EXPECT_EQ(*accounts().clinic_of_patient(loose), std::nullopt);
  EXPECT_EQ(accounts().clinic_of_patient(south + 100).error().code, "not_found");
  EXPECT_EQ(store_->patient(actor_, person_)->clinic, clinic_);
  EXPECT_EQ(store_->patient(actor_, loose)->clinic, std::nullopt);

  auto north = store_->clinic_patients(actor_, clinic_);
  ASSERT_TRUE(north.ok());
  ASSERT_EQ(north->size(), 1U);
  EXPECT_EQ((*north)[0].id, person_);
  EXPECT_EQ((*north)[0].clinic, clinic_);
  EXPECT_EQ(store_->list_patients(actor_)->size(), 3U);
  auto line = audit_line("clinic/" + std::to_string(clinic_) + "/patients");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->action, "list");

  auto nowhere = store_->add_patient(actor_, {"Nobody", "UTC", other_clinic_ + 100});
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "not_found");
  EXPECT_EQ(nowhere.error().where, "clinic");
  EXPECT_EQ(store_->clinic_patients(actor_, other_clinic_ + 100).error().code, "not_found");
  EXPECT_EQ(store_->list_patients(actor_)->size(), 3U);
}

TEST_P(SharesTest, SharesGoOnlyToTherapistsOfThePersonsClinic) {
  auto shared = share(therapist_.id);
  ASSERT_TRUE(shared.ok()) << shared.error().describe();
  EXPECT_EQ(shared->patient, person_);
  EXPECT_EQ(shared->therapist, therapist_.id);
  EXPECT_EQ(shared->shared_by, clinician_.id);
  EXPECT_EQ(shared->created_at, clock_.now());
  EXPECT_EQ(shared->expires_at, clock_.now() + 30 * kDay);
  EXPECT_EQ(shared->revoked_at, std::nullopt);
  auto read = accounts().share(shared->id);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->therapist, therapist_.id);
  EXPECT_FALSE(accounts().share(shared->id + 100)->has_value());

  const std::string record =
      "patient/" + std::to_string(person_) + "/share/" + std::to_string(shared->id);
  auto line = audit_line(record);
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->action, "share");
  EXPECT_EQ(line->patient, person_);

  for (const store::AccountId wrong : {clinician_.id, elsewhere_.id, admin_.id + 100}) {
    auto refused = share(wrong);
    ASSERT_FALSE(refused.ok()) << wrong;
    EXPECT_EQ(refused.error().code, "invalid");
    EXPECT_EQ(refused.error().where, "therapist");
  }
  const auto loose = add_patient(std::nullopt, "Lou Loose");
  EXPECT_EQ(
      accounts()
          .share_with_therapist(actor_, loose, therapist_.id, clinician_.id, clock_.now() + kDay)
          .error()
          .where,
      "therapist");
  EXPECT_EQ(share(therapist_.id, 0).error().where, "expires_at");
  EXPECT_EQ(accounts()
                .share_with_therapist(actor_, person_ + 100, therapist_.id, clinician_.id,
                                      clock_.now() + kDay)
                .error()
                .code,
            "not_found");
  EXPECT_EQ(accounts()
                .share_with_therapist(actor_, person_, therapist_.id, clinician_.id + 100,
                                      clock_.now() + kDay)
                .error()
                .where,
            "shared_by");
  ASSERT_TRUE(accounts().set_disabled(actor_, therapist_.id, true).ok());
  EXPECT_EQ(share(therapist_.id).error().where, "therapist");
  EXPECT_EQ(accounts().shares_of_patient(person_)->size(), 1U);
}

TEST_P(SharesTest, RevokedAndExpiredSharesAreNotActive) {
  auto lasting = share(therapist_.id);
  auto brief = share(therapist_.id, kHour);
  auto revoked = share(therapist_.id);
  ASSERT_TRUE(lasting.ok() && brief.ok() && revoked.ok());
  EXPECT_TRUE(*accounts().revoke_share(actor_, revoked->id, clock_.now() + 60));
  EXPECT_FALSE(*accounts().revoke_share(actor_, revoked->id, clock_.now() + 120));
  EXPECT_EQ(accounts().revoke_share(actor_, revoked->id + 100, clock_.now()).error().code,
            "not_found");
  auto line =
      audit_line("patient/" + std::to_string(person_) + "/share/" + std::to_string(revoked->id));
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->action, "revoke");

  auto active = accounts().active_shares_for(therapist_.id, clock_.now());
  ASSERT_TRUE(active.ok());
  ASSERT_EQ(active->size(), 2U);
  EXPECT_EQ((*active)[0].id, lasting->id);
  EXPECT_EQ((*active)[1].id, brief->id);
  active = accounts().active_shares_for(therapist_.id, clock_.now() + kHour);
  ASSERT_EQ(active->size(), 1U);
  EXPECT_EQ((*active)[0].id, lasting->id);
  EXPECT_TRUE(accounts().active_shares_for(elsewhere_.id, clock_.now())->empty());

  auto all = accounts().shares_of_patient(person_);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[2].revoked_at, clock_.now() + 60);
  EXPECT_EQ(accounts().shares_of_patient(person_ + 100).error().code, "not_found");
}

TEST_P(SharesTest, ErasingAPersonTakesTheirAccountSessionsAndSharesWithThem) {
  ASSERT_TRUE(
      accounts().create_invitation(actor_, invitation('e', Role::patient, "Erin Erasable")).ok());
  auto account = accounts().accept_invitation(actor_, token_hash('e'), "erin", kHash, clock_.now());
  ASSERT_TRUE(account.ok());
  const store::PatientId erin = *account->patient;
  ASSERT_TRUE(accounts().create_session(cookie_session('1', account->id)).ok());
  ASSERT_TRUE(accounts().create_session(cookie_session('2', therapist_.id)).ok());
  auto shared = accounts().share_with_therapist(actor_, erin, therapist_.id, account->id,
                                                clock_.now() + kDay);
  ASSERT_TRUE(shared.ok()) << shared.error().describe();
  ASSERT_TRUE(share(therapist_.id).ok());  // of someone else

  auto erased = store_->erase_patient(actor_, erin);
  ASSERT_TRUE(erased.ok()) << erased.error().describe();
  // the person, the account, its session, its invitation, the share and the
  // person's two audit lines (created, shared)
  EXPECT_EQ(erased->rows_removed, 7U);
  EXPECT_FALSE(accounts().account(account->id)->has_value());
  EXPECT_FALSE(accounts().credentials("erin")->has_value());
  EXPECT_FALSE(accounts().session(token_hash('1'))->has_value());
  EXPECT_FALSE(accounts().share(shared->id)->has_value());
  EXPECT_EQ(accounts().active_shares_for(therapist_.id, clock_.now())->size(), 1U);
  EXPECT_TRUE(accounts().session(token_hash('2'))->has_value());
  EXPECT_TRUE(accounts().account(therapist_.id)->has_value());
  // The invitation is used up, not free again.
  EXPECT_EQ(accounts()
                .accept_invitation(actor_, token_hash('e'), "erin2", kHash, clock_.now())
                .error()
                .code,
            "not_found");

  if (GetParam() == Backend::sqlite) {
    ASSERT_TRUE(store_->purge_deleted().ok());
    for (const std::string& path : {database_.sqlite_path(), database_.sqlite_path() + "-wal"}) {
      std::ifstream file(path, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(file),
                              std::istreambuf_iterator<char>()};
      EXPECT_EQ(bytes.find("Erin Erasable"), std::string::npos) << path;
    }
  }
}

TEST_P(SharesTest, AuditLinesCarryTheActorsAddress) {
  const store::Actor from_web{"account:7", "2001:db8::1"};
  const store::Actor from_cli{"cli:clinician"};
  ASSERT_TRUE(store_->patient(from_web, person_).ok());
  ASSERT_TRUE(store_->patient(from_cli, person_).ok());
  auto trail = store_->audit_trail(from_cli, person_);
  ASSERT_TRUE(trail.ok());
  ASSERT_GE(trail->size(), 3U);
  const auto& web = (*trail)[trail->size() - 2];
  const auto& cli = (*trail)[trail->size() - 1];
  EXPECT_EQ(web.actor, "account:7");
  EXPECT_EQ(web.address, "2001:db8::1");
  EXPECT_EQ(cli.actor, "cli:clinician");
  EXPECT_EQ(cli.address, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, SharesTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

// Migration 3 on a database that schema version 2 left, with a person and
// their audit trail in it.
class AccountsMigrationTest : public ::testing::TestWithParam<Backend> {};

TEST_P(AccountsMigrationTest, Version2RowsAreKept) {
  TestDatabase database(GetParam());
  {
    auto connection = raw_connection(database);
    migrate_to_version(*connection, 2);
    const auto patient = connection
                             ->query(
                                 "INSERT INTO patients (display_name, time_zone, created_at) "
                                 "VALUES ('Vera Version', 'Europe/Berlin', 100) RETURNING id")
                             .at(0)
                             .integer(0);
    const std::array<store::sql::Value, 2> line{patient, "patient/" + std::to_string(patient)};
    connection->query(
        "INSERT INTO audit_trail (at, actor, action, patient_id, record) "
        "VALUES (100, 'cli:old', 'create', $1, $2)",
        line);
  }
  store::FixedClock clock(codec::parse_utc("2026-11-27T12:00:00Z").value());
  auto migrated = database.open(clock);
  ASSERT_NE(migrated, nullptr);
  EXPECT_EQ(migrated->schema_version(), store::latest_schema_version());
  const store::Actor actor{"cli:new"};
  auto people = migrated->list_patients(actor);
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 1U);
  const store::Patient& vera = people->front();
  EXPECT_EQ(vera.display_name, "Vera Version");
  EXPECT_EQ(vera.created_at, 100);
  EXPECT_EQ(vera.clinic, std::nullopt);
  auto trail = migrated->audit_trail(actor, vera.id);
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 1U);
  EXPECT_EQ((*trail)[0].actor, "cli:old");
  EXPECT_EQ((*trail)[0].address, "");
  EXPECT_EQ((*trail)[0].record, "patient/" + std::to_string(vera.id));

  // The new tables work alongside the old rows.
  auto admin = migrated->accounts().create_clinic_with_admin(
      actor, "After", {"admin", "Ada", kHash, roles_of(Role::admin), std::nullopt, std::nullopt});
  ASSERT_TRUE(admin.ok()) << admin.error().describe();
  auto placed = migrated->add_patient(actor, {"New Person", "UTC", admin->clinic});
  ASSERT_TRUE(placed.ok());
  EXPECT_EQ(migrated->clinic_patients(actor, *admin->clinic)->size(), 1U);
  EXPECT_GT(placed->id, vera.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsMigrationTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace mn::testing
