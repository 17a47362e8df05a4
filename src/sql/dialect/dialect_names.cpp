#include "sql/dialect/dialect_names.hpp"

#include <array>
#include <utility>

#include "core/text.hpp"

namespace godwit::sql {
namespace {

constexpr std::array<std::string_view, 12> kNames = {
    "ansi",     "bigquery", "databricks", "hive",   "mysql",    "oracle",
    "postgres", "redshift", "snowflake",  "sqlite", "teradata", "tsql",
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kAliases = {{
    {"postgresql", "postgres"},
    {"pg", "postgres"},
    {"mariadb", "mysql"},
    {"mssql", "tsql"},
    {"sqlserver", "tsql"},
    {"sql_server", "tsql"},
    {"t-sql", "tsql"},
    {"spark", "databricks"},
    {"sparksql", "databricks"},
    {"spark_sql", "databricks"},
    {"googlesql", "bigquery"},
    {"plsql", "oracle"},
    {"sqlite3", "sqlite"},
    {"generic", "ansi"},
}};

}  // namespace

std::span<const std::string_view> dialect_names() {
  return kNames;
}

std::optional<std::string_view> canonical_dialect_name(std::string_view name) {
  for (std::string_view known : kNames) {
    if (iequals(known, name)) return known;
  }
  for (auto [alias, canonical] : kAliases) {
    if (iequals(alias, name)) return canonical;
  }
  return std::nullopt;
}

std::string dialect_names_for_humans() {
  std::string out;
  for (std::string_view n : kNames) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace godwit::sql
