#include "codegen/optimizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "codegen_fixture.hpp"

namespace godwit::codegen {
namespace {

const GeneratedFile* file(const GenerationResult& r, std::string_view path) {
  for (const GeneratedFile& f : r.files)
    if (f.path == path) return &f;
  return nullptr;
}

const Advice* rule(const std::vector<Advice>& advice, std::string_view name) {
  for (const Advice& a : advice)
    if (a.rule == name) return &a;
  return nullptr;
}

TEST(Optimizer, BigQueryPartitionAdviceAppliesByRegenerating) {
  schema::Catalog source = testing::source_catalog();
  schema::Catalog target = testing::target_catalog();
  mapping::MappingDocument doc = testing::document();
  std::vector<Advice> advice = advise(Platform::kBigQuery, source, target, doc);
  const Advice* partition = rule(advice, "BQ-PARTITION");
  ASSERT_NE(partition, nullptr);
  EXPECT_EQ(partition->id, "partition:analytics.customer:signup_date");
  EXPECT_EQ(partition->change, "PARTITION BY signup_date");
  EXPECT_TRUE(partition->auto_applicable);
  // analytics.sale is fact-like: discovery already chose customer_id for clustering.
  EXPECT_EQ(rule(advice, "BQ-CLUSTER"), nullptr);

  Options options;
  options.applied_advice = {partition->id, "cluster:analytics.sale:amount,customer_id"};
  GenerationResult r = generate(Platform::kBigQuery, source, target, doc, options);
  ASSERT_NE(file(r, "ddl/analytics.customer.sql"), nullptr);
  EXPECT_NE(file(r, "ddl/analytics.customer.sql")->content.find("\nPARTITION BY signup_date\n"),
            std::string::npos);
  EXPECT_NE(file(r, "ddl/analytics.sale.sql")->content.find("\nCLUSTER BY amount, customer_id;\n"),
            std::string::npos);
  std::vector<Advice> again = advise(Platform::kBigQuery, source, target, doc, options);
  EXPECT_EQ(rule(again, "BQ-PARTITION"), nullptr);
}

TEST(Optimizer, DbtIncrementalAndPostgresIndexAdvice) {
  schema::Catalog source = testing::source_catalog();
  schema::Catalog target = testing::target_catalog();
  mapping::MappingDocument doc = testing::document();
  std::vector<Advice> dbt = advise(Platform::kDbt, source, target, doc);
  const Advice* inc = rule(dbt, "DBT-INCREMENTAL");
  ASSERT_NE(inc, nullptr);
  Options options;
  options.applied_advice = {inc->id};
  GenerationResult r = generate(Platform::kDbt, source, target, doc, options);
  const GeneratedFile* model =
      file(r, "models/marts/" +
                  std::string(inc->table == "analytics.customer" ? "customer" : "sale") + ".sql");
  ASSERT_NE(model, nullptr);
  EXPECT_NE(model->content.find("materialized='incremental'"), std::string::npos);

  std::vector<Advice> pg = advise(Platform::kPostgres, source, target, doc);
  const Advice* index = rule(pg, "PG-FK-INDEX");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->id, "index:analytics.sale:customer_id");
  options.applied_advice = {index->id};
  GenerationResult p = generate(Platform::kPostgres, source, target, doc, options);
  EXPECT_NE(
      file(p, "ddl/analytics.sale.sql")
          ->content.find(
              "CREATE INDEX IF NOT EXISTS sale_customer_id_idx ON analytics.sale (customer_id);"),
      std::string::npos);
}

TEST(Optimizer, CrossJoinIsReportedNotApplied) {
  mapping::MappingDocument doc = testing::document();
  doc.tables[1].join.clear();
  std::vector<Advice> advice =
      advise(Platform::kBigQuery, testing::source_catalog(), testing::target_catalog(), doc);
  const Advice* cross = rule(advice, "CROSS-JOIN");
  ASSERT_NE(cross, nullptr);
  EXPECT_EQ(cross->id, "CROSS-JOIN:tm-sale");
  EXPECT_FALSE(cross->auto_applicable);
  EXPECT_EQ(cross->impact, "high");
}

}  // namespace
}  // namespace godwit::codegen
