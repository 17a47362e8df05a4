// HS256 access tokens over OpenSSL's one-shot HMAC. Verification order: structure, the
// pinned algorithm, the signature (constant time), and only then the claims, so nothing
// an attacker wrote in the payload is interpreted before it is authenticated.
#include "auth/access_tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "auth/base64url.hpp"
#include "auth/compact_jwt.hpp"
#include "auth/opaque_tokens.hpp"
#include "core/text.hpp"

namespace godwit::auth {
namespace {

constexpr std::size_t kMinSecretBytes = 32;
constexpr std::size_t kHs256Bytes = 32;

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
           &length) == nullptr ||
      length != kHs256Bytes) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

const std::string& required_string(const nlohmann::json& claims, const char* name,
                                   const std::string& fallback) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_string()) return fallback;
  return it->get_ref<const std::string&>();
}

}  // namespace

std::string_view to_string(TokenError error) {
  switch (error) {
    case TokenError::kMalformed: return "the token is malformed";
    case TokenError::kBadAlgorithm: return "the token uses an algorithm other than HS256";
    case TokenError::kBadSignature: return "the token signature is invalid";
    case TokenError::kExpired: return "the token has expired";
    case TokenError::kNotYetValid: return "the token is not valid yet";
    case TokenError::kWrongIssuer: return "the token was issued by someone else";
  }
  return "the token is invalid";
}

AccessTokenIssuer::AccessTokenIssuer(std::string secret, std::int64_t ttl_seconds,
                                     std::string issuer)
    : secret_(std::move(secret)), ttl_seconds_(ttl_seconds), issuer_(std::move(issuer)) {
  // The message names the rule, never the secret.
  if (secret_.size() < kMinSecretBytes) {
    throw std::invalid_argument("the access-token secret must be at least 32 bytes long");
  }
  if (ttl_seconds_ <= 0) {
    throw std::invalid_argument("the access-token lifetime must be positive");
  }
  if (issuer_.empty()) throw std::invalid_argument("the access-token issuer must not be empty");
}

std::string AccessTokenIssuer::issue(std::string_view user_id, std::string_view email,
                                     std::int64_t now) const {
  // ordered_json keeps the claims in a readable order; the order carries no meaning.
  static const std::string kHeader =
      base64url_encode(nlohmann::ordered_json{{"alg", "HS256"}, {"typ", "JWT"}}.dump());
  nlohmann::ordered_json claims{
      {"iss", issuer_},
      {"sub", user_id},
      {"email", email},
      {"iat", now},
      {"nbf", now},
      {"exp", now + ttl_seconds_},
      {"jti", random_hex(16)},
  };
  std::string token = kHeader;
  token += '.';
  token += base64url_encode(claims.dump());
  std::string signature = hmac_sha256(secret_, token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::variant<AccessClaims, TokenError> AccessTokenIssuer::verify(
    std::string_view token, std::int64_t now, std::int64_t leeway_seconds) const {
  // Bounded so a misconfigured leeway can neither overflow `exp + leeway` nor make
  // expiry meaningless.
  leeway_seconds = std::clamp<std::int64_t>(leeway_seconds, 0, 3600);

  std::optional<CompactJwt> jwt = split_compact_jwt(token);
  if (!jwt) return TokenError::kMalformed;

  // Pinned: the token's own `alg` only has to agree with what we already decided.
  auto alg = jwt->header.find("alg");
  if (alg == jwt->header.end() || !alg->is_string() ||
      alg->get_ref<const std::string&>() != "HS256") {
    return TokenError::kBadAlgorithm;
  }
  if (auto typ = jwt->header.find("typ"); typ != jwt->header.end()) {
    if (!typ->is_string() || !iequals(typ->get_ref<const std::string&>(), "JWT")) {
      return TokenError::kMalformed;
    }
  }
  // RFC 7515 section 4.1.11: extensions we do not understand must make the token invalid.
  if (jwt->header.contains("crit")) return TokenError::kMalformed;

  std::string expected = hmac_sha256(secret_, jwt->signing_input);
  if (jwt->signature.size() != expected.size() ||
      CRYPTO_memcmp(jwt->signature.data(), expected.data(), expected.size()) != 0) {
    return TokenError::kBadSignature;
  }

  std::optional<nlohmann::json> claims = decode_jwt_payload(jwt->payload_segment);
  if (!claims) return TokenError::kMalformed;

  static const std::string kMissing;
  auto iss = claims->find("iss");
  if (iss == claims->end() || !iss->is_string() || iss->get_ref<const std::string&>() != issuer_) {
    return TokenError::kWrongIssuer;
  }

  TimeClaim exp = read_time_claim(*claims, "exp");
  TimeClaim iat = read_time_claim(*claims, "iat");
  TimeClaim nbf = read_time_claim(*claims, "nbf");
  if (exp.state != TimeClaimState::kPresent || iat.state != TimeClaimState::kPresent ||
      nbf.state == TimeClaimState::kInvalid) {
    return TokenError::kMalformed;
  }
  // RFC 7519: the token is valid only *before* exp; the leeway absorbs clock skew.
  if (now >= exp.value + leeway_seconds) return TokenError::kExpired;
  if (iat.value > now + leeway_seconds) return TokenError::kNotYetValid;
  if (nbf.state == TimeClaimState::kPresent && nbf.value > now + leeway_seconds) {
    return TokenError::kNotYetValid;
  }

  const std::string& sub = required_string(*claims, "sub", kMissing);
  const std::string& jti = required_string(*claims, "jti", kMissing);
  auto email = claims->find("email");
  if (sub.empty() || jti.empty() || email == claims->end() || !email->is_string()) {
    return TokenError::kMalformed;
  }

  return AccessClaims{.user_id = sub,
                      .email = email->get<std::string>(),
                      .issued_at = iat.value,
                      .expires_at = exp.value,
                      .token_id = jti};
}

}  // namespace godwit::auth
