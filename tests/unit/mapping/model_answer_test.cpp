// The model's part of ai-suggestions without a model: the prompt data and the check of an
// answer (re-ranking, the engine's calibrated confidence kept, formulas parsed, unknown
// columns / bad formulas / duplicates / wrong shapes dropped with a diagnostic).
#include "mapping/model_answer.hpp"

#include <gtest/gtest.h>

#include "mapping/matcher.hpp"
#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::mapping {
namespace {

schema::Catalog build(const std::string& sql) {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name("postgres"));
  EXPECT_FALSE(r.has_errors()) << sql;
  return schema::build_catalog(r, "test.sql");
}

class ModelAnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = build(
        "CREATE TABLE cust (cust_id INT PRIMARY KEY, cust_nm VARCHAR(80), sex CHAR(1),"
        " signup_ts TIMESTAMP);");
    target_ = build(
        "CREATE TABLE customers (customer_id BIGINT, name VARCHAR(100), display_name "
        "VARCHAR(100), gender VARCHAR(10), created_at TIMESTAMP);"
        "CREATE TABLE audit_log (log_id BIGINT, message TEXT, logged_at TIMESTAMP);");
    source_.tables[0].columns[2].sample_values = {"M", "F"};
    MatchOptions o;
    o.use_wordnet = false;
    o.formula_dialect = "postgres";
    candidates_ = match_schemas(source_, target_, o).document.fields;
  }

  const FieldMapping* candidate(std::string_view s, std::string_view t) const {
    for (const FieldMapping& f : candidates_)
      if (f.sources[0].column == s && f.target.column == t) return &f;
    return nullptr;
  }

  static nlohmann::json item(std::string st, std::string sc, std::string tt, std::string tc,
                             int rank, double confidence, std::string formula = "",
                             std::string transformation = "direct") {
    return {{"source_table", st},
            {"source_column", sc},
            {"target_table", tt},
            {"target_column", tc},
            {"rank", rank},
            {"confidence", confidence},
            {"transformation", transformation},
            {"formula", formula},
            {"explanation", "names and types agree"}};
  }

  schema::Catalog source_, target_;
  std::vector<FieldMapping> candidates_;
};

TEST_F(ModelAnswerTest, PromptDataListsTablesCandidatesAndSamples) {
  ModelPromptData d = model_prompt_data(candidates_, source_, target_);
  EXPECT_NE(d.source_schema.find("cust (cust_id INT"), std::string::npos) << d.source_schema;
  EXPECT_NE(d.target_schema.find("customers (customer_id BIGINT"), std::string::npos)
      << d.target_schema;
  EXPECT_NE(d.candidates.find("cust.cust_nm -> customers.name | rank "), std::string::npos)
      << d.candidates;
  EXPECT_NE(d.samples.find("cust.sex: 'M' 'F'"), std::string::npos) << d.samples;
}

TEST_F(ModelAnswerTest, ReRanksKeepsEngineConfidenceAndAcceptsAParsedFormula) {
  ASSERT_NE(candidate("cust_nm", "display_name"), nullptr);
  ASSERT_NE(candidate("cust_nm", "name"), nullptr);
  nlohmann::json answer = {
      {"suggestions",
       {item("cust", "cust_nm", "customers", "display_name", 1, 0.9, "UPPER(TRIM(cust_nm))",
             "computed"),
        item("cust", "cust_nm", "customers", "name", 2, 0.7),
        item("CUST", "SEX", "customers", "gender", 1, 0.95,
             "CASE sex WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' END", "case_when")}}};
  ModelAnswerCheck c = check_model_answer(answer, candidates_, source_, target_, "postgres",
                                          "openai/test-model/rank_field_mappings@1");
  EXPECT_TRUE(c.diagnostics.empty()) << c.diagnostics[0].message;
  ASSERT_EQ(c.accepted.size(), 3u);
  const FieldMapping* display = nullptr;
  const FieldMapping* name = nullptr;
  const FieldMapping* gender = nullptr;
  for (const FieldMapping& f : c.accepted) {
    EXPECT_EQ(f.provenance, Provenance::kModel);
    EXPECT_EQ(f.model, "openai/test-model/rank_field_mappings@1");
    EXPECT_EQ(f.evidence.back().feature, "model");
    if (f.target.column == "display_name") display = &f;
    if (f.target.column == "name") name = &f;
    if (f.target.column == "gender") gender = &f;
  }
  ASSERT_TRUE(display && name && gender);
  EXPECT_EQ(display->rank, 1);
  EXPECT_EQ(name->rank, 2);
  EXPECT_EQ(display->confidence, candidate("cust_nm", "display_name")->confidence);
  EXPECT_EQ(display->transformation, Transformation::kComputed);
  EXPECT_EQ(display->formula, "UPPER(TRIM(cust_nm))");
  EXPECT_EQ(name->formula, candidate("cust_nm", "name")->formula);
  EXPECT_EQ(gender->sources[0].column, "sex");  // the catalog's spelling
  EXPECT_EQ(gender->transformation, Transformation::kCaseWhen);
  EXPECT_FALSE(gender->value_map);
  EXPECT_EQ(display->description, "names and types agree");
}

TEST_F(ModelAnswerTest, DropsUnknownColumnsBadFormulasAndDuplicates) {
  nlohmann::json answer = {
      {"suggestions",
       {item("cust", "cust_password", "customers", "name", 1, 0.9),
        item("cust", "cust_nm", "customers", "nickname", 1, 0.9),
        item("customers", "name", "cust", "cust_nm", 1, 0.9),  // sides swapped
        item("cust", "cust_nm", "customers", "name", 1, 0.9, "UPPER(cust_nm", "computed"),
        item("cust", "cust_nm", "customers", "display_name", 1, 0.9, "salary * 2", "computed"),
        item("cust", "cust_nm", "customers", "name", 1, 0.9, "(SELECT secret FROM admin.users)",
             "computed"),
        item("cust", "sex", "customers", "gender", 1, 0.9),
        item("cust", "sex", "customers", "gender", 2, 0.5), nlohmann::json("not an object")}}};
  ModelAnswerCheck c = check_model_answer(answer, candidates_, source_, target_, "postgres", "m");
  ASSERT_EQ(c.accepted.size(), 1u);
  EXPECT_EQ(c.accepted[0].target.column, "gender");
  std::vector<std::string> codes;
  for (const Diagnostic& d : c.diagnostics) codes.push_back(d.code);
  EXPECT_EQ(codes,
            (std::vector<std::string>{
                "W-MAPPING-LLM-UNKNOWN-SOURCE", "W-MAPPING-LLM-UNKNOWN-TARGET",
                "W-MAPPING-LLM-UNKNOWN-SOURCE", "W-MAPPING-LLM-FORMULA", "W-MAPPING-LLM-FORMULA",
                "W-MAPPING-LLM-FORMULA", "W-MAPPING-LLM-DUPLICATE", "W-MAPPING-LLM-SHAPE"}));
  for (const Diagnostic& d : c.diagnostics) EXPECT_NE(d.message.find("dropped"), std::string::npos);
}

TEST_F(ModelAnswerTest, APairTheEngineDidNotProposeGetsHalfTheModelsConfidence) {
  // A target column outside cust_id's top 5 (8 target columns).
  std::string table, column;
  for (const schema::Table& t : target_.tables)
    for (const schema::Column& c : t.columns)
      if (column.empty() && candidate("cust_id", c.name) == nullptr) {
        table = t.name.name;
        column = c.name;
      }
  ASSERT_FALSE(column.empty());
  nlohmann::json answer = {{"suggestions", {item("cust", "cust_id", table, column, 1, 0.8)}}};
  ModelAnswerCheck c = check_model_answer(answer, candidates_, source_, target_, "postgres", "m");
  ASSERT_EQ(c.accepted.size(), 1u);
  EXPECT_DOUBLE_EQ(c.accepted[0].confidence, 0.4);
  ASSERT_FALSE(c.accepted[0].warnings.empty());
  EXPECT_NE(c.accepted[0].warnings[0].find("did not propose"), std::string::npos);
  EXPECT_EQ(c.accepted[0].provenance, Provenance::kModel);
}

TEST_F(ModelAnswerTest, AWrongShapeIsOneError) {
  for (const nlohmann::json& answer :
       {nlohmann::json(nullptr), nlohmann::json::array(), nlohmann::json{{"suggestions", 3}},
        nlohmann::json{{"relationships", nlohmann::json::array()}}}) {
    ModelAnswerCheck c = check_model_answer(answer, candidates_, source_, target_, "postgres", "m");
    EXPECT_TRUE(c.accepted.empty());
    ASSERT_EQ(c.diagnostics.size(), 1u);
    EXPECT_EQ(c.diagnostics[0].code, "E-MAPPING-LLM-ANSWER");
  }
}

}  // namespace
}  // namespace godwit::mapping
