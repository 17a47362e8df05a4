// Schema importers for files that are not SQL: JSON Schema (draft-07 and 2020-12),
// BigQuery table schema JSON, Avro record schemas (.avsc) and CSV/TSV data samples, read
// into the same Catalog the SQL builder fills, so discovery and mapping see one model.
// SQL is delegated to the CatalogBuilder (dialect auto-detected), so callers use one entry
// point for every upload. Engine code: text in, catalog out; nothing here throws on input,
// every problem becomes a diagnostic naming the file. Mapping rules: docs/importers.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "schema/builder.hpp"
#include "schema/catalog.hpp"

namespace godwit::schema {

enum class SchemaFormat { kSql, kJsonSchema, kBigQueryJson, kAvro, kCsv, kTsv };

/// "sql", "json_schema", "bigquery_json", "avro", "csv", "tsv".
std::string_view to_string(SchemaFormat format);
/// The format for one of to_string()'s names (or "bigquery", "json-schema", "avsc");
/// nullopt when unknown.
std::optional<SchemaFormat> schema_format_from_name(std::string_view name);

struct ImportOptions {
  /// The table a CSV/TSV sample (or an unnamed root JSON Schema) becomes; default: the file
  /// name without directories and extension.
  std::string table_name;
  /// Distinct sample values kept per CSV column.
  std::size_t max_samples = 20;
  /// CSV/TSV field separator; 0 = sniffed from the first lines.
  char delimiter = 0;
  /// Data rows read for type inference; the rest of the file is counted, not inspected.
  std::size_t max_rows = 10000;
  /// SQL files: the dialect's name; empty or "auto" = detected from the text.
  std::string dialect;
};

/// What a file is, from its name and content: the extension when it is decisive (.sql,
/// .avsc, .csv, .tsv), else the JSON document's shape (Avro record, JSON Schema, BigQuery
/// field list) or SQL keywords. nullopt when it is none of these (binary, empty, other JSON).
std::optional<SchemaFormat> detect_schema_format(std::string_view file_name,
                                                 std::string_view content);

/// Adds the file's tables to `catalog`; problems go to catalog.diagnostics with the file
/// name (never throws on bad input). The file is appended to catalog.files. SQL foreign
/// keys resolve against the tables already in `catalog` and the file's own.
void import_schema_file(Catalog& catalog, std::string_view file_name, std::string_view content,
                        SchemaFormat format, const ImportOptions& options = {});

/// The same into a builder, for several files: SQL foreign keys to tables of files added
/// later (of any format) resolve at builder.finish().
void import_schema_file(CatalogBuilder& builder, std::string_view file_name,
                        std::string_view content, SchemaFormat format,
                        const ImportOptions& options = {});

}  // namespace godwit::schema
