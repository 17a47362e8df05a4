// Argon2id password hashes through libsodium, and the password and email rules. The
// policy favours length over composition (NIST SP 800-63B): long passphrases need no
// particular characters, short passwords must at least mix two kinds.
#include "auth/passwords.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

#include "core/text.hpp"

namespace godwit::auth {
namespace {

constexpr std::size_t kMinPasswordBytes = 10;
constexpr std::size_t kMaxPasswordBytes = 128;
constexpr std::size_t kMixedClassesBelowBytes = 16;
constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMaxLocalPartBytes = 64;

constexpr const char* kPolicyRule =
    "Use 10 to 128 characters; a password shorter than 16 characters must mix at least two "
    "of letters, digits and symbols.";

struct ArgonLimits {
  unsigned long long ops;
  std::size_t mem;
};

ArgonLimits limits_for(PasswordHashCost cost) {
  switch (cost) {
    case PasswordHashCost::kInteractive:
      return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
              crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
    case PasswordHashCost::kModerate:
      return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
    case PasswordHashCost::kMinimum:
      return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
  }
  throw std::invalid_argument("unknown password hash cost");
}

bool is_ascii_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

/// Bytes of a multi-byte UTF-8 sequence count as letters: most non-ASCII characters
/// people type in passwords are letters of their own alphabet.
int character_classes(std::string_view password) {
  bool letters = false;
  bool digits = false;
  bool symbols = false;
  for (char ch : password) {
    auto c = static_cast<unsigned char>(ch);
    if (is_ascii_letter(c) || c >= 0x80) {
      letters = true;
    } else if (is_digit(c)) {
      digits = true;
    } else {
      symbols = true;
    }
  }
  return int{letters} + int{digits} + int{symbols};
}

}  // namespace

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init returns 1 when already initialised (e.g. by another library): fine.
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string hash_password(std::string_view password, PasswordHashCost cost) {
  ensure_sodium();
  ArgonLimits limits = limits_for(cost);
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // The only failure libsodium reports here is running out of memory.
    throw std::runtime_error("Argon2id hashing failed: not enough memory");
  }
  return std::string(encoded);
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  ensure_sodium();
  // libsodium wants a NUL-terminated string that fits crypto_pwhash_STRBYTES; anything
  // else (too long, an embedded NUL) cannot be a hash it produced.
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES ||
      encoded_hash.find('\0') != std::string_view::npos) {
    return false;
  }
  std::string terminated(encoded_hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded_hash, PasswordHashCost cost) {
  ensure_sodium();
  if (encoded_hash.size() >= crypto_pwhash_STRBYTES ||
      encoded_hash.find('\0') != std::string_view::npos) {
    return true;
  }
  ArgonLimits limits = limits_for(cost);
  std::string terminated(encoded_hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), limits.ops, limits.mem) != 0;
}

std::string password_policy_rule() {
  return kPolicyRule;
}

std::optional<std::string> password_policy_violation(std::string_view password,
                                                     std::string_view email) {
  if (password.size() < kMinPasswordBytes) {
    return std::string("The password is too short. ") + kPolicyRule;
  }
  if (password.size() > kMaxPasswordBytes) {
    return std::string("The password is too long. ") + kPolicyRule;
  }
  std::string_view address = trim(email);
  if (!address.empty()) {
    std::string_view local = address.substr(0, address.find('@'));
    if (iequals(password, address) || (!local.empty() && iequals(password, local))) {
      return std::string(
                 "The password must not be your email address or the part before the '@'. ") +
             kPolicyRule;
    }
  }
  if (password.find_first_not_of(password.front()) == std::string_view::npos) {
    return std::string("The password must not be one character repeated. ") + kPolicyRule;
  }
  if (password.size() < kMixedClassesBelowBytes && character_classes(password) < 2) {
    return std::string("The password uses only one kind of character. ") + kPolicyRule;
  }
  return std::nullopt;
}

std::optional<std::string> normalize_email(std::string_view email) {
  std::string address = to_lower(trim(email));
  if (address.empty() || address.size() > kMaxEmailBytes) return std::nullopt;
  for (char ch : address) {
    auto c = static_cast<unsigned char>(ch);
    // Spaces and control characters have no place in an address we store and mail to.
    if (c <= 0x20 || c == 0x7f) return std::nullopt;
  }
  std::size_t at = address.find('@');
  if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) {
    return std::nullopt;
  }
  std::string_view local = std::string_view(address).substr(0, at);
  std::string_view domain = std::string_view(address).substr(at + 1);
  if (local.empty() || local.size() > kMaxLocalPartBytes) return std::nullopt;
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  return address;
}

}  // namespace godwit::auth
