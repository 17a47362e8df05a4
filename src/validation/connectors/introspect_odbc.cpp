// Introspection over ODBC's catalog functions, for any driver: SQLTables, then per table
// SQLColumns, SQLPrimaryKeys, SQLStatistics (unique indexes, and the cardinality row as
// the row estimate when the driver gives one) and SQLForeignKeys. Type names are the
// driver's, read through the SQL dialect of the DBMS behind it when Godwit knows it.
// Catalog-function arguments are patterns for some drivers, so every result is filtered
// by exact name. Views' definitions are not part of the catalog functions.
#include <algorithm>
#include <map>

#include "validation/connectors/introspect_engines.hpp"
#include "validation/connectors/odbc_connector.hpp"

namespace godwit::validation::detail {

namespace {

// Result-set columns (0-based) of the catalog functions, as the ODBC 3 standard orders them.
constexpr std::size_t kSchemaColumn = 1;
constexpr std::size_t kTableColumn = 2;

bool system_schema(const std::string& name) {
  static const char* const kSystem[] = {"pg_catalog", "information_schema", "INFORMATION_SCHEMA",
                                        "mysql",      "performance_schema", "sys"};
  if (std::find(std::begin(kSystem), std::end(kSystem), name) != std::end(kSystem)) return true;
  return name.starts_with("pg_toast") || name.starts_with("pg_temp_");
}

std::string text(const Value& value) {
  return value.value_or("");
}

bool same_table(const std::vector<Value>& row, const std::string& schema,
                const std::string& table) {
  return text(row[kSchemaColumn]) == schema && text(row[kTableColumn]) == table;
}

std::string rule(const Value& value) {
  switch (to_int(value)) {
    case 0: return "CASCADE";
    case 1: return "RESTRICT";
    case 2: return "SET NULL";
    case 4: return "SET DEFAULT";
    default: return "";  // 3: NO ACTION, the default
  }
}

/// TYPE_NAME with the length or precision ODBC reports beside it, as DDL writes it.
std::string type_text(const std::vector<Value>& row) {
  std::string name = text(row[5]);
  if (name.find('(') != std::string::npos || !row[6]) return name;
  switch (to_int(row[4])) {
    case 1:   // SQL_CHAR
    case 12:  // SQL_VARCHAR
    case -8:  // SQL_WCHAR
    case -9:  // SQL_WVARCHAR
    case -2:  // SQL_BINARY
    case -3:  // SQL_VARBINARY
      return name + "(" + text(row[6]) + ")";
    case 2:  // SQL_NUMERIC
    case 3:  // SQL_DECIMAL
      return name + "(" + text(row[6]) + ", " + (row[8] ? *row[8] : "0") + ")";
    default: return name;
  }
}

/// The schemas to read: the asked ones, or every non-system schema with tables ("" for
/// drivers without schemas).
std::vector<std::string> schemas_to_read(OdbcConnector& db, const IntrospectOptions& options,
                                         ResultSet& all_tables) {
  if (!options.schemas.empty()) return options.schemas;
  std::vector<std::string> out;
  all_tables = db.tables("");
  for (const auto& row : all_tables.rows) {
    std::string schema = text(row[kSchemaColumn]);
    if (!system_schema(schema) && std::find(out.begin(), out.end(), schema) == out.end()) {
      out.push_back(schema);
    }
  }
  return out;
}

void read_table(OdbcConnector& db, std::string_view dialect, bool fold_keys, schema::Table& table) {
  const std::string& schema = table.name.schema;
  const std::string& name = table.name.name;
  for (const auto& row : db.columns(schema, name).rows) {
    if (!same_table(row, schema, name) || row.size() < 13) continue;
    schema::Column column;
    column.name = text(row[3]);
    column.key = fold_keys ? lower(column.name) : column.name;
    column.type_text = type_text(row);
    set_type(column, dialect);
    column.nullable = to_int(row[10]) != 0;
    column.comment = text(row[11]);
    column.default_value = row[12];
    table.columns.push_back(std::move(column));
  }
  if (table.kind != schema::TableKind::kTable) return;
  std::vector<std::pair<std::int64_t, std::string>> primary;
  for (const auto& row : db.primary_keys(schema, name).rows) {
    if (same_table(row, schema, name)) primary.emplace_back(to_int(row[4]), text(row[3]));
  }
  std::vector<std::string> primary_columns;
  if (!primary.empty()) {
    std::sort(primary.begin(), primary.end());
    table.primary_key = schema::Key{};
    for (const auto& [_, column] : primary) table.primary_key->columns.push_back(column);
    primary_columns = table.primary_key->columns;
  }
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> unique;
  for (const auto& row : db.unique_indexes(schema, name).rows) {
    if (!same_table(row, schema, name) || row.size() < 11) continue;
    if (to_int(row[6]) == 0) {  // SQL_TABLE_STAT: the table's cardinality
      if (row[10]) table.row_count = to_int(row[10]);
      continue;
    }
    if (to_int(row[3]) != 0 || !row[8]) continue;  // NON_UNIQUE
    unique[text(row[5])].emplace_back(to_int(row[7]), *row[8]);
  }
  for (auto& [index, columns] : unique) {
    std::sort(columns.begin(), columns.end());
    schema::Key key;
    key.name = index;
    for (const auto& [_, column] : columns) key.columns.push_back(column);
    if (key.columns != primary_columns) table.unique_keys.push_back(std::move(key));
  }
  // Rows of one key share FK_NAME; drivers without names restart KEY_SEQ at 1.
  std::string last_name;
  for (const auto& row : db.foreign_keys(schema, name).rows) {
    if (row.size() < 12 || text(row[5]) != schema || text(row[6]) != name) continue;
    std::string fk_name = text(row[11]);
    if (table.foreign_keys.empty() || to_int(row[8]) == 1 || fk_name != last_name) {
      last_name = fk_name;
      schema::ForeignKey fk;
      fk.name = fk_name;
      fk.referenced_table.schema = text(row[1]);
      fk.referenced_table.name = text(row[2]);
      fk.on_update = rule(row[9]);
      fk.on_delete = rule(row[10]);
      table.foreign_keys.push_back(std::move(fk));
    }
    table.foreign_keys.back().columns.push_back(text(row[7]));
    table.foreign_keys.back().referenced_columns.push_back(text(row[3]));
  }
}

}  // namespace

void introspect_odbc(Connector& connector, const IntrospectOptions& options,
                     schema::Catalog& catalog) {
  auto* db = dynamic_cast<OdbcConnector*>(&connector);
  if (db == nullptr) {
    throw ConnectorError(ConnectorError::kUnsupported,
                         "ODBC introspection needs an ODBC connection", "unsupported");
  }
  const std::string_view dialect = dialect_of(db->sql_engine());
  // PostgreSQL folds unquoted names itself; elsewhere names compare case-insensitively.
  const bool fold_keys = db->sql_engine() != Engine::kPostgres;
  ResultSet all_tables;
  for (const std::string& schema_name : schemas_to_read(*db, options, all_tables)) {
    ResultSet listed = all_tables.columns.empty() ? db->tables(schema_name) : all_tables;
    bool schema_added = false;
    for (const auto& row : listed.rows) {
      if (text(row[kSchemaColumn]) != schema_name || row.size() < 5) continue;
      if (catalog.tables.size() >= options.max_tables) {
        warn(catalog, "W-INTROSPECT-LIMIT",
             "stopped after " + std::to_string(options.max_tables) + " tables and views");
        return;
      }
      if (!schema_added) {
        schema::SchemaEntry entry;
        entry.name.name = schema_name;
        catalog.schemas.push_back(entry);
        schema_added = true;
      }
      schema::Table table;
      table.name.schema = schema_name;
      table.name.name = text(row[kTableColumn]);
      table.schema_key = fold_keys ? lower(schema_name) : schema_name;
      table.key = fold_keys ? lower(table.name.name) : table.name.name;
      table.dialect = std::string(dialect);
      table.kind = text(row[3]) == "VIEW" ? schema::TableKind::kView : schema::TableKind::kTable;
      table.comment = text(row[4]);
      table.origin.file = "odbc";
      try {
        read_table(*db, dialect, fold_keys, table);
      } catch (const ConnectorError& error) {
        if (error.kind() == ConnectorError::kConnect) throw;
        warn(catalog, "W-INTROSPECT-TABLE",
             "cannot read the definition of " + table.name.to_string() + ": " + error.what());
      }
      catalog.add_table(std::move(table));
    }
  }
}

std::int64_t count_odbc_tables(Connector& connector) {
  auto* db = dynamic_cast<OdbcConnector*>(&connector);
  if (db == nullptr) {
    throw ConnectorError(ConnectorError::kUnsupported,
                         "ODBC introspection needs an ODBC connection", "unsupported");
  }
  std::int64_t count = 0;
  for (const auto& row : db->tables("").rows) {
    if (text(row[3]) == "TABLE" && !system_schema(text(row[kSchemaColumn]))) ++count;
  }
  return count;
}

}  // namespace godwit::validation::detail
