// Name normalisation and the dictionary: splitting, table prefixes, suffix roles,
// abbreviations and synonyms.
#include "mapping/normalise.hpp"

#include <gtest/gtest.h>

#include "mapping/dictionary.hpp"

namespace godwit::mapping {
namespace {

using Tokens = std::vector<std::string>;

TEST(Normalise, SplitsSnakeCamelDigitsAndAcronyms) {
  EXPECT_EQ(split_identifier("CustomerID"), (Tokens{"customer", "id"}));
  EXPECT_EQ(split_identifier("order_dt2"), (Tokens{"order", "dt", "2"}));
  EXPECT_EQ(split_identifier("HTTPServerName"), (Tokens{"http", "server", "name"}));
  EXPECT_EQ(split_identifier("first name"), (Tokens{"first", "name"}));
  EXPECT_EQ(split_identifier("__x__"), (Tokens{"x"}));
  EXPECT_TRUE(split_identifier("").empty());
  EXPECT_TRUE(split_identifier("--").empty());
}

TEST(Normalise, TextDropsStopWordsAndSingleLetters) {
  EXPECT_EQ(split_text("The name of the Customer, a person."),
            (Tokens{"name", "customer", "person"}));
}

TEST(Normalise, Abbreviations) {
  EXPECT_TRUE(is_abbreviation("cust", "customer"));
  EXPECT_TRUE(is_abbreviation("qty", "quantity"));
  EXPECT_TRUE(is_abbreviation("nbr", "number"));
  EXPECT_FALSE(is_abbreviation("c", "customer"));         // too short
  EXPECT_FALSE(is_abbreviation("customer", "customer"));  // not shorter
  EXPECT_FALSE(is_abbreviation("rty", "quantity"));       // first letter differs
  EXPECT_FALSE(is_abbreviation("qtz", "quantity"));       // letters not in order
}

TEST(Normalise, TablePrefixesAreStripped) {
  Tokens authors = split_identifier("authors");
  EXPECT_EQ(strip_table_prefix({"au", "id"}, authors), (Tokens{"id"}));
  EXPECT_EQ(strip_table_prefix({"author", "name"}, authors), (Tokens{"name"}));
  EXPECT_EQ(strip_table_prefix({"cust", "nm"}, {"customer"}), (Tokens{"nm"}));
  EXPECT_EQ(strip_table_prefix({"order", "line", "qty"}, {"order", "line"}), (Tokens{"qty"}));
  // Never down to nothing, and unrelated first words stay.
  EXPECT_EQ(strip_table_prefix({"author"}, authors), (Tokens{"author"}));
  EXPECT_EQ(strip_table_prefix({"city", "name"}, authors), (Tokens{"city", "name"}));
}

TEST(Normalise, SuffixRolesAndSingulars) {
  EXPECT_EQ(suffix_role("id"), "id");
  EXPECT_EQ(suffix_role("cd"), "code");
  EXPECT_EQ(suffix_role("dt"), "date");
  EXPECT_EQ(suffix_role("nbr"), "number");
  EXPECT_EQ(suffix_role("city"), "");
  EXPECT_EQ(singular("categories"), "category");
  EXPECT_EQ(singular("addresses"), "address");
  EXPECT_EQ(singular("films"), "film");
  EXPECT_EQ(singular("status"), "status");
  EXPECT_EQ(singular("address"), "address");
}

TEST(Dictionary, ExpandsAbbreviationsAndUnifiesSynonyms) {
  EXPECT_EQ(expand_abbreviation("cust"), "customer");
  EXPECT_EQ(expand_abbreviation("amt"), "amount");
  EXPECT_EQ(expand_abbreviation("unknownword"), "unknownword");
  EXPECT_EQ(canonical_token("client"), canonical_token("customer"));
  EXPECT_EQ(canonical_token("cust"), canonical_token("clients"));
  EXPECT_EQ(canonical_token("dt"), "date");
  EXPECT_EQ(canonical_token("nbr"), canonical_token("num"));
  EXPECT_EQ(canonical_token("postcode"), canonical_token("zip"));
  EXPECT_NE(canonical_token("city"), canonical_token("country"));
}

}  // namespace
}  // namespace godwit::mapping
