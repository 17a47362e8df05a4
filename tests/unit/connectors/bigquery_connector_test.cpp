// The BigQuery connector against the protocol fake (fake_bigquery.hpp): token exchange
// with a verified RS256 assertion, jobs.query with positional parameters, paging,
// asynchronous completion, cancellation at the timeout, errors, type mapping, TLS, and
// introspection over INFORMATION_SCHEMA.
#include "validation/connectors/bigquery_connector.hpp"

#include <gtest/gtest.h>

#include "connector_test_support.hpp"
#include "fake_bigquery.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::validation {
namespace {

using testing::FakeBigQuery;

class BigQueryConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.database().exec(R"sql(
      CREATE TABLE orders (id INT64, amount NUMERIC, ratio FLOAT64, paid BOOL, name STRING,
                           payload BYTES, born DATE, seen DATETIME, at TIMESTAMP);
      INSERT INTO orders VALUES
        (1, '12.50', 0.25, 1, 'ann', x'00ff', '2024-01-02', '2024-01-02T03:04:05.5',
         1700000000123456),
        (2, NULL, NULL, 0, 'bo''b', NULL, NULL, NULL, NULL),
        (3, '-7', 1.5, NULL, NULL, x'', '1999-12-31', '1999-12-31T23:59:59', 0);
    )sql");
  }

  ConnectionSpec spec(const FakeBigQuery& fake) const { return fake.connection_spec(); }

  FakeBigQuery fake_{false};
};

TEST_F(BigQueryConnectorTest, RunsAQueryWithPositionalParametersAndMapsEveryType) {
  BigQueryConnector db(spec(fake_));
  ResultSet rs = db.query(
      "SELECT id, amount, ratio, paid, name, payload, born, seen, at FROM `orders` "
      "WHERE id >= $1 AND (name IS NULL OR name <> $2) ORDER BY id",
      {{"1", ParamType::kInteger}, "nobody"});
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"id", "amount", "ratio", "paid", "name",
                                                  "payload", "born", "seen", "at"}));
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(rs.rows[0],
            (std::vector<Value>{"1", "12.5", "0.25", "true", "ann", "AP8=", "2024-01-02",
                                "2024-01-02 03:04:05.5", "2023-11-14 22:13:20.123456+00"}));
  EXPECT_EQ(rs.rows[1],
            (std::vector<Value>{"2", std::nullopt, std::nullopt, "false", "bo'b", std::nullopt,
                                std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_EQ(rs.rows[2][8], "1970-01-01 00:00:00+00");
  EXPECT_EQ(rs.rows[2][5], "");

  const nlohmann::json& body = fake_.last_query_body;
  EXPECT_EQ(body["useLegacySql"], false);
  EXPECT_EQ(body["parameterMode"], "POSITIONAL");
  ASSERT_EQ(body["queryParameters"].size(), 2u);
  EXPECT_EQ(body["queryParameters"][0]["parameterType"]["type"], "INT64");
  EXPECT_EQ(body["queryParameters"][1]["parameterType"]["type"], "STRING");
  EXPECT_EQ(body["queryParameters"][1]["parameterValue"]["value"], "nobody");
  EXPECT_EQ(body["formatOptions"]["useInt64Timestamp"], true);
  EXPECT_NE(body["query"].get<std::string>().find("id >= ? AND"), std::string::npos);
}

TEST_F(BigQueryConnectorTest, BindsNullAndReusesParametersInOrderOfAppearance) {
  BigQueryConnector db(spec(fake_));
  ResultSet rs = db.query("SELECT $2 AS b, $1 AS a, $2 IS NULL AS n", {"x", std::nullopt});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0], (std::vector<Value>{std::nullopt, "x", "1"}));
  const auto& params = fake_.last_query_body["queryParameters"];
  ASSERT_EQ(params.size(), 3u);
  EXPECT_FALSE(params[0]["parameterValue"].contains("value"));
  EXPECT_EQ(params[1]["parameterValue"]["value"], "x");
}

TEST_F(BigQueryConnectorTest, SignsAVerifiableAssertionAndCachesTheToken) {
  BigQueryConnector db(spec(fake_));
  db.query("SELECT 1");
  db.query("SELECT 2");
  EXPECT_EQ(fake_.token_requests, 1);
  auto claims = nlohmann::json::parse(fake_.last_token_claims);
  EXPECT_EQ(claims["iss"], FakeBigQuery::kEmail);
  EXPECT_EQ(claims["aud"], fake_.endpoint() + "/token");
  EXPECT_EQ(claims["scope"], "https://www.googleapis.com/auth/bigquery");
  EXPECT_EQ(claims["exp"].get<std::int64_t>() - claims["iat"].get<std::int64_t>(), 3600);
}

TEST_F(BigQueryConnectorTest, AKeyTheServerDoesNotKnowIsAnAuthError) {
  ConnectionSpec s = spec(fake_);
  s.password = fake_.foreign_key_json();
  BigQueryConnector db(s);
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT 1"); }, &code, &message),
            ConnectorError::kAuth);
  EXPECT_EQ(code, "auth_failed");
  EXPECT_NE(message.find("Invalid JWT Signature"), std::string::npos) << message;
  EXPECT_EQ(message.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(fake_.query_requests, 0);
}

TEST_F(BigQueryConnectorTest, MalformedKeysAreRefusedWithoutQuotingThem) {
  ConnectionSpec s = spec(fake_);
  s.database = "test-project";
  s.password = R"({"type":"service_account","client_email":"a@b","private_key":"not a key"})";
  BigQueryConnector db(s);
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT 1"); }, &code, &message),
            ConnectorError::kAuth);
  EXPECT_NE(message.find("not an RSA private key"), std::string::npos) << message;
  EXPECT_EQ(message.find("not a key"), std::string::npos);

  s.password = R"({"type":"service_account","private_key":"x"})";
  EXPECT_EQ(testing::kind_of([&] { BigQueryConnector bad(s); }, &code, &message),
            ConnectorError::kAuth);
  EXPECT_NE(message.find("client_email"), std::string::npos) << message;
  s.password = "{";
  EXPECT_EQ(testing::kind_of([&] { BigQueryConnector bad(s); }, &code, &message),
            ConnectorError::kAuth);
}

TEST_F(BigQueryConnectorTest, PagesThroughResultsWithPageTokens) {
  fake_.database().exec(
      "CREATE TABLE n (v INT64); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
      "WHERE x < 25) INSERT INTO n SELECT x FROM c;");
  ConnectionSpec s = spec(fake_);
  s.options["max_results"] = "10";
  BigQueryConnector db(s);
  std::vector<std::string> seen;
  db.query_each("SELECT v FROM n ORDER BY v", {}, [&](const std::vector<Value>& row) {
    seen.push_back(*row[0]);
    return true;
  });
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(seen.front(), "1");
  EXPECT_EQ(seen.back(), "25");
  EXPECT_EQ(fake_.page_requests, 2);
  EXPECT_EQ(fake_.last_query_body["maxResults"], 10);

  // Stopping early reads no further page.
  int rows = 0;
  db.query_each("SELECT v FROM n", {}, [&](const std::vector<Value>&) { return ++rows < 3; });
  EXPECT_EQ(rows, 3);
  EXPECT_EQ(fake_.page_requests, 2);
}

TEST_F(BigQueryConnectorTest, WaitsForAJobThatCompletesLater) {
  fake_.pending_polls = 2;
  BigQueryConnector db(spec(fake_));
  ResultSet rs = db.query("SELECT name FROM orders WHERE id = $1", {{"1", ParamType::kInteger}});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0], "ann");
  EXPECT_EQ(fake_.page_requests, 2);
}

TEST_F(BigQueryConnectorTest, CancelsTheJobAtTheStatementTimeout) {
  fake_.pending_polls = -1;
  ConnectionSpec s = spec(fake_);
  s.statement_timeout_ms = 300;
  BigQueryConnector db(s);
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT 1"); }, &code, &message),
            ConnectorError::kTimeout);
  EXPECT_EQ(code, "timeout");
  std::lock_guard lock(fake_.seen_mutex);
  ASSERT_EQ(fake_.cancelled_jobs.size(), 1u);
  EXPECT_NE(message.find(*fake_.cancelled_jobs.begin()), std::string::npos) << message;
}

TEST_F(BigQueryConnectorTest, ClassifiesServerErrors) {
  BigQueryConnector db(spec(fake_));
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT FROM WHERE"); }, &code, &message),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "query_failed");
  EXPECT_NE(message.find("invalidQuery"), std::string::npos) << message;

  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT * FROM `missing`"); }, &code, &message),
            ConnectorError::kQuery);
  EXPECT_NE(message.find("HTTP 404"), std::string::npos) << message;
  EXPECT_NE(message.find("check the project, dataset and table names"), std::string::npos);

  fake_.fail_with_503 = true;
  EXPECT_EQ(testing::kind_of([&] { db.query("SELECT 1"); }, &code, &message),
            ConnectorError::kConnect);
  EXPECT_NE(message.find("HTTP 503"), std::string::npos) << message;
}

TEST_F(BigQueryConnectorTest, ReadOnlyConnectionsSendOnlyQueries) {
  BigQueryConnector db(spec(fake_));
  std::string code;
  EXPECT_EQ(testing::kind_of([&] { db.query("DELETE FROM orders WHERE true"); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  EXPECT_EQ(fake_.query_requests, 0);
  EXPECT_EQ(db.query(" -- why\n/* c */ WITH x AS (SELECT 1) SELECT * FROM x").rows.size(), 1u);
}

TEST_F(BigQueryConnectorTest, RefusesPlainHttpToAnythingButLoopback) {
  ConnectionSpec s = spec(fake_);
  s.options["endpoint"] = "http://bigquery.example.com";
  std::string code;
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { BigQueryConnector db(s); }, &code, &message),
            ConnectorError::kConnect);
  EXPECT_EQ(code, "bad_option");
  EXPECT_NE(message.find("must use https"), std::string::npos) << message;
}

TEST(BigQueryTls, TalksToATrustedServerAndRefusesAnUntrustedOne) {
  FakeBigQuery fake(true);
  ConnectionSpec s;
  s.engine = Engine::kBigQuery;
  s.password = fake.key_json();
  s.options["endpoint"] = fake.endpoint();
  s.options["ca_file"] = fake.ca_file();
  ASSERT_TRUE(fake.endpoint().starts_with("https://"));
  auto db = connect(s);
  EXPECT_EQ(db->query("SELECT 'tls' AS t").rows.at(0).at(0), "tls");
  EXPECT_EQ(db->server_version(), "BigQuery (project test-project)");

  s.options.erase("ca_file");
  BigQueryConnector untrusted(s);
  EXPECT_EQ(testing::kind_of([&] { untrusted.query("SELECT 1"); }), ConnectorError::kConnect);
}

TEST(BigQueryCells, MapsRestValuesToCanonicalText) {
  EXPECT_EQ(bigquery_cell_text("TIMESTAMP", false, "1.7000000005E9"), "2023-11-14 22:13:20.5+00");
  EXPECT_EQ(bigquery_cell_text("TIMESTAMP", false, "-1000000"), "1969-12-31 23:59:59+00");
  EXPECT_EQ(bigquery_cell_text("TIMESTAMP", false, "-1"), "1969-12-31 23:59:59.999999+00");
  EXPECT_EQ(bigquery_cell_text("DATETIME", false, "2020-02-29T12:00:00"), "2020-02-29 12:00:00");
  EXPECT_EQ(bigquery_cell_text("BIGNUMERIC", false, "1.000000000000000000000000000000000001"),
            "1.000000000000000000000000000000000001");
  EXPECT_EQ(bigquery_cell_text("INT64", true, nlohmann::json::parse(R"([{"v":"1"},{"v":"2"}])")),
            R"([{"v":"1"},{"v":"2"}])");
  EXPECT_EQ(bigquery_cell_text("STRING", false, nullptr), std::nullopt);
}

TEST(BigQueryQuoting, EscapesBackticksAndBackslashes) {
  FakeBigQuery fake(false);
  ConnectionSpec s;
  s.engine = Engine::kBigQuery;
  s.password = fake.key_json();
  s.options["endpoint"] = fake.endpoint();
  BigQueryConnector db(s);
  EXPECT_EQ(db.quote_identifier("a`b\\c"), "`a\\`b\\\\c`");
  EXPECT_EQ(db.quote_name({"p", "d", "t"}), "`p`.`d`.`t`");
}

TEST_F(BigQueryConnectorTest, IntrospectsADatasetFromInformationSchema) {
  fake_.rewrites = {{"`test-project`.`sales`.INFORMATION_SCHEMA.", "is_"}};
  fake_.database().exec(R"sql(
    CREATE TABLE is_TABLES (table_schema TEXT, table_name TEXT, table_type TEXT);
    CREATE TABLE is_VIEWS (table_schema TEXT, table_name TEXT, view_definition TEXT);
    CREATE TABLE is_COLUMNS (table_schema TEXT, table_name TEXT, column_name TEXT,
                             ordinal_position INT, is_nullable TEXT, data_type TEXT);
    CREATE TABLE is_TABLE_CONSTRAINTS (constraint_name TEXT, table_schema TEXT, table_name TEXT,
                                       constraint_type TEXT);
    CREATE TABLE is_KEY_COLUMN_USAGE (constraint_name TEXT, table_schema TEXT, table_name TEXT,
                                      column_name TEXT, ordinal_position INT,
                                      position_in_unique_constraint INT);
    CREATE TABLE is_CONSTRAINT_COLUMN_USAGE (constraint_name TEXT, table_schema TEXT,
                                             table_name TEXT, column_name TEXT);
    INSERT INTO is_TABLES VALUES ('sales', 'customers', 'BASE TABLE'),
                                 ('sales', 'orders', 'BASE TABLE'),
                                 ('sales', 'big_orders', 'VIEW');
    INSERT INTO is_VIEWS VALUES ('sales', 'big_orders', 'SELECT * FROM sales.orders');
    INSERT INTO is_COLUMNS VALUES
      ('sales', 'customers', 'id', 1, 'NO', 'INT64'),
      ('sales', 'customers', 'name', 2, 'YES', 'STRING(40)'),
      ('sales', 'orders', 'id', 1, 'NO', 'INT64'),
      ('sales', 'orders', 'customer_id', 2, 'YES', 'INT64'),
      ('sales', 'orders', 'total', 3, 'YES', 'NUMERIC(12, 2)'),
      ('sales', 'orders', 'at', 4, 'YES', 'TIMESTAMP'),
      ('sales', 'big_orders', 'id', 1, 'YES', 'INT64');
    INSERT INTO is_TABLE_CONSTRAINTS VALUES
      ('customers.pk$', 'sales', 'customers', 'PRIMARY KEY'),
      ('orders.pk$', 'sales', 'orders', 'PRIMARY KEY'),
      ('fk_customer', 'sales', 'orders', 'FOREIGN KEY');
    INSERT INTO is_KEY_COLUMN_USAGE VALUES
      ('customers.pk$', 'sales', 'customers', 'id', 1, NULL),
      ('orders.pk$', 'sales', 'orders', 'id', 1, NULL),
      ('fk_customer', 'sales', 'orders', 'customer_id', 1, 1);
    INSERT INTO is_CONSTRAINT_COLUMN_USAGE VALUES
      ('fk_customer', 'sales', 'customers', 'id');
  )sql");
  ConnectionSpec s = spec(fake_);
  s.options["dataset"] = "sales";
  BigQueryConnector db(s);
  schema::Catalog catalog = introspect(db);
  ASSERT_EQ(catalog.tables.size(), 3u);
  const schema::Table* orders = nullptr;
  const schema::Table* view = nullptr;
  for (const auto& t : catalog.tables) {
    if (t.name.name == "orders") orders = &t;
    if (t.name.name == "big_orders") view = &t;
  }
  ASSERT_NE(orders, nullptr);
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(view->kind, schema::TableKind::kView);
  EXPECT_EQ(view->query, "SELECT * FROM sales.orders");
  ASSERT_EQ(orders->columns.size(), 4u);
  EXPECT_FALSE(orders->columns[0].nullable);
  EXPECT_EQ(orders->columns[2].type_text, "NUMERIC(12, 2)");
  EXPECT_EQ(orders->columns[2].type.kind, sql::TypeKind::kDecimal);
  EXPECT_EQ(orders->columns[3].type.kind, sql::TypeKind::kTimestamp);
  ASSERT_TRUE(orders->primary_key.has_value());
  EXPECT_EQ(orders->primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(orders->foreign_keys.size(), 1u);
  EXPECT_EQ(orders->foreign_keys[0].referenced_table.name, "customers");
  EXPECT_EQ(orders->foreign_keys[0].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_NE(fake_.last_query_body["query"].get<std::string>().find(
                "`test-project`.`sales`.INFORMATION_SCHEMA.KEY_COLUMN_USAGE"),
            std::string::npos);
}

}  // namespace
}  // namespace godwit::validation
