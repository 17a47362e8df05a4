// The engine-independent half of introspection: canonical types, foreign-key
// resolution, exact counts and samples. Each engine's catalog queries live in
// introspect_<engine>.cpp.
#include "validation/connectors/introspect.hpp"

#include "sql/types/type_reader.hpp"
#include "sql/types/type_table.hpp"
#include "validation/connectors/introspect_engines.hpp"

namespace godwit::validation {

namespace detail {

std::string_view dialect_of(Engine engine) {
  switch (engine) {
    case Engine::kPostgres: return "postgres";
    case Engine::kMariaDb: return "mysql";
    case Engine::kSqlite: return "sqlite";
    case Engine::kOdbc: return "ansi";
    case Engine::kBigQuery: return "bigquery";
    case Engine::kDatabricks: return "databricks";
  }
  return "ansi";
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void set_type(schema::Column& column, std::string_view dialect) {
  const sql::DialectTypeTable* table = sql::find_type_table(dialect);
  if (table == nullptr) table = sql::find_type_table("ansi");
  column.type = table != nullptr ? sql::read_type(column.type_text, *table).type
                                 : sql::LogicalType::unknown(column.type_text);
}

std::int64_t to_int(const Value& value) {
  if (!value || value->empty()) return 0;
  try {
    return std::stoll(*value);
  } catch (const std::exception&) {
    return 0;
  }
}

void warn(schema::Catalog& catalog, std::string code, std::string message) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.code = std::move(code);
  d.message = std::move(message);
  catalog.diagnostics.push_back(std::move(d));
}

KeyColumn key_column_of(const std::vector<Value>& row, KeyKind kind) {
  KeyColumn key;
  key.kind = kind;
  key.name = row[1].value_or("");
  key.column = row[3].value_or("");
  key.referenced_schema = row[4].value_or("");
  key.referenced_table = row[5].value_or("");
  key.referenced_column = row[6].value_or("");
  return key;
}

void add_key_column(schema::Table& table, const KeyColumn& key) {
  switch (key.kind) {
    case KeyKind::kPrimary:
      if (!table.primary_key) table.primary_key = schema::Key{key.name, {}, {}};
      table.primary_key->columns.push_back(key.column);
      return;
    case KeyKind::kUnique:
      if (table.unique_keys.empty() || table.unique_keys.back().name != key.name) {
        table.unique_keys.push_back(schema::Key{key.name, {}, {}});
      }
      table.unique_keys.back().columns.push_back(key.column);
      return;
    case KeyKind::kForeign:
      if (table.foreign_keys.empty() || table.foreign_keys.back().name != key.name) {
        schema::ForeignKey fk;
        fk.name = key.name;
        fk.referenced_table.schema = key.referenced_schema;
        fk.referenced_table.name = key.referenced_table;
        fk.on_delete = key.on_delete;
        fk.on_update = key.on_update;
        table.foreign_keys.push_back(std::move(fk));
      }
      table.foreign_keys.back().columns.push_back(key.column);
      table.foreign_keys.back().referenced_columns.push_back(key.referenced_column);
      return;
  }
}

}  // namespace detail

namespace {

void resolve_foreign_keys(schema::Catalog& catalog) {
  for (schema::Table& table : catalog.tables) {
    for (schema::ForeignKey& fk : table.foreign_keys) {
      for (const schema::Table& other : catalog.tables) {
        if (other.name.schema == fk.referenced_table.schema &&
            other.name.name == fk.referenced_table.name) {
          fk.resolved = true;
          fk.referenced_table_id = other.id;
          break;
        }
      }
    }
  }
}

void read_exact_counts(Connector& db, schema::Catalog& catalog) {
  for (schema::Table& table : catalog.tables) {
    if (table.kind != schema::TableKind::kTable) continue;
    try {
      ResultSet result =
          db.query("select count(*) from " + db.quote_name({table.name.schema, table.name.name}));
      table.row_count = detail::to_int(result.rows.at(0).at(0));
    } catch (const ConnectorError& error) {
      if (error.kind() == ConnectorError::kConnect) throw;
      detail::warn(catalog, "W-INTROSPECT-COUNT",
                   "cannot count the rows of " + table.name.to_string() + ": " + error.what());
    }
  }
}

void read_samples(Connector& db, const IntrospectOptions& options, schema::Catalog& catalog) {
  // LIMIT takes an integer: BigQuery refuses a STRING parameter there.
  const std::vector<Param> params = {
      {std::to_string(options.sample_scan_rows), ParamType::kInteger},
      {std::to_string(options.sample_values), ParamType::kInteger}};
  for (schema::Table& table : catalog.tables) {
    std::string from = db.quote_name({table.name.schema, table.name.name});
    for (schema::Column& column : table.columns) {
      std::string name = db.quote_identifier(column.name);
      // Bounded twice: only the first rows are scanned, and only distinct values kept.
      std::string sql = "select distinct s.v from (select " + name + " as v from " + from +
                        " where " + name + " is not null limit $1) s limit $2";
      try {
        db.query_each(sql, params, [&](const std::vector<Value>& row) {
          if (row[0]) column.sample_values.push_back(*row[0]);
          return true;
        });
      } catch (const ConnectorError& error) {
        if (error.kind() == ConnectorError::kConnect) throw;
        detail::warn(catalog, "W-INTROSPECT-SAMPLE",
                     "cannot read sample values of " + table.name.to_string() + "." + column.name +
                         ": " + error.what());
      }
    }
  }
}

}  // namespace

schema::Catalog introspect(Connector& db, const IntrospectOptions& options) {
  schema::Catalog catalog;
  switch (db.engine()) {
    case Engine::kPostgres: detail::introspect_postgres(db, options, catalog); break;
    case Engine::kMariaDb: detail::introspect_mariadb(db, options, catalog); break;
    case Engine::kSqlite: detail::introspect_sqlite(db, options, catalog); break;
    case Engine::kOdbc: detail::introspect_odbc(db, options, catalog); break;
    case Engine::kBigQuery: detail::introspect_bigquery(db, options, catalog); break;
    case Engine::kDatabricks: detail::introspect_databricks(db, options, catalog); break;
  }
  resolve_foreign_keys(catalog);
  if (options.exact_row_counts) read_exact_counts(db, catalog);
  if (options.sample_values > 0) read_samples(db, options, catalog);
  return catalog;
}

std::int64_t count_tables(Connector& db) {
  std::string_view sql;
  switch (db.engine()) {
    case Engine::kPostgres:
      sql =
          "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
          "where c.relkind in ('r', 'p') and not c.relispartition and n.nspname not in "
          "('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and "
          "n.nspname not like 'pg\\_temp\\_%'";
      break;
    case Engine::kMariaDb:
      sql =
          "select count(*) from information_schema.tables where table_type = 'BASE TABLE' and "
          "table_schema = coalesce(database(), table_schema) and table_schema not in "
          "('mysql', 'information_schema', 'performance_schema', 'sys')";
      break;
    case Engine::kSqlite:
      sql =
          "select count(*) from sqlite_master where type = 'table' and name not like "
          "'sqlite\\_%' escape '\\'";
      break;
    case Engine::kOdbc: return detail::count_odbc_tables(db);
    case Engine::kBigQuery:
    case Engine::kDatabricks: {
      // No cheap catalog-wide count without naming datasets: read the tables' list.
      IntrospectOptions options;
      schema::Catalog catalog;
      if (db.engine() == Engine::kBigQuery) {
        detail::introspect_bigquery(db, options, catalog);
      } else {
        detail::introspect_databricks(db, options, catalog);
      }
      std::int64_t tables = 0;
      for (const auto& table : catalog.tables) {
        if (table.kind == schema::TableKind::kTable) ++tables;
      }
      return tables;
    }
  }
  return detail::to_int(db.query(sql).rows.at(0).at(0));
}

}  // namespace godwit::validation
