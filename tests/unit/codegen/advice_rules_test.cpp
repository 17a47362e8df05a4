// One test per optimisation rule: it fires on a case that has the problem, and no longer
// fires on the fixed code (or after its advice is applied, for auto-applicable advice).
#include <gtest/gtest.h>

#include <algorithm>

#include "codegen/optimizer.hpp"
#include "codegen/verify.hpp"
#include "codegen_fixture.hpp"

namespace godwit::codegen {
namespace {

using mapping::Transformation;

std::vector<Advice> of_rule(const std::vector<Advice>& advice, std::string_view rule) {
  std::vector<Advice> out;
  for (const Advice& a : advice)
    if (a.rule == rule) out.push_back(a);
  return out;
}

std::vector<Advice> run(Platform p, const mapping::MappingDocument& doc,
                        const schema::Catalog& source = testing::source_catalog(),
                        const schema::Catalog& target = testing::target_catalog(),
                        const Options& options = {}) {
  return advise(p, source, target, doc, options);
}

std::string content(const GenerationResult& r, std::string_view path) {
  for (const GeneratedFile& f : r.files)
    if (f.path == path) return f.content;
  ADD_FAILURE() << "no file " << path;
  return {};
}

mapping::FieldMapping* field(mapping::MappingDocument& doc, std::string_view id) {
  for (mapping::FieldMapping& f : doc.fields)
    if (f.id == id) return &f;
  return nullptr;
}

TEST(AdviceRules, BigQuerySelectStarInASubquery) {
  mapping::MappingDocument doc = testing::document();
  field(doc, "fm-name")->formula = "(SELECT * FROM crm.orders AS o WHERE o.customer_id = id)";
  std::vector<Advice> star = of_rule(run(Platform::kBigQuery, doc), "BQ-SELECT-STAR");
  ASSERT_EQ(star.size(), 1u);
  EXPECT_EQ(star[0].id, "BQ-SELECT-STAR:fm-name");
  EXPECT_EQ(star[0].type, "cost");
  EXPECT_EQ(star[0].file, "load/analytics.customer.sql");
  EXPECT_FALSE(star[0].auto_applicable);
  // The fixed formula names its column; EXISTS (SELECT * ...) reads no column at all.
  field(doc, "fm-name")->formula =
      "(SELECT MAX(o.amount) FROM crm.orders AS o WHERE o.customer_id = id)";
  doc.tables[0].filter = "EXISTS (SELECT * FROM crm.orders AS o WHERE o.customer_id = id)";
  EXPECT_TRUE(of_rule(run(Platform::kBigQuery, doc), "BQ-SELECT-STAR").empty());
}

TEST(AdviceRules, BigQueryRepeatedSubquery) {
  mapping::MappingDocument doc = testing::document();
  const std::string sub = "(SELECT MAX(o.amount) FROM crm.orders AS o WHERE o.customer_id = id)";
  field(doc, "fm-name")->formula = "CAST(" + sub + " AS TEXT)";
  field(doc, "fm-gender")->formula = "CASE WHEN " + sub + "  >  100 THEN 'big' END";
  std::vector<Advice> rep = of_rule(run(Platform::kBigQuery, doc), "BQ-REPEATED-SUBQUERY");
  ASSERT_EQ(rep.size(), 1u);
  EXPECT_EQ(rep[0].id, "BQ-REPEATED-SUBQUERY:tm-customer:1");
  EXPECT_EQ(rep[0].change,
            "WITH sub1 AS (SELECT MAX(O.AMOUNT) FROM CRM.ORDERS AS O WHERE O.CUSTOMER_ID = ID) "
            "-- join sub1 once and use its column in each formula");
  field(doc, "fm-gender")->formula = "CASE WHEN gender = 'M' THEN 'big' END";
  EXPECT_TRUE(of_rule(run(Platform::kBigQuery, doc), "BQ-REPEATED-SUBQUERY").empty());
}

TEST(AdviceRules, BigQueryNonSargableFilter) {
  mapping::MappingDocument doc = testing::document();
  doc.tables[0].filter = "UPPER(gender) = 'M' AND CAST(signup AS DATE) >= DATE '2024-01-01'";
  doc.tables[1].filter = "crm.orders.amount * 2 BETWEEN 10 AND 20";
  std::vector<Advice> ns = of_rule(run(Platform::kBigQuery, doc), "BQ-NON-SARGABLE");
  ASSERT_EQ(ns.size(), 3u);
  EXPECT_EQ(ns[0].id, "BQ-NON-SARGABLE:tm-customer:1");
  EXPECT_NE(ns[0].message.find("(UPPER(gender) = 'M')"), std::string::npos);
  EXPECT_EQ(ns[1].id, "BQ-NON-SARGABLE:tm-customer:2");
  EXPECT_NE(ns[1].change.find("compare signup itself"), std::string::npos);
  EXPECT_EQ(ns[2].id, "BQ-NON-SARGABLE:tm-sale:1");
  // Fixed: the bare column compared with a constant, or computed values on both sides.
  doc.tables[0].filter = "gender = 'M' AND signup >= '2024-01-01' AND UPPER(gender) = gender";
  doc.tables[1].filter = "crm.orders.amount BETWEEN 5 AND 10";
  EXPECT_TRUE(of_rule(run(Platform::kBigQuery, doc), "BQ-NON-SARGABLE").empty());
}

TEST(AdviceRules, CrossJoinWhenTheConditionNamesNoColumn) {
  mapping::MappingDocument doc = testing::document();
  doc.tables[1].join = "1 = 1";
  std::vector<Advice> cross = of_rule(run(Platform::kDatabricks, doc), "CROSS-JOIN");
  ASSERT_EQ(cross.size(), 1u);
  EXPECT_NE(cross[0].message.find("names no column of s1 (crm.orders), s2 (crm.customers)"),
            std::string::npos);
  doc.tables[1].join = "crm.orders.customer_id = crm.customers.id";
  EXPECT_TRUE(of_rule(run(Platform::kDatabricks, doc), "CROSS-JOIN").empty());
}

TEST(AdviceRules, CrossJoinOfAThirdSourceTheConditionLeavesOut) {
  schema::Catalog source = testing::catalog_of(R"(
CREATE TABLE crm.customers (id INTEGER PRIMARY KEY, last_name VARCHAR(40), region_id INTEGER);
CREATE TABLE crm.orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount NUMERIC(12, 2));
CREATE TABLE crm.regions (id INTEGER PRIMARY KEY, name VARCHAR(40));
)",
                                               "postgres");
  mapping::MappingDocument doc = testing::document();
  doc.tables.erase(doc.tables.begin());
  doc.tables[0].source_tables = {"crm.orders", "crm.customers", "crm.regions"};
  doc.tables[0].join = "crm.orders.customer_id = crm.customers.id";
  std::vector<Advice> cross = of_rule(run(Platform::kBigQuery, doc, source), "CROSS-JOIN");
  ASSERT_EQ(cross.size(), 1u);
  EXPECT_NE(cross[0].message.find("names no column of s3 (crm.regions)"), std::string::npos);

  doc.tables[0].join =
      "crm.orders.customer_id = crm.customers.id AND crm.customers.region_id = crm.regions.id";
  EXPECT_TRUE(of_rule(run(Platform::kBigQuery, doc, source), "CROSS-JOIN").empty());
  // The condition names all three aliases, so it sits on the last JOIN, where all are known.
  GenerationResult r = generate(Platform::kBigQuery, source, testing::target_catalog(), doc);
  EXPECT_NE(content(r, "load/analytics.sale.sql")
                .find("FROM staging.orders AS s1\nJOIN staging.customers AS s2 ON TRUE\n"
                      "JOIN staging.regions AS s3 ON s1.customer_id = s2.id AND s2.region_id = "
                      "s3.id;"),
            std::string::npos);
  for (const FileVerification& v : verify(r)) EXPECT_TRUE(v.ok) << v.path;
}

TEST(AdviceRules, StringTypedDates) {
  schema::Catalog target = testing::catalog_of(R"(
CREATE TABLE analytics.customer (customer_id BIGINT NOT NULL PRIMARY KEY, full_name TEXT,
  gender TEXT, signup_date TEXT);
CREATE TABLE analytics.sale (sale_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT,
  amount NUMERIC(12, 2), customer_name TEXT);
)",
                                               "postgres");
  std::vector<Advice> dates =
      of_rule(run(Platform::kBigQuery, testing::document(), testing::source_catalog(), target),
              "STRING-DATE");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].id, "STRING-DATE:analytics.customer.signup_date");
  EXPECT_EQ(dates[0].change, "signup_date DATE");
  EXPECT_TRUE(of_rule(run(Platform::kBigQuery, testing::document()), "STRING-DATE").empty());
}

TEST(AdviceRules, DatabricksSmallFilesAppliesAutoCompaction) {
  const mapping::MappingDocument doc = testing::document();
  std::vector<Advice> small = of_rule(run(Platform::kDatabricks, doc), "DBX-SMALL-FILES");
  ASSERT_EQ(small.size(), 2u);
  EXPECT_EQ(small[0].id, "autocompact:analytics.customer");
  EXPECT_TRUE(small[0].auto_applicable);
  Options options;
  options.applied_advice = {small[0].id};
  GenerationResult r = generate(Platform::kDatabricks, testing::source_catalog(),
                                testing::target_catalog(), doc, options);
  EXPECT_NE(content(r, "ddl/analytics.customer.sql")
                .find("TBLPROPERTIES ('delta.autoOptimize.optimizeWrite' = 'true', "
                      "'delta.enableChangeDataFeed' = 'true', "
                      "'delta.autoOptimize.autoCompact' = 'true');"),
            std::string::npos);
  for (const FileVerification& v : verify(r)) EXPECT_TRUE(v.ok) << v.path;
  std::vector<Advice> again = of_rule(run(Platform::kDatabricks, doc, testing::source_catalog(),
                                          testing::target_catalog(), options),
                                      "DBX-SMALL-FILES");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, "autocompact:analytics.sale");
}

TEST(AdviceRules, DatabricksClusteringOnTheKey) {
  const mapping::MappingDocument doc = testing::document();
  std::vector<Advice> cluster = of_rule(run(Platform::kDatabricks, doc), "DBX-CLUSTER");
  ASSERT_EQ(cluster.size(), 1u);
  EXPECT_EQ(cluster[0].id, "cluster:analytics.customer:customer_id");
  Options options;
  options.applied_advice = {cluster[0].id};
  GenerationResult r = generate(Platform::kDatabricks, testing::source_catalog(),
                                testing::target_catalog(), doc, options);
  EXPECT_NE(content(r, "ddl/analytics.customer.sql").find("\nCLUSTER BY (customer_id)\n"),
            std::string::npos);
  EXPECT_TRUE(of_rule(run(Platform::kDatabricks, doc, testing::source_catalog(),
                          testing::target_catalog(), options),
                      "DBX-CLUSTER")
                  .empty());
}

TEST(AdviceRules, DatabricksSkewedJoinKeyFromSampleValues) {
  schema::Catalog source = testing::source_catalog();
  schema::Column& key = source.tables[1].columns[1];  // crm.orders.customer_id
  ASSERT_EQ(key.name, "customer_id");
  for (int i = 0; i < 24; ++i) key.sample_values.push_back(i < 18 ? "7" : std::to_string(i));
  std::vector<Advice> skew =
      of_rule(run(Platform::kDatabricks, testing::document(), source), "DBX-SKEWED-KEY");
  ASSERT_EQ(skew.size(), 1u);
  EXPECT_EQ(skew[0].id, "DBX-SKEWED-KEY:tm-sale:s1.customer_id");
  EXPECT_NE(skew[0].message.find("'7' is 75% of the sampled values"), std::string::npos);
  EXPECT_EQ(skew[0].change,
            "SET spark.sql.adaptive.enabled = true;\nSET spark.sql.adaptive.skewJoin.enabled = "
            "true;");
  // Evenly spread keys, or too few samples to tell: nothing.
  for (int i = 0; i < 24; ++i) key.sample_values[static_cast<std::size_t>(i)] = std::to_string(i);
  EXPECT_TRUE(
      of_rule(run(Platform::kDatabricks, testing::document(), source), "DBX-SKEWED-KEY").empty());
  key.sample_values = {"7", "7", "7"};
  EXPECT_TRUE(
      of_rule(run(Platform::kDatabricks, testing::document(), source), "DBX-SKEWED-KEY").empty());
}

TEST(AdviceRules, DatabricksPhotonUnfriendlyUdf) {
  mapping::MappingDocument doc = testing::document();
  field(doc, "fm-amount")->formula = "score_order(crm.orders.amount)";
  field(doc, "fm-sale-name")->formula = "reflect('java.util.UUID', 'randomUUID')";
  std::vector<Advice> udf = of_rule(run(Platform::kDatabricks, doc), "DBX-PHOTON-UDF");
  ASSERT_EQ(udf.size(), 2u);
  EXPECT_EQ(udf[0].id, "DBX-PHOTON-UDF:tm-sale:SCORE_ORDER");
  EXPECT_EQ(udf[1].id, "DBX-PHOTON-UDF:tm-sale:REFLECT");
  field(doc, "fm-amount")->formula = "ROUND(crm.orders.amount, 0)";
  field(doc, "fm-sale-name")->formula = "UPPER(TRIM(crm.customers.last_name))";
  EXPECT_TRUE(of_rule(run(Platform::kDatabricks, doc), "DBX-PHOTON-UDF").empty());
}

TEST(AdviceRules, BeamReshuffleAfterAFanOutRead) {
  mapping::MappingDocument doc = testing::document();
  // A second table mapping reads crm.customers: the read fans out to two transforms.
  mapping::TableMapping second;
  second.id = "tm-sale-from-customers";
  second.source_tables = {"crm.customers"};
  second.target_table = "analytics.sale";
  second.status = mapping::MappingStatus::kApproved;
  doc.tables[1] = second;
  doc.fields.push_back(testing::field("fm-sale-2", {{"crm.customers", "id"}},
                                      {"analytics.sale", "sale_id"}, Transformation::kCast));
  std::vector<Advice> fusion = of_rule(run(Platform::kBeam, doc), "BEAM-FUSION-BREAK");
  ASSERT_EQ(fusion.size(), 1u);
  EXPECT_EQ(fusion[0].id, "reshuffle:customers");
  EXPECT_TRUE(fusion[0].auto_applicable);
  Options options;
  options.applied_advice = {fusion[0].id};
  GenerationResult r =
      generate(Platform::kBeam, testing::source_catalog(), testing::target_catalog(), doc, options);
  const std::string py = content(r, "pipeline.py");
  EXPECT_NE(py.find("        source_1 = read_source(pipeline, args, 'customers')\n"
                    "        source_1 = source_1 | 'Reshuffle customers' >> beam.Reshuffle()\n"),
            std::string::npos);
  // Read once, consumed twice.
  EXPECT_EQ(py.find("read_source(pipeline, args, 'customers')"),
            py.rfind("read_source(pipeline, args, 'customers')"));
  EXPECT_TRUE(of_rule(run(Platform::kBeam, doc, testing::source_catalog(),
                          testing::target_catalog(), options),
                      "BEAM-FUSION-BREAK")
                  .empty());
  // One consumer per read: no fan-out, nothing to break.
  doc.tables.pop_back();
  EXPECT_TRUE(of_rule(run(Platform::kBeam, doc), "BEAM-FUSION-BREAK").empty());
}

TEST(AdviceRules, DbtMissingTestsWithoutAKey) {
  schema::Catalog target = testing::catalog_of(R"(
CREATE TABLE analytics.customer (customer_id BIGINT NOT NULL, full_name TEXT, gender TEXT,
  signup_date DATE);
CREATE TABLE analytics.sale (sale_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT,
  amount NUMERIC(12, 2), customer_name TEXT);
)",
                                               "postgres");
  std::vector<Advice> missing =
      of_rule(run(Platform::kDbt, testing::document(), testing::source_catalog(), target),
              "DBT-MISSING-TESTS");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].table, "analytics.customer");
  EXPECT_TRUE(of_rule(run(Platform::kDbt, testing::document()), "DBT-MISSING-TESTS").empty());
}

}  // namespace
}  // namespace godwit::codegen
