// Each pair feature on hand-written catalogs, and WordNet's reader on a tiny index.
#include "mapping/features.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "mapping/wordnet.hpp"
#include "schema/builder.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::mapping {
namespace {

schema::Catalog build(const std::string& sql) {
  sql::ParseResult r = sql::parse_sql(sql, sql::dialect_by_name("postgres"));
  EXPECT_FALSE(r.has_errors()) << sql;
  return schema::build_catalog(r, "test.sql");
}

const ColumnProfile& column(const SideProfiles& side, const std::string& name) {
  for (const ColumnProfile& c : side.columns)
    if (c.ref.column == name) return c;
  throw std::runtime_error("no column " + name);
}

TEST(Features, JaroWinkler) {
  EXPECT_DOUBLE_EQ(jaro_winkler("martha", "martha"), 1.0);
  EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_EQ(jaro_winkler("", "x"), 0.0);
  EXPECT_LT(jaro_winkler("abc", "xyz"), 0.1);
}

TEST(Features, TokenSimilarity) {
  EXPECT_EQ(token_similarity("amount", "amount", false), 1.0);
  EXPECT_EQ(token_similarity("cust", "customer", false), 0.75);
  EXPECT_GT(token_similarity("adress", "address", false), 0.7);
  EXPECT_EQ(token_similarity("2", "3", false), 0.0);
  EXPECT_EQ(token_similarity("city", "state", false), 0.0);
}

TEST(Features, NameSimilarityUsesDictionaryPrefixesAndRareWords) {
  schema::Catalog s = build(
      "CREATE TABLE cust (cust_id int PRIMARY KEY, cust_nm varchar(40), ord_amt numeric(10,2),"
      " first_name text)");
  schema::Catalog t = build(
      "CREATE TABLE customer (customer_id int PRIMARY KEY, name varchar(80), order_amount "
      "numeric(12,2), firstname text, zip text)");
  MatchContext ctx(s, t, false);
  const auto& src = ctx.source();
  const auto& tgt = ctx.target();
  // Only the table prefix differs: close, but below an exact name.
  EXPECT_GT(ctx.name_similarity(column(src, "cust_nm"), column(tgt, "name")), 0.8);
  EXPECT_LT(ctx.name_similarity(column(src, "cust_nm"), column(tgt, "name")), 1.0);
  EXPECT_EQ(ctx.name_similarity(column(src, "ord_amt"), column(tgt, "order_amount")), 1.0);
  EXPECT_EQ(ctx.name_similarity(column(src, "first_name"), column(tgt, "firstname")), 1.0);
  EXPECT_EQ(ctx.name_similarity(column(src, "cust_id"), column(tgt, "customer_id")), 1.0);
  EXPECT_LT(ctx.name_similarity(column(src, "ord_amt"), column(tgt, "zip")), 0.1);
}

TEST(Features, PrefixStrippingNeverMakesDifferentKeysEqual) {
  // city.city_id and address.address_id both reduce to "id"; address.city_id is the match.
  schema::Catalog s = build("CREATE TABLE city (city_id int PRIMARY KEY, city text)");
  schema::Catalog t = build("CREATE TABLE address (address_id int PRIMARY KEY, city_id int)");
  MatchContext ctx(s, t, false);
  const ColumnProfile& city_id = column(ctx.source(), "city_id");
  EXPECT_EQ(ctx.name_similarity(city_id, column(ctx.target(), "city_id")), 1.0);
  EXPECT_LT(ctx.name_similarity(city_id, column(ctx.target(), "address_id")), 0.8);
}

TEST(Features, TypeKeyPositionAndCommentFeatures) {
  schema::Catalog s = build(
      "CREATE TABLE a (id int PRIMARY KEY, born date, note text);"
      "COMMENT ON COLUMN a.note IS 'free text remark about the patient visit'");
  schema::Catalog t = build(
      "CREATE TABLE b (key bigint PRIMARY KEY, birth date, comment_text text, flag boolean);"
      "COMMENT ON COLUMN b.comment_text IS 'remark written during the patient visit'");
  MatchContext ctx(s, t, false);
  const auto& src = ctx.source();
  const auto& tgt = ctx.target();
  PairFeatures same_type = ctx.features(column(src, "born"), column(tgt, "birth"));
  PairFeatures bad_type = ctx.features(column(src, "born"), column(tgt, "flag"));
  EXPECT_EQ(same_type.type, 1.0);
  EXPECT_EQ(bad_type.type, 0.0);
  PairFeatures keys = ctx.features(column(src, "id"), column(tgt, "key"));
  EXPECT_EQ(keys.key, 1.0);
  EXPECT_GT(keys.type, 0.8);  // int -> bigint: a safe widening
  EXPECT_EQ(ctx.features(column(src, "born"), column(tgt, "birth")).key, -1.0);  // no keys
  EXPECT_EQ(ctx.features(column(src, "id"), column(tgt, "birth")).key, 0.3);
  EXPECT_EQ(keys.position, 1.0);
  EXPECT_LT(ctx.features(column(src, "id"), column(tgt, "flag")).position, 0.01);
  PairFeatures comments = ctx.features(column(src, "note"), column(tgt, "comment_text"));
  EXPECT_GT(comments.tfidf, 0.3);
  EXPECT_EQ(ctx.features(column(src, "id"), column(tgt, "key")).tfidf, -1.0);  // no comments
  // Combined: features without a value do not count; evidence weights sum to 1.
  std::vector<Evidence> evidence;
  double score = ctx.combine(keys, FeatureWeights{}, &evidence);
  EXPECT_GT(score, 0.5);
  double total = 0;
  for (const Evidence& e : evidence) total += e.weight;
  EXPECT_NEAR(total, 1.0, 1e-9);
}

TEST(Features, SampleValueOverlap) {
  schema::Catalog s = build("CREATE TABLE a (g text, h text)");
  schema::Catalog t = build("CREATE TABLE b (sex text)");
  s.tables[0].columns[0].sample_values = {"M", "F", "M"};
  s.tables[0].columns[1].sample_values = {"red", "blue"};
  t.tables[0].columns[0].sample_values = {"m", "f", "u"};
  MatchContext ctx(s, t, false);
  EXPECT_EQ(ctx.features(column(ctx.source(), "g"), column(ctx.target(), "sex")).values, 1.0);
  EXPECT_EQ(ctx.features(column(ctx.source(), "h"), column(ctx.target(), "sex")).values, 0.0);
}

TEST(WordNet, ReadsTheIndexFormatAndDegradesWithoutIt) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "godwit_wordnet_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream noun(dir / "index.noun");
    noun << "  1 This software and database is being provided\n"
         << "client n 2 2 @ ~ 2 1 09984659 10182843\n"
         << "customer n 1 2 @ ~ 1 1 09984659\n"
         << "city n 1 1 @ 1 0 08524735\n";
  }
  WordNet wn(dir.string());
  EXPECT_TRUE(wn.available());
  EXPECT_TRUE(wn.synonyms("client", "customer"));
  EXPECT_FALSE(wn.synonyms("client", "city"));
  EXPECT_FALSE(wn.synonyms("nothing", "client"));
  EXPECT_EQ(wn.senses("client").size(), 2u);
  std::filesystem::remove_all(dir);

  WordNet missing((dir / "nope").string());
  EXPECT_FALSE(missing.available());
  EXPECT_NE(missing.status().find("wordnet-base"), std::string::npos);
  EXPECT_FALSE(missing.synonyms("client", "customer"));
}

TEST(WordNet, DebianFilesWhenInstalled) {
  const WordNet& wn = WordNet::shared();
  if (!wn.available()) GTEST_SKIP() << wn.status();
  EXPECT_TRUE(wn.synonyms("car", "automobile"));
  EXPECT_FALSE(wn.synonyms("car", "banana"));
}

}  // namespace
}  // namespace godwit::mapping
