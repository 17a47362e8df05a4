// libFuzzer target for the schema importers: the first byte picks the format (its digit
// value modulo 8: 0 SQL, 1 JSON Schema, 2 BigQuery, 3 Avro, 4 CSV, 5 TSV, 6-7 detected
// from the content), the rest is the file. The result is printed as JSON and text. Any
// crash, sanitizer report or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "schema/catalog_json.hpp"
#include "schema/importers/importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using godwit::schema::SchemaFormat;
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  static constexpr SchemaFormat kFormats[] = {
      SchemaFormat::kSql,  SchemaFormat::kJsonSchema, SchemaFormat::kBigQueryJson,
      SchemaFormat::kAvro, SchemaFormat::kCsv,        SchemaFormat::kTsv};
  unsigned pick = data[0] % 8;
  std::optional<SchemaFormat> format;
  if (pick < 6)
    format = kFormats[pick];
  else
    format = godwit::schema::detect_schema_format(pick == 6 ? "fuzz.json" : "fuzz", text);
  if (!format) return 0;
  godwit::schema::ImportOptions options;
  options.max_rows = 200;  // keeps each run short; inference is the same code
  godwit::schema::Catalog catalog;
  godwit::schema::import_schema_file(catalog, "fuzz", text, *format, options);
  godwit::schema::import_schema_file(catalog, "again", text, *format, options);  // duplicates
  (void)godwit::schema::to_json(catalog).dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace);
  (void)godwit::schema::format_catalog(catalog);
  return 0;
}
