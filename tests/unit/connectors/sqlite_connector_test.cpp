// The SQLite connector on database files made for each test.
#include "validation/connectors/sqlite_connector.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "connector_test_support.hpp"

namespace godwit::validation {
namespace {

using testing::kind_of;

class SqliteConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("godwit-sqlite-connector");
    spec_.engine = Engine::kSqlite;
    spec_.path = dir_ + "/shop.db";
    sqlite3_open_file();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Creates the file through a writable connection.
  void sqlite3_open_file() {
    std::ofstream(spec_.path).flush();  // SQLite treats an empty file as an empty database
    ConnectionSpec writable = spec_;
    writable.read_only = false;
    std::unique_ptr<Connector> db = connect(writable);
    db->query(
        "create table \"order items\" (id integer primary key, name text, price real, "
        "data blob)");
    db->query(
        "insert into \"order items\" values (1, 'tea', 2.5, x'00ff10'), "
        "(2, null, 10, null)");
  }

  std::string dir_;
  ConnectionSpec spec_;
};

TEST_F(SqliteConnectorTest, ReadsValuesAsTextWithBlobsInHex) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_TRUE(db->server_version().starts_with("SQLite 3.")) << db->server_version();
  ResultSet result =
      db->query("select * from " + db->quote_identifier("order items") + " order by id");
  EXPECT_EQ(result.columns, (std::vector<std::string>{"id", "name", "price", "data"}));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0], (std::vector<Value>{"1", "tea", "2.5", "\\x00ff10"}));
  EXPECT_EQ(result.rows[1], (std::vector<Value>{"2", std::nullopt, "10.0", std::nullopt}));
}

TEST_F(SqliteConnectorTest, BindsNumberedParameters) {
  std::unique_ptr<Connector> db = connect(spec_);
  ResultSet result = db->query("select name, $2 from \"order items\" where id = $1 and '$1' = '$1'",
                               {Value("1"), Value("'; drop table x; --")});
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0], (std::vector<Value>{"tea", "'; drop table x; --"}));
  EXPECT_EQ(db->query("select $1 is null", {std::nullopt}).rows[0][0], "1");
}

TEST_F(SqliteConnectorTest, ReadOnlyConnectionRejectsWrites) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of([&] { db->query("delete from \"order items\""); }, &code),
            ConnectorError::kQuery);
  EXPECT_EQ(code, "read_only");
  EXPECT_EQ(db->query("select count(*) from \"order items\"").rows[0][0], "2");
}

TEST_F(SqliteConnectorTest, StatementTimeoutInterruptsLongQueries) {
  spec_.statement_timeout_ms = 100;
  std::unique_ptr<Connector> db = connect(spec_);
  std::string code;
  EXPECT_EQ(kind_of(
                [&] {
                  db->query(
                      "with recursive n(i) as (select 1 union all select i + 1 from n "
                      "where i < 1000000000) select count(*) from n");
                },
                &code),
            ConnectorError::kTimeout);
  EXPECT_EQ(code, "timeout");
  EXPECT_EQ(db->query("select 1").rows[0][0], "1");
}

TEST_F(SqliteConnectorTest, QueryEachStreamsAndStopsEarly) {
  std::unique_ptr<Connector> db = connect(spec_);
  std::int64_t sum = 0;
  db->query_each(
      "with recursive n(i) as (select 1 union all select i + 1 from n where i < $1) "
      "select i from n",
      {Value("100000")}, [&](const std::vector<Value>& row) {
        sum += std::stoll(*row[0]);
        return true;
      });
  EXPECT_EQ(sum, 5000050000);
  int seen = 0;
  db->query_each("with recursive n(i) as (select 1 union all select i + 1 from n) select i from n",
                 {}, [&](const std::vector<Value>&) { return ++seen < 5; });
  EXPECT_EQ(seen, 5);
}

TEST_F(SqliteConnectorTest, RejectsSeveralStatementsAndReportsErrors) {
  std::unique_ptr<Connector> db = connect(spec_);
  EXPECT_EQ(kind_of([&] { db->query("select 1; select 2"); }), ConnectorError::kQuery);
  EXPECT_EQ(kind_of([&] { db->query("select * from missing"); }), ConnectorError::kQuery);
  EXPECT_EQ(db->query("select 1;").rows[0][0], "1");
}

TEST_F(SqliteConnectorTest, MissingOrForeignFilesAreReported) {
  ConnectionSpec missing = spec_;
  missing.path = dir_ + "/nothing.db";
  std::string code;
  EXPECT_EQ(kind_of([&] { connect(missing); }, &code), ConnectorError::kConnect);
  EXPECT_EQ(code, "database_missing");
  EXPECT_FALSE(std::filesystem::exists(missing.path));  // never created by a read
  ConnectionSpec text = spec_;
  text.path = dir_ + "/notes.txt";
  std::ofstream(text.path) << "this is not a database, just some text that is long enough\n";
  EXPECT_EQ(kind_of([&] { connect(text); }, &code), ConnectorError::kConnect);
}

}  // namespace
}  // namespace godwit::validation
