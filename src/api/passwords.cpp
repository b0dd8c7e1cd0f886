#include "api/passwords.hpp"

#include <string>

namespace mn::api {

namespace {

// Characters, not bytes: continuation bytes of UTF-8 are not counted.
std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

}  // namespace

std::optional<Error> check_new_password(std::string_view password, std::string_view login,
                                        std::string_view field) {
  const std::size_t length = characters(password);
  if (length < 10 || length > 200) {
    return Error{"invalid", std::string(field),
                 "must have 10 to 200 characters, not " + std::to_string(length)};
  }
  if (password == login) {
    return Error{"invalid", std::string(field), "must not be the login"};
  }
  return std::nullopt;
}

}  // namespace mn::api
