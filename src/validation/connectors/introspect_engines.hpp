// The per-engine catalog readers behind introspect() and the helpers they share.
// Internal to godwit_connectors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "schema/catalog.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::validation::detail {

/// The SQL dialect whose type table reads this engine's type names.
std::string_view dialect_of(Engine engine);
std::string lower(std::string_view text);
/// Sets column.type from column.type_text through `dialect`'s type table.
void set_type(schema::Column& column, std::string_view dialect);
/// A numeric value, 0 when NULL or not a number.
std::int64_t to_int(const Value& value);
void warn(schema::Catalog& catalog, std::string code, std::string message);

enum class KeyKind { kPrimary, kUnique, kForeign };
/// One column of a key constraint, as the engines' catalog queries list them: the columns
/// of one constraint consecutively, in key order.
struct KeyColumn {
  KeyKind kind = KeyKind::kForeign;
  std::string name;  ///< the constraint's name
  std::string column;
  std::string referenced_schema;  ///< foreign keys: the referenced table and column
  std::string referenced_table;
  std::string referenced_column;
  std::string on_delete;  ///< foreign keys; empty when not known
  std::string on_update;
};
/// The key column of a catalog row laid out as (table, constraint, type, column,
/// referenced schema, referenced table, referenced column), of `kind`.
KeyColumn key_column_of(const std::vector<Value>& row, KeyKind kind);
/// Adds `key` to `table`: to its primary key, or to the unique or foreign key it
/// continues (same name as the last one), else as a new key.
void add_key_column(schema::Table& table, const KeyColumn& key);

/// Each adds the tables (with columns, keys, comments, estimated counts and sizes) of the
/// schemas `options` selects; foreign keys are resolved afterwards by introspect().
void introspect_postgres(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog);
void introspect_mariadb(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog);
void introspect_sqlite(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog);
/// Over the ODBC catalog functions; `db` must be an OdbcConnector.
void introspect_odbc(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog);
/// Over INFORMATION_SCHEMA per dataset; `db` must be a BigQueryConnector.
void introspect_bigquery(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog);
/// Over the Unity Catalog information_schema; `db` must be a DatabricksConnector.
void introspect_databricks(Connector& db, const IntrospectOptions& options,
                           schema::Catalog& catalog);
/// Base tables outside system schemas, from SQLTables.
std::int64_t count_odbc_tables(Connector& db);

}  // namespace godwit::validation::detail
