// SqlStore as Directory: a clinic's therapists and practices. Changes go to
// the audit trail (actor, "therapist/N"); reads are not audited: the
// directory holds no health data.
#include <array>
#include <charconv>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"
#include "store/validation.hpp"

namespace mn::store {

using sql::Row;
using sql::Value;

namespace {

constexpr std::string_view kColumns =
    "id, clinic_id, code, name, practice, licence, board_certified, training, styles, "
    "accepts_medical_input, setting, latitude, longitude, address, prices, openings_per_week, "
    "review_count, rating, account_id, updated_at";

// "30=4500;60=8000": minutes=cents per session length, shortest first.
std::string prices_text(const core::Therapist& therapist) {
  std::string text;
  for (std::size_t i = 0; i < therapist.price_count; ++i) {
    if (i > 0) text += ';';
    text += std::to_string(therapist.prices[i].minutes) + "=" +
            std::to_string(therapist.prices[i].cents);
  }
  return text;
}

// The inverse of prices_text; the stored text was checked when written, so a
// malformed one is a broken database.
void read_prices(std::string_view text, core::Therapist& therapist) {
  therapist.price_count = 0;
  while (!text.empty() && therapist.price_count < core::kMaxSessionPrices) {
    const std::size_t end = std::min(text.find(';'), text.size());
    const std::string_view part = text.substr(0, end);
    const std::size_t equals = part.find('=');
    core::SessionPrice& price = therapist.prices[therapist.price_count];
    if (equals == std::string_view::npos ||
        std::from_chars(part.data(), part.data() + equals, price.minutes).ec != std::errc() ||
        std::from_chars(part.data() + equals + 1, part.data() + part.size(), price.cents).ec !=
            std::errc()) {
      throw sql::DatabaseError(sql::DatabaseError::Kind::other,
                               "a stored price list is malformed: " + std::string(text));
    }
    ++therapist.price_count;
    text.remove_prefix(std::min(end + 1, text.size()));
  }
}

DirectoryEntry entry_from(const Row& row) {
  DirectoryEntry entry;
  entry.id = row.integer(0);
  entry.clinic = row.integer(1);
  core::Therapist& therapist = entry.therapist;
  therapist.id = row.text(2);
  therapist.name = row.text(3);
  therapist.practice = row.text(4);
  therapist.licence = row.text(5);
  therapist.board_certified = row.integer(6) != 0;
  therapist.training = static_cast<core::TrainingMask>(row.integer(7));
  therapist.styles = static_cast<core::StyleMask>(row.integer(8));
  therapist.accepts_medical_input = row.integer(9) != 0;
  therapist.setting = core::setting_by_name(row.text(10)).value_or(core::Setting::calm);
  therapist.location = {row.real(11), row.real(12)};
  entry.address = row.text(13);
  read_prices(row.text(14), therapist);
  therapist.openings_per_week = static_cast<std::uint8_t>(row.integer(15));
  therapist.review_count = static_cast<std::uint32_t>(row.integer(16));
  therapist.rating = row.real(17);
  entry.account = optional_integer(row, 18);
  entry.updated_at = row.integer(19);
  return entry;
}

std::string therapist_record(RecordId id) { return "therapist/" + std::to_string(id); }

}  // namespace

Directory& SqlStore::directory() { return *this; }

void SqlStore::check_directory_account(const DirectoryEntry& entry, ClinicId clinic,
                                       const std::string& where) {
  if (!entry.account) return;
  const auto account = find_account(*entry.account);
  const std::string named = "account " + std::to_string(*entry.account);
  const auto refuse = [&](const std::string& why) {
    throw Refusal{Error{"invalid", where + ".account", named + " " + why}};
  };
  if (!account) refuse("does not exist");
  if (!account->roles.has(Role::therapist)) refuse("is not a therapist");
  if (account->clinic != clinic) refuse("does not belong to the clinic");
}

Result<std::vector<DirectoryEntry>> SqlStore::put_therapists(
    const Actor& actor, ClinicId clinic, const std::vector<DirectoryEntry>& entries, bool replace) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (auto problem = check_directory_entry(entries[i], "therapists[" + std::to_string(i) + "]"))
      return *problem;
  }
  const Seconds now = clock_.now();
  return transact<std::vector<DirectoryEntry>>([&] {
    const std::array<Value, 1> clinic_key{clinic};
    if (connection_->query("SELECT 1 FROM clinics WHERE id = $1", clinic_key).empty()) {
      throw Refusal{unknown("clinic", clinic)};
    }
    std::vector<DirectoryEntry> stored;
    stored.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string where = "therapists[" + std::to_string(i) + "]";
      DirectoryEntry entry = entries[i];
      entry.clinic = clinic;
      entry.updated_at = now;
      check_directory_account(entry, clinic, where);
      const core::Therapist& t = entry.therapist;
      const std::array<Value, 2> code_key{clinic, t.id};
      const auto existing = connection_->query(
          "SELECT id FROM therapists WHERE clinic_id = $1 AND code = $2", code_key);
      if (!existing.empty() && !replace) {
        throw Refusal{Error{"duplicate", where + ".id",
                            "'" + t.id + "' is already in the clinic's directory"}};
      }
      const std::array<Value, 19> row{clinic,
                                      t.id,
                                      t.name,
                                      t.practice,
                                      t.licence,
                                      std::int64_t{t.board_certified ? 1 : 0},
                                      std::int64_t{t.training},
                                      std::int64_t{t.styles},
                                      std::int64_t{t.accepts_medical_input ? 1 : 0},
                                      std::string(core::setting_name(t.setting)),
                                      t.location.latitude,
                                      t.location.longitude,
                                      entry.address,
                                      prices_text(t),
                                      std::int64_t{t.openings_per_week},
                                      std::int64_t{t.review_count},
                                      t.rating,
                                      optional_value(entry.account),
                                      now};
      if (existing.empty()) {
        entry.id = connection_
                       ->query(
                           "INSERT INTO therapists (clinic_id, code, name, practice, licence, "
                           "board_certified, training, styles, accepts_medical_input, "
                           "setting, latitude, longitude, address, prices, "
                           "openings_per_week, review_count, rating, account_id, updated_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                           "$14, $15, $16, $17, $18, $19) RETURNING id",
                           row)
                       .at(0)
                       .integer(0);
        audit(actor, "create", std::nullopt, therapist_record(entry.id));
      } else {
        entry.id = existing.front().integer(0);
        connection_->query(
            "UPDATE therapists SET name = $3, practice = $4, licence = $5, board_certified = $6, "
            "training = $7, styles = $8, accepts_medical_input = $9, setting = $10, "
            "latitude = $11, longitude = $12, address = $13, prices = $14, "
            "openings_per_week = $15, review_count = $16, rating = $17, account_id = $18, "
            "updated_at = $19 WHERE clinic_id = $1 AND code = $2",
            row);
        audit(actor, "update", std::nullopt, therapist_record(entry.id));
      }
      stored.push_back(std::move(entry));
    }
    return stored;
  });
}

Result<std::vector<DirectoryEntry>> SqlStore::therapists_of_clinic(ClinicId clinic) {
  return read_only<std::vector<DirectoryEntry>>([&] {
    const std::array<Value, 1> key{clinic};
    if (connection_->query("SELECT 1 FROM clinics WHERE id = $1", key).empty()) {
      throw Refusal{unknown("clinic", clinic)};
    }
    std::vector<DirectoryEntry> entries;
    for (const Row& row :
         connection_->query("SELECT " + std::string(kColumns) +
                                " FROM therapists WHERE clinic_id = $1 ORDER BY code",
                            key)) {
      entries.push_back(entry_from(row));
    }
    return entries;
  });
}

Result<std::optional<DirectoryEntry>> SqlStore::therapist_entry(RecordId id) {
  return read_only<std::optional<DirectoryEntry>>([&]() -> std::optional<DirectoryEntry> {
    const std::array<Value, 1> key{id};
    const auto rows = connection_->query(
        "SELECT " + std::string(kColumns) + " FROM therapists WHERE id = $1", key);
    if (rows.empty()) return std::nullopt;
    return entry_from(rows.front());
  });
}

Result<bool> SqlStore::remove_therapist(const Actor& actor, RecordId id) {
  return transact<bool>([&] {
    const std::array<Value, 1> key{id};
    if (connection_->query("DELETE FROM therapists WHERE id = $1 RETURNING id", key).empty()) {
      throw Refusal{unknown("therapist", id)};
    }
    audit(actor, "erase", std::nullopt, therapist_record(id));
    return true;
  });
}

}  // namespace mn::store
