// Catalog mechanics: statements applied in order, case rules per dialect, multi-file
// merge, stable ids, lookups and the JSON form.
#include <gtest/gtest.h>

#include <string>

#include "schema/builder.hpp"
#include "schema/catalog_json.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::schema {
namespace {

Catalog build(const std::string& sql, std::string_view dialect = "postgres") {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name(dialect));
  EXPECT_FALSE(r.has_errors()) << sql;
  return build_catalog(r, "test.sql");
}

bool has_code(const Catalog& c, std::string_view code) {
  for (const Diagnostic& d : c.diagnostics)
    if (d.code == code) return true;
  return false;
}

TEST(Catalog, ColumnsKeepTypeAsWrittenAndCanonicalType) {
  Catalog c =
      build("CREATE TABLE t (a NUMBER(12,2) NOT NULL, b VARCHAR2(20 CHAR) DEFAULT 'x')", "oracle");
  const Table* t = c.find_table("t");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->columns.size(), 2u);
  EXPECT_EQ(t->columns[0].type_text, "NUMBER(12,2)");
  EXPECT_EQ(sql::to_string(t->columns[0].type), "DECIMAL(12, 2)");
  EXPECT_FALSE(t->columns[0].nullable);
  EXPECT_TRUE(t->columns[1].nullable);
  EXPECT_EQ(t->columns[1].default_value.value_or(""), "'x'");
  EXPECT_EQ(t->dialect, "oracle");
}

TEST(Catalog, EnumTypesResolveInColumnTypes) {
  Catalog c = build("CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE p (m mood)");
  ASSERT_EQ(c.enums.size(), 1u);
  EXPECT_EQ(c.enums[0].values, (std::vector<std::string>{"sad", "ok"}));
  EXPECT_EQ(c.find_table("p")->columns[0].type.kind, sql::TypeKind::kEnum);
}

TEST(Catalog, PostgresFoldsUnquotedNamesToLowerCaseAndKeepsQuotedOnes) {
  Catalog c = build(
      "CREATE TABLE Users (Id int, \"Name\" text);"
      "ALTER TABLE USERS ADD COLUMN age int;"      // resolves: users
      "COMMENT ON COLUMN users.\"Name\" IS 'n';"   // resolves: quoted exact
      "COMMENT ON COLUMN users.name IS 'x';"       // name folds to name != Name
      "ALTER TABLE \"Users\" ADD COLUMN z int;");  // "Users" != users
  const Table* t = c.find_table("users");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->columns.size(), 3u);
  EXPECT_EQ(t->columns[1].comment, "n");
  EXPECT_TRUE(has_code(c, "W-CATALOG-UNKNOWN-COLUMN"));
  EXPECT_TRUE(has_code(c, "W-CATALOG-UNKNOWN-TABLE"));
}

TEST(Catalog, OracleFoldsToUpperCaseSoQuotedUpperCaseMatchesUnquoted) {
  Catalog c = build(
      "CREATE TABLE emp (id NUMBER);"
      "ALTER TABLE \"EMP\" ADD (name VARCHAR2(10));"
      "ALTER TABLE \"emp\" ADD (x NUMBER);",
      "oracle");
  EXPECT_EQ(c.find_table("emp")->columns.size(), 2u);
  EXPECT_TRUE(has_code(c, "W-CATALOG-UNKNOWN-TABLE"));
}

TEST(Catalog, SqlServerComparesNamesIgnoringCaseQuotedOrNot) {
  Catalog c = build(
      "CREATE TABLE [dbo].[Orders] ([Id] int);"
      "ALTER TABLE dbo.ORDERS ADD total money;",
      "tsql");
  EXPECT_EQ(c.find_table("dbo.orders")->columns.size(), 2u);
  EXPECT_FALSE(has_code(c, "W-CATALOG-UNKNOWN-TABLE"));
}

TEST(Catalog, UseSetsTheSchemaWhereADatabaseIsASchema) {
  Catalog c = build("USE shop; CREATE TABLE t (a int); CREATE TABLE other.u (b int);", "mysql");
  ASSERT_NE(c.find_table("shop.t"), nullptr);
  EXPECT_EQ(c.find_table("shop.t")->name.schema, "shop");
  EXPECT_EQ(c.find_table("u")->name.schema, "other");
}

TEST(Catalog, SearchPathSetsTheSchema) {
  Catalog c = build("SET search_path TO sales, public; CREATE TABLE t (a int);");
  EXPECT_EQ(c.find_table("t")->name.schema, "sales");
  EXPECT_EQ(c.find_table("sales.t")->name.name, "t");
}

TEST(Catalog, SchemaQualifiedAndBareNamesMeetWhenUnambiguous) {
  Catalog c = build(
      "CREATE TABLE public.a (id int PRIMARY KEY);"
      "CREATE TABLE b (a_id int REFERENCES a);"
      "ALTER TABLE a ADD COLUMN x int;");
  EXPECT_EQ(c.find_table("a")->columns.size(), 2u);
  const ForeignKey& fk = c.find_table("b")->foreign_keys.at(0);
  EXPECT_TRUE(fk.resolved);
  EXPECT_EQ(fk.referenced_table.schema, "public");
  EXPECT_EQ(fk.referenced_columns, (std::vector<std::string>{"id"}));
}

TEST(Catalog, ForeignKeysMayReferenceTablesDefinedLater) {
  Catalog c = build(
      "CREATE TABLE child (p int, FOREIGN KEY (p) REFERENCES parent (id));"
      "CREATE TABLE parent (id int PRIMARY KEY);"
      "CREATE TABLE orphan (q int REFERENCES nowhere (id));");
  EXPECT_TRUE(c.find_table("child")->foreign_keys[0].resolved);
  EXPECT_FALSE(c.find_table("orphan")->foreign_keys[0].resolved);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].code, "W-CATALOG-UNKNOWN-TABLE");
  EXPECT_EQ(c.diagnostics[0].location.line, 1u);
  EXPECT_EQ(c.diagnostics[0].file, "test.sql");
  EXPECT_FALSE(c.diagnostics[0].snippet.empty());
}

TEST(Catalog, MergesFilesAndSaysWhichFileADiagnosticIsAbout) {
  sql::ParseOptions o1, o2;
  o1.file_name = "one.sql";
  o2.file_name = "two.sql";
  const sql::Dialect& pg = sql::dialect_by_name("postgres");
  CatalogBuilder builder;
  {
    sql::ParseResult r = sql::parse_sql("CREATE TABLE a (id int PRIMARY KEY);", pg, o1);
    builder.add(r, "one.sql");
  }  // the parse result may go: the catalog owns its strings
  {
    sql::ParseResult r = sql::parse_sql(
        "ALTER TABLE a ADD COLUMN b int;\nCREATE TABLE c (a_id int REFERENCES a);\n"
        "COMMENT ON TABLE missing IS 'x';",
        pg, o2);
    builder.add(r, "two.sql");
  }
  Catalog c = builder.finish();
  EXPECT_EQ(c.files, (std::vector<std::string>{"one.sql", "two.sql"}));
  EXPECT_EQ(c.find_table("a")->columns.size(), 2u);
  EXPECT_TRUE(c.find_table("c")->foreign_keys[0].resolved);
  ASSERT_EQ(c.diagnostics.size(), 1u);
  EXPECT_EQ(c.diagnostics[0].file, "two.sql");
  EXPECT_EQ(c.diagnostics[0].location.line, 3u);
  EXPECT_EQ(c.find_table("c")->origin.file, "two.sql");
}

TEST(Catalog, DropKeepsTheIdsOfOtherTablesAndNeverReusesOne) {
  Catalog c = build(
      "CREATE TABLE a (x int); CREATE TABLE b (x int); DROP TABLE a;"
      "CREATE TABLE d (x int);");
  ASSERT_EQ(c.tables.size(), 2u);
  EXPECT_EQ(c.tables[0].name.name, "b");
  EXPECT_EQ(c.tables[0].id, 2u);
  EXPECT_EQ(c.tables[1].id, 3u);
  EXPECT_EQ(c.table_by_id(2), &c.tables[0]);
  EXPECT_EQ(c.table_by_id(1), nullptr);
}

TEST(Catalog, RenamedTableIsFoundUnderItsNewName) {
  Catalog c = build("CREATE TABLE a (x int); ALTER TABLE a RENAME TO b; ALTER TABLE b ADD y int;");
  EXPECT_EQ(c.find_table("a"), nullptr);
  EXPECT_EQ(c.find_table("b")->columns.size(), 2u);
  EXPECT_TRUE(c.diagnostics.empty());
}

TEST(Catalog, DuplicateColumnIsAnError) {
  Catalog c = build("CREATE TABLE a (x int, X text)");
  EXPECT_TRUE(c.has_errors());
  EXPECT_EQ(c.find_table("a")->columns.size(), 1u);
}

TEST(Catalog, JsonIsDeterministicAndDocumentedShape) {
  const std::string sql =
      "CREATE TABLE a (id int PRIMARY KEY, n text); CREATE VIEW v AS SELECT id FROM a;";
  nlohmann::json j1 = to_json(build(sql));
  nlohmann::json j2 = to_json(build(sql));
  EXPECT_EQ(j1.dump(), j2.dump());
  EXPECT_EQ(j1["format_version"], 1);
  EXPECT_EQ(j1["tables"].size(), 1u);
  EXPECT_EQ(j1["views"].size(), 1u);
  const nlohmann::json& col = j1["tables"][0]["columns"][0];
  EXPECT_EQ(col["type"], "int");
  EXPECT_EQ(col["logical_type"]["kind"], "integer");
  EXPECT_EQ(j1["tables"][0]["primary_key"]["columns"][0], "id");
  EXPECT_EQ(j1["lineage"][0]["columns"][0]["kind"], "direct");
  EXPECT_EQ(j1["lineage"][0]["columns"][0]["sources"][0]["table"], "a");
  EXPECT_EQ(j1["summary"]["columns"], 2);
}

TEST(Catalog, RoutinesKeepTheTablesTheyReadAndWrite) {
  Catalog c = build(
      "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN INSERT INTO log SELECT * "
      "FROM src; END $$;");
  ASSERT_EQ(c.routines.size(), 1u);
  EXPECT_EQ(c.routines[0].kind, "function");
  EXPECT_EQ(c.routines[0].name.name, "f");
  ASSERT_EQ(c.routines[0].writes.size(), 1u);
  EXPECT_EQ(c.routines[0].writes[0].name, "log");
}

}  // namespace
}  // namespace godwit::schema
