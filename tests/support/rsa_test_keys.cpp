// OpenSSL 3 implementation of the test signer (EVP APIs only; the RSA_* ones are deprecated).
#include "support/rsa_test_keys.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

namespace godwit::test {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string bignum_bytes(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("no RSA parameter");
  std::unique_ptr<BIGNUM, BnFree> bn(raw);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return bytes;
}

}  // namespace

struct RsaTestKey::Impl {
  EVP_PKEY* key = nullptr;
  ~Impl() { EVP_PKEY_free(key); }
};

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  auto byte = [&](std::size_t at) { return static_cast<unsigned char>(bytes[at]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    unsigned v = byte(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (bytes.size() - i == 2) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string assemble_jwt(const nlohmann::json& header, const nlohmann::json& payload,
                         std::string_view signature) {
  return base64url(header.dump()) + "." + base64url(payload.dump()) + "." + base64url(signature);
}

std::string sign_hmac_jwt(std::string_view secret, const nlohmann::json& header,
                          const nlohmann::json& payload, bool hs512) {
  std::string input = base64url(header.dump()) + "." + base64url(payload.dump());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(hs512 ? EVP_sha512() : EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest, &length);
  return input + "." + base64url(std::string_view(reinterpret_cast<char*>(digest), length));
}

RsaTestKey::RsaTestKey(std::unique_ptr<Impl> impl, std::string kid)
    : impl_(std::move(impl)), kid_(std::move(kid)) {}
RsaTestKey::RsaTestKey(RsaTestKey&&) noexcept = default;
RsaTestKey& RsaTestKey::operator=(RsaTestKey&&) noexcept = default;
RsaTestKey::~RsaTestKey() = default;

RsaTestKey RsaTestKey::generate(std::string kid, int bits) {
  auto impl = std::make_unique<Impl>();
  impl->key = EVP_RSA_gen(static_cast<unsigned>(bits));
  if (!impl->key) throw std::runtime_error("RSA key generation failed");
  return RsaTestKey(std::move(impl), std::move(kid));
}

RsaTestKey RsaTestKey::from_private_pem(std::string_view pem, std::string kid) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  auto impl = std::make_unique<Impl>();
  impl->key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (!impl->key || EVP_PKEY_get_base_id(impl->key) != EVP_PKEY_RSA) {
    throw std::runtime_error("not an RSA private key in PEM form");
  }
  return RsaTestKey(std::move(impl), std::move(kid));
}

std::string RsaTestKey::private_pem() const {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), impl_->key, nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

std::string RsaTestKey::public_pem() const {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), impl_->key);
  return bio_text(bio.get());
}

nlohmann::json RsaTestKey::jwk() const {
  return {{"kty", "RSA"},
          {"kid", kid_},
          {"use", "sig"},
          {"alg", "RS256"},
          {"n", base64url(bignum_bytes(impl_->key, OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url(bignum_bytes(impl_->key, OSSL_PKEY_PARAM_RSA_E))}};
}

std::string RsaTestKey::jwks() const {
  return jwks_of({this});
}

std::string RsaTestKey::sign(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("RS256 signing failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("RS256 signing failed");
  }
  signature.resize(length);
  return signature;
}

std::string RsaTestKey::sign_jwt(const nlohmann::json& payload,
                                 const nlohmann::json& extra_header) const {
  nlohmann::json header = {{"alg", "RS256"}, {"kid", kid_}, {"typ", "JWT"}};
  header.update(extra_header);
  std::string input = base64url(header.dump()) + "." + base64url(payload.dump());
  return input + "." + base64url(sign(input));
}

std::string jwks_of(const std::vector<const RsaTestKey*>& keys) {
  nlohmann::json list = nlohmann::json::array();
  for (const RsaTestKey* key : keys) list.push_back(key->jwk());
  return nlohmann::json{{"keys", list}}.dump();
}

nlohmann::json google_claims(std::string_view audience, std::int64_t now, std::string_view subject,
                             std::string_view email) {
  return {{"iss", "https://accounts.google.com"},
          {"azp", audience},
          {"aud", audience},
          {"sub", subject},
          {"email", email},
          {"email_verified", true},
          {"name", "Ada Lovelace"},
          {"picture", "https://example.com/ada.png"},
          {"iat", now},
          {"exp", now + 3600}};
}

std::string sign_rs256_jwt(std::string_view private_pem, std::string_view kid,
                           const nlohmann::json& payload) {
  return RsaTestKey::from_private_pem(private_pem, std::string(kid)).sign_jwt(payload);
}

std::string jwks_from_private_pem(std::string_view private_pem, std::string_view kid) {
  return RsaTestKey::from_private_pem(private_pem, std::string(kid)).jwks();
}

}  // namespace godwit::test
