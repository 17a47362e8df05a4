#include "codegen/load_plan.hpp"

#include <gtest/gtest.h>

#include "codegen_fixture.hpp"

namespace godwit::codegen {
namespace {

using testing::catalog_of;

TEST(LoadPlan, OrdersTablesInWavesByForeignKeys) {
  schema::Catalog c = catalog_of(R"(
CREATE TABLE line (id INT PRIMARY KEY, order_id INT REFERENCES orders (id), product_id INT REFERENCES product (id));
CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customer (id));
CREATE TABLE customer (id INT PRIMARY KEY);
CREATE TABLE product (id INT PRIMARY KEY);
)",
                                 "postgres");
  LoadPlan plan = plan_load(c, {"line", "orders", "customer", "product"});
  ASSERT_EQ(plan.waves.size(), 3u);
  EXPECT_EQ(plan.waves[0].tables, (std::vector<std::string>{"customer", "product"}));
  EXPECT_EQ(plan.waves[1].tables, (std::vector<std::string>{"orders"}));
  EXPECT_EQ(plan.waves[2].tables, (std::vector<std::string>{"line"}));
  EXPECT_TRUE(plan.broken.empty());
  EXPECT_EQ(plan.wave_of("line"), 3);
  EXPECT_EQ(plan.wave_of("missing"), 0);
}

TEST(LoadPlan, BreaksAndReportsACycle) {
  schema::Catalog c = catalog_of(R"(
CREATE TABLE a (id INT PRIMARY KEY, b_id INT);
CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES a (id));
ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);
CREATE TABLE c (id INT PRIMARY KEY, a_id INT REFERENCES a (id));
)",
                                 "postgres");
  LoadPlan plan = plan_load(c, {"a", "b", "c"});
  ASSERT_EQ(plan.broken.size(), 1u);
  EXPECT_EQ(plan.broken[0].table, "b");
  EXPECT_EQ(plan.broken[0].references, "a");
  EXPECT_EQ(plan.broken[0].cycle, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(plan.waves.size(), 3u);
  EXPECT_EQ(plan.waves[0].tables, (std::vector<std::string>{"b"}));
  EXPECT_EQ(plan.waves[1].tables, (std::vector<std::string>{"a"}));
  EXPECT_EQ(plan.waves[2].tables, (std::vector<std::string>{"c"}));
}

TEST(LoadPlan, SelfReferenceIsReportedAndDoesNotBlock) {
  schema::Catalog c = catalog_of(
      "CREATE TABLE emp (id INT PRIMARY KEY, boss INT, CONSTRAINT emp_boss FOREIGN KEY (boss) "
      "REFERENCES emp (id));",
      "postgres");
  LoadPlan plan = plan_load(c, {"emp"});
  ASSERT_EQ(plan.waves.size(), 1u);
  ASSERT_EQ(plan.broken.size(), 1u);
  EXPECT_EQ(plan.broken[0].foreign_key, "emp_boss");
  EXPECT_EQ(load_plan_json(plan),
            "{\n  \"waves\": [\n    {\n      \"wave\": 1,\n      \"tables\": [\n        \"emp\"\n"
            "      ]\n    }\n  ],\n  \"broken_dependencies\": [\n    {\n      \"table\": \"emp\",\n"
            "      \"references\": \"emp\",\n      \"foreign_key\": \"emp_boss\",\n"
            "      \"cycle\": [\n        \"emp\"\n      ]\n    }\n  ]\n}\n");
}

}  // namespace
}  // namespace godwit::codegen
