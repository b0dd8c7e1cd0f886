#pragma once

// Internal to src/codec: the names of a directory entry's trainings and
// styles, as the CSV (directory_csv.cpp) and the JSON (directory_json.cpp)
// write and read them.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/style.hpp"
#include "core/therapist.hpp"

namespace mn::codec::directory_names {

// The styles a therapist can offer, in the order they are written.
inline constexpr std::array kOfferedStyles{core::Style::therapeutic, core::Style::relaxation};

// The bit of a training or style name; nullopt for a name that is none.
inline std::optional<std::uint8_t> training_bit_by_name(std::string_view name) {
  const auto training = core::training_by_name(name);
  if (!training) return std::nullopt;
  return core::training_bit(*training);
}
inline std::optional<std::uint8_t> style_bit_by_name(std::string_view name) {
  for (const core::Style style : kOfferedStyles) {
    if (core::style_name(style) == name) return core::style_bit(style);
  }
  return std::nullopt;
}

// The names of the bits set, in enum order.
inline std::vector<std::string_view> training_names(core::TrainingMask training) {
  std::vector<std::string_view> names;
  names.reserve(core::kTrainingCount);
  for (std::size_t t = 0; t < core::kTrainingCount; ++t) {
    if ((training & core::training_bit(static_cast<core::Training>(t))) != 0) {
      names.push_back(core::kTrainingNames[t]);
    }
  }
  return names;
}
inline std::vector<std::string_view> style_names(core::StyleMask styles) {
  std::vector<std::string_view> names;
  names.reserve(kOfferedStyles.size());
  for (const core::Style style : kOfferedStyles) {
    if ((styles & core::style_bit(style)) != 0) names.push_back(core::style_name(style));
  }
  return names;
}

// For messages: "medical_massage, sports_massage, ..., lymphatic".
inline std::string known_trainings() {
  std::string known;
  for (const std::string_view name : core::kTrainingNames) {
    known += (known.empty() ? "" : ", ") + std::string(name);
  }
  return known;
}

}  // namespace mn::codec::directory_names
