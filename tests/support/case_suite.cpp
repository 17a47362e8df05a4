// One GoogleTest per `.test` file; see case_suite.hpp.
#include "support/case_suite.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

namespace godwit::testing {
namespace {

class CaseFileTest : public ::testing::Test {
 public:
  CaseFileTest(std::filesystem::path path, std::shared_ptr<const CaseRunner> run)
      : path_(std::move(path)), run_(std::move(run)) {}
  void TestBody() override {
    std::vector<TestCase> cases = read_case_file(path_);
    EXPECT_FALSE(cases.empty()) << path_ << " has no cases";
    for (const TestCase& c : cases) {
      EXPECT_EQ((*run_)(c), c.expected) << c.file << ":" << c.line << "\n" << c.input;
    }
  }

 private:
  std::filesystem::path path_;
  std::shared_ptr<const CaseRunner> run_;
};

void rewrite(const std::filesystem::path& path, const CaseRunner& run) {
  std::vector<TestCase> cases = read_case_file(path);
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  std::vector<std::string> lines = lines_of(s.str());
  // Keep the file's leading comment block; rewrite every case.
  std::string out;
  std::size_t i = 0;
  while (i < lines.size() && (lines[i].empty() || lines[i][0] == '#')) out += lines[i++] + "\n";
  for (const TestCase& c : cases) out += c.directive + "\n" + c.input + "----\n" + run(c) + "\n";
  std::ofstream(path) << out;
}

}  // namespace

int register_case_files(const std::filesystem::path& dir, const std::string& suite,
                        CaseRunner run) {
  if (!std::filesystem::exists(dir)) return 0;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  auto shared = std::make_shared<const CaseRunner>(std::move(run));
  const bool rewriting = std::getenv("GODWIT_REWRITE_CASES") != nullptr;
  for (const auto& f : files) {
    if (rewriting) rewrite(f, *shared);
    ::testing::RegisterTest(
        suite.c_str(), f.stem().string().c_str(), nullptr, nullptr, __FILE__, __LINE__,
        [f, shared]() -> ::testing::Test* { return new CaseFileTest(f, shared); });
  }
  return static_cast<int>(files.size());
}

}  // namespace godwit::testing
