// Every file of the shared DDL corpus parsed in its MANIFEST dialect: no crash, every
// statement parsed or skipped with a diagnostic, and at least 99% of the statements of each
// dialect parsed. Set GODWIT_CORPUS_VERBOSE=1 to print each failure.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "core/diagnostics.hpp"
#include "corpus_support.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::sql {
namespace {

using godwit::testing::ddl_corpus_dir;
using godwit::testing::read_file;
using godwit::testing::read_manifest;

struct Tally {
  std::size_t files = 0;
  std::size_t statements = 0;
  std::size_t parsed = 0;
  std::size_t skipped = 0;
  std::size_t directives = 0;
};

TEST(DdlCorpus, ParsesAtLeast99PercentOfStatementsPerDialect) {
  if (!std::filesystem::exists(ddl_corpus_dir() / "MANIFEST.tsv")) {
    GTEST_SKIP() << "shared corpus not found at " << ddl_corpus_dir()
                 << " (set GODWIT_SHARED to the shared directory)";
  }
  bool verbose = std::getenv("GODWIT_CORPUS_VERBOSE") != nullptr;
  std::map<std::string, Tally> tallies;
  for (const auto& file : read_manifest()) {
    const Dialect& dialect = dialect_by_name(file.dialect);
    ParseOptions options;
    options.file_name = file.path;
    ParseResult result = parse_sql(read_file(ddl_corpus_dir() / file.path), dialect, options);
    Tally& t = tallies[file.dialect];
    ++t.files;
    t.statements += result.stats.statements;
    t.parsed += result.stats.parsed;
    t.skipped += result.stats.skipped;
    t.directives += result.stats.directives;
    EXPECT_EQ(result.stats.statements, result.stats.parsed + result.stats.skipped) << file.path;
    EXPECT_EQ(result.stats.skipped, result.skipped.size()) << file.path;
    if (verbose) {
      for (const Diagnostic& d : result.diagnostics)
        std::printf("%s\n", format_diagnostic(d).c_str());
    }
  }
  std::printf("%-10s %6s %9s %9s %8s %10s %8s\n", "dialect", "files", "stmts", "parsed", "skipped",
              "directives", "rate");
  for (const auto& [dialect, t] : tallies) {
    double rate = t.statements
                      ? 100.0 * static_cast<double>(t.parsed) / static_cast<double>(t.statements)
                      : 100.0;
    std::printf("%-10s %6zu %9zu %9zu %8zu %10zu %7.2f%%\n", dialect.c_str(), t.files, t.statements,
                t.parsed, t.skipped, t.directives, rate);
    EXPECT_GE(rate, 99.0) << dialect;
  }
}

// Detection over the corpus: how often the detected dialect is the MANIFEST's, and how
// often nothing distinctive was found (small files of portable DDL). Printed per dialect;
// the assertion pins the overall precision of confident answers.
TEST(DdlCorpus, DetectsTheManifestDialect) {
  if (!std::filesystem::exists(ddl_corpus_dir() / "MANIFEST.tsv")) {
    GTEST_SKIP() << "shared corpus not found at " << ddl_corpus_dir();
  }
  struct Counts {
    std::size_t files = 0, correct = 0, no_clue = 0;
  };
  std::map<std::string, Counts> counts;
  std::size_t answered = 0, answered_correct = 0;
  for (const auto& file : read_manifest()) {
    std::string expected(*canonical_dialect_name(file.dialect));
    DialectDetection d = detect_dialect(read_file(ddl_corpus_dir() / file.path));
    Counts& c = counts[expected];
    ++c.files;
    if (d.dialect == expected) ++c.correct;
    if (d.dialect == "ansi") ++c.no_clue;
    if (std::getenv("GODWIT_CORPUS_VERBOSE") && d.dialect != expected && d.dialect != "ansi")
      std::printf("%s: %s detected as %s (%.2f)\n", file.path.c_str(), expected.c_str(),
                  d.dialect.c_str(), d.confidence);
    if (d.dialect != "ansi" && d.confidence >= 0.6) {
      ++answered;
      if (d.dialect == expected) ++answered_correct;
    }
  }
  std::printf("%-10s %6s %8s %8s\n", "dialect", "files", "correct", "no clue");
  for (const auto& [dialect, c] : counts)
    std::printf("%-10s %6zu %8zu %8zu\n", dialect.c_str(), c.files, c.correct, c.no_clue);
  double precision =
      answered ? static_cast<double>(answered_correct) / static_cast<double>(answered) : 1.0;
  std::printf("confidence >= 0.6: %zu answers, %.1f%% correct\n", answered, 100.0 * precision);
  EXPECT_GE(precision, 0.8);
}

}  // namespace
}  // namespace godwit::sql
