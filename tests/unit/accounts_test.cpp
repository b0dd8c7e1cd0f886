// The Accounts suite, run on both backends: clinics and accounts read back,
// bad input is refused with its field, changing a password or disabling an
// account ends its sessions, sessions and sign-in failures expire, and an
// invitation is taken once. Shares, clinics of patients, erasure and the
// migration are in shares_test.cpp.
#include "store/accounts.hpp"

#include <gtest/gtest.h>

#include "accounts_support.hpp"

namespace mn::testing {
namespace {

using store::Role;

TEST_P(AccountsTest, AClinicAndItsAdminReadBack) {
  auto clinic = accounts().clinic(clinic_);
  ASSERT_TRUE(clinic.ok() && clinic->has_value());
  EXPECT_EQ((*clinic)->name, "North");
  EXPECT_EQ((*clinic)->created_at, clock_.now());
  EXPECT_TRUE(admin_.roles.has(Role::admin));
  EXPECT_TRUE(admin_.roles.has(Role::clinician));
  EXPECT_FALSE(admin_.roles.has(Role::patient));

  auto read = accounts().account(admin_.id);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->login, "admin");
  EXPECT_EQ((*read)->display_name, "Ada Admin");
  EXPECT_EQ((*read)->roles.bits, admin_.roles.bits);
  EXPECT_EQ((*read)->clinic, clinic_);
  EXPECT_EQ((*read)->patient, std::nullopt);
  EXPECT_FALSE((*read)->disabled);
  EXPECT_EQ((*read)->created_at, clock_.now());
  EXPECT_EQ((*read)->password_changed_at, clock_.now());

  auto credentials = accounts().credentials("admin");
  ASSERT_TRUE(credentials.ok() && credentials->has_value());
  EXPECT_EQ((*credentials)->password_hash, kHash);
  EXPECT_EQ((*credentials)->account.id, admin_.id);
  // Logins are compared as written; a malformed one is simply unknown.
  EXPECT_FALSE(accounts().credentials("Admin")->has_value());
  EXPECT_FALSE(accounts().credentials("no such login!")->has_value());

  EXPECT_FALSE(accounts().clinic(clinic_ + 100)->has_value());
  EXPECT_FALSE(accounts().account(admin_.id + 100)->has_value());
  auto line = audit_line("account/" + std::to_string(admin_.id));
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->action, "create");
  EXPECT_EQ(line->actor, "account:1");
  EXPECT_EQ(line->address, "198.51.100.4");
  EXPECT_EQ(line->patient, std::nullopt);
}

TEST_P(AccountsTest, AClinicNeedsANameAndAnAdmin) {
  store::NewAccount admin{"second",     "Second Admin", kHash, roles_of(Role::admin),
                          std::nullopt, std::nullopt};
  EXPECT_EQ(accounts().create_clinic_with_admin(actor_, "", admin).error().where, "clinic");
  store::NewAccount clinician = admin;
  clinician.roles = roles_of(Role::clinician);
  EXPECT_EQ(accounts().create_clinic_with_admin(actor_, "South", clinician).error().where, "roles");
  store::NewAccount placed = admin;
  placed.clinic = clinic_;
  EXPECT_EQ(accounts().create_clinic_with_admin(actor_, "South", placed).error().where, "clinic");
  store::NewAccount taken = admin;
  taken.login = "admin";
  auto duplicate = accounts().create_clinic_with_admin(actor_, "South", taken);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, "duplicate");
  // The refused admin took the clinic with it.
  EXPECT_FALSE(accounts().clinic(clinic_ + 1)->has_value());
  auto south = accounts().create_clinic_with_admin(actor_, "South", admin);
  ASSERT_TRUE(south.ok()) << south.error().describe();
  EXPECT_EQ((*accounts().clinic(*south->clinic))->name, "South");
}

TEST_P(AccountsTest, AccountsAreValidatedAndWriteNothingWhenRefused) {
  const store::NewAccount good{"clin.one@north",          "Cleo Clinician", kHash,
                               roles_of(Role::clinician), clinic_,          std::nullopt};
  const auto changed = [&](auto change) {
    store::NewAccount account = good;
    change(account);
    return account;
  };
  const std::pair<store::NewAccount, const char*> refused[] = {
      {changed([](auto& a) { a.login = "ab"; }), "login"},
      {changed([](auto& a) { a.login = std::string(101, 'a'); }), "login"},
      {changed([](auto& a) { a.login = "with space"; }), "login"},
      {changed([](auto& a) { a.login = "caf\xc3\xa9"; }), "login"},
      {changed([](auto& a) { a.display_name = ""; }), "display_name"},
      {changed([](auto& a) { a.display_name = std::string(201, 'x'); }), "display_name"},
      {changed([](auto& a) { a.password_hash = "correct horse battery staple"; }), "password_hash"},
      {changed([](auto& a) { a.password_hash = "$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA"; }),
       "password_hash"},
      {changed([](auto& a) { a.password_hash = ""; }), "password_hash"},
      {changed([](auto& a) { a.roles = store::Roles{}; }), "roles"},
      {changed([](auto& a) { a.roles.bits = 16; }), "roles"},
      {changed([](auto& a) { a.clinic = std::nullopt; }), "clinic"},
      {changed([](auto& a) { a.roles = roles_of(Role::patient); }), "patient"},
      {changed([](auto& a) { a.patient = 1; }), "patient"},
  };
  for (const auto& [account, field] : refused) {
    auto created = accounts().create_account(actor_, account);
    ASSERT_FALSE(created.ok()) << field;
    EXPECT_EQ(created.error().code, "invalid") << field;
    EXPECT_EQ(created.error().where, field) << account.login;
  }
  auto nowhere = accounts().create_account(actor_, changed([&](auto& a) { a.clinic = 99; }));
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "not_found");
  EXPECT_EQ(nowhere.error().where, "clinic");

  EXPECT_EQ(accounts().accounts_of_clinic(clinic_)->size(), 1U);  // the admin
  ASSERT_TRUE(accounts().create_account(actor_, good).ok());
  auto again = accounts().create_account(actor_, changed([](auto& a) { a.display_name = "B"; }));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "duplicate");
  EXPECT_EQ(again.error().where, "login");
  auto listed = accounts().accounts_of_clinic(clinic_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[1].login, "clin.one@north");
  EXPECT_EQ(accounts().accounts_of_clinic(clinic_ + 100).error().code, "not_found");
}

TEST_P(AccountsTest, APatientAccountBelongsToOnePersonOfItsClinic) {
  const auto person = add_patient(clinic_);
  const auto elsewhere = add_patient(std::nullopt, "No Clinic");
  const auto unknown = accounts().create_account(
      actor_, {"pat", "Pat", kHash, roles_of(Role::patient), clinic_, person + 100});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "not_found");
  EXPECT_EQ(unknown.error().where, "patient");
  const auto other = accounts().create_account(
      actor_, {"pat", "Pat", kHash, roles_of(Role::patient), clinic_, elsewhere});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().where, "patient");

  const store::Account account = add_account("pat", Role::patient, clinic_, person);
  EXPECT_EQ(account.patient, person);
  const auto second = accounts().create_account(
      actor_, {"pat2", "Pat", kHash, roles_of(Role::patient), clinic_, person});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "conflict");
}

TEST_P(AccountsTest, ANewPasswordEndsEverySessionAndIsAudited) {
  const store::Account clinician = add_account("cleo", Role::clinician, clinic_);
  ASSERT_TRUE(accounts().create_session(cookie_session('a', clinician.id)).ok());
  ASSERT_TRUE(accounts()
                  .create_session({token_hash('b'), store::SessionKind::bearer, clinician.id, "",
                                   clock_.now(), clock_.now() + 90 * kDay})
                  .ok());
  ASSERT_TRUE(accounts().create_session(cookie_session('c', admin_.id)).ok());

  const auto bad = accounts().set_password(actor_, clinician.id, "plain text", clock_.now());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where, "password_hash");
  EXPECT_TRUE(accounts().session(token_hash('a'))->has_value());

  const store::Actor self{"account:" + std::to_string(clinician.id), "203.0.113.9"};
  ASSERT_TRUE(accounts().set_password(self, clinician.id, kOtherHash, clock_.now() + kHour).ok());
  auto credentials = accounts().credentials("cleo");
  ASSERT_TRUE(credentials.ok() && credentials->has_value());
  EXPECT_EQ((*credentials)->password_hash, kOtherHash);
  EXPECT_EQ((*credentials)->account.password_changed_at, clock_.now() + kHour);
  EXPECT_FALSE(accounts().session(token_hash('a'))->has_value());
  EXPECT_FALSE(accounts().session(token_hash('b'))->has_value());
  EXPECT_TRUE(accounts().session(token_hash('c'))->has_value());  // someone else's

  auto line = audit_line("account/" + std::to_string(clinician.id));
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->action, "password");
  EXPECT_EQ(line->actor, self.name);
  EXPECT_EQ(line->address, "203.0.113.9");
  EXPECT_EQ(line->patient, std::nullopt);
  EXPECT_EQ(accounts().set_password(self, clinician.id + 100, kHash, clock_.now()).error().code,
            "not_found");
}

TEST_P(AccountsTest, ADisabledAccountLosesItsSessionsAndGetsNoNewOnes) {
  const store::Account clinician = add_account("cleo", Role::clinician, clinic_);
  ASSERT_TRUE(accounts().create_session(cookie_session('a', clinician.id)).ok());
  ASSERT_TRUE(accounts().set_disabled(actor_, clinician.id, true).ok());
  EXPECT_TRUE((*accounts().account(clinician.id))->disabled);
  EXPECT_FALSE(accounts().session(token_hash('a'))->has_value());
  auto refused = accounts().create_session(cookie_session('b', clinician.id));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().where, "account");
  EXPECT_EQ(audit_line("account/" + std::to_string(clinician.id))->action, "disable");

  ASSERT_TRUE(accounts().set_disabled(actor_, clinician.id, false).ok());
  EXPECT_FALSE((*accounts().account(clinician.id))->disabled);
  EXPECT_TRUE(accounts().create_session(cookie_session('b', clinician.id)).ok());
  EXPECT_EQ(audit_line("account/" + std::to_string(clinician.id))->action, "enable");
  EXPECT_EQ(accounts().set_disabled(actor_, clinician.id + 100, true).error().code, "not_found");
}

TEST_P(AccountsTest, SessionsReadBackWithTheirAccountAndAreNotAudited) {
  const auto trail_before = store_->audit_trail(actor_, std::nullopt)->size();
  ASSERT_TRUE(accounts().create_session(cookie_session('a', admin_.id)).ok());
  auto session = accounts().session(token_hash('a'));
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_EQ((*session)->kind, store::SessionKind::cookie);
  EXPECT_EQ((*session)->csrf_token, "csrf-a");
  EXPECT_EQ((*session)->account.id, admin_.id);
  EXPECT_EQ((*session)->account.login, "admin");
  EXPECT_EQ((*session)->created_at, clock_.now());
  EXPECT_EQ((*session)->last_seen_at, clock_.now());
  EXPECT_EQ((*session)->expires_at, clock_.now() + 12 * kHour);

  EXPECT_TRUE(*accounts().touch_session(token_hash('a'), clock_.now() + kHour));
  EXPECT_TRUE(*accounts().touch_session(token_hash('a'), clock_.now() + 60));  // not backwards
  EXPECT_EQ((*accounts().session(token_hash('a')))->last_seen_at, clock_.now() + kHour);
  EXPECT_FALSE(*accounts().touch_session(token_hash('f'), clock_.now()));
  EXPECT_FALSE(accounts().session(token_hash('f'))->has_value());

  EXPECT_TRUE(*accounts().end_session(token_hash('a')));
  EXPECT_FALSE(*accounts().end_session(token_hash('a')));
  EXPECT_FALSE(accounts().session(token_hash('a'))->has_value());
  // The one new line is the first read of the trail.
  EXPECT_EQ(store_->audit_trail(actor_, std::nullopt)->size(), trail_before + 1);
}

TEST_P(AccountsTest, SessionsAreValidated) {
  const std::string upper(64, 'A');
  const std::string short_hash(63, 'a');
  const std::string not_hex = std::string(63, 'a') + "g";
  for (const std::string& hash : {upper, short_hash, not_hex, std::string()}) {
    store::NewLoginSession session = cookie_session('a', admin_.id);
    session.token_hash = hash;
    EXPECT_EQ(accounts().create_session(session).error().where, "token_hash") << hash;
    EXPECT_EQ(accounts().session(hash).error().code, "invalid") << hash;
    EXPECT_EQ(accounts().touch_session(hash, clock_.now()).error().code, "invalid") << hash;
    EXPECT_EQ(accounts().end_session(hash).error().code, "invalid") << hash;
  }
  store::NewLoginSession no_csrf = cookie_session('a', admin_.id);
  no_csrf.csrf_token.clear();
  EXPECT_EQ(accounts().create_session(no_csrf).error().where, "csrf_token");
  store::NewLoginSession bearer_csrf = cookie_session('a', admin_.id);
  bearer_csrf.kind = store::SessionKind::bearer;
  EXPECT_EQ(accounts().create_session(bearer_csrf).error().where, "csrf_token");
  store::NewLoginSession backwards = cookie_session('a', admin_.id);
  backwards.expires_at = backwards.created_at;
  EXPECT_EQ(accounts().create_session(backwards).error().where, "expires_at");
  auto nobody = accounts().create_session(cookie_session('a', admin_.id + 100));
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, "not_found");

  ASSERT_TRUE(accounts().create_session(cookie_session('a', admin_.id)).ok());
  EXPECT_EQ(accounts().create_session(cookie_session('a', admin_.id)).error().code, "conflict");
}

TEST_P(AccountsTest, ExpiredAndIdleSessionsEnd) {
  const store::Seconds now = clock_.now();
  const auto session = [&](char digit, store::Seconds created, store::Seconds expires) {
    store::NewLoginSession made = cookie_session(digit, admin_.id);
    made.created_at = created;
    made.expires_at = expires;
    ASSERT_TRUE(accounts().create_session(made).ok()) << digit;
  };
  session('1', now - 2 * kDay, now - kDay);   // expired
  session('2', now - 2 * kHour, now + kDay);  // idle since it began
  session('3', now - 2 * kHour, now + kDay);  // seen just now
  session('4', now - kDay, now);              // expires this second
  ASSERT_TRUE(*accounts().touch_session(token_hash('3'), now));
  auto ended = accounts().end_expired_sessions(now, now - kHour);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 3U);
  EXPECT_TRUE(accounts().session(token_hash('3'))->has_value());
  for (char gone : {'1', '2', '4'}) EXPECT_FALSE(accounts().session(token_hash(gone))->has_value());
  EXPECT_EQ(*accounts().end_expired_sessions(now, now - kHour), 0U);
}

TEST_P(AccountsTest, SignInFailuresAreCountedPerKeyAndForgottenAfterADay) {
  const store::Seconds now = clock_.now();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(accounts().record_login_failure("account:alice", now - 10 * 60 + i).ok());
  }
  ASSERT_TRUE(accounts().record_login_failure("address:10.0.0.1", now).ok());
  EXPECT_EQ(*accounts().login_failures_since("account:alice", now - kHour), 3U);
  EXPECT_EQ(*accounts().login_failures_since("account:alice", now - 10 * 60 + 1), 2U);
  EXPECT_EQ(*accounts().login_failures_since("account:bob", now - kHour), 0U);

  ASSERT_TRUE(accounts().clear_login_failures("account:alice").ok());
  EXPECT_EQ(*accounts().login_failures_since("account:alice", 0), 0U);
  EXPECT_EQ(*accounts().login_failures_since("address:10.0.0.1", 0), 1U);

  // A failure a day and a minute later drops the old one of every key.
  ASSERT_TRUE(accounts().record_login_failure("account:bob", now + kDay + 60).ok());
  EXPECT_EQ(*accounts().login_failures_since("address:10.0.0.1", 0), 0U);
  EXPECT_EQ(*accounts().login_failures_since("account:bob", 0), 1U);

  EXPECT_EQ(accounts().record_login_failure("", now).error().where, "key");
  EXPECT_EQ(accounts().login_failures_since("a\nb", now).error().where, "key");
}

TEST_P(AccountsTest, AnInvitedPatientGetsTheirRecordAndAccountOnce) {
  auto invited = accounts().create_invitation(actor_, invitation('1', Role::patient));
  ASSERT_TRUE(invited.ok()) << invited.error().describe();
  EXPECT_EQ(invited->display_name, "Ivy Invited");
  EXPECT_EQ(invited->clinic, clinic_);
  EXPECT_EQ(invited->invited_by, admin_.id);
  EXPECT_EQ(audit_line("invitation/" + std::to_string(invited->id))->action, "create");

  clock_.set(clock_.now() + kDay);
  const store::Actor newcomer{"invitation", "192.0.2.55"};
  auto accepted =
      accounts().accept_invitation(newcomer, token_hash('1'), "ivy", kHash, clock_.now());
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
  EXPECT_EQ(accepted->roles.bits, roles_of(Role::patient).bits);
  EXPECT_EQ(accepted->clinic, clinic_);
  EXPECT_EQ(accepted->display_name, "Ivy Invited");
  EXPECT_EQ(accepted->created_at, clock_.now());
  ASSERT_TRUE(accepted->patient.has_value());

  auto person = store_->patient(actor_, *accepted->patient);
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->display_name, "Ivy Invited");
  EXPECT_EQ(person->time_zone, "Europe/Vienna");
  EXPECT_EQ(person->clinic, clinic_);
  EXPECT_EQ(person->created_at, clock_.now());
  auto trail = store_->audit_trail(actor_, *accepted->patient);
  ASSERT_TRUE(trail.ok());
  ASSERT_FALSE(trail->empty());
  EXPECT_EQ(trail->front().action, "create");
  EXPECT_EQ(trail->front().actor, "invitation");
  EXPECT_EQ(trail->front().address, "192.0.2.55");
  EXPECT_EQ(audit_line("account/" + std::to_string(accepted->id))->address, "192.0.2.55");
  EXPECT_TRUE(accounts().credentials("ivy")->has_value());

  auto again = accounts().accept_invitation(newcomer, token_hash('1'), "ivy2", kHash, clock_.now());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "not_found");
}

TEST_P(AccountsTest, AnInvitedTherapistGetsAnAccountWithoutARecord) {
  ASSERT_TRUE(accounts().create_invitation(actor_, invitation('2', Role::therapist)).ok());
  const auto people = store_->list_patients(actor_)->size();
  auto accepted =
      accounts().accept_invitation(actor_, token_hash('2'), "theo", kHash, clock_.now());
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
  EXPECT_TRUE(accepted->roles.has(Role::therapist));
  EXPECT_FALSE(accepted->roles.has(Role::patient));
  EXPECT_EQ(accepted->patient, std::nullopt);
  EXPECT_EQ(accepted->clinic, clinic_);
  EXPECT_EQ(store_->list_patients(actor_)->size(), people);
}

TEST_P(AccountsTest, UnknownUsedAndExpiredInvitationsAreNotFound) {
  ASSERT_TRUE(accounts().create_invitation(actor_, invitation('3', Role::patient)).ok());
  const auto accept = [&](char digit, const std::string& login, store::Seconds now) {
    return accounts().accept_invitation(actor_, token_hash(digit), login, kHash, now);
  };
  EXPECT_EQ(accept('4', "ivy", clock_.now()).error().code, "not_found");
  EXPECT_EQ(accept('3', "ivy", clock_.now() + 7 * kDay).error().code, "not_found");
  // A refused login leaves the invitation unused, and no record behind.
  auto taken = accept('3', "admin", clock_.now());
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, "duplicate");
  EXPECT_TRUE(store_->list_patients(actor_)->empty());
  ASSERT_TRUE(accept('3', "ivy", clock_.now()).ok());
  EXPECT_EQ(accept('3', "ivy3", clock_.now()).error().code, "not_found");
}

TEST_P(AccountsTest, InvitationsAreValidated) {
  const std::pair<store::NewInvitation, const char*> refused[] = {
      {[&] {
         auto made = invitation('5', Role::patient);
         made.token_hash = "5";
         return made;
       }(),
       "token_hash"},
      {invitation('5', Role::admin), "role"},
      {invitation('5', Role::patient, ""), "display_name"},
      {[&] {
         auto made = invitation('5', Role::patient);
         made.time_zone = "Mars/Olympus_Mons";
         return made;
       }(),
       "time_zone"},
      {[&] {
         auto made = invitation('5', Role::patient);
         made.expires_at = made.created_at;
         return made;
       }(),
       "expires_at"},
  };
  for (const auto& [made, field] : refused) {
    auto created = accounts().create_invitation(actor_, made);
    ASSERT_FALSE(created.ok()) << field;
    EXPECT_EQ(created.error().code, "invalid");
    EXPECT_EQ(created.error().where, field);
  }
  auto nowhere = invitation('5', Role::patient);
  nowhere.clinic = clinic_ + 100;
  EXPECT_EQ(accounts().create_invitation(actor_, nowhere).error().where, "clinic");
  auto nobody = invitation('5', Role::patient);
  nobody.invited_by = admin_.id + 100;
  EXPECT_EQ(accounts().create_invitation(actor_, nobody).error().where, "invited_by");
  ASSERT_TRUE(accounts().create_invitation(actor_, invitation('5', Role::clinician)).ok());
  EXPECT_EQ(accounts().create_invitation(actor_, invitation('5', Role::patient)).error().code,
            "conflict");
  EXPECT_EQ(
      accounts().accept_invitation(actor_, token_hash('5'), "x", kHash, clock_.now()).error().where,
      "login");
  EXPECT_EQ(accounts()
                .accept_invitation(actor_, token_hash('5'), "clem", "secret", clock_.now())
                .error()
                .where,
            "password_hash");
  EXPECT_EQ(
      accounts().accept_invitation(actor_, "not a hash", "clem", kHash, clock_.now()).error().where,
      "token_hash");
  auto clinician =
      accounts().accept_invitation(actor_, token_hash('5'), "clem", kHash, clock_.now());
  ASSERT_TRUE(clinician.ok());
  EXPECT_TRUE(clinician->roles.has(Role::clinician));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace mn::testing
