// ODBC for tests without touching the system's configuration: a temp directory with an
// odbcinst.ini naming Debian's PostgreSQL (ANSI) and SQLite 3 driver files, made the
// driver manager's configuration through ODBCSYSINI, and connection strings for the
// fixture's PostgreSQL and for SQLite files.
#pragma once

#include <optional>
#include <string>

#include "validation/connectors/connector.hpp"

namespace godwit::validation::testing {

/// Writes the temp odbcinst.ini (once per process) and points ODBCSYSINI at it; returns
/// an empty string, or why a driver file is missing. Call before connecting.
std::string odbc_configure();

/// The fixture's PostgreSQL through the psqlODBC driver, or nullopt with the reason.
std::optional<ConnectionSpec> odbc_postgres_spec(std::string* why = nullptr);

/// A SQLite file through the SQLite 3 ODBC driver.
ConnectionSpec odbc_sqlite_spec(const std::string& path);

}  // namespace godwit::validation::testing
