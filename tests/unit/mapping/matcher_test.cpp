// The engine end to end on hand-written schemas (rank-1 suggestions, table assignment,
// transformations, a document that reads back without errors), and on one shared
// ground-truth set with a floor on hit@1 (skipped without the shared folder).
#include "mapping/matcher.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "mapping/model_json.hpp"
#include "mapping/schema_input.hpp"
#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::mapping {
namespace {

schema::Catalog build(const std::string& sql, std::string_view dialect) {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name(dialect));
  EXPECT_FALSE(r.has_errors()) << sql;
  return schema::build_catalog(r, "test.sql");
}

const char* kSource = R"(
CREATE TABLE cust (
  cust_id NUMBER(10) PRIMARY KEY,
  cust_nm VARCHAR2(100),
  cust_email VARCHAR2(200),
  birth_dt DATE,
  zip_cd VARCHAR2(10)
);
CREATE TABLE ord (
  ord_nbr NUMBER(12) PRIMARY KEY,
  cust_id NUMBER(10) REFERENCES cust (cust_id),
  ord_dt DATE,
  tot_amt NUMBER(38,10),
  qty NUMBER(5)
);)";

const char* kTarget = R"(
CREATE TABLE customers (
  customer_id INT64,
  name STRING,
  email STRING,
  date_of_birth DATE,
  postal_code STRING
);
CREATE TABLE orders (
  order_number INT64,
  customer_id INT64,
  order_date DATE,
  total_amount NUMERIC(12, 2),
  quantity INT64
);)";

std::map<std::string, std::string> rank1(const MappingDocument& d) {
  std::map<std::string, std::string> out;
  for (const FieldMapping& f : d.fields)
    if (f.rank == 1)
      out[f.sources[0].table + "." + f.sources[0].column] = f.target.table + "." + f.target.column;
  return out;
}

TEST(Matcher, SuggestsTheObviousMappings) {
  schema::Catalog s = build(kSource, "oracle");
  schema::Catalog t = build(kTarget, "bigquery");
  MatchOptions options;
  options.source = {"oracle", {"src.sql"}};
  options.target = {"bigquery", {"tgt.sql"}};
  MatchResult r = match_schemas(s, t, options);
  std::map<std::string, std::string> best = rank1(r.document);
  EXPECT_EQ(best["cust.cust_id"], "customers.customer_id");
  EXPECT_EQ(best["cust.cust_nm"], "customers.name");
  EXPECT_EQ(best["cust.cust_email"], "customers.email");
  EXPECT_EQ(best["cust.zip_cd"], "customers.postal_code");
  EXPECT_EQ(best["ord.ord_nbr"], "orders.order_number");
  EXPECT_EQ(best["ord.cust_id"], "orders.customer_id");
  EXPECT_EQ(best["ord.ord_dt"], "orders.order_date");
  EXPECT_EQ(best["ord.tot_amt"], "orders.total_amount");
  EXPECT_EQ(best["ord.qty"], "orders.quantity");

  // Tables: cust -> customers, ord -> orders.
  std::map<std::string, std::vector<std::string>> tables;
  for (const TableMapping& tm : r.document.tables) tables[tm.target_table] = tm.source_tables;
  EXPECT_EQ(tables["customers"], (std::vector<std::string>{"cust"}));
  EXPECT_EQ(tables["orders"], (std::vector<std::string>{"ord"}));

  // Top 5 per source column, ranks 1..5, confidence in [0, 1] and not increasing by rank.
  std::map<std::string, std::vector<const FieldMapping*>> per_source;
  for (const FieldMapping& f : r.document.fields)
    per_source[f.sources[0].column + f.sources[0].table].push_back(&f);
  EXPECT_EQ(per_source.size(), 10u);
  for (const auto& [src, list] : per_source) {
    ASSERT_EQ(list.size(), 5u) << src;
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(list[i]->rank, static_cast<int>(i + 1));
      EXPECT_GE(list[i]->confidence, 0);
      EXPECT_LE(list[i]->confidence, 1);
      if (i > 0) {
        EXPECT_LE(list[i]->confidence, list[i - 1]->confidence + 1e-12);
      }
      EXPECT_FALSE(list[i]->evidence.empty());
      EXPECT_EQ(list[i]->provenance, Provenance::kEngine);
      EXPECT_EQ(list[i]->status, MappingStatus::kSuggested);
    }
  }

  // The amount loses scale: a safe cast with ROUND and a warning.
  for (const FieldMapping& f : r.document.fields)
    if (f.rank == 1 && f.sources[0].column == "tot_amt") {
      EXPECT_EQ(f.transformation, Transformation::kCast);
      EXPECT_EQ(f.formula, "SAFE_CAST(ROUND(tot_amt, 2) AS NUMERIC(12, 2))");
      EXPECT_FALSE(f.warnings.empty());
    }

  // The document is valid by its own reader.
  std::vector<Diagnostic> errors;
  MappingDocument back = mapping_from_json(to_json(r.document), errors);
  EXPECT_TRUE(errors.empty()) << errors[0].message;
  EXPECT_EQ(back, r.document);
  EXPECT_EQ(r.document.formula_dialect, "bigquery");
}

TEST(Matcher, MergeGetsAJoinFromTheForeignKey) {
  schema::Catalog s = build(
      "CREATE TABLE person (person_id int PRIMARY KEY, first_name text, last_name text);"
      "CREATE TABLE person_address (person_id int REFERENCES person (person_id), street text, "
      "city text)",
      "postgres");
  schema::Catalog t = build(
      "CREATE TABLE person (person_id int, first_name text, last_name text, street text, city "
      "text)",
      "postgres");
  MatchOptions options;
  options.target.dialect = "postgres";
  MatchResult r = match_schemas(s, t, options);
  ASSERT_EQ(r.document.tables.size(), 1u);
  const TableMapping& tm = r.document.tables[0];
  EXPECT_EQ(tm.source_tables.size(), 2u);
  EXPECT_EQ(tm.join, "person_address.person_id = person.person_id");
  for (const FieldMapping& f : r.document.fields)
    if (f.rank == 1 && f.sources[0].column == "city") {
      EXPECT_EQ(f.target.column, "city");
    }
}

TEST(Matcher, EmptyCatalogsGiveAnEmptyDocument) {
  MatchResult r = match_schemas(schema::Catalog{}, schema::Catalog{});
  EXPECT_TRUE(r.document.fields.empty());
  EXPECT_TRUE(r.document.tables.empty());
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(MatcherCorpus, HitAtOneFloorOnAGroundTruthSet) {
  const char* env = std::getenv("GODWIT_SHARED");
  std::filesystem::path shared = env != nullptr && *env ? env : GODWIT_TEST_SHARED_DIR;
  std::filesystem::path dir = shared / "datasets/matching/schematch_suite/ISIA-inventory/scenario1";
  if (!std::filesystem::exists(dir / "truth.csv")) GTEST_SKIP() << "no " << dir.string();
  std::vector<Diagnostic> errors;
  schema::Catalog s = load_schema_files({(dir / "source_schema.json").string()}, "auto", errors);
  schema::Catalog t = load_schema_files({(dir / "target_schema.json").string()}, "auto", errors);
  EXPECT_TRUE(errors.empty());
  MatchResult r = match_schemas(s, t);
  std::map<std::pair<std::string, std::string>, std::string> best;
  for (const FieldMapping& f : r.document.fields)
    if (f.rank == 1)
      best[{lower(f.sources[0].table), lower(f.sources[0].column)}] =
          lower(f.target.table + "." + f.target.column);
  std::ifstream in(dir / "truth.csv");
  std::string line;
  std::getline(in, line);
  std::map<std::pair<std::string, std::string>, std::set<std::string>> truth;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cur;
    for (char c : line) {
      if (c == ',') {
        f.push_back(cur);
        cur.clear();
      } else if (c != '\r') {
        cur += c;
      }
    }
    f.push_back(cur);
    if (f.size() >= 4) truth[{lower(f[0]), lower(f[1])}].insert(lower(f[2] + "." + f[3]));
  }
  ASSERT_GT(truth.size(), 10u);
  int hits = 0;
  for (const auto& [q, targets] : truth) hits += targets.count(best[q]) ? 1 : 0;
  double hit1 = static_cast<double>(hits) / static_cast<double>(truth.size());
  EXPECT_GE(hit1, 0.8) << hits << " of " << truth.size();
}

}  // namespace
}  // namespace godwit::mapping
