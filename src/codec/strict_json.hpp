#pragma once

// Internal to src/codec: reading untrusted JSON request bodies (see the
// error contract in api_json.hpp). Only codec .cpp files include this header.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mn::codec::strict_json {

using json = nlohmann::json;

// Parses one JSON text of at most `max_bytes` bytes nested at most
// `max_depth` deep. Refuses a member named twice in one object ("invalid",
// where = its path); "too_large" and "invalid_json" as api_json.hpp says.
// Iterative: no input makes it recurse.
Result<json> parse(std::string_view body, std::size_t max_bytes, int max_depth);

// "entries[2].pain" + "neck" = "entries[2].pain.neck"; "" + "time" = "time".
std::string member_path(const std::string& path, std::string_view name);
// "entries" + 2 = "entries[2]".
std::string element_path(const std::string& path, std::size_t index);

// How a value appears in a message: "a string", "null", "a decimal number".
std::string describe_type(const json& value);

// The client's text for a message: 'text', cut after 64 bytes ("...'").
std::string in_quotes(std::string_view text);

}  // namespace mn::codec::strict_json
