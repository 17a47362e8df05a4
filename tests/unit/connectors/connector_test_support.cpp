// Fixture URL files: GODWIT_TEST_PG_URL_FILE / GODWIT_TEST_MARIADB_URL_FILE from the
// environment, else the paths compiled in by tests/CMakeLists.txt.
#include "connector_test_support.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "validation/connectors/connection_url.hpp"

namespace godwit::validation::testing {

namespace {

std::optional<ConnectionSpec> spec_from(const char* variable, const char* compiled,
                                        std::string* why) {
  const char* file = std::getenv(variable);
  std::string path = file != nullptr && *file != '\0' ? file : compiled;
  std::ifstream in(path);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) {
    if (why != nullptr) *why = "no fixture URL in " + path + " (run the test through ctest)";
    return std::nullopt;
  }
  return parse_connection_url(url);
}

}  // namespace

std::optional<ConnectionSpec> postgres_spec(std::string* why) {
  return spec_from("GODWIT_TEST_PG_URL_FILE", GODWIT_TEST_PG_URL_FILE, why);
}

std::optional<ConnectionSpec> mariadb_spec(std::string* why) {
#ifdef GODWIT_TEST_MARIADB_URL_FILE
  return spec_from("GODWIT_TEST_MARIADB_URL_FILE", GODWIT_TEST_MARIADB_URL_FILE, why);
#else
  if (why != nullptr) *why = "the MariaDB fixture is not configured";
  return std::nullopt;
#endif
}

std::string make_temp_dir(const std::string& prefix) {
  std::random_device random;
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              (prefix + "-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

ConnectorError::Kind kind_of(const std::function<void()>& action, std::string* code,
                             std::string* message) {
  try {
    action();
  } catch (const ConnectorError& error) {
    if (code != nullptr) *code = error.code();
    if (message != nullptr) *message = error.what();
    return error.kind();
  }
  ADD_FAILURE() << "expected a ConnectorError";
  return ConnectorError::kUnsupported;
}

int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace godwit::validation::testing
