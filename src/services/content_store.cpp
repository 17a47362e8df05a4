// The content-addressed file store (see content_store.hpp).
#include "services/content_store.hpp"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/uuid.hpp"

namespace godwit::services {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::string ContentStore::put(const std::string& sha256, std::string_view bytes) {
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw std::invalid_argument("not a SHA-256 hex digest");
  }
  std::string relative = "sha256/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256;
  std::filesystem::path path = std::filesystem::path(root_) / relative;
  if (std::filesystem::exists(path)) return relative;
  std::filesystem::create_directories(path.parent_path());
  std::filesystem::path temp = path.parent_path() / (".upload-" + new_uuid());
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.good()) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      throw Error(ErrorKind::kUnavailable, "the file store is not writable (disk full?)");
    }
  }
  std::filesystem::rename(temp, path);
  return relative;
}

std::string ContentStore::read(const std::string& relative_path) const {
  std::ifstream in(std::filesystem::path(root_) / relative_path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kNotFound, "the stored content of this file is missing");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void ContentStore::remove(const std::string& relative_path) {
  std::error_code ec;
  std::filesystem::remove(std::filesystem::path(root_) / relative_path, ec);
}

}  // namespace godwit::services
