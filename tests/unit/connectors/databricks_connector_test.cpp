// The Databricks SQL connector against the protocol fake (fake_databricks.hpp): named
// parameters, inline JSON_ARRAY results read chunk by chunk, polling, cancellation at the
// timeout, FAILED statements, authentication (token and OAuth M2M), TLS, and
// introspection over information_schema.
#include "validation/connectors/databricks_connector.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "connector_test_support.hpp"
#include "fake_databricks.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::validation {
namespace {

using testing::FakeDatabricks;

class DatabricksConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.database().exec(R"sql(
      CREATE TABLE orders (id LONG, total DECIMAL, paid BOOLEAN, name STRING, body BINARY,
                           day DATE, at TIMESTAMP);
      INSERT INTO orders VALUES
        (1, '12.5', 1, 'ann', x'00ff', '2024-01-02', '2024-01-02T03:04:05.120Z'),
        (2, NULL, 0, 'bob', NULL, NULL, '2024-01-02T03:04:05.000Z'),
        (3, '-7', NULL, NULL, NULL, NULL, NULL);
    )sql");
  }

  ConnectionSpec spec() const {
    ConnectionSpec s;
    s.engine = Engine::kDatabricks;
    s.password = FakeDatabricks::kToken;
    s.options["endpoint"] = fake_.endpoint();
    s.options["http_path"] = std::string("/sql/1.0/warehouses/") + FakeDatabricks::kWarehouse;
    s.statement_timeout_ms = 20000;
    return s;
  }

  FakeDatabricks fake_{false};
};

TEST_F(DatabricksConnectorTest, RunsAStatementWithNamedParametersAndMapsTypes) {
  DatabricksConnector db(spec());
  ResultSet rs = db.query(
      "SELECT id, total, paid, name, body, day, at FROM `orders` WHERE id >= $1 ORDER BY id",
      {{"1", ParamType::kInteger}});
  ASSERT_EQ(rs.columns,
            (std::vector<std::string>{"id", "total", "paid", "name", "body", "day", "at"}));
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(rs.rows[0], (std::vector<Value>{"1", "12.5", "true", "ann", "AP8=", "2024-01-02",
                                            "2024-01-02 03:04:05.12"}));
  EXPECT_EQ(rs.rows[1][6], "2024-01-02 03:04:05");
  EXPECT_EQ(rs.rows[2], (std::vector<Value>{"3", "-7", std::nullopt, std::nullopt, std::nullopt,
                                            std::nullopt, std::nullopt}));
  const nlohmann::json& body = fake_.last_submit;
  EXPECT_EQ(body["warehouse_id"], FakeDatabricks::kWarehouse);
  EXPECT_EQ(body["on_wait_timeout"], "CONTINUE");
  EXPECT_EQ(body["disposition"], "INLINE");
  EXPECT_EQ(body["format"], "JSON_ARRAY");
  EXPECT_EQ(body["wait_timeout"], "19s");  // the statement timeout's whole seconds left
  ASSERT_EQ(body["parameters"].size(), 1u);
  EXPECT_EQ(body["parameters"][0]["name"], "p1");
  EXPECT_EQ(body["parameters"][0]["value"], "1");
  EXPECT_EQ(body["parameters"][0]["type"], "BIGINT");
  EXPECT_NE(body["statement"].get<std::string>().find("id >= :p1"), std::string::npos);
}

TEST_F(DatabricksConnectorTest, BindsOnlyTheParametersTheStatementUsesAndNullAsNoValue) {
  DatabricksConnector db(spec());
  ResultSet rs = db.query("SELECT $3 IS NULL AS n, $1 AS a", {"x", "unused", std::nullopt});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0], (std::vector<Value>{"1", "x"}));
  const auto& params = fake_.last_submit["parameters"];
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0]["name"], "p1");
  EXPECT_EQ(params[1]["name"], "p3");
  EXPECT_FALSE(params[1].contains("value"));
  EXPECT_EQ(params[0]["type"], "STRING");  // text unless the caller types it
}

TEST_F(DatabricksConnectorTest, SendsEachParameterWithItsDatabricksType) {
  DatabricksConnector db(spec());
  ResultSet rs =
      db.query("SELECT name FROM orders WHERE id = $1 AND total = $2 AND paid = $3 AND name <> $4",
               {{"1", ParamType::kInteger},
                {"12.5", ParamType::kDecimal},
                {"1", ParamType::kBoolean},
                "nobody"});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0], "ann");
  ASSERT_EQ(fake_.parameter_types.size(), 1u);
  EXPECT_EQ(fake_.parameter_types[0],
            (std::vector<std::string>{"BIGINT", "DECIMAL(3,1)", "BOOLEAN", "STRING"}));
  EXPECT_EQ(fake_.last_submit["parameters"][2]["value"], "true");
}

TEST_F(DatabricksConnectorTest, AValueThatIsNotItsTypeFailsTheStatement) {
  DatabricksConnector db(spec());
  std::string message;
  EXPECT_EQ(
      testing::kind_of(
          [&] {
            db.query("SELECT name FROM orders WHERE id = $1", {{"1.5x", ParamType::kInteger}});
          },
          nullptr, &message),
      ConnectorError::kQuery);
  EXPECT_NE(message.find("CAST_INVALID_INPUT"), std::string::npos) << message;
}

TEST_F(DatabricksConnectorTest, ReadsEveryResultChunk) {
  fake_.database().exec(
      "CREATE TABLE n (v LONG); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
      "WHERE x < 25) INSERT INTO n SELECT x FROM c;");
  fake_.chunk_rows = 10;
  DatabricksConnector db(spec());
  ResultSet rs = db.query("SELECT v FROM n ORDER BY v");
  ASSERT_EQ(rs.rows.size(), 25u);
  EXPECT_EQ(rs.rows[24][0], "25");
  EXPECT_EQ(fake_.chunk_requests, 2);
}

TEST_F(DatabricksConnectorTest, PollsAStatementThatIsStillRunning) {
  fake_.running_polls = 2;
  DatabricksConnector db(spec());
  ResultSet rs = db.query("SELECT name FROM orders WHERE id = $1", {"2"});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0], "bob");
  EXPECT_EQ(fake_.polls, 2);
}

TEST_F(DatabricksConnectorTest, CancelsAStatementAtTheTimeout) {
  fake_.running_polls = -1;
  ConnectionSpec s = spec();
  s.statement_timeout_ms = 300;
  DatabricksConnector db(s);
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT 1"); }, &code, &message),
            ConnectorError::kTimeout);
  EXPECT_EQ(code, "timeout");
  EXPECT_EQ(fake_.last_submit["wait_timeout"], "0s");
  std::lock_guard lock(fake_.seen_mutex);
  ASSERT_EQ(fake_.cancelled.size(), 1u);
  EXPECT_NE(message.find(*fake_.cancelled.begin()), std::string::npos) << message;
}

TEST_F(DatabricksConnectorTest, AFailedStatementIsAQueryErrorWithTheServersMessage) {
  DatabricksConnector db(spec());
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT * FROM missing_table"); }, &code, &message),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "query_failed");
  EXPECT_NE(message.find("ended FAILED (BAD_REQUEST)"), std::string::npos) << message;
  EXPECT_NE(message.find("missing_table"), std::string::npos) << message;
}

TEST_F(DatabricksConnectorTest, ClassifiesAuthAndWarehouseErrors) {
  ConnectionSpec s = spec();
  s.password = "dapi-wrong";
  DatabricksConnector wrong_token(s);
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { wrong_token.query("SELECT 1"); }, &code, &message),
            ConnectorError::kAuth);
  EXPECT_EQ(code, "auth_failed");
  EXPECT_EQ(message.find("dapi-wrong"), std::string::npos) << message;

  s = spec();
  s.options["http_path"] = "/sql/1.0/warehouses/nope";
  DatabricksConnector wrong_warehouse(s);
  EXPECT_EQ(testing::kind_of([&] { wrong_warehouse.query("SELECT 1"); }, &code, &message),
            ConnectorError::kConnect);
  EXPECT_EQ(code, "database_missing");
  EXPECT_NE(message.find("nope"), std::string::npos) << message;

  s = spec();
  s.options.erase("http_path");
  EXPECT_EQ(testing::kind_of([&] { DatabricksConnector none(s); }, &code, &message),
            ConnectorError::kConnect);
  EXPECT_NE(message.find("warehouse_id or http_path"), std::string::npos) << message;
}

TEST_F(DatabricksConnectorTest, OAuthMachineToMachineTokenIsFetchedOnceAndUsed) {
  ConnectionSpec s = spec();
  s.options["client_id"] = FakeDatabricks::kClientId;
  s.password = FakeDatabricks::kClientSecret;
  DatabricksConnector db(s);
  EXPECT_EQ(db.query("SELECT 1").rows.size(), 1u);
  EXPECT_EQ(db.query("SELECT 2").rows.size(), 1u);
  EXPECT_EQ(fake_.oauth_requests, 1);

  s.password = "wrong";
  DatabricksConnector refused(s);
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { refused.query("SELECT 1"); }, nullptr, &message),
            ConnectorError::kAuth);
  EXPECT_NE(message.find("HTTP 401): Client authentication failed"), std::string::npos) << message;
}

TEST_F(DatabricksConnectorTest, ReadsTheTokenFromTheNamedEnvironmentVariable) {
  ConnectionSpec s = spec();
  s.password.clear();
  s.options["token_env"] = "GODWIT_TEST_DATABRICKS_TOKEN";
  ::setenv("GODWIT_TEST_DATABRICKS_TOKEN", FakeDatabricks::kToken, 1);
  DatabricksConnector db(s);
  EXPECT_EQ(db.query("SELECT 1").rows.size(), 1u);
  ::unsetenv("GODWIT_TEST_DATABRICKS_TOKEN");
  EXPECT_EQ(testing::kind_of([&] { DatabricksConnector missing(s); }), ConnectorError::kAuth);
}

TEST_F(DatabricksConnectorTest, ReadOnlyConnectionsSendOnlyQueries) {
  DatabricksConnector db(spec());
  std::string code;
  EXPECT_EQ(testing::kind_of([&] { db.query("DROP TABLE orders"); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  EXPECT_EQ(fake_.submits, 0);
}

TEST(DatabricksTls, TalksToATrustedServerAndRefusesAnUntrustedOne) {
  FakeDatabricks fake(true);
  ConnectionSpec s;
  s.engine = Engine::kDatabricks;
  s.password = FakeDatabricks::kToken;
  s.options["endpoint"] = fake.endpoint();
  s.options["warehouse_id"] = FakeDatabricks::kWarehouse;
  s.options["ca_file"] = fake.ca_file();
  auto db = connect(s);
  EXPECT_EQ(db->query("SELECT 'tls' AS t").rows.at(0).at(0), "tls");
  EXPECT_EQ(db->quote_identifier("a`b"), "`a``b`");

  s.options.erase("ca_file");
  DatabricksConnector untrusted(s);
  EXPECT_EQ(testing::kind_of([&] { untrusted.query("SELECT 1"); }), ConnectorError::kConnect);

  s.options["endpoint"] = "http://adb-1.azuredatabricks.net";
  EXPECT_EQ(testing::kind_of([&] { DatabricksConnector plain(s); }), ConnectorError::kConnect);
}

TEST_F(DatabricksConnectorTest, IntrospectsASchemaFromInformationSchema) {
  fake_.database().exec(R"sql(
    ATTACH DATABASE ':memory:' AS information_schema;
    CREATE TABLE information_schema.tables (table_schema TEXT, table_name TEXT,
                                            table_type TEXT, comment TEXT);
    CREATE TABLE information_schema.views (table_schema TEXT, table_name TEXT,
                                           view_definition TEXT);
    CREATE TABLE information_schema.columns (table_schema TEXT, table_name TEXT,
        column_name TEXT, ordinal_position INT, is_nullable TEXT, full_data_type TEXT,
        column_default TEXT, comment TEXT);
    CREATE TABLE information_schema.table_constraints (constraint_schema TEXT,
        constraint_name TEXT, table_schema TEXT, table_name TEXT, constraint_type TEXT);
    CREATE TABLE information_schema.key_column_usage (constraint_schema TEXT,
        constraint_name TEXT, table_schema TEXT, table_name TEXT, column_name TEXT,
        ordinal_position INT, position_in_unique_constraint INT);
    CREATE TABLE information_schema.referential_constraints (constraint_schema TEXT,
        constraint_name TEXT, unique_constraint_schema TEXT, unique_constraint_name TEXT);
    INSERT INTO information_schema.tables VALUES
      ('shop', 'customers', 'MANAGED', 'who buys'), ('shop', 'orders', 'MANAGED', NULL),
      ('other', 'skipped', 'MANAGED', NULL);
    INSERT INTO information_schema.columns VALUES
      ('shop', 'customers', 'id', 1, 'NO', 'bigint', NULL, NULL),
      ('shop', 'orders', 'id', 1, 'NO', 'bigint', NULL, NULL),
      ('shop', 'orders', 'customer_id', 2, 'YES', 'bigint', NULL, 'buyer'),
      ('shop', 'orders', 'total', 3, 'YES', 'decimal(12,2)', '0', NULL);
    INSERT INTO information_schema.table_constraints VALUES
      ('shop', 'customers_pk', 'shop', 'customers', 'PRIMARY KEY'),
      ('shop', 'orders_pk', 'shop', 'orders', 'PRIMARY KEY'),
      ('shop', 'orders_customer_fk', 'shop', 'orders', 'FOREIGN KEY');
    INSERT INTO information_schema.key_column_usage VALUES
      ('shop', 'customers_pk', 'shop', 'customers', 'id', 1, NULL),
      ('shop', 'orders_pk', 'shop', 'orders', 'id', 1, NULL),
      ('shop', 'orders_customer_fk', 'shop', 'orders', 'customer_id', 1, 1);
    INSERT INTO information_schema.referential_constraints VALUES
      ('shop', 'orders_customer_fk', 'shop', 'customers_pk');
  )sql");
  ConnectionSpec s = spec();
  s.options["schema"] = "shop";
  DatabricksConnector db(s);
  schema::Catalog catalog = introspect(db);
  ASSERT_EQ(catalog.tables.size(), 2u);
  const schema::Table& customers = catalog.tables[0];
  const schema::Table& orders = catalog.tables[1];
  EXPECT_EQ(customers.comment, "who buys");
  ASSERT_EQ(orders.columns.size(), 3u);
  EXPECT_EQ(orders.columns[1].comment, "buyer");
  EXPECT_EQ(orders.columns[2].type.kind, sql::TypeKind::kDecimal);
  EXPECT_EQ(orders.columns[2].default_value, "0");
  ASSERT_TRUE(orders.primary_key.has_value());
  ASSERT_EQ(orders.foreign_keys.size(), 1u);
  EXPECT_EQ(orders.foreign_keys[0].referenced_table.name, "customers");
  EXPECT_EQ(orders.foreign_keys[0].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(count_tables(db), 2);
}

}  // namespace
}  // namespace godwit::validation
