// Helpers shared by the importer tests: import one text, find tables and columns, and
// look for diagnostic codes.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "schema/catalog.hpp"
#include "schema/importers/importer.hpp"
#include "sql/types/logical_type.hpp"

namespace godwit::schema::testing {

inline Catalog import_text(std::string_view file, std::string_view content, SchemaFormat format,
                           const ImportOptions& options = {}) {
  Catalog c;
  import_schema_file(c, file, content, format, options);
  return c;
}

inline const Column* column(const Table* t, std::string_view name) {
  if (!t) return nullptr;
  for (const Column& c : t->columns)
    if (c.name == name) return &c;
  return nullptr;
}

/// The canonical type text of a column, or "<missing>".
inline std::string type_of(const Table* t, std::string_view name) {
  const Column* c = column(t, name);
  return c ? sql::to_string(c->type) : "<missing>";
}

inline bool has_code(const Catalog& c, std::string_view code) {
  for (const Diagnostic& d : c.diagnostics)
    if (d.code == code) return true;
  return false;
}

inline std::string codes(const Catalog& c) {
  std::string out;
  for (const Diagnostic& d : c.diagnostics) out += d.code + ": " + d.message + "\n";
  return out;
}

inline std::vector<std::string> column_names(const Table* t) {
  std::vector<std::string> out;
  if (t)
    for (const Column& c : t->columns) out.push_back(c.name);
  return out;
}

}  // namespace godwit::schema::testing
