// BigQuery table schema JSON and Avro importers: both document forms, nested and repeated
// fields, modes and unions, logical types, named types, recursion and hostile input.
#include <gtest/gtest.h>

#include <string>

#include "importers_test_util.hpp"

namespace godwit::schema {
namespace {

using testing::codes;
using testing::column;
using testing::column_names;
using testing::has_code;
using testing::import_text;
using testing::type_of;

TEST(BigQueryImporter, ReadsAFieldListThroughTheBigQueryTypeTable) {
  Catalog c = import_text("exports/events.json", R"([
    {"name": "event_id", "type": "STRING", "mode": "REQUIRED", "description": "unique"},
    {"name": "n", "type": "INTEGER"},
    {"name": "amount", "type": "NUMERIC", "precision": "12", "scale": "2"},
    {"name": "code", "type": "STRING", "maxLength": "8"},
    {"name": "ratio", "type": "FLOAT"},
    {"name": "ok", "type": "BOOLEAN", "mode": "NULLABLE"},
    {"name": "at", "type": "TIMESTAMP"},
    {"name": "local", "type": "DATETIME"},
    {"name": "day", "type": "DATE"},
    {"name": "payload", "type": "JSON"},
    {"name": "tags", "type": "STRING", "mode": "REPEATED"},
    {"name": "address", "type": "RECORD", "fields": [
      {"name": "city", "type": "STRING"},
      {"name": "geo", "type": "RECORD", "fields": [{"name": "lat", "type": "FLOAT64"}]}]},
    {"name": "items", "type": "STRUCT", "mode": "REPEATED", "fields": [
      {"name": "sku", "type": "STRING"}, {"name": "qty", "type": "INT64"}]}
  ])",
                          SchemaFormat::kBigQueryJson);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  const Table* t = &c.tables[0];
  EXPECT_EQ(t->name.name, "events");
  EXPECT_EQ(t->dialect, "bigquery");
  EXPECT_EQ(type_of(t, "event_id"), "NVARCHAR");
  EXPECT_FALSE(column(t, "event_id")->nullable);
  EXPECT_EQ(column(t, "event_id")->comment, "unique");
  EXPECT_EQ(type_of(t, "n"), "INT64");
  EXPECT_EQ(type_of(t, "amount"), "DECIMAL(12, 2)");
  EXPECT_EQ(column(t, "amount")->type_text, "NUMERIC(12, 2)");
  EXPECT_EQ(type_of(t, "code"), "NVARCHAR(8)");
  EXPECT_EQ(type_of(t, "ratio"), "FLOAT64");
  EXPECT_EQ(type_of(t, "ok"), "BOOLEAN");
  EXPECT_TRUE(column(t, "ok")->nullable);
  EXPECT_EQ(type_of(t, "at"), "TIMESTAMP(6) WITH LOCAL TIME ZONE");
  EXPECT_EQ(type_of(t, "local"), "TIMESTAMP(6)");
  EXPECT_EQ(type_of(t, "day"), "DATE");
  EXPECT_EQ(type_of(t, "payload"), "JSON");
  EXPECT_EQ(type_of(t, "tags"), "ARRAY<NVARCHAR>");
  EXPECT_FALSE(column(t, "tags")->nullable);
  EXPECT_EQ(column(t, "address")->type_text, "STRUCT<city STRING, geo STRUCT<lat FLOAT64>>");
  EXPECT_EQ(type_of(t, "address"), "STRUCT<city NVARCHAR, geo STRUCT<lat FLOAT64>>");
  EXPECT_EQ(type_of(t, "items"), "ARRAY<STRUCT<sku NVARCHAR, qty INT64>>");
  EXPECT_TRUE(c.diagnostics.empty()) << codes(c);
}

TEST(BigQueryImporter, TableResourceNamesProjectDatasetAndTable) {
  Catalog c = import_text("t.json", R"({
    "tableReference": {"projectId": "acme", "datasetId": "sales", "tableId": "orders"},
    "description": "all orders",
    "schema": {"fields": [{"name": "Id", "type": "INT64", "mode": "REQUIRED"}]}})",
                          SchemaFormat::kBigQueryJson);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  EXPECT_EQ(c.tables[0].name.to_string(), "acme.sales.orders");
  EXPECT_EQ(c.tables[0].comment, "all orders");
  EXPECT_EQ(c.tables[0].columns[0].key, "id");  // BigQuery column names ignore case
  Catalog fields = import_text("f.json", R"({"fields": [{"name": "a", "type": "BYTES"}]})",
                               SchemaFormat::kBigQueryJson);
  ASSERT_EQ(fields.tables.size(), 1u);
  EXPECT_EQ(type_of(&fields.tables[0], "a"), "VARBINARY");
}

TEST(BigQueryImporter, MalformedFieldsAreReported) {
  Catalog c = import_text("bad.json", R"([
    {"name": "a", "type": "NOT_A_TYPE"},
    {"type": "STRING"},
    {"name": "r", "type": "RECORD"},
    {"name": "m", "type": "STRING", "maxLength": "-3"},
    {"name": "d", "type": "STRING", "maxLength": "99999999999999999999999"}
  ])",
                          SchemaFormat::kBigQueryJson);
  ASSERT_EQ(c.tables.size(), 1u);
  const Table* t = &c.tables[0];
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"a", "r", "m", "d"}));
  EXPECT_EQ(t->columns[0].type.kind, sql::TypeKind::kUnknown);
  EXPECT_EQ(type_of(t, "r"), "JSON");
  EXPECT_EQ(type_of(t, "m"), "NVARCHAR");
  EXPECT_EQ(type_of(t, "d"), "NVARCHAR");
  EXPECT_TRUE(has_code(c, "W-IMPORT-BIGQUERY-TYPE"));
  EXPECT_TRUE(has_code(c, "W-IMPORT-BIGQUERY-FIELD"));
  EXPECT_TRUE(has_code(import_text("x.json", R"({"a": 1})", SchemaFormat::kBigQueryJson),
                       "E-IMPORT-BIGQUERY"));
  EXPECT_TRUE(has_code(import_text("x.json", "", SchemaFormat::kBigQueryJson), "E-IMPORT-EMPTY"));
}

TEST(BigQueryImporter, DeepRecordsStopAtTheLimit) {
  std::string doc = "[";
  for (int i = 0; i < 60; ++i) doc += R"({"name": "r", "type": "RECORD", "fields": [)";
  doc += R"({"name": "leaf", "type": "INT64"})";
  for (int i = 0; i < 60; ++i) doc += "]}";
  doc += "]";
  Catalog c = import_text("deep.json", doc, SchemaFormat::kBigQueryJson);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  EXPECT_TRUE(has_code(c, "W-IMPORT-TOO-DEEP"));
}

TEST(AvroImporter, RecordsNamespacesUnionsAndLogicalTypes) {
  Catalog c = import_text("user.avsc", R"({
    "type": "record", "name": "User", "namespace": "com.acme", "doc": "a user",
    "fields": [
      {"name": "id", "type": "long", "doc": "key"},
      {"name": "age", "type": ["null", "int"], "default": null},
      {"name": "name", "type": "string", "default": "anon"},
      {"name": "score", "type": "double"},
      {"name": "weight", "type": "float"},
      {"name": "active", "type": "boolean"},
      {"name": "raw", "type": "bytes"},
      {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
      {"name": "born", "type": {"type": "int", "logicalType": "date"}},
      {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
      {"name": "seen_us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
      {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
      {"name": "wake", "type": {"type": "int", "logicalType": "time-millis"}},
      {"name": "uid", "type": {"type": "string", "logicalType": "uuid"}},
      {"name": "odd", "type": {"type": "string", "logicalType": "not-a-logical-type"}},
      {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["ON", "OFF"]}},
      {"name": "prev", "type": ["null", "Status"]},
      {"name": "hash", "type": {"type": "fixed", "name": "MD5", "size": 16}},
      {"name": "emails", "type": {"type": "array", "items": "string"}},
      {"name": "props", "type": {"type": "map", "values": "long"}},
      {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
        {"name": "city", "type": "string"}, {"name": "zip", "type": ["null", "string"]}]}},
      {"name": "billing", "type": ["null", "Address"]},
      {"name": "either", "type": ["null", "string", "long"]}
    ]})",
                          SchemaFormat::kAvro);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  const Table* t = &c.tables[0];
  EXPECT_EQ(t->name.to_string(), "com.acme.User");
  EXPECT_EQ(t->name.schema, "com.acme");
  EXPECT_EQ(t->comment, "a user");
  EXPECT_EQ(t->dialect, "avro");
  EXPECT_EQ(type_of(t, "id"), "INT64");
  EXPECT_FALSE(column(t, "id")->nullable);
  EXPECT_EQ(column(t, "id")->comment, "key");
  EXPECT_EQ(type_of(t, "age"), "INT32");
  EXPECT_TRUE(column(t, "age")->nullable);
  EXPECT_EQ(column(t, "age")->type_text, "union<null, int>");
  EXPECT_EQ(column(t, "age")->default_value.value_or(""), "NULL");
  EXPECT_EQ(column(t, "name")->default_value.value_or(""), "'anon'");
  EXPECT_EQ(type_of(t, "name"), "NTEXT");
  EXPECT_EQ(type_of(t, "score"), "FLOAT64");
  EXPECT_EQ(type_of(t, "weight"), "FLOAT32");
  EXPECT_EQ(type_of(t, "active"), "BOOLEAN");
  EXPECT_EQ(type_of(t, "raw"), "VARBINARY");
  EXPECT_EQ(type_of(t, "price"), "DECIMAL(10, 2)");
  EXPECT_EQ(column(t, "price")->type_text, "bytes (decimal(10, 2))");
  EXPECT_EQ(type_of(t, "born"), "DATE");
  EXPECT_EQ(type_of(t, "seen"), "TIMESTAMP(3) WITH LOCAL TIME ZONE");
  EXPECT_EQ(type_of(t, "seen_us"), "TIMESTAMP(6) WITH LOCAL TIME ZONE");
  EXPECT_EQ(type_of(t, "local"), "TIMESTAMP(6)");
  EXPECT_EQ(type_of(t, "wake"), "TIME(3)");
  EXPECT_EQ(type_of(t, "uid"), "UUID");
  EXPECT_EQ(type_of(t, "odd"), "NTEXT");
  EXPECT_EQ(type_of(t, "status"), "ENUM('ON', 'OFF')");
  EXPECT_EQ(column(t, "status")->type_text, "enum com.acme.Status");
  EXPECT_EQ(type_of(t, "prev"), "ENUM('ON', 'OFF')");
  EXPECT_TRUE(column(t, "prev")->nullable);
  EXPECT_EQ(type_of(t, "hash"), "BINARY(16)");
  EXPECT_EQ(type_of(t, "emails"), "ARRAY<NTEXT>");
  EXPECT_EQ(type_of(t, "props"), "MAP<NTEXT, INT64>");
  EXPECT_EQ(type_of(t, "address"), "STRUCT<city NTEXT, zip NTEXT>");
  EXPECT_EQ(type_of(t, "billing"), "STRUCT<city NTEXT, zip NTEXT>");
  EXPECT_TRUE(column(t, "billing")->nullable);
  EXPECT_EQ(type_of(t, "either"), "VARIANT");
  EXPECT_EQ(column(t, "either")->type_text, "union<null, string, long>");
  EXPECT_TRUE(c.diagnostics.empty()) << codes(c);
}

TEST(AvroImporter, ListOfRecordsIsSeveralTablesSharingNamedTypes) {
  Catalog c = import_text("all.avsc", R"([
    {"type": "record", "name": "Money", "namespace": "x", "fields": [{"name": "cents", "type": "long"}]},
    {"type": "record", "name": "Order", "namespace": "x", "fields": [{"name": "total", "type": "Money"}]}
  ])",
                          SchemaFormat::kAvro);
  ASSERT_EQ(c.tables.size(), 2u) << codes(c);
  EXPECT_EQ(type_of(c.find_table("x.Order"), "total"), "STRUCT<cents INT64>");
}

TEST(AvroImporter, RecursiveRecordsBecomeJsonColumns) {
  Catalog c = import_text("list.avsc", R"({"type": "record", "name": "Node", "fields": [
    {"name": "value", "type": "int"},
    {"name": "next", "type": ["null", "Node"]},
    {"name": "children", "type": {"type": "array", "items": "Node"}}]})",
                          SchemaFormat::kAvro);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  const Table* t = &c.tables[0];
  EXPECT_EQ(type_of(t, "next"), "JSON");
  EXPECT_TRUE(column(t, "next")->nullable);
  EXPECT_EQ(type_of(t, "children"), "ARRAY<JSON>");
  EXPECT_TRUE(has_code(c, "I-IMPORT-AVRO-RECURSIVE"));
}

TEST(AvroImporter, HostileSchemasGiveDiagnostics) {
  EXPECT_TRUE(has_code(import_text("a.avsc", R"("string")", SchemaFormat::kAvro), "E-IMPORT-AVRO"));
  EXPECT_TRUE(
      has_code(import_text("a.avsc", R"({"type": "record", "name": "R"})", SchemaFormat::kAvro),
               "E-IMPORT-AVRO"));
  Catalog bad = import_text("a.avsc", R"({"type": "record", "name": "R", "fields": [
    {"name": "u", "type": "Unknown"},
    {"name": "d", "type": {"type": "bytes", "logicalType": "decimal", "precision": -1}},
    {"name": "big", "type": {"type": "fixed", "name": "F", "size": 99999999999999999999}},
    {"type": "int"}, {"name": "n", "type": 5}]})",
                            SchemaFormat::kAvro);
  ASSERT_EQ(bad.tables.size(), 1u) << codes(bad);
  EXPECT_EQ(column_names(&bad.tables[0]), (std::vector<std::string>{"u", "d", "big", "n"}));
  EXPECT_EQ(type_of(&bad.tables[0], "d"), "VARBINARY");
  EXPECT_EQ(type_of(&bad.tables[0], "big"), "BINARY");
  EXPECT_TRUE(has_code(bad, "W-IMPORT-AVRO-TYPE"));
  EXPECT_TRUE(has_code(bad, "W-IMPORT-AVRO-FIELD"));
  std::string deep = R"({"type": "record", "name": "R", "fields": [{"name": "a", "type": )";
  for (int i = 0; i < 80; ++i) deep += R"({"type": "array", "items": )";
  deep += "\"int\"";
  for (int i = 0; i < 80; ++i) deep += "}";
  deep += "}]}";
  Catalog d = import_text("d.avsc", deep, SchemaFormat::kAvro);
  ASSERT_EQ(d.tables.size(), 1u) << codes(d);
  EXPECT_TRUE(has_code(d, "W-IMPORT-TOO-DEEP"));
}

}  // namespace
}  // namespace godwit::schema
