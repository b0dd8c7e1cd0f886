#pragma once

// Internal to src/codec: the members of a parsed request body read into
// typed values, each problem named by its JSON path (see api_json.hpp).
// Only codec .cpp files include this header.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "codec/strict_json.hpp"
#include "core/result.hpp"

namespace mn::codec::strict_json {

// What a text value may hold besides well-formed UTF-8 (which the parser
// has checked): never NUL, at most so many bytes and characters, and, for
// one line, no control characters.
struct TextRules {
  std::size_t max_bytes = std::numeric_limits<std::size_t>::max();
  std::size_t max_characters = std::numeric_limits<std::size_t>::max();
  bool one_line = false;
};

// The members of one JSON object, read by name into typed values. The first
// problem is kept and every later call does nothing, so a schema reads as a
// list of calls followed by one look at error(). A member that is absent
// leaves its output untouched. `object` must outlive the reader.
class FieldReader {
 public:
  // `path` is the object's own path ("" for the document, "entries[2]").
  FieldReader(const json& object, std::string path);

  // The object must have every name in `required`, may have those in
  // `optional` and nothing else. Call once, before reading members.
  void expect_members(std::span<const std::string_view> required,
                      std::span<const std::string_view> optional);

  // Whole numbers written as JSON integers, within [min, max].
  void integer(std::string_view name, int min, int max, int& out);
  void integer(std::string_view name, int min, int max, std::optional<int>& out);
  // Any JSON number that fits a double; -0 reads as 0.
  void number(std::string_view name, std::optional<double>& out);
  void boolean(std::string_view name, std::optional<bool>& out);
  void text(std::string_view name, const TextRules& rules, std::string& out);
  // A time as parse_utc reads it.
  void time(std::string_view name, std::int64_t& out);

  // The member, if present and not yet failed; nullptr otherwise.
  const json* member(std::string_view name) const;
  // The member as an object or an array: nullptr (and a problem) when it has
  // another type.
  const json* object_member(std::string_view name);
  const json* array_member(std::string_view name);

  // Records a problem with the member `name` ("" for the object itself),
  // unless one is already kept.
  void fail(std::string_view name, std::string message);
  // Records a problem found elsewhere, unless one is already kept.
  void fail(Error error);

  const std::optional<Error>& error() const { return error_; }
  const std::string& path() const { return path_; }

 private:
  // The member when it has the type `expected` names; nullptr otherwise.
  template <class Check>
  const json* typed_member(std::string_view name, const char* expected, Check check);

  const json& object_;
  std::string path_;
  std::optional<Error> error_;
};

}  // namespace mn::codec::strict_json
