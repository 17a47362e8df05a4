// SQL expressions as Python expressions (for Apache Beam transforms later), for the subset
// that maps cleanly: literals, columns, arithmetic, comparisons, boolean logic with SQL's
// three-valued semantics, IS [NOT] NULL, IN, BETWEEN, CASE, COALESCE/NVL/IFNULL, casts and
// the string and date functions of the translation tables. NULL is None and propagates as
// in SQL. Anything else is unsupported: the result has no code and a diagnostic says why.
// The generated code needs only the Python standard library (datetime, imported inline).
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "sql/ast/ast.hpp"
#include "sql/parser/parse.hpp"
#include "sql/printer/printer.hpp"

namespace godwit::sql {

struct PythonOptions {
  std::string row = "row";  ///< columns are read as row['name']
};

struct PythonTranslation {
  std::string code;  ///< empty when anything is unsupported
  FidelityCounts counts;
  std::vector<Diagnostic> diagnostics;
};

/// `expr` (a node of `parsed`) as one Python expression over `options.row`.
PythonTranslation to_python(const ParseResult& parsed, const Expr& expr,
                            const PythonOptions& options = {});

}  // namespace godwit::sql
