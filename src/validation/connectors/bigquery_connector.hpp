// The BigQuery connector, over BigQuery's REST API (no Google client library): a
// service-account key signs a JWT that is exchanged for an access token (cached until
// shortly before it expires), statements run through jobs.query with positional query
// parameters and standard SQL, and long or large results are read with
// jobs.getQueryResults page by page. Tested against a protocol-faithful fake server, not
// the real service (docs/connections.md).
//
// ConnectionSpec: `database` is the project (default: the key's project_id), `password`
// the service-account key's JSON (or option key_file, a path to it). Options: dataset
// (default dataset for unqualified names), location, endpoint (default
// https://bigquery.googleapis.com), ca_file, max_results (rows per page, default 10000).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "validation/connectors/connector.hpp"
#include "validation/connectors/rest_statement.hpp"
#include "validation/connectors/rest_transport.hpp"
#include "validation/connectors/service_account.hpp"

namespace godwit::validation {

/// One REST cell of a BigQuery result as canonical text: `type` is the schema field's
/// type (INT64, NUMERIC, BIGNUMERIC, FLOAT64, BOOL, STRING, BYTES, DATE, DATETIME, TIME,
/// TIMESTAMP ...). TIMESTAMP (epoch microseconds, or epoch seconds as a float) becomes
/// "YYYY-MM-DD HH:MM:SS[.ffffff]+00" like BigQuery's CAST AS STRING; DATETIME loses its
/// 'T'; BYTES stays base64 (BigQuery's text form); RECORD and REPEATED values become
/// compact JSON; everything else is kept as the server wrote it.
Value bigquery_cell_text(const std::string& type, bool repeated, const nlohmann::json& cell);

class BigQueryConnector final : public StreamingConnector {
 public:
  /// Reads the key and checks the endpoint; no request is sent until the first query
  /// (server_version() checks the credentials). Throws ConnectorError.
  explicit BigQueryConnector(const ConnectionSpec& spec);

  Engine engine() const override { return Engine::kBigQuery; }
  /// "BigQuery (project <id>)": the REST API has no server version.
  std::string server_version() override;
  /// `name` in backticks; backslashes and backticks escaped with a backslash (BigQuery
  /// quoted identifiers take the string literal escapes).
  std::string quote_identifier(std::string_view name) const override;

  const std::string& project() const { return project_; }
  /// The default dataset; empty when none was given.
  const std::string& dataset() const { return dataset_; }
  const std::string& location() const { return location_; }

  /// How many HTTP requests this connector sent (token, query, page, cancel), for tests.
  std::size_t requests_sent() const { return requests_sent_; }

 protected:
  void run(std::string_view sql, const std::vector<Param>& params,
           const std::function<void(std::vector<std::string>)>& columns,
           const std::function<bool(const std::vector<Value>&)>& row) override;

 private:
  struct Field {
    std::string name;
    std::string type;
    bool repeated = false;
  };

  void run_statement(std::string_view sql, const std::vector<Param>& params,
                     const std::function<void(std::vector<std::string>)>& columns,
                     const std::function<bool(const std::vector<Value>&)>& row);
  const std::string& access_token(const StatementDeadline& deadline);
  RestReply send(const RestEndpoint& endpoint, RestRequest request,
                 const StatementDeadline& deadline);
  /// Throws the ConnectorError a non-2xx reply means.
  [[noreturn]] void fail(const RestReply& reply) const;
  void cancel(const std::string& job_id, const std::string& location);

  ServiceAccountKey key_;
  RestEndpoint api_;
  RestEndpoint token_endpoint_;
  std::string project_;
  std::string dataset_;
  std::string location_;
  std::string ca_file_;
  int max_results_ = 10000;
  int statement_timeout_ms_ = 0;
  bool read_only_ = true;
  BearerToken token_;
  std::size_t requests_sent_ = 0;
};

}  // namespace godwit::validation
