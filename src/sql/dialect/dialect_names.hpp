// The names of the SQL dialects Godwit reads and writes: the one list every layer
// validates user input against (project dialects, file dialects, CLI flags).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace godwit::sql {

/// Canonical dialect names, e.g. "postgres", "tsql", "bigquery", in a stable order.
std::span<const std::string_view> dialect_names();

/// The canonical name for `name` or one of its aliases ("postgresql", "mssql",
/// "sqlserver", "spark", "mariadb" ...), case-insensitively; nullopt when unknown.
std::optional<std::string_view> canonical_dialect_name(std::string_view name);

/// "ansi, bigquery, databricks, ..." for error messages.
std::string dialect_names_for_humans();

}  // namespace godwit::sql
