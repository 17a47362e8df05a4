// Password hashing (Argon2id through libsodium) and the password policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace godwit::auth {

/// Argon2id cost. kInteractive is libsodium's INTERACTIVE limits (about 65 ms and
/// 64 MiB here) and is what a server uses; kMinimum exists for test suites only.
enum class PasswordHashCost { kInteractive, kModerate, kMinimum };

/// Calls sodium_init() once; safe to call from any thread, any number of times.
void ensure_sodium();

/// Returns the encoded `$argon2id$...` string (algorithm, cost and salt included).
std::string hash_password(std::string_view password, PasswordHashCost cost);

/// Constant-time verification against an encoded hash; false for any malformed hash.
bool verify_password(std::string_view encoded_hash, std::string_view password);

/// nullopt when acceptable, otherwise the human sentence saying what to change
/// (length 10..128 bytes, not all one character class shorter than 16, not the email).
std::optional<std::string> password_policy_violation(std::string_view password,
                                                     std::string_view email);

/// Trimmed and lower-cased; nullopt when it is not a plausible address
/// (one '@', non-empty local part, a dot in the domain, no spaces, at most 254 bytes).
std::optional<std::string> normalize_email(std::string_view email);

}  // namespace godwit::auth
