// Building blocks of the protocol fakes for the REST connectors (BigQuery, Databricks):
// a SQLite database that runs the statements the connector sends (SQLite accepts the
// backtick identifiers, '?' and ':name' parameters the two APIs use), a throwaway RSA key
// and a self-signed TLS identity generated at run time (no key is committed), and a
// cpp-httplib server on 127.0.0.1, plain or TLS.
#pragma once

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/tls_identity.hpp"

namespace godwit::validation::testing {

/// One statement's answer from the fake's database.
struct FakeResult {
  std::vector<std::string> names;
  std::vector<std::string> declared_types;  ///< upper case; "" for expressions
  /// Per row, per column: nullopt for NULL, else the value; blobs as raw bytes, with
  /// is_blob set. Integers and reals as SQLite prints them.
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<std::vector<int>> storage;  ///< SQLITE_INTEGER, SQLITE_TEXT ... per cell
  std::string error;                      ///< SQLite's message when the statement failed
};

/// An in-memory SQLite database.
class FakeDatabase {
 public:
  FakeDatabase();
  ~FakeDatabase();
  FakeDatabase(const FakeDatabase&) = delete;
  FakeDatabase& operator=(const FakeDatabase&) = delete;

  /// Runs setup SQL (several statements); throws std::runtime_error on failure.
  void exec(const std::string& sql);
  /// Runs one statement; `bind` binds its parameters to the prepared statement.
  FakeResult run(const std::string& sql, const std::function<void(sqlite3_stmt*)>& bind);
  /// The declared type (upper case) of every column of every table, by lower-case column
  /// name (a name declared with two types keeps the first).
  std::map<std::string, std::string> column_types();
  /// The connection, to register SQL functions a fake's engine has and SQLite lacks;
  /// only before statements run.
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

/// A throwaway 2048-bit RSA key.
class RsaKey {
 public:
  RsaKey();
  ~RsaKey();
  RsaKey(const RsaKey&) = delete;
  RsaKey& operator=(const RsaKey&) = delete;
  /// PKCS#8 PEM, as in a Google service-account key file.
  std::string private_pem() const;
  /// Whether `signature` is an RS256 signature of `input` by this key.
  bool verify(const std::string& input, const std::string& signature) const;

 private:
  EVP_PKEY* key_ = nullptr;
};

/// A self-signed certificate for 127.0.0.1, with the CA file written for the client.
using TlsIdentity = godwit::test::TlsIdentity;

/// A cpp-httplib server on 127.0.0.1 and a free port, plain or TLS, run on a thread.
class LoopbackServer {
 public:
  /// `tls` null: plain http.
  explicit LoopbackServer(const TlsIdentity* tls);
  ~LoopbackServer();
  httplib::Server& http() { return *server_; }
  /// Starts listening; call after the routes are registered.
  void start();
  /// "http://127.0.0.1:port" or "https://...".
  std::string base_url() const;

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  bool tls_ = false;
};

std::string base64_encode(std::string_view bytes);
/// Standard or url alphabet, padding optional; nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text);
/// Form fields of an application/x-www-form-urlencoded body.
std::map<std::string, std::string> parse_form(const std::string& body);

}  // namespace godwit::validation::testing
