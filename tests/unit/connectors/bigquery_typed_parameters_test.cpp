// Typed query parameters on BigQuery, against the protocol fake, which refuses a STRING
// parameter compared with an INT64 column as BigQuery does: the keyed diff's key-range
// bisection and point look-ups on an INT64 key send INT64 parameters and find the planted
// differences, and each ParamType reaches the API as its BigQuery type.
#include <gtest/gtest.h>

#include <set>

#include "connector_test_support.hpp"
#include "fake_bigquery.hpp"
#include "validation/connectors/bigquery_connector.hpp"
#include "validation/diff.hpp"
#include "validation/rules.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;
using testing::FakeBigQuery;

class BigQueryTypedParametersTest : public ::testing::Test {
 protected:
  FakeBigQuery fake_{false};
  BigQueryConnector db_{fake_.connection_spec()};
};

TEST_F(BigQueryTypedParametersTest, TheFakeRefusesAStringComparedWithAnInt64Column) {
  fake_.database().exec("CREATE TABLE t (id INT64, name STRING); INSERT INTO t VALUES (1, 'a');");
  std::string message;
  EXPECT_EQ(testing::kind_of([&] { db_.query("SELECT name FROM t WHERE id = $1", {"1"}); }, nullptr,
                             &message),
            ConnectorError::kQuery);
  EXPECT_NE(message.find("No matching signature for operator = for argument types: INT64, STRING"),
            std::string::npos)
      << message;
  // In an IN list too; and a STRING compared with a STRING column is fine.
  EXPECT_THROW(db_.query("SELECT name FROM t WHERE `id` IN ($1, $2)", {"1", "2"}), ConnectorError);
  EXPECT_EQ(db_.query("SELECT id FROM t WHERE name = $1", {"a"}).rows.size(), 1u);
  EXPECT_EQ(db_.query("SELECT name FROM t WHERE `id` IN ($1)", {{"1", ParamType::kInteger}})
                .rows.at(0)
                .at(0),
            "a");
}

TEST_F(BigQueryTypedParametersTest, SendsEachParamTypeAsItsBigQueryType) {
  ResultSet rs = db_.query(
      "SELECT $1 AS i, $2 AS n, $3 AS big, $4 AS f, $5 AS b, $6 AS d, $7 AS dt, $8 AS ts, "
      "$9 AS bytes, $10 AS s, $11 AS missing",
      {{"42", ParamType::kInteger},
       {"12.50", ParamType::kDecimal},
       {"1.1234567891", ParamType::kDecimal},
       {"0.25", ParamType::kFloat},
       {"t", ParamType::kBoolean},
       {"2024-01-02", ParamType::kDate},
       {"2024-01-02 03:04:05.5", ParamType::kTimestamp},
       {"2024-01-02 03:04:05.5+00", ParamType::kTimestampTz},
       {"AP8=", ParamType::kBytes},
       "text",
       {std::nullopt, ParamType::kInteger}});
  ASSERT_EQ(fake_.parameter_types.size(), 1u);
  EXPECT_EQ(fake_.parameter_types[0],
            (std::vector<std::string>{"INT64", "NUMERIC", "BIGNUMERIC", "FLOAT64", "BOOL", "DATE",
                                      "DATETIME", "TIMESTAMP", "BYTES", "STRING", "INT64"}));
  const auto& params = fake_.last_query_body["queryParameters"];
  EXPECT_EQ(params[4]["parameterValue"]["value"], "true");  // BigQuery reads true/false
  EXPECT_FALSE(params[10]["parameterValue"].contains("value"));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0], "42");  // bound as an integer, read back as INT64
  EXPECT_EQ(rs.rows[0][8], "AP8=");
  EXPECT_EQ(rs.rows[0][10], std::nullopt);
}

TEST_F(BigQueryTypedParametersTest, AValueThatIsNotItsTypeIsAQueryError) {
  std::string message;
  EXPECT_EQ(testing::kind_of(
                [&] {
                  db_.query("SELECT $1 AS i", {{"4x", ParamType::kInteger}});
                },
                nullptr, &message),
            ConnectorError::kQuery);
  EXPECT_NE(message.find("'4x' is not a valid INT64"), std::string::npos) << message;
}

TEST_F(BigQueryTypedParametersTest, TheKeyedDiffOnAnInt64KeySendsInt64Parameters) {
  fake_.database().exec(R"sql(
    CREATE TABLE src (id INT64, name STRING);
    CREATE TABLE dst (id INT64, name STRING);
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300)
    INSERT INTO src SELECT x, 'name ' || x FROM c;
    INSERT INTO dst SELECT * FROM src WHERE id <> 17;
    UPDATE dst SET name = 'changed' WHERE id = 123;
    INSERT INTO dst VALUES (301, 'extra');
  )sql");
  BigQueryConnector target(fake_.connection_spec());
  TableDiffRequest request;
  request.source_table = {"src"};
  request.target_table = {"dst"};
  request.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
  request.columns = {{"name", "name", LogicalType::text(), LogicalType::text()}};
  request.options.first_level_segments = 4;  // bisect
  request.options.leaf_rows = 16;

  const TableDiff diff = diff_table(db_, target, request);

  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 1u);
  EXPECT_EQ(diff.changed, 1u);
  ASSERT_EQ(diff.rows.size(), 3u);
  std::set<std::string> keys;
  for (const RowDifference& row : diff.rows) keys.insert(row.key.at(0).value_or("NULL"));
  EXPECT_EQ(keys, (std::set<std::string>{"17", "123", "301"}));
  EXPECT_GE(diff.stats.levels, 2u);  // it did bisect

  // Every bound parameter (range bounds, segment width, looked-up keys) was an INT64.
  std::size_t typed = 0;
  for (const auto& types : fake_.parameter_types) {
    for (const std::string& type : types) {
      EXPECT_EQ(type, "INT64");
      ++typed;
    }
  }
  EXPECT_GT(typed, 0u);
}

TEST_F(BigQueryTypedParametersTest, ARangeRuleBindsItsBoundsAsTheColumnsType) {
  fake_.database().exec(
      "CREATE TABLE orders (id INT64, qty INT64); "
      "INSERT INTO orders VALUES (1, 5), (2, 50), (3, -1), (4, 49);");
  schema::Catalog catalog;
  schema::Table table;
  table.name.name = "orders";
  table.key = "orders";
  for (const char* name : {"id", "qty"}) {
    schema::Column column;
    column.name = column.key = name;
    column.type_text = "INT64";
    column.type = LogicalType::integer(64);
    table.columns.push_back(std::move(column));
  }
  catalog.add_table(std::move(table));
  Rule rule;
  rule.id = "qty-range";
  rule.name = "qty from 0 to 49";
  rule.kind = "range";
  rule.table = {"orders"};
  rule.column = "qty";
  rule.params = {{"min", 0}, {"max", 49}};
  rule.origin = "person";
  const CheckResult result = run_rule(db_, rule, catalog, true);

  EXPECT_EQ(result.status, CheckStatus::kFailed) << result.message;
  EXPECT_EQ(result.records_tested, 4u);
  EXPECT_EQ(result.records_failed, 2u);
  ASSERT_FALSE(fake_.parameter_types.empty());
  for (const auto& types : fake_.parameter_types) {
    EXPECT_EQ(types, (std::vector<std::string>{"INT64", "INT64"}));
  }
}

}  // namespace
}  // namespace godwit::validation
