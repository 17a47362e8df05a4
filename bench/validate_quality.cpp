// bench/validate_quality: the anomaly detectors on two 1 M-row PostgreSQL tables (numeric,
// decimal, text, timestamp columns). Every statement the detectors send is timed and its
// plan read with EXPLAIN, to show each one is a single scan (or one sort) of the table,
// next to the cost of a plain count(*) scan. Needs a PostgreSQL URL (the CTest fixture's
// or scripts/pg-cluster's).
//   validate_quality_bench --url postgresql://... [--rows 1000000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "validation/anomalies.hpp"
#include "validation/connectors/connection_url.hpp"

namespace gv = godwit::validation;

namespace {

/// Forwards to a real connection, timing each statement and counting the table scans of its
/// plan.
class TimedConnector final : public gv::Connector {
 public:
  explicit TimedConnector(gv::Connector& inner) : inner_(inner) {}
  gv::Engine engine() const override { return inner_.engine(); }
  std::string server_version() override { return inner_.server_version(); }
  gv::ResultSet query(std::string_view sql, const std::vector<gv::Param>& params) override {
    const auto start = std::chrono::steady_clock::now();
    gv::ResultSet rs = inner_.query(sql, params);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    int scans = 0, sorts = 0;
    for (const auto& row : inner_.query("EXPLAIN " + std::string(sql), params).rows) {
      if (!row[0]) continue;
      if (row[0]->find("Seq Scan") != std::string::npos ||
          row[0]->find("Index Scan") != std::string::npos ||
          row[0]->find("Index Only Scan") != std::string::npos) {
        ++scans;
      }
      if (row[0]->find("Sort") != std::string::npos) ++sorts;
    }
    std::printf("%9.1f ms  scans %d  sorts %d  rows %zu  %.110s\n", ms, scans, sorts,
                rs.rows.size(), std::string(sql).c_str());
    total_ms_ += ms;
    ++statements_;
    return rs;
  }
  void query_each(std::string_view sql, const std::vector<gv::Param>& params,
                  const std::function<bool(const std::vector<gv::Value>&)>& row) override {
    inner_.query_each(sql, params, row);
  }
  std::string quote_identifier(std::string_view name) const override {
    return inner_.quote_identifier(name);
  }
  double total_ms_ = 0;
  int statements_ = 0;

 private:
  gv::Connector& inner_;
};

double timed(gv::Connector& db, const std::string& sql) {
  const auto start = std::chrono::steady_clock::now();
  db.query(sql);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  long rows = 1000000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--url") url = argv[i + 1];
    if (a == "--rows") rows = std::atol(argv[i + 1]);
  }
  if (url.empty()) {
    std::fprintf(stderr, "usage: validate_quality_bench --url postgresql://... [--rows N]\n");
    return 2;
  }
  gv::ConnectionSpec spec = gv::parse_connection_url(url);
  spec.read_only = false;
  spec.statement_timeout_ms = 600000;
  auto admin = gv::connect(spec);
  const std::string n = std::to_string(rows);
  admin->query("DROP SCHEMA IF EXISTS quality_bench CASCADE");
  admin->query("CREATE SCHEMA quality_bench");
  const std::string columns =
      " (id bigint PRIMARY KEY, qty int, amount numeric(12,4), name varchar(40), at timestamp)";
  admin->query("CREATE TABLE quality_bench.a" + columns);
  admin->query(
      "INSERT INTO quality_bench.a SELECT g, g % 97, (g::bigint * 7919 % 100000) / 10000.0, "
      "'customer ' || g, timestamp '2024-01-01' + g * interval '1 second' FROM "
      "generate_series(1, " +
      n + ") g");
  admin->query("CREATE TABLE quality_bench.b" + columns);
  admin->query("INSERT INTO quality_bench.b SELECT * FROM quality_bench.a");
  admin->query("ANALYZE quality_bench.a");
  admin->query("ANALYZE quality_bench.b");
  const double count_ms = timed(*admin, "SELECT count(*) FROM quality_bench.b");
  const double one_sort_ms = timed(
      *admin, "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM quality_bench.b");

  using sql_type = godwit::sql::LogicalType;
  auto column = [](std::string name, sql_type type) {
    gv::AnomalyColumn c;
    c.source_table = {"quality_bench", "a"};
    c.target_table = {"quality_bench", "b"};
    c.source_column = c.target_column = std::move(name);
    c.source_type = c.target_type = type;
    return c;
  };
  const std::vector<gv::AnomalyColumn> pairs = {
      column("qty", sql_type::integer(32)), column("amount", sql_type::decimal(12, 4)),
      column("name", sql_type::string(40)), column("at", sql_type::timestamp(6))};
  spec.read_only = true;
  auto reader = gv::connect(spec);
  TimedConnector timed_reader(*reader);
  const auto start = std::chrono::steady_clock::now();
  const auto found = gv::detect_anomalies(timed_reader, timed_reader, pairs, {});
  const double wall =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("\nrows per table %ld; count(*) scan %.1f ms; one percentile_cont sort %.1f ms\n",
              rows, count_ms, one_sort_ms);
  std::printf(
      "detect_anomalies: %zu columns, %d statements, %.1f ms in statements, %.1f ms wall "
      "(EXPLAIN excluded from the statement times), %zu anomalies\n",
      pairs.size(), timed_reader.statements_, timed_reader.total_ms_, wall, found.size());
  admin->query("DROP SCHEMA quality_bench CASCADE");
  return found.empty() ? 0 : 1;
}
