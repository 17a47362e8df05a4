// SQLite's catalog reader: sqlite_master and the pragma table-valued functions, with the
// table name bound as a parameter. SQLite keeps no row estimates, so row_count is only
// known with exact_row_counts; sizes are not read (the dbstat table is optional).
#include <algorithm>

#include "validation/connectors/introspect_engines.hpp"

namespace godwit::validation::detail {

namespace {

std::string rule(const Value& value) {
  if (!value || *value == "NO ACTION") return "";
  return *value;
}

}  // namespace

void introspect_sqlite(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog) {
  for (const std::string& wanted : options.schemas) {
    if (wanted != "main") {
      warn(catalog, "W-INTROSPECT-SCHEMA",
           "SQLite has only the schema 'main'; '" + wanted + "' was not read");
    }
  }
  ResultSet objects = db.query(
      "select type, name, coalesce(sql, '') from sqlite_master where type in ('table', 'view') "
      "and name not like 'sqlite\\_%' escape '\\' order by name");
  schema::SchemaEntry entry;
  entry.name.name = "main";
  catalog.schemas.push_back(entry);
  for (const std::vector<Value>& object : objects.rows) {
    if (catalog.tables.size() >= options.max_tables) {
      warn(catalog, "W-INTROSPECT-LIMIT",
           "stopped after " + std::to_string(options.max_tables) + " tables and views");
      break;
    }
    schema::Table table;
    table.name.schema = "main";
    table.name.name = *object[1];
    table.schema_key = "main";
    table.key = lower(table.name.name);
    table.dialect = "sqlite";
    table.kind = *object[0] == "view" ? schema::TableKind::kView : schema::TableKind::kTable;
    if (table.kind == schema::TableKind::kView) table.query = *object[2];
    table.origin.file = "sqlite";
    std::vector<Param> name = {table.name.name};
    std::vector<std::pair<int, std::string>> primary;
    db.query_each(
        "select name, type, \"notnull\", dflt_value, pk, hidden "
        "from pragma_table_xinfo($1) order by cid",
        name, [&](const std::vector<Value>& row) {
          if (to_int(row[5]) == 1) return true;  // hidden column of a virtual table
          schema::Column column;
          column.name = *row[0];
          column.key = lower(column.name);
          column.type_text = row[1].value_or("");
          set_type(column, "sqlite");
          column.nullable = to_int(row[2]) == 0;
          column.default_value = row[3];
          if (to_int(row[5]) >= 2) column.generated = "generated";
          if (int position = static_cast<int>(to_int(row[4])); position > 0) {
            primary.emplace_back(position, column.name);
          }
          table.columns.push_back(std::move(column));
          return true;
        });
    if (!primary.empty()) {
      std::sort(primary.begin(), primary.end());
      table.primary_key = schema::Key{};
      for (const auto& pk : primary) table.primary_key->columns.push_back(pk.second);
    }
    ResultSet indexes = db.query(
        "select name, origin from pragma_index_list($1) where \"unique\" = 1 "
        "and origin = 'u' order by name",
        name);
    for (const std::vector<Value>& index : indexes.rows) {
      schema::Key key;
      for (const auto& column :
           db.query("select name from pragma_index_info($1) order by seqno", {index[0]}).rows) {
        key.columns.push_back(column[0].value_or(""));
      }
      table.unique_keys.push_back(std::move(key));
    }
    // SQLite keeps no constraint names; a key's columns share its id.
    std::string last_id;
    db.query_each(
        "select id, \"table\", \"from\", \"to\", on_delete, on_update "
        "from pragma_foreign_key_list($1) order by id, seq",
        name, [&](const std::vector<Value>& row) {
          if (table.foreign_keys.empty() || last_id != *row[0]) {
            last_id = *row[0];
            schema::ForeignKey fk;
            fk.referenced_table.schema = "main";
            fk.referenced_table.name = *row[1];
            fk.on_delete = rule(row[4]);
            fk.on_update = rule(row[5]);
            table.foreign_keys.push_back(std::move(fk));
          }
          table.foreign_keys.back().columns.push_back(*row[2]);
          // NULL "to": the referenced table's primary key.
          if (row[3]) table.foreign_keys.back().referenced_columns.push_back(*row[3]);
          return true;
        });
    catalog.add_table(std::move(table));
  }
}

}  // namespace godwit::validation::detail
