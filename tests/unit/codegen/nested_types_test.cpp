// STRUCT and ARRAY target columns: DDL through the type tables, struct members filled from
// flat source columns (target column path "address.city") built with each platform's
// constructor, arrays from a formula, and Beam's RECORD / REPEATED table schema.
#include <gtest/gtest.h>

#include "codegen/resolved_mapping.hpp"
#include "codegen/verify.hpp"
#include "codegen_fixture.hpp"

namespace godwit::codegen {
namespace {

using mapping::Transformation;

schema::Catalog source() {
  return testing::catalog_of(R"(
CREATE TABLE crm.customers (
  id INTEGER PRIMARY KEY,
  city VARCHAR(40),
  zip VARCHAR(10),
  phone TEXT,
  mobile TEXT
);
)",
                             "postgres");
}

schema::Catalog target() {
  return testing::catalog_of(R"(
CREATE TABLE analytics.customer (
  customer_id INT64 NOT NULL,
  address STRUCT<city STRING, zip STRING, country STRING>,
  phones ARRAY<STRING>,
  PRIMARY KEY (customer_id) NOT ENFORCED
);
)",
                             "bigquery");
}

mapping::MappingDocument document() {
  mapping::MappingDocument d;
  d.source.dialect = "postgres";
  d.target.dialect = "bigquery";
  d.formula_dialect = "postgres";
  mapping::TableMapping customers;
  customers.id = "tm-customer";
  customers.source_tables = {"crm.customers"};
  customers.target_table = "analytics.customer";
  customers.status = mapping::MappingStatus::kApproved;
  d.tables = {customers};
  d.fields.push_back(testing::field("fm-id", {{"crm.customers", "id"}},
                                    {"analytics.customer", "customer_id"}, Transformation::kCast));
  d.fields.push_back(testing::field("fm-city", {{"crm.customers", "city"}},
                                    {"analytics.customer", "address.city"},
                                    Transformation::kDirect));
  d.fields.push_back(testing::field("fm-zip", {{"crm.customers", "zip"}},
                                    {"analytics.customer", "address.zip"},
                                    Transformation::kComputed, "UPPER(zip)"));
  d.fields.push_back(testing::field(
      "fm-phones", {{"crm.customers", "phone"}, {"crm.customers", "mobile"}},
      {"analytics.customer", "phones"}, Transformation::kComputed, "ARRAY[phone, mobile]"));
  return d;
}

std::string content(const GenerationResult& r, std::string_view path) {
  for (const GeneratedFile& f : r.files)
    if (f.path == path) return f.content;
  ADD_FAILURE() << "no file " << path;
  return {};
}

std::string line_with(const std::string& text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string::npos) return "(no line with " + std::string(needle) + ")";
  const std::size_t start = text.rfind('\n', at) + 1;
  return text.substr(start, text.find('\n', at) - start);
}

/// The mapping ids of the line of `path` holding `needle`.
std::vector<std::string> ids_of_line(const GenerationResult& r, std::string_view path,
                                     std::string_view needle) {
  for (const GeneratedFile& f : r.files) {
    if (f.path != path) continue;
    const std::size_t at = f.content.find(needle);
    if (at == std::string::npos) return {};
    const int line = 1 + static_cast<int>(std::count(
                             f.content.begin(), f.content.begin() + static_cast<long>(at), '\n'));
    for (const Provenance& p : f.provenance)
      if (p.first_line <= line && line <= p.last_line) return p.mapping_ids;
  }
  return {};
}

void expect_all_parse(const GenerationResult& r) {
  for (const FileVerification& v : verify(r)) {
    EXPECT_TRUE(v.ok) << v.path;
    for (const Diagnostic& d : v.diagnostics) ADD_FAILURE() << v.path << ": " << d.message;
  }
}

TEST(NestedTypes, MembersOfAStructResolveIntoOneFieldInTheTypesMemberOrder) {
  const schema::Catalog s = source();
  const schema::Catalog t = target();
  ResolvedMapping r = resolve_mapping(s, t, document(), {});
  for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.code << ": " << d.message;
  ASSERT_EQ(r.tables.size(), 1u);
  ASSERT_EQ(r.tables[0].fields.size(), 3u);
  const ResolvedField& address = r.tables[0].fields[1];
  EXPECT_EQ(address.target->name, "address");
  EXPECT_EQ(address.mapping_id, "fm-city");
  ASSERT_EQ(address.members.size(), 3u);
  EXPECT_EQ(address.members[0].name, "city");
  EXPECT_EQ(address.members[0].expression, "city");
  EXPECT_EQ(address.members[1].mapping_id, "fm-zip");
  EXPECT_EQ(address.members[1].expression, "UPPER(zip)");
  EXPECT_EQ(address.members[2].name, "country");
  EXPECT_EQ(address.members[2].mapping_id, "");
  EXPECT_EQ(r.tables[0].ids(),
            (std::vector<std::string>{"tm-customer", "fm-id", "fm-city", "fm-zip", "fm-phones"}));
}

TEST(NestedTypes, BigQueryBuildsTheStructWithEachMemberCast) {
  GenerationResult r = generate(Platform::kBigQuery, source(), target(), document());
  const std::string ddl = content(r, "ddl/analytics.customer.sql");
  EXPECT_NE(ddl.find("  address STRUCT<city STRING, zip STRING, country STRING>,\n"
                     "  phones ARRAY<STRING>,\n"),
            std::string::npos)
      << ddl;
  const std::string load = content(r, "load/analytics.customer.sql");
  EXPECT_EQ(line_with(load, "AS address"),
            "  STRUCT(SAFE_CAST(city AS STRING) AS city, SAFE_CAST(UPPER(zip) AS STRING) AS zip, "
            "CAST(NULL AS STRING) AS country) AS address,");
  // The formula's array, cast like any other computed value.
  EXPECT_EQ(line_with(load, "AS phones"),
            "  SAFE_CAST([phone, mobile] AS ARRAY<STRING>) AS phones");
  EXPECT_EQ(ids_of_line(r, "load/analytics.customer.sql", "AS address"),
            (std::vector<std::string>{"fm-city", "fm-zip"}));
  EXPECT_NE(content(r, "merge/analytics.customer.sql").find("STRUCT(SAFE_CAST(city AS STRING)"),
            std::string::npos);
  expect_all_parse(r);
}

TEST(NestedTypes, DatabricksAndDbtUseTheirDialectsConstructor) {
  GenerationResult dbx = generate(Platform::kDatabricks, source(), target(), document());
  EXPECT_NE(content(dbx, "ddl/analytics.customer.sql")
                .find("  address STRUCT<city: STRING, zip: STRING, country: STRING>,\n"),
            std::string::npos);
  EXPECT_EQ(
      line_with(content(dbx, "load/analytics.customer.sql"), "AS address"),
      "  named_struct('city', TRY_CAST(city AS STRING), 'zip', TRY_CAST(UPPER(zip) AS STRING), "
      "'country', CAST(NULL AS STRING)) AS address,");
  expect_all_parse(dbx);
  GenerationResult dbt = generate(Platform::kDbt, source(), target(), document());
  EXPECT_NE(
      content(dbt, "models/marts/customer.sql").find("STRUCT(SAFE_CAST(city AS STRING) AS city"),
      std::string::npos)
      << content(dbt, "models/marts/customer.sql");
  expect_all_parse(dbt);
}

TEST(NestedTypes, BeamWritesARecordAndARepeatedFieldAndBuildsTheStructAsADict) {
  GenerationResult r = generate(Platform::kBeam, source(), target(), document());
  const std::string py = content(r, "pipeline.py");
  EXPECT_NE(py.find("{'name': 'address', 'type': 'RECORD', 'mode': 'NULLABLE', 'fields': ["
                    "{'name': 'city', 'type': 'STRING', 'mode': 'NULLABLE'}, "
                    "{'name': 'zip', 'type': 'STRING', 'mode': 'NULLABLE'}, "
                    "{'name': 'country', 'type': 'STRING', 'mode': 'NULLABLE'}]}, "
                    "{'name': 'phones', 'type': 'STRING', 'mode': 'REPEATED'}"),
            std::string::npos)
      << py;
  EXPECT_EQ(line_with(py, "out['address']"),
            "            out['address'] = {'city': _cast(row['city'], 'STRING'), "
            "'zip': _cast((lambda s: None if s is None else s.upper())(row['zip']), 'STRING'), "
            "'country': _cast(None, 'STRING')}");
  EXPECT_EQ(line_with(py, "out['phones']"),
            "            out['phones'] = _cast([row['phone'], row['mobile']], 'ARRAY')");
  EXPECT_EQ(ids_of_line(r, "pipeline.py", "out['address']"),
            (std::vector<std::string>{"fm-city", "fm-zip"}));
}

TEST(NestedTypes, UnknownMembersAndMembersOfAWholeMappedColumnAreReported) {
  mapping::MappingDocument d = document();
  d.fields.push_back(testing::field("fm-street", {{"crm.customers", "city"}},
                                    {"analytics.customer", "address.street"},
                                    Transformation::kDirect));
  d.fields.push_back(testing::field("fm-deep", {{"crm.customers", "city"}},
                                    {"analytics.customer", "phones.city"},
                                    Transformation::kDirect));
  ResolvedMapping r = resolve_mapping(source(), target(), d, {});
  std::vector<std::string> messages;
  for (const Diagnostic& diag : r.diagnostics) messages.push_back(diag.code + ": " + diag.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "E-CODEGEN-UNKNOWN-COLUMN: Field mapping fm-street: the target column "
                          "'address.street' is not in analytics.customer; it was skipped.",
                          "E-CODEGEN-UNKNOWN-COLUMN: Field mapping fm-deep: the target column "
                          "'phones.city' is not in analytics.customer; it was skipped."}));

  mapping::MappingDocument whole = document();
  whole.fields.push_back(testing::field("fm-address", {{"crm.customers", "city"}},
                                        {"analytics.customer", "address"},
                                        Transformation::kComputed, "NULL"));
  ResolvedMapping w = resolve_mapping(source(), target(), whole, {});
  ASSERT_EQ(w.tables.size(), 1u);
  EXPECT_EQ(w.tables[0].fields[1].mapping_id, "fm-address");
  EXPECT_TRUE(w.tables[0].fields[1].members.empty());
  ASSERT_EQ(w.diagnostics.size(), 2u);
  EXPECT_EQ(w.diagnostics[0].code, "W-CODEGEN-DUPLICATE-TARGET");
  EXPECT_EQ(w.diagnostics[0].message,
            "Field mapping fm-city fills analytics.customer.address.city, but fm-address fills "
            "the whole column; it was ignored.");
}

// Paths through nested STRUCTs ("contact.address.city"): the inner struct is built inside
// the outer one, on every platform.
schema::Catalog nested_target() {
  return testing::catalog_of(R"(
CREATE TABLE analytics.customer (
  customer_id INT64 NOT NULL,
  contact STRUCT<phone STRING, address STRUCT<city STRING, zip STRING>, geo STRUCT<lat FLOAT64>>,
  PRIMARY KEY (customer_id) NOT ENFORCED
);
)",
                             "bigquery");
}

mapping::MappingDocument nested_document() {
  mapping::MappingDocument d = document();
  d.fields.clear();
  d.fields.push_back(testing::field("fm-id", {{"crm.customers", "id"}},
                                    {"analytics.customer", "customer_id"}, Transformation::kCast));
  d.fields.push_back(testing::field("fm-zip", {{"crm.customers", "zip"}},
                                    {"analytics.customer", "Contact.Address.Zip"},
                                    Transformation::kComputed, "UPPER(zip)"));
  d.fields.push_back(testing::field("fm-city", {{"crm.customers", "city"}},
                                    {"analytics.customer", "contact.address.city"},
                                    Transformation::kDirect));
  d.fields.push_back(testing::field("fm-phone", {{"crm.customers", "phone"}},
                                    {"analytics.customer", "contact.phone"},
                                    Transformation::kDirect));
  return d;
}

TEST(NestedTypes, PathsThroughNestedStructsBuildTheInnerStructInsideTheOuter) {
  ResolvedMapping r = resolve_mapping(source(), nested_target(), nested_document(), {});
  for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.code << ": " << d.message;
  ASSERT_EQ(r.tables.size(), 1u);
  ASSERT_EQ(r.tables[0].fields.size(), 2u);
  const ResolvedField& contact = r.tables[0].fields[1];
  EXPECT_EQ(contact.mapping_id, "fm-phone");
  ASSERT_EQ(contact.members.size(), 3u);
  EXPECT_EQ(contact.members[1].name, "address");
  ASSERT_EQ(contact.members[1].members.size(), 2u);
  EXPECT_EQ(contact.members[1].members[0].mapping_id, "fm-city");
  EXPECT_EQ(contact.members[1].members[1].expression, "UPPER(zip)");
  EXPECT_TRUE(contact.members[2].members.empty());  // geo: no mapping, a typed NULL
  EXPECT_EQ(r.tables[0].ids(),
            (std::vector<std::string>{"tm-customer", "fm-id", "fm-phone", "fm-city", "fm-zip"}));

  GenerationResult bq = generate(Platform::kBigQuery, source(), nested_target(), nested_document());
  EXPECT_EQ(line_with(content(bq, "load/analytics.customer.sql"), "AS contact"),
            "  STRUCT(SAFE_CAST(phone AS STRING) AS phone, STRUCT(SAFE_CAST(city AS STRING) AS "
            "city, SAFE_CAST(UPPER(zip) AS STRING) AS zip) AS address, CAST(NULL AS "
            "STRUCT<lat FLOAT64>) AS geo) AS contact");
  EXPECT_EQ(ids_of_line(bq, "load/analytics.customer.sql", "AS contact"),
            (std::vector<std::string>{"fm-phone", "fm-city", "fm-zip"}));
  expect_all_parse(bq);

  GenerationResult dbx =
      generate(Platform::kDatabricks, source(), nested_target(), nested_document());
  EXPECT_EQ(line_with(content(dbx, "load/analytics.customer.sql"), "AS contact"),
            "  named_struct('phone', TRY_CAST(phone AS STRING), 'address', named_struct('city', "
            "TRY_CAST(city AS STRING), 'zip', TRY_CAST(UPPER(zip) AS STRING)), 'geo', CAST(NULL AS "
            "STRUCT<lat: DOUBLE>)) AS contact");
  expect_all_parse(dbx);

  GenerationResult beam = generate(Platform::kBeam, source(), nested_target(), nested_document());
  const std::string py = content(beam, "pipeline.py");
  EXPECT_EQ(line_with(py, "out['contact']"),
            "            out['contact'] = {'phone': _cast(row['phone'], 'STRING'), 'address': "
            "{'city': _cast(row['city'], 'STRING'), 'zip': _cast((lambda s: None if s is None "
            "else s.upper())(row['zip']), 'STRING')}, 'geo': _cast(None, 'STRUCT')}");
  EXPECT_EQ(ids_of_line(beam, "pipeline.py", "out['contact']"),
            (std::vector<std::string>{"fm-phone", "fm-city", "fm-zip"}));
  EXPECT_NE(py.find("{'name': 'address', 'type': 'RECORD', 'mode': 'NULLABLE', 'fields': ["
                    "{'name': 'city', 'type': 'STRING', 'mode': 'NULLABLE'}, "
                    "{'name': 'zip', 'type': 'STRING', 'mode': 'NULLABLE'}]}"),
            std::string::npos)
      << py;
}

TEST(NestedTypes, ADeepPathThroughAMemberMappedAsAWholeOrANonStructIsReported) {
  mapping::MappingDocument d = nested_document();
  d.fields.push_back(testing::field("fm-address", {{"crm.customers", "city"}},
                                    {"analytics.customer", "contact.address"},
                                    Transformation::kComputed, "NULL"));
  d.fields.push_back(testing::field("fm-bad", {{"crm.customers", "city"}},
                                    {"analytics.customer", "contact.phone.area"},
                                    Transformation::kDirect));
  ResolvedMapping r = resolve_mapping(source(), nested_target(), d, {});
  std::vector<std::string> messages;
  for (const Diagnostic& diag : r.diagnostics) messages.push_back(diag.code + ": " + diag.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "E-CODEGEN-UNKNOWN-COLUMN: Field mapping fm-bad: the target column "
                          "'contact.phone.area' is not in analytics.customer; it was skipped.",
                          "W-CODEGEN-DUPLICATE-TARGET: Field mapping fm-city fills "
                          "analytics.customer.contact.address.city, but fm-address fills "
                          "analytics.customer.contact.address as a whole; it was ignored.",
                          "W-CODEGEN-DUPLICATE-TARGET: Field mapping fm-zip fills "
                          "analytics.customer.contact.address.zip, but fm-address fills "
                          "analytics.customer.contact.address as a whole; it was ignored."}));
  ASSERT_EQ(r.tables.size(), 1u);
  const ResolvedMember& address = r.tables[0].fields[1].members[1];
  EXPECT_EQ(address.mapping_id, "fm-address");
  EXPECT_TRUE(address.members.empty());
}

}  // namespace
}  // namespace godwit::codegen
