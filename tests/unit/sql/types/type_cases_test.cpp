// Runs the data-driven type cases in cases/*.test (format in cases/README.md): one test
// per file, one failure per wrong case with its file and line. Directives: map-type FROM TO,
// read DIALECT, cast-safety (input `FROM -> TO` in canonical text). GODWIT_UPDATE_CASES=1
// rewrites the expected blocks from the current output (review the diff before commit).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sql/types/type_mapping.hpp"

namespace godwit::sql {
namespace {

namespace fs = std::filesystem;

struct Case {
  int line = 0;
  std::string directive;  // "map-type oracle bigquery" or "read oracle"
  std::string input;
  std::vector<std::string> expected;  // first line: type text; then loss codes
};

std::string trim_copy(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// Splits a file into cases; comment lines (#) and blank lines separate them.
std::vector<Case> parse_cases(const fs::path& file, std::vector<std::string>* lines_out) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  if (lines_out) *lines_out = lines;
  std::vector<Case> cases;
  std::size_t i = 0;
  while (i < lines.size()) {
    const std::string l = trim_copy(lines[i]);
    if (l.empty() || l[0] == '#') {
      ++i;
      continue;
    }
    Case c;
    c.line = static_cast<int>(i + 1);
    c.directive = l;
    ++i;
    if (i < lines.size()) c.input = lines[i++];  // verbatim: spaces may matter
    if (i < lines.size() && trim_copy(lines[i]) == "----") ++i;
    while (i < lines.size() && !trim_copy(lines[i]).empty()) {
      c.expected.push_back(trim_copy(lines[i]));
      ++i;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The actual block for a case, or a one-line error.
std::vector<std::string> run_case(const Case& c) {
  const std::vector<std::string> w = words(c.directive);
  std::vector<std::string> out;
  std::vector<TypeLoss> losses;
  if (w.size() == 3 && w[0] == "map-type") {
    if (!find_type_table(w[1]) || !find_type_table(w[2])) return {"error: unknown dialect"};
    TypeMapping m = map_type(c.input, w[1], w[2]);
    out.push_back(m.target_text);
    losses = m.losses;
  } else if (w.size() == 2 && w[0] == "read") {
    if (!find_type_table(w[1])) return {"error: unknown dialect"};
    ReadTypeResult r = read_type(c.input, w[1]);
    out.push_back(to_string(r.type));
    losses = r.notes;
  } else if (w.size() == 1 && w[0] == "cast-safety") {
    // FROM -> TO, both in canonical text
    const std::size_t arrow = c.input.find(" -> ");
    if (arrow == std::string::npos) return {"error: expected 'FROM -> TO'"};
    CastSafety s = cast_safety(parse_logical_type(c.input.substr(0, arrow)),
                               parse_logical_type(c.input.substr(arrow + 4)));
    out.emplace_back(to_string(s.verdict));
    losses = s.losses;
  } else {
    return {"error: unknown directive '" + c.directive + "'"};
  }
  std::vector<std::string> codes;
  for (const TypeLoss& l : losses) codes.emplace_back(to_string(l.code));
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  out.insert(out.end(), codes.begin(), codes.end());
  return out;
}

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(GODWIT_TYPE_CASES_DIR, ec)) {
    if (e.path().extension() == ".test") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string join_lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& l : v) s += "    " + l + "\n";
  return s;
}

// Rewrites every expected block of `file` with the current output.
void update_file(const fs::path& file) {
  std::vector<std::string> lines;
  std::vector<Case> cases = parse_cases(file, &lines);
  std::ostringstream out;
  std::size_t next = 0;
  for (const Case& c : cases) {
    const std::size_t start = static_cast<std::size_t>(c.line - 1);
    for (; next < start; ++next) out << lines[next] << "\n";
    out << lines[start] << "\n" << c.input << "\n----\n";
    for (const std::string& l : run_case(c)) out << l << "\n";
    next = start + 2;
    if (next < lines.size() && trim_copy(lines[next]) == "----") ++next;
    while (next < lines.size() && !trim_copy(lines[next]).empty()) ++next;
  }
  for (; next < lines.size(); ++next) out << lines[next] << "\n";
  std::ofstream(file) << out.str();
}

class TypeCaseFile : public ::testing::TestWithParam<fs::path> {};

TEST_P(TypeCaseFile, MatchesExpectedOutput) {
  const fs::path file = GetParam();
  if (const char* update = std::getenv("GODWIT_UPDATE_CASES"); update && *update == '1') {
    update_file(file);
  }
  const std::vector<Case> cases = parse_cases(file, nullptr);
  ASSERT_FALSE(cases.empty()) << file;
  for (const Case& c : cases) {
    const std::vector<std::string> actual = run_case(c);
    EXPECT_EQ(actual, c.expected) << file.filename().string() << ":" << c.line << ": "
                                  << c.directive << " / " << c.input << "\n  expected:\n"
                                  << join_lines(c.expected) << "  actual:\n"
                                  << join_lines(actual);
  }
}

std::string file_test_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, TypeCaseFile, ::testing::ValuesIn(case_files()), file_test_name);

TEST(TypeCaseFiles, ThereAreHundredsOfCases) {
  std::size_t total = 0;
  for (const fs::path& f : case_files()) total += parse_cases(f, nullptr).size();
  EXPECT_GE(total, 300u);
}

}  // namespace
}  // namespace godwit::sql
