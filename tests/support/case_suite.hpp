// Registers the data-driven `.test` files of a suite with GoogleTest: one test per file
// (so CTest starts one process per file, not per case), each checking every case of the
// file and naming the failing ones by file and line. With GODWIT_REWRITE_CASES set, the
// expected outputs are first rewritten from the current behaviour (review the diff).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "support/case_file.hpp"

namespace godwit::testing {

using CaseRunner = std::function<std::string(const TestCase&)>;

/// Registers `<suite>.<file stem>` for every `*.test` under `dir` (sorted, recursive);
/// returns the number of files. Call it from a namespace-scope initialiser.
int register_case_files(const std::filesystem::path& dir, const std::string& suite, CaseRunner run);

}  // namespace godwit::testing
