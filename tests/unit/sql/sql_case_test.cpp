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
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sql/ast/ast_dump.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/parser/parse.hpp"
#include "support/case_file.hpp"

namespace godwit::sql {
namespace {

using Case = testing::TestCase;
using testing::lines_of;

std::filesystem::path cases_dir() {
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / "tests" / "unit" / "sql" / "cases";
  return GODWIT_SQL_CASES_DIR;
}

std::vector<Case> read_cases(const std::filesystem::path& path) {
  return testing::read_case_file(path);
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

class SqlCase : public ::testing::Test {
 public:
  explicit SqlCase(Case c) : case_(std::move(c)) {}
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
  // Keep the file's leading comment block; rewrite every case.
  std::string out;
  std::size_t i = 0;
  while (i < lines.size() && (lines[i].empty() || lines[i][0] == '#')) out += lines[i++] + "\n";
  for (const Case& c : cases) {
    out += c.directive + "\n" + c.input + "----\n" + run_case(c) + "\n";
  }
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
      std::string suite = "SqlCases_" + f.stem().string();
      std::string name = "line_" + std::to_string(c.line);
      ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [c]() -> ::testing::Test* { return new SqlCase(c); });
      ++n;
    }
  }
  return n;
}

const int kRegistered = register_cases();

}  // namespace
}  // namespace godwit::sql
