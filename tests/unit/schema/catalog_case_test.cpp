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

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "schema/builder.hpp"
#include "schema/catalog_json.hpp"
#include "sql/parser/parse.hpp"
#include "support/case_file.hpp"
#include "support/case_suite.hpp"

namespace godwit::schema {
namespace {

using Case = testing::TestCase;
using testing::lines_of;

std::filesystem::path cases_dir() {
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / "tests" / "unit" / "schema" / "cases";
  return GODWIT_SCHEMA_CASES_DIR;
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

const int kRegistered = testing::register_case_files(cases_dir(), "CatalogCases", run_case);

}  // namespace
}  // namespace godwit::schema
