#include "codec/directory_json.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "codec/api_json.hpp"
#include "codec/directory_names.hpp"
#include "codec/field_reader.hpp"
#include "codec/record_json.hpp"
#include "codec/utc_time.hpp"

namespace mn::codec {

namespace {

using directory_names::style_bit_by_name;
using directory_names::training_bit_by_name;
using strict_json::element_path;
using strict_json::FieldReader;
using strict_json::in_quotes;
using strict_json::json;
using strict_json::member_path;
using strict_json::TextRules;
using Written = record_json::json;

constexpr std::int64_t kCentsPerUnit = 100;
// Texts are checked by store::check_directory_entry, as for the CSV.
constexpr TextRules kAnyText{};
// check_directory_entry's own limits come after these, which only keep the
// values within their types.
constexpr int kMaxOpeningsPerWeek = 50;
constexpr double kMaxPriceRead = 1e7;
// How far price * 100 may lie from whole cents: a price written with two
// decimals is within this after the binary rounding of its decimal text.
constexpr double kCentsTolerance = 1e-6;

constexpr std::string_view kBatchRequired[] = {"therapists"};
constexpr std::string_view kEntryRequired[] = {"code",
                                               "name",
                                               "board_certified",
                                               "training",
                                               "styles",
                                               "accepts_medical_input",
                                               "setting",
                                               "location",
                                               "address",
                                               "prices",
                                               "openings_per_week",
                                               "review_count",
                                               "rating"};
constexpr std::string_view kEntryOptional[] = {"practice", "licence", "account"};
// What directory_entry_to_json writes but only the server sets.
constexpr std::string_view kEntryServerFields[] = {"id", "updated_at"};
constexpr std::string_view kLocationRequired[] = {"latitude", "longitude"};
constexpr std::string_view kPriceRequired[] = {"minutes", "price"};

// ---- Writing -------------------------------------------------------------------

Written names_json(const std::vector<std::string_view>& names) {
  Written array = Written::array();
  for (const std::string_view name : names) array.push_back(name);
  return array;
}

// Whole units as an integer (45), others as a decimal (80.5).
Written price_json(std::uint32_t cents) {
  if (cents % kCentsPerUnit == 0) return cents / kCentsPerUnit;
  return static_cast<double>(cents) / static_cast<double>(kCentsPerUnit);
}

Written prices_json(const core::Therapist& therapist) {
  Written array = Written::array();
  for (std::size_t i = 0; i < therapist.price_count; ++i) {
    const core::SessionPrice& price = therapist.prices[i];
    array.push_back(Written{{"minutes", price.minutes}, {"price", price_json(price.cents)}});
  }
  return array;
}

Written entry_json(const store::DirectoryEntry& entry) {
  const core::Therapist& therapist = entry.therapist;
  Written object{{"id", entry.id},
                 {"code", therapist.id},
                 {"name", therapist.name},
                 {"practice", therapist.practice}};
  if (!therapist.licence.empty()) object["licence"] = therapist.licence;
  object["board_certified"] = therapist.board_certified;
  object["training"] = names_json(directory_names::training_names(therapist.training));
  object["styles"] = names_json(directory_names::style_names(therapist.styles));
  object["accepts_medical_input"] = therapist.accepts_medical_input;
  object["setting"] = core::setting_name(therapist.setting);
  object["location"] = Written{{"latitude", therapist.location.latitude},
                               {"longitude", therapist.location.longitude}};
  object["address"] = entry.address;
  object["prices"] = prices_json(therapist);
  object["openings_per_week"] = therapist.openings_per_week;
  object["review_count"] = therapist.review_count;
  object["rating"] = therapist.rating;
  if (entry.account) object["account"] = *entry.account;
  object["updated_at"] = format_utc(entry.updated_at);
  return object;
}

// ---- Reading -------------------------------------------------------------------

// The names in the list `name`, as a bit set.
template <class Lookup>
std::uint8_t read_names(FieldReader& fields, std::string_view name, Lookup lookup,
                        const std::string& what) {
  const json* list = fields.array_member(name);
  if (list == nullptr) return 0;
  const std::string path = member_path(fields.path(), name);
  std::uint8_t bits = 0;
  for (std::size_t i = 0; i < list->size() && !fields.error(); ++i) {
    const json& item = (*list)[i];
    const auto refuse = [&](std::string message) {
      fields.fail(Error{"invalid", element_path(path, i), std::move(message)});
    };
    if (!item.is_string()) {
      refuse("must be a string, not " + strict_json::describe_type(item));
      break;
    }
    const auto& text = item.get_ref<const std::string&>();
    const std::optional<std::uint8_t> bit = lookup(text);
    if (!bit) {
      refuse(in_quotes(text) + " is not " + what);
    } else if ((bits & *bit) != 0) {
      refuse("names " + in_quotes(text) + " a second time");
    } else {
      bits = static_cast<std::uint8_t>(bits | *bit);
    }
  }
  return bits;
}

void read_setting(FieldReader& fields, core::Therapist& therapist) {
  std::string text;
  fields.text("setting", kAnyText, text);
  if (fields.error()) return;
  if (const auto setting = core::setting_by_name(text)) {
    therapist.setting = *setting;
  } else {
    fields.fail("setting", "must be calm or clinical, not " + in_quotes(text));
  }
}

void read_location(FieldReader& fields, core::Therapist& therapist) {
  const json* location = fields.object_member("location");
  if (location == nullptr) return;
  FieldReader point(*location, member_path(fields.path(), "location"));
  point.expect_members(kLocationRequired, {});
  std::optional<double> latitude;
  std::optional<double> longitude;
  point.number("latitude", latitude);
  point.number("longitude", longitude);
  if (point.error()) return fields.fail(*point.error());
  therapist.location = {latitude.value_or(0), longitude.value_or(0)};
}

// One {"minutes", "price"}; nullopt after a problem, kept by `fields`.
std::optional<core::SessionPrice> read_price(FieldReader& fields, const json& value,
                                             const std::string& path) {
  FieldReader price(value, path);
  price.expect_members(kPriceRequired, {});
  int minutes = 0;
  std::optional<double> units;
  price.integer("minutes", 0, std::numeric_limits<std::uint16_t>::max(), minutes);
  price.number("price", units);
  if (!price.error() && units) {
    const double cents = *units * static_cast<double>(kCentsPerUnit);
    if (*units < 0 || *units > kMaxPriceRead) {
      price.fail("price", "must be a price above 0 in currency units");
    } else if (std::abs(cents - std::round(cents)) > kCentsTolerance) {
      price.fail("price", "must have at most two decimals");
    } else {
      return core::SessionPrice{static_cast<std::uint16_t>(minutes),
                                static_cast<std::uint32_t>(std::lround(cents))};
    }
  }
  if (price.error()) fields.fail(*price.error());
  return std::nullopt;
}

void read_prices(FieldReader& fields, core::Therapist& therapist) {
  const json* prices = fields.array_member("prices");
  if (prices == nullptr) return;
  if (prices->size() > core::kMaxSessionPrices) {
    return fields.fail("prices", "at most " + std::to_string(core::kMaxSessionPrices) +
                                     " session lengths, not " + std::to_string(prices->size()));
  }
  const std::string path = member_path(fields.path(), "prices");
  therapist.price_count = 0;
  for (std::size_t i = 0; i < prices->size(); ++i) {
    const auto price = read_price(fields, (*prices)[i], element_path(path, i));
    if (!price) return;
    therapist.prices[therapist.price_count++] = *price;
  }
}

void read_account(FieldReader& fields, store::DirectoryEntry& entry) {
  const json* account = fields.member("account");
  if (account == nullptr) return;
  const bool positive =
      account->is_number_unsigned()
          ? account->get<std::uint64_t>() > 0 &&
                account->get<std::uint64_t>() <=
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
          : account->is_number_integer() && account->get<std::int64_t>() > 0;
  if (!positive) {
    return fields.fail("account", "must be an account id (a positive integer), not " +
                                      strict_json::describe_type(*account));
  }
  entry.account = account->get<std::int64_t>();
}

// check_directory_entry's field at the entry's JSON path: the code is
// "code" and the coordinates sit in "location".
Error at_json_path(Error error, const std::string& path) {
  if (error.where == path + ".id") {
    error.where = path + ".code";
  } else if (error.where == path + ".latitude" || error.where == path + ".longitude") {
    error.where.insert(path.size() + 1, "location.");
  }
  return error;
}

// The entry at `path`, read and then checked.
std::optional<Error> read_entry(const json& value, const std::string& path,
                                store::DirectoryEntry& entry) {
  FieldReader fields(value, path);
  for (const std::string_view name : kEntryServerFields) {
    if (fields.member(name) != nullptr) fields.fail(name, "is set by the server; leave it out");
  }
  fields.expect_members(kEntryRequired, kEntryOptional);
  core::Therapist& therapist = entry.therapist;
  fields.text("code", kAnyText, therapist.id);
  fields.text("name", kAnyText, therapist.name);
  fields.text("practice", kAnyText, therapist.practice);
  fields.text("licence", kAnyText, therapist.licence);
  std::optional<bool> board_certified;
  fields.boolean("board_certified", board_certified);
  therapist.training = read_names(fields, "training", training_bit_by_name,
                                  "a training (" + directory_names::known_trainings() + ")");
  therapist.styles =
      read_names(fields, "styles", style_bit_by_name, "a style (therapeutic, relaxation)");
  std::optional<bool> accepts_medical_input;
  fields.boolean("accepts_medical_input", accepts_medical_input);
  read_setting(fields, therapist);
  read_location(fields, therapist);
  fields.text("address", kAnyText, entry.address);
  read_prices(fields, therapist);
  int openings = 0;
  fields.integer("openings_per_week", 0, kMaxOpeningsPerWeek, openings);
  int reviews = 0;
  fields.integer("review_count", 0, std::numeric_limits<int>::max(), reviews);
  std::optional<double> rating;
  fields.number("rating", rating);
  read_account(fields, entry);
  if (fields.error()) return fields.error();
  therapist.board_certified = board_certified.value_or(false);
  therapist.accepts_medical_input = accepts_medical_input.value_or(false);
  therapist.openings_per_week = static_cast<std::uint8_t>(openings);
  therapist.review_count = static_cast<std::uint32_t>(reviews);
  therapist.rating = rating.value_or(0);
  if (auto problem = store::check_directory_entry(entry, path)) {
    return at_json_path(*std::move(problem), path);
  }
  return std::nullopt;
}

}  // namespace

std::string directory_entry_to_json(const store::DirectoryEntry& entry) {
  return record_json::dump(entry_json(entry), -1);
}

std::string directory_to_json(const std::vector<store::DirectoryEntry>& entries) {
  Written array = Written::array();
  for (const store::DirectoryEntry& entry : entries) array.push_back(entry_json(entry));
  return record_json::dump(Written{{"therapists", std::move(array)}}, -1);
}

Result<std::vector<store::DirectoryEntry>> parse_directory_entries(std::string_view body) {
  const Result<json> document = strict_json::parse(body, kMaxBodyBytes, kMaxBodyDepth);
  if (!document) return document.error();
  FieldReader fields(*document, "");
  fields.expect_members(kBatchRequired, {});
  const json* entries = fields.array_member("therapists");
  if (fields.error()) return *fields.error();
  if (entries->empty() || entries->size() > kMaxDirectoryBatch) {
    return Error{"invalid", "therapists",
                 "must list 1.." + std::to_string(kMaxDirectoryBatch) + " therapists, not " +
                     std::to_string(entries->size())};
  }
  std::vector<store::DirectoryEntry> result(entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    if (auto error = read_entry((*entries)[i], element_path("therapists", i), result[i])) {
      return *std::move(error);
    }
  }
  return result;
}

}  // namespace mn::codec
