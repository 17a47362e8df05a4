// MariaDB / MySQL's catalog reader: information_schema, one query per kind of object
// for each schema read. Row counts are information_schema's estimates (exact for
// MyISAM, sampled for InnoDB); sizes are data plus index length.
#include <map>

#include "validation/connectors/introspect_engines.hpp"

namespace godwit::validation::detail {

namespace {

constexpr std::string_view kTables = R"sql(
select t.table_name, t.table_type, t.table_comment, t.table_rows,
       t.data_length + t.index_length, v.view_definition
from information_schema.tables t
left join information_schema.views v
  on v.table_schema = t.table_schema and v.table_name = t.table_name
where t.table_schema = $1
order by t.table_name)sql";

constexpr std::string_view kColumns = R"sql(
select table_name, column_name, column_type, is_nullable, column_default, column_comment,
       extra, generation_expression
from information_schema.columns
where table_schema = $1
order by table_name, ordinal_position)sql";

constexpr std::string_view kKeys = R"sql(
select k.table_name, k.constraint_name, c.constraint_type, k.column_name,
       k.referenced_table_schema, k.referenced_table_name, k.referenced_column_name,
       r.delete_rule, r.update_rule
from information_schema.key_column_usage k
join information_schema.table_constraints c
  on c.constraint_schema = k.constraint_schema and c.constraint_name = k.constraint_name
 and c.table_name = k.table_name
left join information_schema.referential_constraints r
  on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
 and r.table_name = k.table_name
where k.table_schema = $1
  and c.constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
order by k.table_name, k.constraint_name, k.ordinal_position)sql";

std::string rule(const Value& value) {
  if (!value || *value == "NO ACTION") return "";
  return *value;
}

std::vector<std::string> schemas_to_read(Connector& db, const IntrospectOptions& options) {
  if (!options.schemas.empty()) return options.schemas;
  Value current = db.query("select database()").rows.at(0).at(0);
  if (current) return {*current};
  std::vector<std::string> all;
  for (const auto& row :
       db.query("select schema_name from information_schema.schemata where schema_name not in "
                "('mysql', 'information_schema', 'performance_schema', 'sys') "
                "order by schema_name")
           .rows) {
    all.push_back(*row[0]);
  }
  return all;
}

}  // namespace

void introspect_mariadb(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog) {
  for (const std::string& schema_name : schemas_to_read(db, options)) {
    std::map<std::string, std::size_t> by_name;
    std::vector<Param> params = {schema_name};
    bool stopped = false;
    db.query_each(kTables, params, [&](const std::vector<Value>& row) {
      if (catalog.tables.size() >= options.max_tables) {
        warn(catalog, "W-INTROSPECT-LIMIT",
             "stopped after " + std::to_string(options.max_tables) + " tables and views");
        stopped = true;
        return false;
      }
      schema::Table table;
      table.name.schema = schema_name;
      table.name.name = *row[0];
      table.schema_key = lower(schema_name);
      table.key = lower(table.name.name);
      table.dialect = "mysql";
      table.kind = *row[1] == "VIEW" ? schema::TableKind::kView : schema::TableKind::kTable;
      table.comment = row[2].value_or("");
      if (table.kind == schema::TableKind::kTable) {
        if (row[3]) table.row_count = to_int(row[3]);
        if (row[4]) table.size_bytes = to_int(row[4]);
      }
      if (row[5]) table.query = *row[5];
      table.origin.file = "mariadb";
      by_name.emplace(table.name.name, catalog.tables.size());
      catalog.add_table(std::move(table));
      return true;
    });
    schema::SchemaEntry entry;
    entry.name.name = schema_name;
    catalog.schemas.push_back(entry);
    db.query_each(kColumns, params, [&](const std::vector<Value>& row) {
      auto found = by_name.find(*row[0]);
      if (found == by_name.end()) return true;
      schema::Column column;
      column.name = *row[1];
      column.key = lower(column.name);
      column.type_text = *row[2];
      set_type(column, "mysql");
      column.nullable = *row[3] == "YES";
      // MariaDB writes the default as an expression, and "NULL" for no default.
      if (row[4] && *row[4] != "NULL") column.default_value = row[4];
      column.comment = row[5].value_or("");
      std::string extra = lower(row[6].value_or(""));
      if (extra.find("auto_increment") != std::string::npos) {
        column.identity = schema::Identity::kAutoIncrement;
      }
      if (row[7] && !row[7]->empty()) column.generated = *row[7];
      catalog.tables[found->second].columns.push_back(std::move(column));
      return true;
    });
    db.query_each(kKeys, params, [&](const std::vector<Value>& row) {
      auto found = by_name.find(*row[0]);
      if (found == by_name.end()) return true;
      KeyColumn key = key_column_of(row, *row[2] == "PRIMARY KEY" ? KeyKind::kPrimary
                                         : *row[2] == "UNIQUE"    ? KeyKind::kUnique
                                                                  : KeyKind::kForeign);
      if (key.kind == KeyKind::kPrimary) key.name.clear();  // MySQL names every one PRIMARY
      key.on_delete = rule(row[7]);
      key.on_update = rule(row[8]);
      add_key_column(catalog.tables[found->second], key);
      return true;
    });
    if (stopped) break;
  }
}

}  // namespace godwit::validation::detail
