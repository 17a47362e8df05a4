// Live-database connections of a project: saved with their credentials sealed
// (secret_box.hpp), listed and read without them, changed, deleted, and tested (connect
// with a short timeout, report the server's version and how many tables it has, or say
// what failed: host unreachable, authentication failed, database missing, timeout).
// Members may read and test saved connections; editors and owners may write them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/project_service.hpp"
#include "services/secret_box.hpp"
#include "store/repositories/connection_repository.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::services {

/// A request's fields. Absent fields are nullopt: on create they take their defaults, on
/// update they keep the stored value. An empty password or dsn clears the stored one.
struct ConnectionInput {
  std::optional<std::string> name;
  std::optional<std::string> engine;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> database;
  std::optional<std::string> user;
  std::optional<std::string> password;
  std::optional<std::string> path;
  std::optional<std::string> dsn;
  std::optional<std::map<std::string, std::string>> options;
};

struct ConnectionTestResult {
  std::string engine;
  std::string server_version;
  std::int64_t table_count = 0;
  std::int64_t elapsed_ms = 0;
};

struct ConnectionSettings {
  /// SQLite files may be connected only below this directory; empty: SQLite connections
  /// are refused (a path would otherwise let a user read any SQLite file on the server).
  std::string sqlite_root;
  int test_connect_timeout_seconds = 5;
  int test_statement_timeout_ms = 10000;
};

class ConnectionService {
 public:
  /// `secret_key_hex`: GODWIT_SECRET_KEY (64 hex characters).
  ConnectionService(store::Database& db, ProjectService& projects,
                    const std::string& secret_key_hex, ConnectionSettings settings);

  store::StoredConnection create(const std::string& user_id, const std::string& project_id,
                                 const ConnectionInput& input);
  std::vector<store::StoredConnection> list(const std::string& user_id,
                                            const std::string& project_id);
  store::StoredConnection get(const std::string& user_id, const std::string& project_id,
                              const std::string& connection_id);
  store::StoredConnection update(const std::string& user_id, const std::string& project_id,
                                 const std::string& connection_id, const ConnectionInput& input);
  void remove(const std::string& user_id, const std::string& project_id,
              const std::string& connection_id);

  /// Throws Error(kUnprocessable) naming the field to fix when the database cannot be
  /// reached or refuses the login; never with the password in it.
  ConnectionTestResult test(const std::string& user_id, const std::string& project_id,
                            const std::string& connection_id);
  /// Tests settings without saving them (editors and owners).
  ConnectionTestResult test_unsaved(const std::string& user_id, const std::string& project_id,
                                    const ConnectionInput& input);

  /// The full connection spec, password included, for introspection and validation jobs
  /// (members). Never returned by the API.
  validation::ConnectionSpec spec(const std::string& user_id, const std::string& project_id,
                                  const std::string& connection_id);

 private:
  store::ProjectView require_writer(const std::string& user_id, const std::string& project_id,
                                    const char* action);
  /// Applies `input` on `stored` (and its clear-text secrets), validating every field;
  /// throws kUnprocessable listing all field errors.
  void apply(const ConnectionInput& input, store::StoredConnection& stored, std::string& password,
             std::string& dsn);
  void seal(store::StoredConnection& stored, const std::string& password, const std::string& dsn);
  void unseal(const store::StoredConnection& stored, std::string& password, std::string& dsn);
  validation::ConnectionSpec to_spec(const store::StoredConnection& stored,
                                     const std::string& password, const std::string& dsn) const;
  ConnectionTestResult run_test(validation::ConnectionSpec spec) const;

  store::ConnectionRepository connections_;
  ProjectService& projects_;
  SecretBox box_;
  ConnectionSettings settings_;
};

}  // namespace godwit::services
