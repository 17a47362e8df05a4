// A throwaway TLS identity for tests that serve https on loopback: a P-256 key and a
// self-signed certificate for 127.0.0.1 (valid for an hour), generated at run time so no
// key is committed, with the certificate written to a CA file the client can trust.
// Never linked into a product binary.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

namespace godwit::test {

class TlsIdentity {
 public:
  /// Generates the key and certificate and writes the CA file (a unique temporary path,
  /// removed by the destructor).
  TlsIdentity();
  ~TlsIdentity();
  TlsIdentity(const TlsIdentity&) = delete;
  TlsIdentity& operator=(const TlsIdentity&) = delete;

  /// The certificate as PEM, to trust it (e.g. as a client's CA file).
  const std::string& ca_file() const { return ca_file_; }
  X509* cert() const { return cert_; }
  EVP_PKEY* key() const { return key_; }

 private:
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  std::string ca_file_;
};

}  // namespace godwit::test
