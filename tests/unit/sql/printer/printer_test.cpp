// Mechanics of the SQL generator: date format-string translation between the four
// styles, date units, the fidelity counts, and input errors.
#include "sql/printer/printer.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "sql/printer/printer_impl.hpp"

namespace godwit::sql {
namespace {

std::string convert(std::string_view f, FormatStyle from, FormatStyle to) {
  std::vector<std::string> lost;
  std::string out = convert_date_format(f, from, to, lost);
  for (const std::string& l : lost) out += " lost:" + l;
  return out;
}

TEST(FormatString, OracleToTheOtherStyles) {
  constexpr std::string_view kOracle = "YYYY-MM-DD HH24:MI:SS";
  EXPECT_EQ(convert(kOracle, FormatStyle::kOracle, FormatStyle::kStrftime), "%Y-%m-%d %H:%M:%S");
  EXPECT_EQ(convert(kOracle, FormatStyle::kOracle, FormatStyle::kMysql), "%Y-%m-%d %H:%i:%S");
  EXPECT_EQ(convert(kOracle, FormatStyle::kOracle, FormatStyle::kJava), "yyyy-MM-dd HH:mm:ss");
}

TEST(FormatString, BackToOracle) {
  EXPECT_EQ(convert("%Y-%m-%d %H:%M:%S", FormatStyle::kStrftime, FormatStyle::kOracle),
            "YYYY-MM-DD HH24:MI:SS");
  EXPECT_EQ(convert("%Y-%m-%d %H:%i:%s", FormatStyle::kMysql, FormatStyle::kOracle),
            "YYYY-MM-DD HH24:MI:SS");
  EXPECT_EQ(convert("yyyy-MM-dd HH:mm:ss", FormatStyle::kJava, FormatStyle::kOracle),
            "YYYY-MM-DD HH24:MI:SS");
}

TEST(FormatString, NamesAndTwelveHourClock) {
  EXPECT_EQ(convert("DD Mon YYYY HH12:MI AM", FormatStyle::kOracle, FormatStyle::kJava),
            "dd MMM yyyy hh:mm a");
  EXPECT_EQ(convert("Month DD, YYYY", FormatStyle::kOracle, FormatStyle::kStrftime), "%B %d, %Y");
  EXPECT_EQ(convert("EEEE dd MMMM", FormatStyle::kJava, FormatStyle::kMysql), "%W %d %M");
}

TEST(FormatString, LiteralTextIsQuotedForTheTarget) {
  EXPECT_EQ(convert("YYYY\"T\"HH24", FormatStyle::kOracle, FormatStyle::kJava), "yyyy'T'HH");
  EXPECT_EQ(convert("yyyy'T'HH", FormatStyle::kJava, FormatStyle::kOracle), "YYYY\"T\"HH24");
  EXPECT_EQ(convert("100%", FormatStyle::kOracle, FormatStyle::kStrftime), "100%%");
}

TEST(FormatString, ElementsWithoutEquivalentAreReported) {
  EXPECT_EQ(convert("YYYY-MM-DD HH24:MI:SS.FF3", FormatStyle::kOracle, FormatStyle::kStrftime),
            "%Y-%m-%d %H:%M:%S.FF3 lost:FF3");
  EXPECT_EQ(convert("yyyy G", FormatStyle::kJava, FormatStyle::kOracle), "YYYY G lost:G");
}

TEST(DateUnit, AbbreviationsOfEveryDialect) {
  EXPECT_EQ(canonical_date_unit("dd"), "DAY");
  EXPECT_EQ(canonical_date_unit("yyyy"), "YEAR");
  EXPECT_EQ(canonical_date_unit("mi"), "MINUTE");
  EXPECT_EQ(canonical_date_unit("Months"), "MONTH");
  EXPECT_EQ(canonical_date_unit("qq"), "QUARTER");
  EXPECT_EQ(canonical_date_unit("fortnight"), "");
}

TEST(Translate, CountsEveryClass) {
  Translation t = transpile("SELECT NVL(a, 1), REGEXP_LIKE(b, 'x') FROM t", "oracle", "tsql");
  ASSERT_EQ(t.statements.size(), 1u);
  const FidelityCounts& c = t.statements[0].counts;
  EXPECT_EQ(c.exact, 2u);        // a and 1 inside NVL
  EXPECT_EQ(c.approximate, 1u);  // NVL: Oracle '' IS NULL
  EXPECT_EQ(c.unsupported, 1u);  // no regular expressions in T-SQL
  EXPECT_NE(t.statements[0].sql.find("/* godwit: unsupported"), std::string::npos);
  EXPECT_FALSE(t.counts.clean());
}

TEST(Translate, CleanWhenEverythingIsExact) {
  PrintOptions compact;
  compact.pretty = false;
  Translation t = transpile("SELECT COALESCE(a, 0) AS x FROM s.t WHERE b > 1", "postgres",
                            "snowflake", compact);
  EXPECT_TRUE(t.counts.clean());
  EXPECT_EQ(t.statements.at(0).sql, "SELECT COALESCE(a, 0) AS x FROM s.t WHERE b > 1");
}

TEST(Translate, UnknownTargetIsAnInputError) {
  EXPECT_THROW(transpile("SELECT 1", "postgres", "db2"), Error);
}

TEST(Translate, EveryDialectHasAProfile) {
  for (std::string_view d : {"ansi", "bigquery", "databricks", "hive", "mysql", "oracle",
                             "postgres", "redshift", "snowflake", "sqlite", "teradata", "tsql"}) {
    EXPECT_NE(find_printer_profile(d), nullptr) << d;
  }
}

TEST(Translate, ReservedWordListsAreSorted) {
  for (std::string_view d : {"ansi", "bigquery", "databricks", "hive", "mysql", "oracle",
                             "postgres", "redshift", "snowflake", "sqlite", "teradata", "tsql"}) {
    auto words = find_printer_profile(d)->reserved_words;
    EXPECT_TRUE(std::is_sorted(words.begin(), words.end())) << d;
  }
}

}  // namespace
}  // namespace godwit::sql
