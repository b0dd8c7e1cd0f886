#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace mn::web {

// The fields of an HTML form as the browser sent them
// (application/x-www-form-urlencoded), in their order; a name may repeat
// (checkboxes).
class Form {
 public:
  Form() = default;
  explicit Form(std::vector<std::pair<std::string, std::string>> fields)
      : fields_(std::move(fields)) {}

  // The first value of the field, or "" when it is absent.
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;
  // Every value of the field, in order.
  std::vector<std::string_view> all(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

inline constexpr std::size_t kMaxFormFields = 400;

// Decodes a form body: '+' is a space, %XX a byte. Refused (error
// "invalid_form", naming the field): a broken %-escape, a name or value that
// is not UTF-8 or holds control characters other than tab and line breaks,
// more than kMaxFormFields fields.
Result<Form> parse_form(std::string_view body);

// %-encodes a query or form value (RFC 3986 unreserved characters kept).
std::string form_encode(std::string_view text);

}  // namespace mn::web
