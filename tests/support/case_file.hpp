// The data-driven `.test` files of the SQL, catalog and printer suites: cases separated
// by blank lines, each a directive line, the input, a `----` line and the expected
// output; lines starting with `#` outside a case are comments.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace godwit::testing {

struct TestCase {
  std::string file;  ///< the file's name, for test names and failure messages
  int line = 0;      ///< the directive's line
  std::string directive;
  std::string input;
  std::string expected;
};

std::vector<TestCase> read_case_file(const std::filesystem::path& path);
/// `text` split at newlines (no trailing empty line), as the readers and rewriters see it.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace godwit::testing
