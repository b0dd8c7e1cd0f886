// The therapist directory in the store, on both backends: entries are put
// all or none, replaced only when asked, linked only to a therapist of the
// clinic, and every change is in the audit trail. Also `demo load`, which
// fills the demo clinic's directory.
#include <gtest/gtest.h>

#include <algorithm>

#include "accounts_support.hpp"
#include "cli_support.hpp"
#include "demo/demo_directory.hpp"

namespace mn::testing {
namespace {

using store::DirectoryEntry;
using store::Role;

// The first `count` demo entries.
std::vector<DirectoryEntry> demo_entries(std::size_t count) {
  std::vector<DirectoryEntry> entries = demo::demo_directory();
  entries.resize(count);
  return entries;
}

void expect_same_entry(const DirectoryEntry& stored, const DirectoryEntry& given) {
  const core::Therapist& a = stored.therapist;
  const core::Therapist& b = given.therapist;
  SCOPED_TRACE(b.id);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.practice, b.practice);
  EXPECT_EQ(a.licence, b.licence);
  EXPECT_EQ(a.board_certified, b.board_certified);
  EXPECT_EQ(a.training, b.training);
  EXPECT_EQ(a.styles, b.styles);
  EXPECT_EQ(a.accepts_medical_input, b.accepts_medical_input);
  EXPECT_EQ(a.setting, b.setting);
  EXPECT_EQ(a.location.latitude, b.location.latitude);
  EXPECT_EQ(a.location.longitude, b.location.longitude);
  ASSERT_EQ(a.price_count, b.price_count);
  for (std::size_t i = 0; i < a.price_count; ++i) {
    EXPECT_EQ(a.prices[i].minutes, b.prices[i].minutes);
    EXPECT_EQ(a.prices[i].cents, b.prices[i].cents);
  }
  EXPECT_EQ(a.openings_per_week, b.openings_per_week);
  EXPECT_EQ(a.review_count, b.review_count);
  EXPECT_EQ(a.rating, b.rating);
  EXPECT_EQ(stored.address, given.address);
  EXPECT_EQ(stored.account, given.account);
}

class DirectoryTest : public AccountsTest {
 protected:
  store::Directory& directory() { return store_->directory(); }

  std::vector<DirectoryEntry> listed(store::ClinicId clinic) {
    auto entries = directory().therapists_of_clinic(clinic);
    EXPECT_TRUE(entries.ok()) << entries.error().describe();
    return entries.ok() ? *entries : std::vector<DirectoryEntry>{};
  }

  std::vector<std::string> codes(store::ClinicId clinic) {
    std::vector<std::string> result;
    for (const DirectoryEntry& entry : listed(clinic)) result.push_back(entry.therapist.id);
    return result;
  }

  // The audit lines of directory changes.
  std::size_t directory_audit_lines() {
    auto trail = store_->audit_trail(actor_, std::nullopt);
    EXPECT_TRUE(trail.ok());
    if (!trail.ok()) return 0;
    return static_cast<std::size_t>(
        std::count_if(trail->begin(), trail->end(),
                      [](const auto& line) { return line.record.starts_with("therapist/"); }));
  }

  static std::string record_of(const DirectoryEntry& entry) {
    return "therapist/" + std::to_string(entry.id);
  }
};

TEST_P(DirectoryTest, PutListGetAndRemove) {
  std::vector<DirectoryEntry> given = demo_entries(3);
  std::swap(given[0], given[2]);  // listed in code order, returned in the order given
  auto put = directory().put_therapists(actor_, clinic_, given, false);
  ASSERT_TRUE(put.ok()) << put.error().describe();
  ASSERT_EQ(put->size(), 3U);
  for (std::size_t i = 0; i < given.size(); ++i) {
    const DirectoryEntry& stored = (*put)[i];
    expect_same_entry(stored, given[i]);
    EXPECT_GT(stored.id, 0);
    EXPECT_EQ(stored.clinic, clinic_);
    EXPECT_EQ(stored.updated_at, clock_.now());
    auto line = audit_line(record_of(stored));
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->action, "create");
    EXPECT_EQ(line->actor, actor_.name);
  }
  EXPECT_EQ(codes(clinic_), (std::vector<std::string>{"lr-001", "lr-002", "lr-003"}));
  for (const DirectoryEntry& entry : listed(clinic_)) {
    const auto same = std::find_if(put->begin(), put->end(), [&](const DirectoryEntry& stored) {
      return stored.id == entry.id;
    });
    ASSERT_NE(same, put->end());
    expect_same_entry(entry, *same);
  }

  const DirectoryEntry& middle = (*put)[1];
  auto found = directory().therapist_entry(middle.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  expect_same_entry(**found, middle);
  EXPECT_EQ((*found)->clinic, clinic_);
  EXPECT_EQ((*found)->id, middle.id);

  auto removed = directory().remove_therapist(actor_, middle.id);
  ASSERT_TRUE(removed.ok()) << removed.error().describe();
  EXPECT_EQ(audit_line(record_of(middle))->action, "erase");
  EXPECT_EQ(*directory().therapist_entry(middle.id), std::nullopt);
  EXPECT_EQ(codes(clinic_), (std::vector<std::string>{"lr-001", "lr-003"}));
  auto again = directory().remove_therapist(actor_, middle.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "not_found");
}

TEST_P(DirectoryTest, ADuplicateCodeIsRefusedAndNothingIsWritten) {
  ASSERT_TRUE(directory().put_therapists(actor_, clinic_, demo_entries(2), false).ok());
  const std::size_t audited = directory_audit_lines();
  std::vector<DirectoryEntry> more = demo::demo_directory();
  more = {more[5], more[6], more[1]};  // lr-002 is in the directory already
  auto put = directory().put_therapists(actor_, clinic_, more, false);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, "duplicate");
  EXPECT_EQ(put.error().where, "therapists[2].id");
  EXPECT_EQ(codes(clinic_), (std::vector<std::string>{"lr-001", "lr-002"}));
  EXPECT_EQ(directory_audit_lines(), audited);
}

TEST_P(DirectoryTest, ReplaceUpdatesTheEntryOfTheSameCode) {
  auto first = directory().put_therapists(actor_, clinic_, demo_entries(2), false);
  ASSERT_TRUE(first.ok());
  std::vector<DirectoryEntry> changed = demo_entries(1);
  changed[0].therapist.rating = 3.5;
  changed[0].therapist.review_count = 401;
  changed[0].therapist.openings_per_week = 0;
  changed[0].address = "5 New Street, Lonerock";
  changed[0].therapist.price_count = 1;
  changed[0].therapist.prices[0] = {45, 7000};
  clock_.set(clock_.now() + kHour);
  auto replaced = directory().put_therapists(actor_, clinic_, changed, true);
  ASSERT_TRUE(replaced.ok()) << replaced.error().describe();
  ASSERT_EQ(replaced->size(), 1U);
  EXPECT_EQ((*replaced)[0].id, (*first)[0].id);
  EXPECT_EQ((*replaced)[0].updated_at, clock_.now());
  const auto stored = *directory().therapist_entry((*first)[0].id);
  ASSERT_TRUE(stored.has_value());
  expect_same_entry(*stored, changed[0]);
  EXPECT_EQ(stored->updated_at, clock_.now());
  EXPECT_EQ(audit_line(record_of(*stored))->action, "update");
  EXPECT_EQ(listed(clinic_).size(), 2U);
}

TEST_P(DirectoryTest, TheLinkedAccountMustBeATherapistOfTheClinic) {
  const store::Account therapist = add_account("theo", Role::therapist, clinic_);
  const store::Account clinician = add_account("cleo", Role::clinician, clinic_);
  auto south = accounts().create_clinic_with_admin(
      actor_, "South",
      {"south-admin", "Sam South", kHash, roles_of(Role::admin), std::nullopt, std::nullopt});
  ASSERT_TRUE(south.ok());
  const store::Account elsewhere = add_account("tess", Role::therapist, *south->clinic);

  const auto refused = [&](store::AccountId account, const std::string& why) {
    std::vector<DirectoryEntry> entries = demo_entries(2);
    entries[1].account = account;
    auto put = directory().put_therapists(actor_, clinic_, entries, false);
    ASSERT_FALSE(put.ok()) << account;
    EXPECT_EQ(put.error().code, "invalid");
    EXPECT_EQ(put.error().where, "therapists[1].account");
    EXPECT_EQ(put.error().message, "account " + std::to_string(account) + " " + why);
    EXPECT_TRUE(listed(clinic_).empty());
  };
  refused(clinician.id, "is not a therapist");
  refused(elsewhere.id, "does not belong to the clinic");
  refused(elsewhere.id + 100, "does not exist");

  std::vector<DirectoryEntry> entries = demo_entries(2);
  entries[1].account = therapist.id;
  auto put = directory().put_therapists(actor_, clinic_, entries, false);
  ASSERT_TRUE(put.ok()) << put.error().describe();
  EXPECT_EQ((*put)[1].account, therapist.id);
  EXPECT_EQ((*directory().therapist_entry((*put)[1].id))->account, therapist.id);
  EXPECT_EQ((*directory().therapist_entry((*put)[0].id))->account, std::nullopt);
}

TEST_P(DirectoryTest, AnUnknownClinicOrABadEntryIsRefused) {
  auto nowhere = directory().put_therapists(actor_, clinic_ + 100, demo_entries(1), false);
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "not_found");
  EXPECT_EQ(directory().therapists_of_clinic(clinic_ + 100).error().code, "not_found");

  std::vector<DirectoryEntry> entries = demo_entries(3);
  entries[2].therapist.rating = 5.5;
  auto bad = directory().put_therapists(actor_, clinic_, entries, false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid");
  EXPECT_EQ(bad.error().where, "therapists[2].rating");
  EXPECT_TRUE(listed(clinic_).empty());
  EXPECT_EQ(*directory().therapist_entry(12345), std::nullopt);
}

TEST_P(DirectoryTest, EachClinicHasItsOwnDirectory) {
  auto south = accounts().create_clinic_with_admin(
      actor_, "South",
      {"south-admin", "Sam South", kHash, roles_of(Role::admin), std::nullopt, std::nullopt});
  ASSERT_TRUE(south.ok());
  const store::ClinicId other = *south->clinic;
  ASSERT_TRUE(directory().put_therapists(actor_, clinic_, demo_entries(2), false).ok());
  auto there = directory().put_therapists(actor_, other, demo_entries(1), false);
  ASSERT_TRUE(there.ok()) << there.error().describe();
  EXPECT_EQ((*there)[0].clinic, other);
  EXPECT_EQ(codes(clinic_), (std::vector<std::string>{"lr-001", "lr-002"}));
  EXPECT_EQ(codes(other), (std::vector<std::string>{"lr-001"}));
}

TEST_P(DirectoryTest, TheWholeDemoDirectoryIsStored) {
  const std::vector<DirectoryEntry> given = demo::demo_directory();
  auto put = directory().put_therapists(actor_, clinic_, given, false);
  ASSERT_TRUE(put.ok()) << put.error().describe();
  const std::vector<DirectoryEntry> entries = listed(clinic_);
  ASSERT_EQ(entries.size(), given.size());
  for (std::size_t i = 0; i < given.size(); ++i) expect_same_entry(entries[i], given[i]);
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& backend) { return backend_name(backend.param); });

// `demo load` fills the demo clinic's directory and links the demo
// therapist's account to the first entry.
class DemoDirectoryCli : public CliTest {
 protected:
  TestDatabase database_{Backend::sqlite};
};

TEST_F(DemoDirectoryCli, DemoLoadFillsTheDirectory) {
  const std::string load = "--database '" + database_.url() + "' demo load --if-empty";
  const Outcome loaded = run(load);
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_NE(loaded.out.find("Demo directory: 30 invented therapists around Lonerock"),
            std::string::npos)
      << loaded.out;
  const store::SystemClock clock;
  const auto store = database_.open(clock);
  ASSERT_NE(store, nullptr);
  auto therapist = store->accounts().credentials("demo.therapist");
  ASSERT_TRUE(therapist.ok() && therapist->has_value());
  const store::Account& account = (*therapist)->account;
  auto entries = store->directory().therapists_of_clinic(*account.clinic);
  ASSERT_TRUE(entries.ok()) << entries.error().describe();
  ASSERT_EQ(entries->size(), 30U);
  EXPECT_EQ(entries->front().therapist.id, "lr-001");
  EXPECT_EQ(entries->front().account, account.id);
  EXPECT_TRUE(std::all_of(entries->begin() + 1, entries->end(),
                          [](const DirectoryEntry& entry) { return !entry.account; }));

  const Outcome again = run(load);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "");
}

}  // namespace
}  // namespace mn::testing
