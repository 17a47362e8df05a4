// Connection URLs as a CLI or a config file gives them, turned into a ConnectionSpec:
//   postgresql://user:password@host:port/database?sslmode=require   (also postgres://)
//   mariadb://user:password@host:port/database                      (also mysql://)
//   sqlite:relative/path.db   sqlite:///absolute/path.db
//   odbc:DSN=name;UID=...     (the rest is the ODBC connection string)
//   odbc://user:password@dsn_name?statement_timeout_ms=...&login_timeout=...
//   bigquery://project[/dataset]?key_file=/path/key.json&location=EU
//   databricks://host[/warehouse_id]?token_env=DATABRICKS_TOKEN&catalog=main&schema=sales
// (BigQuery and Databricks URLs carry no secret: the key file or the token's environment
// variable is named instead.)
// User, password and database are percent-decoded; query parameters become options,
// except statement_timeout_ms and read_only, which set the spec's fields.
#pragma once

#include <string_view>

#include "validation/connectors/connector.hpp"

namespace godwit::validation {

/// Throws ConnectorError (kConnect, code "bad_option") saying what is wrong; the message
/// never repeats the password.
ConnectionSpec parse_connection_url(std::string_view url);

}  // namespace godwit::validation
