#include "api_environment.hpp"

#include <fstream>
#include <memory>

#include "support/rsa_test_keys.hpp"

namespace godwit::api_test {
namespace {

struct Shared {
  std::unique_ptr<godwit::test::RsaTestKey> key;
  std::string jwks_path;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<Client> client;
};

Shared& shared() {
  static Shared s = [] {
    Shared out;
    out.key = std::make_unique<godwit::test::RsaTestKey>(
        godwit::test::RsaTestKey::generate("test-kid-1"));
    out.jwks_path = "/tmp/godwit-api-jwks-" + std::to_string(::getpid()) + ".json";
    std::ofstream(out.jwks_path) << out.key->jwks();
    out.server = std::make_unique<ServerProcess>(std::map<std::string, std::string>{
        {"GODWIT_GOOGLE_CLIENT_IDS", kGoogleClientId}, {"GODWIT_GOOGLE_JWKS", out.jwks_path}});
    out.client = std::make_unique<Client>(out.server->port());
    return out;
  }();
  return s;
}

}  // namespace

ServerProcess& shared_server() {
  return *shared().server;
}
Client& shared_client() {
  return *shared().client;
}
const godwit::test::RsaTestKey& google_key() {
  return *shared().key;
}

}  // namespace godwit::api_test
