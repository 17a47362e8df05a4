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

/// True when the hash was made with other parameters than `cost` (or is not a hash
/// libsodium understands): re-hash the password after the next successful sign-in.
bool password_needs_rehash(std::string_view encoded_hash, PasswordHashCost cost);

/// nullopt when acceptable, otherwise the human sentence saying what to change. The rule:
/// 10 to 128 bytes; not one character repeated; shorter than 16 bytes it must mix at
/// least two of letters (non-ASCII counts as a letter), digits and symbols; not equal,
/// ignoring case, to the email or its local part. Every message ends with the rule.
std::optional<std::string> password_policy_violation(std::string_view password,
                                                     std::string_view email);

/// The rule as one sentence, for forms and API documentation.
std::string password_policy_rule();

/// Trimmed and lower-cased; nullopt when it is not a plausible address
/// (one '@', non-empty local part, a dot in the domain, no spaces, at most 254 bytes).
std::optional<std::string> normalize_email(std::string_view email);

}  // namespace godwit::auth
