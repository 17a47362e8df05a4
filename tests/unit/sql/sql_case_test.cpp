// Runs the data-driven cases under tests/unit/sql/cases/**/*.test. Each case is a directive
// line, an input, a "----" line and the expected output (to the next blank line):
//
//   parse <dialect>         the AST dump of every statement (and any diagnostics)
//   parse-error <dialect>   only the diagnostics, as "line:column: message"
//   count <dialect>         statement counts: statements, parsed, skipped, other, directives
//   detect                  the detected dialect
//
// GODWIT_REWRITE_CASES=1 rewrites the expected outputs from the current behaviour (review
// the diff before committing it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "sql/ast/ast_dump.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/parser/parse.hpp"
#include "support/case_file.hpp"
#include "support/case_suite.hpp"

namespace godwit::sql {
namespace {

using Case = testing::TestCase;

std::filesystem::path cases_dir() {
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / "tests" / "unit" / "sql" / "cases";
  return GODWIT_SQL_CASES_DIR;
}

std::string run_case(const Case& c) {
  std::istringstream d(c.directive);
  std::string verb, dialect_name;
  d >> verb >> dialect_name;
  if (verb == "detect") return detect_dialect(c.input).dialect + "\n";
  const Dialect& dialect = dialect_by_name(dialect_name);
  ParseResult r = parse_sql(c.input, dialect);
  std::string out;
  if (verb == "count") {
    out = "statements=" + std::to_string(r.stats.statements) +
          " parsed=" + std::to_string(r.stats.parsed) +
          " skipped=" + std::to_string(r.stats.skipped) +
          " other=" + std::to_string(r.stats.other) +
          " directives=" + std::to_string(r.stats.directives) + "\n";
    return out;
  }
  if (verb == "parse") {
    for (const Statement* s : r.statements) out += dump_statement(*s);
  }
  for (const Diagnostic& diag : r.diagnostics) {
    out += std::to_string(diag.location.line) + ":" + std::to_string(diag.location.column) + ": ";
    if (diag.severity != Severity::kError) out += std::string(to_string(diag.severity)) + ": ";
    out += diag.message + "\n";
  }
  return out;
}

const int kRegistered = testing::register_case_files(cases_dir(), "SqlCases", run_case);

}  // namespace
}  // namespace godwit::sql
