// The ODBC connector through Debian's SQLite 3 ODBC driver on a temp database file, with
// a temp odbcinst.ini (ODBCSYSINI); and the connector's pure helpers.
#include <gtest/gtest.h>

#include <filesystem>

#include "connector_test_support.hpp"
#include "odbc_test_support.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/connectors/odbc_connector.hpp"

namespace godwit::validation {
namespace {

using testing::kind_of;

class OdbcSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string problem = testing::odbc_configure();
    ASSERT_TRUE(problem.empty()) << problem;
    dir_ = testing::make_temp_dir("godwit-odbc-sqlite");
    spec_ = testing::odbc_sqlite_spec(dir_ + "/shop.db");
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    db->query(
        "create table customers (id integer primary key, name text not null, city text, "
        "balance numeric(10,2), joined timestamp)");
    db->query("insert into customers values ($1, $2, $3, $4, $5)",
              {Value("1"), Value("Ada"), Value("Zürich 東京"), Value("12.50"),
               Value("2024-02-29 13:45:00")});
    db->query("insert into customers values ($1, $2, $3, $4, $5)",
              {Value("2"), Value("Bob"), std::nullopt, std::nullopt, std::nullopt});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  ConnectionSpec spec_;
};

TEST_F(OdbcSqliteTest, ReportsTheDbmsBehindTheDriver) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->engine(), Engine::kOdbc);
  EXPECT_EQ(db->sql_engine(), Engine::kSqlite);
  EXPECT_TRUE(db->server_version().starts_with("SQLite 3")) << db->server_version();
}

TEST_F(OdbcSqliteTest, BindsParametersAndReturnsNullsAndUnicode) {
  std::unique_ptr<Connector> db = connect(spec_);
  ResultSet result = db->query(
      "select id, name, city, balance from customers where id >= $1 order by id", {Value("1")});
  EXPECT_EQ(result.columns, (std::vector<std::string>{"id", "name", "city", "balance"}));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0], (std::vector<Value>{"1", "Ada", "Zürich 東京", "12.5"}));
  EXPECT_EQ(result.rows[1], (std::vector<Value>{"2", "Bob", std::nullopt, std::nullopt}));
  std::string hostile = "x'); drop table customers; --";
  EXPECT_EQ(db->query("select $1 as a, $2 is null as b", {hostile, std::nullopt}).rows[0],
            (std::vector<Value>{hostile, "1"}));
  EXPECT_EQ(db->query("select count(*) from customers").rows[0][0], "2");
}

TEST_F(OdbcSqliteTest, SameParameterUsedTwiceIsBoundTwice) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->query("select $1 || $2 || $1", {Value("a"), Value("b")}).rows[0][0], "aba");
}

TEST_F(OdbcSqliteTest, LongValuesAreReadInFull) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string long_text(100000, 'x');
  long_text[0] = 'a';
  long_text.back() = 'z';
  ResultSet result = db->query("select $1 as v, length($1) as n", {long_text});
  ASSERT_TRUE(result.rows[0][0].has_value());
  EXPECT_EQ(*result.rows[0][0], long_text);
  EXPECT_EQ(result.rows[0][1], "100000");
}

TEST_F(OdbcSqliteTest, BlobsComeBackAsLowercaseHex) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->query("select x'00ff10ab' as b").rows[0][0], "\\x00ff10ab");
}

TEST_F(OdbcSqliteTest, QueryEachStreamsAndStopsWhenAsked) {
  std::unique_ptr<Connector> db = connect(spec_);
  int seen = 0;
  db->query_each(
      "with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000) "
      "select i from n",
      {}, [&](const std::vector<Value>& row) {
        ++seen;
        EXPECT_EQ(row[0], std::to_string(seen));
        return seen < 10;
      });
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(db->query("select 1").rows[0][0], "1");  // the connection is still usable
}

TEST_F(OdbcSqliteTest, ReadOnlySessionRejectsWrites) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of([&] { db->query("delete from customers"); }, &code), ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  EXPECT_EQ(db->query("select count(*) from customers").rows[0][0], "2");
}

TEST_F(OdbcSqliteTest, StatementTimeoutCancelsLongQueries) {
  spec_.statement_timeout_ms = 300;
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of(
                [&] {
                  db->query(
                      "with recursive n(i) as (select 1 union all select i + 1 from n) "
                      "select count(*) from n");
                },
                &code),
            ConnectorError::kTimeout);
  EXPECT_EQ(code, "timeout");
  EXPECT_EQ(db->query("select 2").rows[0][0], "2");
}

TEST_F(OdbcSqliteTest, SyntaxErrorsAreQueryErrors) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  std::string message;
  EXPECT_EQ(kind_of([&] { db->query("selec 1"); }, &code, &message), ConnectorError::kQuery);
  EXPECT_EQ(code, "query_failed");
  EXPECT_NE(message.find("SQLSTATE"), std::string::npos) << message;
}

TEST_F(OdbcSqliteTest, QuotesIdentifiersWithTheDriversQuoteCharacter) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->quote_identifier("we\"ird"), "\"we\"\"ird\"");
  EXPECT_EQ(db->query("select " + db->quote_identifier("name") + " from " +
                          db->quote_name({"", "customers"}) + " where id = $1",
                      {Value("2")})
                .rows[0][0],
            "Bob");
}

TEST_F(OdbcSqliteTest, IntrospectsKeysThroughTheCatalogFunctions) {
  ConnectionSpec writable = spec_;
  writable.read_only = false;
  connect(writable)->query(
      "create table orders (id integer primary key, customer_id integer not null references "
      "customers (id) on delete cascade, code varchar(12) unique)");
  std::unique_ptr<Connector> db = connect(spec_);
  schema::Catalog catalog = introspect(*db);
  ASSERT_EQ(catalog.tables.size(), 2u);
  const schema::Table& orders =
      catalog.tables[0].name.name == "orders" ? catalog.tables[0] : catalog.tables[1];
  ASSERT_EQ(orders.name.name, "orders");
  EXPECT_EQ(orders.dialect, "sqlite");
  ASSERT_EQ(orders.columns.size(), 3u);
  EXPECT_EQ(orders.columns[1].name, "customer_id");
  EXPECT_FALSE(orders.columns[1].nullable);
  ASSERT_TRUE(orders.primary_key.has_value());
  EXPECT_EQ(orders.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(orders.foreign_keys.size(), 1u);
  EXPECT_EQ(orders.foreign_keys[0].columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(orders.foreign_keys[0].referenced_table.name, "customers");
  EXPECT_EQ(orders.foreign_keys[0].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_TRUE(orders.foreign_keys[0].resolved);
  EXPECT_EQ(count_tables(*db), 2);
}

TEST(OdbcConnectTest, UnknownDriverOrDsnSaysSo) {
  ASSERT_TRUE(testing::odbc_configure().empty());
  ConnectionSpec spec;
  spec.engine = Engine::kOdbc;
  spec.dsn = "Driver=NoSuchDriver;Database=x";
  std::string code;
  std::string message;
  EXPECT_EQ(kind_of([&] { connect(spec); }, &code, &message), ConnectorError::kConnect);
  EXPECT_EQ(code, "driver_missing") << message;
  spec.dsn = "no_such_dsn";
  EXPECT_EQ(kind_of([&] { connect(spec); }, &code, &message), ConnectorError::kConnect);
  EXPECT_EQ(code, "driver_missing") << message;
}

TEST(OdbcConnectTest, RejectsEmptyDsnAndUnknownOptions) {
  ConnectionSpec spec;
  spec.engine = Engine::kOdbc;
  std::string code;
  EXPECT_EQ(kind_of([&] { connect(spec); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "bad_option");
  spec.dsn = "x";
  spec.options["sslmode"] = "require";
  EXPECT_EQ(kind_of([&] { connect(spec); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "bad_option");
}

TEST(OdbcConnectionStringTest, AddsCredentialsUnlessGivenAndBracesSpecialValues) {
  ConnectionSpec spec;
  spec.dsn = "warehouse";
  spec.user = "etl";
  spec.password = "p;w}d";
  EXPECT_EQ(odbc_connection_string(spec), "DSN=warehouse;UID=etl;PWD={p;w}}d}");
  spec.dsn = "Driver=X;Server=h;uid = other;Pwd={a;b};";
  EXPECT_EQ(odbc_connection_string(spec), "Driver=X;Server=h;uid = other;Pwd={a;b};");
  spec.dsn = "Driver={Some Driver};Database=/tmp/a.db";
  spec.password.clear();
  EXPECT_EQ(odbc_connection_string(spec), "Driver={Some Driver};Database=/tmp/a.db;UID=etl");
}

TEST(OdbcErrorTest, ClassifiesBySqlstate) {
  EXPECT_EQ(classify_odbc_error("28000", "bad password", true).kind(), ConnectorError::kAuth);
  EXPECT_EQ(classify_odbc_error("28P01", "bad password", true).code(), "auth_failed");
  EXPECT_EQ(classify_odbc_error("08001", "could not connect", true).code(), "host_unreachable");
  EXPECT_EQ(classify_odbc_error("08S01", "link failure", false).kind(), ConnectorError::kConnect);
  EXPECT_EQ(classify_odbc_error("HYT00", "timeout expired", false).kind(),
            ConnectorError::kTimeout);
  EXPECT_EQ(classify_odbc_error("57014", "canceling statement", false).code(), "timeout");
  EXPECT_EQ(classify_odbc_error("25006", "read-only transaction", false).code(), "read_only");
  EXPECT_EQ(classify_odbc_error("IM002", "Data source name not found", true).code(),
            "driver_missing");
  EXPECT_EQ(classify_odbc_error("08001", "FATAL: database \"x\" does not exist", true).code(),
            "database_missing");
  ConnectorError plain = classify_odbc_error("42601", "syntax error", false);
  EXPECT_EQ(plain.kind(), ConnectorError::kQuery);
  EXPECT_EQ(std::string(plain.what()), "syntax error (SQLSTATE 42601)");
}

}  // namespace
}  // namespace godwit::validation
