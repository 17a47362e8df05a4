// Lookups and counts of the catalog model.
#include "schema/catalog.hpp"

#include <tuple>
#include <utility>

#include "core/text.hpp"

namespace godwit::schema {

std::string QualifiedName::to_string() const {
  std::string out;
  for (const std::string* part : {&database, &schema, &name}) {
    if (part->empty()) continue;
    if (!out.empty()) out += '.';
    out += *part;
  }
  return out;
}

std::string_view to_string(Identity identity) {
  switch (identity) {
    case Identity::kNone: return "none";
    case Identity::kIdentity: return "identity";
    case Identity::kAutoIncrement: return "auto_increment";
    case Identity::kAlways: return "always";
    case Identity::kByDefault: return "by_default";
  }
  return "none";
}

std::string_view to_string(TableKind kind) {
  switch (kind) {
    case TableKind::kTable: return "table";
    case TableKind::kView: return "view";
    case TableKind::kMaterializedView: return "materialized_view";
  }
  return "table";
}

std::string_view to_string(LineageKind kind) {
  return kind == LineageKind::kDirect ? "direct" : "transformed";
}

bool SourceColumn::operator<(const SourceColumn& other) const {
  return std::tie(table.database, table.schema, table.name, column) <
         std::tie(other.table.database, other.table.schema, other.table.name, other.column);
}

bool SourceColumn::operator==(const SourceColumn& other) const {
  return table.database == other.table.database && table.schema == other.table.schema &&
         table.name == other.table.name && column == other.column;
}

const Column* Table::find_column_by_key(std::string_view folded) const {
  for (const Column& c : columns)
    if (c.key == folded) return &c;
  return nullptr;
}

const Table* Catalog::table_by_id(std::uint32_t id) const {
  for (const Table& t : tables)
    if (t.id == id) return &t;
  return nullptr;
}

Table* Catalog::table_by_id(std::uint32_t id) {
  for (Table& t : tables)
    if (t.id == id) return &t;
  return nullptr;
}

const Table* Catalog::find_table(std::string_view qualified_name) const {
  std::vector<std::string> parts = split(qualified_name, '.');
  if (parts.empty()) return nullptr;
  const std::size_t n = parts.size();
  std::string schema = n >= 2 ? parts[n - 2] : std::string();
  std::string database = n >= 3 ? parts[n - 3] : std::string();
  for (std::size_t i : candidates(parts.back())) {
    const Table& t = tables[i];
    if (!database.empty() && !iequals(t.name.database, database)) continue;
    if (schema.empty() || iequals(t.name.schema, schema)) return &t;
    if (n == 2 && t.name.schema.empty() && iequals(t.name.database, schema)) return &t;
  }
  return nullptr;
}

std::size_t Catalog::table_count() const {
  std::size_t n = 0;
  for (const Table& t : tables) n += t.kind == TableKind::kTable ? 1 : 0;
  return n;
}

std::size_t Catalog::view_count() const {
  return tables.size() - table_count();
}

std::size_t Catalog::column_count() const {
  std::size_t n = 0;
  for (const Table& t : tables)
    if (t.kind == TableKind::kTable) n += t.columns.size();
  return n;
}

std::size_t Catalog::foreign_key_count() const {
  std::size_t n = 0;
  for (const Table& t : tables) n += t.foreign_keys.size();
  return n;
}

bool Catalog::has_errors() const {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::kError) return true;
  return false;
}

Table& Catalog::add_table(Table table) {
  table.id = next_id++;
  tables.push_back(std::move(table));
  by_name_[to_lower(tables.back().key)].push_back(tables.size() - 1);
  return tables.back();
}

void Catalog::reindex() {
  by_name_.clear();
  for (std::size_t i = 0; i < tables.size(); ++i) by_name_[to_lower(tables[i].key)].push_back(i);
}

const std::vector<std::size_t>& Catalog::candidates(std::string_view key) const {
  static const std::vector<std::size_t> kNone;
  auto it = by_name_.find(to_lower(key));
  return it == by_name_.end() ? kNone : it->second;
}

}  // namespace godwit::schema
