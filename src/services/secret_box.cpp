// libsodium secretbox behind seal/open (see secret_box.hpp).
#include "services/secret_box.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "core/error.hpp"

namespace godwit::services {

SecretBox::SecretBox(std::string_view hex_key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::size_t length = 0;
  if (hex_key.size() != 64 ||
      sodium_hex2bin(key_, sizeof(key_), hex_key.data(), hex_key.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != sizeof(key_)) {
    throw std::invalid_argument("the secret key must be 64 hexadecimal characters");
  }
}

SecretBox::~SecretBox() {
  sodium_memzero(key_, sizeof(key_));
}

std::string SecretBox::seal(std::string_view plain) const {
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plain.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        out.data(), key_);
  std::string encoded(sodium_base64_ENCODED_LEN(out.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), out.data(), out.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

std::string SecretBox::open(std::string_view sealed) const {
  std::vector<unsigned char> bytes(sealed.size());
  std::size_t length = 0;
  auto unreadable = [] {
    return Error(ErrorKind::kUnavailable,
                 "a stored connection secret cannot be decrypted: the server's "
                 "GODWIT_SECRET_KEY changed since it was saved; restore the key or enter the "
                 "password again");
  };
  if (sodium_base642bin(bytes.data(), bytes.size(), sealed.data(), sealed.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    throw unreadable();
  }
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 bytes.data() + crypto_secretbox_NONCEBYTES,
                                 length - crypto_secretbox_NONCEBYTES, bytes.data(), key_) != 0) {
    throw unreadable();
  }
  return plain;
}

}  // namespace godwit::services
