// The mapping service's pure parts: formula checking against a catalog (positions point
// into the formula as written), the CSV form, table coverage, the proposed target and
// the conversions between stored rows and the mapping document.
#include <gtest/gtest.h>

#include "schema/builder.hpp"
#include "services/mapping_catalogs.hpp"
#include "services/mapping_coverage.hpp"
#include "services/mapping_csv.hpp"
#include "services/mapping_document.hpp"
#include "services/mapping_formula.hpp"
#include "services/mapping_json.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::services {
namespace {

schema::Catalog catalog(const std::string& ddl, const std::string& dialect = "postgres") {
  return schema::build_catalog(sql::parse_sql(ddl, sql::dialect_by_name(dialect)), "test.sql");
}

const char* kSource =
    "CREATE TABLE customers (id INT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40),"
    " gender CHAR(1));\n"
    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total NUMERIC(12,2));\n";

TEST(MappingFormula, AcceptsAnExpressionOverTheSourceColumnsAndListsThem) {
  schema::Catalog source = catalog(kSource);
  FormulaCheck check =
      check_formula("CONCAT(first_name, ' ', UPPER(last_name))", "postgres", source, {"customers"});
  ASSERT_TRUE(check.ok()) << check.errors.front().message;
  ASSERT_EQ(check.columns.size(), 2u);
  EXPECT_EQ(check.columns[0].table, "customers");
  EXPECT_EQ(check.columns[0].column, "first_name");
  EXPECT_EQ(check.columns[1].column, "last_name");
}

TEST(MappingFormula, SyntaxErrorPointsIntoTheFormulaNotThePrefix) {
  schema::Catalog source = catalog(kSource);
  FormulaCheck check = check_formula("UPPER(first_name", "postgres", source, {"customers"});
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.errors[0].location.line, 1u);
  EXPECT_EQ(check.errors[0].location.column, 17u);  // just after the last character
  EXPECT_NE(describe(check.errors[0]).find("line 1, column 17"), std::string::npos);
}

TEST(MappingFormula, UnknownColumnNamesWhatTheTableHas) {
  schema::Catalog source = catalog(kSource);
  FormulaCheck check = check_formula("TRIM(frist_name)", "postgres", source, {"customers"});
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].code, "E-FORMULA-COLUMN");
  EXPECT_EQ(check.errors[0].location.column, 6u);
  EXPECT_NE(check.errors[0].message.find("unknown column 'frist_name'"), std::string::npos);
  EXPECT_NE(check.errors[0].message.find("first_name"), std::string::npos);
}

TEST(MappingFormula, QualifiedNamesResolveAndAmbiguityIsReported) {
  schema::Catalog source = catalog(kSource);
  FormulaCheck qualified = check_formula("orders.total * 100", "postgres", source, {});
  ASSERT_TRUE(qualified.ok());
  EXPECT_EQ(qualified.columns[0].table, "orders");
  FormulaCheck ambiguous = check_formula("id + 1", "postgres", source, {"customers", "orders"});
  ASSERT_EQ(ambiguous.errors.size(), 1u);
  EXPECT_EQ(ambiguous.errors[0].code, "E-FORMULA-AMBIGUOUS");
}

TEST(MappingFormula, StatementsListsAndAliasesAreNotFormulas) {
  schema::Catalog source = catalog(kSource);
  EXPECT_EQ(check_formula("id; DROP TABLE customers", "postgres", source, {"customers"})
                .errors.front()
                .code,
            "E-FORMULA-SHAPE");
  EXPECT_EQ(check_formula("id, gender", "postgres", source, {"customers"}).errors.front().code,
            "E-FORMULA-SHAPE");
  EXPECT_EQ(check_formula("id AS x", "postgres", source, {"customers"}).errors.front().code,
            "E-FORMULA-SHAPE");
  EXPECT_EQ(check_formula("  ", "postgres", source, {"customers"}).errors.front().code,
            "E-FORMULA-EMPTY");
}

TEST(MappingFormula, SecondLinePositionsKeepTheirColumn) {
  schema::Catalog source = catalog(kSource);
  FormulaCheck check = check_formula("CASE gender\n  WHEN 'M' THEN 'male' ELSE nope END",
                                     "postgres", source, {"customers"});
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].location.line, 2u);
  EXPECT_EQ(check.errors[0].location.column, 29u);
}

TEST(MappingCsv, WritesAndReadsBackQuotedFields) {
  std::vector<MappingCsvRow> rows(1);
  rows[0].source_table = "customers";
  rows[0].source_column = "first_name";
  rows[0].target_table = "person";
  rows[0].target_column = "full_name";
  rows[0].transformation = "concatenated";
  rows[0].formula = "CONCAT(first_name, ' ', \"last_name\")";
  rows[0].status = "approved";
  rows[0].confidence = 0.875;
  std::string csv = write_mapping_csv(rows);
  EXPECT_EQ(csv,
            "source_table,source_column,target_table,target_column,transformation,formula,status,"
            "confidence\r\ncustomers,first_name,person,full_name,concatenated,\"CONCAT(first_name, "
            "' ', \"\"last_name\"\")\",approved,0.88\r\n");
  std::vector<FieldError> errors;
  std::vector<MappingCsvRow> back = read_mapping_csv(csv, errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].formula, rows[0].formula);
  EXPECT_EQ(back[0].line, 2);
  EXPECT_DOUBLE_EQ(*back[0].confidence, 0.88);
}

TEST(MappingCsv, ReportsEveryBadRowWithItsLine) {
  std::vector<FieldError> errors;
  read_mapping_csv(
      "target_table,target_column,source_table,source_column,confidence\n"
      "person,id,customers,id,1.5\n"
      ",name,customers,first_name,\n",
      errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "rows[2].confidence");
  EXPECT_EQ(errors[1].field, "rows[3].target_table");
  errors.clear();
  read_mapping_csv("source,target\n", errors);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "csv");
  errors.clear();
  read_mapping_csv("source_table,source_column,target_table,target_column\n\"open", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("not closed"), std::string::npos);
}

store::FieldMappingRecord record(std::string table, std::string column, std::string status) {
  store::FieldMappingRecord r;
  r.target_table = std::move(table);
  r.target_column = std::move(column);
  r.status = std::move(status);
  return r;
}

TEST(MappingCoverage, CountsApprovedAndManualMappingsAndRequiredColumns) {
  schema::Catalog target = catalog(
      "CREATE TABLE person (id INT NOT NULL, name TEXT NOT NULL, note TEXT,"
      " created TIMESTAMP NOT NULL DEFAULT now(), code TEXT NOT NULL);");
  const schema::Table& person = target.tables[0];
  EXPECT_TRUE(is_required(person.columns[0]));
  EXPECT_FALSE(is_required(person.columns[3]));
  Coverage c = compute_coverage(
      person, {record("person", "id", "approved"), record("person", "NOTE", "manual"),
               record("person", "name", "suggested"), record("person", "code", "rejected")});
  EXPECT_EQ(c.total_fields, 5);
  EXPECT_EQ(c.mapped_fields, 2);
  EXPECT_EQ(c.completion_percentage, 40);
  EXPECT_EQ(c.total_required_fields, 3);
  EXPECT_EQ(c.required_fields_covered, 1);
}

TEST(MappingCatalogs, TargetColumnsAreColumnsOrMembersOfStructColumns) {
  schema::Catalog target = catalog(
      "CREATE TABLE customer (id INT64 NOT NULL, tags ARRAY<STRUCT<name STRING>>,"
      " contact STRUCT<phone STRING, address STRUCT<zip STRING>> NOT NULL);",
      "bigquery");
  const schema::Table& customer = target.tables[0];
  auto plain = find_target_column(customer, "ID");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->name, "id");
  auto deep = find_target_column(customer, "Contact.ADDRESS.zip");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->name, "contact.address.zip");  // spelled as the table and its types spell it
  EXPECT_EQ(deep->column, &customer.columns[2]);
  EXPECT_FALSE(find_target_column(customer, "contact.fax"));
  EXPECT_FALSE(find_target_column(customer, "contact.phone.area"));  // not a STRUCT
  EXPECT_FALSE(find_target_column(customer, "tags.name"));           // an ARRAY of STRUCTs
  EXPECT_FALSE(find_target_column(customer, "contact."));

  // A member mapping counts for its column (required here).
  Coverage c = compute_coverage(customer, {record("customer", "contact.address.zip", "approved")});
  EXPECT_EQ(c.mapped_fields, 1);
  EXPECT_EQ(c.total_required_fields, 2);
  EXPECT_EQ(c.required_fields_covered, 1);
}

TEST(MappingCatalogs, ProposedTargetTranslatesTypesAndListsLosses) {
  std::vector<CatalogFile> files = {
      {"src.sql", "sql", "oracle", "source",
       "CREATE TABLE accounts (id NUMBER(10) NOT NULL, balance NUMBER, opened DATE);"}};
  MappingCatalogs cats = build_mapping_catalogs(files, "bigquery");
  EXPECT_TRUE(cats.target_proposed);
  EXPECT_EQ(cats.target_dialect, "bigquery");
  ASSERT_EQ(cats.target.tables.size(), 1u);
  const schema::Table& t = cats.target.tables[0];
  EXPECT_EQ(t.dialect, "bigquery");
  EXPECT_EQ(t.columns[0].type_text, "NUMERIC(10, 0)");
  EXPECT_EQ(t.columns[1].type_text, "BIGNUMERIC");
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_FALSE(cats.type_losses.empty());
  bool balance = false;
  for (const ProposedTypeLoss& loss : cats.type_losses)
    balance = balance || loss.column == "balance";
  EXPECT_TRUE(balance);
}

TEST(MappingCatalogs, TargetFilesWinOverAProposalAndOtherKindsAreSkipped) {
  std::vector<CatalogFile> files = {
      {"src.sql", "sql", "postgres", "source", "CREATE TABLE a (x INT);"},
      {"tgt.sql", "sql", "bigquery", "target", "CREATE TABLE b (y INT64);"},
      {"sample.csv", "csv", "", "source", "x\n1\n"}};
  MappingCatalogs cats = build_mapping_catalogs(files, "snowflake");
  EXPECT_FALSE(cats.target_proposed);
  EXPECT_EQ(cats.target_dialect, "bigquery");
  ASSERT_EQ(cats.target.tables.size(), 1u);
  EXPECT_EQ(cats.target.tables[0].name.name, "b");
  ASSERT_EQ(cats.skipped.size(), 1u);
  EXPECT_EQ(cats.skipped[0].rfind("sample.csv", 0), 0u);
}

TEST(MappingDocument, RecordsAndModelRoundTrip) {
  mapping::FieldMapping f;
  f.sources = {{"customers", "gender"}};
  f.target = {"person", "sex"};
  f.id = mapping::field_mapping_id(f.sources, f.target);
  f.transformation = mapping::Transformation::kCaseWhen;
  f.value_map = mapping::ValueMap{{{"'M'", "'male'"}, {"'F'", "'female'"}}, "'unknown'"};
  f.confidence = 0.75;
  f.rank = 2;
  f.evidence = {{"name", 0.5, 0.3, "gender ~ sex"}};
  f.warnings = {"CHAR(1) -> STRING"};
  store::FieldMappingRecord r = to_record(f, "bigquery");
  EXPECT_EQ(r.mapping_key, f.id);
  EXPECT_EQ(r.source_table, "customers");
  EXPECT_EQ(r.transformation, "case_when");
  EXPECT_EQ(r.formula_dialect, "bigquery");
  mapping::FieldMapping back = to_model(r);
  EXPECT_EQ(back, f);

  nlohmann::json before = snapshot(r);
  store::FieldMappingRecord changed = r;
  changed.status = "approved";
  changed.formula = "x";
  changed.value_map_json.reset();
  restore(changed, before);
  EXPECT_EQ(changed.status, "suggested");
  EXPECT_EQ(changed.formula, "");
  EXPECT_EQ(changed.value_map_json, r.value_map_json);
}

}  // namespace
}  // namespace godwit::services
