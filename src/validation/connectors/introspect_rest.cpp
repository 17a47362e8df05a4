// BigQuery's and Databricks' catalog readers: both expose an ANSI-style
// INFORMATION_SCHEMA (BigQuery per dataset, Databricks per Unity Catalog catalog), read
// with one query per kind of object for each dataset/schema. Neither has estimated row
// counts there; exact counts come from introspect()'s count(*) when asked.
#include <map>

#include "validation/connectors/bigquery_connector.hpp"
#include "validation/connectors/databricks_connector.hpp"
#include "validation/connectors/introspect_engines.hpp"

namespace godwit::validation::detail {

namespace {

/// The catalog queries of one engine; {P} stands for the INFORMATION_SCHEMA prefix.
struct InformationSchema {
  std::string_view dialect;
  std::string_view tables;
  std::string_view views;
  std::string_view columns;  ///< table, column, type, is_nullable[, default, comment]
  std::string_view keys;     ///< table, constraint, type, column, ref schema, ref table, ref column
};

constexpr InformationSchema kBigQuery{
    "bigquery",
    "SELECT table_name, table_type FROM {P}.TABLES WHERE table_schema = $1 ORDER BY table_name",
    "SELECT table_name, view_definition FROM {P}.VIEWS WHERE table_schema = $1",
    "SELECT table_name, column_name, data_type, is_nullable FROM {P}.COLUMNS "
    "WHERE table_schema = $1 ORDER BY table_name, ordinal_position",
    // BigQuery has primary and foreign keys only, a foreign key always naming the
    // referenced table's primary key, and no REFERENTIAL_CONSTRAINTS view: the referenced
    // table comes from CONSTRAINT_COLUMN_USAGE and each referenced column is the primary
    // key column at the foreign key column's position_in_unique_constraint.
    R"sql(SELECT k.table_name, k.constraint_name, c.constraint_type, k.column_name,
       rt.table_schema, rt.table_name, pk.column_name
FROM {P}.KEY_COLUMN_USAGE k
JOIN {P}.TABLE_CONSTRAINTS c
  ON c.constraint_name = k.constraint_name AND c.table_name = k.table_name
LEFT JOIN (SELECT DISTINCT constraint_name, table_schema, table_name
           FROM {P}.CONSTRAINT_COLUMN_USAGE) rt
  ON c.constraint_type = 'FOREIGN KEY' AND rt.constraint_name = k.constraint_name
LEFT JOIN {P}.TABLE_CONSTRAINTS rc
  ON rc.table_name = rt.table_name AND rc.constraint_type = 'PRIMARY KEY'
LEFT JOIN {P}.KEY_COLUMN_USAGE pk
  ON pk.constraint_name = rc.constraint_name AND pk.table_name = rt.table_name
 AND pk.ordinal_position = k.position_in_unique_constraint
WHERE k.table_schema = $1 AND c.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
ORDER BY k.table_name, k.constraint_name, k.ordinal_position)sql"};

constexpr InformationSchema kDatabricks{
    "databricks",
    "SELECT table_name, table_type, comment FROM {P}.tables WHERE table_schema = $1 "
    "ORDER BY table_name",
    "SELECT table_name, view_definition FROM {P}.views WHERE table_schema = $1",
    "SELECT table_name, column_name, full_data_type, is_nullable, column_default, comment "
    "FROM {P}.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position",
    R"sql(SELECT k.table_name, k.constraint_name, c.constraint_type, k.column_name,
       u.table_schema, u.table_name, u.column_name
FROM {P}.key_column_usage k
JOIN {P}.table_constraints c
  ON c.constraint_schema = k.constraint_schema AND c.constraint_name = k.constraint_name
LEFT JOIN {P}.referential_constraints r
  ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name
LEFT JOIN {P}.key_column_usage u
  ON u.constraint_schema = r.unique_constraint_schema
 AND u.constraint_name = r.unique_constraint_name
 AND u.ordinal_position = k.position_in_unique_constraint
WHERE k.table_schema = $1 AND c.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
ORDER BY k.table_name, k.constraint_name, k.ordinal_position)sql"};

std::string with_prefix(std::string_view sql, const std::string& prefix) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t next = sql.find("{P}", at);
    out.append(sql.substr(at, next - at));
    if (next == std::string_view::npos) return out;
    out += prefix;
    at = next + 3;
  }
}

schema::TableKind kind_of(std::string_view table_type) {
  if (table_type == "VIEW") return schema::TableKind::kView;
  if (table_type == "MATERIALIZED VIEW" || table_type == "MATERIALIZED_VIEW") {
    return schema::TableKind::kMaterializedView;
  }
  return schema::TableKind::kTable;
}

/// Reads one dataset/schema through `info`, `prefix` naming its INFORMATION_SCHEMA.
/// Returns false when options.max_tables stopped the reading.
bool read_schema(Connector& db, const InformationSchema& info, const std::string& prefix,
                 const std::string& schema_name, const IntrospectOptions& options,
                 schema::Catalog& catalog) {
  std::map<std::string, std::size_t> by_name;
  const std::vector<Param> params = {schema_name};
  bool stopped = false;
  db.query_each(with_prefix(info.tables, prefix), params, [&](const std::vector<Value>& row) {
    if (catalog.tables.size() >= options.max_tables) {
      warn(catalog, "W-INTROSPECT-LIMIT",
           "stopped after " + std::to_string(options.max_tables) + " tables and views");
      stopped = true;
      return false;
    }
    schema::Table table;
    table.name.schema = schema_name;
    table.name.name = row[0].value_or("");
    table.schema_key = lower(schema_name);
    table.key = lower(table.name.name);
    table.dialect = std::string(info.dialect);
    table.kind = kind_of(row[1].value_or(""));
    if (row.size() > 2) table.comment = row[2].value_or("");
    table.origin.file = std::string(info.dialect);
    by_name.emplace(table.name.name, catalog.tables.size());
    catalog.add_table(std::move(table));
    return true;
  });
  schema::SchemaEntry entry;
  entry.name.name = schema_name;
  catalog.schemas.push_back(entry);
  db.query_each(with_prefix(info.views, prefix), params, [&](const std::vector<Value>& row) {
    auto found = by_name.find(row[0].value_or(""));
    if (found != by_name.end() && row[1]) catalog.tables[found->second].query = *row[1];
    return true;
  });
  db.query_each(with_prefix(info.columns, prefix), params, [&](const std::vector<Value>& row) {
    auto found = by_name.find(row[0].value_or(""));
    if (found == by_name.end()) return true;
    schema::Column column;
    column.name = row[1].value_or("");
    column.key = lower(column.name);
    column.type_text = row[2].value_or("");
    set_type(column, info.dialect);
    column.nullable = row[3].value_or("YES") == "YES";
    if (row.size() > 4 && row[4]) column.default_value = row[4];
    if (row.size() > 5) column.comment = row[5].value_or("");
    catalog.tables[found->second].columns.push_back(std::move(column));
    return true;
  });
  db.query_each(with_prefix(info.keys, prefix), params, [&](const std::vector<Value>& row) {
    auto found = by_name.find(row[0].value_or(""));
    if (found == by_name.end() || !row[3]) return true;
    const std::string type = row[2].value_or("");
    const KeyKind kind = type == "PRIMARY KEY" ? KeyKind::kPrimary
                         : type == "UNIQUE"    ? KeyKind::kUnique
                                               : KeyKind::kForeign;
    add_key_column(catalog.tables[found->second], key_column_of(row, kind));
    return true;
  });
  return !stopped;
}

std::vector<std::string> column_values(Connector& db, const std::string& sql) {
  std::vector<std::string> out;
  db.query_each(sql, {}, [&](const std::vector<Value>& row) {
    if (!row.empty() && row[0]) out.push_back(*row[0]);
    return true;
  });
  return out;
}

}  // namespace

void introspect_bigquery(Connector& connector, const IntrospectOptions& options,
                         schema::Catalog& catalog) {
  auto& db = dynamic_cast<BigQueryConnector&>(connector);
  std::vector<std::string> datasets = options.schemas;
  if (datasets.empty() && !db.dataset().empty()) datasets.push_back(db.dataset());
  if (datasets.empty()) {
    // Datasets live in a region: SCHEMATA is read per region (US when none is given).
    const std::string region =
        db.location().empty() ? "" : "." + db.quote_identifier("region-" + lower(db.location()));
    datasets = column_values(db, "SELECT schema_name FROM " + db.quote_identifier(db.project()) +
                                     region + ".INFORMATION_SCHEMA.SCHEMATA ORDER BY schema_name");
  }
  for (const std::string& dataset : datasets) {
    const std::string prefix = db.quote_name({db.project(), dataset}) + ".INFORMATION_SCHEMA";
    if (!read_schema(db, kBigQuery, prefix, dataset, options, catalog)) break;
  }
}

void introspect_databricks(Connector& connector, const IntrospectOptions& options,
                           schema::Catalog& catalog) {
  auto& db = dynamic_cast<DatabricksConnector&>(connector);
  const std::string prefix = db.catalog().empty()
                                 ? std::string("information_schema")
                                 : db.quote_identifier(db.catalog()) + ".information_schema";
  std::vector<std::string> schemas = options.schemas;
  if (schemas.empty() && !db.schema().empty()) schemas.push_back(db.schema());
  if (schemas.empty()) {
    schemas = column_values(db, "SELECT schema_name FROM " + prefix +
                                    ".schemata WHERE schema_name <> 'information_schema' "
                                    "ORDER BY schema_name");
  }
  for (const std::string& schema_name : schemas) {
    if (!read_schema(db, kDatabricks, prefix, schema_name, options, catalog)) break;
  }
}

}  // namespace godwit::validation::detail
