// to_python's output evaluated by a real Python: each SQL expression is translated, the
// generated code run by the system python3 over a concrete row, and the value compared
// (value and type) with what the SQL database returns. Only the standard library is
// available to the script, as the generated code promises.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "sql/ast/ast.hpp"
#include "sql/parser/parse.hpp"
#include "sql/printer/to_python.hpp"

namespace godwit::sql {
namespace {

struct EvalCase {
  const char* dialect;
  const char* expr;      ///< one SQL expression (read as SELECT <expr>)
  const char* row;       ///< the row, a Python dict literal
  const char* expected;  ///< the SQL result, a Python literal (datetime and decimal imported)
};

// The expected values are what the source database returns for the row.
constexpr EvalCase kCases[] = {
    // arithmetic and NULL propagation
    {"postgres", "a + b * 2", "{'a': 1, 'b': 3}", "7"},
    {"postgres", "a + b", "{'a': 1, 'b': None}", "None"},
    {"postgres", "-a", "{'a': 4}", "-4"},
    // integer division: PostgreSQL and T-SQL truncate toward zero, MySQL does not
    {"postgres", "7 / 2", "{}", "3"},
    {"postgres", "a / b", "{'a': -7, 'b': 2}", "-3"},
    {"tsql", "a / b", "{'a': 7, 'b': -2}", "-3"},
    {"postgres", "a / b", "{'a': 7.0, 'b': 2}", "3.5"},
    {"mysql", "7 / 2", "{}", "3.5"},
    {"postgres", "a / b", "{'a': None, 'b': 2}", "None"},
    // MOD takes the sign of the dividend
    {"postgres", "MOD(a, 3)", "{'a': -7}", "-1"},
    {"postgres", "a % 3", "{'a': 7}", "1"},
    {"oracle", "MOD(a, b)", "{'a': 7, 'b': -3}", "1"},
    // comparisons and three-valued logic
    {"postgres", "a = 1 AND b IS NULL", "{'a': 1, 'b': None}", "True"},
    {"postgres", "a = b", "{'a': 1, 'b': None}", "None"},
    {"postgres", "a > 1 OR b < 2", "{'a': None, 'b': 1}", "True"},
    {"postgres", "a > 1 OR b < 2", "{'a': None, 'b': 5}", "None"},
    {"postgres", "a > 1 AND b < 2", "{'a': None, 'b': 5}", "False"},
    {"postgres", "NOT (a > 1)", "{'a': None}", "None"},
    {"postgres", "a <> 'x'", "{'a': 'y'}", "True"},
    {"postgres", "a IS NOT NULL", "{'a': 0}", "True"},
    {"postgres", "a IN (1, NULL)", "{'a': 2}", "None"},
    {"postgres", "a IN (1, NULL)", "{'a': 1}", "True"},
    {"postgres", "a NOT IN (1, 2)", "{'a': 3}", "True"},
    {"postgres", "a BETWEEN 1 AND 3", "{'a': None}", "None"},
    {"postgres", "a BETWEEN 1 AND 3", "{'a': 2}", "True"},
    {"postgres", "a NOT BETWEEN 1 AND 3", "{'a': 5}", "True"},
    // CASE: a NULL condition is not true
    {"postgres", "CASE WHEN s >= 90 THEN 'A' WHEN s >= 80 THEN 'B' ELSE 'C' END", "{'s': None}",
     "'C'"},
    {"postgres", "CASE WHEN s >= 90 THEN 'A' WHEN s >= 80 THEN 'B' ELSE 'C' END", "{'s': 85}",
     "'B'"},
    {"postgres", "CASE st WHEN 'a' THEN 1 ELSE 0 END", "{'st': None}", "0"},
    {"postgres", "CASE st WHEN 'a' THEN 1 END", "{'st': 'b'}", "None"},
    // COALESCE and friends
    {"postgres", "COALESCE(a, b, 0)", "{'a': None, 'b': None}", "0"},
    {"postgres", "COALESCE(a, b, 0)", "{'a': None, 'b': 5}", "5"},
    {"oracle", "NVL(name, 'unknown')", "{'name': None}", "'unknown'"},
    {"mysql", "IFNULL(a, 1)", "{'a': 2}", "2"},
    {"postgres", "NULLIF(a, 0)", "{'a': 0}", "None"},
    {"oracle", "NVL2(a, 'y', 'n')", "{'a': None}", "'n'"},
    {"tsql", "IIF(a > 0, 'pos', 'neg')", "{'a': None}", "'neg'"},
    // casts
    {"postgres", "CAST(a AS INTEGER)", "{'a': '42'}", "42"},
    {"postgres", "CAST(a AS VARCHAR(10))", "{'a': 42}", "'42'"},
    {"postgres", "CAST(a AS DATE)", "{'a': '2024-02-29'}", "datetime.date(2024, 2, 29)"},
    {"postgres", "CAST(a AS DATE)", "{'a': datetime.datetime(2024, 2, 29, 13, 5)}",
     "datetime.date(2024, 2, 29)"},
    {"postgres", "CAST(a AS NUMERIC(10, 2))", "{'a': '1.50'}", "decimal.Decimal('1.50')"},
    {"postgres", "CAST(a AS DOUBLE PRECISION)", "{'a': '2.5'}", "2.5"},
    {"postgres", "CAST(a AS INTEGER)", "{'a': None}", "None"},
    {"postgres", "a::int + 1", "{'a': '41'}", "42"},
    // strings
    {"postgres", "SUBSTR(s, 2, 3)", "{'s': 'hello'}", "'ell'"},
    {"oracle", "SUBSTR(s, 2)", "{'s': 'hello'}", "'ello'"},
    {"tsql", "SUBSTRING(s, 1, 2)", "{'s': 'hello'}", "'he'"},
    {"postgres", "UPPER(s)", "{'s': 'abc'}", "'ABC'"},
    {"postgres", "LOWER(s)", "{'s': None}", "None"},
    {"postgres", "TRIM(s)", "{'s': '  x y  '}", "'x y'"},
    {"postgres", "LTRIM(s)", "{'s': '  x  '}", "'x  '"},
    {"postgres", "RTRIM(s)", "{'s': '  x  '}", "'  x'"},
    {"postgres", "LENGTH(s)", "{'s': 'abc'}", "3"},
    {"postgres", "REPLACE(s, 'X', '-')", "{'s': 'aXbX'}", "'a-b-'"},
    {"postgres", "STRPOS(s, 'l')", "{'s': 'hello'}", "3"},
    {"postgres", "STRPOS(s, 'z')", "{'s': 'hello'}", "0"},
    {"tsql", "CHARINDEX('l', s)", "{'s': 'hello'}", "3"},
    {"postgres", "a || '-' || b", "{'a': 'x', 'b': None}", "None"},
    {"postgres", "a || '-' || b", "{'a': 'x', 'b': 'y'}", "'x-y'"},
    {"mysql", "CONCAT(a, '-', b)", "{'a': 'x', 'b': 1}", "'x-1'"},
    {"mysql", "CONCAT(a, '-', b)", "{'a': 'x', 'b': None}", "None"},
    // PostgreSQL's CONCAT skips NULLs
    {"postgres", "CONCAT(a, '-', b)", "{'a': 'x', 'b': None}", "'x-'"},
    {"tsql", "a + b", "{'a': 'x', 'b': 'y'}", "'xy'"},
    // dates
    {"postgres", "EXTRACT(YEAR FROM d)", "{'d': datetime.date(2024, 3, 5)}", "2024"},
    {"postgres", "EXTRACT(MONTH FROM d)", "{'d': None}", "None"},
    {"tsql", "DATEADD(day, 7, d)", "{'d': datetime.date(2024, 2, 25)}",
     "datetime.date(2024, 3, 3)"},
    {"snowflake", "DATEADD(hour, 2, ts)", "{'ts': datetime.datetime(2024, 1, 1, 23)}",
     "datetime.datetime(2024, 1, 2, 1, 0)"},
    {"tsql", "DATEADD(day, n, d)", "{'n': None, 'd': datetime.date(2024, 1, 1)}", "None"},
    {"oracle", "TO_CHAR(d, 'YYYY-MM-DD HH24:MI')", "{'d': datetime.datetime(2024, 3, 5, 14, 7)}",
     "'2024-03-05 14:07'"},
    {"mysql", "DATE_FORMAT(d, '%Y/%m/%d')", "{'d': datetime.date(2024, 3, 5)}", "'2024/03/05'"},
};

TEST(PythonEvaluation, GeneratedCodeComputesSqlResults) {
  std::string script =
      "import datetime, decimal\n"
      "def check(i, f, row, expected):\n"
      "    try:\n"
      "        got = f(row)\n"
      "    except Exception as e:\n"
      "        print(i, 'error', repr(e)); return\n"
      "    same = got == expected and type(got) is type(expected)\n"
      "    print(i, 'ok' if same else 'wrong', repr(got))\n";
  std::map<std::size_t, std::string> untranslated;
  std::size_t n = std::size(kCases);
  for (std::size_t i = 0; i < n; ++i) {
    const EvalCase& c = kCases[i];
    ParseResult r = parse_sql(std::string("SELECT ") + c.expr, dialect_by_name(c.dialect));
    ASSERT_EQ(r.statements.size(), 1u) << c.expr;
    ASSERT_EQ(r.statements[0]->kind, StatementKind::kQuery) << c.expr;
    const Query* q = static_cast<const QueryStatement*>(r.statements[0])->query;
    ASSERT_EQ(q->body->kind, QueryBodyKind::kSelect) << c.expr;
    const auto& items = static_cast<const SelectBody*>(q->body)->items;
    ASSERT_EQ(items.size(), 1u) << c.expr;
    PythonTranslation py = to_python(r, *items[0].expr);
    if (py.code.empty()) {
      untranslated[i] = py.diagnostics.empty() ? "" : py.diagnostics[0].message;
      continue;
    }
    script += "check(" + std::to_string(i) + ", lambda row: " + py.code + ", " + c.row + ", " +
              c.expected + ")\n";
  }
  for (const auto& [i, why] : untranslated)
    ADD_FAILURE() << kCases[i].dialect << ": " << kCases[i].expr << " not translated: " << why;

  auto path = std::filesystem::temp_directory_path() /
              ("godwit_python_eval_" + std::to_string(::getpid()) + ".py");
  {
    std::ofstream out(path);
    out << script;
  }
  std::string command = std::string(GODWIT_PYTHON) + " " + path.string() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr) << command;
  std::map<std::size_t, std::string> results;
  std::string output;
  char line[4096];
  while (std::fgets(line, sizeof line, pipe)) {
    output += line;
    std::string l(line);
    std::size_t space = l.find(' ');
    if (space == std::string::npos || !std::isdigit(static_cast<unsigned char>(l[0]))) continue;
    results[std::stoul(l.substr(0, space))] = l.substr(space + 1);
  }
  int status = ::pclose(pipe);
  std::filesystem::remove(path);
  ASSERT_EQ(status, 0) << "python failed:\n" << output;
  std::size_t ok = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (untranslated.count(i)) continue;
    auto it = results.find(i);
    ASSERT_NE(it, results.end()) << "no result for case " << i << "\n" << output;
    if (it->second.rfind("ok ", 0) == 0)
      ++ok;
    else
      ADD_FAILURE() << kCases[i].dialect << ": " << kCases[i].expr << " over " << kCases[i].row
                    << " expected " << kCases[i].expected << ", got " << it->second;
  }
  std::printf("python evaluation: %zu of %zu cases give the SQL result\n", ok, n);
}

}  // namespace
}  // namespace godwit::sql
