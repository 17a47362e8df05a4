#include "support/case_file.hpp"

#include <fstream>
#include <sstream>

namespace godwit::testing {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::vector<TestCase> read_case_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = lines_of(text.str());
  std::vector<TestCase> cases;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].empty() || lines[i][0] == '#') {
      ++i;
      continue;
    }
    TestCase c;
    c.file = path.filename().string();
    c.line = static_cast<int>(i + 1);
    c.directive = lines[i++];
    while (i < lines.size() && lines[i] != "----") c.input += lines[i++] + "\n";
    ++i;  // ----
    while (i < lines.size() && !lines[i].empty()) c.expected += lines[i++] + "\n";
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace godwit::testing
