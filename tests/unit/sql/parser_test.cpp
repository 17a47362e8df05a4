// Parser mechanics: recovery at statement boundaries, counts, spans, arena lifetime and
// robustness on hostile input.
#include <gtest/gtest.h>

#include <string>

#include "sql/ast/expr_walk.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::sql {
namespace {

TEST(Parser, RecoversAtTheNextStatementAndCountsTheSkip) {
  ParseResult r = parse_sql("CREATE TABLE a (x int);\nCREATE TABLE (;\nCREATE TABLE b (y int);",
                            dialect_by_name("postgres"));
  EXPECT_EQ(r.stats.statements, 3u);
  EXPECT_EQ(r.stats.parsed, 2u);
  EXPECT_EQ(r.stats.skipped, 1u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "E-PARSE-EXPECTED");
  EXPECT_EQ(r.diagnostics[0].location.line, 2u);
  EXPECT_EQ(r.diagnostics[0].location.column, 14u);
  EXPECT_EQ(r.diagnostics[0].expected, std::vector<std::string>{"a table name"});
  EXPECT_NE(r.diagnostics[0].snippet.find("^"), std::string::npos);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.text(r.skipped[0].span), "CREATE TABLE (");
}

TEST(Parser, StatementSpansCoverTheStatementWithoutTerminator) {
  ParseResult r = parse_sql("  SELECT 1 ;  SELECT 2", dialect_by_name("ansi"));
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.text(r.statements[0]->span), "SELECT 1");
  EXPECT_EQ(r.text(r.statements[1]->span), "SELECT 2");
}

TEST(Parser, ResultStaysValidAfterMove) {
  ParseResult r = parse_sql("CREATE TABLE t (c int)", dialect_by_name("ansi"));
  ParseResult moved = std::move(r);
  ASSERT_EQ(moved.statements.size(), 1u);
  auto* t = static_cast<const CreateTableStatement*>(moved.statements[0]);
  EXPECT_EQ(t->name.last().text, "t");
  EXPECT_EQ(t->columns[0]->type->text, "int");
}

TEST(Parser, UnescapesQuotedIdentifiers) {
  ParseResult r = parse_sql("CREATE TABLE \"a\"\"b\" (\"c\" int)", dialect_by_name("postgres"));
  auto* t = static_cast<const CreateTableStatement*>(r.statements.at(0));
  EXPECT_EQ(t->name.last().text, "a\"b");
  EXPECT_TRUE(t->name.last().quoted);
}

TEST(Parser, TypeKeepsWhatWasWritten) {
  ParseResult r = parse_sql(
      "CREATE TABLE t (a NUMBER(10, -2), b VARCHAR2(20 BYTE), c timestamp(3) with time zone)",
      dialect_by_name("oracle"));
  auto* t = static_cast<const CreateTableStatement*>(r.statements.at(0));
  ASSERT_EQ(t->columns.size(), 3u);
  EXPECT_EQ(t->columns[0]->type->base_name, "NUMBER");
  ASSERT_EQ(t->columns[0]->type->params.size(), 2u);
  EXPECT_EQ(t->columns[0]->type->params[1], "-2");
  EXPECT_EQ(t->columns[1]->type->params[0], "20 BYTE");
  EXPECT_EQ(t->columns[2]->type->modifiers, "with time zone");
  EXPECT_EQ(t->columns[2]->type->text, "timestamp(3) with time zone");
}

TEST(Parser, InsertValuesAreSkippedButCounted) {
  std::string sql = "INSERT INTO t VALUES ";
  for (int i = 0; i < 1000; ++i) sql += (i ? "," : "") + std::string("(1,'x;y')");
  sql += ";\nSELECT 1;";
  ParseResult r = parse_sql(sql, dialect_by_name("mysql"));
  ASSERT_EQ(r.statements.size(), 2u);
  auto* ins = static_cast<const InsertStatement*>(r.statements[0]);
  EXPECT_EQ(ins->value_rows, 1000u);
  EXPECT_EQ(r.stats.skipped, 0u);
}

TEST(Parser, ProceduresAreCapturedWithTheTablesTheyTouch) {
  ParseResult r = parse_sql(
      "CREATE PROCEDURE dbo.load AS\nBEGIN\n INSERT INTO dbo.target SELECT * FROM dbo.source s "
      "JOIN dbo.other o ON 1=1;\n"
      " UPDATE dbo.audit SET n = 1;\nEND\nGO\nSELECT 1",
      dialect_by_name("tsql"));
  ASSERT_EQ(r.statements.size(), 2u);
  auto* p = static_cast<const RoutineStatement*>(r.statements[0]);
  EXPECT_EQ(p->routine_kind, RoutineKind::kProcedure);
  ASSERT_EQ(p->tables_read.size(), 2u);
  EXPECT_EQ(p->tables_read[0].last().text, "source");
  ASSERT_EQ(p->tables_written.size(), 2u);
  EXPECT_EQ(p->tables_written[1].last().text, "audit");
}

TEST(Parser, HostileInputNeverCrashes) {
  const char* inputs[] = {"(((((((((((",
                          "'",
                          "/*",
                          "$$",
                          "CREATE TABLE t (a int,",
                          "SELECT CASE WHEN",
                          "\\",
                          "GO\nGO",
                          ")))))",
                          "CREATE TABLE t AS",
                          "\x01\x02\xff",
                          "WITH x AS (",
                          "DELIMITER",
                          "INSERT INTO t VALUES ((((",
                          "BEGIN BEGIN BEGIN",
                          "END END"};
  for (const Dialect* d : all_dialects()) {
    for (const char* in : inputs) {
      ParseResult r = parse_sql(in, *d);
      EXPECT_EQ(r.stats.statements, r.stats.parsed + r.stats.skipped) << d->name() << ": " << in;
    }
  }
}

TEST(Parser, DeepNestingFailsCleanly) {
  std::string sql = "SELECT ";
  for (int i = 0; i < 5000; ++i) sql += "(";
  sql += "1";
  for (int i = 0; i < 5000; ++i) sql += ")";
  ParseResult r = parse_sql(sql, dialect_by_name("ansi"));
  EXPECT_EQ(r.stats.statements, 1u);
}

TEST(ExprWalk, ColumnRefsInSourceOrderWithoutEnteringSubqueries) {
  ParseResult r = parse_sql(
      "SELECT CASE WHEN t.a > 1 THEN upper(b) ELSE c || d END + (SELECT max(z) FROM u) FROM t",
      dialect_by_name("postgres"));
  auto* q = static_cast<const QueryStatement*>(r.statements.at(0));
  auto* select = static_cast<const SelectBody*>(q->query->body);
  std::vector<std::string> names;
  for (const ColumnRefExpr* c : column_refs(select->items[0].expr))
    names.push_back(std::string(c->parts.back().text));
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "d"}));
}

}  // namespace
}  // namespace godwit::sql
