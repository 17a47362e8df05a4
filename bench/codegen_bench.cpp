// bench/codegen: code generation on a synthetic project of N mapped tables (default
// 1,000): source tables of 10 columns in PostgreSQL, target tables of 8 columns with a
// primary key and a foreign key to an earlier table, each target filled by one table
// mapping with 8 approved field mappings (direct copies, casts, a concatenation, a value
// map, a computed UPPER). For BigQuery, Databricks, Beam and dbt it generates every file
// and verifies every SQL file by parsing it back with Godwit's parser. Prints the files,
// bytes and the best CPU time of --rounds runs (default 3) per platform and in total.
// A program, not a test (ARCHITECTURE.md).
//
// Usage: codegen_bench [--tables N] [--rounds N]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "codegen/codegen.hpp"
#include "codegen/optimizer.hpp"
#include "codegen/verify.hpp"
#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace {

using namespace godwit;

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

schema::Catalog catalog(const std::string& ddl) {
  sql::ParseOptions options;
  sql::ParseResult parsed = sql::parse_sql(ddl, sql::dialect_by_name("postgres"), options);
  return schema::build_catalog(parsed, "bench.sql");
}

mapping::FieldMapping field(const std::string& id, const std::string& src_table,
                            std::vector<std::string> src_cols, const std::string& tgt_table,
                            const std::string& tgt_col, mapping::Transformation t,
                            std::string formula = {}) {
  mapping::FieldMapping f;
  f.id = id;
  for (const std::string& c : src_cols) f.sources.push_back({src_table, c});
  f.target = {tgt_table, tgt_col};
  f.transformation = t;
  f.formula = std::move(formula);
  f.status = mapping::MappingStatus::kApproved;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t tables = 1000;
  int rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--tables")) tables = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
  }
  std::string src_ddl, tgt_ddl;
  mapping::MappingDocument doc;
  doc.source.dialect = doc.target.dialect = doc.formula_dialect = "postgres";
  using T = mapping::Transformation;
  for (std::size_t i = 0; i < tables; ++i) {
    const std::string n = std::to_string(i);
    const std::string s = "src.t" + n, t = "dw.entity" + n;
    src_ddl += "CREATE TABLE " + s +
               " (id INTEGER PRIMARY KEY, parent_id INTEGER, code CHAR(1), "
               "first_name VARCHAR(40), last_name VARCHAR(40), amount NUMERIC(12, 2), "
               "created VARCHAR(10), note TEXT, qty SMALLINT, flag INTEGER);\n";
    tgt_ddl += "CREATE TABLE " + t + " (entity_id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT" +
               (i ? " REFERENCES dw.entity" + std::to_string(i / 2) + " (entity_id)" : "") +
               ", status TEXT, full_name TEXT, amount NUMERIC(14, 2), created_on DATE, "
               "note_upper TEXT, quantity INTEGER);\n";
    mapping::TableMapping tm;
    tm.id = "tm-" + n;
    tm.source_tables = {s};
    tm.target_table = t;
    tm.status = mapping::MappingStatus::kApproved;
    doc.tables.push_back(tm);
    doc.fields.push_back(field("fm-" + n + "-1", s, {"id"}, t, "entity_id", T::kCast));
    doc.fields.push_back(field("fm-" + n + "-2", s, {"parent_id"}, t, "parent_id", T::kCast));
    mapping::FieldMapping status = field("fm-" + n + "-3", s, {"code"}, t, "status", T::kCaseWhen);
    status.value_map = mapping::ValueMap{{{"'A'", "'active'"}, {"'C'", "'closed'"}}, "'other'"};
    doc.fields.push_back(status);
    doc.fields.push_back(field("fm-" + n + "-4", s, {"first_name", "last_name"}, t, "full_name",
                               T::kConcatenated, "first_name || ' ' || last_name"));
    doc.fields.push_back(field("fm-" + n + "-5", s, {"amount"}, t, "amount", T::kCast));
    doc.fields.push_back(field("fm-" + n + "-6", s, {"created"}, t, "created_on", T::kCast,
                               "CAST(created AS DATE)"));
    doc.fields.push_back(
        field("fm-" + n + "-7", s, {"note"}, t, "note_upper", T::kComputed, "UPPER(TRIM(note))"));
    doc.fields.push_back(field("fm-" + n + "-8", s, {"qty"}, t, "quantity", T::kCast));
  }
  const schema::Catalog source = catalog(src_ddl);
  const schema::Catalog target = catalog(tgt_ddl);
  std::printf("codegen_bench: %zu mapped tables, %zu field mappings\n", tables, doc.fields.size());
  const codegen::Platform platforms[] = {codegen::Platform::kBigQuery,
                                         codegen::Platform::kDatabricks, codegen::Platform::kBeam,
                                         codegen::Platform::kDbt};
  double total = 0;
  int failures = 0;
  for (codegen::Platform p : platforms) {
    double best = 1e9;
    std::size_t files = 0, bytes = 0, checked = 0, diagnostics = 0;
    for (int r = 0; r < rounds; ++r) {
      const double start = cpu_seconds();
      codegen::GenerationResult result = codegen::generate(p, source, target, doc);
      std::vector<codegen::FileVerification> v = codegen::verify(result);
      best = std::min(best, cpu_seconds() - start);
      files = result.files.size();
      bytes = checked = 0;
      for (const auto& f : result.files) bytes += f.content.size();
      for (const auto& x : v) {
        checked += x.checked;
        failures += x.ok ? 0 : 1;
      }
      diagnostics = result.diagnostics.size();
    }
    total += best;
    std::printf(
        "  %-10s %6zu files %9zu bytes %6zu SQL files parsed back %4zu diagnostics  %.3f s\n",
        std::string(codegen::to_string(p)).c_str(), files, bytes, checked, diagnostics, best);
  }
  std::printf("  total (4 platforms, generate + verify): %.3f s CPU; %d files failed to parse\n",
              total, failures);
  // The optimisation rules run after each generation (they parse every formula again).
  double advice_total = 0;
  for (codegen::Platform p : platforms) {
    double best = 1e9;
    std::size_t count = 0;
    for (int r = 0; r < rounds; ++r) {
      const double start = cpu_seconds();
      count = codegen::advise(p, source, target, doc).size();
      best = std::min(best, cpu_seconds() - start);
    }
    advice_total += best;
    std::printf("  advice %-10s %5zu items  %.3f s\n", std::string(codegen::to_string(p)).c_str(),
                count, best);
  }
  std::printf("  total advice (4 platforms): %.3f s CPU\n", advice_total);
  return failures == 0 ? 0 : 1;
}
