// Base64url through libsodium, whose decoder already rejects non-zero trailing bits.
#include "auth/base64url.hpp"

#include <sodium.h>

#include "auth/passwords.hpp"

namespace godwit::auth {

std::string base64url_encode(std::string_view bytes) {
  ensure_sodium();
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the encoder writes a terminating NUL
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  ensure_sodium();
  // Checked here rather than trusted to the decoder: a stray '=' or a character from the
  // standard alphabet must not make two different strings decode to the same bytes.
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  if (end != text.data() + text.size()) return std::nullopt;
  out.resize(length);
  return out;
}

}  // namespace godwit::auth
