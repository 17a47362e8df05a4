// Runs the data-driven translation cases under tests/unit/sql/printer/cases/*.test. Each
// case is a directive line, an input, a "----" line and the expected output (to the next
// blank line):
//
//   transpile <from> <to>   every statement printed compactly in <to>, each followed by its
//                           non-exact diagnostics as "-- <severity> <code>: <message>"
//   pretty <from> <to>      the same in pretty mode
//   roundtrip <dialect>     the statement printed in its own dialect; the case also checks
//                           that reparsing the output gives the same AST dump
//   python <dialect>        each SELECT item as a Python expression (to_python)
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
#include "sql/parser/parse.hpp"
#include "sql/printer/printer.hpp"
#include "sql/printer/to_python.hpp"
#include "support/case_file.hpp"
#include "support/case_suite.hpp"

namespace godwit::sql {
namespace {

using Case = testing::TestCase;

std::filesystem::path cases_dir() {
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / "tests" / "unit" / "sql" / "printer" / "cases";
  return GODWIT_PRINTER_CASES_DIR;
}

std::string render(const Translation& t) {
  std::string out;
  for (const StatementTranslation& s : t.statements) {
    if (!s.sql.empty()) out += s.sql + ";\n";
    for (const Diagnostic& d : s.diagnostics)
      out += "-- " + std::string(to_string(d.severity)) + " " + d.code + ": " + d.message + "\n";
  }
  return out;
}

std::string dump_all(const ParseResult& r) {
  std::string out;
  for (const Statement* s : r.statements) out += dump_statement(*s);
  return out;
}

std::string run_case(const Case& c) {
  std::istringstream d(c.directive);
  std::string verb, from, to;
  d >> verb >> from >> to;
  if (verb == "python") {
    ParseResult r = parse_sql(c.input, dialect_by_name(from));
    std::string out;
    for (const Statement* s : r.statements) {
      if (s->kind != StatementKind::kQuery) continue;
      const Query* q = static_cast<const QueryStatement*>(s)->query;
      if (q->body->kind != QueryBodyKind::kSelect) continue;
      for (const SelectItem& item : static_cast<const SelectBody*>(q->body)->items) {
        PythonTranslation py = to_python(r, *item.expr);
        out += py.code.empty() ? "(no code)\n" : py.code + "\n";
        for (const Diagnostic& diag : py.diagnostics)
          out += "-- " + std::string(to_string(diag.severity)) + " " + diag.code + ": " +
                 diag.message + "\n";
      }
    }
    for (const Diagnostic& diag : r.diagnostics) out += "-- parse: " + diag.message + "\n";
    return out;
  }
  if (verb == "roundtrip") to = from;
  PrintOptions options;
  options.pretty = verb == "pretty";
  Translation t = transpile(c.input, from, to, options);
  std::string out = render(t);
  if (verb == "roundtrip") {
    ParseResult original = parse_sql(c.input, dialect_by_name(from));
    std::string printed;
    for (const StatementTranslation& s : t.statements) printed += s.sql + ";\n";
    ParseResult again = parse_sql(printed, dialect_by_name(from));
    if (dump_all(original) != dump_all(again))
      out += "-- AST differs after the round trip:\n" + dump_all(again);
  }
  return out;
}

const int kRegistered = testing::register_case_files(cases_dir(), "PrinterCases", run_case);

}  // namespace
}  // namespace godwit::sql
