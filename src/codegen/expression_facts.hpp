// Facts about one SQL expression of a mapping (a formula, a join or a filter) that the
// optimisation rules need: whether a subquery selects *, the subqueries it repeats,
// comparisons that wrap a column in a function or cast (so no partition pruning or
// clustering applies), the functions it calls and the table aliases it references.
// Internal to src/codegen; values in, values out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace godwit::codegen {

struct ExpressionFacts {
  bool parses = false;
  /// A subquery (scalar, IN or ANY/ALL; not EXISTS, which reads no columns) selects *.
  bool select_star = false;
  /// Each subquery's text, upper-cased with single spaces (equal texts = repeats).
  std::vector<std::string> subqueries;
  /// Comparisons whose one side computes from a column (function, cast, arithmetic) and
  /// whose other side reads no column, as written.
  std::vector<std::string> non_sargable;
  /// The column each non_sargable comparison wraps (its last name part), in the same order.
  std::vector<std::string> wrapped_columns;
  /// The functions called (upper-case name, argument count), inside subqueries too; no
  /// duplicates.
  std::vector<std::pair<std::string, int>> functions;
  /// Table qualifiers of column references ("s1", "s2"), no duplicates, outside subqueries.
  std::vector<std::string> qualifiers;
  bool reads_columns = false;  ///< references at least one column outside subqueries
};

/// One conjunct of an equi-join: qualifier.column = qualifier.column.
struct ColumnEquality {
  std::string left_qualifier, left_column;
  std::string right_qualifier, right_column;
};

/// The equalities of a join condition that is a conjunction (AND) of equalities between
/// qualified columns ("s1.customer_id = s2.id AND s2.region_id = s3.id"); nullopt when it
/// is anything else (an OR, a function, a constant, an unqualified column).
std::optional<std::vector<ColumnEquality>> equi_join(std::string_view expression,
                                                     std::string_view dialect);

/// Parses `expression` as "SELECT <expression>" in `dialect` (a canonical name) and
/// collects its facts;
/// `parses` is false (and nothing else set) when it is not one expression.
ExpressionFacts analyze_expression(std::string_view expression, std::string_view dialect);

}  // namespace godwit::codegen
