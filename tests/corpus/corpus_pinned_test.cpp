// Hand-checked counts for a few corpus files: CREATE TABLE statements and their column
// definitions, counted by reading each file, pinned against the AST.
#include <gtest/gtest.h>

#include "corpus_support.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::sql {
namespace {

using godwit::testing::ddl_corpus_dir;
using godwit::testing::read_file;

struct TableCounts {
  std::size_t tables = 0;
  std::size_t columns = 0;
  std::size_t constraints = 0;
  std::size_t skipped = 0;
};

TableCounts count_tables(const std::string& path, std::string_view dialect) {
  ParseResult result = parse_sql(read_file(ddl_corpus_dir() / path), dialect_by_name(dialect));
  TableCounts c;
  c.skipped = result.stats.skipped;
  for (const Statement* s : result.statements) {
    if (s->kind != StatementKind::kCreateTable) continue;
    ++c.tables;
    c.columns += static_cast<const CreateTableStatement*>(s)->columns.size();
    c.constraints += static_cast<const CreateTableStatement*>(s)->constraints.size();
  }
  return c;
}

class PinnedCorpusFile : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ddl_corpus_dir() / "MANIFEST.tsv"))
      GTEST_SKIP() << "shared corpus not found at " << ddl_corpus_dir();
  }
};

// deb-kamailio acc-create.sql: acc (8 columns), acc_cdrs (4), missed_calls (8).
TEST_F(PinnedCorpusFile, KamailioAccMysql) {
  TableCounts c = count_tables("deb-kamailio/mysql/mysql__acc-create.sql", "mysql");
  EXPECT_EQ(c.tables, 3u);
  EXPECT_EQ(c.columns, 20u);
  EXPECT_EQ(c.skipped, 0u);
}

// Oracle HR schema: regions 2, countries 3, locations 6, departments 4, jobs 4,
// employees 11, job_history 5 columns; 4 out-of-line constraints; SQL*Plus lines skipped.
TEST_F(PinnedCorpusFile, OracleHumanResources) {
  TableCounts c =
      count_tables("gh-oracle-sample-schemas/oracle/human_resources__hr_create.sql", "oracle");
  EXPECT_EQ(c.tables, 7u);
  EXPECT_EQ(c.columns, 35u);
  EXPECT_EQ(c.constraints, 4u);
  EXPECT_EQ(c.skipped, 0u);
}

// Chinook for SQL Server: 11 tables, 64 columns, one PRIMARY KEY constraint per table.
TEST_F(PinnedCorpusFile, ChinookSqlServer) {
  TableCounts c = count_tables("gh-chinook/tsql/Chinook_SqlServer.sql", "tsql");
  EXPECT_EQ(c.tables, 11u);
  EXPECT_EQ(c.columns, 64u);
  EXPECT_EQ(c.constraints, 11u);
  EXPECT_EQ(c.skipped, 0u);
}

// OHDSI CDM 5.4 generated for Hive and BigQuery: 39 tables, 432 columns, one per line.
TEST_F(PinnedCorpusFile, OhdsiCdmHive) {
  TableCounts c = count_tables("gh-ohdsi-cdm/hive/5.4__hive__OMOPCDM_hive_5.4_ddl.sql", "hive");
  EXPECT_EQ(c.tables, 39u);
  EXPECT_EQ(c.columns, 432u);
  EXPECT_EQ(c.skipped, 0u);
}

TEST_F(PinnedCorpusFile, OhdsiCdmBigQuery) {
  TableCounts c =
      count_tables("gh-ohdsi-cdm/bigquery/5.4__bigquery__OMOPCDM_bigquery_5.4_ddl.sql", "bigquery");
  EXPECT_EQ(c.tables, 39u);
  EXPECT_EQ(c.columns, 432u);
  EXPECT_EQ(c.skipped, 0u);
}

}  // namespace
}  // namespace godwit::sql
