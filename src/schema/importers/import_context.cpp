// Shared machinery of the non-SQL importers (import_context.hpp).
#include "schema/importers/import_context.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace godwit::schema::importers {

ImportContext::ImportContext(Catalog& catalog_in, std::string_view file_in,
                             std::string_view content_in, SchemaFormat format_in)
    : catalog(catalog_in), file(file_in), content(content_in), format(format_in) {}

SourceLocation location_in(std::string_view content, std::size_t offset) {
  SourceLocation loc;
  offset = std::min(offset, content.size());
  loc.offset = static_cast<std::uint32_t>(offset);
  for (std::size_t i = 0; i < offset; ++i) {
    if (content[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

void ImportContext::report(std::string code, Severity severity, std::string message,
                           std::size_t offset) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message = std::move(message);
  d.file = file;
  if (offset > 0) {
    d.location = location_in(content, offset);
    d.snippet = make_snippet(content, d.location);
  }
  catalog.diagnostics.push_back(std::move(d));
}

Table ImportContext::make_table(std::string_view schema, std::string_view name) const {
  Table t;
  t.name.schema = std::string(schema);
  t.name.name = std::string(name);
  bool folds = format == SchemaFormat::kBigQueryJson;  // BigQuery names ignore case
  t.schema_key = folds ? to_lower(schema) : std::string(schema);
  t.key = folds ? to_lower(name) : std::string(name);
  t.dialect = format == SchemaFormat::kBigQueryJson ? "bigquery" : std::string(to_string(format));
  t.origin.file = file;
  t.origin.line = 1;
  t.origin.column = 1;
  return t;
}

Column ImportContext::make_column(std::string_view name) const {
  Column c;
  c.name = std::string(name);
  c.key = format == SchemaFormat::kBigQueryJson ? to_lower(name) : std::string(name);
  return c;
}

Table* ImportContext::add_table(Table table) {
  if (tables_added_ >= kMaxTables) {
    if (!too_many_reported_)
      error("E-IMPORT-TOO-MANY-TABLES", "more than " + std::to_string(kMaxTables) +
                                            " tables in one file; the rest are not imported");
    too_many_reported_ = true;
    return nullptr;
  }
  std::string base = table.name.name;
  for (int n = 2;; ++n) {
    auto clash = std::find_if(catalog.tables.begin(), catalog.tables.end(), [&](const Table& t) {
      return iequals(t.name.name, table.name.name) && iequals(t.name.schema, table.name.schema);
    });
    if (clash == catalog.tables.end()) break;
    if (clash->origin.file != file) {
      warning("W-CATALOG-DUPLICATE", table.name.to_string() + " is defined again (first at " +
                                         clash->origin.file +
                                         "); the later definition replaces it");
      catalog.tables.erase(clash);
      catalog.reindex();
      break;
    }
    table.name.name = base + "_" + std::to_string(n);
    table.key = format == SchemaFormat::kBigQueryJson ? to_lower(table.name.name) : table.name.name;
    if (n == 2)
      warning("W-IMPORT-DUPLICATE-TABLE", "two tables of this file are named " + base +
                                              "; the second is named " + table.name.name);
  }
  ++tables_added_;
  return &catalog.add_table(std::move(table));
}

void ImportContext::add_column(Table& table, Column column) {
  if (table.columns.size() >= kMaxColumns) {
    std::string name = table.name.to_string();
    if (std::find(column_limit_reported_.begin(), column_limit_reported_.end(), name) ==
        column_limit_reported_.end()) {
      error("E-IMPORT-TOO-MANY-COLUMNS", name + " has more than " + std::to_string(kMaxColumns) +
                                             " columns; the rest are not imported");
      column_limit_reported_.push_back(std::move(name));
    }
    return;
  }
  if (&table != building_ || table.columns.size() != building_names_.size()) {
    building_ = &table;
    building_names_.clear();
    for (const Column& c : table.columns) building_names_.insert(to_lower(c.name));
  }
  std::string base = column.name;
  for (int n = 2; building_names_.count(to_lower(column.name)); ++n) {
    column.name = base + "_" + std::to_string(n);
    if (n == 2)
      warning("W-IMPORT-DUPLICATE-COLUMN", table.name.to_string() + " has two columns named " +
                                               base + "; the second is named " + column.name);
  }
  building_names_.insert(to_lower(column.name));
  column.key = format == SchemaFormat::kBigQueryJson ? to_lower(column.name) : column.name;
  table.columns.push_back(std::move(column));
}

bool ImportContext::first_time(const std::string& what) {
  return reported_.insert(what).second;
}

std::string base_name(std::string_view file_name) {
  std::size_t slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t dot = file_name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) file_name = file_name.substr(0, dot);
  if (file_name.size() > 7 && iequals(file_name.substr(file_name.size() - 7), ".schema"))
    file_name.remove_suffix(7);
  std::string out(file_name);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '.' || c == '-' || c == ' '; }, '_');
  return out.empty() ? "imported" : out;
}

namespace {

/// The deepest bracket nesting of a JSON text (strings skipped), and where it passes `limit`.
std::optional<std::size_t> too_deep_at(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<nlohmann::ordered_json> read_json(ImportContext& ctx) {
  std::string_view text = ctx.content;
  std::size_t skipped = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
    skipped = 3;
  }
  if (trim(text).empty()) {
    ctx.error("E-IMPORT-EMPTY",
              "the file is empty; expected a " + std::string(to_string(ctx.format)) + " document");
    return std::nullopt;
  }
  if (auto at = too_deep_at(text, kMaxJsonDepth)) {
    ctx.error("E-IMPORT-TOO-DEEP",
              "the JSON document nests deeper than " + std::to_string(kMaxJsonDepth) +
                  " levels; no schema needs that many, so it is not read",
              *at + skipped);
    return std::nullopt;
  }
  try {
    return nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    std::size_t cut = what.find("parse error");
    ctx.error("E-IMPORT-JSON",
              "the file is not valid JSON: " + (cut == std::string::npos ? what : what.substr(cut)),
              std::min(at + skipped, ctx.content.size()));
  } catch (const nlohmann::json::exception& e) {
    // Numbers out of range ("1e400") and the like.
    std::string what = e.what();
    std::size_t cut = what.find("] ");
    ctx.error("E-IMPORT-JSON", "the file cannot be read as JSON: " +
                                   (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
  return std::nullopt;
}

std::string json_text(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace godwit::schema::importers
