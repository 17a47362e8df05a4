// Short-lived HS256 access tokens (JWT). Hand-written over OpenSSL HMAC rather than
// libjwt 1.10 because that version trusts the token's own `alg`, skips verification
// for a NULL key and never checks time claims (PITFALLS.md): here the algorithm is
// pinned and every time claim is checked on every verification.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace godwit::auth {

struct AccessClaims {
  std::string user_id;  ///< `sub`
  std::string email;
  std::int64_t issued_at = 0;   ///< `iat`, Unix seconds
  std::int64_t expires_at = 0;  ///< `exp`
  std::string token_id;         ///< `jti`
};

enum class TokenError {
  kMalformed,
  kBadAlgorithm,
  kBadSignature,
  kExpired,
  kNotYetValid,
  kWrongIssuer
};
std::string_view to_string(TokenError error);

class AccessTokenIssuer {
 public:
  /// `secret` must be at least 32 bytes (throws std::invalid_argument otherwise).
  AccessTokenIssuer(std::string secret, std::int64_t ttl_seconds, std::string issuer = "godwit");

  /// A signed token for `user_id` valid from `now` for the configured lifetime.
  std::string issue(std::string_view user_id, std::string_view email, std::int64_t now) const;

  /// Checks header (`alg` must be exactly HS256, `typ` JWT if present, no `crit`),
  /// signature in constant time, `iss`, `exp` (with `leeway_seconds`), `nbf`/`iat` not in
  /// the future. `sub`, `email`, `iat`, `exp` and `jti` are required and time claims must
  /// be non-negative integers. `leeway_seconds` is clamped to 0..3600. Thread-safe.
  std::variant<AccessClaims, TokenError> verify(std::string_view token, std::int64_t now,
                                                std::int64_t leeway_seconds = 30) const;

  std::int64_t ttl_seconds() const { return ttl_seconds_; }

 private:
  std::string secret_;
  std::int64_t ttl_seconds_;
  std::string issuer_;
};

}  // namespace godwit::auth
