// Introspection of a hand-written schema on the fixture's MariaDB.
#include <gtest/gtest.h>

#include <algorithm>

#include "connector_test_support.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::validation {
namespace {

constexpr const char* kDatabase = "shop `quoted` db";

class MariaDbIntrospectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    std::optional<ConnectionSpec> found = testing::mariadb_spec(&why);
    ASSERT_TRUE(found.has_value()) << why;
    spec_ = *found;
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    std::string d = db->quote_identifier(kDatabase);
    for (const std::string& sql : {
             "drop database if exists " + d,
             "create database " + d,
             "create table " + d +
                 ".`Customers` (id bigint not null auto_increment primary key, "
                 "email varchar(200) not null, name varchar(50) default 'anon', unique key "
                 "uk_email (email)) comment 'people who buy'",
             "create table " + d +
                 ".`order lines` (id int primary key, customer_id bigint not "
                 "null comment 'who', amount decimal(12,2), `we\"ird col` int, constraint "
                 "fk_customer "
                 "foreign key (customer_id) references " +
                 d + ".`Customers` (id) on delete cascade)",
             "insert into " + d +
                 ".`Customers` (email, name) values ('a@x', 'Ann'), ('b@x', 'Bob')",
             "insert into " + d + ".`order lines` values (1, 1, 9.50, null), (2, 2, 3.25, null)",
             "create view " + d + ".big_orders as select id, amount from " + d +
                 ".`order lines` where amount > 5",
         }) {
      db->query(sql);
    }
  }
  void TearDown() override {
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    db->query("drop database if exists " + db->quote_identifier(kDatabase));
  }
  ConnectionSpec spec_;
};

TEST_F(MariaDbIntrospectTest, ReadsTablesColumnsKeysCommentsAndSamples) {
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.schemas = {kDatabase};
  options.exact_row_counts = true;
  options.sample_values = 5;
  schema::Catalog catalog = introspect(*db, options);
  ASSERT_EQ(catalog.tables.size(), 3u);
  // Listed in the server's collation order (case-insensitive here).
  EXPECT_EQ(catalog.tables[0].name.name, "big_orders");
  const schema::Table& customers = catalog.tables[1];
  EXPECT_EQ(customers.name.schema, kDatabase);
  EXPECT_EQ(customers.name.name, "Customers");
  EXPECT_EQ(customers.key, "customers");
  EXPECT_EQ(customers.comment, "people who buy");
  EXPECT_EQ(customers.row_count, 2);
  ASSERT_TRUE(customers.size_bytes.has_value());
  EXPECT_GT(*customers.size_bytes, 0);
  EXPECT_EQ(customers.columns[0].identity, schema::Identity::kAutoIncrement);
  EXPECT_EQ(customers.columns[0].type.kind, sql::TypeKind::kInteger);
  EXPECT_EQ(customers.columns[1].type_text, "varchar(200)");
  EXPECT_EQ(customers.columns[1].type.length, 200);
  EXPECT_FALSE(customers.columns[1].nullable);
  EXPECT_EQ(customers.columns[2].default_value, "'anon'");
  ASSERT_TRUE(customers.primary_key.has_value());
  EXPECT_EQ(customers.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(customers.unique_keys.size(), 1u);
  EXPECT_EQ(customers.unique_keys[0].name, "uk_email");
  std::vector<std::string> emails = customers.columns[1].sample_values;
  std::sort(emails.begin(), emails.end());
  EXPECT_EQ(emails, (std::vector<std::string>{"a@x", "b@x"}));

  const schema::Table& lines = catalog.tables[2];
  EXPECT_EQ(lines.name.name, "order lines");
  EXPECT_EQ(lines.columns[1].comment, "who");
  EXPECT_EQ(lines.columns[2].type.kind, sql::TypeKind::kDecimal);
  EXPECT_EQ(lines.columns[2].type.scale, 2);
  EXPECT_EQ(lines.columns[3].name, "we\"ird col");
  ASSERT_EQ(lines.foreign_keys.size(), 1u);
  EXPECT_EQ(lines.foreign_keys[0].name, "fk_customer");
  EXPECT_EQ(lines.foreign_keys[0].columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(lines.foreign_keys[0].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(lines.foreign_keys[0].on_delete, "CASCADE");
  EXPECT_TRUE(lines.foreign_keys[0].resolved);
  EXPECT_EQ(lines.foreign_keys[0].referenced_table_id, customers.id);

  EXPECT_EQ(catalog.tables[0].kind, schema::TableKind::kView);
  EXPECT_FALSE(catalog.tables[0].query.empty());
  EXPECT_TRUE(catalog.diagnostics.empty());
}

TEST_F(MariaDbIntrospectTest, ReadsTheConnectionDatabaseByDefault) {
  std::unique_ptr<Connector> db = connect(spec_);
  schema::Catalog catalog = introspect(*db, {});
  for (const schema::Table& table : catalog.tables) EXPECT_EQ(table.name.schema, "godwit");
}

}  // namespace
}  // namespace godwit::validation
