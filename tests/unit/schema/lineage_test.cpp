// Column-level lineage: direct copies and transformations through CTEs, derived tables,
// joins, set operations, star expansion, INSERT ... SELECT and MERGE; unresolved names.
#include <gtest/gtest.h>

#include <string>

#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::schema {
namespace {

const std::string kTables =
    "CREATE TABLE orders (id int, customer_id int, total numeric(10,2), status text);\n"
    "CREATE TABLE customers (id int, name text, country text);\n";

Catalog build(const std::string& sql, std::string_view dialect = "postgres") {
  sql::ParseResult r = sql::parse_sql(kTables + sql, sql::dialect_by_name(dialect));
  EXPECT_FALSE(r.has_errors()) << sql;
  return build_catalog(r, "test.sql");
}

/// "orders.id, customers.name" for a column's sources.
std::string sources(const ColumnLineage& c) {
  std::string out;
  for (const SourceColumn& s : c.sources)
    out += (out.empty() ? "" : ", ") + s.table.to_string() + "." + s.column;
  return out;
}

const Lineage& only_lineage(const Catalog& c) {
  EXPECT_EQ(c.lineage.size(), 1u);
  return c.lineage.back();
}

TEST(Lineage, DirectCopiesKeepTheirTypeAndRenames) {
  Catalog c = build("CREATE VIEW v AS SELECT o.id AS order_id, total FROM orders o");
  const Lineage& l = only_lineage(c);
  ASSERT_EQ(l.columns.size(), 2u);
  EXPECT_EQ(l.columns[0].column, "order_id");
  EXPECT_EQ(l.columns[0].kind, LineageKind::kDirect);
  EXPECT_EQ(sources(l.columns[0]), "orders.id");
  EXPECT_TRUE(l.columns[0].expression.empty());
  const Table* v = c.find_table("v");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, TableKind::kView);
  EXPECT_EQ(v->columns[1].type_text, "numeric(10,2)");
}

TEST(Lineage, TransformationsKeepTheirExpressionText) {
  Catalog c = build(
      "CREATE VIEW v AS SELECT total * 1.2 AS gross, upper(name) || country AS label, 1 AS one "
      "FROM orders JOIN customers ON customers.id = orders.customer_id");
  const Lineage& l = only_lineage(c);
  ASSERT_EQ(l.columns.size(), 3u);
  EXPECT_EQ(l.columns[0].kind, LineageKind::kTransformed);
  EXPECT_EQ(l.columns[0].expression, "total * 1.2");
  EXPECT_EQ(sources(l.columns[0]), "orders.total");
  EXPECT_EQ(sources(l.columns[1]), "customers.country, customers.name");
  EXPECT_TRUE(l.columns[2].sources.empty());
  EXPECT_TRUE(c.diagnostics.empty());
}

TEST(Lineage, CtesAndDerivedTablesPassLineageThrough) {
  Catalog c = build(
      "CREATE VIEW v AS WITH big AS (SELECT id, total * 2 AS t2 FROM orders) "
      "SELECT d.id, d.t2, d.k FROM (SELECT id, t2, t2 + 1 AS k FROM big) AS d");
  const Lineage& l = only_lineage(c);
  ASSERT_EQ(l.columns.size(), 3u);
  EXPECT_EQ(l.columns[0].kind, LineageKind::kDirect);
  EXPECT_EQ(sources(l.columns[0]), "orders.id");
  EXPECT_EQ(l.columns[1].kind, LineageKind::kTransformed);
  EXPECT_EQ(l.columns[1].expression, "total * 2");
  EXPECT_EQ(sources(l.columns[2]), "orders.total");
}

TEST(Lineage, RecursiveCteSeesItsOwnColumns) {
  Catalog c = build(
      "CREATE VIEW v AS WITH RECURSIVE r (n, cid) AS (SELECT 1, customer_id FROM orders "
      "UNION ALL SELECT n + 1, cid FROM r WHERE n < 3) SELECT n, cid FROM r");
  const Lineage& l = only_lineage(c);
  ASSERT_EQ(l.columns.size(), 2u);
  EXPECT_EQ(sources(l.columns[1]), "orders.customer_id");
  EXPECT_TRUE(c.diagnostics.empty());
}

TEST(Lineage, SetOperationsCombineTheArms) {
  Catalog c = build(
      "CREATE VIEW v AS SELECT id, name FROM customers UNION SELECT customer_id, status FROM "
      "orders");
  const Lineage& l = only_lineage(c);
  ASSERT_EQ(l.columns.size(), 2u);
  EXPECT_EQ(l.columns[0].column, "id");
  EXPECT_EQ(sources(l.columns[0]), "customers.id, orders.customer_id");
  EXPECT_EQ(l.columns[0].kind, LineageKind::kDirect);
}

TEST(Lineage, StarsExpandAgainstTheCatalog) {
  Catalog c = build(
      "CREATE VIEW v AS SELECT c.*, o.total FROM customers c JOIN orders o ON o.customer_id = "
      "c.id;"
      "CREATE VIEW w AS SELECT * FROM v;");
  ASSERT_EQ(c.lineage.size(), 2u);
  EXPECT_EQ(c.lineage[0].columns.size(), 4u);
  const Lineage& w = c.lineage[1];
  ASSERT_EQ(w.columns.size(), 4u);
  EXPECT_EQ(w.columns[3].column, "total");
  // Sources are the columns of the relation read (the view), not its own sources: the
  // lineage graph follows the hops.
  EXPECT_EQ(sources(w.columns[3]), "v.total");
  EXPECT_EQ(sources(c.lineage[0].columns[3]), "orders.total");
  EXPECT_EQ(c.find_table("w")->columns.size(), 4u);
}

TEST(Lineage, StarExceptAndUsingJoins) {
  Catalog c = build(
      "CREATE TABLE a (k int, x int); CREATE TABLE b (k int, y int);"
      "CREATE VIEW v AS SELECT * FROM a JOIN b USING (k);",
      "postgres");
  const Lineage& l = c.lineage.back();
  ASSERT_EQ(l.columns.size(), 3u);  // k once
  EXPECT_EQ(l.columns[0].column, "k");
  Catalog s = build("CREATE VIEW v AS SELECT * EXCLUDE (status) FROM orders", "snowflake");
  EXPECT_EQ(s.lineage.back().columns.size(), 3u);
}

TEST(Lineage, StarOverAnUnknownTableIsADiagnostic) {
  Catalog c = build("CREATE VIEW v AS SELECT * FROM nowhere");
  bool star = false, table = false;
  for (const Diagnostic& d : c.diagnostics) {
    star = star || d.code == "W-LINEAGE-STAR";
    table = table || d.code == "W-LINEAGE-UNKNOWN-TABLE";
  }
  EXPECT_TRUE(star);
  EXPECT_TRUE(table);
  EXPECT_TRUE(c.lineage.back().columns.empty());
}

TEST(Lineage, UnresolvedAndAmbiguousColumnsAreDiagnostics) {
  Catalog c = build("CREATE VIEW v AS SELECT nope, id FROM orders JOIN customers ON true");
  std::vector<std::string> codes;
  for (const Diagnostic& d : c.diagnostics) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"W-LINEAGE-UNKNOWN-COLUMN", "W-LINEAGE-AMBIGUOUS"}));
  EXPECT_EQ(c.diagnostics[0].location.line, 3u);
}

TEST(Lineage, CorrelatedSubqueriesReadTheOuterScope) {
  Catalog c = build(
      "CREATE VIEW v AS SELECT c.id, (SELECT max(o.status) || c.name FROM orders o WHERE "
      "o.customer_id = c.id) AS label FROM customers c");
  const Lineage& l = only_lineage(c);
  // What the subquery outputs, including the outer column it reads; not its filter.
  EXPECT_EQ(sources(l.columns[1]), "customers.name, orders.status");
  EXPECT_EQ(l.columns[1].kind, LineageKind::kTransformed);
  EXPECT_TRUE(c.diagnostics.empty());
}

TEST(Lineage, CreateTableAsSelectDefinesTheTableAndItsLineage) {
  Catalog c = build(
      "CREATE TABLE summary AS SELECT customer_id, sum(total) AS s FROM orders "
      "GROUP BY customer_id");
  const Table* t = c.find_table("summary");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->columns.size(), 2u);
  EXPECT_EQ(t->columns[0].type_text, "int");
  const Lineage& l = only_lineage(c);
  EXPECT_EQ(l.statement, "create-table-as");
  EXPECT_EQ(l.columns[1].expression, "sum(total)");
}

TEST(Lineage, InsertSelectMapsByPositionToTheTargetColumns) {
  Catalog c = build(
      "CREATE TABLE archive (oid int, amount numeric, who text);"
      "INSERT INTO archive (oid, who, amount) SELECT o.id, c.name, o.total FROM orders o JOIN "
      "customers c ON c.id = o.customer_id;"
      "INSERT INTO archive SELECT id, total, status FROM orders;");
  ASSERT_EQ(c.lineage.size(), 2u);
  const Lineage& a = c.lineage[0];
  EXPECT_EQ(a.statement, "insert");
  EXPECT_EQ(a.columns[1].column, "who");
  EXPECT_EQ(sources(a.columns[1]), "customers.name");
  EXPECT_EQ(c.lineage[1].columns[2].column, "who");
  EXPECT_EQ(sources(c.lineage[1].columns[2]), "orders.status");
}

TEST(Lineage, InsertWithLeadingCte) {
  Catalog c = build(
      "CREATE TABLE t (x int);"
      "WITH s AS (SELECT id FROM orders) INSERT INTO t SELECT id FROM s;");
  EXPECT_EQ(sources(c.lineage.back().columns[0]), "orders.id");
  EXPECT_TRUE(c.diagnostics.empty());
}

TEST(Lineage, MergeCombinesUpdateAndInsertClauses) {
  Catalog c = build(
      "CREATE TABLE dim (id int, name text, country text);"
      "MERGE INTO dim d USING customers s ON d.id = s.id "
      "WHEN MATCHED THEN UPDATE SET name = upper(s.name) "
      "WHEN NOT MATCHED THEN INSERT (id, name, country) VALUES (s.id, s.name, s.country);");
  const Lineage& l = only_lineage(c);
  EXPECT_EQ(l.statement, "merge");
  ASSERT_EQ(l.columns.size(), 3u);
  EXPECT_EQ(l.columns[0].column, "name");
  EXPECT_EQ(l.columns[0].kind, LineageKind::kTransformed);
  EXPECT_EQ(l.columns[0].expression, "upper(s.name)");
  EXPECT_EQ(l.columns[1].column, "id");
  EXPECT_EQ(l.columns[1].kind, LineageKind::kDirect);
  EXPECT_EQ(sources(l.columns[2]), "customers.country");
}

TEST(Lineage, MergeInsertWithoutColumnListUsesTheTargetColumns) {
  Catalog c = build(
      "CREATE TABLE dim (Id int, Name text);"
      "MERGE INTO dim d USING customers s ON d.id = s.id "
      "WHEN MATCHED THEN UPDATE SET name = s.name "
      "WHEN NOT MATCHED THEN INSERT VALUES (s.id, upper(s.name));");
  const Lineage& l = only_lineage(c);
  ASSERT_EQ(l.columns.size(), 2u);  // name from both clauses is one target column
  EXPECT_EQ(l.columns[0].column, "name");
  EXPECT_EQ(l.columns[0].kind, LineageKind::kTransformed);
  EXPECT_EQ(l.columns[1].column, "Id");
  EXPECT_EQ(sources(l.columns[1]), "customers.id");
}

TEST(Lineage, ViewsOfViewsReadTheViewAndCtesTraceThrough) {
  Catalog c = build(
      "CREATE VIEW v1 AS SELECT id, total * 2 AS t2 FROM orders;"
      "CREATE VIEW v2 AS SELECT t2 FROM v1;"
      "CREATE VIEW v3 AS WITH w AS (SELECT total * 2 AS t2 FROM orders) SELECT t2 FROM w;");
  ASSERT_EQ(c.lineage.size(), 3u);
  const Lineage& v2 = c.lineage[1];
  EXPECT_EQ(v2.columns[0].kind, LineageKind::kDirect);
  EXPECT_EQ(sources(v2.columns[0]), "v1.t2");
  const Lineage& v3 = c.lineage[2];  // a CTE is not an object: its expression carries over
  EXPECT_EQ(v3.columns[0].kind, LineageKind::kTransformed);
  EXPECT_EQ(v3.columns[0].expression, "total * 2");
  EXPECT_EQ(sources(v3.columns[0]), "orders.total");
}

TEST(Lineage, LaterItemsMayUseEarlierAliases) {
  Catalog c = build("CREATE VIEW v AS SELECT total * 2 AS doubled, doubled + 1 AS more FROM orders",
                    "snowflake");
  EXPECT_TRUE(c.diagnostics.empty());
  EXPECT_EQ(sources(c.lineage.back().columns[1]), "orders.total");
  EXPECT_EQ(c.lineage.back().columns[1].expression, "doubled + 1");
}

TEST(Lineage, DatePartArgumentsAreNotColumns) {
  Catalog c = build(
      "CREATE TABLE e (born date);"
      "CREATE VIEW v AS SELECT DATEDIFF(yy, born, GETDATE()) AS age, DATEADD(month, 1, born) AS m "
      "FROM e;",
      "tsql");
  EXPECT_TRUE(c.diagnostics.empty());
  EXPECT_EQ(sources(c.lineage.back().columns[0]), "e.born");
}

}  // namespace
}  // namespace godwit::schema
