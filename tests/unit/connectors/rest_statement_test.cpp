// The REST connectors' parameter typing: BigQuery parameterType and Databricks
// parameters[].type per ParamType, decimals sized from their value, booleans spelled as the
// APIs read them.
#include "validation/connectors/rest_statement.hpp"

#include <gtest/gtest.h>

namespace godwit::validation {
namespace {

TEST(RestStatementTest, MeasuresPlainDecimalsOnly) {
  auto shape = decimal_shape("-12.340");
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->precision, 5);
  EXPECT_EQ(shape->scale, 3);
  shape = decimal_shape("0.05");  // leading zeros are no digits of precision
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->precision, 2);
  EXPECT_EQ(shape->scale, 2);
  shape = decimal_shape("0");
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->precision, 1);
  EXPECT_EQ(shape->scale, 0);
  for (const char* text : {"", "-", "1e5", "12a", "."}) EXPECT_FALSE(decimal_shape(text)) << text;
}

TEST(RestStatementTest, SpellsBooleansAsTrueOrFalse) {
  for (const char* yes : {"1", "T", "true", "Yes"}) EXPECT_EQ(boolean_text(yes), "true") << yes;
  for (const char* no : {"0", "f", "FALSE", "no"}) EXPECT_EQ(boolean_text(no), "false") << no;
  EXPECT_EQ(boolean_text("maybe"), "maybe");  // the server says what is wrong
  EXPECT_EQ(rest_parameter_value({"1", ParamType::kBoolean}), "true");
  EXPECT_EQ(rest_parameter_value({"1", ParamType::kInteger}), "1");
}

TEST(RestStatementTest, NamesEachParamTypeAsBigQueryAndDatabricksDo) {
  struct Case {
    Param param;
    std::string bigquery;
    std::string databricks;
  };
  const std::vector<Case> cases = {
      {{"x"}, "STRING", "STRING"},
      {{"5", ParamType::kInteger}, "INT64", "BIGINT"},
      {{"-12.340", ParamType::kDecimal}, "NUMERIC", "DECIMAL(5,3)"},
      {{"7", ParamType::kDecimal}, "NUMERIC", "DECIMAL(1,0)"},
      {{"0.123456789", ParamType::kDecimal}, "NUMERIC", "DECIMAL(9,9)"},
      {{"0.1234567891", ParamType::kDecimal}, "BIGNUMERIC", "DECIMAL(10,10)"},
      {{std::string(29, '9'), ParamType::kDecimal}, "NUMERIC", "DECIMAL(29,0)"},
      {{std::string(30, '9'), ParamType::kDecimal}, "BIGNUMERIC", "DECIMAL(30,0)"},
      // Beyond DECIMAL(38): left to Databricks' own cast from STRING.
      {{std::string(39, '1'), ParamType::kDecimal}, "BIGNUMERIC", "STRING"},
      {{std::nullopt, ParamType::kDecimal}, "NUMERIC", "DECIMAL(38,0)"},
      {{"1.5", ParamType::kFloat}, "FLOAT64", "DOUBLE"},
      {{"t", ParamType::kBoolean}, "BOOL", "BOOLEAN"},
      {{"2024-01-02", ParamType::kDate}, "DATE", "DATE"},
      {{"2024-01-02 03:04:05", ParamType::kTimestamp}, "DATETIME", "TIMESTAMP_NTZ"},
      {{"2024-01-02 03:04:05+00", ParamType::kTimestampTz}, "TIMESTAMP", "TIMESTAMP"},
      {{"03:04:05", ParamType::kTime}, "TIME", "STRING"},
      {{"AP8=", ParamType::kBytes}, "BYTES", "STRING"},
  };
  for (const Case& c : cases) {
    const std::string what =
        c.param.value.value_or("NULL") + " as " + std::string(to_string(c.param.type));
    EXPECT_EQ(bigquery_parameter_type(c.param), c.bigquery) << what;
    EXPECT_EQ(databricks_parameter_type(c.param), c.databricks) << what;
  }
}

}  // namespace
}  // namespace godwit::validation
