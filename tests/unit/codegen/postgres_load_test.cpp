// End to end on a real PostgreSQL (the CTest "postgres" fixture): the fixture's CRM source
// tables are created in the staging schema and filled with generated rows; the generated
// PostgreSQL DDL, load and merge files run in load-plan order, and the target rows must be
// exactly what the formulas say (cast, concatenation, value map, join, UPPER). Everything
// runs in one transaction that is rolled back.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "codegen/codegen.hpp"
#include "codegen_fixture.hpp"

namespace godwit::codegen {
namespace {

std::string postgres_url() {
  const char* file = std::getenv("GODWIT_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') file = GODWIT_TEST_PG_URL_FILE;
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

class PostgresLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = PQconnectdb(postgres_url().c_str());
    ASSERT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
    exec("BEGIN");
  }
  void TearDown() override {
    if (!conn_) return;
    PQclear(PQexec(conn_, "ROLLBACK"));
    PQfinish(conn_);
  }
  void exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    const ExecStatusType s = PQresultStatus(r);
    EXPECT_TRUE(s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
        << PQresultErrorMessage(r) << "\nin:\n"
        << sql;
    PQclear(r);
  }
  /// The first column of every row, as text ('' for NULL).
  std::vector<std::string> column(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    std::vector<std::string> out;
    EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
    for (int i = 0; i < PQntuples(r); ++i) out.push_back(PQgetvalue(r, i, 0));
    PQclear(r);
    return out;
  }
  PGconn* conn_ = nullptr;
};

TEST_F(PostgresLoad, GeneratedDdlAndLoadSqlTransformRowsAsTheFormulasSay) {
  schema::Catalog source = testing::source_catalog();
  schema::Catalog target = testing::target_catalog();
  GenerationResult r = generate(Platform::kPostgres, source, target, testing::document());
  std::map<std::string, std::string> files;
  for (const GeneratedFile& f : r.files) files[f.path] = f.content;

  exec("CREATE SCHEMA staging");
  exec(
      "CREATE TABLE staging.customers (id INTEGER PRIMARY KEY, first_name VARCHAR(40), "
      "last_name VARCHAR(40), gender CHAR(1), signup VARCHAR(10))");
  exec(
      "CREATE TABLE staging.orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount "
      "NUMERIC(12, 2))");
  exec(
      "INSERT INTO staging.customers SELECT g, 'first' || g, 'last' || g, "
      "(ARRAY['M', 'F', 'X'])[1 + g % 3], to_char(DATE '2024-01-01' + g, 'YYYY-MM-DD') "
      "FROM generate_series(1, 300) AS g");
  exec(
      "INSERT INTO staging.orders SELECT g, 1 + g % 300, g * 1.25 FROM generate_series(1, 1000) AS "
      "g");

  ASSERT_EQ(r.load_plan.waves.size(), 2u);
  exec(files.at("ddl/00_schemas.sql"));
  for (const LoadWave& w : r.load_plan.waves)
    for (const std::string& t : w.tables) exec(files.at("ddl/" + t + ".sql"));
  exec(files.at("ddl/zz_foreign_keys.sql"));
  for (const LoadWave& w : r.load_plan.waves)
    for (const std::string& t : w.tables) exec(files.at("load/" + t + ".sql"));

  EXPECT_EQ(column("SELECT count(*) FROM analytics.customer"), std::vector<std::string>{"300"});
  EXPECT_EQ(
      column("SELECT full_name || '|' || gender || '|' || signup_date FROM analytics.customer "
             "WHERE customer_id IN (1, 2, 3) ORDER BY customer_id"),
      (std::vector<std::string>{"first1 last1|female|2024-01-02", "first2 last2|unknown|2024-01-03",
                                "first3 last3|male|2024-01-04"}));
  // Every row, not just a sample: the formulas recomputed from the staging rows.
  EXPECT_EQ(column("SELECT count(*) FROM analytics.customer t JOIN staging.customers s ON s.id = "
                   "t.customer_id WHERE t.full_name = s.first_name || ' ' || s.last_name AND "
                   "t.gender = CASE s.gender WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' ELSE "
                   "'unknown' END AND t.signup_date = CAST(s.signup AS DATE)"),
            std::vector<std::string>{"300"});
  EXPECT_EQ(
      column("SELECT count(*) FROM analytics.sale t JOIN staging.orders o ON o.id = t.sale_id "
             "JOIN staging.customers c ON c.id = o.customer_id WHERE t.amount = o.amount AND "
             "t.customer_id = o.customer_id AND t.customer_name = UPPER(c.last_name)"),
      std::vector<std::string>{"1000"});

  // Incremental: changed and new source rows are upserted by the MERGE files.
  exec("UPDATE staging.customers SET last_name = 'changed' WHERE id = 7");
  exec("INSERT INTO staging.customers VALUES (301, 'new', 'customer', 'F', '2025-02-03')");
  for (const LoadWave& w : r.load_plan.waves)
    for (const std::string& t : w.tables) exec(files.at("merge/" + t + ".sql"));
  EXPECT_EQ(column("SELECT count(*) FROM analytics.customer"), std::vector<std::string>{"301"});
  EXPECT_EQ(
      column("SELECT full_name FROM analytics.customer WHERE customer_id IN (7, 301) ORDER BY 1"),
      (std::vector<std::string>{"first7 changed", "new customer"}));
  // Customer 7 has the orders 6, 306, 606 and 906 (customer_id = 1 + id % 300).
  EXPECT_EQ(column("SELECT count(*) FROM analytics.sale WHERE customer_name = 'CHANGED'"),
            std::vector<std::string>{"4"});
}

}  // namespace
}  // namespace godwit::codegen
