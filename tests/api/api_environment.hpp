// The server shared by the API tests of one run (started once, on the backend named by
// GODWIT_API_BACKEND), with Google sign-in configured against a test key.
#pragma once

#include "server_process.hpp"

namespace godwit::test {
class RsaTestKey;
}

namespace godwit::api_test {

inline constexpr const char* kGoogleClientId = "godwit-test.apps.googleusercontent.com";

ServerProcess& shared_server();
Client& shared_client();
/// The key whose JWKS the shared server trusts for Google ID tokens.
const godwit::test::RsaTestKey& google_key();

}  // namespace godwit::api_test
