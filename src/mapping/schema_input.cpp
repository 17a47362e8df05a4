// Schema files to catalogs (schema_input.hpp).
#include "mapping/schema_input.hpp"

#include <fstream>
#include <sstream>

#include "schema/builder.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"
#include "sql/types/type_reader.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::mapping {
namespace {

std::string fold(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Diagnostic error(std::string_view file, std::string message) {
  Diagnostic d;
  d.code = "E-MAPPING-INPUT";
  d.file = std::string(file);
  d.message = std::move(message);
  return d;
}

std::string text_member(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

schema::Catalog catalog_from_tables_json(const nlohmann::json& json, std::string_view dialect,
                                         std::string_view file, std::vector<Diagnostic>& errors) {
  schema::Catalog catalog;
  const sql::DialectTypeTable* types = nullptr;
  if (auto name = sql::canonical_dialect_name(dialect)) types = sql::find_type_table(*name);
  if (types == nullptr) types = &sql::ansi_type_table();
  if (!json.is_object() || !json.contains("tables") || !json["tables"].is_array()) {
    errors.push_back(
        error(file, "/tables: expected {\"tables\": [...]}, a list of tables with columns"));
    return catalog;
  }
  struct PendingFk {
    std::size_t table;
    std::string column, ref;
  };
  std::vector<PendingFk> fks;
  const nlohmann::json& tables = json["tables"];
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const nlohmann::json& t = tables[i];
    std::string path = "/tables/" + std::to_string(i);
    if (!t.is_object() || text_member(t, "name").empty()) {
      errors.push_back(error(file, path + ": expected an object with a \"name\""));
      continue;
    }
    schema::Table table;
    table.id = static_cast<std::uint32_t>(catalog.tables.size() + 1);
    std::string name = text_member(t, "name");
    auto dot = name.find('.');
    if (dot != std::string::npos) {
      table.name.schema = name.substr(0, dot);
      name = name.substr(dot + 1);
    }
    table.name.name = name;
    table.key = fold(name);
    table.schema_key = fold(table.name.schema);
    table.dialect = std::string(dialect);
    table.comment = text_member(t, "description");
    table.origin.file = std::string(file);
    std::vector<std::string> pk;
    if (t.contains("columns") && t["columns"].is_array()) {
      const nlohmann::json& cols = t["columns"];
      for (std::size_t k = 0; k < cols.size(); ++k) {
        const nlohmann::json& c = cols[k];
        if (!c.is_object() || text_member(c, "name").empty()) {
          errors.push_back(error(file, path + "/columns/" + std::to_string(k) +
                                           ": expected an object with a \"name\""));
          continue;
        }
        schema::Column col;
        col.name = text_member(c, "name");
        col.key = fold(col.name);
        col.type_text = text_member(c, "type");
        col.type = col.type_text.empty() ? sql::LogicalType::unknown("")
                                         : sql::read_type(col.type_text, *types).type;
        col.comment = text_member(c, "description");
        if (c.contains("sample_values") && c["sample_values"].is_array())
          for (const nlohmann::json& v : c["sample_values"])
            col.sample_values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        if (c.value("primary_key", false) == true) pk.push_back(col.name);
        std::string fk = text_member(c, "foreign_key");
        if (!fk.empty()) fks.push_back({catalog.tables.size(), col.name, fk});
        table.columns.push_back(std::move(col));
      }
    }
    if (!pk.empty()) table.primary_key = schema::Key{"", pk, {}};
    catalog.tables.push_back(std::move(table));
  }
  for (const PendingFk& f : fks) {
    schema::ForeignKey fk;
    fk.columns = {f.column};
    auto dot = f.ref.rfind('.');
    fk.referenced_table.name = dot == std::string::npos ? f.ref : f.ref.substr(0, dot);
    if (dot != std::string::npos) fk.referenced_columns = {f.ref.substr(dot + 1)};
    for (const schema::Table& t : catalog.tables)
      if (t.key == fold(fk.referenced_table.name)) {
        fk.resolved = true;
        fk.referenced_table_id = t.id;
      }
    catalog.tables[f.table].foreign_keys.push_back(std::move(fk));
  }
  return catalog;
}

schema::Catalog load_schema_files(const std::vector<std::string>& files, std::string_view dialect,
                                  std::vector<Diagnostic>& errors) {
  schema::CatalogBuilder builder;
  schema::Catalog from_json;
  bool any_json = false;
  if (dialect != "auto" && !sql::canonical_dialect_name(dialect)) {
    errors.push_back(error("", "unknown dialect \"" + std::string(dialect) +
                                   "\"; expected auto or one of " +
                                   sql::dialect_names_for_humans()));
    return {};
  }
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      errors.push_back(error(path, "cannot read " + path));
      continue;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (ends_with(fold(path), ".json")) {
      nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
      if (j.is_discarded()) {
        errors.push_back(error(path, "not valid JSON; expected {\"tables\": [...]}"));
        continue;
      }
      std::string type_dialect = dialect == "auto" ? "ansi" : std::string(dialect);
      schema::Catalog c = catalog_from_tables_json(j, type_dialect, path, errors);
      for (schema::Table& t : c.tables) {
        t.id = static_cast<std::uint32_t>(from_json.tables.size() + 1000000);
        from_json.tables.push_back(std::move(t));
      }
      any_json = true;
      continue;
    }
    std::string dialect_name(dialect);
    if (dialect_name == "auto") dialect_name = sql::detect_dialect(text).dialect;
    sql::ParseOptions parse_options;
    parse_options.file_name = path;
    sql::ParseResult result =
        sql::parse_sql(std::move(text), sql::dialect_by_name(dialect_name), parse_options);
    for (const Diagnostic& d : result.diagnostics)
      if (d.severity == Severity::kError) errors.push_back(d);
    builder.add(result, path);
  }
  schema::Catalog catalog = builder.finish();
  if (any_json)
    for (schema::Table& t : from_json.tables) catalog.tables.push_back(std::move(t));
  return catalog;
}

}  // namespace godwit::mapping
