// The PostgreSQL connector against the CTest fixture's real server.
#include "validation/connectors/postgres_connector.hpp"

#include <gtest/gtest.h>

#include "connector_test_support.hpp"

namespace godwit::validation {
namespace {

class PostgresConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    std::optional<ConnectionSpec> found = testing::postgres_spec(&why);
    ASSERT_TRUE(found.has_value()) << why;
    spec_ = *found;
  }
  ConnectionSpec spec_;
};

using testing::closed_port;
using testing::kind_of;

TEST_F(PostgresConnectorTest, ConnectsAndReportsServerVersion) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->engine(), Engine::kPostgres);
  EXPECT_TRUE(db->server_version().starts_with("PostgreSQL 1")) << db->server_version();
}

TEST_F(PostgresConnectorTest, ReturnsCanonicalTextValuesAndNulls) {
  std::unique_ptr<Connector> db = connect(spec_);
  ResultSet result = db->query(
      "select 42::int as n, null::text as nothing, true as yes, 1.50::numeric(6,3) as amount, "
      "date '2024-02-29' as day, 'a''b' as quoted");
  EXPECT_EQ(result.columns,
            (std::vector<std::string>{"n", "nothing", "yes", "amount", "day", "quoted"}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0],
            (std::vector<Value>{"42", std::nullopt, "t", "1.500", "2024-02-29", "a'b"}));
}

TEST_F(PostgresConnectorTest, BindsParametersInsteadOfPastingThem) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string hostile = "x'); drop table pg_class; --";
  ResultSet result = db->query("select $1::text as a, $2::int + 1 as b, $3::text is null as c",
                               {hostile, Value("41"), std::nullopt});
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0], (std::vector<Value>{hostile, "42", "t"}));
}

TEST_F(PostgresConnectorTest, ReadOnlySessionRejectsWrites) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of([&] { db->query("create table must_not_exist (id int)"); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  // An explicit transaction is read-only too.
  db->query("begin");
  EXPECT_EQ(kind_of([&] { db->query("create table must_not_exist (id int)"); }, &code),
            ConnectorError::kQuery);
  db->query("rollback");
  EXPECT_EQ(db->query("select to_regclass('must_not_exist') is null").rows[0][0], "t");
}

TEST_F(PostgresConnectorTest, WritableSessionWhenAskedAndQuotedNamesRoundTrip) {
  spec_.read_only = false;
  std::unique_ptr<Connector> db = connect(spec_);
  std::string table = db->quote_identifier("we\"ird name");
  EXPECT_EQ(table, "\"we\"\"ird name\"");
  db->query("create temporary table " + table + " (" + db->quote_identifier("Mixed Case") +
            " int)");
  db->query("insert into " + table + " values ($1)", {Value("7")});
  EXPECT_EQ(db->query("select * from " + table).rows[0][0], "7");
  EXPECT_EQ(db->quote_name({"", "pg_temp", "we\"ird name"}), "\"pg_temp\".\"we\"\"ird name\"");
}

TEST_F(PostgresConnectorTest, StatementTimeoutCancelsLongQueries) {
  spec_.statement_timeout_ms = 200;
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of([&] { db->query("select pg_sleep(5)"); }, &code), ConnectorError::kTimeout);
  EXPECT_EQ(code, "timeout");
  EXPECT_EQ(db->query("select 1").rows[0][0], "1");
}

TEST_F(PostgresConnectorTest, QueryEachStreamsEveryRow) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::int64_t count = 0;
  std::int64_t sum = 0;
  db->query_each("select g, g::text || 'x' from generate_series(1, $1::int) g", {Value("100000")},
                 [&](const std::vector<Value>& row) {
                   ++count;
                   sum += std::stoll(*row[0]);
                   EXPECT_EQ(*row[1], *row[0] + "x");
                   return true;
                 });
  EXPECT_EQ(count, 100000);
  EXPECT_EQ(sum, 5000050000);
}

TEST_F(PostgresConnectorTest, QueryEachStopsEarlyAndTheConnectionStaysUsable) {
  std::unique_ptr<Connector> db = connect(spec_);
  int seen = 0;
  db->query_each("select g from generate_series(1, 50000000) g", {},
                 [&](const std::vector<Value>&) { return ++seen < 10; });
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(db->query("select 2").rows[0][0], "2");
  EXPECT_THROW(
      db->query_each("select g from generate_series(1, 50000000) g", {},
                     [](const std::vector<Value>&) -> bool { throw std::runtime_error("stop"); }),
      std::runtime_error);
  EXPECT_EQ(db->query("select 3").rows[0][0], "3");
}

TEST_F(PostgresConnectorTest, QueryErrorsCarryTheSqlstate) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string message;
  EXPECT_EQ(kind_of([&] { db->query("select * from no_such_table"); }, nullptr, &message),
            ConnectorError::kQuery);
  EXPECT_NE(message.find("42P01"), std::string::npos) << message;
  EXPECT_EQ(kind_of([&] {
              db->query_each("select 1/0", {}, [](const std::vector<Value>&) { return true; });
            }),
            ConnectorError::kQuery);
  EXPECT_EQ(db->query("select 4").rows[0][0], "4");
}

TEST_F(PostgresConnectorTest, UnknownRoleIsAnAuthErrorWithoutThePassword) {
  spec_.user = "nobody_here";
  spec_.password = "top-secret-value";
  std::string code;
  std::string message;
  EXPECT_EQ(kind_of([&] { connect(spec_); }, &code, &message), ConnectorError::kAuth);
  EXPECT_EQ(code, "auth_failed");
  EXPECT_EQ(message.find("top-secret-value"), std::string::npos) << message;
}

TEST_F(PostgresConnectorTest, MissingDatabaseIsReported) {
  spec_.database = "no_such_database";
  std::string code;
  EXPECT_EQ(kind_of([&] { connect(spec_); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "database_missing");
}

TEST_F(PostgresConnectorTest, UnreachableHostIsReported) {
  spec_.port = closed_port();
  std::string code;
  EXPECT_EQ(kind_of([&] { connect(spec_); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "host_unreachable");
}

TEST_F(PostgresConnectorTest, UnknownOptionIsRejectedBeforeConnecting) {
  spec_.options["search_path"] = "x";
  std::string code;
  EXPECT_EQ(kind_of([&] { connect(spec_); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "bad_option");
}

}  // namespace
}  // namespace godwit::validation
