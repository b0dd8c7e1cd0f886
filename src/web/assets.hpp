#pragma once

#include <span>
#include <string_view>

namespace mn::web {

// A file of src/web/templates or src/web/static, compiled into the program
// so that the server needs nothing beside its binary and the knowledge base.
struct Asset {
  std::string_view name;  // relative to src/web: "templates/start.html", "static/site.css"
  std::string_view content;
};

std::span<const Asset> embedded_assets();

}  // namespace mn::web
