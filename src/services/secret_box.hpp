// Sealing of stored secrets (connection passwords, DSNs) with libsodium's secretbox
// (XSalsa20-Poly1305): a fresh random nonce per seal, the nonce stored in front of the
// box, base64 for the database's text column.
#pragma once

#include <string>
#include <string_view>

namespace godwit::services {

class SecretBox {
 public:
  /// `hex_key`: 64 hexadecimal characters (GODWIT_SECRET_KEY). Throws
  /// std::invalid_argument otherwise.
  explicit SecretBox(std::string_view hex_key);
  ~SecretBox();
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  std::string seal(std::string_view plain) const;
  /// Throws godwit::Error(kUnavailable) when the box was sealed with another key or was
  /// altered: the server's key changed, which an operator must fix.
  std::string open(std::string_view sealed) const;

 private:
  unsigned char key_[32];
};

}  // namespace godwit::services
