// Format detection and the one entry point of the schema importers (importer.hpp).
#include "schema/importers/importer.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "schema/importers/import_context.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::schema {
namespace {

std::string extension_of(std::string_view file_name) {
  std::size_t slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return to_lower(file_name.substr(dot + 1));
}

bool is_bigquery_field(const nlohmann::json& f) {
  return f.is_object() && f.contains("name") && f["name"].is_string() && f.contains("type") &&
         f["type"].is_string();
}

bool is_avro_record(const nlohmann::json& j) {
  return j.is_object() && j.value("type", nlohmann::json()) == "record" && j.contains("fields") &&
         j["fields"].is_array();
}

std::optional<SchemaFormat> classify_json(const nlohmann::json& doc) {
  if (is_avro_record(doc)) return SchemaFormat::kAvro;
  if (doc.is_array() && !doc.empty() && std::all_of(doc.begin(), doc.end(), is_avro_record))
    return SchemaFormat::kAvro;
  if (doc.is_object()) {
    if (doc.contains("$schema") || doc.contains("properties") ||
        doc.value("type", nlohmann::json()) == "object" || doc.contains("$defs") ||
        doc.contains("definitions"))
      return SchemaFormat::kJsonSchema;
    const nlohmann::json* fields = nullptr;
    if (doc.contains("schema") && doc["schema"].is_object() && doc["schema"].contains("fields"))
      fields = &doc["schema"]["fields"];
    else if (doc.contains("fields"))
      fields = &doc["fields"];
    if (fields && fields->is_array() && !fields->empty() &&
        std::all_of(fields->begin(), fields->end(), is_bigquery_field))
      return SchemaFormat::kBigQueryJson;
  }
  if (doc.is_array() && !doc.empty() && std::all_of(doc.begin(), doc.end(), is_bigquery_field))
    return SchemaFormat::kBigQueryJson;
  return std::nullopt;
}

bool looks_like_sql(std::string_view content) {
  std::string head = to_upper(content.substr(0, 64 * 1024));
  for (std::string_view keyword : {"CREATE ", "CREATE\n", "ALTER ", "SELECT ", "INSERT ", "DROP ",
                                   "REPLACE VIEW", "COMMENT ON", "USE "}) {
    for (std::size_t at = head.find(keyword); at != std::string::npos;
         at = head.find(keyword, at + 1)) {
      std::size_t line = head.rfind('\n', at);
      std::size_t from = line == std::string::npos ? 0 : line + 1;
      if (trim(std::string_view(head).substr(from, at - from)).empty()) return true;
    }
  }
  return false;
}

/// Several lines, each with the same (non-zero) count of one separator.
std::optional<SchemaFormat> looks_delimited(std::string_view content) {
  std::vector<std::string> lines = split(content.substr(0, 64 * 1024), '\n');
  if (lines.size() > 2) lines.pop_back();  // probably cut short
  if (lines.size() < 2) return std::nullopt;
  for (char d : {'\t', ',', ';', '|'}) {
    std::size_t first = std::count(lines[0].begin(), lines[0].end(), d);
    if (first == 0) continue;
    bool same = std::all_of(lines.begin(), lines.end(), [&](const std::string& l) {
      return trim(l).empty() ||
             static_cast<std::size_t>(std::count(l.begin(), l.end(), d)) == first;
    });
    if (same) return d == '\t' ? SchemaFormat::kTsv : SchemaFormat::kCsv;
  }
  return std::nullopt;
}

void import_sql(CatalogBuilder& builder, std::string_view file_name, std::string_view content,
                const ImportOptions& options) {
  std::string dialect = options.dialect;
  if (dialect.empty() || iequals(dialect, "auto")) {
    dialect = sql::detect_dialect(content).dialect;
  } else if (auto canonical = sql::canonical_dialect_name(dialect)) {
    dialect = std::string(*canonical);
  } else {
    Diagnostic d;
    d.code = "E-IMPORT-DIALECT";
    d.message = "unknown SQL dialect '" + dialect + "'; use one of " +
                sql::dialect_names_for_humans() + " or auto";
    d.file = std::string(file_name);
    builder.mutable_catalog().diagnostics.push_back(std::move(d));
    builder.mutable_catalog().files.emplace_back(file_name);
    return;
  }
  sql::ParseOptions parse_options;
  parse_options.file_name = std::string(file_name);
  sql::ParseResult result =
      sql::parse_sql(std::string(content), sql::dialect_by_name(dialect), parse_options);
  std::vector<Diagnostic>& out = builder.mutable_catalog().diagnostics;
  for (Diagnostic& d : result.diagnostics) {
    if (d.file.empty()) d.file = std::string(file_name);
    out.push_back(d);
  }
  builder.add(result, file_name);
}

}  // namespace

std::string_view to_string(SchemaFormat format) {
  switch (format) {
    case SchemaFormat::kSql: return "sql";
    case SchemaFormat::kJsonSchema: return "json_schema";
    case SchemaFormat::kBigQueryJson: return "bigquery_json";
    case SchemaFormat::kAvro: return "avro";
    case SchemaFormat::kCsv: return "csv";
    case SchemaFormat::kTsv: return "tsv";
  }
  return "sql";
}

std::optional<SchemaFormat> schema_format_from_name(std::string_view name) {
  std::string n = to_lower(trim(name));
  std::replace(n.begin(), n.end(), '-', '_');
  for (SchemaFormat f : {SchemaFormat::kSql, SchemaFormat::kJsonSchema, SchemaFormat::kBigQueryJson,
                         SchemaFormat::kAvro, SchemaFormat::kCsv, SchemaFormat::kTsv})
    if (n == to_string(f)) return f;
  if (n == "bigquery" || n == "bigquery_schema") return SchemaFormat::kBigQueryJson;
  if (n == "jsonschema") return SchemaFormat::kJsonSchema;
  if (n == "avsc") return SchemaFormat::kAvro;
  if (n == "ddl") return SchemaFormat::kSql;
  return std::nullopt;
}

std::optional<SchemaFormat> detect_schema_format(std::string_view file_name,
                                                 std::string_view content) {
  std::string_view body = content;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (trim(body).empty()) return std::nullopt;
  if (body.substr(0, 64 * 1024).find('\0') != std::string_view::npos) return std::nullopt;
  std::string ext = extension_of(file_name);
  if (ext == "sql" || ext == "ddl" || ext == "hql" || ext == "bteq" || ext == "pls" ||
      ext == "pks" || ext == "pkb")
    return SchemaFormat::kSql;
  if (ext == "avsc") return SchemaFormat::kAvro;
  if (ext == "csv") return SchemaFormat::kCsv;
  if (ext == "tsv" || ext == "tab") return SchemaFormat::kTsv;
  std::string_view t = trim(body);
  if (t.front() == '{' || t.front() == '[') {
    // The nesting guard of read_json applies here too: detection reads the whole document.
    int depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < t.size() && deepest <= importers::kMaxJsonDepth; ++i) {
      char c = t[i];
      if (in_string) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        deepest = std::max(deepest, ++depth);
      } else if (c == '}' || c == ']') {
        --depth;
      }
    }
    if (deepest <= importers::kMaxJsonDepth) {
      nlohmann::json doc = nlohmann::json::parse(t, nullptr, false);
      if (!doc.is_discarded()) {
        if (auto f = classify_json(doc)) return f;
        return std::nullopt;
      }
    }
    if (ext == "json" || ext == "avro" || ext == "jsonschema") return std::nullopt;
  }
  if (ext == "json") return std::nullopt;
  if (looks_like_sql(body)) return SchemaFormat::kSql;
  return looks_delimited(body);
}

void import_schema_file(CatalogBuilder& builder, std::string_view file_name,
                        std::string_view content, SchemaFormat format,
                        const ImportOptions& options) {
  if (format == SchemaFormat::kSql) {
    import_sql(builder, file_name, content, options);
    return;
  }
  Catalog& catalog = builder.mutable_catalog();
  catalog.files.emplace_back(file_name);
  importers::ImportContext ctx(catalog, file_name, content, format);
  switch (format) {
    case SchemaFormat::kJsonSchema: importers::import_json_schema(ctx, options); break;
    case SchemaFormat::kBigQueryJson: importers::import_bigquery_json(ctx, options); break;
    case SchemaFormat::kAvro: importers::import_avro(ctx, options); break;
    case SchemaFormat::kCsv:
    case SchemaFormat::kTsv: importers::import_delimited(ctx, options); break;
    case SchemaFormat::kSql: break;
  }
}

void import_schema_file(Catalog& catalog, std::string_view file_name, std::string_view content,
                        SchemaFormat format, const ImportOptions& options) {
  CatalogBuilder builder(std::move(catalog));
  import_schema_file(builder, file_name, content, format, options);
  catalog = builder.finish();
}

}  // namespace godwit::schema
