// JSON Schema importer: types and formats, nullability, $ref/$defs with cycles, nested
// objects flattened, arrays of objects as child tables with foreign keys, hostile input.
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

Catalog import_json(std::string_view text, const ImportOptions& options = {}) {
  return import_text("schemas/customer.schema.json", text, SchemaFormat::kJsonSchema, options);
}

TEST(JsonSchemaImporter, MapsTypesAndFormatsOfDraft07) {
  Catalog c = import_json(R"({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Customer",
    "description": "A buyer",
    "type": "object",
    "required": ["id", "email"],
    "properties": {
      "id": {"type": "integer", "description": "surrogate key"},
      "small": {"type": "integer", "minimum": 0, "maximum": 100},
      "medium": {"type": "integer", "minimum": -100000, "maximum": 100000},
      "balance": {"type": "number"},
      "name": {"type": "string", "maxLength": 80},
      "code": {"type": "string", "minLength": 3, "maxLength": 3},
      "notes": {"type": "string"},
      "email": {"type": "string", "format": "email"},
      "born": {"type": "string", "format": "date"},
      "created": {"type": "string", "format": "date-time"},
      "opens": {"type": "string", "format": "time"},
      "ref": {"type": "string", "format": "uuid"},
      "active": {"type": "boolean", "default": true},
      "tags": {"type": "array", "items": {"type": "string"}},
      "attrs": {"type": "object", "additionalProperties": {"type": "integer"}},
      "blob": {}
    }
  })");
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  const Table* t = c.find_table("Customer");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->comment, "A buyer");
  EXPECT_EQ(t->dialect, "json_schema");
  EXPECT_EQ(type_of(t, "id"), "INT64");
  EXPECT_EQ(type_of(t, "small"), "INT16");
  EXPECT_EQ(type_of(t, "medium"), "INT32");
  EXPECT_EQ(type_of(t, "balance"), "FLOAT64");
  EXPECT_EQ(type_of(t, "name"), "NVARCHAR(80)");
  EXPECT_EQ(type_of(t, "code"), "NCHAR(3)");
  EXPECT_EQ(type_of(t, "notes"), "NTEXT");
  EXPECT_EQ(type_of(t, "email"), "NVARCHAR(254)");
  EXPECT_EQ(type_of(t, "born"), "DATE");
  EXPECT_EQ(type_of(t, "created"), "TIMESTAMP WITH TIME ZONE");
  EXPECT_EQ(type_of(t, "opens"), "TIME");
  EXPECT_EQ(type_of(t, "ref"), "UUID");
  EXPECT_EQ(type_of(t, "active"), "BOOLEAN");
  EXPECT_EQ(type_of(t, "tags"), "ARRAY<NTEXT>");
  EXPECT_EQ(type_of(t, "attrs"), "MAP<NTEXT, INT64>");
  EXPECT_EQ(type_of(t, "blob"), "JSON");
  EXPECT_EQ(column(t, "created")->type_text, "string (date-time)");
  EXPECT_EQ(column(t, "id")->comment, "surrogate key");
  EXPECT_EQ(column(t, "active")->default_value.value_or(""), "TRUE");
  // Required -> NOT NULL; and a required "id" is the primary key when nothing else says so.
  EXPECT_FALSE(column(t, "id")->nullable);
  EXPECT_FALSE(column(t, "email")->nullable);
  EXPECT_TRUE(column(t, "name")->nullable);
  ASSERT_TRUE(t->primary_key.has_value());
  EXPECT_EQ(t->primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_TRUE(c.diagnostics.empty()) << codes(c);
  EXPECT_EQ(c.files, std::vector<std::string>{"schemas/customer.schema.json"});
}

TEST(JsonSchemaImporter, NullableThroughTypeArraysAndOneOfNull) {
  Catalog c = import_json(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["a", "b", "c", "d"],
    "properties": {
      "a": {"type": ["string", "null"], "maxLength": 5},
      "b": {"oneOf": [{"type": "null"}, {"type": "integer"}]},
      "c": {"type": "integer"},
      "d": {"type": "string", "nullable": true},
      "e": {"type": ["string", "integer"]}
    }
  })");
  const Table* t = c.find_table("customer");
  ASSERT_NE(t, nullptr) << codes(c);
  EXPECT_TRUE(column(t, "a")->nullable);
  EXPECT_EQ(type_of(t, "a"), "NVARCHAR(5)");
  EXPECT_TRUE(column(t, "b")->nullable);
  EXPECT_EQ(type_of(t, "b"), "INT64");
  EXPECT_FALSE(column(t, "c")->nullable);
  EXPECT_TRUE(column(t, "d")->nullable);
  EXPECT_EQ(type_of(t, "e"), "VARIANT");
  EXPECT_EQ(column(t, "e")->type_text, "integer|string");
}

TEST(JsonSchemaImporter, TableNameFromOptionsThenIdentifierTitleThenFileName) {
  std::string doc = R"({"title": "Order Line", "properties": {"x": {"type": "integer"}}})";
  // "customer.schema.json": the title is no identifier, so the file name without
  // ".schema.json" names the table, and the title is its comment.
  Catalog c = import_json(doc);
  ASSERT_EQ(c.tables.size(), 1u);
  EXPECT_EQ(c.tables[0].name.name, "customer");
  EXPECT_EQ(c.tables[0].comment, "Order Line");
  ImportOptions o;
  o.table_name = "order_lines";
  EXPECT_NE(import_json(doc, o).find_table("order_lines"), nullptr);
  Catalog titled = import_json(R"({"title": "OrderLine", "properties": {"x": {}}})");
  EXPECT_NE(titled.find_table("OrderLine"), nullptr);
  Catalog dotted = import_text("in/v1.2-orders.json", doc, SchemaFormat::kJsonSchema);
  EXPECT_EQ(dotted.tables.at(0).name.name, "v1_2_orders");
}

TEST(JsonSchemaImporter, EnumsOfStringsAreEnumTypesOthersChecks) {
  Catalog c = import_json(R"({"properties": {
    "status": {"type": "string", "enum": ["new", "paid", "shipped"]},
    "level": {"type": "integer", "enum": [1, 2, 3]},
    "kind": {"const": "fixed"}
  }})");
  const Table* t = c.tables.empty() ? nullptr : &c.tables[0];
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(type_of(t, "status"), "ENUM('new', 'paid', 'shipped')");
  EXPECT_EQ(type_of(t, "level"), "INT64");
  EXPECT_EQ(type_of(t, "kind"), "ENUM('fixed')");
  ASSERT_EQ(t->checks.size(), 1u);
  EXPECT_EQ(t->checks[0].expression, "level IN (1, 2, 3)");
}

TEST(JsonSchemaImporter, NestedObjectsAreFlattenedWithParentPrefix) {
  Catalog c = import_json(R"({"type": "object", "required": ["address"], "properties": {
    "id": {"type": "integer"},
    "address": {"type": "object", "required": ["city"], "properties": {
      "city": {"type": "string"},
      "geo": {"type": "object", "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}}}
    }},
    "billing": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}
  }})");
  ASSERT_EQ(c.tables.size(), 1u);
  const Table* t = &c.tables[0];
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"id", "address_city", "address_geo_lat",
                                                       "address_geo_lon", "billing_city"}));
  EXPECT_FALSE(column(t, "address_city")->nullable);  // required inside a required object
  EXPECT_TRUE(column(t, "billing_city")->nullable);   // required inside an optional object
  EXPECT_TRUE(column(t, "address_geo_lat")->nullable);
}

TEST(JsonSchemaImporter, RefsToDefinitionsAreEmbeddedAndUnreferencedDefinitionsAreTables) {
  Catalog c = import_json(R"({
    "$defs": {
      "Address": {"type": "object", "properties": {"street": {"type": "string"}}},
      "Customer": {"type": "object", "x-primary-key": ["customer_id"], "properties": {
        "customer_id": {"type": "integer"},
        "home": {"$ref": "#/$defs/Address", "description": "where they live"}
      }},
      "Product": {"type": "object", "properties": {"sku": {"type": "string", "maxLength": 12}}}
    }
  })");
  EXPECT_EQ(c.tables.size(), 2u) << codes(c);
  const Table* customer = c.find_table("Customer");
  ASSERT_NE(customer, nullptr);
  EXPECT_EQ(column_names(customer), (std::vector<std::string>{"customer_id", "home_street"}));
  ASSERT_TRUE(customer->primary_key.has_value());
  EXPECT_EQ(customer->primary_key->columns, std::vector<std::string>{"customer_id"});
  EXPECT_FALSE(column(customer, "customer_id")->nullable);
  EXPECT_NE(c.find_table("Product"), nullptr);
  EXPECT_EQ(c.find_table("Address"), nullptr);  // referenced: embedded, not a table
}

TEST(JsonSchemaImporter, Draft07DefinitionsAndAllOfMerge) {
  Catalog c = import_json(R"({
    "definitions": {
      "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
    },
    "allOf": [{"$ref": "#/definitions/Base"},
              {"properties": {"label": {"type": "string"}}}]
  })");
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  const Table* t = &c.tables[0];
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"id", "label"}));
  EXPECT_FALSE(column(t, "id")->nullable);
}

TEST(JsonSchemaImporter, ArraysOfObjectsBecomeChildTablesWithForeignKeys) {
  Catalog c = import_json(R"({"title": "orders", "type": "object", "required": ["order_id"],
    "properties": {
      "order_id": {"type": "string", "format": "uuid", "x-primary-key": true},
      "lines": {"type": "array", "description": "order lines", "items": {"type": "object",
        "required": ["sku"],
        "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}}}}
    }})");
  ASSERT_EQ(c.tables.size(), 2u) << codes(c);
  const Table* orders = c.find_table("orders");
  const Table* lines = c.find_table("orders_lines");
  ASSERT_NE(orders, nullptr);
  ASSERT_NE(lines, nullptr);
  EXPECT_EQ(column_names(orders), std::vector<std::string>{"order_id"});
  EXPECT_EQ(column_names(lines), (std::vector<std::string>{"orders_order_id", "sku", "qty"}));
  EXPECT_EQ(type_of(lines, "orders_order_id"), "UUID");
  EXPECT_FALSE(column(lines, "orders_order_id")->nullable);
  EXPECT_EQ(lines->comment, "order lines");
  ASSERT_EQ(lines->foreign_keys.size(), 1u);
  const ForeignKey& fk = lines->foreign_keys[0];
  EXPECT_TRUE(fk.resolved);
  EXPECT_EQ(fk.referenced_table_id, orders->id);
  EXPECT_EQ(fk.columns, std::vector<std::string>{"orders_order_id"});
  EXPECT_EQ(fk.referenced_columns, std::vector<std::string>{"order_id"});
  EXPECT_EQ(c.foreign_key_count(), 1u);
}

TEST(JsonSchemaImporter, ChildOfATableWithoutKeyIsWarnedAbout) {
  Catalog c = import_json(R"({"properties": {
    "items": {"type": "array", "items": {"properties": {"n": {"type": "integer"}}}}}})");
  ASSERT_EQ(c.tables.size(), 2u);
  EXPECT_TRUE(c.tables[1].foreign_keys.empty());
  EXPECT_TRUE(has_code(c, "W-IMPORT-CHILD-NO-KEY")) << codes(c);
}

TEST(JsonSchemaImporter, RootArrayOfRecordsIsATable) {
  Catalog c = import_json(R"({"type": "array", "items": {"$ref": "#/definitions/Row"},
    "definitions": {"Row": {"properties": {"a": {"type": "boolean"}}}}})");
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  EXPECT_EQ(column_names(&c.tables[0]), std::vector<std::string>{"a"});
}

TEST(JsonSchemaImporter, RecursiveRefsStopWithAJsonColumn) {
  Catalog c = import_json(R"({"$defs": {"Node": {"type": "object", "properties": {
      "name": {"type": "string"},
      "parent": {"$ref": "#/$defs/Node"},
      "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}
    }}}, "$ref": "#/$defs/Node"})");
  ASSERT_GE(c.tables.size(), 1u) << codes(c);
  const Table* t = &c.tables[0];
  EXPECT_EQ(type_of(t, "parent"), "JSON");
  EXPECT_TRUE(has_code(c, "I-IMPORT-JSON-SCHEMA-CYCLE")) << codes(c);
}

TEST(JsonSchemaImporter, SelfReferenceToTheRootIsACycle) {
  Catalog c = import_json(R"({"properties": {"id": {"type": "integer"}, "next": {"$ref": "#"}}})");
  ASSERT_EQ(c.tables.size(), 1u);
  EXPECT_EQ(column_names(&c.tables[0]), (std::vector<std::string>{"id", "next"}));
  EXPECT_EQ(type_of(&c.tables[0], "next"), "JSON");
}

TEST(JsonSchemaImporter, ExternalRefsAreReportedAndKeptAsJson) {
  Catalog c = import_json(
      R"({"properties": {"a": {"$ref": "other.json#/x"}, "b": {"$ref": "#/nowhere"}}})");
  ASSERT_EQ(c.tables.size(), 1u);
  EXPECT_EQ(type_of(&c.tables[0], "a"), "JSON");
  EXPECT_EQ(type_of(&c.tables[0], "b"), "JSON");
  EXPECT_TRUE(has_code(c, "W-IMPORT-JSON-SCHEMA-REF"));
}

TEST(JsonSchemaImporter, ExponentialRefFanOutIsBounded) {
  // Each level references the next twice: 2^40 paths if expanded naively.
  std::string doc = R"({"properties": {"root": {"$ref": "#/$defs/L0"}}, "$defs": {)";
  for (int i = 0; i < 40; ++i) {
    std::string next = "#/$defs/L" + std::to_string(i + 1);
    doc += "\"L" + std::to_string(i) + "\": {\"properties\": {\"a\": {\"$ref\": \"" + next +
           "\"}, \"b\": {\"$ref\": \"" + next + "\"}}},";
  }
  doc += R"("L40": {"properties": {"leaf": {"type": "integer"}}}}})";
  Catalog c = import_json(doc);
  ASSERT_EQ(c.tables.size(), 1u);
  EXPECT_LE(c.tables[0].columns.size(), 10000u);
  EXPECT_TRUE(has_code(c, "E-IMPORT-TOO-MANY-COLUMNS") || has_code(c, "E-IMPORT-TOO-LARGE") ||
              has_code(c, "W-IMPORT-TOO-DEEP"))
      << codes(c);
}

TEST(JsonSchemaImporter, HostileDocumentsGiveDiagnosticsNotCrashes) {
  Catalog empty = import_json("");
  EXPECT_TRUE(has_code(empty, "E-IMPORT-EMPTY"));
  EXPECT_TRUE(empty.tables.empty());

  Catalog broken = import_json("{\"properties\": {\"a\": }");
  EXPECT_TRUE(has_code(broken, "E-IMPORT-JSON"));
  ASSERT_FALSE(broken.diagnostics.empty());
  EXPECT_EQ(broken.diagnostics[0].file, "schemas/customer.schema.json");
  EXPECT_EQ(broken.diagnostics[0].location.line, 1u);

  Catalog deep = import_json(std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_TRUE(has_code(deep, "E-IMPORT-TOO-DEEP"));

  Catalog utf8 = import_json("{\"properties\": {\"a\xff\": {\"type\": \"string\"}}}");
  EXPECT_TRUE(has_code(utf8, "E-IMPORT-JSON")) << codes(utf8);

  Catalog bom = import_json("\xEF\xBB\xBF{\"properties\": {\"a\": {\"type\": \"integer\"}}}");
  ASSERT_EQ(bom.tables.size(), 1u) << codes(bom);

  Catalog overflow = import_json(R"({"properties": {"a": {"maximum": -1e400}}})");
  EXPECT_TRUE(has_code(overflow, "E-IMPORT-JSON")) << codes(overflow);

  Catalog huge = import_json(R"({"properties": {
    "a": {"type": "string", "maxLength": 1e300},
    "b": {"type": "integer", "minimum": -1e300, "maximum": 99999999999999999999999999},
    "c": {"type": 42}, "d": "not a schema", "e": {"enum": "x"}}})");
  ASSERT_EQ(huge.tables.size(), 1u) << codes(huge);
  EXPECT_EQ(type_of(&huge.tables[0], "a"), "NTEXT");
  EXPECT_EQ(type_of(&huge.tables[0], "b"), "INT64");
  EXPECT_EQ(type_of(&huge.tables[0], "c"), "JSON");

  Catalog nothing = import_json(R"({"type": "string"})");
  EXPECT_TRUE(has_code(nothing, "E-IMPORT-JSON-SCHEMA-EMPTY"));

  Catalog array = import_json("[1, 2]");
  EXPECT_TRUE(has_code(array, "E-IMPORT-JSON-SCHEMA"));
}

TEST(JsonSchemaImporter, DuplicateTableNamesWithinAFileAreRenamed) {
  Catalog c = import_json(R"({"title": "a_b", "properties": {
      "b": {"type": "array", "items": {"properties": {"x": {"type": "integer"}}}}},
    "$defs": {"a_b_b": {"properties": {"y": {"type": "integer"}}}}})");
  ASSERT_EQ(c.tables.size(), 3u) << codes(c);
  EXPECT_NE(c.find_table("a_b_b"), nullptr);
  EXPECT_NE(c.find_table("a_b_b_2"), nullptr);
  EXPECT_TRUE(has_code(c, "W-IMPORT-DUPLICATE-TABLE"));
}

TEST(SchemaImporter, ImportsSqlThroughTheCatalogBuilderWithDetectedDialect) {
  Catalog c;
  import_schema_file(c, "a.json", R"({"title": "parent", "properties": {"id": {"type": "integer"}},
    "required": ["id"]})",
                     SchemaFormat::kJsonSchema);
  import_schema_file(
      c, "b.sql", "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent(id));",
      SchemaFormat::kSql);
  ASSERT_EQ(c.tables.size(), 2u) << codes(c);
  const Table* child = c.find_table("child");
  ASSERT_NE(child, nullptr);
  ASSERT_EQ(child->foreign_keys.size(), 1u);
  EXPECT_TRUE(child->foreign_keys[0].resolved);
  EXPECT_EQ(child->foreign_keys[0].referenced_table_id, c.find_table("parent")->id);
  EXPECT_EQ(c.files, (std::vector<std::string>{"a.json", "b.sql"}));
}

TEST(SchemaImporter, DetectsFormatsFromNamesAndContent) {
  EXPECT_EQ(detect_schema_format("x.sql", "anything"), SchemaFormat::kSql);
  EXPECT_EQ(detect_schema_format("x.avsc", "{}"), SchemaFormat::kAvro);
  EXPECT_EQ(detect_schema_format("x.csv", "a,b\n1,2\n"), SchemaFormat::kCsv);
  EXPECT_EQ(detect_schema_format("x.tsv", "a\tb\n"), SchemaFormat::kTsv);
  EXPECT_EQ(detect_schema_format("x.json", R"({"type":"record","name":"r","fields":[]})"),
            SchemaFormat::kAvro);
  EXPECT_EQ(detect_schema_format("x.json", R"({"$schema":"x","properties":{}})"),
            SchemaFormat::kJsonSchema);
  EXPECT_EQ(detect_schema_format("x.json", R"([{"name":"a","type":"STRING","mode":"NULLABLE"}])"),
            SchemaFormat::kBigQueryJson);
  EXPECT_EQ(
      detect_schema_format("x.json", R"({"schema":{"fields":[{"name":"a","type":"INT64"}]}})"),
      SchemaFormat::kBigQueryJson);
  EXPECT_EQ(detect_schema_format("x.json", R"({"hello": "world"})"), std::nullopt);
  EXPECT_EQ(detect_schema_format("x.json", "not json"), std::nullopt);
  EXPECT_EQ(detect_schema_format("dump", "  create table t (a int);"), SchemaFormat::kSql);
  EXPECT_EQ(detect_schema_format("sample", "a;b;c\n1;2;3\n4;5;6\n"), SchemaFormat::kCsv);
  EXPECT_EQ(detect_schema_format("sample", "a\tb\n1\t2\n"), SchemaFormat::kTsv);
  EXPECT_EQ(detect_schema_format("x.sql", ""), std::nullopt);
  EXPECT_EQ(detect_schema_format("x.bin", std::string("\x7f"
                                                      "ELF\0\0",
                                                      6)),
            std::nullopt);
  EXPECT_EQ(detect_schema_format("x.json", std::string(1000, '[')), std::nullopt);
}

TEST(SchemaImporter, FormatNamesRoundTrip) {
  for (SchemaFormat f : {SchemaFormat::kSql, SchemaFormat::kJsonSchema, SchemaFormat::kBigQueryJson,
                         SchemaFormat::kAvro, SchemaFormat::kCsv, SchemaFormat::kTsv})
    EXPECT_EQ(schema_format_from_name(to_string(f)), f);
  EXPECT_EQ(schema_format_from_name("BigQuery"), SchemaFormat::kBigQueryJson);
  EXPECT_EQ(schema_format_from_name("json-schema"), SchemaFormat::kJsonSchema);
  EXPECT_EQ(schema_format_from_name("xml"), std::nullopt);
}

}  // namespace
}  // namespace godwit::schema
