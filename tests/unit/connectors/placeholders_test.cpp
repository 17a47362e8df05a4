#include "validation/connectors/placeholders.hpp"

#include <gtest/gtest.h>

#include "validation/connectors/connector.hpp"

namespace godwit::validation {
namespace {

TEST(Placeholders, RewritesToQuestionMarksInOrderOfAppearance) {
  NativeStatement s = rewrite_placeholders("select * from t where a = $2 and b = $1 or c = $2",
                                           PlaceholderStyle::kQuestionMark, 2, false);
  EXPECT_EQ(s.sql, "select * from t where a = ? and b = ? or c = ?");
  EXPECT_EQ(s.order, (std::vector<std::size_t>{1, 0, 1}));
  EXPECT_EQ(s.max_index, 2u);
}

TEST(Placeholders, NumberedStyleKeepsNumbers) {
  NativeStatement s =
      rewrite_placeholders("select $1, $10", PlaceholderStyle::kNumbered, 10, false);
  EXPECT_EQ(s.sql, "select ?1, ?10");
  EXPECT_TRUE(s.order.empty());
}

TEST(Placeholders, LeavesStringsIdentifiersAndCommentsAlone) {
  NativeStatement s =
      rewrite_placeholders("select '$1 ?', \"$1?\", `a$1?` -- $1 ?\n, $1 /* $2 ? */",
                           PlaceholderStyle::kQuestionMark, 1, false);
  EXPECT_EQ(s.sql, "select '$1 ?', \"$1?\", `a$1?` -- $1 ?\n, ? /* $2 ? */");
  EXPECT_EQ(s.order, (std::vector<std::size_t>{0}));
}

TEST(Placeholders, DoubledQuotesAndBackslashEscapesStayInsideTheString) {
  NativeStatement plain =
      rewrite_placeholders("select 'it''s $1', $1", PlaceholderStyle::kQuestionMark, 1, false);
  EXPECT_EQ(plain.sql, "select 'it''s $1', ?");
  NativeStatement mysql =
      rewrite_placeholders("select 'a\\' $1', $1", PlaceholderStyle::kQuestionMark, 1, true);
  EXPECT_EQ(mysql.sql, "select 'a\\' $1', ?");
}

TEST(Placeholders, RejectsNativeQuestionMarkOutsideStrings) {
  try {
    rewrite_placeholders("select ?", PlaceholderStyle::kQuestionMark, 0, false);
    FAIL() << "expected an error";
  } catch (const ConnectorError& error) {
    EXPECT_EQ(error.kind(), ConnectorError::kQuery);
    EXPECT_NE(std::string(error.what()).find("$1"), std::string::npos);
  }
}

TEST(Placeholders, RejectsParameterBeyondTheGivenOnes) {
  EXPECT_THROW(rewrite_placeholders("select $3", PlaceholderStyle::kQuestionMark, 2, false),
               ConnectorError);
  EXPECT_THROW(rewrite_placeholders("select $0", PlaceholderStyle::kNumbered, 2, false),
               ConnectorError);
}

TEST(Placeholders, DollarNotFollowedByDigitIsText) {
  NativeStatement s =
      rewrite_placeholders("select a$b, $x", PlaceholderStyle::kQuestionMark, 0, false);
  EXPECT_EQ(s.sql, "select a$b, $x");
}

TEST(Placeholders, RewritesToDatabricksNamedMarkersKeepingTheirNumbers) {
  NativeStatement s = rewrite_placeholders("select `a$1`, '$2' from t where a = $2 and b = $10",
                                           PlaceholderStyle::kNamedColon, 10, true);
  EXPECT_EQ(s.sql, "select `a$1`, '$2' from t where a = :p2 and b = :p10");
  EXPECT_TRUE(s.order.empty());
  EXPECT_EQ(s.max_index, 10u);
}

TEST(Placeholders, FindsTheFirstKeywordPastCommentsAndParentheses) {
  EXPECT_EQ(first_keyword("  select 1"), "SELECT");
  EXPECT_EQ(first_keyword("-- note\n/* x */ ((With a as (select 1) select * from a))"), "WITH");
  EXPECT_EQ(first_keyword("/* unclosed"), "");
  EXPECT_EQ(first_keyword("delete from t"), "DELETE");
  EXPECT_EQ(first_keyword(""), "");
}

}  // namespace
}  // namespace godwit::validation
