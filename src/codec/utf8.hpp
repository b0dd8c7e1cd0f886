#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mn::codec {

// The byte offset of the first byte that is not part of well-formed UTF-8
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or
// nullopt when all of `text` is.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// The length of the well-formed UTF-8 sequence (RFC 3629) starting at
// text[at], a byte of 0x80 or above; or, when it is malformed, 0 with
// `skip` set to the bytes to replace by one U+FFFD: the lead byte and the
// continuation bytes that fitted it. nlohmann replaces the same bytes, then
// reads the byte that broke the sequence afresh. Inline: the JSON writer
// calls it for every character outside ASCII.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t at, std::size_t& skip) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  unsigned lowest = 0x80;   // smallest allowed second byte
  unsigned highest = 0xBF;  // largest allowed second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
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
    skip = 1;
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (at + i == text.size()) {
      skip = i;
      return 0;
    }
    const auto next = static_cast<unsigned char>(text[at + i]);
    if (next < (i == 1 ? lowest : 0x80) || next > (i == 1 ? highest : 0xBF)) {
      skip = i;
      return 0;
    }
  }
  return length;
}

// Characters as a person counts them: code points of well-formed UTF-8.
std::size_t count_characters(std::string_view text);

}  // namespace mn::codec
