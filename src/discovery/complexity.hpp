// Migration complexity: a score from 0 (trivial) to 10 (hard) per table and for the
// whole project, with the factors that produced it, so a person can see why. The
// formula (points per factor, caps) is in docs/discovery.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "schema/catalog.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::discovery {

/// One contribution to a score: a stable code, what was counted, and the points.
struct ComplexityFactor {
  std::string code;  ///< "columns", "constraints", "procedural-references", ...
  std::size_t count = 0;
  double points = 0;
  std::string detail;  ///< e.g. the exotic types or the losses seen
};

struct TableComplexity {
  std::uint32_t table_id = 0;
  schema::QualifiedName table;
  double score = 0;                       ///< 0..10, one decimal
  std::vector<ComplexityFactor> factors;  ///< only factors with a non-zero count
};

struct ProjectComplexity {
  double score = 0;  ///< 0..10, one decimal
  std::vector<ComplexityFactor> factors;
  std::vector<TableComplexity> tables;  ///< kTable tables, catalog order
};

struct ComplexityOptions {
  /// The target dialect's type table (sql::find_type_table); nullptr: no type-loss factor.
  const sql::DialectTypeTable* target = nullptr;
};

ProjectComplexity compute_complexity(const schema::Catalog& catalog,
                                     const ComplexityOptions& options = {});

}  // namespace godwit::discovery
