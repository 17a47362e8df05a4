// The content-addressed file store: bytes are kept under their SHA-256
// (<root>/sha256/ab/cd/abcd...), so no name from a client ever reaches the file system
// and identical content is kept once.
#pragma once

#include <string>
#include <string_view>

namespace godwit::services {

/// Lower-case hex SHA-256 of `bytes` (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

class ContentStore {
 public:
  explicit ContentStore(std::string root) : root_(std::move(root)) {}

  /// Stores the bytes (atomically: a temp file renamed into place) unless already there;
  /// returns the path relative to the root. `sha256` is sha256_hex(bytes).
  std::string put(const std::string& sha256, std::string_view bytes);
  /// Throws godwit::Error(kNotFound) when the content is missing.
  std::string read(const std::string& relative_path) const;
  void remove(const std::string& relative_path);

 private:
  std::string root_;
};

}  // namespace godwit::services
