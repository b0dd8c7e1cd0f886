// The checks of a directory entry (declared in store/directory.hpp), shared
// by the store and the readers of CSV and JSON so that their errors read the
// same. Defined here, in mn_codec, because the readers may not link mn_store,
// and mn_store links mn_codec.
#include <algorithm>
#include <cmath>

#include "codec/utf8.hpp"
#include "store/directory.hpp"

namespace mn::store {

namespace {

constexpr std::size_t kMaxCodeLength = 64;
constexpr std::size_t kMaxAddressLength = 300;
constexpr int kMaxOpeningsPerWeek = 50;
constexpr std::uint32_t kMaxCents = 10'000'000;  // 100,000 in the currency: a typo
constexpr std::uint16_t kMinMinutes = 10;
constexpr std::uint16_t kMaxMinutes = 240;

Error invalid(const std::string& where, std::string_view field, std::string message) {
  return Error{"invalid", where + "." + std::string(field), std::move(message)};
}

bool is_code_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::optional<Error> check_text(const std::string& text, const std::string& where,
                                std::string_view field, std::size_t max, bool required) {
  if (required && text.empty()) return invalid(where, field, "must not be empty");
  if (codec::invalid_utf8_at(text)) return invalid(where, field, "must be UTF-8 text");
  if (codec::count_characters(text) > max) {
    return invalid(where, field, "must be at most " + std::to_string(max) + " characters");
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return invalid(where, field, "must not contain control characters");
    }
  }
  return std::nullopt;
}

std::optional<Error> check_prices(const core::Therapist& therapist, const std::string& where) {
  if (therapist.price_count == 0) return invalid(where, "prices", "must name at least one price");
  if (therapist.price_count > core::kMaxSessionPrices) {
    return invalid(where, "prices", "at most 4 session lengths");
  }
  for (std::size_t i = 0; i < therapist.price_count; ++i) {
    const core::SessionPrice& price = therapist.prices[i];
    if (price.minutes < kMinMinutes || price.minutes > kMaxMinutes) {
      return invalid(
          where, "prices",
          "session lengths must be 10..240 minutes, not " + std::to_string(price.minutes));
    }
    if (price.cents == 0 || price.cents > kMaxCents) {
      return invalid(where, "prices", "each price must be above 0 and at most 100000");
    }
    if (i > 0 && therapist.prices[i - 1].minutes >= price.minutes) {
      return invalid(where, "prices", "session lengths must be listed once each, shortest first");
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> check_directory_entry(const DirectoryEntry& entry, const std::string& where) {
  const core::Therapist& therapist = entry.therapist;
  if (therapist.id.empty() || therapist.id.size() > kMaxCodeLength ||
      !std::all_of(therapist.id.begin(), therapist.id.end(), is_code_character)) {
    return invalid(where, "id", "must be 1..64 letters, digits, '.', '_' or '-'");
  }
  if (auto problem = check_text(therapist.name, where, "name", 200, true)) return problem;
  if (auto problem = check_text(therapist.practice, where, "practice", 200, false)) return problem;
  if (auto problem = check_text(therapist.licence, where, "licence", 100, false)) return problem;
  if (auto problem = check_text(entry.address, where, "address", kMaxAddressLength, true)) {
    return problem;
  }
  if (therapist.training >= (1U << core::kTrainingCount)) {
    return invalid(where, "training", "names an unknown training");
  }
  const core::StyleMask offered =
      core::style_bit(core::Style::therapeutic) | core::style_bit(core::Style::relaxation);
  if (therapist.styles == 0 || (therapist.styles & ~offered) != 0) {
    return invalid(where, "styles", "must be therapeutic, relaxation or both");
  }
  if (!std::isfinite(therapist.location.latitude) || std::abs(therapist.location.latitude) > 90) {
    return invalid(where, "latitude", "must be -90..90 degrees");
  }
  if (!std::isfinite(therapist.location.longitude) ||
      std::abs(therapist.location.longitude) > 180) {
    return invalid(where, "longitude", "must be -180..180 degrees");
  }
  if (auto problem = check_prices(therapist, where)) return problem;
  if (therapist.openings_per_week > kMaxOpeningsPerWeek) {
    return invalid(where, "openings_per_week", "must be 0..50");
  }
  if (!std::isfinite(therapist.rating) || therapist.rating < 0 || therapist.rating > 5) {
    return invalid(where, "rating", "must be 0..5");
  }
  if (therapist.review_count == 0 && therapist.rating != 0) {
    return invalid(where, "rating", "must be 0 without reviews");
  }
  return std::nullopt;
}

}  // namespace mn::store
