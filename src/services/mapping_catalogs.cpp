// The source and target catalogs of a project's mapping (see mapping_catalogs.hpp).
#include "services/mapping_catalogs.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "mapping/schema_input.hpp"
#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"
#include "sql/types/struct_member.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::services {

std::string table_name(const schema::Table& table) {
  return table.name.to_string();
}

const schema::Table* find_table(const schema::Catalog& catalog, const std::string& name) {
  for (const schema::Table& t : catalog.tables) {
    if (iequals(table_name(t), name)) return &t;
  }
  return catalog.find_table(name);
}

const schema::Column* find_column(const schema::Table& table, const std::string& name) {
  for (const schema::Column& c : table.columns) {
    if (iequals(c.name, name)) return &c;
  }
  return nullptr;
}

std::optional<TargetColumnPath> find_target_column(const schema::Table& table,
                                                   const std::string& name) {
  if (const schema::Column* column = find_column(table, name)) return {{column, column->name}};
  const std::size_t dot = name.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const schema::Column* column = find_column(table, name.substr(0, dot));
  std::string path;
  if (!column ||
      !sql::find_struct_member(column->type, std::string_view(name).substr(dot + 1), &path))
    return std::nullopt;
  return {{column, column->name + "." + path}};
}

schema::Catalog propose_target(const schema::Catalog& source, const std::string& target_dialect,
                               std::vector<ProposedTypeLoss>& losses) {
  schema::Catalog target;
  for (const schema::Table& from : source.tables) {
    if (from.kind != schema::TableKind::kTable) continue;
    schema::Table to;
    to.kind = schema::TableKind::kTable;
    to.name = from.name;
    to.schema_key = from.schema_key;
    to.key = from.key;
    to.dialect = target_dialect;
    to.comment = from.comment;
    to.primary_key = from.primary_key;
    to.unique_keys = from.unique_keys;
    for (const schema::Column& column : from.columns) {
      schema::Column c = column;
      sql::TypeMapping mapped;
      const sql::DialectTypeTable* to_table = sql::find_type_table(target_dialect);
      const sql::DialectTypeTable* from_table = sql::find_type_table(from.dialect);
      if (to_table == nullptr) to_table = &sql::ansi_type_table();
      if (from_table != nullptr && !column.type_text.empty()) {
        mapped = sql::map_type(column.type_text, *from_table, *to_table);
      } else {
        mapped = sql::map_type(column.type, *to_table);
      }
      c.type_text = mapped.target_text;
      c.type = mapped.target;
      for (const sql::TypeLoss& loss : mapped.losses) {
        losses.push_back({table_name(from), column.name, column.type_text, mapped.target_text,
                          std::string(sql::to_string(loss.code)), loss.message});
      }
      to.columns.push_back(std::move(c));
    }
    target.add_table(std::move(to));
  }
  return target;
}

MappingCatalogs build_mapping_catalogs(const std::vector<CatalogFile>& files,
                                       const std::string& project_target_dialect) {
  MappingCatalogs out;
  schema::CatalogBuilder source_builder;
  schema::CatalogBuilder target_builder;
  std::vector<schema::Table> source_listed, target_listed;
  for (const CatalogFile& file : files) {
    bool target = file.role == "target";
    if (file.file_type == "json") {
      // The JSON table listing ({"tables": [{"name", "columns": [...]}]}) of schema exports.
      std::vector<Diagnostic> errors;
      nlohmann::json json = nlohmann::json::parse(file.content, nullptr, false);
      schema::Catalog listed;
      if (!json.is_discarded()) {
        listed = mapping::catalog_from_tables_json(json, target ? project_target_dialect : "",
                                                   file.filename, errors);
      }
      if (listed.tables.empty()) {
        out.skipped.push_back(file.filename +
                              ": JSON without a \"tables\" listing defines no "
                              "tables for mapping");
        continue;
      }
      for (schema::Table& t : listed.tables)
        (target ? target_listed : source_listed).push_back(std::move(t));
      (target ? out.target_files : out.source_files).push_back(file.filename);
      continue;
    }
    if (file.file_type != "sql") {
      out.skipped.push_back(file.filename + ": " + file.file_type +
                            " files do not define tables for mapping yet; upload SQL DDL");
      continue;
    }
    sql::ParseOptions options;
    options.file_name = file.filename;
    options.max_diagnostics = 100;
    sql::ParseResult parsed =
        sql::parse_sql(file.content, sql::dialect_by_name(file.dialect), options);
    (target ? target_builder : source_builder).add(parsed, file.filename);
    (target ? out.target_files : out.source_files).push_back(file.filename);
    std::string& dialect = target ? out.target_dialect : out.source_dialect;
    if (dialect.empty()) dialect = file.dialect;
  }
  out.source = source_builder.finish();
  out.target = target_builder.finish();
  for (schema::Table& t : source_listed) out.source.add_table(std::move(t));
  for (schema::Table& t : target_listed) out.target.add_table(std::move(t));
  if (out.target_files.empty()) {
    out.target_dialect = project_target_dialect;
    out.target_proposed = true;
    out.target = propose_target(out.source, project_target_dialect, out.type_losses);
  }
  return out;
}

}  // namespace godwit::services
