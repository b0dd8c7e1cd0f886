#pragma once

#include <string_view>

namespace mn::api {

// src/api/openapi.json as built into the program (CMake embeds it).
std::string_view openapi_document();

}  // namespace mn::api
