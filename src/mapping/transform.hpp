// How a suggested source column becomes its target column: the transformation type, the
// SQL formula (a safe cast where the type system says values may be lost: SAFE_CAST or
// TRY_CAST where the dialect has it, ROUND before a scale loss), the data-loss warnings,
// and the check that a formula parses in its dialect and names only known columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"

namespace godwit::mapping {

struct TransformSuggestion {
  Transformation transformation = Transformation::kDirect;
  std::string formula;  ///< empty for kDirect
  std::vector<std::string> warnings;
};

/// The function that returns NULL instead of failing on a bad value in `dialect`
/// ("SAFE_CAST", "TRY_CAST"), or "CAST" when the dialect has none.
std::string_view safe_cast_function(std::string_view dialect);

/// `name` as an identifier of `dialect`: bare when it is a plain lower/upper-case word,
/// quoted otherwise (backticks for BigQuery, MySQL, Databricks, Hive; double quotes else).
std::string quote_identifier(std::string_view name, std::string_view dialect);

/// Compares the two columns' canonical types. Identical or safely widened types map
/// directly; others get `CAST(col AS <target type>)`, with the dialect's safe cast when
/// values may fail and ROUND(col, scale) when the target keeps fewer decimals. Every loss
/// is a warning ("amount: DECIMAL(38,10) -> DECIMAL(12,2): W-TYPE-SCALE ...").
/// `column_expression` is how the formula names the source column.
TransformSuggestion suggest_transform(const schema::Column& source, const schema::Column& target,
                                      std::string_view column_expression,
                                      std::string_view formula_dialect);

/// Parses `SELECT <formula>` in `dialect`. Column names in the formula must be among
/// `allowed_columns` (bare or table.column names, compared case-insensitively) when that is
/// not empty. Problems are appended to `errors` (E-MAPPING-FORMULA ...); true when none.
bool validate_formula(const std::string& formula, std::string_view dialect,
                      const std::vector<std::string>& allowed_columns,
                      std::vector<Diagnostic>& errors);

}  // namespace godwit::mapping
