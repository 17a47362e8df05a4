// Google ID token verification over OpenSSL 3: JWKS RSA keys are built with
// EVP_PKEY_fromdata (the RSA_* setters are deprecated and -Werror is on), signatures are
// checked with EVP_DigestVerify over SHA-256 (PKCS#1 v1.5, i.e. RS256). The algorithm is
// pinned to RS256, so an HS256 token "signed" with the public key as an HMAC secret, or
// alg:none, is refused before any key is looked at. Refusal reasons are fixed sentences
// that never echo token content.
#include "auth/google_id_token.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "auth/base64url.hpp"
#include "auth/compact_jwt.hpp"
#include "core/text.hpp"

namespace godwit::auth {
namespace {

// Weaker moduli are refused outright; larger ones only cost verification time.
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

const std::string* string_member(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

/// Some JWKS publishers pad their base64url; the key material is the same either way.
std::optional<std::string> decode_key_number(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  return base64url_decode(text);
}

BnPtr to_bignum(const std::string& big_endian) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(big_endian.data()),
                         static_cast<int>(big_endian.size()), nullptr));
}

/// An RSA public key from a JWK, or nullptr when the key is not one we can use.
PkeyPtr rsa_key_from_jwk(const nlohmann::json& jwk) {
  const std::string* n_text = string_member(jwk, "n");
  const std::string* e_text = string_member(jwk, "e");
  if (!n_text || !e_text) return nullptr;
  std::optional<std::string> n_bytes = decode_key_number(*n_text);
  std::optional<std::string> e_bytes = decode_key_number(*e_text);
  if (!n_bytes || !e_bytes || n_bytes->empty() || e_bytes->empty() || e_bytes->size() > 8) {
    return nullptr;
  }
  BnPtr n = to_bignum(*n_bytes);
  BnPtr e = to_bignum(*e_bytes);
  if (!n || !e) return nullptr;
  int bits = BN_num_bits(n.get());
  if (bits < kMinRsaBits || bits > kMaxRsaBits || !BN_is_odd(e.get()) || BN_is_one(e.get())) {
    return nullptr;
  }

  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return nullptr;
  }
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(builder.get()));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return nullptr;
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) return nullptr;
  return PkeyPtr(raw);
}

bool rs256_signature_valid(EVP_PKEY* key, std::string_view signing_input,
                           const std::string& signature) {
  // A PKCS#1 v1.5 signature is exactly as long as the modulus.
  if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key))) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

bool audience_accepted(const nlohmann::json& claims, const std::vector<std::string>& audiences) {
  auto accepted = [&](const std::string& value) {
    return std::find(audiences.begin(), audiences.end(), value) != audiences.end();
  };
  auto aud = claims.find("aud");
  if (aud == claims.end()) return false;
  if (aud->is_string()) return accepted(aud->get_ref<const std::string&>());
  if (!aud->is_array() || aud->empty()) return false;
  bool any = false;
  for (const auto& entry : *aud) {
    if (!entry.is_string()) return false;
    any = any || accepted(entry.get_ref<const std::string&>());
  }
  if (!any) return false;
  // OpenID Connect Core 3.1.3.7: with several audiences, the authorized party must be us.
  if (aud->size() > 1) {
    const std::string* azp = string_member(claims, "azp");
    if (!azp || !accepted(*azp)) return false;
  }
  return true;
}

/// Google has sent email_verified both as a boolean and as the string "true".
bool email_verified(const nlohmann::json& claims) {
  auto it = claims.find("email_verified");
  if (it == claims.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  return it->is_string() && it->get_ref<const std::string&>() == "true";
}

std::optional<std::string> optional_string(const nlohmann::json& claims, const char* name) {
  const std::string* value = string_member(claims, name);
  if (!value || value->empty()) return std::nullopt;
  return *value;
}

}  // namespace

struct GoogleIdTokenVerifier::Keys {
  struct Entry {
    std::string kid;
    PkeyPtr key;
  };
  std::vector<Entry> entries;

  EVP_PKEY* find(const std::string& kid) const {
    for (const Entry& entry : entries) {
      if (entry.kid == kid) return entry.key.get();
    }
    return nullptr;
  }
};

GoogleIdTokenVerifier::GoogleIdTokenVerifier(std::string_view jwks_json,
                                             std::vector<std::string> audiences)
    : keys_(nullptr), audiences_(std::move(audiences)) {
  std::erase_if(audiences_, [](const std::string& audience) { return audience.empty(); });
  if (audiences_.empty()) {
    throw std::invalid_argument("at least one Google OAuth client id (audience) is required");
  }
  nlohmann::json document = nlohmann::json::parse(jwks_json, nullptr, false, false);
  if (document.is_discarded()) throw std::invalid_argument("the JWKS document is not valid JSON");
  if (!document.is_object() || !document.contains("keys") || !document["keys"].is_array()) {
    throw std::invalid_argument("the JWKS document has no \"keys\" array");
  }

  auto keys = std::make_unique<Keys>();
  for (const auto& jwk : document["keys"]) {
    if (!jwk.is_object()) continue;
    // Keys meant for other algorithms or for encryption are skipped, not errors: Google
    // may publish them alongside the RS256 signing keys.
    const std::string* kty = string_member(jwk, "kty");
    const std::string* kid = string_member(jwk, "kid");
    const std::string* alg = string_member(jwk, "alg");
    const std::string* use = string_member(jwk, "use");
    if (!kty || *kty != "RSA" || !kid || kid->empty()) continue;
    if ((alg && *alg != "RS256") || (use && *use != "sig")) continue;
    if (keys->find(*kid)) {
      throw std::invalid_argument("the JWKS document lists the key id \"" + *kid + "\" twice");
    }
    PkeyPtr key = rsa_key_from_jwk(jwk);
    if (!key) continue;
    keys->entries.push_back({*kid, std::move(key)});
  }
  if (keys->entries.empty()) {
    throw std::invalid_argument(
        "the JWKS document has no usable RS256 key (RSA, with kid, n and e, at least 2048 bits)");
  }
  keys_ = keys.release();
}

GoogleIdTokenVerifier::~GoogleIdTokenVerifier() {
  delete keys_;
}

std::variant<GoogleIdentity, std::string> GoogleIdTokenVerifier::verify(
    std::string_view id_token, std::int64_t now, std::int64_t leeway_seconds) const {
  // Bounded so a misconfigured leeway can neither overflow `exp + leeway` nor make
  // expiry meaningless.
  leeway_seconds = std::clamp<std::int64_t>(leeway_seconds, 0, 3600);

  std::optional<CompactJwt> jwt = split_compact_jwt(id_token);
  if (!jwt) return std::string("The Google ID token is not a well-formed JWT.");

  const std::string* alg = string_member(jwt->header, "alg");
  if (!alg || *alg != "RS256") {
    return std::string(
        "The Google ID token is not signed with RS256, the only accepted algorithm.");
  }
  if (auto typ = jwt->header.find("typ"); typ != jwt->header.end()) {
    if (!typ->is_string() || !iequals(typ->get_ref<const std::string&>(), "JWT")) {
      return std::string("The Google ID token has an unexpected type header.");
    }
  }
  if (jwt->header.contains("crit")) {
    return std::string(
        "The Google ID token requires header extensions this server does not support.");
  }
  const std::string* kid = string_member(jwt->header, "kid");
  if (!kid) return std::string("The Google ID token does not name its signing key.");
  EVP_PKEY* key = keys_->find(*kid);
  if (!key) return std::string("The Google ID token is signed with a key that is not in the JWKS.");
  if (!rs256_signature_valid(key, jwt->signing_input, jwt->signature)) {
    return std::string("The Google ID token signature is invalid.");
  }

  std::optional<nlohmann::json> claims = decode_jwt_payload(jwt->payload_segment);
  if (!claims) return std::string("The Google ID token payload is not a JSON object.");

  const std::string* iss = string_member(*claims, "iss");
  if (!iss || (*iss != "accounts.google.com" && *iss != "https://accounts.google.com")) {
    return std::string("The Google ID token was not issued by Google.");
  }
  if (!audience_accepted(*claims, audiences_)) {
    return std::string("The Google ID token was issued for another application.");
  }

  TimeClaim exp = read_time_claim(*claims, "exp");
  TimeClaim iat = read_time_claim(*claims, "iat");
  TimeClaim nbf = read_time_claim(*claims, "nbf");
  if (exp.state != TimeClaimState::kPresent) {
    return std::string("The Google ID token has no valid expiry time.");
  }
  if (iat.state != TimeClaimState::kPresent || nbf.state == TimeClaimState::kInvalid) {
    return std::string("The Google ID token has an invalid issue or not-before time.");
  }
  if (now >= exp.value + leeway_seconds) return std::string("The Google ID token has expired.");
  if (iat.value > now + leeway_seconds ||
      (nbf.state == TimeClaimState::kPresent && nbf.value > now + leeway_seconds)) {
    return std::string("The Google ID token is not valid yet.");
  }

  std::optional<std::string> subject = optional_string(*claims, "sub");
  if (!subject || subject->size() > 255) {
    return std::string("The Google ID token has no valid subject.");
  }
  std::optional<std::string> email = optional_string(*claims, "email");
  if (!email) return std::string("The Google ID token carries no email address.");

  return GoogleIdentity{.subject = std::move(*subject),
                        .email = std::move(*email),
                        .email_verified = email_verified(*claims),
                        .name = optional_string(*claims, "name"),
                        .picture = optional_string(*claims, "picture")};
}

}  // namespace godwit::auth
