// Plan derivation (pure): which tables and column pairs a validation compares, formulas
// translated to the source engine's dialect, the diff key mapped back to source columns,
// and the schema check's findings.
#include "validation/plan.hpp"

#include <gtest/gtest.h>

#include "schema/builder.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::validation {
namespace {

using mapping::MappingStatus;
using mapping::Transformation;

schema::Catalog catalog_of(const std::string& ddl, std::string_view dialect) {
  sql::ParseResult parsed = sql::parse_sql(ddl, sql::dialect_by_name(dialect));
  return schema::build_catalog(parsed, "test.sql");
}

schema::Catalog source_catalog() {
  return catalog_of(R"(
CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(40), cents BIGINT, code CHAR(1));
CREATE TABLE shop.events (payload TEXT, at DATETIME);
CREATE TABLE shop.accounts (id INT, email VARCHAR(80), UNIQUE KEY uq_email (email));
CREATE TABLE shop.orders (id INT PRIMARY KEY, customer_id INT, total BOOLEAN);
)",
                    "mysql");
}

schema::Catalog target_catalog() {
  return catalog_of(R"(
CREATE TABLE public.customer (customer_id BIGINT PRIMARY KEY, name TEXT, balance NUMERIC(12,2),
                              kind TEXT, registered DATE);
CREATE TABLE public.event (payload TEXT, at TIMESTAMP);
CREATE TABLE public.account (account_id INT, email TEXT UNIQUE);
CREATE TABLE public.sale (sale_id INT PRIMARY KEY, customer_id BIGINT REFERENCES public.customer,
                          total DATE);
)",
                    "postgres");
}

mapping::FieldMapping field(std::string id, std::string source_table, std::string source_column,
                            std::string target_table, std::string target_column,
                            Transformation t = Transformation::kDirect, std::string formula = {}) {
  mapping::FieldMapping f;
  f.id = std::move(id);
  if (!source_column.empty()) f.sources = {{source_table, source_column}};
  f.target = {std::move(target_table), std::move(target_column)};
  f.transformation = t;
  f.formula = std::move(formula);
  f.status = MappingStatus::kApproved;
  return f;
}

mapping::TableMapping table(std::string id, std::string source, std::string target,
                            MappingStatus status = MappingStatus::kApproved) {
  mapping::TableMapping t;
  t.id = std::move(id);
  t.source_tables = {std::move(source)};
  t.target_table = std::move(target);
  t.status = status;
  return t;
}

mapping::MappingDocument document() {
  mapping::MappingDocument d;
  d.source.dialect = "mysql";
  d.target.dialect = "postgres";
  d.formula_dialect = "postgres";
  d.tables = {table("tm-c", "shop.customers", "public.customer"),
              table("tm-e", "shop.events", "public.event"),
              table("tm-a", "shop.accounts", "public.account"),
              table("tm-s", "shop.orders", "public.sale")};
  d.fields.push_back(field("fm-id", "shop.customers", "id", "public.customer", "customer_id",
                           Transformation::kCast));
  d.fields.push_back(field("fm-name", "shop.customers", "name", "public.customer", "name"));
  d.fields.push_back(field("fm-balance", "shop.customers", "cents", "public.customer", "balance",
                           Transformation::kComputed, "cents / 100.0"));
  mapping::FieldMapping kind = field("fm-kind", "shop.customers", "code", "public.customer", "kind",
                                     Transformation::kCaseWhen);
  kind.value_map = mapping::ValueMap{{{"'P'", "'person'"}, {"'C'", "'company'"}}, "'other'"};
  d.fields.push_back(kind);
  mapping::FieldMapping suggested =
      field("fm-suggested", "shop.customers", "name", "public.customer", "registered");
  suggested.status = MappingStatus::kSuggested;
  d.fields.push_back(suggested);
  d.fields.push_back(field("fm-payload", "shop.events", "payload", "public.event", "payload"));
  d.fields.push_back(field("fm-at", "shop.events", "at", "public.event", "at"));
  d.fields.push_back(field("fm-acc-id", "shop.accounts", "id", "public.account", "account_id"));
  d.fields.push_back(field("fm-email", "shop.accounts", "email", "public.account", "email"));
  d.fields.push_back(field("fm-sale", "shop.orders", "id", "public.sale", "sale_id"));
  d.fields.push_back(
      field("fm-sale-c", "shop.orders", "customer_id", "public.sale", "customer_id"));
  d.fields.push_back(field("fm-total", "shop.orders", "total", "public.sale", "total"));
  return d;
}

const PlannedTable& find(const ValidationPlan& plan, std::string_view name) {
  for (const PlannedTable& t : plan.tables)
    if (t.target_name == name) return t;
  throw std::runtime_error("no planned table " + std::string(name));
}

const PlannedColumn& column(const PlannedTable& t, std::string_view name) {
  for (const PlannedColumn& c : t.columns)
    if (c.target_column == name) return c;
  throw std::runtime_error("no planned column " + std::string(name));
}

TEST(ValidationPlan, ColumnPairsFromApprovedMappingsWithFormulasInTheSourceDialect) {
  const schema::Catalog source = source_catalog(), target = target_catalog();
  const ValidationPlan plan = plan_validation(source, target, document(), "mariadb");
  EXPECT_EQ(plan.source_dialect, "mysql");
  ASSERT_EQ(plan.tables.size(), 4u);
  const PlannedTable& customer = find(plan, "public.customer");
  EXPECT_EQ(customer.source_name, "shop.customers");
  EXPECT_EQ(customer.source_parts, (std::vector<std::string>{"shop", "customers"}));
  EXPECT_EQ(customer.target_parts, (std::vector<std::string>{"public", "customer"}));
  EXPECT_TRUE(customer.comparable);
  // The suggested mapping to `registered` is not used.
  ASSERT_EQ(customer.columns.size(), 4u);
  EXPECT_EQ(column(customer, "customer_id").source_column, "id");
  EXPECT_TRUE(column(customer, "name").row_comparable());
  const PlannedColumn& balance = column(customer, "balance");
  EXPECT_FALSE(balance.row_comparable());
  EXPECT_EQ(balance.source_expression, "cents / 100.0");
  EXPECT_EQ(balance.source_type.kind, sql::TypeKind::kDecimal);
  const PlannedColumn& kind = column(customer, "kind");
  EXPECT_FALSE(kind.row_comparable());
  EXPECT_NE(kind.source_expression.find("CASE"), std::string::npos) << kind.source_expression;
  EXPECT_NE(kind.source_expression.find("'company'"), std::string::npos);
  EXPECT_EQ(customer.mapping_ids.front(), "tm-c");
}

TEST(ValidationPlan, FormulasArePrintedForTheSourceEngine) {
  mapping::MappingDocument d = document();
  // A PostgreSQL formula with the || operator must become CONCAT for a MariaDB source.
  d.fields.push_back(field("fm-concat", "shop.customers", "name", "public.customer", "registered",
                           Transformation::kComputed, "name || code"));
  const schema::Catalog source = source_catalog(), target = target_catalog();
  const ValidationPlan mysql = plan_validation(source, target, d, "mysql");
  const std::string printed =
      column(find(mysql, "public.customer"), "registered").source_expression;
  EXPECT_NE(printed.find("CONCAT"), std::string::npos) << printed;
  const ValidationPlan pg = plan_validation(source, target, d, "postgres");
  EXPECT_NE(column(find(pg, "public.customer"), "registered").source_expression.find("||"),
            std::string::npos);
}

TEST(ValidationPlan, DiffKeyIsTheTargetKeyMappedBackOrAUniqueKeyOrNone) {
  const schema::Catalog source = source_catalog(), target = target_catalog();
  const ValidationPlan plan = plan_validation(source, target, document(), "mysql");
  const PlannedTable& customer = find(plan, "public.customer");
  ASSERT_EQ(customer.key.size(), 1u);
  EXPECT_EQ(customer.key[0].source, "id");
  EXPECT_EQ(customer.key[0].target, "customer_id");
  EXPECT_EQ(customer.key_origin, "primary key");
  const PlannedTable& account = find(plan, "public.account");
  ASSERT_EQ(account.key.size(), 1u);
  EXPECT_EQ(account.key[0].target, "email");
  EXPECT_EQ(account.key_origin.rfind("unique key", 0), 0u);
  const PlannedTable& event = find(plan, "public.event");
  EXPECT_TRUE(event.key.empty());
  EXPECT_TRUE(event.key_origin.empty());
}

TEST(ValidationPlan, SchemaChecksFindMissingTablesColumnsAndIncompatibleTypes) {
  mapping::MappingDocument d = document();
  d.tables.push_back(table("tm-gone", "shop.orders", "public.gone"));
  d.fields.push_back(field("fm-gone", "shop.orders", "id", "public.gone", "id"));
  d.fields.push_back(field("fm-missing", "shop.customers", "name", "public.customer", "nickname"));
  const schema::Catalog source = source_catalog(), target = target_catalog();
  const ValidationPlan plan = plan_validation(source, target, d, "mysql");
  ASSERT_EQ(plan.schema_checks.size(), 5u);
  std::map<std::string, const CheckResult*> by_table;
  for (const CheckResult& c : plan.schema_checks) by_table[c.target_table] = &c;
  ASSERT_TRUE(by_table.count("public.gone"));
  EXPECT_EQ(by_table["public.gone"]->status, CheckStatus::kFailed);
  EXPECT_NE(by_table["public.gone"]->message.find("the target table public.gone does not exist"),
            std::string::npos)
      << by_table["public.gone"]->message;
  const CheckResult& customer = *by_table["public.customer"];
  EXPECT_EQ(customer.status, CheckStatus::kFailed);
  EXPECT_EQ(customer.id, "schema:public.customer");
  EXPECT_NE(customer.message.find("nickname is missing"), std::string::npos) << customer.message;
  // BOOLEAN into DATE is no cast at all.
  const CheckResult& sale = *by_table["public.sale"];
  EXPECT_EQ(sale.status, CheckStatus::kFailed);
  EXPECT_NE(sale.message.find("total"), std::string::npos) << sale.message;
  EXPECT_EQ(by_table["public.event"]->status, CheckStatus::kPassed);
  EXPECT_EQ(by_table["public.account"]->status, CheckStatus::kPassed);
  // The missing table is not planned for data checks.
  for (const PlannedTable& t : plan.tables) EXPECT_NE(t.target_name, "public.gone");
}

TEST(ValidationPlan, SchemaChecksResolveMembersOfStructColumnsThroughNestedStructs) {
  const schema::Catalog target = catalog_of(R"(
CREATE TABLE public.customer (
  customer_id INT64,
  contact STRUCT<name STRING, address STRUCT<zip STRING, since DATE>>
);
)",
                                            "bigquery");
  mapping::MappingDocument d;
  d.source.dialect = "mysql";
  d.target.dialect = "bigquery";
  d.formula_dialect = "postgres";
  d.tables = {table("tm-c", "shop.customers", "public.customer")};
  d.fields.push_back(field("fm-id", "shop.customers", "id", "public.customer", "customer_id"));
  d.fields.push_back(field("fm-name", "shop.customers", "name", "public.customer", "contact.name"));
  d.fields.push_back(
      field("fm-zip", "shop.customers", "code", "public.customer", "Contact.Address.Zip"));
  d.fields.push_back(
      field("fm-since", "shop.customers", "cents", "public.customer", "contact.address.since"));
  const schema::Catalog source = source_catalog();
  ValidationPlan plan = plan_validation(source, target, d, "mysql");
  ASSERT_EQ(plan.schema_checks.size(), 1u);
  const CheckResult& check = plan.schema_checks[0];
  // The members exist (spelled as the type spells them); only INT64 into DATE fails.
  EXPECT_EQ(check.status, CheckStatus::kFailed);
  EXPECT_EQ(check.message.find("missing"), std::string::npos) << check.message;
  EXPECT_NE(check.message.find("contact.address.since (INT64 into DATE)"), std::string::npos)
      << check.message;
  ASSERT_EQ(check.actual.size(), 4u);
  EXPECT_EQ(check.actual[2]["column"], "contact.address.zip");
  EXPECT_EQ(check.actual[2]["type"], "NVARCHAR");  // STRING, canonically

  // A step through a member that is not a STRUCT is a missing column.
  d.fields.pop_back();
  d.fields.push_back(
      field("fm-bad", "shop.customers", "cents", "public.customer", "contact.name.first"));
  plan = plan_validation(source, target, d, "mysql");
  ASSERT_EQ(plan.schema_checks.size(), 1u);
  EXPECT_NE(plan.schema_checks[0].message.find("contact.name.first is missing"), std::string::npos)
      << plan.schema_checks[0].message;
}

TEST(ValidationPlan, TableFilterAndJoinedSourcesComparedThroughTheirQuery) {
  mapping::MappingDocument d = document();
  d.tables[3].source_tables = {"shop.orders", "shop.customers"};
  d.tables[3].join = "shop.orders.customer_id = shop.customers.id";
  const schema::Catalog source = source_catalog(), target = target_catalog();
  const ValidationPlan plan = plan_validation(source, target, d, "mysql");
  const PlannedTable& sale = find(plan, "public.sale");
  EXPECT_FALSE(sale.comparable);
  EXPECT_NE(sale.not_comparable.find("2 source tables"), std::string::npos);
  // The join is expressible: the keyed diff compares the target with the joined SELECT,
  // every column an expression over the aliases, the key the target's own.
  ASSERT_TRUE(sale.diffable_as_query()) << sale.not_comparable;
  ASSERT_EQ(sale.joined_sources.size(), 2u);
  EXPECT_EQ(sale.joined_sources[0].parts, (std::vector<std::string>{"shop", "orders"}));
  EXPECT_EQ(sale.joined_sources[0].alias, "s1");
  EXPECT_EQ(sale.joined_sources[1].alias, "s2");
  EXPECT_EQ(sale.join_condition, "s1.customer_id = s2.id");
  EXPECT_TRUE(sale.source_filter.empty());
  EXPECT_EQ(column(sale, "customer_id").source_expression, "s1.customer_id");
  EXPECT_TRUE(column(sale, "customer_id").row_comparable());
  ASSERT_EQ(sale.key.size(), 1u);
  EXPECT_EQ(sale.key[0].source, "sale_id");
  EXPECT_EQ(sale.key[0].target, "sale_id");
  EXPECT_EQ(sale.key_origin, "primary key");

  // Without a join condition the sources would be cross joined: not compared, and why.
  d.tables[3].join.clear();
  const ValidationPlan cross = plan_validation(source, target, d, "mysql");
  const PlannedTable& crossed = find(cross, "public.sale");
  EXPECT_FALSE(crossed.diffable_as_query());
  EXPECT_NE(crossed.not_comparable.find("has no join condition"), std::string::npos)
      << crossed.not_comparable;

  const ValidationPlan only =
      plan_validation(source, target, d, "mysql", {"EVENT", "public.account"});
  ASSERT_EQ(only.tables.size(), 2u);
  EXPECT_EQ(only.tables[0].target_name, "public.event");
  EXPECT_EQ(only.tables[1].target_name, "public.account");
  EXPECT_EQ(only.schema_checks.size(), 2u);
}

TEST(ValidationPlan, RejectedAndSuggestedTableMappingsWithoutApprovedFieldsAreLeftOut) {
  mapping::MappingDocument d = document();
  d.tables[1].status = MappingStatus::kRejected;
  d.tables[2].status = MappingStatus::kSuggested;
  for (mapping::FieldMapping& f : d.fields)
    if (f.target.table == "public.account") f.status = MappingStatus::kSuggested;
  const schema::Catalog source = source_catalog(), target = target_catalog();
  const ValidationPlan plan = plan_validation(source, target, d, "mysql");
  for (const PlannedTable& t : plan.tables) {
    EXPECT_NE(t.target_name, "public.event");
    EXPECT_NE(t.target_name, "public.account");
  }
  EXPECT_EQ(plan.tables.size(), 2u);
}

TEST(ValidationPlan, DialectOfEngines) {
  EXPECT_EQ(dialect_of(Engine::kPostgres, ""), "postgres");
  EXPECT_EQ(dialect_of(Engine::kMariaDb, ""), "mysql");
  EXPECT_EQ(dialect_of(Engine::kSqlite, ""), "sqlite");
  EXPECT_EQ(dialect_of(Engine::kOdbc, "mssql"), "tsql");
  EXPECT_EQ(dialect_of(Engine::kOdbc, "nonsense"), "ansi");
}

}  // namespace
}  // namespace godwit::validation
