// Introspection of a hand-written SQLite database file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "connector_test_support.hpp"
#include "validation/connectors/introspect.hpp"

namespace godwit::validation {
namespace {

class SqliteIntrospectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("godwit-sqlite-introspect");
    spec_.engine = Engine::kSqlite;
    spec_.path = dir_ + "/shop.db";
    std::ofstream(spec_.path).flush();
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    for (const char* sql : {
             "create table \"Customers\" (id integer primary key, email varchar(200) not null "
             "unique, name text default 'anon')",
             "create table \"order \"\"lines\"\"\" (order_id int, line int, customer_id int "
             "references \"Customers\" on delete cascade, amount decimal(12,2), "
             "primary key (order_id, line))",
             "insert into \"Customers\" values (1, 'a@x', 'Ann'), (2, 'b@x', null)",
             "insert into \"order \"\"lines\"\"\" values (1, 1, 1, 9.5), (1, 2, 2, 3.25)",
             "create view big as select * from \"order \"\"lines\"\"\" where amount > 5",
         }) {
      db->query(sql);
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
  ConnectionSpec spec_;
};

TEST_F(SqliteIntrospectTest, ReadsTablesColumnsKeysCountsAndSamples) {
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.exact_row_counts = true;
  options.sample_values = 1;
  schema::Catalog catalog = introspect(*db, options);
  ASSERT_EQ(catalog.tables.size(), 3u);
  const schema::Table& customers = catalog.tables[0];
  EXPECT_EQ(customers.name.name, "Customers");
  EXPECT_EQ(customers.row_count, 2);
  EXPECT_EQ(customers.columns[1].type_text, "varchar(200)");
  EXPECT_EQ(customers.columns[1].type.kind, sql::TypeKind::kString);
  EXPECT_FALSE(customers.columns[1].nullable);
  EXPECT_EQ(customers.columns[2].default_value, "'anon'");
  EXPECT_EQ(customers.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(customers.unique_keys.size(), 1u);
  EXPECT_EQ(customers.unique_keys[0].columns, std::vector<std::string>{"email"});
  EXPECT_EQ(customers.columns[2].sample_values, std::vector<std::string>{"Ann"});

  const schema::Table& view = catalog.tables[1];
  EXPECT_EQ(view.name.name, "big");
  EXPECT_EQ(view.kind, schema::TableKind::kView);
  EXPECT_FALSE(view.row_count.has_value());

  const schema::Table& lines = catalog.tables[2];
  EXPECT_EQ(lines.name.name, "order \"lines\"");
  EXPECT_EQ(lines.primary_key->columns, (std::vector<std::string>{"order_id", "line"}));
  ASSERT_EQ(lines.foreign_keys.size(), 1u);
  EXPECT_EQ(lines.foreign_keys[0].columns, std::vector<std::string>{"customer_id"});
  EXPECT_TRUE(lines.foreign_keys[0].referenced_columns.empty());  // the referenced PK
  EXPECT_EQ(lines.foreign_keys[0].on_delete, "CASCADE");
  EXPECT_TRUE(lines.foreign_keys[0].resolved);
  EXPECT_EQ(lines.foreign_keys[0].referenced_table_id, customers.id);
  EXPECT_EQ(lines.columns[3].type.kind, sql::TypeKind::kDecimal);
}

TEST_F(SqliteIntrospectTest, UnknownSchemaIsAWarning) {
  std::unique_ptr<Connector> db = connect(spec_);
  IntrospectOptions options;
  options.schemas = {"other"};
  schema::Catalog catalog = introspect(*db, options);
  ASSERT_EQ(catalog.diagnostics.size(), 1u);
  EXPECT_EQ(catalog.diagnostics[0].code, "W-INTROSPECT-SCHEMA");
}

}  // namespace
}  // namespace godwit::validation
