#pragma once

#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace mn::api {

// What a new password must be (NIST SP 800-63B: length over composition
// rules): 10 to 200 characters, not the login itself. Error "invalid" at
// `field` naming the rule broken; nullopt when acceptable.
std::optional<Error> check_new_password(std::string_view password, std::string_view login,
                                        std::string_view field = "new_password");

}  // namespace mn::api
