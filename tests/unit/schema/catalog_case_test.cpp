// Runs the data-driven cases under tests/unit/schema/cases/*.test. Each case is a
// directive line, an input, a "----" line and the expected output (to the next blank line):
//
//   catalog <dialect>   the catalog's text form (format_catalog) and its diagnostics as
//                       "file:line:column: severity: message [code]"
//
// An input may hold several files: a line "--- file NAME" starts the next one (the first
// file is "a.sql" unless named). GODWIT_REWRITE_CASES=1 rewrites the expected outputs from
// the current behaviour (review the diff before committing it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "schema/builder.hpp"
#include "schema/catalog_json.hpp"
#include "sql/parser/parse.hpp"
#include "support/case_file.hpp"

namespace godwit::schema {
namespace {

using Case = testing::TestCase;
using testing::lines_of;

std::filesystem::path cases_dir() {
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / "tests" / "unit" / "schema" / "cases";
  return GODWIT_SCHEMA_CASES_DIR;
}

std::vector<Case> read_cases(const std::filesystem::path& path) {
  return testing::read_case_file(path);
}

std::string run_case(const Case& c) {
  std::istringstream d(c.directive);
  std::string verb, dialect_name;
  d >> verb >> dialect_name;
  if (verb != "catalog") return "unknown directive: " + verb + "\n";
  const sql::Dialect& dialect = sql::dialect_by_name(dialect_name);
  std::vector<std::pair<std::string, std::string>> files{{"a.sql", ""}};
  for (const std::string& l : lines_of(c.input)) {
    if (l.rfind("--- file ", 0) == 0) {
      if (files.back().second.empty())
        files.back().first = l.substr(9);
      else
        files.emplace_back(l.substr(9), "");
      continue;
    }
    files.back().second += l + "\n";
  }
  CatalogBuilder builder;
  std::string out;
  for (auto& [name, text] : files) {
    sql::ParseOptions options;
    options.file_name = name;
    sql::ParseResult r = sql::parse_sql(text, dialect, options);
    for (const Diagnostic& diag : r.diagnostics)
      out += "parse " + diag.file + ":" + std::to_string(diag.location.line) + ": " + diag.message +
             "\n";
    builder.add(r, name);
  }
  Catalog catalog = builder.finish();
  out += format_catalog(catalog);
  for (const Diagnostic& diag : catalog.diagnostics) {
    out += diag.file + ":" + std::to_string(diag.location.line) + ":" +
           std::to_string(diag.location.column) + ": " + std::string(to_string(diag.severity)) +
           ": " + diag.message + " [" + diag.code + "]\n";
  }
  return out;
}

class CatalogCase : public ::testing::Test {
 public:
  explicit CatalogCase(Case c) : case_(std::move(c)) {}
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
      std::string suite = "CatalogCases_" + f.stem().string();
      std::string name = "line_" + std::to_string(c.line);
      ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [c]() -> ::testing::Test* { return new CatalogCase(c); });
      ++n;
    }
  }
  return n;
}

const int kRegistered = register_cases();

}  // namespace
}  // namespace godwit::schema
