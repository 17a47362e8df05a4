// The JSON Schema subset validator.
#include "llm/json_schema.hpp"

#include <gtest/gtest.h>

namespace godwit::llm {
namespace {

using nlohmann::json;

std::string first(const json& schema, const json& value) {
  auto v = validate_json(schema, value);
  return v.empty() ? "" : v[0].pointer + ": " + v[0].message;
}

TEST(JsonSchema, Types) {
  EXPECT_EQ(first({{"type", "string"}}, "x"), "");
  EXPECT_EQ(first({{"type", "string"}}, 1), ": expected string, found integer");
  EXPECT_EQ(first({{"type", "integer"}}, 3), "");
  EXPECT_EQ(first({{"type", "integer"}}, 3.0), "");
  EXPECT_EQ(first({{"type", "integer"}}, 3.5), ": expected integer, found number");
  EXPECT_EQ(first({{"type", "number"}}, 3), "");
  EXPECT_EQ(first({{"type", "boolean"}}, "true"), ": expected boolean, found string");
  EXPECT_EQ(first({{"type", "null"}}, nullptr), "");
  EXPECT_EQ(first({{"type", "object"}}, json::array()), ": expected object, found array");
  EXPECT_EQ(first({{"type", {"string", "null"}}}, nullptr), "");
  EXPECT_EQ(first({{"type", {"string", "null"}}}, 2), ": expected string or null, found integer");
}

TEST(JsonSchema, ObjectsRequiredAndAdditionalProperties) {
  json schema = {{"type", "object"},
                 {"required", {"a", "b"}},
                 {"additionalProperties", false},
                 {"properties", {{"a", {{"type", "string"}}}, {"b", {{"type", "integer"}}}}}};
  EXPECT_TRUE(validate_json(schema, {{"a", "x"}, {"b", 1}}).empty());
  EXPECT_EQ(first(schema, {{"a", "x"}}), ": missing required property 'b'");
  EXPECT_EQ(first(schema, {{"a", "x"}, {"b", 1}, {"c/d", 2}}), "/c~1d: property is not allowed");
  EXPECT_EQ(first(schema, {{"a", 5}, {"b", 1}}), "/a: expected string, found integer");
  json open = {{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}};
  EXPECT_TRUE(validate_json(open, {{"x", 1}}).empty());
  EXPECT_EQ(first(open, {{"x", "1"}}), "/x: expected integer, found string");
}

TEST(JsonSchema, ArraysEnumsAndBounds) {
  json schema = {{"type", "array"},
                 {"minItems", 1},
                 {"maxItems", 2},
                 {"items", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}};
  EXPECT_TRUE(validate_json(schema, {0, 1}).empty());
  EXPECT_EQ(first(schema, json::array()), ": array has fewer than 1 items");
  EXPECT_EQ(first(schema, {0, 0.5, 1}), ": array has more than 2 items");
  EXPECT_EQ(first(schema, {0.5, 1.5}), "/1: value is above the maximum 1");
  EXPECT_EQ(first(schema, {-0.1}), "/0: value is below the minimum 0");
  json e = {{"enum", {"one_to_one", "one_to_many"}}};
  EXPECT_TRUE(validate_json(e, "one_to_one").empty());
  EXPECT_EQ(first(e, "one_to_all"), ": value is not one of the allowed values");
}

TEST(JsonSchema, StringLengthCountsCodePoints) {
  json schema = {{"type", "string"}, {"minLength", 2}, {"maxLength", 3}};
  EXPECT_TRUE(validate_json(schema, "\xc3\xa9\xc3\xa9\xc3\xa9").empty());  // three é
  EXPECT_EQ(first(schema, "a"), ": string is shorter than 2 characters");
  EXPECT_EQ(first(schema, "abcd"), ": string is longer than 3 characters");
}

TEST(JsonSchema, ViolationsAreCapped) {
  json schema = {{"type", "array"}, {"items", {{"type", "string"}}}};
  json many = json::array();
  for (int i = 0; i < 1000; ++i) many.push_back(i);
  EXPECT_EQ(validate_json(schema, many, 20).size(), 20u);
  EXPECT_EQ(validate_json(schema, many, 3).size(), 3u);
}

TEST(JsonSchema, BooleanSchemas) {
  EXPECT_TRUE(validate_json(true, 1).empty());
  EXPECT_EQ(first(false, 1), ": no value is allowed here");
}

TEST(JsonSchema, UnsupportedKeywordsAreReported) {
  json schema = {{"type", "object"},
                 {"properties", {{"a", {{"type", "string"}, {"pattern", "^x"}}}}},
                 {"oneOf", json::array()}};
  auto found = unsupported_schema_keywords(schema);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "/oneOf");
  EXPECT_EQ(found[1], "/properties/a/pattern");
}

}  // namespace
}  // namespace godwit::llm
