// Relationship inference over small hand-written catalogs: name patterns, key and type
// rules, sample overlap, and above all that unrelated columns are not linked.
#include "discovery/relationships.hpp"

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

std::string describe(const Relationship& r) {
  std::string s = r.from_table.name + ".";
  for (const std::string& c : r.from_columns) s += c;
  s += "->" + r.to_table.name + ".";
  for (const std::string& c : r.to_columns) s += c;
  return s;
}

std::vector<std::string> inferred(const std::vector<Relationship>& rs) {
  std::vector<std::string> out;
  for (const Relationship& r : rs)
    if (!r.declared) out.push_back(describe(r));
  return out;
}

bool has_evidence(const Relationship& r, std::string_view code) {
  for (const std::string& e : r.evidence)
    if (e.rfind(code, 0) == 0) return true;
  return false;
}

TEST(RelationshipNames, NormaliseTablesAndColumns) {
  EXPECT_EQ(normalize_table_name("Customers"), "customer");
  EXPECT_EQ(normalize_table_name("tbl_Categories"), "category");
  EXPECT_EQ(normalize_table_name("order_items"), "orderitem");
  EXPECT_EQ(normalize_table_name("addresses"), "address");
  EXPECT_EQ(normalize_table_name("status"), "status");
  EXPECT_EQ(column_stem("customer_id").stem, "customer");
  EXPECT_EQ(column_stem("CustomerId").stem, "customer");
  EXPECT_EQ(column_stem("custid").stem, "cust");
  EXPECT_EQ(column_stem("cust_no").stem, "cust");
  EXPECT_EQ(column_stem("cust_no").suffix, "no");
  EXPECT_EQ(column_stem("product_key").stem, "product");
  EXPECT_EQ(column_stem("fk_order_id").stem, "order");
  EXPECT_EQ(column_stem("id").stem, "");
  EXPECT_EQ(column_stem("name").stem, "");
}

const char* kShop = R"(
  CREATE TABLE customers (id int PRIMARY KEY, name text, email text);
  CREATE TABLE tbl_product (product_id int PRIMARY KEY, code varchar(10) UNIQUE, title text);
  CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, created_at timestamp);
  CREATE TABLE order_lines (id int PRIMARY KEY, order_id bigint, product_id int, qty int);
  CREATE TABLE invoices (id int PRIMARY KEY, custid int, cust_no int, order_no varchar(20));
  CREATE TABLE customer_profile (customer_id int PRIMARY KEY, bio text);
)";

TEST(Relationships, FindsLinksByNameKeyAndType) {
  std::vector<Relationship> rs = infer_relationships(build(kShop));
  std::vector<std::string> want = {"orders.customer_id->customers.id",
                                   "order_lines.order_id->orders.id",
                                   "order_lines.product_id->tbl_product.product_id",
                                   "invoices.custid->customers.id",
                                   "invoices.cust_no->customers.id",
                                   "customer_profile.customer_id->customers.id"};
  EXPECT_EQ(inferred(rs), want);
  for (const Relationship& r : rs) {
    EXPECT_FALSE(r.ai_generated);
    EXPECT_GT(r.confidence, 0.5);
    EXPECT_LE(r.confidence, 0.99);
  }
}

TEST(Relationships, ScoresFollowTheEvidence) {
  std::vector<Relationship> rs = infer_relationships(build(kShop));
  ASSERT_EQ(rs.size(), 6u);
  // customer_id -> customers.id: table name (0.6) + PK (0.25) + bare "id" (0.05); the
  // widths differ (bigint vs int), compatible without the identical bonus.
  EXPECT_NEAR(rs[0].confidence, 0.9, 1e-9);
  EXPECT_TRUE(has_evidence(rs[0], "name-matches-table"));
  EXPECT_TRUE(has_evidence(rs[0], "target-primary-key"));
  EXPECT_TRUE(has_evidence(rs[0], "type-compatible"));
  EXPECT_EQ(rs[0].cardinality, Cardinality::kOneToMany);
  // product_id -> tbl_product.product_id: same name and identical type, capped at 0.99.
  EXPECT_NEAR(rs[2].confidence, 0.99, 1e-9);
  EXPECT_TRUE(has_evidence(rs[2], "same-column-name"));
  EXPECT_TRUE(has_evidence(rs[2], "type-identical"));
  // custid: an abbreviation, weaker.
  EXPECT_NEAR(rs[3].confidence, 0.4 + 0.25 + 0.05 + 0.05, 1e-9);
  EXPECT_TRUE(has_evidence(rs[3], "name-abbreviation"));
  // The profile's key is its reference: one-to-one.
  EXPECT_EQ(rs[5].cardinality, Cardinality::kOneToOne);
}

TEST(Relationships, StringAndIntegerKeysAreNotLinked) {
  // invoices.order_no is varchar: orders has no string key, so nothing is inferred.
  std::vector<Relationship> rs = infer_relationships(build(kShop));
  for (const Relationship& r : rs) EXPECT_NE(r.from_columns[0], "order_no") << describe(r);
  schema::Catalog c = build(
      "CREATE TABLE country (code char(2) PRIMARY KEY, name text);"
      "CREATE TABLE city (id int PRIMARY KEY, country_code char(2), region_code int);"
      "CREATE TABLE region (code varchar(5) PRIMARY KEY)");
  EXPECT_EQ(inferred(infer_relationships(c)),
            (std::vector<std::string>{"city.country_code->country.code"}));
}

TEST(Relationships, UnrelatedIdColumnsAreNotLinkedToEverything) {
  schema::Catalog c = build(
      "CREATE TABLE a (id int PRIMARY KEY, name text);"
      "CREATE TABLE b (id int PRIMARY KEY, a_id int, parent_id int, created_by int);"
      "CREATE TABLE c (id int PRIMARY KEY, uid int, oid int, ref int, sort_no int);"
      "CREATE TABLE d (id int, b_id text, other_key int);"
      "CREATE TABLE events (id int PRIMARY KEY, session_id int, user_id int)");
  // Only b.a_id names a table ("a"); d.b_id is text against b.id int. Nothing links
  // id to id, and parent/created_by/session/user name no table.
  EXPECT_EQ(inferred(infer_relationships(c)), (std::vector<std::string>{"b.a_id->a.id"}));
}

TEST(Relationships, DeclaredKeysAreKeptAndNeverDuplicated) {
  schema::Catalog c = build(
      "CREATE TABLE customers (customer_id int PRIMARY KEY);"
      "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers,"
      " billing_customer_id int)");
  std::vector<Relationship> rs = infer_relationships(c);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_TRUE(rs[0].declared);
  EXPECT_EQ(rs[0].confidence, 1.0);
  EXPECT_EQ(rs[0].evidence, (std::vector<std::string>{"declared"}));
  EXPECT_EQ(rs[0].to_columns, (std::vector<std::string>{"customer_id"}));
  EXPECT_EQ(rs[0].cardinality, Cardinality::kOneToMany);
  RelationshipOptions only_inferred;
  only_inferred.include_declared = false;
  EXPECT_TRUE(infer_relationships(c, only_inferred).empty());
}

TEST(Relationships, AmbiguousAbbreviationsAreNotGuessed) {
  schema::Catalog c = build(
      "CREATE TABLE customer (id int PRIMARY KEY);"
      "CREATE TABLE custodian (id int PRIMARY KEY);"
      "CREATE TABLE payment (id int PRIMARY KEY, cust_id int)");
  EXPECT_TRUE(inferred(infer_relationships(c)).empty());
}

TEST(Relationships, CompoundNamesAreNotAbbreviations) {
  // Found on the corpus (PowerDNS): "domain" starts "domainmetadata" but is a word of
  // it, not an abbreviation of it.
  schema::Catalog c = build(
      "CREATE TABLE domainmetadata (id int PRIMARY KEY, domain_id int);"
      "CREATE TABLE cryptokeys (id int PRIMARY KEY, domain_id int)");
  EXPECT_TRUE(inferred(infer_relationships(c)).empty());
}

TEST(Relationships, NonUniqueTargetsNeedSampleEvidence) {
  schema::Catalog c = build(
      "CREATE TABLE cache (user_id int, cache_key varchar(128), data text);"
      "CREATE TABLE cache_shared (id int PRIMARY KEY, cache_key varchar(128))");
  EXPECT_TRUE(inferred(infer_relationships(c)).empty());  // 0.6 - 0.3 + 0.1 + 0.05
  SampleValues samples;
  samples[sample_key(*c.find_table("cache"), "cache_key")] = {"a", "b", "c"};
  samples[sample_key(*c.find_table("cache_shared"), "cache_key")] = {"a", "b"};
  RelationshipOptions options;
  options.samples = &samples;
  std::vector<Relationship> rs = infer_relationships(c, options);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(describe(rs[0]), "cache_shared.cache_key->cache.cache_key");
  EXPECT_EQ(rs[0].cardinality, Cardinality::kManyToMany);
  EXPECT_NEAR(rs[0].confidence, 0.6, 1e-9);
  EXPECT_TRUE(has_evidence(rs[0], "target-not-unique"));
}

TEST(Relationships, SchemasPreferTheSameSchema) {
  schema::Catalog c = build(
      "CREATE TABLE sales.customer (id int PRIMARY KEY);"
      "CREATE TABLE crm.customer (id int PRIMARY KEY);"
      "CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int)");
  std::vector<Relationship> rs = infer_relationships(c);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].to_table.schema, "sales");
}

TEST(Relationships, SampleValuesRaiseOrLowerConfidence) {
  schema::Catalog c = build(
      "CREATE TABLE customers (id int PRIMARY KEY);"
      "CREATE TABLE orders (id int PRIMARY KEY, customer_id int);"
      "CREATE TABLE visits (id int PRIMARY KEY, customer_id int)");
  const schema::Table& customers = *c.find_table("customers");
  SampleValues samples;
  samples[sample_key(customers, "id")] = {"1", "2", "3", "4"};
  samples[sample_key(*c.find_table("orders"), "customer_id")] = {"1", "2", "2", "4"};
  samples[sample_key(*c.find_table("visits"), "customer_id")] = {"7", "8", "9", "1"};
  RelationshipOptions options;
  options.samples = &samples;
  options.min_confidence = 0.3;
  std::vector<Relationship> rs = infer_relationships(c, options);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_NEAR(rs[0].confidence, 0.99, 1e-9);  // 0.95 + 0.15, capped
  EXPECT_TRUE(has_evidence(rs[0], "value-overlap: 3/3"));
  EXPECT_NEAR(rs[1].confidence, (0.6 + 0.25 + 0.05 + 0.05) * 0.5, 1e-9);
  EXPECT_TRUE(has_evidence(rs[1], "value-mismatch: 1/4"));
  options.min_confidence = 0.5;
  EXPECT_EQ(infer_relationships(c, options).size(), 1u);
}

TEST(Relationships, CatalogSamplesFeedValueOverlap) {
  schema::Catalog c = build(
      "CREATE TABLE cache (user_id int, cache_key varchar(128), data text);"
      "CREATE TABLE cache_shared (id int PRIMARY KEY, cache_key varchar(128))");
  for (schema::Table& t : c.tables) {
    if (t.name.name == "cache") t.columns[1].sample_values = {"a", "b", "c"};
    if (t.name.name == "cache_shared") t.columns[1].sample_values = {"a", "b"};
  }
  SampleValues samples = catalog_samples(c);
  ASSERT_EQ(samples.size(), 2u);  // unsampled columns are left out
  EXPECT_EQ(samples.at("cache.cache_key"), (std::vector<std::string>{"a", "b", "c"}));
  RelationshipOptions options;
  options.samples = &samples;
  std::vector<Relationship> rs = infer_relationships(c, options);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(describe(rs[0]), "cache_shared.cache_key->cache.cache_key");
  EXPECT_TRUE(has_evidence(rs[0], "value-overlap: 2/2"));
}

TEST(Relationships, ViewsDoNotTakePart) {
  schema::Catalog c = build(
      "CREATE TABLE customers (id int PRIMARY KEY);"
      "CREATE VIEW customer_v AS SELECT id AS customer_id FROM customers");
  EXPECT_TRUE(infer_relationships(c).empty());
}

TEST(Relationships, OrderIsDeterministic) {
  schema::Catalog c = build(kShop);
  std::vector<std::string> first = inferred(infer_relationships(c));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(inferred(infer_relationships(c)), first);
}

}  // namespace
}  // namespace godwit::discovery
