// The OpenAPI document and the router describe the same API: every route
// the server answers is documented, and every documented route exists.
#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "api/openapi_document.hpp"
#include "api/router.hpp"

namespace mn::testing {
namespace {

using Operation = std::pair<std::string, std::string>;  // method, path

TEST(ApiOpenApi, DocumentsExactlyTheRoutesTheServerAnswers) {
  const nlohmann::json document = nlohmann::json::parse(api::openapi_document());
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  std::set<Operation> documented;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [key, operation] : item.items()) {
      if (key == "parameters" || key == "summary" || key == "description") continue;
      std::string method = key;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace(method, path);
    }
  }
  std::set<Operation> routed;
  for (const api::Route& route : api::routes()) {
    EXPECT_TRUE(routed.emplace(std::string(route.method), std::string(route.pattern)).second)
        << "routed twice: " << route.method << " " << route.pattern;
  }
  for (const Operation& operation : routed) {
    EXPECT_TRUE(documented.count(operation))
        << "not documented: " << operation.first << " " << operation.second;
  }
  for (const Operation& operation : documented) {
    EXPECT_TRUE(routed.count(operation))
        << "documented but not routed: " << operation.first << " " << operation.second;
  }
}

TEST(ApiOpenApi, PublicRoutesNeedNoSecurity) {
  const nlohmann::json document = nlohmann::json::parse(api::openapi_document());
  for (const api::Route& route : api::routes()) {
    std::string method(route.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const nlohmann::json& operation =
        document.at("paths").at(std::string(route.pattern)).at(method);
    const bool open = operation.contains("security") && operation.at("security").empty();
    EXPECT_EQ(open, route.needs == api::Needs::anyone) << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace mn::testing
