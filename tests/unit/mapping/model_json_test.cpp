// The mapping document's JSON form: a full document survives a round trip unchanged, and
// every kind of bad input becomes a diagnostic naming the path, never an exception.
#include "mapping/model_json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace godwit::mapping {
namespace {

using nlohmann::json;

MappingDocument sample_document() {
  MappingDocument d;
  d.source = {"oracle", {"src/a.sql", "src/b.sql"}};
  d.target = {"bigquery", {"target.sql"}};
  d.formula_dialect = "bigquery";
  TableMapping t;
  t.source_tables = {"sales.cust", "sales.cust_addr"};
  t.target_table = "customers";
  t.id = table_mapping_id(t.source_tables, t.target_table);
  t.join = "cust.cust_id = cust_addr.cust_id";
  t.confidence = 0.75;
  t.status = MappingStatus::kApproved;
  t.provenance = Provenance::kPerson;
  t.evidence = {{"name", 0.8, 0.5, "cust ~ customers"}};
  d.tables.push_back(t);

  FieldMapping f;
  f.sources = {{"sales.cust", "gender_cd"}};
  f.target = {"customers", "gender"};
  f.id = field_mapping_id(f.sources, f.target);
  f.transformation = Transformation::kCaseWhen;
  f.formula = "CASE gender_cd WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' END";
  f.value_map = ValueMap{{{"'M'", "'male'"}, {"'F'", "'female'"}}, std::string("NULL")};
  f.confidence = 0.91;
  f.rank = 1;
  f.status = MappingStatus::kManual;
  f.provenance = Provenance::kModel;
  f.model = "anthropic/claude/v3";
  f.description = "code set";
  f.evidence = {{"synonym", 1, 0.3, "cd = code"}, {"type", 0.9, 0.1, ""}};
  f.warnings = {"VARCHAR(10) -> STRING(5) may truncate"};
  d.fields.push_back(f);

  FieldMapping g;
  g.sources = {{"sales.cust", "first_nm"}, {"sales.cust", "last_nm"}};
  g.target = {"customers", "full_name"};
  g.id = field_mapping_id(g.sources, g.target);
  g.transformation = Transformation::kConcatenated;
  g.formula = "CONCAT(first_nm, ' ', last_nm)";
  g.confidence = 0.4;
  g.rank = 2;
  d.fields.push_back(g);

  FieldMapping constant;
  constant.target = {"customers", "loaded_at"};
  constant.id = field_mapping_id({}, constant.target);
  constant.transformation = Transformation::kComputed;
  constant.formula = "CURRENT_TIMESTAMP()";
  d.fields.push_back(constant);
  return d;
}

std::vector<Diagnostic> read_errors(const json& j) {
  std::vector<Diagnostic> errors;
  (void)mapping_from_json(j, errors);
  return errors;
}

/// True when exactly one error was reported and its message starts with `path`.
::testing::AssertionResult one_error_at(const json& j, const std::string& path) {
  std::vector<Diagnostic> errors = read_errors(j);
  if (errors.size() != 1) {
    std::string all;
    for (const Diagnostic& e : errors) all += "\n  " + e.message;
    return ::testing::AssertionFailure() << errors.size() << " errors, expected 1:" << all;
  }
  if (errors[0].message.rfind(path + ": ", 0) != 0)
    return ::testing::AssertionFailure()
           << "message \"" << errors[0].message << "\" does not start with " << path;
  if (errors[0].code != "E-MAPPING-JSON" || errors[0].severity != Severity::kError)
    return ::testing::AssertionFailure() << "wrong code or severity";
  return ::testing::AssertionSuccess();
}

json valid() {
  return to_json(sample_document());
}

TEST(MappingJson, RoundTripKeepsEveryField) {
  MappingDocument d = sample_document();
  json j = to_json(d);
  std::vector<Diagnostic> errors;
  MappingDocument back = mapping_from_json(j, errors);
  EXPECT_TRUE(errors.empty()) << errors[0].message;
  EXPECT_EQ(back, d);
  EXPECT_EQ(to_json(back).dump(), j.dump());
}

TEST(MappingJson, EnumNamesAreTheDocumentedOnes) {
  json j = valid();
  EXPECT_EQ(j["fields"][0]["transformation"], "case_when");
  EXPECT_EQ(j["fields"][0]["status"], "manual");
  EXPECT_EQ(j["fields"][0]["provenance"], "model");
  EXPECT_EQ(j["fields"][1]["transformation"], "concatenated");
  EXPECT_EQ(j["fields"][1]["status"], "suggested");
  EXPECT_EQ(j["tables"][0]["provenance"], "person");
  EXPECT_FALSE(j["fields"][1].contains("value_map"));
  EXPECT_EQ(j["fields"][0]["value_map"]["entries"][1]["to"], "'female'");
}

TEST(MappingJson, IdsAreStableAndDistinguishSourcesFromTargets) {
  EXPECT_EQ(field_mapping_id({{"a", "b"}}, {"c", "d"}), field_mapping_id({{"a", "b"}}, {"c", "d"}));
  EXPECT_NE(field_mapping_id({{"a", "b"}}, {"c", "d"}), field_mapping_id({{"ab", ""}}, {"c", "d"}));
  EXPECT_NE(field_mapping_id({{"a", "b"}}, {"c", "d"}), field_mapping_id({{"c", "d"}}, {"a", "b"}));
  std::string id = field_mapping_id({{"a", "b"}}, {"c", "d"});
  EXPECT_EQ(id.size(), 15u);
  EXPECT_EQ(id.rfind("fm-", 0), 0u);
  EXPECT_EQ(table_mapping_id({"a"}, "b").rfind("tm-", 0), 0u);
}

TEST(MappingJson, FormulaDialectDefaultsToTheTargetDialect) {
  json j = valid();
  j.erase("formula_dialect");
  std::vector<Diagnostic> errors;
  MappingDocument d = mapping_from_json(j, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(d.formula_dialect, "bigquery");
}

TEST(MappingJson, MinimalDocumentAndUnknownKeysAreAccepted) {
  std::vector<Diagnostic> errors;
  MappingDocument d = mapping_from_json(json{{"format_version", 1}, {"future_key", 3}}, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(d.fields.empty());
}

TEST(MappingJsonErrors, DocumentLevel) {
  EXPECT_TRUE(one_error_at(json::array(), "/"));
  EXPECT_TRUE(one_error_at(json("text"), "/"));
  json j = valid();
  j.erase("format_version");
  EXPECT_TRUE(one_error_at(j, "/format_version"));
  j = valid();
  j["format_version"] = 2;
  EXPECT_TRUE(one_error_at(j, "/format_version"));
  j["format_version"] = "1";
  EXPECT_TRUE(one_error_at(j, "/format_version"));
  j = valid();
  j["source"] = "oracle";
  EXPECT_TRUE(one_error_at(j, "/source"));
  j = valid();
  j["target"]["dialect"] = 5;
  EXPECT_TRUE(one_error_at(j, "/target/dialect"));
  j = valid();
  j["target"]["files"] = "a.sql";
  EXPECT_TRUE(one_error_at(j, "/target/files"));
  j = valid();
  j["source"]["files"][1] = nullptr;
  EXPECT_TRUE(one_error_at(j, "/source/files/1"));
  j = valid();
  j["formula_dialect"] = json::array();
  EXPECT_TRUE(one_error_at(j, "/formula_dialect"));
  j = valid();
  j["tables"] = json::object();
  EXPECT_TRUE(one_error_at(j, "/tables"));
  j = valid();
  j["fields"] = 3;
  EXPECT_TRUE(one_error_at(j, "/fields"));
  j = valid();
  j["fields"][1] = "x";
  EXPECT_TRUE(one_error_at(j, "/fields/1"));
}

TEST(MappingJsonErrors, TableMappings) {
  json j = valid();
  j["tables"][0].erase("id");
  EXPECT_TRUE(one_error_at(j, "/tables/0/id"));
  j = valid();
  j["tables"][0].erase("source_tables");
  EXPECT_TRUE(one_error_at(j, "/tables/0/source_tables"));
  j = valid();
  j["tables"][0]["source_tables"] = json::array();
  EXPECT_TRUE(one_error_at(j, "/tables/0/source_tables"));
  j = valid();
  j["tables"][0].erase("target_table");
  EXPECT_TRUE(one_error_at(j, "/tables/0/target_table"));
  j = valid();
  j["tables"][0]["join"] = 1;
  EXPECT_TRUE(one_error_at(j, "/tables/0/join"));
  j = valid();
  j["tables"][0]["filter"] = true;
  EXPECT_TRUE(one_error_at(j, "/tables/0/filter"));
  j = valid();
  j["tables"][0]["confidence"] = 1.5;
  EXPECT_TRUE(one_error_at(j, "/tables/0/confidence"));
  j = valid();
  j["tables"][0]["status"] = "done";
  EXPECT_TRUE(one_error_at(j, "/tables/0/status"));
  j = valid();
  j["tables"][0]["provenance"] = 0;
  EXPECT_TRUE(one_error_at(j, "/tables/0/provenance"));
  j = valid();
  j["tables"][0]["evidence"] = "x";
  EXPECT_TRUE(one_error_at(j, "/tables/0/evidence"));
}

TEST(MappingJsonErrors, FieldMappings) {
  json j = valid();
  j["fields"][0].erase("id");
  EXPECT_TRUE(one_error_at(j, "/fields/0/id"));
  j = valid();
  j["fields"][1]["id"] = j["fields"][0]["id"];
  EXPECT_TRUE(one_error_at(j, "/fields/1/id"));
  j = valid();
  j["fields"][0]["id"] = j["tables"][0]["id"];
  EXPECT_TRUE(one_error_at(j, "/fields/0/id"));
  j = valid();
  j["fields"][0].erase("sources");
  EXPECT_TRUE(one_error_at(j, "/fields/0/sources"));
  j = valid();
  j["fields"][0]["sources"] = json::object();
  EXPECT_TRUE(one_error_at(j, "/fields/0/sources"));
  j = valid();
  j["fields"][1]["sources"][1] = "sales.cust.last_nm";
  EXPECT_TRUE(one_error_at(j, "/fields/1/sources/1"));
  j = valid();
  j["fields"][1]["sources"][1].erase("table");
  EXPECT_TRUE(one_error_at(j, "/fields/1/sources/1/table"));
  j = valid();
  j["fields"][1]["sources"][0]["column"] = "";
  EXPECT_TRUE(one_error_at(j, "/fields/1/sources/0/column"));
  j = valid();
  j["fields"][0].erase("target");
  EXPECT_TRUE(one_error_at(j, "/fields/0/target"));
  j = valid();
  j["fields"][0]["target"].erase("column");
  EXPECT_TRUE(one_error_at(j, "/fields/0/target/column"));
  j = valid();
  j["fields"][0]["transformation"] = "lookup";
  EXPECT_TRUE(one_error_at(j, "/fields/0/transformation"));
  j = valid();
  j["fields"][1]["formula"] = "";
  EXPECT_TRUE(one_error_at(j, "/fields/1/formula"));
  j = valid();
  j["fields"][0]["confidence"] = -0.1;
  EXPECT_TRUE(one_error_at(j, "/fields/0/confidence"));
  j = valid();
  j["fields"][0]["confidence"] = "high";
  EXPECT_TRUE(one_error_at(j, "/fields/0/confidence"));
  j = valid();
  j["fields"][0]["rank"] = 0;
  EXPECT_TRUE(one_error_at(j, "/fields/0/rank"));
  j = valid();
  j["fields"][0]["rank"] = 1.5;
  EXPECT_TRUE(one_error_at(j, "/fields/0/rank"));
  j = valid();
  j["fields"][0]["status"] = "Approved";
  EXPECT_TRUE(one_error_at(j, "/fields/0/status"));
  j = valid();
  j["fields"][0]["provenance"] = "robot";
  EXPECT_TRUE(one_error_at(j, "/fields/0/provenance"));
  j = valid();
  j["fields"][0]["model"] = 4;
  EXPECT_TRUE(one_error_at(j, "/fields/0/model"));
  j = valid();
  j["fields"][0]["description"] = nullptr;
  EXPECT_TRUE(one_error_at(j, "/fields/0/description"));
  j = valid();
  j["fields"][0]["warnings"] = json::array({1});
  EXPECT_TRUE(one_error_at(j, "/fields/0/warnings/0"));
}

TEST(MappingJsonErrors, EvidenceAndValueMaps) {
  json j = valid();
  j["fields"][0]["evidence"][1] = 3;
  EXPECT_TRUE(one_error_at(j, "/fields/0/evidence/1"));
  j = valid();
  j["fields"][0]["evidence"][0].erase("feature");
  EXPECT_TRUE(one_error_at(j, "/fields/0/evidence/0/feature"));
  j = valid();
  j["fields"][0]["evidence"][0]["score"] = "1";
  EXPECT_TRUE(one_error_at(j, "/fields/0/evidence/0/score"));
  j = valid();
  j["fields"][0]["evidence"][0]["weight"] = nullptr;
  EXPECT_TRUE(one_error_at(j, "/fields/0/evidence/0/weight"));
  j = valid();
  j["fields"][0]["value_map"] = "M=male";
  EXPECT_TRUE(one_error_at(j, "/fields/0/value_map"));
  j = valid();
  j["fields"][0]["value_map"].erase("entries");
  EXPECT_TRUE(one_error_at(j, "/fields/0/value_map/entries"));
  j = valid();
  j["fields"][0]["value_map"]["entries"] = "x";
  EXPECT_TRUE(one_error_at(j, "/fields/0/value_map/entries"));
  j = valid();
  j["fields"][0]["value_map"]["entries"][0] = json::array();
  EXPECT_TRUE(one_error_at(j, "/fields/0/value_map/entries/0"));
  j = valid();
  j["fields"][0]["value_map"]["entries"][1].erase("to");
  EXPECT_TRUE(one_error_at(j, "/fields/0/value_map/entries/1/to"));
  j = valid();
  j["fields"][0]["value_map"]["otherwise"] = 0;
  EXPECT_TRUE(one_error_at(j, "/fields/0/value_map/otherwise"));
  j = valid();
  j["fields"][0]["value_map"] = nullptr;
  std::vector<Diagnostic> errors;
  MappingDocument d = mapping_from_json(j, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(d.fields[0].value_map.has_value());
}

TEST(MappingJsonErrors, SeveralProblemsAreAllReported) {
  json j = valid();
  j["fields"][0]["confidence"] = 7;
  j["fields"][1]["status"] = "maybe";
  j["tables"][0]["target_table"] = 1;
  EXPECT_EQ(read_errors(j).size(), 3u);
}

}  // namespace
}  // namespace godwit::mapping
