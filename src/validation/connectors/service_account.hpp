// Google service-account credentials for BigQuery: the JSON key a user downloads from
// Google Cloud, and the RS256-signed JWT assertion (RFC 7523) that is exchanged at the
// key's token_uri for an OAuth access token. The private key never leaves this unit's
// callers and is never put into an error message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace godwit::validation {

struct ServiceAccountKey {
  std::string client_email;
  std::string private_key;  ///< PEM (PKCS#8 "BEGIN PRIVATE KEY")
  std::string private_key_id;
  std::string token_uri;  ///< https://oauth2.googleapis.com/token when the key has none
  std::string project_id;
};

/// Parses a service-account key file's JSON. Throws ConnectorError (kAuth, "bad_option")
/// saying which field is missing or malformed; never quotes the key.
ServiceAccountKey parse_service_account_key(std::string_view json_text);

/// header.claims.signature: {"alg":"RS256","typ":"JWT","kid":...} and
/// {"iss": client_email, "scope": scope, "aud": token_uri, "iat": now, "exp": now+3600},
/// signed with the key's RSA private key. Throws ConnectorError (kAuth) when the key
/// cannot be read or cannot sign.
std::string signed_jwt_assertion(const ServiceAccountKey& key, std::string_view scope,
                                 std::int64_t now_seconds);

/// base64url without padding (RFC 4648 section 5).
std::string base64url_encode(std::string_view bytes);

}  // namespace godwit::validation
