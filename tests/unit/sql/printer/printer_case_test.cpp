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

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sql/ast/ast_dump.hpp"
#include "sql/parser/parse.hpp"
#include "sql/printer/printer.hpp"
#include "sql/printer/to_python.hpp"
#include "support/case_file.hpp"

namespace godwit::sql {
namespace {

using Case = testing::TestCase;
using testing::lines_of;

std::filesystem::path cases_dir() {
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / "tests" / "unit" / "sql" / "printer" / "cases";
  return GODWIT_PRINTER_CASES_DIR;
}

std::vector<Case> read_cases(const std::filesystem::path& path) {
  return testing::read_case_file(path);
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

class PrinterCase : public ::testing::Test {
 public:
  explicit PrinterCase(Case c) : case_(std::move(c)) {}
  void TestBody() override {
    EXPECT_EQ(run_case(case_), case_.expected) << case_.file << ":" << case_.line << "\n"
                                               << case_.input;
  }

 private:
  Case case_;
};

void rewrite(const std::filesystem::path& path) {
  std::vector<Case> cases = read_cases(path);
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  std::vector<std::string> lines = lines_of(s.str());
  std::string out;
  std::size_t i = 0;
  while (i < lines.size() && (lines[i].empty() || lines[i][0] == '#')) out += lines[i++] + "\n";
  for (const Case& c : cases) out += c.directive + "\n" + c.input + "----\n" + run_case(c) + "\n";
  std::ofstream(path) << out;
}

int register_cases() {
  std::filesystem::path dir = cases_dir();
  if (!std::filesystem::exists(dir)) return 0;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  bool rewriting = std::getenv("GODWIT_REWRITE_CASES") != nullptr;
  int n = 0;
  for (const auto& f : files) {
    if (rewriting) rewrite(f);
    for (Case& c : read_cases(f)) {
      std::string suite = "PrinterCases_" + f.stem().string();
      std::string name = "line_" + std::to_string(c.line);
      ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [c]() -> ::testing::Test* { return new PrinterCase(c); });
      ++n;
    }
  }
  return n;
}

const int kRegistered = register_cases();

}  // namespace
}  // namespace godwit::sql
