// The test TLS identity (see tls_identity.hpp).
#include "support/tls_identity.hpp"

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

namespace godwit::test {

TlsIdentity::TlsIdentity() {
  key_ = EVP_EC_gen("P-256");
  cert_ = X509_new();
  X509_set_version(cert_, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert_), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
  X509_set_pubkey(cert_, key_);
  X509_NAME* name = X509_get_subject_name(cert_);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert_, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert_, cert_, nullptr, nullptr, 0);
  // Clients check the address against the subject alternative name, not the CN.
  X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
  X509_add_ext(cert_, san, -1);
  X509_EXTENSION_free(san);
  X509_sign(cert_, key_, EVP_sha256());
  std::random_device random;
  ca_file_ =
      (std::filesystem::temp_directory_path() /
       ("godwit-test-ca-" + std::to_string(::getpid()) + "-" + std::to_string(random()) + ".pem"))
          .string();
  FILE* f = std::fopen(ca_file_.c_str(), "w");
  PEM_write_X509(f, cert_);
  std::fclose(f);
}

TlsIdentity::~TlsIdentity() {
  std::filesystem::remove(ca_file_);
  X509_free(cert_);
  EVP_PKEY_free(key_);
}

}  // namespace godwit::test
