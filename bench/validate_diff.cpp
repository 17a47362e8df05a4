// bench/validate_diff: Godwit's keyed diff on two PostgreSQL tables (bigint key, ints,
// text, numeric, timestamp; 1 M rows, 10 M with --rows) with k differing rows, side by
// side with pg_comparator (Debian's postgresql-comparator) in the same run. Reports wall
// time, server CPU (every postgres process of the cluster, children reaped included),
// rows/s and the client's peak memory. Starts a throwaway cluster with scripts/pg-cluster
// unless --url is given.
//
//   build/release/bench/validate_diff_bench [--rows 1000000] [--diffs 0,10,1000]
//       [--url postgresql://...] [--no-peer] [--repeat 1] [--hash typed|md5|both]
//       [--leaf-batch N]
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "validation/connectors/connection_url.hpp"
#include "validation/diff.hpp"
#include "validation/profile.hpp"

namespace gv = godwit::validation;
using godwit::sql::LogicalType;

namespace {

/// CPU seconds (user + system, own and reaped children) of every process named postgres.
double postgres_cpu_seconds() {
  double ticks = 0;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return 0;
  while (dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    const auto open = line.find('(');
    const auto close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    if (line.substr(open + 1, close - open - 1) != "postgres") continue;
    std::istringstream fields(line.substr(close + 2));
    std::vector<std::string> f;
    std::string field;
    while (fields >> field) f.push_back(field);
    // After the name: state(0) ... utime(11) stime(12) cutime(13) cstime(14).
    if (f.size() < 15) continue;
    ticks += std::stod(f[11]) + std::stod(f[12]) + std::stod(f[13]) + std::stod(f[14]);
  }
  ::closedir(proc);
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long peak_rss_kb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

long current_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

std::string run_command(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  ::pclose(pipe);
  return out;
}

struct Measure {
  double wall = 0;
  double cpu = 0;
};

template <typename F>
Measure measure(F&& work) {
  const double cpu_before = postgres_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  work();
  const auto end = std::chrono::steady_clock::now();
  return {std::chrono::duration<double>(end - start).count(), postgres_cpu_seconds() - cpu_before};
}

}  // namespace

int main(int argc, char** argv) {
  long rows = 1000000;
  std::vector<long> diffs{0, 10, 1000};
  std::string url;
  bool peer = true;
  int repeat = 1;
  std::vector<gv::RowHash> hashes{gv::RowHash::kNativePostgres, gv::RowHash::kPortableMd5};
  std::size_t leaf_batch = gv::DiffOptions{}.leaf_batch;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--rows") {
      rows = std::atol(next().c_str());
    } else if (arg == "--diffs") {
      diffs.clear();
      std::stringstream list(next());
      std::string item;
      while (std::getline(list, item, ',')) diffs.push_back(std::atol(item.c_str()));
    } else if (arg == "--url") {
      url = next();
    } else if (arg == "--no-peer") {
      peer = false;
    } else if (arg == "--repeat") {
      repeat = std::max(1, std::atoi(next().c_str()));
    } else if (arg == "--hash") {
      const std::string which = next();
      if (which == "typed") {
        hashes = {gv::RowHash::kNativePostgres};
      } else if (which == "md5") {
        hashes = {gv::RowHash::kPortableMd5};
      } else if (which != "both") {
        std::cerr << "--hash is typed, md5 or both\n";
        return 2;
      }
    } else if (arg == "--leaf-batch") {
      leaf_batch = static_cast<std::size_t>(std::max(1L, std::atol(next().c_str())));
    } else {
      std::cerr << "usage: validate_diff_bench [--rows N] [--diffs 0,10,1000] [--url URL] "
                   "[--no-peer] [--repeat N] [--hash typed|md5|both] [--leaf-batch N]\n";
      return 2;
    }
  }

  std::string cluster_dir;
  const std::string pg_cluster = std::string(GODWIT_SOURCE_DIR) + "/scripts/pg-cluster";
  if (url.empty()) {
    cluster_dir = (std::filesystem::temp_directory_path() /
                   ("godwit-bench-diff-" + std::to_string(::getpid())))
                      .string();
    if (std::system((pg_cluster + " start " + cluster_dir + " >/dev/null").c_str()) != 0) {
      std::cerr << "cannot start a PostgreSQL cluster with scripts/pg-cluster\n";
      return 1;
    }
    std::ifstream in(cluster_dir + "/url");
    std::getline(in, url);
  }
  int status = 0;
  try {
    gv::ConnectionSpec spec = gv::parse_connection_url(url);
    spec.statement_timeout_ms = 0;
    spec.read_only = false;
    auto admin = gv::connect(spec);
    std::cout << "server: " << admin->server_version() << ", rows per table: " << rows
              << ", cores: " << ::sysconf(_SC_NPROCESSORS_ONLN) << "\n";
    const std::string n = std::to_string(rows);
    const auto setup_start = std::chrono::steady_clock::now();
    admin->query("DROP TABLE IF EXISTS bench_a, bench_b");
    admin->query(
        "CREATE TABLE bench_a (id bigint PRIMARY KEY, i1 int, i2 int, i3 bigint, t text, "
        "n numeric(12,2), ts timestamp)");
    admin->query(
        "INSERT INTO bench_a SELECT g, g % 1000, (g * 7) % 100000, g * 31, md5(g::text), "
        "(g % 100000) / 100.0, timestamp '2020-01-01' + g * interval '1 second' "
        "FROM generate_series(1, " +
        n + ") g");
    admin->query("CREATE TABLE bench_b AS SELECT * FROM bench_a");
    admin->query("ALTER TABLE bench_b ADD PRIMARY KEY (id)");
    admin->query("VACUUM ANALYZE bench_a");
    admin->query("VACUUM ANALYZE bench_b");
    if (peer) admin->query("CREATE EXTENSION IF NOT EXISTS pgcmp");
    std::cout
        << "setup: "
        << std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start).count()
        << " s\n\n";

    spec.read_only = true;
    auto source = gv::connect(spec);
    auto target = gv::connect(spec);
    gv::TableDiffRequest request;
    request.options.leaf_batch = leaf_batch;
    request.source_table = {"public", "bench_a"};
    request.target_table = {"public", "bench_b"};
    request.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
    request.columns = {{"i1", "i1", LogicalType::integer(32), LogicalType::integer(32)},
                       {"i2", "i2", LogicalType::integer(32), LogicalType::integer(32)},
                       {"i3", "i3", LogicalType::integer(64), LogicalType::integer(64)},
                       {"t", "t", LogicalType::text(), LogicalType::text()},
                       {"n", "n", LogicalType::decimal(12, 2), LogicalType::decimal(12, 2)},
                       {"ts", "ts", LogicalType::timestamp(6), LogicalType::timestamp(6)}};

    const auto port_at = url.rfind(':');
    const std::string host_port =
        url.substr(url.find('@') + 1, url.find('/', port_at) - url.find('@') - 1);
    const std::string database = url.substr(url.find('/', port_at) + 1);
    const std::string peer_url = "pgsql://postgres@" + host_port + "/" + database + "/public.";
    const std::string columns = "?id:i1,i2,i3,t,n,ts";

    std::printf("%-26s %6s %9s %10s %14s %13s %8s %s\n", "tool", "k", "wall s", "server s",
                "rows/s/table", "rows/s/core", "peak MB", "found");
    for (long k : diffs) {
      const long step = k > 0 ? std::max<long>(1, rows / k) : 0;
      if (k > 0) {
        admin->query("UPDATE bench_b SET i2 = i2 + 1 WHERE id % " + std::to_string(step) + " = " +
                     std::to_string(7 % step));
      }
      for (int r = 0; r < repeat; ++r) {
        for (auto hash : hashes) {
          request.options.hash = hash;
          gv::TableDiff diff;
          const Measure m = measure([&] { diff = gv::diff_table(*source, *target, request); });
          const double per_table = static_cast<double>(rows) / m.wall;
          // Each side's backend did half the server work.
          const double per_core = static_cast<double>(rows) / (m.cpu / 2);
          std::printf(
              "%-26s %6ld %9.2f %10.2f %14.0f %13.0f %8.1f %llu changed, %llu queries, %llu "
              "listed, %llu fetched\n",
              (std::string("godwit ") + diff.stats.hash).c_str(), k, m.wall, m.cpu, per_table,
              per_core, static_cast<double>(peak_rss_kb()) / 1024.0,
              static_cast<unsigned long long>(diff.changed),
              static_cast<unsigned long long>(diff.stats.queries),
              static_cast<unsigned long long>(diff.stats.rows_listed),
              static_cast<unsigned long long>(diff.stats.rows_fetched));
          std::fflush(stdout);
        }
        if (peer) {
          std::string output;
          const Measure m = measure([&] {
            output = run_command("pg_comparator --max-ratio=1 " + peer_url + "bench_a" + columns +
                                 " " + peer_url + "bench_b" + columns + " 2>&1");
          });
          long found = 0;
          std::istringstream lines(output);
          std::string line;
          while (std::getline(lines, line)) {
            if (line.rfind("UPDATE ", 0) == 0 || line.rfind("INSERT ", 0) == 0 ||
                line.rfind("DELETE ", 0) == 0) {
              ++found;
            }
          }
          std::printf("%-26s %6ld %9.2f %10.2f %14.0f %13.0f %8s %ld differences\n",
                      "pg_comparator (ck)", k, m.wall, m.cpu, static_cast<double>(rows) / m.wall,
                      static_cast<double>(rows) / (m.cpu / 2), "-", found);
          std::fflush(stdout);
        }
      }
      if (k > 0) {
        admin->query("UPDATE bench_b SET i2 = i2 - 1 WHERE id % " + std::to_string(step) + " = " +
                     std::to_string(7 % step));
      }
    }
    // The single-scan column profile next to the plain SQL aggregate it pushes down.
    gv::ProfileRequest profile;
    profile.source_table = request.source_table;
    profile.target_table = request.target_table;
    for (const auto& column : request.columns) {
      profile.columns.push_back(
          {column.target, column.target_type, column.source, "", column.source_type, false, {}});
    }
    gv::ProfileComparison compared;
    const Measure profiled =
        measure([&] { compared = gv::compare_profiles(*source, *target, profile); });
    std::string raw = "SELECT count(*)";
    for (const char* c : {"i1", "i2", "i3", "n"}) {
      raw += std::string(", count(") + c + "), min(" + c + "), max(" + c + "), sum(" + c +
             "), avg(" + c + ")";
    }
    raw +=
        ", count(t), min(t), max(t), min(char_length(t)), max(char_length(t)), count(ts), "
        "min(ts), max(ts)";
    const Measure plain = measure([&] {
      auto a = std::async(std::launch::async, [&] { return source->query(raw + " FROM bench_a"); });
      target->query(raw + " FROM bench_b");
      a.get();
    });
    std::printf(
        "\nprofile: %zu checks, %s; wall %.2f s, server %.2f s; raw SQL aggregate: wall "
        "%.2f s, server %.2f s (profile/raw server CPU %.2f)\n",
        compared.checks.size(), compared.passed() ? "all pass" : "some fail", profiled.wall,
        profiled.cpu, plain.wall, plain.cpu, profiled.cpu / plain.cpu);
    std::printf("\nclient memory now: %.1f MB RSS\n", static_cast<double>(current_rss_kb()) / 1024);
    admin->query("DROP TABLE IF EXISTS bench_a, bench_b");
  } catch (const std::exception& error) {
    std::cerr << "validate_diff_bench: " << error.what() << "\n";
    status = 1;
  }
  if (!cluster_dir.empty()) {
    (void)std::system((pg_cluster + " stop " + cluster_dir).c_str());
  }
  return status;
}
