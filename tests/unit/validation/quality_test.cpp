// The pure parts of rules, test cases and anomalies: rule and test-case validation
// against a catalog and the parser, rule derivation from a catalog and a mapping, the
// sample mask and the quantile-sketch statistics.
#include <gtest/gtest.h>

#include <algorithm>

#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"
#include "validation/anomalies.hpp"
#include "validation/rules.hpp"
#include "validation/statistics.hpp"
#include "validation/test_case.hpp"

namespace godwit::validation {
namespace {

schema::Catalog catalog(const std::string& ddl) {
  return schema::build_catalog(sql::parse_sql(ddl, sql::dialect_by_name("postgresql")), "t.sql");
}

const char* kShop = R"(
CREATE TABLE shop.orders (
  id bigint PRIMARY KEY,
  code varchar(10) NOT NULL,
  status text,
  qty int CHECK (qty >= 0 AND qty <= 1000),
  price numeric(10,2),
  discount numeric(4,2) CHECK (discount BETWEEN 0 AND 50),
  created_at timestamp,
  CONSTRAINT positive_price CHECK (price > 0),
  CONSTRAINT mixed CHECK (qty > 0 OR price > 0),
  UNIQUE (code, status)
);)";

Rule rule(std::string kind, std::string column, nlohmann::json params = nlohmann::json::object()) {
  Rule r;
  r.id = "r1";
  r.name = "test rule";
  r.kind = std::move(kind);
  r.table = {"shop", "orders"};
  r.column = std::move(column);
  r.params = std::move(params);
  return r;
}

bool has_code(const std::vector<Diagnostic>& ds, std::string_view code) {
  return std::any_of(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; });
}

TEST(ValidateRule, AcceptsEachWellFormedKind) {
  const schema::Catalog c = catalog(kShop);
  EXPECT_TRUE(validate_rule(rule("not_null", "status"), c, "postgresql").empty());
  EXPECT_TRUE(validate_rule(rule("unique", "code"), c, "postgresql").empty());
  EXPECT_TRUE(
      validate_rule(rule("range", "qty", {{"min", 0}, {"max", 10}}), c, "postgresql").empty());
  EXPECT_TRUE(
      validate_rule(rule("regex", "code", {{"pattern", "^[A-Z]{2}[0-9]+$"}}), c, "postgresql")
          .empty());
  EXPECT_TRUE(validate_rule(rule("accepted_values", "status", {{"values", {"open", "closed"}}}), c,
                            "postgresql")
                  .empty());
  EXPECT_TRUE(
      validate_rule(rule("freshness", "created_at", {{"max_age_hours", 24}}), c, "postgresql")
          .empty());
  Rule sql = rule("sql", "");
  sql.sql = "SELECT id FROM shop.orders WHERE qty > 10 AND price < 1;";
  EXPECT_TRUE(validate_rule(sql, c, "postgresql").empty());
}

TEST(ValidateRule, NamesWhatIsWrongAndHowToFixIt) {
  const schema::Catalog c = catalog(kShop);
  auto ds = validate_rule(rule("not_empty", "status"), c, "postgresql");
  ASSERT_TRUE(has_code(ds, "E-RULE-KIND"));
  EXPECT_NE(ds[0].message.find("use not_null"), std::string::npos);

  Rule missing_table = rule("not_null", "status");
  missing_table.table = {"shop", "ordres"};
  EXPECT_TRUE(has_code(validate_rule(missing_table, c, "postgresql"), "E-RULE-TABLE"));

  ds = validate_rule(rule("not_null", "stat"), c, "postgresql");
  ASSERT_TRUE(has_code(ds, "E-RULE-COLUMN"));
  EXPECT_NE(ds[0].message.find("'status'"), std::string::npos) << ds[0].message;

  EXPECT_TRUE(has_code(validate_rule(rule("range", "qty"), c, "postgresql"), "E-RULE-PARAMS"));
  EXPECT_TRUE(
      has_code(validate_rule(rule("range", "qty", {{"min", 5}, {"max", 1}}), c, "postgresql"),
               "E-RULE-PARAMS"));
  EXPECT_TRUE(
      has_code(validate_rule(rule("regex", "code", {{"pattern", "([A-Z"}}), c, "postgresql"),
               "E-RULE-REGEX"));
  EXPECT_TRUE(has_code(
      validate_rule(rule("accepted_values", "status", {{"values", nlohmann::json::array()}}), c,
                    "postgresql"),
      "E-RULE-PARAMS"));
  EXPECT_TRUE(
      has_code(validate_rule(rule("freshness", "created_at"), c, "postgresql"), "E-RULE-PARAMS"));
  EXPECT_TRUE(
      has_code(validate_rule(rule("freshness", "qty", {{"max_age_hours", 1}}), c, "postgresql"),
               "E-RULE-COLUMN"));
}

TEST(ValidateRule, SqlMustBeExactlyOneSelect) {
  const schema::Catalog c = catalog(kShop);
  for (const char* text :
       {"DELETE FROM shop.orders", "UPDATE shop.orders SET qty = 0", "DROP TABLE shop.orders",
        "SELECT 1; SELECT 2", "SELECT 1; DELETE FROM shop.orders",
        "SELECT * INTO x FROM shop.orders", "SELEC id FROM shop.orders", ""}) {
    Rule r = rule("sql", "");
    r.sql = text;
    EXPECT_TRUE(has_code(validate_rule(r, c, "postgresql"), "E-RULE-SQL") ||
                !validate_rule(r, c, "postgresql").empty())
        << text;
    EXPECT_FALSE(validate_rule(r, c, "postgresql").empty()) << text;
  }
  Rule wrong_dialect = rule("sql", "");
  wrong_dialect.sql = "SELECT 1";
  EXPECT_TRUE(has_code(validate_rule(wrong_dialect, c, "klingon"), "E-RULE-SQL"));
  // MySQL backquotes parse in the mysql dialect.
  Rule mysql = rule("sql", "");
  mysql.sql = "SELECT `id` FROM `orders` WHERE `qty` < 0";
  EXPECT_TRUE(validate_rule(mysql, c, "mysql").empty());
}

TEST(DeriveRules, FromKeysNotNullChecksAndValueMaps) {
  const schema::Catalog c = catalog(kShop);
  mapping::MappingDocument doc;
  mapping::FieldMapping status;
  status.target = {"shop.orders", "status"};
  status.status = mapping::MappingStatus::kApproved;
  status.value_map =
      mapping::ValueMap{{{"'O'", "'open'"}, {"'C'", "'closed'"}}, std::string("'other'")};
  doc.fields.push_back(status);
  mapping::FieldMapping open_map = status;  // no ELSE: unmapped codes pass through
  open_map.target = {"shop.orders", "code"};
  open_map.value_map->otherwise.reset();
  doc.fields.push_back(open_map);
  mapping::FieldMapping suggested = status;  // only approved mappings count
  suggested.status = mapping::MappingStatus::kSuggested;
  suggested.target = {"shop.orders", "price"};
  doc.fields.push_back(suggested);

  const std::vector<Rule> rules = derive_rules(c, doc);
  auto find = [&](std::string_view id) -> const Rule* {
    for (const Rule& r : rules)
      if (r.id == id) return &r;
    return nullptr;
  };
  ASSERT_NE(find("not_null:shop.orders:code"), nullptr);
  EXPECT_EQ(find("not_null:shop.orders:id"), nullptr);  // the key's unique rule covers it
  ASSERT_NE(find("unique:shop.orders:id"), nullptr);
  const Rule* pair = find("unique:shop.orders:code,status");
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->params["columns"], nlohmann::json({"code", "status"}));
  const Rule* qty = find("range:shop.orders:qty");
  ASSERT_NE(qty, nullptr);
  EXPECT_EQ(qty->params["min"], 0);
  EXPECT_EQ(qty->params["max"], 1000);
  const Rule* discount = find("range:shop.orders:discount");
  ASSERT_NE(discount, nullptr);
  EXPECT_EQ(discount->params["max"], 50);
  const Rule* price = find("range:shop.orders:price:positive_price");
  ASSERT_NE(price, nullptr);
  EXPECT_EQ(price->params["min"], 0);
  EXPECT_EQ(price->params["min_exclusive"], true);
  for (const Rule& r : rules)
    EXPECT_EQ(r.id.find("mixed"), std::string::npos) << r.id;  // OR: not a range
  const Rule* values = find("accepted_values:shop.orders:status");
  ASSERT_NE(values, nullptr);
  EXPECT_EQ(values->params["values"], nlohmann::json({"open", "closed", "other"}));
  EXPECT_EQ(values->origin, "mapping");
  EXPECT_EQ(find("accepted_values:shop.orders:code"), nullptr);
  EXPECT_EQ(find("accepted_values:shop.orders:price"), nullptr);
  for (const Rule& r : rules) EXPECT_TRUE(validate_rule(r, c, "postgresql").empty()) << r.id;
}

TEST(ValidateTestCase, EachSideOneSelectInItsDialect) {
  TestCase t;
  t.source_query = "SELECT `id`, `total` FROM `orders`";
  t.target_query = "SELECT \"id\", \"total\" FROM shop.orders ORDER BY 1";
  EXPECT_TRUE(validate_test_case(t, "mysql", "postgresql").empty());
  t.target_query = "INSERT INTO shop.orders VALUES (1)";
  auto ds = validate_test_case(t, "mysql", "postgresql");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].code, "E-TEST-TARGET-QUERY");
  t.target_query = "SELECT 1";
  t.source_query = "SELECT 1; SELECT 2";
  ds = validate_test_case(t, "mysql", "postgresql");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].code, "E-TEST-SOURCE-QUERY");
  t.source_query = "SELECT 1";
  t.numeric_tolerance = -1;
  t.max_rows = 0;
  ds = validate_test_case(t, "mysql", "postgresql");
  EXPECT_TRUE(has_code(ds, "E-TEST-TOLERANCE"));
  EXPECT_TRUE(has_code(ds, "E-TEST-MAX-ROWS"));
}

TEST(MaskValue, KeepsTheShapeOnly) {
  EXPECT_EQ(mask_value("Ann-42"), "Xxx-99");
  EXPECT_EQ(mask_value("2024-01-31 13:45:00"), "9999-99-99 99:99:99");
  EXPECT_EQ(mask_value("a.b@c.de"), "x.x@x.xx");
  EXPECT_EQ(mask_value(""), "");
  EXPECT_EQ(mask_value("Zoë 7"), "Xxx 9");  // one x per non-ASCII character
}

std::vector<QuantilePoint> uniform(double lo, double hi, int bins) {
  std::vector<QuantilePoint> s;
  for (int i = 0; i <= bins; ++i) {
    const double p = static_cast<double>(i) / bins;
    s.push_back({p, lo + p * (hi - lo)});
  }
  return s;
}

TEST(Statistics, KsDistanceOfQuantileSketches) {
  EXPECT_DOUBLE_EQ(sketch_ks_distance(uniform(0, 100, 20), uniform(0, 100, 20)), 0.0);
  // Shifted by half the range: the CDFs differ by 0.5 at the midpoint.
  EXPECT_NEAR(sketch_ks_distance(uniform(0, 100, 20), uniform(50, 150, 20)), 0.5, 1e-9);
  EXPECT_NEAR(sketch_ks_distance(uniform(0, 100, 20), uniform(200, 300, 20)), 1.0, 1e-9);
  EXPECT_NEAR(sketch_ks_distance(uniform(0, 100, 20), uniform(0, 110, 20)), 1.0 - 100.0 / 110,
              1e-9);
  // A constant column jumps from 0 to 1 at its value.
  const std::vector<QuantilePoint> constant = {{0, 5}, {0.5, 5}, {1, 5}};
  EXPECT_DOUBLE_EQ(sketch_cdf(constant, 5), 1.0);
  EXPECT_DOUBLE_EQ(sketch_cdf(constant, 5, true), 0.0);
  EXPECT_DOUBLE_EQ(sketch_ks_distance(constant, constant), 0.0);
  EXPECT_NEAR(sketch_ks_distance(constant, uniform(0, 10, 20)), 0.5, 1e-9);
  EXPECT_DOUBLE_EQ(sketch_cdf(uniform(0, 100, 4), 30), 0.3);
  EXPECT_DOUBLE_EQ(sketch_cdf(uniform(0, 100, 4), -1), 0.0);
  EXPECT_DOUBLE_EQ(sketch_cdf(uniform(0, 100, 4), 100), 1.0);
}

}  // namespace
}  // namespace godwit::validation
