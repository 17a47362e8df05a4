// Analysis findings over hand-written catalogs: each code fires on the case it names and
// stays silent on the counter-example next to it.
#include "discovery/findings.hpp"

#include <gtest/gtest.h>

#include <string>

#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::discovery {
namespace {

schema::Catalog build(const std::string& sql, std::string_view dialect = "postgres") {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name(dialect));
  EXPECT_FALSE(r.has_errors()) << sql;
  return schema::build_catalog(r, "test.sql");
}

/// "CODE object" for every finding with `code`.
std::vector<std::string> with_code(const std::vector<Finding>& fs, std::string_view code) {
  std::vector<std::string> out;
  for (const Finding& f : fs)
    if (f.code == code) out.push_back(f.objects.empty() ? "" : f.objects[0]);
  return out;
}

TEST(Findings, MissingPrimaryKeysAndNullableForeignKeys) {
  schema::Catalog c = build(
      "CREATE TABLE a (id int PRIMARY KEY);"
      "CREATE TABLE b (x int, a_id int REFERENCES a, a2 int NOT NULL REFERENCES a)");
  std::vector<Finding> fs = analyze(c);
  EXPECT_EQ(with_code(fs, "F-NO-PRIMARY-KEY"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(with_code(fs, "F-NULLABLE-FOREIGN-KEY"), (std::vector<std::string>{"b.a_id"}));
  for (const Finding& f : fs)
    if (f.code == "F-NO-PRIMARY-KEY") {
      EXPECT_EQ(f.severity, FindingSeverity::kWarning);
    }
}

TEST(Findings, ReservedWordsOfTheTarget) {
  schema::Catalog c = build("CREATE TABLE \"order\" (id int PRIMARY KEY, \"select\" int, qty int)");
  EXPECT_TRUE(with_code(analyze(c), "F-RESERVED-WORD").empty());  // no target: no check
  FindingOptions options;
  options.target_dialect = "bigquery";
  EXPECT_EQ(with_code(analyze(c, options), "F-RESERVED-WORD"),
            (std::vector<std::string>{"order", "order.select"}));
  options.target_dialect = "nosuchdb";
  std::vector<Finding> fs = analyze(c, options);
  ASSERT_FALSE(fs.empty());
  EXPECT_EQ(fs[0].code, "F-TARGET-UNKNOWN");
  EXPECT_NE(fs[0].message.find("bigquery"), std::string::npos);  // says what is valid
}

TEST(Findings, WideTablesAndTypeLosses) {
  std::string sql = "CREATE TABLE wide (id int PRIMARY KEY, amount decimal(65, 30), doc json";
  for (int i = 0; i < 99; ++i) sql += ", c" + std::to_string(i) + " int";
  sql += "); CREATE TABLE narrow (id int PRIMARY KEY, note varchar(10))";
  schema::Catalog c = build(sql, "mysql");
  FindingOptions options;
  options.target_dialect = "tsql";
  std::vector<Finding> fs = analyze(c, options);
  EXPECT_EQ(with_code(fs, "F-WIDE-TABLE"), (std::vector<std::string>{"wide"}));
  EXPECT_EQ(with_code(fs, "F-TYPE-LOSS"), (std::vector<std::string>{"wide.amount", "wide.doc"}));
  for (const Finding& f : fs)
    if (f.code == "F-TYPE-LOSS") {
      ASSERT_FALSE(f.evidence.empty());
      EXPECT_EQ(f.evidence[0].rfind("W-TYPE-", 0), 0u) << f.evidence[0];
    }
}

TEST(Findings, PartitionAndClusterCandidatesOnFactTables) {
  schema::Catalog c = build(R"(
    CREATE TABLE customers (id int PRIMARY KEY, created_at timestamp);
    CREATE TABLE sales_fact (id bigint PRIMARY KEY, customer_id int REFERENCES customers,
                             store_id int, sale_date date, birthday date, amount numeric);
  )");
  std::vector<Finding> fs = analyze(c);
  // customers is not fact-like: its created_at is not proposed.
  EXPECT_EQ(with_code(fs, "F-PARTITION-CANDIDATE"),
            (std::vector<std::string>{"sales_fact.sale_date"}));
  EXPECT_EQ(with_code(fs, "F-CLUSTER-CANDIDATE"),
            (std::vector<std::string>{"sales_fact.customer_id", "sales_fact.store_id"}));
}

TEST(Findings, BusinessDomainGuesses) {
  EXPECT_EQ(guess_domain("customers").domain, "crm");
  EXPECT_EQ(guess_domain("SalesOrderHeader").domain, "sales");
  EXPECT_EQ(guess_domain("invoice_lines").domain, "finance");
  EXPECT_EQ(guess_domain("tbl_employees").domain, "hr");
  EXPECT_EQ(guess_domain("product_category").domain, "inventory");
  EXPECT_EQ(guess_domain("product_category").tokens,
            (std::vector<std::string>{"product", "category"}));
  EXPECT_EQ(guess_domain("t1").domain, "");
  EXPECT_EQ(guess_domain("xyz_misc").domain, "");
  schema::Catalog c =
      build("CREATE TABLE customers (id int PRIMARY KEY); CREATE TABLE t1 (id int)");
  std::vector<Finding> fs = analyze(c);
  EXPECT_EQ(with_code(fs, "F-DOMAIN"), (std::vector<std::string>{"customers"}));
  for (const Finding& f : fs)
    if (f.code == "F-DOMAIN") {
      EXPECT_EQ(f.detail, "crm");
      EXPECT_EQ(f.evidence, (std::vector<std::string>{"token:customer"}));
    }
}

}  // namespace
}  // namespace godwit::discovery
