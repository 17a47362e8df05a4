// Introspection of a hand-written schema on the fixture's PostgreSQL: unusual names,
// keys, comments, counts, sizes and samples.
#include <gtest/gtest.h>

#include <algorithm>

#include "connector_test_support.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::validation {
namespace {

const schema::Table& table_named(const schema::Catalog& catalog, const std::string& name) {
  for (const schema::Table& table : catalog.tables) {
    if (table.name.name == name) return table;
  }
  throw std::runtime_error("no table " + name);
}

constexpr const char* kSchema = "shop \"quoted\" schema";

class PostgresIntrospectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    std::optional<ConnectionSpec> found = testing::postgres_spec(&why);
    ASSERT_TRUE(found.has_value()) << why;
    spec_ = *found;
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    std::string s = db->quote_identifier(kSchema);
    for (const std::string& sql : {
             "drop schema if exists " + s + " cascade",
             "create schema " + s,
             "create table " + s +
                 ".\"Customers\" (id bigint generated always as identity "
                 "primary key, email varchar(200) not null unique, name text default 'anon', "
                 "created_at timestamptz)",
             "comment on table " + s + ".\"Customers\" is 'people who buy'",
             "comment on column " + s + ".\"Customers\".email is 'login name'",
             "create table " + s +
                 ".\"order lines\" (id serial primary key, customer_id bigint "
                 "not null references " +
                 s +
                 ".\"Customers\" (id) on delete cascade, amount "
                 "numeric(12,2), \"we\"\"ird col\" int)",
             "insert into " + s +
                 ".\"Customers\" (email, name) values ('a@x', 'Ann'), "
                 "('b@x', 'Bob'), ('c@x', 'Cy')",
             "insert into " + s +
                 ".\"order lines\" (customer_id, amount) values (1, 9.50), "
                 "(1, 9.50), (2, 3.25)",
             "analyze " + s + ".\"Customers\"",
             "create view " + s + ".big_orders as select id, amount from " + s +
                 ".\"order lines\" where amount > 5",
         }) {
      db->query(sql);
    }
  }
  void TearDown() override {
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    db->query("drop schema if exists " + db->quote_identifier(kSchema) + " cascade");
  }
  ConnectionSpec spec_;
};

TEST_F(PostgresIntrospectTest, ReadsTablesColumnsKeysAndComments) {
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.schemas = {kSchema};
  schema::Catalog catalog = introspect(*db, options);
  ASSERT_EQ(catalog.tables.size(), 3u);
  EXPECT_EQ(catalog.table_count(), 2u);
  EXPECT_EQ(catalog.view_count(), 1u);

  const schema::Table& customers = table_named(catalog, "Customers");
  EXPECT_EQ(customers.name.schema, kSchema);
  EXPECT_EQ(customers.name.name, "Customers");
  EXPECT_EQ(customers.comment, "people who buy");
  EXPECT_EQ(customers.row_count, 3);  // the ANALYZE estimate
  ASSERT_TRUE(customers.size_bytes.has_value());
  EXPECT_GT(*customers.size_bytes, 0);
  ASSERT_EQ(customers.columns.size(), 4u);
  EXPECT_EQ(customers.columns[0].identity, schema::Identity::kAlways);
  EXPECT_EQ(customers.columns[0].type.kind, sql::TypeKind::kInteger);
  EXPECT_EQ(customers.columns[0].type.bits, 64);
  const schema::Column& email = customers.columns[1];
  EXPECT_EQ(email.type_text, "character varying(200)");
  EXPECT_EQ(email.type.kind, sql::TypeKind::kString);
  EXPECT_EQ(email.type.length, 200);
  EXPECT_FALSE(email.nullable);
  EXPECT_EQ(email.comment, "login name");
  EXPECT_EQ(customers.columns[2].default_value, "'anon'::text");
  EXPECT_TRUE(customers.columns[2].nullable);
  EXPECT_EQ(customers.columns[3].type.kind, sql::TypeKind::kTimestamp);
  ASSERT_TRUE(customers.primary_key.has_value());
  EXPECT_EQ(customers.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(customers.unique_keys.size(), 1u);
  EXPECT_EQ(customers.unique_keys[0].columns, std::vector<std::string>{"email"});

  const schema::Table& lines = table_named(catalog, "order lines");
  EXPECT_EQ(lines.name.name, "order lines");
  EXPECT_FALSE(lines.row_count.has_value());  // never analyzed: no estimate
  EXPECT_EQ(lines.columns[0].identity, schema::Identity::kAutoIncrement);
  EXPECT_EQ(lines.columns[2].type.kind, sql::TypeKind::kDecimal);
  EXPECT_EQ(lines.columns[2].type.precision, 12);
  EXPECT_EQ(lines.columns[2].type.scale, 2);
  EXPECT_EQ(lines.columns[3].name, "we\"ird col");
  ASSERT_EQ(lines.foreign_keys.size(), 1u);
  const schema::ForeignKey& fk = lines.foreign_keys[0];
  EXPECT_EQ(fk.columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(fk.referenced_table.name, "Customers");
  EXPECT_EQ(fk.referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_TRUE(fk.resolved);
  EXPECT_EQ(fk.referenced_table_id, customers.id);

  const schema::Table& view = table_named(catalog, "big_orders");
  EXPECT_EQ(view.kind, schema::TableKind::kView);
  EXPECT_NE(view.query.find("amount > "), std::string::npos) << view.query;
  EXPECT_EQ(view.columns.size(), 2u);
  EXPECT_TRUE(catalog.diagnostics.empty());
}

TEST_F(PostgresIntrospectTest, ExactCountsAndSamplesOnlyWhenAsked) {
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.schemas = {kSchema};
  schema::Catalog plain = introspect(*db, options);
  EXPECT_TRUE(table_named(plain, "order lines").columns[2].sample_values.empty());

  options.exact_row_counts = true;
  options.sample_values = 2;
  schema::Catalog catalog = introspect(*db, options);
  const schema::Table& lines = table_named(catalog, "order lines");
  EXPECT_EQ(lines.row_count, 3);
  std::vector<std::string> amounts = lines.columns[2].sample_values;
  std::sort(amounts.begin(), amounts.end());
  EXPECT_EQ(amounts, (std::vector<std::string>{"3.25", "9.50"}));
  EXPECT_EQ(table_named(catalog, "Customers").columns[1].sample_values.size(), 2u);
  EXPECT_TRUE(lines.columns[3].sample_values.empty());  // all NULL
}

TEST_F(PostgresIntrospectTest, OtherSchemasAreLeftOutWhenSchemasAreNamed) {
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.schemas = {"no such schema"};
  EXPECT_TRUE(introspect(*db, options).tables.empty());
  schema::Catalog all = introspect(*db, {});
  bool found = false;
  for (const schema::Table& t : all.tables) found = found || t.name.name == "order lines";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace godwit::validation
