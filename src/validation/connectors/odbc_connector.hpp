// The ODBC connector: any database with an ODBC driver, through the unixODBC driver
// manager. Statements are prepared with bound parameters (?), rows are fetched one at a
// time with SQLGetData in chunks (so long values stream), the statement timeout is both
// SQL_ATTR_QUERY_TIMEOUT and a watchdog that calls SQLCancel (drivers that ignore the
// attribute are still stopped), and the session asks for SQL_MODE_READ_ONLY. Errors are
// classified by SQLSTATE. The catalog functions (SQLTables, SQLColumns ...) are exposed
// for introspection over ODBC.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "validation/connectors/connector.hpp"

namespace godwit::validation {

/// The ConnectorError an ODBC diagnostic means: 28xxx auth, 08xxx and IM0xx connect,
/// HYT00/HYT01/57014 timeout, 25006 or a "read-only" message read_only, else query.
/// `message` is the driver's text; it is kept, the SQLSTATE appended.
ConnectorError classify_odbc_error(std::string_view sqlstate, std::string_view message,
                                   bool connecting);

/// The ODBC connection string for `spec`: spec.dsn as given when it holds '=' (a full
/// connection string such as "Driver=...;Database=..."), else "DSN=<name>"; spec.user
/// and spec.password added as UID and PWD unless the string has them. Values that need it
/// are wrapped in braces.
std::string odbc_connection_string(const ConnectionSpec& spec);

class OdbcConnector final : public Connector {
 public:
  /// Connects with SQLDriverConnect; throws ConnectorError. Options: login_timeout
  /// (seconds, default 15).
  explicit OdbcConnector(const ConnectionSpec& spec);
  ~OdbcConnector() override;
  OdbcConnector(const OdbcConnector&) = delete;
  OdbcConnector& operator=(const OdbcConnector&) = delete;

  Engine engine() const override { return Engine::kOdbc; }
  /// The DBMS behind the driver when Godwit knows its SQL (PostgreSQL, MySQL/MariaDB,
  /// SQLite), else kOdbc (portable SQL only).
  Engine sql_engine() const override { return sql_engine_; }
  /// SQL_DBMS_NAME and SQL_DBMS_VER, e.g. "PostgreSQL 15.10".
  std::string server_version() override;
  ResultSet query(std::string_view sql, const std::vector<Param>& params = {}) override;
  void query_each(std::string_view sql, const std::vector<Param>& params,
                  const std::function<bool(const std::vector<Value>&)>& row) override;
  /// With the driver's SQL_IDENTIFIER_QUOTE_CHAR ('"' when it reports none).
  std::string quote_identifier(std::string_view name) const override;

  /// The driver's name, e.g. "psqlodbca.so".
  const std::string& driver_name() const { return driver_name_; }

  // Catalog functions; arguments are exact names (not patterns), empty meaning "any".
  // Each returns the function's standard result set, columns named as the driver names
  // them, values as text.
  /// SQLTables for tables and views (TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE, REMARKS).
  ResultSet tables(const std::string& schema);
  /// SQLColumns of one table (TABLE_CAT ... COLUMN_NAME 4, DATA_TYPE 5, TYPE_NAME 6,
  /// COLUMN_SIZE 7, DECIMAL_DIGITS 9, NULLABLE 11, REMARKS 12, COLUMN_DEF 13 ...).
  ResultSet columns(const std::string& schema, const std::string& table);
  /// SQLPrimaryKeys (COLUMN_NAME 4, KEY_SEQ 5, PK_NAME 6).
  ResultSet primary_keys(const std::string& schema, const std::string& table);
  /// SQLForeignKeys with `table` as the referencing table (PKTABLE_SCHEM 2, PKTABLE_NAME
  /// 3, PKCOLUMN_NAME 4, FKCOLUMN_NAME 8, KEY_SEQ 9, UPDATE_RULE 10, DELETE_RULE 11,
  /// FK_NAME 12).
  ResultSet foreign_keys(const std::string& schema, const std::string& table);
  /// SQLStatistics, unique indexes only (NON_UNIQUE 4, INDEX_NAME 6, TYPE 7,
  /// ORDINAL_POSITION 8, COLUMN_NAME 9, CARDINALITY 11).
  ResultSet unique_indexes(const std::string& schema, const std::string& table);

  struct Handles;

 private:
  /// Runs one catalog function on a fresh statement handle (passed as void*) and reads
  /// its result set.
  ResultSet catalog_call(const std::function<short(void*)>& call);

  std::unique_ptr<Handles> handles_;
  /// Set by query() to receive the column names from query_each().
  std::function<void(std::vector<std::string>)> on_columns_;
  Engine sql_engine_ = Engine::kOdbc;
  std::string quote_ = "\"";
  std::string dbms_name_;
  std::string dbms_version_;
  std::string driver_name_;
  bool backslash_escapes_ = false;
  int statement_timeout_ms_ = 0;
};

}  // namespace godwit::validation
