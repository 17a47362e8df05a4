// Building a catalog from parsed SQL: statements are applied in order, so later ones
// amend earlier ones (ALTER TABLE, COMMENT ON, RENAME, DROP, CREATE OR REPLACE), and
// several files merge into one catalog. References the catalog cannot resolve become
// W-CATALOG-* / W-LINEAGE-* diagnostics naming the file; nothing here throws on input.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::schema {

class CatalogBuilder {
 public:
  CatalogBuilder() = default;
  /// Continues `start`: later statements amend its objects and foreign keys may resolve
  /// to its tables.
  explicit CatalogBuilder(Catalog start) : catalog_(std::move(start)) {}

  /// Applies every statement of one parsed file, in order. `file` names the diagnostics
  /// and origins (defaults to nothing; the parse's own diagnostics are not copied).
  void add(const sql::ParseResult& result, std::string_view file);

  /// Resolves what needed every file (foreign keys to tables defined later or in another
  /// file) and returns the catalog. The builder is empty afterwards.
  Catalog finish();

  const Catalog& catalog() const { return catalog_; }
  /// The catalog being built, for the importers of non-SQL files (schema/importers),
  /// which add their tables directly.
  Catalog& mutable_catalog() { return catalog_; }

 private:
  /// A foreign key whose referenced table is looked up at the end.
  struct PendingForeignKey {
    std::uint32_t table_id = 0;
    Origin origin;  ///< finds the key again (earlier keys may have been dropped)
    std::string dialect;
    std::string schema_key;
    std::string key;
    bool qualified = false;
    Diagnostic unresolved;  ///< reported if the table is still unknown at the end
  };
  friend class StatementApplier;

  Catalog catalog_;
  std::vector<PendingForeignKey> pending_;
};

/// One file in, one catalog out: CatalogBuilder::add then finish.
Catalog build_catalog(const sql::ParseResult& result, std::string_view file = {});

}  // namespace godwit::schema
