// The state of applying one parsed file to a catalog: the dialect's name rules, the
// current schema (USE / SET), name resolution and diagnostics. Shared by the builder and
// the lineage resolver; not part of the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"
#include "sql/ast/ast.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::schema {

/// A name from a statement, split and folded as the current dialect compares it.
struct NameRef {
  QualifiedName written;   ///< parts as written (schema filled from the context when absent)
  std::string schema_key;  ///< folded schema; empty when neither written nor in context
  std::string key;         ///< folded name
  bool qualified = false;  ///< the statement wrote a schema
};

class BuildContext {
 public:
  BuildContext(Catalog& catalog, const sql::ParseResult& result, std::string file);

  Catalog& catalog;
  const sql::ParseResult& result;
  const sql::Dialect& dialect;
  const sql::NameRules rules;
  const sql::DialectTypeTable* types;  ///< nullptr when the dialect has no type table
  const std::string file;
  std::string database;    ///< USE database
  std::string schema;      ///< USE schema / SET search_path, as written
  std::string schema_key;  ///< folded

  /// The name as this dialect compares it (case folded unless quoted and case-sensitive).
  std::string fold(const sql::Identifier& id) const;
  std::string fold(std::string_view text, bool quoted) const;
  /// Whether a key stored by `stored_dialect` names the same thing as `key` folded by the
  /// current dialect; across dialects, names compare ignoring case.
  bool same(std::string_view stored_key, std::string_view stored_dialect,
            std::string_view key) const;

  NameRef ref(const sql::ObjectName& name) const;
  /// The table a statement names: schema as written (or the context's), else the only
  /// table of that name. nullptr when unknown.
  Table* find_table(const sql::ObjectName& name);
  Table* find_table(const NameRef& ref, bool exact_schema);
  Column* find_column(Table& table, const sql::Identifier& id) const;
  Column* find_column(Table& table, std::string_view key) const;

  /// Line and column of a byte offset, by binary search over the file's line starts
  /// (ParseResult::location scans from the start: quadratic over a file's objects).
  SourceLocation location(std::uint32_t offset) const;
  Origin origin(sql::Span span) const;
  std::string text(sql::Span span) const { return std::string(result.text(span)); }
  void diag(std::string code, Severity severity, sql::Span span, std::string message);
  Diagnostic make_diag(std::string code, Severity severity, sql::Span span,
                       std::string message) const;

 private:
  std::vector<std::uint32_t> line_starts_;  ///< offset of each line's first byte
};

}  // namespace godwit::schema
