// Service-account key parsing and RS256 signing with OpenSSL's EVP API.
#include "validation/connectors/service_account.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "validation/connectors/connector.hpp"

namespace godwit::validation {

namespace {

[[noreturn]] void key_error(const std::string& message) {
  throw ConnectorError(ConnectorError::kAuth, message, "bad_option");
}

std::string required_field(const nlohmann::json& key, const char* name) {
  auto it = key.find(name);
  if (it == key.end() || !it->is_string() || it->get<std::string>().empty()) {
    key_error(std::string("the service-account key has no '") + name +
              "' (download a JSON key for the service account from Google Cloud's IAM page)");
  }
  return it->get<std::string>();
}

}  // namespace

ServiceAccountKey parse_service_account_key(std::string_view json_text) {
  nlohmann::json key = nlohmann::json::parse(json_text, nullptr, false);
  if (!key.is_object()) {
    key_error("the BigQuery credentials are not a service-account key in JSON");
  }
  if (key.contains("type") && key["type"] != "service_account") {
    key_error("the BigQuery credentials are a '" + key["type"].dump() +
              "' key; a service-account key (type service_account) is needed");
  }
  ServiceAccountKey out;
  out.client_email = required_field(key, "client_email");
  out.private_key = required_field(key, "private_key");
  if (key.contains("private_key_id") && key["private_key_id"].is_string()) {
    out.private_key_id = key["private_key_id"].get<std::string>();
  }
  out.token_uri = key.value("token_uri", std::string("https://oauth2.googleapis.com/token"));
  if (key.contains("project_id") && key["project_id"].is_string()) {
    out.project_id = key["project_id"].get<std::string>();
  }
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = at(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string signed_jwt_assertion(const ServiceAccountKey& key, std::string_view scope,
                                 std::int64_t now_seconds) {
  nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!key.private_key_id.empty()) header["kid"] = key.private_key_id;
  const nlohmann::json claims = {{"iss", key.client_email},
                                 {"scope", std::string(scope)},
                                 {"aud", key.token_uri},
                                 {"iat", now_seconds},
                                 {"exp", now_seconds + 3600}};
  const std::string signing_input =
      base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());

  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(key.private_key.data(), static_cast<int>(key.private_key.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr,
      &EVP_PKEY_free);
  if (!pkey || EVP_PKEY_base_id(pkey.get()) != EVP_PKEY_RSA) {
    key_error("the service-account key's private_key is not an RSA private key in PEM form");
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    key_error("could not sign with the service-account key");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    key_error("could not sign with the service-account key");
  }
  signature.resize(length);
  return signing_input + "." + base64url_encode(signature);
}

}  // namespace godwit::validation
