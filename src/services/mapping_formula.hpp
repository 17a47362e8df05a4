// Checking a mapping's formula before it is stored: it must be one SQL expression in the
// formula dialect (parsed by Godwit's own parser, not pasted anywhere), and every column
// it reads must resolve in the source tables of the mapping. Problems come back as
// diagnostics whose line and column point into the formula as the person wrote it.
// Pure: no database, no HTTP.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "schema/catalog.hpp"

namespace godwit::services {

struct FormulaColumn {
  std::string table;  ///< the source table's catalog name
  std::string column;
};

struct FormulaCheck {
  std::vector<Diagnostic> errors;      ///< empty: the formula is valid
  std::vector<FormulaColumn> columns;  ///< the source columns it reads, in order, distinct
  bool ok() const { return errors.empty(); }
};

/// Parses `formula` as one expression in `dialect` and resolves its column references:
/// a bare name must be a column of exactly one of `source_tables`; `t.c` names table t
/// (its last name part or full name) of `source_tables` or, when that list is empty, of
/// the whole source catalog. Never throws on input.
FormulaCheck check_formula(const std::string& formula, const std::string& dialect,
                           const schema::Catalog& source,
                           const std::vector<std::string>& source_tables);

/// "line 1, column 8: message" for a diagnostic of check_formula.
std::string describe(const Diagnostic& diagnostic);

}  // namespace godwit::services
