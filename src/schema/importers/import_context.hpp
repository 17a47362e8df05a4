// What every non-SQL importer shares: the file being read, diagnostics that name it, the
// tables it adds (named uniquely, keyed and tagged with the source format) and a guarded
// JSON reader. Internal to src/schema/importers.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"
#include "schema/importers/importer.hpp"

namespace godwit::schema::importers {

/// Deepest JSON nesting read; deeper documents are refused with a diagnostic so no walk
/// over them can exhaust the stack.
inline constexpr int kMaxJsonDepth = 200;
/// Deepest nesting of types (records in records, objects in objects) turned into columns;
/// deeper parts are kept as one JSON column with a warning.
inline constexpr int kMaxTypeDepth = 32;
/// Columns per table and tables per file: beyond these the importer stops with an error
/// (a generated monster, not a schema a person wrote).
inline constexpr std::size_t kMaxColumns = 10000;
inline constexpr std::size_t kMaxTables = 10000;

class ImportContext {
 public:
  ImportContext(Catalog& catalog, std::string_view file, std::string_view content,
                SchemaFormat format);

  Catalog& catalog;
  const std::string file;
  const std::string_view content;
  const SchemaFormat format;

  /// Records a diagnostic at a byte offset of the content (0: the file as a whole).
  void report(std::string code, Severity severity, std::string message, std::size_t offset = 0);
  void error(std::string code, std::string message, std::size_t offset = 0) {
    report(std::move(code), Severity::kError, std::move(message), offset);
  }
  void warning(std::string code, std::string message, std::size_t offset = 0) {
    report(std::move(code), Severity::kWarning, std::move(message), offset);
  }
  void info(std::string code, std::string message, std::size_t offset = 0) {
    report(std::move(code), Severity::kInfo, std::move(message), offset);
  }

  /// A fresh table of this file's format named `name` in `schema`; not yet in the catalog.
  Table make_table(std::string_view schema, std::string_view name) const;
  /// A column named `name` with its key (BigQuery names compare ignoring case).
  Column make_column(std::string_view name) const;
  /// Adds `table` to the catalog. A table of the same name from another file is replaced
  /// (as a later CREATE TABLE replaces an earlier one) with a warning; within this file
  /// the new table is renamed `name_2`, `name_3` ... Returns nullptr past kMaxTables.
  Table* add_table(Table table);
  /// Appends a column, renaming a duplicate name `name_2` ... with a warning.
  void add_column(Table& table, Column column);

  std::size_t tables_added() const { return tables_added_; }
  /// True the first time it is asked about `what`: for warnings that would otherwise
  /// repeat for every column of a generated schema.
  bool first_time(const std::string& what);

 private:
  std::size_t tables_added_ = 0;
  bool too_many_reported_ = false;
  std::vector<std::string> column_limit_reported_;
  std::set<std::string> reported_;
  /// Lower-cased column names of the table add_column last saw (duplicate checks in O(1)).
  const Table* building_ = nullptr;
  std::unordered_set<std::string> building_names_;
};

/// A table name from a file name: no directories, no extension (nor a ".schema" before
/// it), other dots, dashes and blanks as '_' ("data/Orders.v2.csv" -> "Orders_v2").
std::string base_name(std::string_view file_name);

/// Parses a JSON document (a UTF-8 BOM is skipped). Invalid JSON, invalid UTF-8 and
/// nesting deeper than kMaxJsonDepth become an error diagnostic and nullopt.
/// Object members keep their order (columns are listed as written).
std::optional<nlohmann::ordered_json> read_json(ImportContext& ctx);

/// Line and column of a byte offset.
SourceLocation location_in(std::string_view content, std::size_t offset);

/// A JSON value as short text for messages and defaults (strings unquoted).
std::string json_text(const nlohmann::ordered_json& value);

/// The importers, one per format (each file's top comment gives its rules).
void import_json_schema(ImportContext& ctx, const ImportOptions& options);
void import_bigquery_json(ImportContext& ctx, const ImportOptions& options);
void import_avro(ImportContext& ctx, const ImportOptions& options);
void import_delimited(ImportContext& ctx, const ImportOptions& options);

}  // namespace godwit::schema::importers
