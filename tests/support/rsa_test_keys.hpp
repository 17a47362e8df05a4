// Test-only token minting: an RSA key pair that signs RS256 JWTs and publishes itself as a
// JWKS (standing in for Google), plus HS256 signing with any secret. Tests use it to make
// valid tokens and deliberately broken ones (alg:none, algorithm confusion, tampering).
// Never linked into a product binary.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::test {

/// Base64url without padding, as used in JWT segments.
std::string base64url(std::string_view bytes);

/// "b64(header).b64(payload).b64(signature)" with the header and payload serialised as
/// given; `signature` is raw bytes (empty for alg:none).
std::string assemble_jwt(const nlohmann::json& header, const nlohmann::json& payload,
                         std::string_view signature);

/// The HMAC-SHA256 (or SHA-512 with `hs512`) JWS over header and payload, whatever `alg`
/// the header claims: that is how algorithm-confusion tokens are made.
std::string sign_hmac_jwt(std::string_view secret, const nlohmann::json& header,
                          const nlohmann::json& payload, bool hs512 = false);

class RsaTestKey {
 public:
  /// A fresh key pair (2048 bits takes well under a second).
  static RsaTestKey generate(std::string kid, int bits = 2048);
  /// A key pair from a PKCS#8 or traditional PEM private key; throws std::runtime_error.
  static RsaTestKey from_private_pem(std::string_view pem, std::string kid);

  RsaTestKey(RsaTestKey&&) noexcept;
  RsaTestKey& operator=(RsaTestKey&&) noexcept;
  ~RsaTestKey();

  const std::string& kid() const { return kid_; }
  std::string private_pem() const;
  /// SubjectPublicKeyInfo PEM: the bytes an algorithm-confusion attacker uses as HMAC key.
  std::string public_pem() const;

  /// This key as a public JWK: {"kty":"RSA","kid":...,"use":"sig","alg":"RS256","n":...,"e":...}.
  nlohmann::json jwk() const;
  /// {"keys":[jwk()]}.
  std::string jwks() const;

  /// Raw RSASSA-PKCS1-v1_5 SHA-256 signature of `data`.
  std::string sign(std::string_view data) const;
  /// A JWT signed with this key; the header is {"alg":"RS256","kid":kid(),"typ":"JWT"}
  /// merged with `extra_header` (whose members win, so "alg" can be overridden).
  std::string sign_jwt(const nlohmann::json& payload,
                       const nlohmann::json& extra_header = nlohmann::json::object()) const;

 private:
  struct Impl;
  RsaTestKey(std::unique_ptr<Impl> impl, std::string kid);
  std::unique_ptr<Impl> impl_;
  std::string kid_;
};

/// {"keys":[...]} of several keys.
std::string jwks_of(const std::vector<const RsaTestKey*>& keys);

/// Claims of a valid Google ID token for `audience` issued at `now`, lasting an hour.
nlohmann::json google_claims(std::string_view audience, std::int64_t now,
                             std::string_view subject = "109876543210987654321",
                             std::string_view email = "ada@example.com");

/// Convenience for callers that keep only PEM text (e.g. in a fixture file):
/// an RS256 token signed by `private_pem` naming `kid`, and the matching JWKS.
std::string sign_rs256_jwt(std::string_view private_pem, std::string_view kid,
                           const nlohmann::json& payload);
std::string jwks_from_private_pem(std::string_view private_pem, std::string_view kid);

}  // namespace godwit::test
