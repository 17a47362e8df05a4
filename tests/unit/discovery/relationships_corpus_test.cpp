// Relationship inference over real schemas from the shared DDL corpus (skipped when the
// corpus is absent): declared keys are reported once and never re-inferred, and with the
// declared keys removed the inference finds them again without inventing others.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "core/text.hpp"
#include "corpus_support.hpp"
#include "discovery/complexity.hpp"
#include "discovery/findings.hpp"
#include "discovery/relationships.hpp"
#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::discovery {
namespace {

using godwit::testing::ddl_corpus_dir;
using godwit::testing::read_file;

class CorpusRelationships : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ddl_corpus_dir() / "MANIFEST.tsv"))
      GTEST_SKIP() << "shared corpus not found at " << ddl_corpus_dir();
  }
};

schema::Catalog catalog_of(const std::string& path, std::string_view dialect) {
  sql::ParseOptions options;
  options.file_name = path;
  sql::ParseResult r =
      sql::parse_sql(read_file(ddl_corpus_dir() / path), sql::dialect_by_name(dialect), options);
  return schema::build_catalog(r, path);
}

/// "table.col,col->table.col,col" in lower case.
std::string link(const Relationship& r) {
  std::string s = to_lower(r.from_table.name) + ".";
  for (const std::string& c : r.from_columns) s += to_lower(c) + ",";
  s += "->" + to_lower(r.to_table.name) + ".";
  for (const std::string& c : r.to_columns) s += to_lower(c) + ",";
  return s;
}

std::set<std::string> links(const std::vector<Relationship>& rs, bool declared) {
  std::set<std::string> out;
  for (const Relationship& r : rs)
    if (r.declared == declared) {
      EXPECT_TRUE(out.insert(link(r)).second) << link(r);
    }
  return out;
}

/// The declared links, then the links inferred once the declared keys are removed.
std::pair<std::set<std::string>, std::set<std::string>> rediscover(schema::Catalog c) {
  std::set<std::string> declared = links(infer_relationships(c), true);
  for (schema::Table& t : c.tables) t.foreign_keys.clear();
  std::vector<Relationship> rs = infer_relationships(c);
  for (const Relationship& r : rs) EXPECT_FALSE(r.declared);
  return {declared, links(rs, false)};
}

TEST_F(CorpusRelationships, ChinookDeclaredKeysAreNotInferredAgain) {
  for (auto [path, dialect] : {std::pair{"gh-chinook/postgres/Chinook_PostgreSql.sql", "postgres"},
                               std::pair{"gh-chinook/tsql/Chinook_SqlServer.sql", "tsql"},
                               std::pair{"gh-chinook/sqlite/Chinook_Sqlite.sql", "sqlite"}}) {
    std::vector<Relationship> rs = infer_relationships(catalog_of(path, dialect));
    EXPECT_EQ(links(rs, true).size(), 11u) << path;
    EXPECT_EQ(links(rs, false), std::set<std::string>{}) << path;
    for (const Relationship& r : rs) {
      if (!r.declared) continue;
      EXPECT_EQ(r.confidence, 1.0);
      EXPECT_NE(r.to_table_id, 0u) << link(r);
      EXPECT_FALSE(r.to_columns.empty()) << link(r);
    }
  }
}

TEST_F(CorpusRelationships, ChinookWithoutDeclaredKeysIsRediscovered) {
  auto [declared, found] =
      rediscover(catalog_of("gh-chinook/postgres/Chinook_PostgreSql.sql", "postgres"));
  // Everything found was declared (precision), and every key named after its table is
  // found; customer.support_rep_id -> employee and employee.reports_to -> employee are
  // named after a role, not a table, and stay unfound.
  for (const std::string& l : found) EXPECT_TRUE(declared.count(l)) << "invented: " << l;
  std::set<std::string> missed;
  for (const std::string& l : declared)
    if (!found.count(l)) missed.insert(l);
  EXPECT_EQ(missed, (std::set<std::string>{"customer.support_rep_id,->employee.employee_id,",
                                           "employee.reports_to,->employee.employee_id,"}));
}

TEST_F(CorpusRelationships, SakilaWithoutDeclaredKeysIsRediscovered) {
  schema::Catalog c =
      catalog_of("gh-sakila/mysql/mysql-sakila-db__mysql-sakila-schema.sql", "mysql");
  std::vector<Relationship> with_keys = infer_relationships(c);
  EXPECT_EQ(links(with_keys, true).size(), 22u);
  auto [declared, found] = rediscover(c);
  std::set<std::string> invented, missed;
  for (const std::string& l : found)
    if (!declared.count(l)) invented.insert(l);
  for (const std::string& l : declared)
    if (!found.count(l)) missed.insert(l);
  // film_text mirrors film row for row (Sakila's triggers keep it in sync) without a
  // declared key: a genuine one-to-one link. The two missed keys are role-named.
  EXPECT_EQ(invented, (std::set<std::string>{"film_text.film_id,->film.film_id,"}));
  EXPECT_EQ(missed, (std::set<std::string>{"film.original_language_id,->language.language_id,",
                                           "store.manager_staff_id,->staff.staff_id,"}));
  std::size_t film_text = 0;
  for (const Relationship& r : with_keys) {
    if (link(r) == "film_text.film_id,->film.film_id,") {
      ++film_text;
      EXPECT_EQ(r.cardinality, Cardinality::kOneToOne);
      EXPECT_FALSE(r.declared);
    }
  }
  EXPECT_EQ(film_text, 1u);
}

TEST_F(CorpusRelationships, SakilaFindingsAndComplexity) {
  schema::Catalog c =
      catalog_of("gh-sakila/mysql/mysql-sakila-db__mysql-sakila-schema.sql", "mysql");
  FindingOptions options;
  options.target_dialect = "bigquery";
  std::map<std::string, std::string> domains;
  std::size_t no_pk = 0;
  for (const Finding& f : analyze(c, options)) {
    if (f.code == "F-NO-PRIMARY-KEY") ++no_pk;
    if (f.code == "F-DOMAIN")  // objects are qualified: "sakila.customer"
      domains[f.objects[0].substr(f.objects[0].rfind('.') + 1)] = f.detail;
  }
  EXPECT_EQ(no_pk, 0u);  // every Sakila table declares a primary key
  EXPECT_EQ(domains["customer"], "crm");
  EXPECT_EQ(domains["payment"], "finance");
  EXPECT_EQ(domains["staff"], "hr");
  EXPECT_EQ(domains["film_actor"], "media");
  EXPECT_EQ(domains["country"], "reference");

  ProjectComplexity p = compute_complexity(c);
  ASSERT_EQ(p.tables.size(), 16u);
  double film = 0, language = 0;
  for (const TableComplexity& t : p.tables) {
    EXPECT_GE(t.score, 0.0);
    EXPECT_LE(t.score, 10.0);
    if (t.table.name == "film") film = t.score;
    if (t.table.name == "language") language = t.score;
  }
  // film has more columns, keys, views and the film_text triggers; language has none.
  EXPECT_GT(film, language);
  EXPECT_GT(p.score, 0.0);
}

// Every file of the corpus, in its MANIFEST dialect: the three analyses run without a
// crash (the sanitizers watch) and keep their invariants.
TEST_F(CorpusRelationships, EveryFileAnalysesCleanly) {
  std::size_t files = 0, inferred = 0;
  for (const auto& file : godwit::testing::read_manifest()) {
    schema::Catalog c = catalog_of(file.path, file.dialect);
    ++files;
    std::set<std::string> declared_from;
    for (const Relationship& r : infer_relationships(c)) {
      EXPECT_GE(r.confidence, 0.5) << file.path;
      EXPECT_LE(r.confidence, 1.0) << file.path;
      EXPECT_FALSE(r.ai_generated);
      if (r.declared) {
        for (const std::string& col : r.from_columns)
          declared_from.insert(std::to_string(r.from_table_id) + "." + to_lower(col));
      } else {
        ++inferred;
        EXPECT_FALSE(declared_from.count(std::to_string(r.from_table_id) + "." +
                                         to_lower(r.from_columns[0])))
            << file.path << ": " << link(r);
      }
    }
    ComplexityOptions copts;
    copts.target = sql::find_type_table("snowflake");
    ProjectComplexity p = compute_complexity(c, copts);
    EXPECT_LE(p.score, 10.0) << file.path;
    FindingOptions fopts;
    fopts.target_dialect = "snowflake";
    for (const Finding& f : analyze(c, fopts)) EXPECT_FALSE(f.code.empty()) << file.path;
  }
  EXPECT_GT(files, 0u);
  EXPECT_GT(inferred, 0u);
}

}  // namespace
}  // namespace godwit::discovery
