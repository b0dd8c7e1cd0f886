#include "codec/json_writer.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "codec/utf8.hpp"

namespace mn::codec {

namespace {

// The most one input byte can become: a control character's "\u001f".
constexpr std::size_t kMaxEscapedBytes = 6;

constexpr char kReplacement[] = {'\xEF', '\xBF', '\xBD'};  // U+FFFD in UTF-8

// Writes the escape of a byte below 0x20, '"' or '\\' as nlohmann does.
char* write_escape(char* out, unsigned char c) {
  *out++ = '\\';
  switch (c) {
    case '\b':
      *out++ = 'b';
      return out;
    case '\t':
      *out++ = 't';
      return out;
    case '\n':
      *out++ = 'n';
      return out;
    case '\f':
      *out++ = 'f';
      return out;
    case '\r':
      *out++ = 'r';
      return out;
    case '"':
    case '\\':
      *out++ = static_cast<char>(c);
      return out;
    default: {
      constexpr const char* kHex = "0123456789abcdef";
      const char escape[] = {'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      std::memcpy(out, escape, sizeof escape);
      return out + sizeof escape;
    }
  }
}

// Whether any of the eight bytes in `word` is below 0x20, a quote, a
// backslash or 0x80 and above (the classic SWAR byte tests; each is exact as
// a yes/no answer, whatever the byte order).
bool needs_attention(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHigh = 0x8080808080808080;
  auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHigh;
  return ((word & kHigh) | control | has_zero(word ^ (kOnes * '"')) |
          has_zero(word ^ (kOnes * '\\'))) != 0;
}

// Writes `text` as a string literal, quotes included; `out` has room for
// kMaxEscapedBytes per byte of text and the quotes.
char* write_string(char* out, std::string_view text) {
  *out++ = '"';
  std::size_t at = 0;
  while (at < text.size()) {
    // Most text is plain ASCII: copy it eight bytes at a time.
    while (text.size() - at >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, sizeof word);
      if (needs_attention(word)) break;
      std::memcpy(out, &word, sizeof word);
      out += sizeof word;
      at += sizeof word;
    }
    if (at == text.size()) break;
    // The last few bytes: test the text's last eight at once. Clean bytes
    // before them were copied as they are, so writing all eight over their
    // copies changes nothing.
    if (const std::size_t left = text.size() - at; left < 8 && text.size() >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + text.size() - 8, sizeof word);
      if (!needs_attention(word)) {
        std::memcpy(out - (8 - left), &word, sizeof word);
        out += left;
        break;
      }
    }
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      *out++ = static_cast<char>(c);
      ++at;
    } else if (c < 0x80) {
      out = write_escape(out, c);
      ++at;
    } else {
      std::size_t skip = 0;
      if (const std::size_t length = utf8_sequence_length(text, at, skip); length != 0) {
        std::memcpy(out, text.data() + at, length);
        out += length;
        at += length;
      } else {
        std::memcpy(out, kReplacement, sizeof kReplacement);
        out += sizeof kReplacement;
        at += skip;
      }
    }
  }
  *out++ = '"';
  return out;
}

// Writes `count` spaces, and up to 15 more past them (`out` has room): whole
// 16-byte stores beat a call to memset for the few spaces of an indentation.
char* write_spaces(char* out, std::size_t count) {
  for (std::size_t done = 0; done < count; done += 16) std::fill_n(out + done, 16, ' ');
  return out + count;
}

}  // namespace

JsonWriter::JsonWriter(std::size_t expected_size) { buffer_.resize(expected_size); }

char* JsonWriter::reserve(std::size_t bytes) {
  if (buffer_.size() - end_ < bytes) buffer_.resize(std::max(buffer_.size() * 2, end_ + bytes));
  return buffer_.data() + end_;
}

void JsonWriter::append(std::string_view text) {
  std::memcpy(reserve(text.size()), text.data(), text.size());
  end_ += text.size();
}

void JsonWriter::separate() {
  const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
  const bool first = (nonempty_ & bit) == 0;
  nonempty_ |= bit;
  const auto indent = static_cast<std::size_t>(depth_) * 2;
  char* out = reserve(indent + 2 + 16);
  if (!first) *out++ = ',';
  *out++ = '\n';
  end_ = static_cast<std::size_t>(write_spaces(out, indent) - buffer_.data());
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  // Inside an object a value must follow its key.
  assert(!(objects_ >> (depth_ - 1) & 1U));
  separate();
}

void JsonWriter::begin(char bracket) {
  before_value();
  assert(depth_ < kMaxDepth);  // deeper nesting than the bit sets hold
  *reserve(1) = bracket;
  ++end_;
  const std::uint64_t bit = std::uint64_t{1} << depth_;
  ++depth_;
  nonempty_ &= ~bit;
  if (bracket == '{')
    objects_ |= bit;
  else
    objects_ &= ~bit;
}

void JsonWriter::end(char bracket) {
  // A container closed that is not open, or an object closed after a key.
  assert(depth_ > 0 && !after_key_);
  const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
  assert(((objects_ & bit) != 0) == (bracket == '}'));  // the other kind is open
  --depth_;
  const auto indent = static_cast<std::size_t>(depth_) * 2;
  char* out = reserve(indent + 2 + 16);
  if ((nonempty_ & bit) != 0) {
    *out++ = '\n';
    out = write_spaces(out, indent);
  }
  *out++ = bracket;
  end_ = static_cast<std::size_t>(out - buffer_.data());
}

void JsonWriter::begin_object() { begin('{'); }
void JsonWriter::end_object() { end('}'); }
void JsonWriter::begin_array() { begin('['); }
void JsonWriter::end_array() { end(']'); }

void JsonWriter::key(std::string_view name) {
  // Keys belong inside an object, one per value.
  assert(depth_ > 0 && (objects_ >> (depth_ - 1) & 1U) && !after_key_);
  separate();
  char* out = write_string(reserve(name.size() * kMaxEscapedBytes + 4), name);
  *out++ = ':';
  *out++ = ' ';
  end_ = static_cast<std::size_t>(out - buffer_.data());
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  const char* out = write_string(reserve(text.size() * kMaxEscapedBytes + 2), text);
  end_ = static_cast<std::size_t>(out - buffer_.data());
}

void JsonWriter::integer(std::int64_t value) {
  before_value();
  char* out = reserve(24);
  end_ = static_cast<std::size_t>(std::to_chars(out, out + 24, value).ptr - buffer_.data());
}

void JsonWriter::number(double value) {
  before_value();
  // nlohmann's own Grisu2 formatting: not always the shortest digits, so
  // std::to_chars would differ in rare cases. Doubles are rare in our
  // documents; the temporary string does not matter.
  append(nlohmann::json(value).dump());
}

void JsonWriter::boolean(bool value) {
  before_value();
  append(value ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  append("null");
}

std::string JsonWriter::finish() {
  assert(depth_ == 0 && !after_key_);  // every container closed
  buffer_.resize(end_);
  end_ = 0;
  nonempty_ = 0;
  return std::move(buffer_);
}

}  // namespace mn::codec
