// bench/discovery_e2e: discovery end to end through a real `godwit serve` (SQLite store).
// Builds a 5,000-table / 100,000-column PostgreSQL script from the shared corpus (every
// PostgreSQL table of the MANIFEST, copied into schemas s0, s1, ... with their declared
// keys, each given exactly 20 columns), uploads it, starts discovery and waits for the
// stored graph, then times the lineage-graph endpoint focused on tables (depth 1 and 2)
// and unfocused (the 300 most connected of 5,000).
//
//   GODWIT_BIN=build/release/src/cli/godwit build/release/bench/discovery_e2e
//   build/release/bench/discovery_e2e --write-ddl FILE   (writes the script and exits: the
//   web UI bench, web/e2e/bench-discovery-ui.mjs, uploads it)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "schema/builder.hpp"
#include "server_process.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace {

using godwit::api_test::Client;
using godwit::api_test::Response;
using godwit::api_test::ServerProcess;
using Clock = std::chrono::steady_clock;

constexpr int kTables = 5000;
constexpr std::size_t kColumnsPerTable = 20;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const std::string& name) {
  return "\"" + name + "\"";
}

/// A corpus table reduced to what the copy needs.
struct BaseTable {
  std::string name;
  std::vector<std::pair<std::string, std::string>> columns;  // name, type as written
  std::vector<std::string> primary_key;
  std::vector<std::pair<std::vector<std::string>, std::string>> foreign_keys;  // columns, table
};

std::vector<BaseTable> corpus_tables(const std::filesystem::path& corpus) {
  std::vector<BaseTable> out;
  std::set<std::string> seen;
  std::ifstream manifest(corpus / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);
  while (std::getline(manifest, line)) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) fields.push_back(f);
    if (fields.size() < 2 || fields[1] != "postgres") continue;
    godwit::schema::Catalog catalog = godwit::schema::build_catalog(godwit::sql::parse_sql(
        read_file(corpus / fields[0]), godwit::sql::dialect_by_name("postgres")));
    for (const godwit::schema::Table& t : catalog.tables) {
      if (t.kind != godwit::schema::TableKind::kTable || t.columns.empty()) continue;
      if (!seen.insert(t.name.name).second) continue;
      BaseTable b;
      b.name = t.name.name;
      std::set<std::string> kept;
      for (const godwit::schema::Column& c : t.columns) {
        if (b.columns.size() == kColumnsPerTable) break;
        if (c.type_text.empty()) continue;
        b.columns.push_back({c.name, c.type_text});
        kept.insert(c.name);
      }
      for (std::size_t i = 0; b.columns.size() < kColumnsPerTable; ++i) {
        b.columns.push_back({"extra_" + std::to_string(i), "varchar(40)"});
      }
      auto all_kept = [&](const std::vector<std::string>& cols) {
        return std::all_of(cols.begin(), cols.end(),
                           [&](const std::string& c) { return kept.count(c) > 0; });
      };
      if (t.primary_key && all_kept(t.primary_key->columns)) b.primary_key = t.primary_key->columns;
      for (const godwit::schema::ForeignKey& fk : t.foreign_keys) {
        if (fk.resolved && fk.referenced_columns.empty() && all_kept(fk.columns))
          b.foreign_keys.push_back({fk.columns, fk.referenced_table.name});
      }
      out.push_back(std::move(b));
    }
  }
  return out;
}

std::string join_quoted(const std::vector<std::string>& names) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + quote(n);
  return s;
}

/// The script: copy k of every base table lives in schema s<k>.
std::string build_script(const std::vector<BaseTable>& base, std::size_t& columns) {
  std::string sql;
  std::map<std::string, const BaseTable*> by_name;
  for (const BaseTable& b : base) by_name[b.name] = &b;
  columns = 0;
  int made = 0;
  for (int copy = 0; made < kTables; ++copy) {
    std::string schema = "s" + std::to_string(copy);
    std::set<std::string> in_copy;
    std::size_t limit =
        std::min<std::size_t>(base.size(), static_cast<std::size_t>(kTables - made));
    for (std::size_t i = 0; i < limit; ++i) in_copy.insert(base[i].name);
    sql += "CREATE SCHEMA " + schema + ";\n";
    for (std::size_t i = 0; i < limit; ++i, ++made) {
      const BaseTable& b = base[i];
      sql += "CREATE TABLE " + schema + "." + quote(b.name) + " (\n";
      for (std::size_t c = 0; c < b.columns.size(); ++c) {
        sql += "  " + quote(b.columns[c].first) + " " + b.columns[c].second +
               (c + 1 < b.columns.size() || !b.primary_key.empty() ? ",\n" : "\n");
      }
      columns += b.columns.size();
      if (!b.primary_key.empty()) sql += "  PRIMARY KEY (" + join_quoted(b.primary_key) + ")\n";
      sql += ");\n";
      for (const auto& [cols, target] : b.foreign_keys) {
        auto t = by_name.find(target);
        if (!in_copy.count(target) || t == by_name.end() ||
            t->second->primary_key.size() != cols.size())
          continue;
        sql += "ALTER TABLE " + schema + "." + quote(b.name) + " ADD FOREIGN KEY (" +
               join_quoted(cols) + ") REFERENCES " + schema + "." + quote(target) + ";\n";
      }
    }
  }
  return sql;
}

Response upload(Client& client, const std::string& token, const std::string& project,
                const std::string& name, const std::string& content) {
  const std::string boundary = "godwit-bench-boundary-5k";
  std::string body =
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"dialect\"\r\n\r\npostgres\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" +
          name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" +
          boundary + "--\r\n";
  return client.raw("POST", "/api/v1/projects/" + project + "/files/upload", body,
                    "multipart/form-data; boundary=" + boundary,
                    {{"Authorization", "Bearer " + token}});
}

/// CPU time (user + system) the process has used so far, in ms: on a shared, loaded
/// machine the wall time mostly measures the other processes, this does not.
double cpu_ms(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t end = text.rfind(')');
  if (end == std::string::npos) return 0;
  std::stringstream fields(text.substr(end + 2));
  std::string field;
  double ticks = 0;
  // After the name: state is field 3, utime 14 and stime 15.
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Latency {
  double p50 = 0, p95 = 0, max = 0;
};
Latency summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))];
  };
  return {at(0.50), at(0.95), v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines as they come
  std::string write_ddl;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--write-ddl" && i + 1 < argc) {
      write_ddl = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--write-ddl FILE]\n", argv[0]);
      return 2;
    }
  }
  const char* shared = std::getenv("GODWIT_SHARED");
  std::filesystem::path root = shared && *shared ? shared : GODWIT_DEFAULT_SHARED;
  std::filesystem::path corpus = root / "corpora" / "ddl";
  if (!std::filesystem::exists(corpus / "MANIFEST.tsv")) {
    std::fprintf(stderr, "shared corpus not found at %s (set GODWIT_SHARED)\n", corpus.c_str());
    return 2;
  }
  auto t_build = Clock::now();
  std::vector<BaseTable> base = corpus_tables(corpus);
  std::size_t columns = 0;
  std::string script = build_script(base, columns);
  std::printf(
      "schema: %d tables, %zu columns, %.1f MB of DDL from %zu corpus tables (built in %.0f ms)\n",
      kTables, columns, script.size() / 1e6, base.size(), ms_since(t_build));
  if (!write_ddl.empty()) {
    std::ofstream out(write_ddl, std::ios::binary);
    out << script;
    out.close();
    if (!out) {
      std::fprintf(stderr, "could not write %s\n", write_ddl.c_str());
      return 1;
    }
    std::printf("wrote %s\n", write_ddl.c_str());
    return 0;
  }

  ServerProcess server({{"GODWIT_MAX_FILE_MB", "64"}, {"GODWIT_MAX_UPLOAD_MB", "64"}});
  Client client(server.port());
  godwit::api_test::Account account = godwit::api_test::register_account(client, "bench");
  Response project =
      client.post("/api/v1/projects",
                  {{"name", "5k"}, {"source_dialect", "postgres"}, {"target_dialect", "bigquery"}},
                  account.access_token);
  std::string project_id = project.json["id"];
  std::string base_path = "/api/v1/projects/" + project_id;

  auto t0 = Clock::now();
  double cpu0 = cpu_ms(server.pid());
  Response up = upload(client, account.access_token, project_id, "warehouse_5k.sql", script);
  double upload_ms = ms_since(t0);
  if (up.status != 201) {
    std::fprintf(stderr, "upload failed: %d %s\n", up.status, up.body.c_str());
    return 1;
  }
  Response start =
      client.post(base_path + "/discovery/start", nlohmann::json::object(), account.access_token);
  if (start.status != 202) {
    std::fprintf(stderr, "start failed: %d %s\n", start.status, start.body.c_str());
    return 1;
  }
  nlohmann::json status;
  // The job's stages as the status endpoint shows them (polled every 20 ms): where the
  // time goes, without a profiler.
  std::vector<std::pair<std::string, double>> stages;
  std::vector<double> stage_cpu;
  for (;;) {
    Response s = client.get(base_path + "/discovery/status", account.access_token);
    status = s.json;
    std::string state = status.value("state", "");
    std::string stage = state;
    if (status.contains("job") && status["job"].is_object() && status["job"]["stage"].is_string())
      stage = state + "/" + status["job"]["stage"].get<std::string>();
    if (stages.empty() || stages.back().first != stage) {
      stages.push_back({stage, ms_since(t0)});
      stage_cpu.push_back(cpu_ms(server.pid()));
    }
    if (state == "succeeded" || state == "failed" || state == "cancelled") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  double total_ms = ms_since(t0);
  double total_cpu = cpu_ms(server.pid()) - cpu0;
  for (std::size_t i = 0; i + 1 < stages.size(); ++i) {
    std::printf("  stage %-24s from %6.0f ms, %6.0f ms wall, %6.0f ms server CPU\n",
                stages[i].first.c_str(), stages[i].second, stages[i + 1].second - stages[i].second,
                stage_cpu[i + 1] - stage_cpu[i]);
  }
  if (status["state"] != "succeeded") {
    std::fprintf(stderr, "discovery %s: %s\n", status["state"].get<std::string>().c_str(),
                 status.dump().c_str());
    return 1;
  }
  const nlohmann::json& latest = status["latest"];
  std::printf(
      "upload: %.0f ms; upload -> stored graph: %.0f ms wall (target < 10000), %.0f ms of server "
      "CPU (user + system, all threads: the parse job of the upload runs beside discovery)\n",
      upload_ms, total_ms, total_cpu);
  std::printf("snapshot: %d tables, %d columns, %d relationships, %d diagnostics\n",
              latest["table_count"].get<int>(), latest["column_count"].get<int>(),
              latest["relationship_count"].get<int>(), latest["diagnostic_count"].get<int>());

  // Focus on random tables (the first request also loads the snapshot into memory).
  Response tables = client.get(base_path + "/discovery/tables?limit=1000", account.access_token);
  std::vector<std::string> ids;
  for (const auto& t : tables.json["items"]) ids.push_back(t["id"]);
  std::mt19937 random(42);
  auto t_first = Clock::now();
  client.get(base_path + "/lineage-graph?focus=" + ids[0], account.access_token);
  double first_ms = ms_since(t_first);
  for (const char* variant : {"depth=1", "depth=2", "depth=2&columns=true"}) {
    std::vector<double> times;
    std::size_t nodes = 0;
    for (int i = 0; i < 200; ++i) {
      std::string id = ids[random() % ids.size()];
      auto t = Clock::now();
      Response g = client.get(base_path + "/lineage-graph?focus=" + id + "&" + variant,
                              account.access_token);
      times.push_back(ms_since(t));
      if (g.status != 200) {
        std::fprintf(stderr, "graph failed: %d %s\n", g.status, g.body.c_str());
        return 1;
      }
      nodes += g.json["nodes"].size();
    }
    Latency l = summarize(times);
    std::printf(
        "focused graph (%s): p50 %.1f ms, p95 %.1f ms, max %.1f ms, %.1f nodes on average\n",
        variant, l.p50, l.p95, l.max, static_cast<double>(nodes) / 200);
  }
  std::vector<double> times;
  Response g;
  for (int i = 0; i < 30; ++i) {
    auto t = Clock::now();
    g = client.get(base_path + "/lineage-graph", account.access_token);
    times.push_back(ms_since(t));
  }
  Latency l = summarize(times);
  std::printf(
      "unfocused graph (limit 300 of %d, truncated=%s, %zu edges): p50 %.1f ms, p95 %.1f ms, max "
      "%.1f ms\n",
      g.json["total_nodes"].get<int>(), g.json["truncated"].get<bool>() ? "true" : "false",
      g.json["edges"].size(), l.p50, l.p95, l.max);
  std::printf("first graph request (loads the snapshot): %.1f ms\n", first_ms);
  // The same machine's floor: a small authenticated request (project check, one indexed
  // query) timed the same way, so a loaded run's graph numbers can be read against it.
  std::vector<double> floor_times;
  for (int i = 0; i < 50; ++i) {
    auto t = Clock::now();
    client.get(base_path, account.access_token);
    floor_times.push_back(ms_since(t));
  }
  Latency f = summarize(floor_times);
  std::printf("floor: GET /projects/{id}: p50 %.1f ms, p95 %.1f ms\n", f.p50, f.p95);
  return 0;
}
