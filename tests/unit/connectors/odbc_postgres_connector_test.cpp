// The ODBC connector through Debian's psqlODBC driver (ANSI) against the CTest fixture's
// PostgreSQL, with a temp odbcinst.ini (ODBCSYSINI): values, parameters, errors,
// timeouts, the read-only session and introspection over the ODBC catalog functions.
#include <gtest/gtest.h>

#include <algorithm>

#include "connector_test_support.hpp"
#include "odbc_test_support.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/connectors/odbc_connector.hpp"

namespace godwit::validation {
namespace {

using testing::kind_of;

class OdbcPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    std::optional<ConnectionSpec> found = testing::odbc_postgres_spec(&why);
    ASSERT_TRUE(found.has_value()) << why;
    spec_ = *found;
  }
  ConnectionSpec spec_;
};

TEST_F(OdbcPostgresTest, ReportsPostgresBehindTheDriver) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->engine(), Engine::kOdbc);
  EXPECT_EQ(db->sql_engine(), Engine::kPostgres);
  EXPECT_TRUE(db->server_version().starts_with("PostgreSQL 1")) << db->server_version();
  EXPECT_EQ(db->quote_identifier("a\"b"), "\"a\"\"b\"");
}

TEST_F(OdbcPostgresTest, ReturnsNumericTimestampUnicodeAndNullValues) {
  std::unique_ptr<Connector> db = connect(spec_);
  ResultSet result = db->query(
      "select 42::int as n, null::text as nothing, 1.50::numeric(6,3) as amount, "
      "timestamp '2024-02-29 13:45:06.25' as at, date '2024-02-29' as day, "
      "'Zürich 東京 🙂'::text as city, 'a''b' as quoted");
  EXPECT_EQ(result.columns,
            (std::vector<std::string>{"n", "nothing", "amount", "at", "day", "city", "quoted"}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0],
            (std::vector<Value>{"42", std::nullopt, "1.500", "2024-02-29 13:45:06.25", "2024-02-29",
                                "Zürich 東京 🙂", "a'b"}));
}

TEST_F(OdbcPostgresTest, BindsParametersInsteadOfPastingThem) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string hostile = "x'); drop table pg_class; --";
  ResultSet result = db->query(
      "select cast($1 as text) as a, cast($2 as int) + 1 as b, cast($3 as text) is null as c, "
      "cast($4 as numeric(8,2)) * 2 as d, cast($1 as text) = $5 as e",
      {hostile, Value("41"), std::nullopt, Value("12.25"), Value("Zürich")});
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0][0], hostile);
  EXPECT_EQ(result.rows[0][1], "42");
  EXPECT_EQ(result.rows[0][3], "24.50");
  EXPECT_EQ(db->query("select length(cast($1 as text))", {Value("Zürich")}).rows[0][0], "6");
}

TEST_F(OdbcPostgresTest, LongValuesAndManyRowsStream) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string expected;
  for (int i = 0; i < 50000; ++i) expected += "ab";
  EXPECT_EQ(db->query("select repeat('ab', 50000)").rows[0][0], expected);
  std::int64_t sum = 0;
  db->query_each("select g from generate_series(1, 20000) g", {},
                 [&](const std::vector<Value>& row) {
                   sum += std::stoll(*row[0]);
                   return true;
                 });
  EXPECT_EQ(sum, 20000LL * 20001 / 2);
}

TEST_F(OdbcPostgresTest, ReadOnlySessionRejectsWrites) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of([&] { db->query("create table odbc_must_not_exist (id int)"); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  EXPECT_EQ(db->query("select to_regclass('odbc_must_not_exist') is null").rows[0][0], "1");
}

TEST_F(OdbcPostgresTest, StatementTimeoutCancelsLongQueries) {
  spec_.statement_timeout_ms = 500;
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of([&] { db->query("select pg_sleep(10)"); }, &code), ConnectorError::kTimeout);
  EXPECT_EQ(code, "timeout");
  EXPECT_EQ(db->query("select 3").rows[0][0], "3");
}

TEST_F(OdbcPostgresTest, ConnectionFailuresSayWhatIsWrong) {
  std::string code;
  ConnectionSpec missing = spec_;
  missing.dsn += "_no_such_database";
  EXPECT_EQ(kind_of([&] { connect(missing); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "database_missing");
  ConnectionSpec closed = spec_;
  closed.dsn = closed.dsn.substr(0, closed.dsn.find(";Port=")) +
               ";Port=" + std::to_string(testing::closed_port()) + ";Database=godwit";
  EXPECT_EQ(kind_of([&] { connect(closed); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "host_unreachable");
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(kind_of([&] { db->query("select * from no_such_table_here"); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "query_failed");
}

const schema::Table& table_named(const schema::Catalog& catalog, const std::string& name) {
  for (const schema::Table& table : catalog.tables) {
    if (table.name.name == name) return table;
  }
  throw std::runtime_error("no table " + name);
}

TEST_F(OdbcPostgresTest, IntrospectsTablesKeysAndForeignKeysThroughCatalogFunctions) {
  std::optional<ConnectionSpec> native = testing::postgres_spec();
  ASSERT_TRUE(native.has_value());
  native->read_only = false;
  std::unique_ptr<Connector> admin = connect(*native);
  for (const char* sql : {
           "drop schema if exists odbc_shop cascade",
           "create schema odbc_shop",
           "create table odbc_shop.customers (id bigint primary key, email varchar(200) not "
           "null unique, name text default 'anon')",
           "comment on table odbc_shop.customers is 'people who buy'",
           "create table odbc_shop.orders (id int, line int, customer_id bigint not null "
           "references odbc_shop.customers (id) on delete cascade, amount numeric(12,2), "
           "primary key (id, line))",
           "create view odbc_shop.big_orders as select id, amount from odbc_shop.orders",
       }) {
    admin->query(sql);
  }
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.schemas = {"odbc_shop"};
  schema::Catalog catalog = introspect(*db, options);
  ASSERT_EQ(catalog.tables.size(), 3u);

  const schema::Table& customers = table_named(catalog, "customers");
  EXPECT_EQ(customers.name.schema, "odbc_shop");
  EXPECT_EQ(customers.kind, schema::TableKind::kTable);
  // psqlODBC leaves SQLTables' REMARKS empty; comments are read when a driver fills them.
  ASSERT_EQ(customers.columns.size(), 3u);
  EXPECT_EQ(customers.columns[0].name, "id");
  EXPECT_FALSE(customers.columns[0].nullable);
  EXPECT_EQ(customers.columns[1].name, "email");
  EXPECT_EQ(customers.columns[1].type_text, "varchar(200)");
  EXPECT_EQ(customers.columns[1].type.kind, sql::TypeKind::kString);
  EXPECT_TRUE(customers.columns[2].nullable);
  ASSERT_TRUE(customers.primary_key.has_value());
  EXPECT_EQ(customers.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(customers.unique_keys.size(), 1u);
  EXPECT_EQ(customers.unique_keys[0].columns, std::vector<std::string>{"email"});

  const schema::Table& orders = table_named(catalog, "orders");
  ASSERT_TRUE(orders.primary_key.has_value());
  EXPECT_EQ(orders.primary_key->columns, (std::vector<std::string>{"id", "line"}));
  EXPECT_TRUE(orders.unique_keys.empty());
  ASSERT_EQ(orders.foreign_keys.size(), 1u);
  const schema::ForeignKey& fk = orders.foreign_keys[0];
  EXPECT_EQ(fk.columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(fk.referenced_table.schema, "odbc_shop");
  EXPECT_EQ(fk.referenced_table.name, "customers");
  EXPECT_EQ(fk.referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_TRUE(fk.resolved);
  const auto amount = std::find_if(orders.columns.begin(), orders.columns.end(),
                                   [](const schema::Column& c) { return c.name == "amount"; });
  ASSERT_NE(amount, orders.columns.end());
  EXPECT_EQ(amount->type_text, "numeric(12, 2)");
  EXPECT_EQ(amount->type.kind, sql::TypeKind::kDecimal);

  EXPECT_EQ(table_named(catalog, "big_orders").kind, schema::TableKind::kView);
  EXPECT_GE(count_tables(*db), 2);
  admin->query("drop schema odbc_shop cascade");
}

}  // namespace
}  // namespace godwit::validation
