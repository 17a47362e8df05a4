// PostgreSQL's catalog reader: pg_class, pg_attribute and pg_constraint, three queries
// for the whole database whatever its size. Row counts are the planner's reltuples
// estimate (null before the first ANALYZE); sizes include indexes and TOAST.
#include <algorithm>
#include <unordered_map>

#include "validation/connectors/introspect_engines.hpp"

namespace godwit::validation::detail {

namespace {

constexpr std::string_view kTables = R"sql(
select c.oid::text, n.nspname, c.relname, c.relkind::text,
       coalesce(obj_description(c.oid, 'pg_class'), ''),
       case when c.reltuples < 0 then null else c.reltuples::bigint end,
       case when c.relkind in ('r', 'p', 'm') then pg_total_relation_size(c.oid) end,
       case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'
order by n.nspname, c.relname)sql";

constexpr std::string_view kColumns = R"sql(
select a.attrelid::text, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), coalesce(col_description(a.attrelid, a.attnum), ''),
       a.attidentity::text, a.attgenerated::text
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and n.nspname not in ('pg_catalog', 'information_schema')
order by a.attrelid, a.attnum)sql";

constexpr std::string_view kConstraints = R"sql(
select con.conrelid::text, con.conname, con.contype::text, a.attname, fn.nspname, fc.relname,
       fa.attname, con.confdeltype::text, con.confupdtype::text
from pg_constraint con
cross join lateral unnest(con.conkey) with ordinality as k(attnum, i)
join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
join pg_namespace cn on cn.oid = con.connamespace
left join pg_class fc on fc.oid = con.confrelid
left join pg_namespace fn on fn.oid = fc.relnamespace
left join pg_attribute fa on fa.attrelid = con.confrelid and fa.attnum = con.confkey[k.i]
where con.contype in ('p', 'u', 'f')
  and cn.nspname not in ('pg_catalog', 'information_schema')
order by con.conrelid, con.conname, k.i)sql";

std::string action(const Value& code) {
  if (!code || code->empty()) return "";
  switch ((*code)[0]) {
    case 'c': return "CASCADE";
    case 'n': return "SET NULL";
    case 'd': return "SET DEFAULT";
    case 'r': return "RESTRICT";
    default: return "";  // 'a': NO ACTION, the default
  }
}

}  // namespace

void introspect_postgres(Connector& db, const IntrospectOptions& options,
                         schema::Catalog& catalog) {
  std::unordered_map<std::string, std::size_t> by_oid;
  auto wanted = [&](const std::string& schema_name) {
    return options.schemas.empty() || std::find(options.schemas.begin(), options.schemas.end(),
                                                schema_name) != options.schemas.end();
  };
  db.query_each(kTables, {}, [&](const std::vector<Value>& row) {
    if (!wanted(*row[1])) return true;
    if (catalog.tables.size() >= options.max_tables) {
      warn(catalog, "W-INTROSPECT-LIMIT",
           "stopped after " + std::to_string(options.max_tables) + " tables and views");
      return false;
    }
    schema::Table table;
    table.name.schema = *row[1];
    table.name.name = *row[2];
    table.schema_key = table.name.schema;
    table.key = table.name.name;
    table.dialect = "postgres";
    char kind = (*row[3])[0];
    table.kind = kind == 'v'   ? schema::TableKind::kView
                 : kind == 'm' ? schema::TableKind::kMaterializedView
                               : schema::TableKind::kTable;
    table.comment = *row[4];
    if (row[5]) table.row_count = to_int(row[5]);
    if (row[6]) table.size_bytes = to_int(row[6]);
    if (row[7]) table.query = *row[7];
    table.origin.file = "postgresql";
    if (std::none_of(catalog.schemas.begin(), catalog.schemas.end(),
                     [&](const schema::SchemaEntry& e) { return e.name.name == *row[1]; })) {
      schema::SchemaEntry entry;
      entry.name.name = *row[1];
      catalog.schemas.push_back(entry);
    }
    by_oid.emplace(*row[0], catalog.tables.size());
    catalog.add_table(std::move(table));
    return true;
  });
  db.query_each(kColumns, {}, [&](const std::vector<Value>& row) {
    auto found = by_oid.find(*row[0]);
    if (found == by_oid.end()) return true;
    schema::Column column;
    column.name = *row[1];
    column.key = column.name;
    column.type_text = *row[2];
    set_type(column, "postgres");
    column.nullable = *row[3] != "t";
    column.default_value = row[4];
    column.comment = *row[5];
    if (*row[6] == "a") column.identity = schema::Identity::kAlways;
    if (*row[6] == "d") column.identity = schema::Identity::kByDefault;
    if (column.identity == schema::Identity::kNone && column.default_value &&
        column.default_value->starts_with("nextval(")) {
      column.identity = schema::Identity::kAutoIncrement;
    }
    if (*row[7] == "s" && column.default_value) {
      column.generated = *column.default_value;
      column.default_value.reset();
    }
    catalog.tables[found->second].columns.push_back(std::move(column));
    return true;
  });
  db.query_each(kConstraints, {}, [&](const std::vector<Value>& row) {
    auto found = by_oid.find(*row[0]);
    if (found == by_oid.end()) return true;
    const char type = (*row[2])[0];
    KeyColumn key = key_column_of(row, type == 'p'   ? KeyKind::kPrimary
                                       : type == 'u' ? KeyKind::kUnique
                                                     : KeyKind::kForeign);
    key.on_delete = action(row[7]);
    key.on_update = action(row[8]);
    add_key_column(catalog.tables[found->second], key);
    return true;
  });
}

}  // namespace godwit::validation::detail
