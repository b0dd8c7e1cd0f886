#include "web/form.hpp"

#include <algorithm>

#include "codec/utf8.hpp"

namespace mn::web {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      const int high = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
      if (high < 0 || low < 0) return false;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

// Text a person could have typed: UTF-8 without control characters other
// than tab, carriage return and line feed (which a textarea sends).
bool is_typed_text(std::string_view text) {
  if (codec::invalid_utf8_at(text)) return false;
  return std::ranges::none_of(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\r' && c != '\n') || byte == 0x7F;
  });
}

Error refused(std::string_view field, std::string message) {
  return Error{"invalid_form", std::string(field), std::move(message)};
}

}  // namespace

std::string_view Form::get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return {};
}

bool Form::has(std::string_view name) const {
  return std::ranges::any_of(fields_, [&](const auto& field) { return field.first == name; });
}

std::vector<std::string_view> Form::all(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& [key, value] : fields_) {
    if (key == name) values.emplace_back(value);
  }
  return values;
}

Result<Form> parse_form(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string name;
  std::string value;
  while (!body.empty()) {
    const std::size_t end = body.find('&');
    const std::string_view pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    if (pair.empty()) continue;
    if (fields.size() == kMaxFormFields) {
      return refused("", "more than " + std::to_string(kMaxFormFields) + " fields");
    }
    const std::size_t equals = pair.find('=');
    const std::string_view raw_name = pair.substr(0, equals);
    const std::string_view raw_value =
        equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
    if (!decode(raw_name, name) || !is_typed_text(name)) {
      return refused("", "a field name is not valid %-encoded UTF-8 text");
    }
    if (!decode(raw_value, value)) return refused(name, "a broken %-escape");
    if (!is_typed_text(value)) {
      return refused(name, "must be UTF-8 text without control characters");
    }
    fields.emplace_back(name, value);
  }
  return Form(std::move(fields));
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xFU];
    }
  }
  return out;
}

}  // namespace mn::web
