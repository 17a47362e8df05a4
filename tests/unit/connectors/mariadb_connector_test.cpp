// The MariaDB connector against the CTest fixture's real server.
#include "validation/connectors/mariadb_connector.hpp"

#include <gtest/gtest.h>

#include "connector_test_support.hpp"

namespace godwit::validation {
namespace {

using testing::closed_port;
using testing::kind_of;

class MariaDbConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    std::optional<ConnectionSpec> found = testing::mariadb_spec(&why);
    ASSERT_TRUE(found.has_value()) << why;
    spec_ = *found;
  }
  ConnectionSpec spec_;
};

TEST_F(MariaDbConnectorTest, ConnectsAndReportsServerVersion) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(db->engine(), Engine::kMariaDb);
  EXPECT_TRUE(db->server_version().starts_with("MariaDB 1")) << db->server_version();
}

TEST_F(MariaDbConnectorTest, ReturnsTextValuesAndNulls) {
  std::unique_ptr<Connector> db = connect(spec_);
  ResultSet result = db->query(
      "select 42 as n, null as nothing, cast(1.5 as decimal(6,3)) as amount, "
      "date '2024-02-29' as day, cast('2024-01-02 03:04:05' as datetime) as ts, 'a''b' as q, "
      "repeat('x', 100000) as big");
  EXPECT_EQ(result.columns,
            (std::vector<std::string>{"n", "nothing", "amount", "day", "ts", "q", "big"}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0],
            (std::vector<Value>{"42", std::nullopt, "1.500", "2024-02-29", "2024-01-02 03:04:05",
                                "a'b", std::string(100000, 'x')}));
}

TEST_F(MariaDbConnectorTest, BindsParametersInTheirNumberedOrder) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string hostile = "x\\'); drop database godwit; --";
  ResultSet result = db->query("select $2 as a, $1 as b, $2 as c, $3 is null as d",
                               {Value("one"), hostile, std::nullopt});
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0], (std::vector<Value>{hostile, "one", hostile, "1"}));
}

TEST_F(MariaDbConnectorTest, ReadOnlySessionRejectsWritesAndQuotedNamesRoundTrip) {
  ConnectionSpec writable = spec_;
  writable.read_only = false;
  std::unique_ptr<Connector> writer = connect(writable);
  std::string table = writer->quote_identifier("we`ird name");
  EXPECT_EQ(table, "`we``ird name`");
  writer->query("drop table if exists " + table);
  writer->query("create table " + table + " (" + writer->quote_identifier("Mixed Case") + " int)");
  writer->query("insert into " + table + " values ($1)", {Value("7")});

  std::unique_ptr<Connector> reader = connect(spec_);
  EXPECT_EQ(
      reader->query("select * from " + reader->quote_name({"godwit", "we`ird name"})).rows[0][0],
      "7");
  std::string code;
  EXPECT_EQ(kind_of([&] { reader->query("insert into " + table + " values (8)"); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  writer->query("drop table " + table);
}

TEST_F(MariaDbConnectorTest, StatementTimeoutCancelsLongQueries) {
  spec_.statement_timeout_ms = 200;
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  std::string message;
  EXPECT_EQ(kind_of([&] { db->query("select sleep(5)"); }, &code, &message),
            ConnectorError::kTimeout)
      << message;
  EXPECT_EQ(code, "timeout");
  EXPECT_EQ(db->query("select 1").rows[0][0], "1");
}

TEST_F(MariaDbConnectorTest, QueryEachStreamsEveryRowAndCanStopEarly) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::int64_t count = 0;
  std::int64_t sum = 0;
  db->query_each("select seq, concat(seq, 'x') from seq_1_to_100000 where seq <= $1",
                 {Value("100000")}, [&](const std::vector<Value>& row) {
                   ++count;
                   sum += std::stoll(*row[0]);
                   EXPECT_EQ(*row[1], *row[0] + "x");
                   return true;
                 });
  EXPECT_EQ(count, 100000);
  EXPECT_EQ(sum, 5000050000);
  int seen = 0;
  db->query_each("select seq from seq_1_to_100000", {},
                 [&](const std::vector<Value>&) { return ++seen < 10; });
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(db->query("select 2").rows[0][0], "2");
}

TEST_F(MariaDbConnectorTest, QueryErrorsAreReportedAndTheConnectionStaysUsable) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string message;
  EXPECT_EQ(kind_of([&] { db->query("select * from no_such_table"); }, nullptr, &message),
            ConnectorError::kQuery);
  EXPECT_NE(message.find("1146"), std::string::npos) << message;
  EXPECT_EQ(kind_of([&] { db->query("select ?"); }), ConnectorError::kQuery);
  EXPECT_EQ(db->query("select 3").rows[0][0], "3");
}

TEST_F(MariaDbConnectorTest, WrongPasswordIsAnAuthErrorWithoutThePassword) {
  spec_.password = "top-secret-value";
  std::string code;
  std::string message;
  EXPECT_EQ(kind_of([&] { connect(spec_); }, &code, &message), ConnectorError::kAuth);
  EXPECT_EQ(code, "auth_failed");
  EXPECT_EQ(message.find("top-secret-value"), std::string::npos) << message;
}

TEST_F(MariaDbConnectorTest, MissingDatabaseAndUnreachableHostAreReported) {
  ConnectionSpec missing = spec_;
  missing.database = "no_such_database";
  std::string code;
  EXPECT_EQ(kind_of([&] { connect(missing); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "database_missing");
  spec_.port = closed_port();
  EXPECT_EQ(kind_of([&] { connect(spec_); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "host_unreachable");
}

}  // namespace
}  // namespace godwit::validation
