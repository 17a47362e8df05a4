// Verification of Google ID tokens (RS256 JWTs) against a JWKS document: signature with
// the key named by `kid`, issuer, audience, expiry. Fetching the JWKS is the caller's job
// (a file or a URL); this unit only takes its JSON text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace godwit::auth {

struct GoogleIdentity {
  std::string subject;  ///< `sub`, stable per Google account
  std::string email;
  bool email_verified = false;
  std::optional<std::string> name;
  std::optional<std::string> picture;
};

class GoogleIdTokenVerifier {
 public:
  /// `jwks_json`: {"keys":[{"kty":"RSA","kid":...,"n":...,"e":...,"alg":"RS256"}]}.
  /// Keys that are not RSA, have no `kid`, name another `alg`, have a `use` other than
  /// "sig", or are shorter than 2048 bits are skipped. Throws std::invalid_argument with a
  /// readable message for a malformed document or one with no usable key.
  /// `audiences`: accepted OAuth client ids (at least one).
  GoogleIdTokenVerifier(std::string_view jwks_json, std::vector<std::string> audiences);
  ~GoogleIdTokenVerifier();
  GoogleIdTokenVerifier(const GoogleIdTokenVerifier&) = delete;
  GoogleIdTokenVerifier& operator=(const GoogleIdTokenVerifier&) = delete;

  /// The identity, or the reason the token was refused (a short English sentence).
  /// Only RS256 is accepted; issuer must be accounts.google.com or
  /// https://accounts.google.com; exp/iat/nbf are checked with `leeway_seconds`; the
  /// header must name a `kid` present in the JWKS; `sub` and `email` are required.
  /// Reasons never quote the token. Thread-safe.
  std::variant<GoogleIdentity, std::string> verify(std::string_view id_token, std::int64_t now,
                                                   std::int64_t leeway_seconds = 60) const;

 private:
  struct Keys;
  Keys* keys_;
  std::vector<std::string> audiences_;
};

}  // namespace godwit::auth
