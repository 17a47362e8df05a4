// bench/transpile: translation throughput (parse + print in the target dialect) on the
// shared DDL corpus, per source dialect and target, single thread, CPU time; beside it the
// same statements through Debian's python3-sqlglot transpile (bench/transpile_sqlglot.py),
// on the first --sqlglot-bytes of each dialect's files.
//
//   transpile_bench [--corpus DIR] [--sqlglot-bytes N] [--no-sqlglot]
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"
#include "sql/printer/printer.hpp"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct File {
  std::string dialect;
  std::string path;
  std::string text;
};

constexpr const char* kTargets[] = {"bigquery", "databricks", "postgres"};

}  // namespace

int main(int argc, char** argv) {
  std::string shared =
      std::getenv("GODWIT_SHARED") ? std::getenv("GODWIT_SHARED") : GODWIT_SOURCE_DIR "/../shared";
  std::filesystem::path corpus = std::filesystem::path(shared) / "corpora" / "ddl";
  std::size_t sqlglot_bytes = 256 * 1024;
  bool sqlglot = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
    if (a == "--sqlglot-bytes" && i + 1 < argc) sqlglot_bytes = std::stoul(argv[++i]);
    if (a == "--no-sqlglot") sqlglot = false;
  }
  std::ifstream manifest(corpus / "MANIFEST.tsv");
  if (!manifest) {
    std::fprintf(stderr, "corpus not found at %s (set GODWIT_SHARED)\n", corpus.c_str());
    return 2;
  }
  std::vector<File> files;
  std::string line;
  std::getline(manifest, line);
  while (std::getline(manifest, line)) {
    std::istringstream f(line);
    File file;
    std::getline(f, file.path, '\t');
    std::getline(f, file.dialect, '\t');
    if (file.path.empty()) continue;
    file.text = read_file(corpus / file.path);
    files.push_back(std::move(file));
  }
  struct Tally {
    std::size_t bytes = 0, statements = 0;
    double seconds = 0;
  };
  std::map<std::string, std::map<std::string, Tally>> tallies;  // source -> target
  for (const char* target : kTargets) {
    for (const File& f : files) {
      std::string dialect(*godwit::sql::canonical_dialect_name(f.dialect));
      double start = cpu_seconds();
      godwit::sql::ParseResult parsed =
          godwit::sql::parse_sql(f.text, godwit::sql::dialect_by_name(dialect));
      godwit::sql::Translation t = godwit::sql::translate(parsed, target);
      Tally& tally = tallies[f.dialect][target];
      tally.seconds += cpu_seconds() - start;
      tally.bytes += f.text.size();
      tally.statements += t.statements.size();
    }
  }
  std::printf("## godwit: parse + translate (single thread, CPU time)\n");
  std::printf("%-10s %-11s %8s %9s %8s %12s\n", "source", "target", "MB", "seconds", "MB/s",
              "stmts/s");
  std::map<std::string, Tally> per_target;
  for (const auto& [source, by_target] : tallies)
    for (const auto& [target, t] : by_target) {
      std::printf("%-10s %-11s %8.2f %9.3f %8.1f %12.0f\n", source.c_str(), target.c_str(),
                  t.bytes / 1e6, t.seconds, t.bytes / 1e6 / t.seconds, t.statements / t.seconds);
      per_target[target].bytes += t.bytes;
      per_target[target].seconds += t.seconds;
      per_target[target].statements += t.statements;
    }
  for (const auto& [target, t] : per_target)
    std::printf("%-10s %-11s %8.2f %9.3f %8.1f %12.0f\n", "all", target.c_str(), t.bytes / 1e6,
                t.seconds, t.bytes / 1e6 / t.seconds, t.statements / t.seconds);
  if (!sqlglot) return 0;

  // The peer: the first sqlglot_bytes of each dialect's files, each target.
  std::string list_path = std::filesystem::temp_directory_path() / "godwit_transpile_list.tsv";
  {
    std::ofstream list(list_path);
    for (const File& f : files) list << f.dialect << '\t' << (corpus / f.path).string() << '\n';
  }
  std::string cmd = "/usr/bin/python3 " GODWIT_SOURCE_DIR "/bench/transpile_sqlglot.py " +
                    std::to_string(sqlglot_bytes) + " < " + list_path;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    std::printf("could not start python3-sqlglot\n");
    return 1;
  }
  std::printf("\n## python3-sqlglot transpile (first %zu bytes per dialect)\n", sqlglot_bytes);
  std::printf("%-10s %-11s %8s %9s %10s %8s\n", "source", "target", "MB", "seconds", "MB/s",
              "ratio");
  char buf[512];
  while (fgets(buf, sizeof buf, p)) {
    char source[32], target[32];
    double bytes = 0, secs = 0;
    if (std::sscanf(buf, "%31s %31s %lf %lf", source, target, &bytes, &secs) != 4) continue;
    const Tally& g = tallies[source][target];
    double godwit_rate = g.bytes / 1e6 / g.seconds;
    double glot_rate = bytes / 1e6 / secs;
    std::printf("%-10s %-11s %8.2f %9.3f %10.3f %7.0fx\n", source, target, bytes / 1e6, secs,
                glot_rate, godwit_rate / glot_rate);
  }
  pclose(p);
  return 0;
}
