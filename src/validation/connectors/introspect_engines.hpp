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
