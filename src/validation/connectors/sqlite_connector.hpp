// The SQLite connector: opens an existing database file (read-only unless asked
// otherwise), binds parameters as ?NNN, steps rows one at a time, and enforces the
// statement timeout with a progress handler.
#pragma once

#include <chrono>

#include "validation/connectors/connector.hpp"

struct sqlite3;

namespace godwit::validation {

class SqliteConnector final : public StreamingConnector {
 public:
  /// Opens `spec.path`; throws ConnectorError. Options: busy_timeout (ms, default 5000).
  explicit SqliteConnector(const ConnectionSpec& spec);
  ~SqliteConnector() override;
  SqliteConnector(const SqliteConnector&) = delete;
  SqliteConnector& operator=(const SqliteConnector&) = delete;

  Engine engine() const override { return Engine::kSqlite; }
  std::string server_version() override;
  std::string quote_identifier(std::string_view name) const override;

 private:
  void run(std::string_view sql, const std::vector<Param>& params,
           const std::function<void(std::vector<std::string>)>& columns,
           const std::function<bool(const std::vector<Value>&)>& row) override;
  static int on_progress(void* self);

  sqlite3* db_ = nullptr;
  int statement_timeout_ms_ = 0;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace godwit::validation
