// Composite proposals: concatenation and split formulas per dialect (each parsed back by
// the SQL engine), time-zone conversions, accepted values and value maps, and the engine
// end to end (full_name <- first + last, address lines, splits, a gender code set).
#include "mapping/composite.hpp"

#include <gtest/gtest.h>

#include "mapping/matcher.hpp"
#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::mapping {
namespace {

schema::Catalog build(const std::string& sql, std::string_view dialect) {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name(dialect));
  EXPECT_FALSE(r.has_errors()) << sql;
  return schema::build_catalog(r, "test.sql");
}

schema::Column column(std::string name, sql::LogicalType type,
                      std::vector<std::string> samples = {}) {
  schema::Column c;
  c.name = std::move(name);
  c.key = c.name;
  c.type = std::move(type);
  c.sample_values = std::move(samples);
  return c;
}

std::string parse_errors(const std::string& formula, std::string_view dialect,
                         const std::vector<std::string>& allowed) {
  std::vector<Diagnostic> errors;
  validate_formula(formula, dialect, allowed, errors);
  std::string out;
  for (const Diagnostic& d : errors) out += d.message + "\n";
  return out;
}

const std::vector<std::string> kDialects = {"postgres", "bigquery",   "snowflake", "mysql",
                                            "tsql",     "databricks", "oracle",    "redshift",
                                            "ansi",     "sqlite"};

TEST(ConcatFormula, UsesConcatWsWhereTheDialectHasItAndParsesEverywhere) {
  EXPECT_EQ(concat_formula({"first_name", "last_name"}, " ", "postgres"),
            "CONCAT_WS(' ', first_name, last_name)");
  std::string bq = concat_formula({"first_name", "last_name"}, " ", "bigquery");
  EXPECT_EQ(bq.find("CONCAT_WS"), std::string::npos) << bq;
  EXPECT_NE(bq.find("COALESCE(first_name, '')"), std::string::npos) << bq;
  for (const std::string& d : kDialects) {
    std::string f = concat_formula({"address1", "address2", "address3"}, ", ", d);
    EXPECT_EQ(parse_errors(f, d, {"address1", "address2", "address3"}), "") << d << ": " << f;
  }
}

TEST(SplitFormula, FirstAndLastWordParseInEveryDialect) {
  EXPECT_EQ(split_formula("full_name", false, "postgres"), "SPLIT_PART(full_name, ' ', 1)");
  EXPECT_EQ(split_formula("full_name", true, "mysql"), "SUBSTRING_INDEX(full_name, ' ', -1)");
  for (const std::string& d : kDialects)
    for (bool last : {false, true}) {
      std::string f = split_formula("full_name", last, d);
      EXPECT_EQ(parse_errors(f, d, {"full_name"}), "") << d << ": " << f;
    }
}

TEST(TimeZoneTransform, StatesTheZoneBothWays) {
  schema::Column local = column("created_at", sql::LogicalType::timestamp());
  schema::Column instant =
      column("created_at",
             sql::LogicalType::timestamp(std::nullopt, sql::TimeZoneKind::kWithLocalTimeZone));
  auto to_zone = time_zone_transform(local, instant, "created_at", "postgres");
  ASSERT_TRUE(to_zone);
  EXPECT_EQ(to_zone->transformation, Transformation::kComputed);
  EXPECT_EQ(to_zone->formula, "created_at AT TIME ZONE 'UTC'");
  ASSERT_EQ(to_zone->warnings.size(), 1u);
  EXPECT_NE(to_zone->warnings[0].find("W-TYPE-TIMEZONE"), std::string::npos);
  auto bq = time_zone_transform(local, instant, "created_at", "bigquery");
  ASSERT_TRUE(bq);
  EXPECT_EQ(bq->formula, "TIMESTAMP(created_at, 'UTC')");
  auto back = time_zone_transform(instant, local, "created_at", "bigquery");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->formula, "DATETIME(created_at, 'UTC')");
  // No formula may depend on the session's time zone where the dialect lets it say the
  // zone: Snowflake builds the TIMESTAMP_TZ from parts, MySQL and Databricks convert
  // through the session's own zone, Oracle states UTC instead of AT TIME ZONE.
  EXPECT_EQ(time_zone_transform(local, instant, "created_at", "mysql")->formula,
            "CONVERT_TZ(created_at, '+00:00', @@session.time_zone)");
  EXPECT_EQ(time_zone_transform(instant, local, "created_at", "mysql")->formula,
            "CONVERT_TZ(created_at, @@session.time_zone, '+00:00')");
  EXPECT_EQ(time_zone_transform(local, instant, "created_at", "snowflake")
                ->formula.rfind("TIMESTAMP_TZ_FROM_PARTS(YEAR(created_at)", 0),
            0u);
  EXPECT_NE(time_zone_transform(local, instant, "created_at", "databricks")
                ->formula.find("CURRENT_TIMEZONE()"),
            std::string::npos);
  EXPECT_EQ(time_zone_transform(instant, local, "created_at", "oracle")->formula,
            "SYS_EXTRACT_UTC(created_at)");
  for (const std::string& d : kDialects) {
    auto a = time_zone_transform(local, instant, "created_at", d);
    auto b = time_zone_transform(instant, local, "created_at", d);
    ASSERT_TRUE(a && b) << d;
    EXPECT_EQ(parse_errors(a->formula, d, {"created_at"}), "") << d << ": " << a->formula;
    EXPECT_EQ(parse_errors(b->formula, d, {"created_at"}), "") << d << ": " << b->formula;
  }
  EXPECT_FALSE(time_zone_transform(local, local, "created_at", "postgres"));
  EXPECT_FALSE(
      time_zone_transform(column("d", sql::LogicalType::date()), instant, "d", "postgres"));
  // suggest_transform uses it instead of a plain cast.
  TransformSuggestion ts = suggest_transform(local, instant, "created_at", "postgres");
  EXPECT_EQ(ts.transformation, Transformation::kComputed);
  EXPECT_EQ(ts.formula, "created_at AT TIME ZONE 'UTC'");
}

TEST(AcceptedValues, FromCheckEnumCommentAndSamples) {
  schema::Catalog c = build(
      "CREATE TABLE person (sex VARCHAR(10) CHECK (sex IN ('male', 'female', 'unknown')),"
      " status INT, CONSTRAINT ck_status CHECK (status in (1, 2, 3)),"
      " kind VARCHAR(10) COMMENT 'one of ''retail'' or ''wholesale''', note TEXT);",
      "mysql");
  ASSERT_EQ(c.tables.size(), 1u);
  const schema::Table& t = c.tables[0];
  EXPECT_EQ(accepted_values(t, t.columns[0]),
            (std::vector<std::string>{"male", "female", "unknown"}));
  EXPECT_EQ(accepted_values(t, t.columns[1]), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(accepted_values(t, t.columns[2]), (std::vector<std::string>{"retail", "wholesale"}));
  EXPECT_TRUE(accepted_values(t, t.columns[3]).empty());
  schema::Column e = column("colour", sql::LogicalType::enumeration({"red", "green"}));
  EXPECT_EQ(accepted_values(t, e), (std::vector<std::string>{"red", "green"}));
}

TEST(ValueMap, TranslatesCodesByPrefixTruthAndSynonym) {
  schema::Column gender = column("gender", sql::LogicalType::string(1), {"M", "F", "M", "U"});
  schema::Column sex = column("sex", sql::LogicalType::string(10));
  auto vm = propose_value_map(gender, sex, {"male", "female", "unknown"});
  ASSERT_TRUE(vm);
  EXPECT_EQ(vm->map.entries, (std::vector<ValueMapEntry>{
                                 {"'M'", "'male'"}, {"'F'", "'female'"}, {"'U'", "'unknown'"}}));
  EXPECT_TRUE(vm->warnings.empty());
  EXPECT_NE(vm->detail.find("3 of 3"), std::string::npos) << vm->detail;

  schema::Column flag = column("active_flag", sql::LogicalType::string(1), {"Y", "N"});
  schema::Column active = column("is_active", sql::LogicalType::boolean());
  auto truth = propose_value_map(flag, active, {"true", "false"});
  ASSERT_TRUE(truth);
  EXPECT_EQ(truth->map.entries, (std::vector<ValueMapEntry>{{"'Y'", "TRUE"}, {"'N'", "FALSE"}}));

  // An unmatched code is named in a warning; the rest still maps.
  schema::Column g2 = column("gender", sql::LogicalType::string(1), {"M", "F", "X"});
  auto partial = propose_value_map(g2, sex, {"male", "female"});
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->map.entries.size(), 2u);
  ASSERT_EQ(partial->warnings.size(), 1u);
  EXPECT_NE(partial->warnings[0].find("'X'"), std::string::npos);

  // Same codes on both sides, one code, free text, or nothing in common: no map.
  EXPECT_FALSE(propose_value_map(gender, sex, {"M", "F", "U"}));
  EXPECT_FALSE(
      propose_value_map(column("g", sql::LogicalType::string(), {"M"}), sex, {"male", "female"}));
  EXPECT_FALSE(propose_value_map(column("g", sql::LogicalType::string(), {"red", "blue"}), sex,
                                 {"male", "female"}));
  // "M" is a prefix of both "male" and "medium": ambiguous, not guessed.
  auto ambiguous = propose_value_map(column("g", sql::LogicalType::string(), {"M", "F", "S"}), sex,
                                     {"male", "medium", "female", "small"});
  ASSERT_TRUE(ambiguous);
  for (const ValueMapEntry& e : ambiguous->map.entries) EXPECT_NE(e.from, "'M'");
}

TEST(NameParts, RecogniseWholesAndParts) {
  schema::Catalog c = build(
      "CREATE TABLE customer (cust_first_name VARCHAR(40), LastName VARCHAR(40), mi CHAR(1),"
      " full_name VARCHAR(80), name VARCHAR(80), address_line_1 VARCHAR(80), addr2 VARCHAR(80),"
      " address VARCHAR(200), user_name VARCHAR(40), street2 VARCHAR(80), product_name TEXT);",
      "postgres");
  const schema::Table& t = c.tables[0];
  auto part = [&](std::size_t i) { return name_part(t, t.columns[i]); };
  auto whole = [&](std::size_t i) { return whole_kind(t, t.columns[i]); };
  EXPECT_EQ(part(0), "first");
  EXPECT_EQ(part(1), "last");
  EXPECT_EQ(part(2), "middle");
  EXPECT_EQ(whole(3), "person_name");
  EXPECT_EQ(whole(4), "person_name");
  EXPECT_EQ(part(5), "line1");
  EXPECT_EQ(part(6), "line2");
  EXPECT_EQ(whole(7), "address");
  EXPECT_EQ(part(7), "");
  EXPECT_EQ(part(9), "line2");
  EXPECT_EQ(whole(10), "");
}

const char* kPeopleSource = R"(
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  first_name VARCHAR(40),
  middle_name VARCHAR(40),
  last_name VARCHAR(40),
  address_line1 VARCHAR(80),
  address_line2 VARCHAR(80),
  gender CHAR(1),
  created_at TIMESTAMP
);
CREATE TABLE employees (
  employee_id INTEGER PRIMARY KEY,
  full_name VARCHAR(100),
  hired_on DATE
);)";

const char* kPeopleTarget = R"(
CREATE TABLE client (
  client_id INTEGER PRIMARY KEY,
  full_name VARCHAR(120),
  address VARCHAR(200),
  sex VARCHAR(10) CHECK (sex IN ('male', 'female', 'unknown')),
  created_at TIMESTAMP WITH TIME ZONE
);
CREATE TABLE staff (
  staff_id INTEGER PRIMARY KEY,
  first_name VARCHAR(50),
  last_name VARCHAR(50),
  hire_date DATE
);)";

const FieldMapping* find(const MappingDocument& d, std::string_view source_column,
                         std::string_view target_column, std::size_t sources = 1) {
  for (const FieldMapping& f : d.fields)
    if (f.sources.size() == sources && f.sources[0].column == source_column &&
        f.target.column == target_column)
      return &f;
  return nullptr;
}

TEST(CompositeEngine, ConcatenationsSplitsValueMapsAndTimeZones) {
  schema::Catalog source = build(kPeopleSource, "postgres");
  schema::Catalog target = build(kPeopleTarget, "postgres");
  for (schema::Column& c : source.tables[0].columns)
    if (c.name == "gender") c.sample_values = {"M", "F", "F", "U"};
  MatchOptions o;
  o.use_wordnet = false;
  o.formula_dialect = "postgres";
  MatchResult r = match_schemas(source, target, o);

  const FieldMapping* name = find(r.document, "first_name", "full_name", 3);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->transformation, Transformation::kConcatenated);
  EXPECT_EQ(name->formula, "CONCAT_WS(' ', first_name, middle_name, last_name)");
  EXPECT_EQ(name->sources[2].column, "last_name");
  EXPECT_GT(name->confidence, 0.3);
  EXPECT_LE(name->confidence, 1.0);
  EXPECT_FALSE(name->evidence.empty());
  EXPECT_FALSE(name->warnings.empty());
  for (const std::string& w : name->warnings) EXPECT_EQ(w.find("formula:"), std::string::npos) << w;

  const FieldMapping* address = find(r.document, "address_line1", "address", 2);
  ASSERT_NE(address, nullptr);
  EXPECT_EQ(address->formula, "CONCAT_WS(', ', address_line1, address_line2)");

  // One source, several targets: full_name splits into staff.first_name / last_name.
  const FieldMapping* first = find(r.document, "full_name", "first_name");
  const FieldMapping* last = find(r.document, "full_name", "last_name");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(first->transformation, Transformation::kComputed);
  EXPECT_EQ(first->formula, "SPLIT_PART(full_name, ' ', 1)");
  EXPECT_EQ(last->formula, "SPLIT_PART(full_name, ' ', -1)");

  const FieldMapping* sex = find(r.document, "gender", "sex");
  ASSERT_NE(sex, nullptr);
  EXPECT_EQ(sex->transformation, Transformation::kCaseWhen);
  EXPECT_EQ(sex->formula, "gender");
  ASSERT_TRUE(sex->value_map);
  EXPECT_EQ(sex->value_map->entries.size(), 3u);

  const FieldMapping* created = find(r.document, "created_at", "created_at");
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->formula, "created_at AT TIME ZONE 'UTC'");

  // Per source column, ranks stay 1..k over the 1:1 candidates only.
  std::map<std::string, std::set<int>> ranks;
  for (const FieldMapping& f : r.document.fields) {
    if (f.sources.size() != 1) continue;
    EXPECT_TRUE(ranks[f.sources[0].table + "." + f.sources[0].column].insert(f.rank).second);
  }

  // Off: none of it.
  o.composites = false;
  MatchResult plain = match_schemas(source, target, o);
  EXPECT_EQ(find(plain.document, "first_name", "full_name", 3), nullptr);
  const FieldMapping* plain_sex = find(plain.document, "gender", "sex");
  ASSERT_NE(plain_sex, nullptr);
  EXPECT_FALSE(plain_sex->value_map);
}

TEST(CompositeEngine, NoConcatenationWhenTheTargetKeepsTheParts) {
  schema::Catalog source = build(
      "CREATE TABLE person (id INT, first_name VARCHAR(40), last_name VARCHAR(40));", "postgres");
  schema::Catalog target = build(
      "CREATE TABLE people (id INT, name VARCHAR(80), first_name VARCHAR(40), surname "
      "VARCHAR(40));",
      "postgres");
  MatchOptions o;
  o.use_wordnet = false;
  o.formula_dialect = "postgres";
  MatchResult r = match_schemas(source, target, o);
  for (const FieldMapping& f : r.document.fields)
    EXPECT_EQ(f.sources.size(), 1u) << f.target.column;
  // And a source that already has the whole is not split or concatenated.
  schema::Catalog s2 = build(
      "CREATE TABLE person (id INT, full_name VARCHAR(80), first_name VARCHAR(40), last_name "
      "VARCHAR(40));",
      "postgres");
  schema::Catalog t2 = build("CREATE TABLE people (id INT, full_name VARCHAR(80));", "postgres");
  MatchResult r2 = match_schemas(s2, t2, o);
  for (const FieldMapping& f : r2.document.fields) {
    EXPECT_EQ(f.sources.size(), 1u);
    EXPECT_NE(f.transformation, Transformation::kComputed) << f.formula;
  }
}

TEST(CompositeEngine, FormulasFollowTheDialectAndQualifyMergedTables) {
  schema::Catalog source = build(kPeopleSource, "postgres");
  schema::Catalog target = build(kPeopleTarget, "postgres");
  MatchOptions o;
  o.use_wordnet = false;
  o.formula_dialect = "bigquery";
  MatchResult r = match_schemas(source, target, o);
  const FieldMapping* name = find(r.document, "first_name", "full_name", 3);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->formula.find("CONCAT_WS"), std::string::npos) << name->formula;
  EXPECT_EQ(parse_errors(name->formula, "bigquery", {"first_name", "middle_name", "last_name"}), "")
      << name->formula;
  const FieldMapping* last = find(r.document, "full_name", "last_name");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->formula, "ARRAY_REVERSE(SPLIT(full_name, ' '))[SAFE_OFFSET(0)]");
}

}  // namespace
}  // namespace godwit::mapping
