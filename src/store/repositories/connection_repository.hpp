// Live-database connections of a project (connections): where a database is and how to
// log in. The secret (password, ODBC DSN) is stored sealed; this repository never sees
// it in clear text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct StoredConnection {
  std::string id;
  std::string project_id;
  std::string name;
  std::string engine;  ///< postgresql | mariadb | sqlite | odbc
  std::string host;
  int port = 0;
  std::string database;
  std::string user;
  std::string path;
  std::string options_json = "{}";    ///< a JSON object of strings
  std::optional<std::string> secret;  ///< sealed JSON {"password":..., "dsn":...}
  bool password_set = false;
  bool dsn_set = false;
  std::optional<std::string> created_by;
  std::string created_at;
  std::string updated_at;
};

class ConnectionRepository {
 public:
  explicit ConnectionRepository(Database& db) : db_(db) {}

  /// Assigns id and timestamps. kConflict when the project has a connection of that name.
  StoredConnection insert(StoredConnection connection);
  std::optional<StoredConnection> find(const std::string& project_id, const std::string& id);
  /// Oldest first.
  std::vector<StoredConnection> list(const std::string& project_id);
  /// Writes every field but id, project_id, created_*; sets updated_at. kConflict on a
  /// duplicate name; false when the row is gone.
  bool update(StoredConnection& connection);
  bool remove(const std::string& project_id, const std::string& id);

 private:
  Database& db_;
};

}  // namespace godwit::store
