// The Databricks SQL connector, over the Statement Execution REST API
// (/api/2.0/sql/statements): a statement is submitted to a SQL warehouse with named
// parameters (:p1, :p2 ...), waited for (wait_timeout, then polled), and its result read
// inline as JSON arrays chunk by chunk (next_chunk_internal_link). A statement still
// running at the statement timeout is cancelled. Authentication is a personal access
// token, or OAuth machine-to-machine (client credentials at the workspace's
// /oidc/v1/token, the token cached until shortly before it expires). Tested against a
// protocol-faithful fake server, not a real workspace (docs/connections.md).
//
// ConnectionSpec: `host` is the workspace host (adb-....azuredatabricks.net), `password`
// the token (or, with option client_id, the OAuth client secret). Options: warehouse_id
// or http_path (/sql/1.0/warehouses/<id>), catalog, schema, endpoint (default
// https://<host>), ca_file, token_env (an environment variable holding the token).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "validation/connectors/connector.hpp"
#include "validation/connectors/rest_statement.hpp"
#include "validation/connectors/rest_transport.hpp"

namespace godwit::validation {

/// One JSON_ARRAY cell as canonical text: TIMESTAMP values ("2024-01-02T03:04:05.120Z")
/// become "2024-01-02 03:04:05.12" like Spark's CAST AS STRING (in UTC); everything else
/// is kept as the server wrote it. `type_name` is the manifest column's type_name.
Value databricks_cell_text(const std::string& type_name, const nlohmann::json& cell);

class DatabricksConnector final : public StreamingConnector {
 public:
  /// Checks the options; no request is sent until the first query. Throws ConnectorError.
  explicit DatabricksConnector(const ConnectionSpec& spec);

  Engine engine() const override { return Engine::kDatabricks; }
  /// "Databricks SQL <current_version().dbsql_version>", or "Databricks SQL" when the
  /// warehouse does not say.
  std::string server_version() override;
  /// `name` in backticks, embedded backticks doubled.
  std::string quote_identifier(std::string_view name) const override;

  /// The catalog and schema options; empty when not given.
  const std::string& catalog() const { return catalog_; }
  const std::string& schema() const { return schema_; }

  /// How many HTTP requests this connector sent, for tests.
  std::size_t requests_sent() const { return requests_sent_; }

 protected:
  void run(std::string_view sql, const std::vector<Param>& params,
           const std::function<void(std::vector<std::string>)>& columns,
           const std::function<bool(const std::vector<Value>&)>& row) override;

 private:
  void run_statement(std::string_view sql, const std::vector<Param>& params,
                     const std::function<void(std::vector<std::string>)>& columns,
                     const std::function<bool(const std::vector<Value>&)>& row);
  const std::string& bearer(std::chrono::steady_clock::time_point deadline);
  RestReply send(RestRequest request, const StatementDeadline& deadline);
  [[noreturn]] void fail(const RestReply& reply) const;
  void cancel(const std::string& statement_id);

  RestEndpoint api_;
  std::string warehouse_id_;
  std::string catalog_;
  std::string schema_;
  std::string ca_file_;
  std::string secret_;     ///< the token, or the OAuth client secret
  std::string client_id_;  ///< OAuth M2M when set
  int statement_timeout_ms_ = 0;
  bool read_only_ = true;
  BearerToken token_;
  std::size_t requests_sent_ = 0;
};

}  // namespace godwit::validation
