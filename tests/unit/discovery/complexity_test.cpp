// Complexity scores over hand-written catalogs: each factor moves the score the way the
// documented formula says, and the project score summarises the tables.
#include "discovery/complexity.hpp"

#include <gtest/gtest.h>

#include <string>

#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::discovery {
namespace {

schema::Catalog build(const std::string& sql, std::string_view dialect = "postgres") {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name(dialect));
  EXPECT_FALSE(r.has_errors()) << sql;
  return schema::build_catalog(r, "test.sql");
}

const ComplexityFactor* factor(const TableComplexity& t, std::string_view code) {
  for (const ComplexityFactor& f : t.factors)
    if (f.code == code) return &f;
  return nullptr;
}

TEST(Complexity, ASimpleTableScoresLow) {
  ProjectComplexity p = compute_complexity(build("CREATE TABLE t (id int PRIMARY KEY, name text)"));
  ASSERT_EQ(p.tables.size(), 1u);
  // 2 columns (0.04) + 1 constraint (0.25) = 0.29 -> 0.3
  EXPECT_DOUBLE_EQ(p.tables[0].score, 0.3);
  ASSERT_NE(factor(p.tables[0], "columns"), nullptr);
  EXPECT_EQ(factor(p.tables[0], "columns")->count, 2u);
  EXPECT_EQ(factor(p.tables[0], "exotic-types"), nullptr);
}

TEST(Complexity, ProceduresViewsAndExoticTypesRaiseTheScore) {
  schema::Catalog c = build(R"(
    CREATE TABLE plain (id int PRIMARY KEY);
    CREATE TABLE busy (id int PRIMARY KEY, plain_id int REFERENCES plain, code text UNIQUE,
                       area geography, span interval, CHECK (id > 0));
    CREATE VIEW v1 AS SELECT id, code FROM busy;
    CREATE VIEW v2 AS SELECT b.id, p.id AS pid FROM busy b JOIN plain p ON p.id = b.plain_id;
    CREATE FUNCTION touch() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN UPDATE busy SET code = 'x'; END $$;
  )");
  ProjectComplexity p = compute_complexity(c);
  ASSERT_EQ(p.tables.size(), 2u);
  const TableComplexity& busy = p.tables[1];
  ASSERT_NE(factor(busy, "exotic-types"), nullptr);
  EXPECT_EQ(factor(busy, "exotic-types")->count, 2u);
  EXPECT_EQ(factor(busy, "exotic-types")->detail, "geography, interval");
  EXPECT_EQ(factor(busy, "constraints")->count, 4u);
  ASSERT_NE(factor(busy, "dependent-views"), nullptr);
  EXPECT_EQ(factor(busy, "dependent-views")->count, 2u);
  EXPECT_EQ(factor(p.tables[0], "dependent-views")->count, 1u);
  ASSERT_NE(factor(busy, "procedural-references"), nullptr);
  EXPECT_EQ(factor(busy, "procedural-references")->count, 1u);
  EXPECT_GT(busy.score, p.tables[0].score);
  // 5 cols 0.1 + 4 constraints 1.0 + 1 routine 0.5 + 2 exotic 1.0 + 2 views 0.5 = 3.1
  EXPECT_DOUBLE_EQ(busy.score, 3.1);
  EXPECT_GT(p.score, 0.0);
  EXPECT_LE(p.score, 10.0);
}

TEST(Complexity, TypeLossesToTheTargetCount) {
  schema::Catalog c = build(
      "CREATE TABLE m (id bigint unsigned PRIMARY KEY, amount decimal(65, 30), doc json,"
      " note varchar(100))",
      "mysql");
  ProjectComplexity none = compute_complexity(c);
  EXPECT_EQ(factor(none.tables[0], "type-losses"), nullptr);
  ComplexityOptions options;
  // SQL Server keeps 38 digits (W-TYPE-PRECISION/SCALE) and has no JSON type; BIGINT
  // UNSIGNED fits DECIMAL(20) and VARCHAR(100) maps as is.
  options.target = sql::find_type_table("tsql");
  ASSERT_NE(options.target, nullptr);
  ProjectComplexity p = compute_complexity(c, options);
  const ComplexityFactor* f = factor(p.tables[0], "type-losses");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->count, 2u) << f->detail;
  EXPECT_NE(f->detail.find("W-TYPE-"), std::string::npos);
  EXPECT_GT(p.tables[0].score, none.tables[0].score);
}

TEST(Complexity, ScoresAreCappedAtTen) {
  std::string sql = "CREATE TABLE wide (id int PRIMARY KEY";
  for (int i = 0; i < 300; ++i) sql += ", g" + std::to_string(i) + " geography";
  sql += ")";
  ProjectComplexity p = compute_complexity(build(sql));
  // columns 2.0 (capped), pk 0.25, exotic 2.0 (capped): 4.25, shown with one decimal
  EXPECT_DOUBLE_EQ(p.tables[0].score, 4.3);
  EXPECT_LE(p.score, 10.0);
}

}  // namespace
}  // namespace godwit::discovery
