// The data connector interface: one way to run read-only, parameterised SQL against a
// user's live database (PostgreSQL, MariaDB/MySQL, SQLite, any ODBC driver, BigQuery and
// Databricks SQL over their REST APIs), used by
// validation and live introspection. Values in, values out: no HTTP, no metadata store.
// Every value is text in the engine's canonical text form, so checks compare the same
// representation whatever the driver.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace godwit::validation {

enum class Engine { kPostgres, kMariaDb, kSqlite, kOdbc, kBigQuery, kDatabricks };
/// "postgresql", "mariadb", "sqlite", "odbc", "bigquery", "databricks".
std::string_view to_string(Engine engine);
/// The engine a name means ("postgresql"/"postgres", "mariadb"/"mysql", "sqlite", "odbc",
/// "bigquery", "databricks"), or nullopt.
std::optional<Engine> engine_from_string(std::string_view name);

/// What a user gives to reach a database. The password is never logged or put into an
/// error message.
struct ConnectionSpec {
  Engine engine = Engine::kPostgres;
  std::string host;
  int port = 0;  ///< 0: the engine's default
  std::string database;
  std::string user;
  std::string password;
  std::string path;                            ///< sqlite file
  std::string dsn;                             ///< odbc: DSN name or full connection string
  std::map<std::string, std::string> options;  ///< sslmode, connect_timeout ... (per engine)
  int statement_timeout_ms = 60000;
  bool read_only = true;
};

/// NULL is nullopt; every other value as text in the engine's canonical text form.
using Value = std::optional<std::string>;

/// The type a bound parameter has in its statement. The drivers of PostgreSQL, MariaDB,
/// SQLite and ODBC send text that the server types from the context; BigQuery does not
/// coerce a STRING parameter in a comparison (`int64_col >= @p` fails with "No matching
/// signature") and Databricks under ANSI mode neither, so the REST connectors send each
/// parameter with the type named here (BigQuery parameterType, Databricks parameters[].type).
enum class ParamType {
  kText,
  kInteger,
  kDecimal,  ///< exact; the connector sizes precision and scale from the value
  kFloat,
  kBoolean,      ///< "true"/"false" (also "1"/"0", "t"/"f")
  kDate,         ///< YYYY-MM-DD
  kTimestamp,    ///< without time zone: YYYY-MM-DD HH:MM:SS[.ffffff]
  kTimestampTz,  ///< an instant, with its offset: YYYY-MM-DD HH:MM:SS[.ffffff]+00
  kTime,
  kBytes,  ///< in the engine's text form of bytes (BigQuery: base64)
};
/// "text", "integer", "decimal" ...
std::string_view to_string(ParamType type);

/// One bound parameter: its value as text (nullopt: NULL) and its type in the statement.
/// Converts implicitly from a Value or text, typed kText, so `{"x", std::nullopt}` binds
/// two text parameters.
struct Param {
  Value value;
  ParamType type = ParamType::kText;

  Param(Value v, ParamType t = ParamType::kText) : value(std::move(v)), type(t) {}
  Param(std::string v, ParamType t = ParamType::kText) : value(std::move(v)), type(t) {}
  Param(const char* v, ParamType t = ParamType::kText) : value(std::string(v)), type(t) {}
  Param(std::nullopt_t) {}
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

/// A failure talking to a database. The message says what failed and never carries a
/// secret (password, full connection string).
class ConnectorError : public std::runtime_error {
 public:
  enum class Kind { kConnect, kAuth, kTimeout, kQuery, kUnsupported };
  using enum Kind;

  /// `code` is a stable machine-readable reason within the kind (see codes below).
  ConnectorError(Kind kind, std::string message, std::string code = {})
      : std::runtime_error(std::move(message)), kind_(kind), code_(std::move(code)) {}

  Kind kind() const { return kind_; }
  /// A finer reason when known: "host_unreachable", "database_missing", "auth_failed",
  /// "timeout", "read_only", "bad_option", "driver_missing", "query_failed"; else empty.
  const std::string& code() const { return code_; }

 private:
  Kind kind_;
  std::string code_;
};
/// "connect", "auth", "timeout", "query", "unsupported".
std::string_view to_string(ConnectorError::Kind kind);

class Connector {
 public:
  virtual ~Connector() = default;
  virtual Engine engine() const = 0;
  /// The engine whose SQL this connection speaks, for code that writes engine-specific
  /// SQL (diff, profile): engine() for the native connectors; for ODBC the DBMS behind
  /// the driver when Godwit knows its SQL, else kOdbc (portable SQL only).
  virtual Engine sql_engine() const { return engine(); }
  /// The server's product and version, e.g. "PostgreSQL 15.10".
  virtual std::string server_version() = 0;
  /// One statement, parameters bound (never pasted): placeholders written as $1,$2... in
  /// `sql`; each connector rewrites them to its native form (? for MariaDB/SQLite/ODBC).
  /// Give a parameter its ParamType wherever the server cannot infer it from text.
  virtual ResultSet query(std::string_view sql, const std::vector<Param>& params = {}) = 0;
  /// Streams rows without holding the result in memory (large scans); returns false from
  /// the callback to stop. The row vector passed to the callback is reused between rows.
  virtual void query_each(std::string_view sql, const std::vector<Param>& params,
                          const std::function<bool(const std::vector<Value>&)>& row) = 0;
  /// `name` quoted as an identifier of this engine, embedded quotes doubled.
  virtual std::string quote_identifier(std::string_view name) const = 0;
  /// schema.table: each non-empty part quoted, joined with '.'.
  virtual std::string quote_name(const std::vector<std::string>& parts) const;
};

/// A connector whose statements all go through one streaming `run` (column names once,
/// then each row): query and query_each are written here once for every such engine.
class StreamingConnector : public Connector {
 public:
  ResultSet query(std::string_view sql, const std::vector<Param>& params = {}) override;
  void query_each(std::string_view sql, const std::vector<Param>& params,
                  const std::function<bool(const std::vector<Value>&)>& row) override;

 protected:
  /// Runs `sql`, giving the column names once and then each row; stops when `row`
  /// returns false.
  virtual void run(std::string_view sql, const std::vector<Param>& params,
                   const std::function<void(std::vector<std::string>)>& columns,
                   const std::function<bool(const std::vector<Value>&)>& row) = 0;
};

/// `name` between two `quote` characters, each embedded `quote` doubled (the identifier
/// quoting of SQL engines: "a""b", `a``b`).
std::string quote_doubling(std::string_view name, char quote);

/// Opens a connection (read-only session and statement timeout applied when the engine
/// supports them). Throws ConnectorError.
std::unique_ptr<Connector> connect(const ConnectionSpec& spec);

}  // namespace godwit::validation
