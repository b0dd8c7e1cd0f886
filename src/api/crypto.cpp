#include "api/crypto.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <mutex>

namespace mn::api {

namespace {

// OWASP's minimum for argon2id (Password Storage Cheat Sheet): m=19 MiB, t=2, p=1.
constexpr std::uint64_t kPasses = 2;
constexpr std::size_t kMemoryBytes = std::size_t{19} * 1024 * 1024;

void initialize() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Fails only without a random source; nothing here is safe without one.
    if (sodium_init() < 0) std::abort();
  });
}

}  // namespace

std::string hash_password(std::string_view password) {
  initialize();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kPasses, kMemoryBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return {};
  }
  return out.data();
}

bool verify_password(const std::string& hash, std::string_view password) {
  initialize();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash) {
  initialize();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kPasses, kMemoryBytes) != 0;
}

std::string random_token() {
  initialize();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text.data();
}

std::string token_hash(std::string_view token) {
  initialize();
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  initialize();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mn::api
