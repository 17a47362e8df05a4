// Opaque secrets handed to clients (refresh tokens, password-reset tokens): random,
// URL-safe, and stored only as their SHA-256 digest.
#pragma once

#include <string>
#include <string_view>

namespace godwit::auth {

/// 32 random bytes from libsodium, base64url without padding (43 characters).
std::string new_opaque_token();

/// Lower-case hex SHA-256 of the token, the form kept in the database.
std::string hash_opaque_token(std::string_view token);

/// Random bytes as lower-case hex (for generated secrets).
std::string random_hex(std::size_t bytes);

}  // namespace godwit::auth
