#include "codec/field_reader.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "codec/utc_time.hpp"
#include "codec/utf8.hpp"

namespace mn::codec::strict_json {

namespace {

std::string range_text(int min, int max) {
  return std::to_string(min) + ".." + std::to_string(max);
}

}  // namespace

FieldReader::FieldReader(const json& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) fail("", "must be an object, not " + describe_type(object_));
}

void FieldReader::expect_members(std::span<const std::string_view> required,
                                 std::span<const std::string_view> optional) {
  if (error_) return;
  const auto listed = [&](std::string_view name) {
    return std::find(required.begin(), required.end(), name) != required.end() ||
           std::find(optional.begin(), optional.end(), name) != optional.end();
  };
  for (const auto& [name, value] : object_.items()) {
    if (listed(name)) continue;
    std::string known;
    for (const auto list : {required, optional}) {
      for (const std::string_view known_name : list) {
        known += (known.empty() ? "" : ", ") + std::string(known_name);
      }
    }
    return fail(name, "unknown field " + in_quotes(name) + "; expected one of: " + known);
  }
  for (const std::string_view name : required) {
    if (!object_.contains(name)) return fail(name, "is required");
  }
}

const json* FieldReader::member(std::string_view name) const {
  if (error_) return nullptr;
  const auto found = object_.find(name);
  return found == object_.end() ? nullptr : &*found;
}

template <class Check>
const json* FieldReader::typed_member(std::string_view name, const char* expected, Check check) {
  const json* value = member(name);
  if (value == nullptr || check(*value)) return value;
  fail(name, std::string("must be ") + expected + ", not " + describe_type(*value));
  return nullptr;
}

const json* FieldReader::object_member(std::string_view name) {
  return typed_member(name, "an object",
                      [](const json& candidate) { return candidate.is_object(); });
}

const json* FieldReader::array_member(std::string_view name) {
  return typed_member(name, "a list", [](const json& candidate) { return candidate.is_array(); });
}

void FieldReader::integer(std::string_view name, int min, int max, int& out) {
  std::optional<int> value;
  integer(name, min, max, value);
  if (value) out = *value;
}

void FieldReader::integer(std::string_view name, int min, int max, std::optional<int>& out) {
  const json* value = member(name);
  if (value == nullptr) return;
  const std::string range = range_text(min, max);
  const auto out_of_range = [&] {
    fail(name, "must be a whole number " + range + ", not '" + value->dump() + "'");
  };
  // An integer too large for 64 bits reaches here as a double: it is out of
  // range rather than of the wrong type.
  constexpr double kBeyond64Bits = 9.2e18;
  if (value->is_number_float() && std::abs(value->get<double>()) >= kBeyond64Bits) {
    return out_of_range();
  }
  if (!value->is_number_integer()) {
    return fail(name, "must be an integer " + range + ", not " + describe_type(*value));
  }
  // Compared as the widest type of its sign, so that no value wraps.
  const auto fits = [&](std::int64_t number) { return number >= min && number <= max; };
  constexpr auto kLargestSigned =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  const bool in_range = value->is_number_unsigned()
                            ? value->get<std::uint64_t>() <= kLargestSigned &&
                                  fits(static_cast<std::int64_t>(value->get<std::uint64_t>()))
                            : fits(value->get<std::int64_t>());
  if (!in_range) return out_of_range();
  out = value->get<int>();
}

void FieldReader::number(std::string_view name, std::optional<double>& out) {
  const json* value =
      typed_member(name, "a number", [](const json& candidate) { return candidate.is_number(); });
  if (value == nullptr) return;
  const auto number = value->get<double>();
  out = number == 0 ? 0.0 : number;  // no -0
}

void FieldReader::boolean(std::string_view name, std::optional<bool>& out) {
  const json* value = typed_member(name, "a boolean (true or false)",
                                   [](const json& candidate) { return candidate.is_boolean(); });
  if (value != nullptr) out = value->get<bool>();
}

void FieldReader::text(std::string_view name, const TextRules& rules, std::string& out) {
  const json* value =
      typed_member(name, "a string", [](const json& candidate) { return candidate.is_string(); });
  if (value == nullptr) return;
  const auto& text = value->get_ref<const std::string&>();
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\0') return fail(name, "must not contain NUL characters");
    if (rules.one_line && (byte < 0x20 || byte == 0x7F)) {
      return fail(name, "must be one line without control characters");
    }
  }
  if (text.size() > rules.max_bytes) {
    return fail(name, "must be at most " + std::to_string(rules.max_bytes) + " bytes, not " +
                          std::to_string(text.size()));
  }
  const std::size_t characters = count_characters(text);
  if (characters > rules.max_characters) {
    return fail(name, "must be at most " + std::to_string(rules.max_characters) +
                          " characters, not " + std::to_string(characters));
  }
  out = text;
}

void FieldReader::time(std::string_view name, std::int64_t& out) {
  const json* value = typed_member(name, "a time such as 2026-11-27T20:15:00Z",
                                   [](const json& candidate) { return candidate.is_string(); });
  if (value == nullptr) return;
  const auto& text = value->get_ref<const std::string&>();
  const auto time = parse_utc(text);
  if (!time) {
    return fail(name,
                "must be a time such as 2026-11-27T20:15:00Z or 2026-11-27T21:15:00+01:00, not " +
                    in_quotes(text));
  }
  out = *time;
}

void FieldReader::fail(std::string_view name, std::string message) {
  if (error_) return;
  error_ =
      Error{"invalid", name.empty() ? (path_.empty() ? "body" : path_) : member_path(path_, name),
            std::move(message)};
}

void FieldReader::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

}  // namespace mn::codec::strict_json
