#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mn::codec {

// The byte offset of the first byte that is not part of well-formed UTF-8
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or
// nullopt when all of `text` is.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// Characters as a person counts them: code points of well-formed UTF-8.
std::size_t count_characters(std::string_view text);

}  // namespace mn::codec
