// The catalog over the shared DDL corpus: every file builds a catalog without a crash
// (the sanitizers watch), resolved foreign keys point at tables that exist, and a few
// files have hand-checked counts (tables, columns, foreign keys, views, routines), counted
// by reading the files, pinned against the catalog.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "corpus_support.hpp"
#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::schema {
namespace {

using godwit::testing::ddl_corpus_dir;
using godwit::testing::read_file;
using godwit::testing::read_manifest;

bool corpus_present() {
  return std::filesystem::exists(ddl_corpus_dir() / "MANIFEST.tsv");
}

Catalog catalog_of(const std::string& path, std::string_view dialect) {
  sql::ParseOptions options;
  options.file_name = path;
  sql::ParseResult r =
      sql::parse_sql(read_file(ddl_corpus_dir() / path), sql::dialect_by_name(dialect), options);
  return build_catalog(r, path);
}

std::size_t count_codes(const Catalog& c, std::string_view prefix) {
  std::size_t n = 0;
  for (const Diagnostic& d : c.diagnostics) n += d.code.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

TEST(DdlCorpusCatalog, EveryFileBuildsAConsistentCatalog) {
  if (!corpus_present()) GTEST_SKIP() << "shared corpus not found at " << ddl_corpus_dir();
  struct Tally {
    std::size_t files = 0, tables = 0, columns = 0, fks = 0, resolved = 0, views = 0, lineage = 0,
                warnings = 0;
  };
  std::map<std::string, Tally> tallies;
  for (const auto& file : read_manifest()) {
    Catalog c = catalog_of(file.path, file.dialect);
    Tally& t = tallies[file.dialect];
    ++t.files;
    t.tables += c.table_count();
    t.columns += c.column_count();
    t.views += c.view_count();
    t.lineage += c.lineage.size();
    t.warnings += c.diagnostics.size();
    std::set<std::uint32_t> ids;
    for (const Table& table : c.tables) {
      EXPECT_TRUE(ids.insert(table.id).second) << file.path << ": duplicate id";
      EXPECT_FALSE(table.name.name.empty()) << file.path;
      for (const ForeignKey& fk : table.foreign_keys) {
        ++t.fks;
        if (!fk.resolved) continue;
        ++t.resolved;
        const Table* target = c.table_by_id(fk.referenced_table_id);
        EXPECT_TRUE(target && target->name.to_string() == fk.referenced_table.to_string())
            << file.path << ": " << table.name.to_string() << " -> "
            << fk.referenced_table.to_string();
      }
    }
    for (const Diagnostic& d : c.diagnostics) {
      EXPECT_EQ(d.file, file.path);
      EXPECT_GE(d.location.line, 1u);
    }
  }
  std::printf("%-10s %6s %7s %8s %6s %9s %6s %8s %9s\n", "dialect", "files", "tables", "columns",
              "fks", "resolved", "views", "lineage", "warnings");
  for (const auto& [dialect, t] : tallies)
    std::printf("%-10s %6zu %7zu %8zu %6zu %9zu %6zu %8zu %9zu\n", dialect.c_str(), t.files,
                t.tables, t.columns, t.fks, t.resolved, t.views, t.lineage, t.warnings);
}

class PinnedCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!corpus_present()) GTEST_SKIP() << "shared corpus not found at " << ddl_corpus_dir();
  }
};

// Oracle HR: 7 tables (35 columns); 10 REFERENCES clauses (3 inline CONSTRAINT ..
// REFERENCES, 7 in ALTER TABLE .. ADD); 6 CREATE UNIQUE INDEX + 11 CREATE INDEX; 3 sequences;
// EMP_DETAILS_VIEW names 16 columns, each a plain column of a joined table.
TEST_F(PinnedCatalog, OracleHumanResources) {
  Catalog c =
      catalog_of("gh-oracle-sample-schemas/oracle/human_resources__hr_create.sql", "oracle");
  EXPECT_EQ(c.table_count(), 7u);
  EXPECT_EQ(c.column_count(), 35u);
  EXPECT_EQ(c.foreign_key_count(), 10u);
  EXPECT_EQ(c.sequences.size(), 3u);
  std::size_t indexes = 0, resolved = 0;
  for (const Table& t : c.tables) {
    indexes += t.indexes.size();
    for (const ForeignKey& fk : t.foreign_keys) resolved += fk.resolved ? 1 : 0;
  }
  EXPECT_EQ(indexes, 17u);
  EXPECT_EQ(resolved, 10u);
  ASSERT_EQ(c.view_count(), 1u);
  ASSERT_EQ(c.lineage.size(), 1u);
  ASSERT_EQ(c.lineage[0].columns.size(), 16u);
  for (const ColumnLineage& col : c.lineage[0].columns) {
    EXPECT_EQ(col.kind, LineageKind::kDirect) << col.column;
    EXPECT_EQ(col.sources.size(), 1u) << col.column;
  }
  EXPECT_EQ(c.lineage[0].columns[15].column, "region_name");
  EXPECT_EQ(c.lineage[0].columns[15].sources[0].table.name, "regions");
  EXPECT_EQ(count_codes(c, "W-LINEAGE"), 0u);
  const Table* employees = c.find_table("employees");
  ASSERT_NE(employees, nullptr);
  ASSERT_TRUE(employees->primary_key.has_value());
  EXPECT_EQ(employees->primary_key->columns, (std::vector<std::string>{"employee_id"}));
}

// Chinook, the same 11 tables and 64 columns in four dialects; 11 foreign keys (ALTER
// TABLE ADD CONSTRAINT in PostgreSQL and SQL Server, table-level in SQLite), every one
// resolved; one primary key per table.
void expect_chinook(const Catalog& c) {
  EXPECT_EQ(c.table_count(), 11u);
  EXPECT_EQ(c.column_count(), 64u);
  EXPECT_EQ(c.foreign_key_count(), 11u);
  for (const Table& t : c.tables) {
    EXPECT_TRUE(t.primary_key.has_value()) << t.name.to_string();
    for (const ForeignKey& fk : t.foreign_keys) EXPECT_TRUE(fk.resolved) << t.name.to_string();
  }
  EXPECT_EQ(count_codes(c, "W-CATALOG"), 0u);
}

TEST_F(PinnedCatalog, ChinookPostgres) {
  Catalog c = catalog_of("gh-chinook/postgres/Chinook_PostgreSql.sql", "postgres");
  expect_chinook(c);
  const Table* track = c.find_table("track");
  ASSERT_NE(track, nullptr);
  EXPECT_EQ(track->foreign_keys.size(), 3u);
  EXPECT_EQ(track->indexes.size(), 3u);
}

TEST_F(PinnedCatalog, ChinookSqlServer) {
  expect_chinook(catalog_of("gh-chinook/tsql/Chinook_SqlServer.sql", "tsql"));
}

TEST_F(PinnedCatalog, ChinookSqlite) {
  expect_chinook(catalog_of("gh-chinook/sqlite/Chinook_Sqlite.sql", "sqlite"));
}

// Sakila for MySQL: 16 tables with 89 columns (address has 8), 22 CONSTRAINT .. FOREIGN KEY, 7
// views, 3 triggers + 3 procedures + 3 functions.
TEST_F(PinnedCatalog, SakilaMysql) {
  Catalog c = catalog_of("gh-sakila/mysql/mysql-sakila-db__mysql-sakila-schema.sql", "mysql");
  EXPECT_EQ(c.table_count(), 16u);
  EXPECT_EQ(c.column_count(), 89u);
  EXPECT_EQ(c.foreign_key_count(), 22u);
  EXPECT_EQ(c.view_count(), 7u);
  EXPECT_EQ(c.routines.size(), 9u);
  const Table* film = c.find_table("film");
  ASSERT_NE(film, nullptr);
  EXPECT_EQ(film->columns.size(), 13u);
  EXPECT_EQ(film->foreign_keys.size(), 2u);
}

// kamailio acc-create.sql: acc (8 columns), acc_cdrs (4), missed_calls (8).
TEST_F(PinnedCatalog, KamailioAccMysql) {
  Catalog c = catalog_of("deb-kamailio/mysql/mysql__acc-create.sql", "mysql");
  EXPECT_EQ(c.table_count(), 3u);
  EXPECT_EQ(c.column_count(), 20u);
  EXPECT_EQ(c.foreign_key_count(), 0u);
}

}  // namespace
}  // namespace godwit::schema
