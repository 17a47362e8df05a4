// Opaque tokens: libsodium's CSPRNG for the secret, SHA-256 for the stored form. A plain
// hash (not Argon2) is enough because the token already carries 256 bits of entropy.
#include "auth/opaque_tokens.hpp"

#include <sodium.h>

#include "auth/base64url.hpp"
#include "auth/passwords.hpp"

namespace godwit::auth {
namespace {

constexpr std::size_t kOpaqueTokenBytes = 32;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.resize(size * 2);  // drop the terminating NUL
  return hex;
}

}  // namespace

std::string new_opaque_token() {
  ensure_sodium();
  unsigned char bytes[kOpaqueTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  std::string token =
      base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  sodium_memzero(bytes, sizeof bytes);
  return token;
}

std::string hash_opaque_token(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return to_hex(digest, sizeof digest);
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex = to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

}  // namespace godwit::auth
