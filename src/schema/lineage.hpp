// Column-level lineage: which source columns each output column of a query reads, and
// whether it copies one of them or computes from them. Resolves names against the
// catalog as built so far (CTEs, derived tables, aliases, joins, set operations, `*` and
// `t.*` expansion); names it cannot resolve become W-LINEAGE-* diagnostics.
//
// It lives in src/schema rather than src/sql: it needs the catalog's tables as they are
// at the statement's position (a `*` expands to the columns defined so far), and its
// results are part of the catalog; an interface in src/sql with the catalog as its only
// implementation would add a seam without a second user.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "schema/build_context.hpp"
#include "schema/catalog.hpp"
#include "sql/ast/ast.hpp"

namespace godwit::schema {

/// One output column of a query, with what it reads.
struct OutputColumn {
  std::string name;
  std::string key;  ///< folded as the current dialect compares it
  ColumnLineage lineage;
  /// Direct copies carry their source's type (views and CTAS get typed columns).
  std::string type_text;
  sql::LogicalType type;
};

/// The output columns of `query`, in order.
std::vector<OutputColumn> query_lineage(BuildContext& context, const sql::Query& query,
                                        std::span<const sql::Cte> outer_ctes = {});

/// The target columns a MERGE writes, in order of first assignment; `target` may be null
/// (unknown table: INSERT clauses without a column list then cannot be mapped).
std::vector<ColumnLineage> merge_lineage(BuildContext& context, const sql::MergeStatement& merge,
                                         const Table* target);

}  // namespace godwit::schema
