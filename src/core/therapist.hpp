#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/style.hpp"

namespace mn::core {

// A therapist's entry in the directory: plain data, filled by whoever owns
// the directory (store, CSV import, demo data). Credentials are three
// different things (REFERENCES.md, "Interoperability"): a licence where
// massage is regulated, board certification, and specialty training.

// Specialty certificates and training, a fixed list: the knowledge base
// (knowledge/matching.yaml) names them and says which precautions and
// techniques each one serves.
enum class Training : std::uint8_t {
  medical_massage,
  sports_massage,
  myofascial_release,
  trigger_point_therapy,
  prenatal,
  oncology,
  lymphatic,
  count
};
inline constexpr std::size_t kTrainingCount = static_cast<std::size_t>(Training::count);

// A bit per Training.
using TrainingMask = std::uint8_t;
constexpr TrainingMask training_bit(Training training) {
  return static_cast<TrainingMask>(1U << static_cast<unsigned>(training));
}

// The room and manner of the practice.
enum class Setting : std::uint8_t { calm, clinical, count };
inline constexpr std::size_t kSettingCount = static_cast<std::size_t>(Setting::count);

// A bit per Setting.
using SettingMask = std::uint8_t;
constexpr SettingMask setting_bit(Setting setting) {
  return static_cast<SettingMask>(1U << static_cast<unsigned>(setting));
}

// A bit per Style; a therapist offers therapeutic and/or relaxation work.
using StyleMask = std::uint8_t;
constexpr StyleMask style_bit(Style style) {
  return static_cast<StyleMask>(1U << static_cast<unsigned>(style));
}

// A point on Earth in degrees (WGS 84): latitude -90..90, longitude -180..180.
struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// The price of one session length, in cents of the plan's currency.
struct SessionPrice {
  std::uint16_t minutes = 0;
  std::uint32_t cents = 0;
};
inline constexpr std::size_t kMaxSessionPrices = 4;

struct Therapist {
  std::string id;  // unique in the directory; the last tie-breaker of a ranking
  std::string name;
  std::string practice;
  std::string licence;  // empty: none on record (not every place regulates massage)
  bool board_certified = false;
  TrainingMask training = 0;
  StyleMask styles = 0;  // therapeutic and/or relaxation
  bool accepts_medical_input = false;
  Setting setting = Setting::calm;
  GeoPoint location;
  // The first `price_count` entries, by ascending minutes.
  std::array<SessionPrice, kMaxSessionPrices> prices{};
  std::uint8_t price_count = 0;
  // Sessions a week the therapist can give one new client.
  std::uint8_t openings_per_week = 0;
  std::uint32_t review_count = 0;
  double rating = 0;  // mean review, 0..5; not used when review_count is 0
};

// Names used in knowledge/matching.yaml and in output, in enum order.
inline constexpr std::array<std::string_view, kTrainingCount> kTrainingNames{
    "medical_massage", "sports_massage", "myofascial_release", "trigger_point_therapy",
    "prenatal",        "oncology",       "lymphatic"};
inline constexpr std::array<std::string_view, kSettingCount> kSettingNames{"calm", "clinical"};

inline std::string_view training_name(Training training) {
  return kTrainingNames[static_cast<std::size_t>(training)];
}
inline std::string_view setting_name(Setting setting) {
  return kSettingNames[static_cast<std::size_t>(setting)];
}
inline std::optional<Training> training_by_name(std::string_view name) {
  for (std::size_t t = 0; t < kTrainingCount; ++t) {
    if (kTrainingNames[t] == name) return static_cast<Training>(t);
  }
  return std::nullopt;
}
inline std::optional<Setting> setting_by_name(std::string_view name) {
  for (std::size_t s = 0; s < kSettingCount; ++s) {
    if (kSettingNames[s] == name) return static_cast<Setting>(s);
  }
  return std::nullopt;
}

}  // namespace mn::core
