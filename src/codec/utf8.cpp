#include "codec/utf8.hpp"

namespace mn::codec {

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 0;
    unsigned lowest = 0x80;   // smallest allowed second byte
    unsigned highest = 0xBF;  // largest allowed second byte
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) lowest = 0xA0;   // overlong
      if (lead == 0xED) highest = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) lowest = 0x90;   // overlong
      if (lead == 0xF4) highest = 0x8F;  // above U+10FFFF
    } else {
      return at;
    }
    if (text.size() - at < length) return at;
    for (std::size_t i = 1; i < length; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      const unsigned low = i == 1 ? lowest : 0x80;
      const unsigned high = i == 1 ? highest : 0xBF;
      if (next < low || next > high) return at;
    }
    at += length;
  }
  return std::nullopt;
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

}  // namespace mn::codec
