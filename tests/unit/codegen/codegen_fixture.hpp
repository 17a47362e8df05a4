// A small source and target schema and a mapping between them, shared by the codegen
// tests: a CRM export (customers, orders) mapped to an analytics model with a cast, a
// concatenation, a value map and a join.
#pragma once

#include <string>

#include "mapping/model.hpp"
#include "schema/builder.hpp"
#include "schema/catalog.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::codegen::testing {

inline schema::Catalog catalog_of(const std::string& ddl, std::string_view dialect) {
  sql::ParseResult parsed = sql::parse_sql(ddl, sql::dialect_by_name(dialect));
  return schema::build_catalog(parsed, "test.sql");
}

inline schema::Catalog source_catalog() {
  return catalog_of(R"(
CREATE TABLE crm.customers (
  id INTEGER PRIMARY KEY,
  first_name VARCHAR(40),
  last_name VARCHAR(40),
  gender CHAR(1),
  signup VARCHAR(10)
);
CREATE TABLE crm.orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES crm.customers (id),
  amount NUMERIC(12, 2)
);
)",
                    "postgres");
}

inline schema::Catalog target_catalog() {
  return catalog_of(R"(
CREATE TABLE analytics.customer (
  customer_id BIGINT NOT NULL PRIMARY KEY,
  full_name TEXT,
  gender TEXT,
  signup_date DATE
);
COMMENT ON TABLE analytics.customer IS 'One row per customer';
CREATE TABLE analytics.sale (
  sale_id BIGINT NOT NULL PRIMARY KEY,
  customer_id BIGINT REFERENCES analytics.customer (customer_id),
  amount NUMERIC(12, 2),
  customer_name TEXT
);
)",
                    "postgres");
}

inline mapping::FieldMapping field(std::string id, std::vector<mapping::ColumnRef> sources,
                                   mapping::ColumnRef target, mapping::Transformation t,
                                   std::string formula = {}) {
  mapping::FieldMapping f;
  f.id = std::move(id);
  f.sources = std::move(sources);
  f.target = std::move(target);
  f.transformation = t;
  f.formula = std::move(formula);
  f.status = mapping::MappingStatus::kApproved;
  return f;
}

inline mapping::MappingDocument document() {
  using mapping::Transformation;
  mapping::MappingDocument d;
  d.source.dialect = "postgres";
  d.target.dialect = "postgres";
  d.formula_dialect = "postgres";
  mapping::TableMapping customers;
  customers.id = "tm-customer";
  customers.source_tables = {"crm.customers"};
  customers.target_table = "analytics.customer";
  customers.status = mapping::MappingStatus::kApproved;
  mapping::TableMapping sales;
  sales.id = "tm-sale";
  sales.source_tables = {"crm.orders", "crm.customers"};
  sales.target_table = "analytics.sale";
  sales.join = "crm.orders.customer_id = crm.customers.id";
  sales.status = mapping::MappingStatus::kApproved;
  d.tables = {customers, sales};
  d.fields.push_back(field("fm-id", {{"crm.customers", "id"}},
                           {"analytics.customer", "customer_id"}, Transformation::kCast));
  d.fields.push_back(field("fm-name",
                           {{"crm.customers", "first_name"}, {"crm.customers", "last_name"}},
                           {"analytics.customer", "full_name"}, Transformation::kConcatenated,
                           "first_name || ' ' || last_name"));
  mapping::FieldMapping gender = field("fm-gender", {{"crm.customers", "gender"}},
                                       {"analytics.customer", "gender"}, Transformation::kCaseWhen);
  gender.value_map = mapping::ValueMap{{{"'M'", "'male'"}, {"'F'", "'female'"}}, "'unknown'"};
  d.fields.push_back(gender);
  d.fields.push_back(field("fm-signup", {{"crm.customers", "signup"}},
                           {"analytics.customer", "signup_date"}, Transformation::kCast,
                           "CAST(signup AS DATE)"));
  d.fields.push_back(field("fm-sale-id", {{"crm.orders", "id"}}, {"analytics.sale", "sale_id"},
                           Transformation::kCast));
  d.fields.push_back(field("fm-sale-customer", {{"crm.orders", "customer_id"}},
                           {"analytics.sale", "customer_id"}, Transformation::kCast));
  d.fields.push_back(field("fm-amount", {{"crm.orders", "amount"}}, {"analytics.sale", "amount"},
                           Transformation::kDirect));
  d.fields.push_back(field("fm-sale-name", {{"crm.customers", "last_name"}},
                           {"analytics.sale", "customer_name"}, Transformation::kComputed,
                           "UPPER(crm.customers.last_name)"));
  mapping::FieldMapping rejected =
      field("fm-rejected", {{"crm.customers", "first_name"}}, {"analytics.customer", "full_name"},
            Transformation::kDirect);
  rejected.status = mapping::MappingStatus::kRejected;
  d.fields.push_back(rejected);
  return d;
}

}  // namespace godwit::codegen::testing
