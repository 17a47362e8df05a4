#include "validation/connectors/connection_url.hpp"

#include <gtest/gtest.h>

namespace godwit::validation {
namespace {

TEST(ConnectionUrl, ParsesPostgresUrlWithEscapesAndOptions) {
  ConnectionSpec spec = parse_connection_url(
      "postgresql://ann%40corp:p%3Ass@db.example.com:6543/sales%20db?sslmode=require&"
      "statement_timeout_ms=5000&read_only=false");
  EXPECT_EQ(spec.engine, Engine::kPostgres);
  EXPECT_EQ(spec.user, "ann@corp");
  EXPECT_EQ(spec.password, "p:ss");
  EXPECT_EQ(spec.host, "db.example.com");
  EXPECT_EQ(spec.port, 6543);
  EXPECT_EQ(spec.database, "sales db");
  EXPECT_EQ(spec.options.at("sslmode"), "require");
  EXPECT_EQ(spec.statement_timeout_ms, 5000);
  EXPECT_FALSE(spec.read_only);
}

TEST(ConnectionUrl, ParsesMysqlIpv6SqliteAndOdbc) {
  ConnectionSpec mysql = parse_connection_url("mysql://root@[::1]:3307/shop");
  EXPECT_EQ(mysql.engine, Engine::kMariaDb);
  EXPECT_EQ(mysql.host, "::1");
  EXPECT_EQ(mysql.port, 3307);
  EXPECT_EQ(mysql.database, "shop");
  EXPECT_TRUE(mysql.password.empty());
  EXPECT_TRUE(mysql.read_only);

  EXPECT_EQ(parse_connection_url("sqlite:data/a.db").path, "data/a.db");
  EXPECT_EQ(parse_connection_url("sqlite:///tmp/a.db").path, "/tmp/a.db");
  ConnectionSpec odbc = parse_connection_url("odbc:DSN=warehouse;UID=bob");
  EXPECT_EQ(odbc.engine, Engine::kOdbc);
  EXPECT_EQ(odbc.dsn, "DSN=warehouse;UID=bob");
  ConnectionSpec named =
      parse_connection_url("odbc://etl:p%40ss@ware%20house?login_timeout=5&read_only=false");
  EXPECT_EQ(named.engine, Engine::kOdbc);
  EXPECT_EQ(named.dsn, "ware house");
  EXPECT_EQ(named.user, "etl");
  EXPECT_EQ(named.password, "p@ss");
  EXPECT_FALSE(named.read_only);
  EXPECT_EQ(named.options.at("login_timeout"), "5");
  EXPECT_THROW(parse_connection_url("odbc://?read_only=true"), ConnectorError);
}

TEST(ConnectionUrl, ParsesBigQueryAndDatabricksUrlsWithoutSecrets) {
  ConnectionSpec bq = parse_connection_url(
      "bigquery://my-project/"
      "sales?key_file=%2Fkeys%2Fsa.json&location=EU&statement_timeout_ms=9000");
  EXPECT_EQ(bq.engine, Engine::kBigQuery);
  EXPECT_EQ(bq.database, "my-project");
  EXPECT_EQ(bq.options.at("dataset"), "sales");
  EXPECT_EQ(bq.options.at("key_file"), "/keys/sa.json");
  EXPECT_EQ(bq.options.at("location"), "EU");
  EXPECT_EQ(bq.statement_timeout_ms, 9000);
  EXPECT_FALSE(parse_connection_url("bigquery://p").options.contains("dataset"));

  ConnectionSpec dbx = parse_connection_url(
      "databricks://adb-1.2.azuredatabricks.net/abc123?token_env=DBX_TOKEN&catalog=main");
  EXPECT_EQ(dbx.engine, Engine::kDatabricks);
  EXPECT_EQ(dbx.host, "adb-1.2.azuredatabricks.net");
  EXPECT_EQ(dbx.options.at("warehouse_id"), "abc123");
  EXPECT_EQ(dbx.options.at("token_env"), "DBX_TOKEN");
  EXPECT_EQ(dbx.options.at("catalog"), "main");

  try {
    parse_connection_url("databricks://token:dapiSECRET@host/w");
    FAIL() << "expected an error";
  } catch (const ConnectorError& error) {
    EXPECT_EQ(error.code(), "bad_option");
    EXPECT_EQ(std::string(error.what()).find("dapiSECRET"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("token_env"), std::string::npos) << error.what();
  }
  EXPECT_THROW(parse_connection_url("bigquery:project"), ConnectorError);
  EXPECT_THROW(parse_connection_url("bigquery://"), ConnectorError);
}

TEST(ConnectionUrl, RejectsBadInputWithoutEchoingThePassword) {
  EXPECT_THROW(parse_connection_url("oracle://x"), ConnectorError);
  EXPECT_THROW(parse_connection_url("nothing"), ConnectorError);
  EXPECT_THROW(parse_connection_url("sqlite:"), ConnectorError);
  try {
    parse_connection_url("postgresql://u:s3cret@h:99999/db");
    FAIL() << "expected an error";
  } catch (const ConnectorError& error) {
    EXPECT_EQ(error.code(), "bad_option");
    EXPECT_EQ(std::string(error.what()).find("s3cret"), std::string::npos);
  }
}

}  // namespace
}  // namespace godwit::validation
