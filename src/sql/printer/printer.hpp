// The SQL generator: prints parsed statements and expressions in a target dialect. Every
// construct it translates is classified exact, approximate or unsupported; unsupported
// ones are written as a marked comment (/* godwit: unsupported ... */, after a NULL where a
// value is needed, so the statement still parses) and every
// non-exact one gets a diagnostic, so nothing is dropped silently.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "sql/ast/ast.hpp"
#include "sql/parser/parse.hpp"
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {

struct PrintOptions {
  bool pretty = true;  ///< one clause per line, two-space indentation; else one line
};

/// How many translated nodes fell in each class.
struct FidelityCounts {
  std::size_t exact = 0;
  std::size_t approximate = 0;
  std::size_t unsupported = 0;
  bool clean() const { return approximate == 0 && unsupported == 0; }
};

struct StatementTranslation {
  std::string kind;  ///< to_string(StatementKind)
  std::string sql;   ///< the statement in the target dialect, without the terminator
  FidelityCounts counts;
  std::vector<Diagnostic> diagnostics;  ///< W-TRANSLATE-*, E-TRANSLATE-*, W-TYPE-*
};

struct Translation {
  std::vector<StatementTranslation> statements;
  FidelityCounts counts;  ///< summed over the statements
};

/// Prints every statement of `parsed` in `target` (a canonical dialect name).
/// Throws godwit::Error(kInvalidInput) for an unknown target name.
Translation translate(const ParseResult& parsed, std::string_view target,
                      const PrintOptions& options = {});

/// Prints one statement of `parsed` in `target`.
StatementTranslation translate_statement(const ParseResult& parsed, const Statement& statement,
                                         std::string_view target, const PrintOptions& options = {});

/// Prints one expression of `parsed` in `target` (compact).
StatementTranslation translate_expression(const ParseResult& parsed, const Expr& expr,
                                          std::string_view target);

/// Parses `sql` in `from` and prints it in `to`: a convenience for tests and tools.
/// Syntax errors of the input become diagnostics of the result.
Translation transpile(std::string sql, std::string_view from, std::string_view to,
                      const PrintOptions& options = {});

}  // namespace godwit::sql
