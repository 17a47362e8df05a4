// bench/catalog: the cost of building the schema catalog (with lineage) next to the cost
// of parsing, on the shared DDL corpus, per dialect: each file parsed in its MANIFEST
// dialect, then its catalog built, single thread, CPU time, the corpus run `--rounds N`
// times (default 3), CPU time of this thread. Catalog MB/s counts input bytes per second
// of build time. A program,
// not a test (ARCHITECTURE.md).
//
// Usage: catalog_bench [--corpus DIR] [--rounds N]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace {

/// This thread's CPU time, to the nanosecond (getrusage's tick accounting is too coarse
/// for one small file).
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

struct File {
  std::string dialect;
  std::string text;
};

struct Tally {
  double bytes = 0, parse_s = 0, build_s = 0;
  std::size_t tables = 0, columns = 0, lineage = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path corpus;
  if (const char* env = std::getenv("GODWIT_SHARED"); env && *env)
    corpus = std::filesystem::path(env) / "corpora" / "ddl";
  else
    corpus = std::filesystem::path(GODWIT_SOURCE_DIR) / ".." / "shared" / "corpora" / "ddl";
  int rounds = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--corpus") == 0) corpus = argv[++i];
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[++i]);
  }
  std::ifstream manifest(corpus / "MANIFEST.tsv");
  if (!manifest) {
    std::fprintf(stderr, "catalog_bench: no MANIFEST.tsv in %s (use --corpus)\n", corpus.c_str());
    return 2;
  }
  std::vector<File> files;
  std::string line;
  std::getline(manifest, line);  // header
  while (std::getline(manifest, line)) {
    std::istringstream fields(line);
    std::string path, dialect;
    std::getline(fields, path, '\t');
    std::getline(fields, dialect, '\t');
    std::ifstream in(corpus / path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({dialect, text.str()});
  }
  std::map<std::string, Tally> tallies;
  for (int r = 0; r < rounds; ++r) {
    for (const File& f : files) {
      Tally& t = tallies[f.dialect];
      const godwit::sql::Dialect& dialect = godwit::sql::dialect_by_name(f.dialect);
      std::string text = f.text;  // parse_sql takes its text; the copy is not timed
      double t0 = cpu_seconds();
      godwit::sql::ParseResult result = godwit::sql::parse_sql(std::move(text), dialect);
      double t1 = cpu_seconds();
      godwit::schema::Catalog catalog = godwit::schema::build_catalog(result, "bench.sql");
      double t2 = cpu_seconds();
      t.bytes += static_cast<double>(f.text.size());
      t.parse_s += t1 - t0;
      t.build_s += t2 - t1;
      if (r == 0) {
        t.tables += catalog.tables.size();
        t.columns += catalog.column_count();
        t.lineage += catalog.lineage.size();
      }
    }
  }
  std::printf(
      "| dialect | MB | parse MB/s | catalog MB/s | catalog/parse time | tables+views | "
      "columns | lineage |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  Tally all;
  auto row = [&](const std::string& name, const Tally& t) {
    double mb = t.bytes / 1e6;
    std::printf(
        "| %s | %.2f | %.1f | %.1f | %.1f%% | %zu | %zu | %zu |\n", name.c_str(), mb / rounds,
        t.parse_s > 0 ? mb / t.parse_s : 0.0, t.build_s > 0 ? mb / t.build_s : 0.0,
        t.parse_s > 0 ? 100.0 * t.build_s / t.parse_s : 0.0, t.tables, t.columns, t.lineage);
  };
  for (const auto& [name, t] : tallies) {
    row(name, t);
    all.bytes += t.bytes;
    all.parse_s += t.parse_s;
    all.build_s += t.build_s;
    all.tables += t.tables;
    all.columns += t.columns;
    all.lineage += t.lineage;
  }
  row("**all**", all);
  return 0;
}
