// The PostgreSQL connector (libpq): text-format results, parameters bound with
// PQexecParams, a read-only session and a statement timeout set at connection start,
// and single-row mode for streaming scans.
#pragma once

#include "validation/connectors/connector.hpp"

struct pg_conn;

namespace godwit::validation {

class PostgresConnector final : public Connector {
 public:
  /// Connects; throws ConnectorError. Options: sslmode, sslrootcert, sslcert, sslkey,
  /// connect_timeout (seconds, default 10), application_name, target_session_attrs,
  /// search_path.
  explicit PostgresConnector(const ConnectionSpec& spec);
  ~PostgresConnector() override;
  PostgresConnector(const PostgresConnector&) = delete;
  PostgresConnector& operator=(const PostgresConnector&) = delete;

  Engine engine() const override { return Engine::kPostgres; }
  std::string server_version() override;
  ResultSet query(std::string_view sql, const std::vector<Param>& params = {}) override;
  void query_each(std::string_view sql, const std::vector<Param>& params,
                  const std::function<bool(const std::vector<Value>&)>& row) override;
  std::string quote_identifier(std::string_view name) const override;

 private:
  pg_conn* conn_ = nullptr;
};

}  // namespace godwit::validation
