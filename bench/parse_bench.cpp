// bench/parse: throughput of the SQL front end on the shared DDL corpus, per dialect and
// in aggregate (single thread, CPU time), peak memory, linear-time checks (1/10/100 MB of
// concatenated corpus, one 10 MB INSERT ... VALUES), and the same files through Debian's
// python3-sqlglot in a subprocess for a ratio. A program, not a test (ARCHITECTURE.md).
//
// Usage: parse_bench [--corpus DIR] [--no-sqlglot] [--sqlglot-bytes N] [--max-mb N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace {

using godwit::sql::dialect_by_name;
using godwit::sql::parse_sql;

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

long current_rss_kb() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Corpus {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>>
      files;  // dialect -> (path, text)
};

Corpus load(const std::filesystem::path& dir) {
  Corpus c;
  std::ifstream manifest(dir / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);
  while (std::getline(manifest, line)) {
    std::istringstream f(line);
    std::string path, dialect;
    std::getline(f, path, '\t');
    std::getline(f, dialect, '\t');
    c.files[dialect].emplace_back((dir / path).string(), read_file(dir / path));
  }
  return c;
}

struct Measure {
  std::size_t bytes = 0;
  std::size_t statements = 0;
  std::size_t skipped = 0;
  double seconds = 0;
};

// Parses every file of one dialect, repeating until at least `min_seconds` of CPU time.
Measure measure_dialect(const std::string& dialect_name,
                        const std::vector<std::pair<std::string, std::string>>& files,
                        double min_seconds) {
  const auto& dialect = dialect_by_name(dialect_name);
  Measure m;
  double start = cpu_seconds();
  do {
    for (const auto& [path, text] : files) {
      auto r = parse_sql(text, dialect);
      m.bytes += text.size();
      m.statements += r.stats.statements;
      m.skipped += r.stats.skipped;
    }
    m.seconds = cpu_seconds() - start;
  } while (m.seconds < min_seconds);
  return m;
}

double mb(std::size_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path corpus_dir;
  if (const char* s = std::getenv("GODWIT_SHARED"))
    corpus_dir = std::filesystem::path(s) / "corpora" / "ddl";
  else
    corpus_dir = std::filesystem::path(GODWIT_SOURCE_DIR) / ".." / "shared" / "corpora" / "ddl";
  bool sqlglot = true;
  std::size_t sqlglot_bytes = 1 << 20;
  std::size_t max_mb = 100;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--corpus" && i + 1 < argc)
      corpus_dir = argv[++i];
    else if (a == "--no-sqlglot")
      sqlglot = false;
    else if (a == "--sqlglot-bytes" && i + 1 < argc)
      sqlglot_bytes = std::stoul(argv[++i]);
    else if (a == "--max-mb" && i + 1 < argc)
      max_mb = std::stoul(argv[++i]);
  }
  if (!std::filesystem::exists(corpus_dir / "MANIFEST.tsv")) {
    std::fprintf(stderr, "corpus not found at %s (set GODWIT_SHARED)\n", corpus_dir.c_str());
    return 2;
  }
  Corpus corpus = load(corpus_dir);

  std::printf("## per dialect (single thread, CPU time, each file parsed on its own)\n");
  std::printf("%-10s %9s %10s %10s %12s %9s\n", "dialect", "MB", "seconds", "MB/s", "stmts/s",
              "rejected");
  Measure total;
  std::map<std::string, double> godwit_rate;
  for (const auto& [dialect, files] : corpus.files) {
    Measure m = measure_dialect(dialect, files, 1.0);
    total.bytes += m.bytes;
    total.statements += m.statements;
    total.skipped += m.skipped;
    total.seconds += m.seconds;
    godwit_rate[dialect] = mb(m.bytes) / m.seconds;
    std::printf("%-10s %9.2f %10.3f %10.1f %12.0f %8.2f%%\n", dialect.c_str(), mb(m.bytes),
                m.seconds, mb(m.bytes) / m.seconds, static_cast<double>(m.statements) / m.seconds,
                100.0 * static_cast<double>(m.skipped) /
                    static_cast<double>(m.statements ? m.statements : 1));
  }
  // Aggregate = the whole corpus once, each file in its dialect: corpus bytes over the sum of
  // each dialect's corpus bytes divided by its measured rate.
  double corpus_bytes = 0, corpus_seconds = 0;
  for (const auto& [dialect, files] : corpus.files) {
    double bytes = 0;
    for (const auto& f : files) bytes += static_cast<double>(f.second.size());
    corpus_bytes += bytes;
    corpus_seconds += bytes / 1e6 / godwit_rate[dialect];
  }
  std::printf(
      "%-10s %9.2f %10.3f %10.1f %12.0f %8.2f%%   (corpus of %.1f MB parsed once: %.1f MB/s)\n",
      "all", mb(total.bytes), total.seconds, mb(total.bytes) / total.seconds,
      static_cast<double>(total.statements) / total.seconds,
      100.0 * static_cast<double>(total.skipped) / static_cast<double>(total.statements),
      corpus_bytes / 1e6, corpus_bytes / 1e6 / corpus_seconds);

  // Linear time: the PostgreSQL corpus concatenated to 1, 10, 100 MB; one 10 MB INSERT.
  std::printf("\n## linear time (PostgreSQL corpus concatenated; one parse each)\n");
  std::string base;
  for (const auto& [path, text] : corpus.files["postgres"]) {
    base += text;
    base += "\n;\n";
  }
  const auto& pg = dialect_by_name("postgres");
  for (std::size_t target : {std::size_t{1}, std::size_t{10}, std::size_t{100}}) {
    if (target > max_mb) break;
    std::string big;
    big.reserve(target * 1000000 + base.size());
    while (big.size() < target * 1000000) big += base;
    big.resize(target * 1000000);
    big += "\n;\n";
    std::size_t bytes = big.size();
    long rss_before = current_rss_kb();
    double start = cpu_seconds();
    auto r = parse_sql(std::move(big), pg);
    double secs = cpu_seconds() - start;
    long rss_after = peak_rss_kb();
    std::printf(
        "%4zu MB: %8.3f s  %7.1f MB/s  %9zu statements  arena %.2f B/B  peak RSS %ld MB (%.2f B "
        "per input B over the text)\n",
        target, secs, mb(bytes) / secs, r.stats.statements,
        static_cast<double>(r.arena_bytes()) / static_cast<double>(bytes), rss_after / 1024,
        static_cast<double>(rss_after - rss_before) * 1024.0 / static_cast<double>(bytes));
  }
  {
    std::string insert = "INSERT INTO big_table (id, name, amount, created) VALUES\n";
    std::size_t row = 0;
    while (insert.size() < 10000000) {
      insert += row ? ",\n" : "";
      insert += "(" + std::to_string(row) + ", 'name ''" + std::to_string(row) +
                "'', with; semicolon', " + std::to_string(row * 3) + ".25, '2024-01-01 10:00:00')";
      ++row;
    }
    insert += ";\n";
    std::size_t bytes = insert.size();
    double start = cpu_seconds();
    auto r = parse_sql(std::move(insert), pg);
    double secs = cpu_seconds() - start;
    const auto* ins = r.statements.empty()
                          ? nullptr
                          : static_cast<const godwit::sql::InsertStatement*>(r.statements[0]);
    std::printf("10 MB INSERT ... VALUES: %.3f s  %.1f MB/s  %u rows\n", secs, mb(bytes) / secs,
                ins ? ins->value_rows : 0u);
  }
  std::printf("peak RSS of the whole run: %ld MB\n", peak_rss_kb() / 1024);

  if (sqlglot) {
    std::printf(
        "\n## python3-sqlglot on the first %zu bytes of each dialect's files (same process model: "
        "CPU time)\n",
        sqlglot_bytes);
    std::filesystem::path list =
        std::filesystem::temp_directory_path() / "godwit_parse_bench_files.tsv";
    {
      std::ofstream out(list);
      for (const auto& [dialect, files] : corpus.files)
        for (const auto& [path, text] : files) out << dialect << '\t' << path << '\n';
    }
    std::string cmd = "/usr/bin/python3 " + std::string(GODWIT_SOURCE_DIR) +
                      "/bench/parse_sqlglot.py " + std::to_string(sqlglot_bytes) + " < " +
                      list.string();
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
      std::printf("could not start python3-sqlglot\n");
      return 0;
    }
    std::printf("%-10s %9s %10s %10s %14s %10s\n", "dialect", "MB", "seconds", "MB/s",
                "failed files", "godwit/x");
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) {
      // {"dialect": "x", "bytes": n, "seconds": s, "statements": n, "failed_files": n, "files": n}
      std::string l = buf;
      auto field = [&](const std::string& key) -> std::string {
        auto at = l.find("\"" + key + "\": ");
        if (at == std::string::npos) return "";
        at += key.size() + 4;
        auto end = l.find_first_of(",}", at);
        std::string v = l.substr(at, end - at);
        if (!v.empty() && v.front() == '"') v = v.substr(1, v.size() - 2);
        return v;
      };
      std::string dialect = field("dialect");
      double bytes = std::atof(field("bytes").c_str());
      double secs = std::atof(field("seconds").c_str());
      double rate = secs > 0 ? bytes / 1e6 / secs : 0;
      std::printf("%-10s %9.2f %10.3f %10.2f %8s/%-5s %9.0fx\n", dialect.c_str(), bytes / 1e6, secs,
                  rate, field("failed_files").c_str(), field("files").c_str(),
                  rate > 0 ? godwit_rate[dialect] / rate : 0);
    }
    pclose(p);
  }
  return 0;
}
