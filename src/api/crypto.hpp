#pragma once

#include <string>
#include <string_view>

namespace mn::api {

// Password hashing and tokens, on libsodium. Thread-safe.

// argon2id with at least OWASP's parameters (19 MiB memory, 2 passes, one
// lane): the encoded string ("$argon2id$v=19$m=19456,t=2,p=1$...") that the
// store keeps. Empty only when the machine cannot spare the memory.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// True when the hash was made with weaker parameters than hash_password uses.
bool password_needs_rehash(const std::string& hash);

// 32 random bytes as unpadded base64url (43 characters): session and API
// tokens, invitation codes, CSRF tokens.
std::string random_token();
// What the store keeps of a token: its BLAKE2b-256 as 64 lowercase hex digits.
std::string token_hash(std::string_view token);
// Compares in time that does not depend on where the texts differ.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace mn::api
