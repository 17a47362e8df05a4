// Black-box API test harness: starts a real `godwit serve` on a free loopback port with
// a fresh data directory and metadata store (SQLite, or a fresh database on the
// PostgreSQL test cluster), and offers a small JSON client for the tests.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace godwit::api_test {

struct Response {
  int status = 0;
  nlohmann::json json;  ///< null when the body is not JSON
  std::string body;
  httplib::Headers headers;
  std::string header(const std::string& name) const;
};

class ServerProcess {
 public:
  /// Starts the server (backend from GODWIT_API_BACKEND: sqlite or postgres) and waits
  /// for /healthz. `extra_env` is added to the server's environment.
  explicit ServerProcess(std::map<std::string, std::string> extra_env = {});
  ~ServerProcess();

  int port() const { return port_; }

  /// The server's process id (benchmarks read its CPU time from /proc).

  int pid() const { return pid_; }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& jwt_secret() const { return jwt_secret_; }
  const std::string& backend() const { return backend_; }
  /// The metadata store this server uses (for a second server sharing it).
  const std::string& database_url() const { return database_url_; }
  /// Everything the server wrote to stderr so far (its JSON log lines).
  std::string log() const;
  /// The log once it contains `needle`, polling for up to `timeout`: the access-log line
  /// is written after the response has been sent, so a client can see the response first.
  std::string wait_for_log(const std::string& needle, std::chrono::milliseconds timeout =
                                                          std::chrono::milliseconds(3000)) const;
  /// Sends SIGTERM and waits; returns the exit status.
  int terminate();

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string data_dir_;
  std::string jwt_secret_;
  std::string backend_;
  std::string database_url_;
  std::string pg_admin_url_;
  std::string pg_database_;
};

/// A JSON client bound to one server, optionally carrying a bearer token.
class Client {
 public:
  explicit Client(int port);
  Response get(const std::string& path, const std::string& token = "");
  Response post(const std::string& path, const nlohmann::json& body, const std::string& token = "",
                const httplib::Headers& headers = {});
  Response put(const std::string& path, const nlohmann::json& body, const std::string& token = "");
  Response del(const std::string& path, const std::string& token = "");
  Response raw(const std::string& method, const std::string& path, const std::string& body,
               const std::string& content_type, const httplib::Headers& headers = {});

 private:
  httplib::Client http_;
};

/// A registered user's credentials, for tests that need several people.
struct Account {
  std::string id;
  std::string email;
  std::string password;
  std::string access_token;
  std::string refresh_token;
};

/// Registers a fresh account with a unique email (prefix + counter).
Account register_account(Client& client, const std::string& name_prefix = "user");

/// One part of a multipart/form-data body: a file when `filename` is set, else a field.
struct FormPart {
  std::string field;
  std::string filename;
  std::string content;
};

/// POST /api/v1/projects/{project}/files/upload with `parts`, as a browser sends it.
Response upload_files(Client& client, const Account& a, const std::string& project,
                      const std::vector<FormPart>& parts);

}  // namespace godwit::api_test
