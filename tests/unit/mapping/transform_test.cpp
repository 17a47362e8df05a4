// Transformations: direct for identical or widened types, (safe) casts with ROUND for
// scale losses, data-loss warnings, and formula validation by the SQL parser.
#include "mapping/transform.hpp"

#include <gtest/gtest.h>

#include "sql/types/type_reader.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::mapping {
namespace {

schema::Column col(const std::string& name, const std::string& type, std::string_view dialect) {
  schema::Column c;
  c.name = name;
  c.type_text = type;
  c.type = sql::read_type(type, *sql::find_type_table(dialect)).type;
  return c;
}

bool any_contains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

TEST(Transform, DirectForSameTypeAndSafeWidening) {
  TransformSuggestion same = suggest_transform(col("a", "INT", "postgres"),
                                               col("b", "INTEGER", "postgres"), "a", "postgres");
  EXPECT_EQ(same.transformation, Transformation::kDirect);
  EXPECT_TRUE(same.formula.empty());
  EXPECT_TRUE(same.warnings.empty());
  TransformSuggestion widen = suggest_transform(col("a", "INT", "postgres"),
                                                col("b", "BIGINT", "postgres"), "a", "postgres");
  EXPECT_EQ(widen.transformation, Transformation::kDirect);
}

TEST(Transform, ScaleLossRoundsAndUsesTheSafeCast) {
  TransformSuggestion t =
      suggest_transform(col("amount", "NUMBER(38,10)", "oracle"),
                        col("amount", "NUMERIC(12, 2)", "bigquery"), "amount", "bigquery");
  EXPECT_EQ(t.transformation, Transformation::kCast);
  EXPECT_EQ(t.formula, "SAFE_CAST(ROUND(amount, 2) AS NUMERIC(12, 2))");
  EXPECT_TRUE(any_contains(t.warnings, "W-TYPE-SCALE")) << t.warnings.size();
  std::vector<Diagnostic> errors;
  EXPECT_TRUE(validate_formula(t.formula, "bigquery", {"amount"}, errors));
}

TEST(Transform, CrossFamilyCastAndDialectsWithoutSafeCast) {
  TransformSuggestion t = suggest_transform(col("zip", "VARCHAR(10)", "postgres"),
                                            col("zip", "INTEGER", "postgres"), "zip", "postgres");
  EXPECT_EQ(t.transformation, Transformation::kCast);
  EXPECT_EQ(t.formula, "CAST(zip AS INTEGER)");
  EXPECT_TRUE(any_contains(t.warnings, "no safe cast"));
  EXPECT_EQ(safe_cast_function("snowflake"), "TRY_CAST");
  EXPECT_EQ(safe_cast_function("sqlserver"), "TRY_CAST");
  EXPECT_EQ(safe_cast_function("BigQuery"), "SAFE_CAST");
  EXPECT_EQ(safe_cast_function("postgres"), "CAST");
}

TEST(Transform, IncompatibleTypesAreWarned) {
  TransformSuggestion t = suggest_transform(col("d", "DATE", "postgres"),
                                            col("b", "BOOLEAN", "postgres"), "d", "postgres");
  EXPECT_TRUE(any_contains(t.warnings, "incompatible"));
}

TEST(Transform, QuotesIdentifiersPerDialect) {
  EXPECT_EQ(quote_identifier("amount", "postgres"), "amount");
  EXPECT_EQ(quote_identifier("first name", "postgres"), "\"first name\"");
  EXPECT_EQ(quote_identifier("first name", "bigquery"), "`first name`");
  EXPECT_EQ(quote_identifier("a]b", "tsql"), "[a]]b]");
}

TEST(Transform, FormulaValidation) {
  std::vector<Diagnostic> errors;
  EXPECT_TRUE(validate_formula("CONCAT(first_nm, ' ', last_nm)", "postgres",
                               {"first_nm", "last_nm"}, errors));
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(validate_formula("CAST(x AS", "postgres", {"x"}, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "E-MAPPING-FORMULA");
  errors.clear();
  EXPECT_FALSE(validate_formula("UPPER(nme)", "postgres", {"name"}, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "E-MAPPING-FORMULA-COLUMN");
  EXPECT_NE(errors[0].message.find("nme"), std::string::npos);
  errors.clear();
  // A date-part word as a function's first argument is a unit, not a column; the same
  // word elsewhere, or an unknown column after it, is still an error.
  EXPECT_TRUE(
      validate_formula("DATEADD(nanosecond, 5, created_at)", "snowflake", {"created_at"}, errors));
  EXPECT_TRUE(
      validate_formula("EXTRACT(NANOSECOND FROM created_at)", "snowflake", {"created_at"}, errors));
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(validate_formula("nanosecond + 1", "snowflake", {"created_at"}, errors));
  EXPECT_FALSE(
      validate_formula("DATEADD(nanosecond, 5, createdat)", "snowflake", {"created_at"}, errors));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[1].message.find("createdat"), std::string::npos);
  errors.clear();
  EXPECT_FALSE(validate_formula("a, b", "postgres", {}, errors));
  errors.clear();
  EXPECT_FALSE(validate_formula("a", "klingon", {}, errors));
  EXPECT_EQ(errors[0].code, "E-MAPPING-DIALECT");
  errors.clear();
  EXPECT_FALSE(validate_formula("", "postgres", {}, errors));
  errors.clear();
  EXPECT_TRUE(
      validate_formula("c.first_nm || c.last_nm", "postgres", {"c.first_nm", "c.last_nm"}, errors));
}

}  // namespace
}  // namespace godwit::mapping
