// Engine names, error kinds, the default qualified-name quoting and the factory that
// picks a connector for a ConnectionSpec.
#include "validation/connectors/connector.hpp"

#include "validation/connectors/bigquery_connector.hpp"
#include "validation/connectors/databricks_connector.hpp"
#include "validation/connectors/mariadb_connector.hpp"
#include "validation/connectors/odbc_connector.hpp"
#include "validation/connectors/postgres_connector.hpp"
#include "validation/connectors/sqlite_connector.hpp"

namespace godwit::validation {

std::string_view to_string(Engine engine) {
  switch (engine) {
    case Engine::kPostgres: return "postgresql";
    case Engine::kMariaDb: return "mariadb";
    case Engine::kSqlite: return "sqlite";
    case Engine::kOdbc: return "odbc";
    case Engine::kBigQuery: return "bigquery";
    case Engine::kDatabricks: return "databricks";
  }
  return "unknown";
}

std::optional<Engine> engine_from_string(std::string_view name) {
  if (name == "postgresql" || name == "postgres") return Engine::kPostgres;
  if (name == "mariadb" || name == "mysql") return Engine::kMariaDb;
  if (name == "sqlite") return Engine::kSqlite;
  if (name == "odbc") return Engine::kOdbc;
  if (name == "bigquery") return Engine::kBigQuery;
  if (name == "databricks") return Engine::kDatabricks;
  return std::nullopt;
}

std::string_view to_string(ParamType type) {
  switch (type) {
    case ParamType::kText: return "text";
    case ParamType::kInteger: return "integer";
    case ParamType::kDecimal: return "decimal";
    case ParamType::kFloat: return "float";
    case ParamType::kBoolean: return "boolean";
    case ParamType::kDate: return "date";
    case ParamType::kTimestamp: return "timestamp";
    case ParamType::kTimestampTz: return "timestamp with time zone";
    case ParamType::kTime: return "time";
    case ParamType::kBytes: return "bytes";
  }
  return "text";
}

std::string_view to_string(ConnectorError::Kind kind) {
  switch (kind) {
    case ConnectorError::kConnect: return "connect";
    case ConnectorError::kAuth: return "auth";
    case ConnectorError::kTimeout: return "timeout";
    case ConnectorError::kQuery: return "query";
    case ConnectorError::kUnsupported: return "unsupported";
  }
  return "unknown";
}

std::string Connector::quote_name(const std::vector<std::string>& parts) const {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += '.';
    out += quote_identifier(part);
  }
  return out;
}

ResultSet StreamingConnector::query(std::string_view sql, const std::vector<Param>& params) {
  ResultSet out;
  run(
      sql, params, [&](std::vector<std::string> names) { out.columns = std::move(names); },
      [&](const std::vector<Value>& values) {
        out.rows.push_back(values);
        return true;
      });
  return out;
}

void StreamingConnector::query_each(std::string_view sql, const std::vector<Param>& params,
                                    const std::function<bool(const std::vector<Value>&)>& row) {
  run(
      sql, params, [](std::vector<std::string>) {}, row);
}

std::string quote_doubling(std::string_view name, char quote) {
  std::string out;
  out.reserve(name.size() + 2);
  out += quote;
  for (char c : name) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

std::unique_ptr<Connector> connect(const ConnectionSpec& spec) {
  if (spec.statement_timeout_ms < 0) {
    throw ConnectorError(ConnectorError::kConnect,
                         "statement_timeout_ms must be 0 (no limit) or a positive number",
                         "bad_option");
  }
  switch (spec.engine) {
    case Engine::kPostgres: return std::make_unique<PostgresConnector>(spec);
    case Engine::kMariaDb: return std::make_unique<MariaDbConnector>(spec);
    case Engine::kSqlite: return std::make_unique<SqliteConnector>(spec);
    case Engine::kOdbc: return std::make_unique<OdbcConnector>(spec);
    case Engine::kBigQuery: return std::make_unique<BigQueryConnector>(spec);
    case Engine::kDatabricks: return std::make_unique<DatabricksConnector>(spec);
  }
  throw ConnectorError(ConnectorError::kUnsupported,
                       "no connector for engine " + std::string(to_string(spec.engine)),
                       "bad_option");
}

}  // namespace godwit::validation
