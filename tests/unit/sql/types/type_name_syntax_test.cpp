// Mechanics of the type-name tokenizer and segment parser, and robustness of the reader
// on hostile input: nothing may crash, hang or throw.
#include "sql/types/type_name_syntax.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sql/types/type_mapping.hpp"

namespace godwit::sql {
namespace {

TEST(TypeNameSyntax, SplitsWordsAndParameters) {
  TypeTokens tokens("TIMESTAMP(6) WITH LOCAL TIME ZONE");
  TypeSyntax s = tokens.parse(tokens.all());
  ASSERT_TRUE(s.ok) << s.error;
  ASSERT_EQ(s.segments.size(), 5u);
  EXPECT_EQ(s.segments[0].word, "TIMESTAMP");
  EXPECT_EQ(s.segments[0].bracket, '(');
  ASSERT_EQ(s.segments[0].args.size(), 1u);
  EXPECT_EQ(tokens.text_of(s.segments[0].args[0]), "6");
  EXPECT_EQ(s.segments[4].word, "ZONE");
}

TEST(TypeNameSyntax, KeepsNestedAngleBracketsAsOneArgument) {
  TypeTokens tokens("STRUCT<a INT64, b ARRAY<STRUCT<c STRING>>>");
  TypeSyntax s = tokens.parse(tokens.all());
  ASSERT_TRUE(s.ok) << s.error;
  ASSERT_EQ(s.segments.size(), 1u);
  ASSERT_EQ(s.segments[0].args.size(), 2u);
  EXPECT_EQ(tokens.text_of(s.segments[0].args[1]), "b ARRAY<STRUCT<c STRING>>");
}

TEST(TypeNameSyntax, ReadsNegativeNumbersAndStars) {
  TypeTokens tokens("NUMBER(*, -2)");
  TypeSyntax s = tokens.parse(tokens.all());
  ASSERT_TRUE(s.ok);
  ASSERT_EQ(s.segments[0].args.size(), 2u);
  EXPECT_EQ(tokens.text_of(s.segments[0].args[0]), "*");
  EXPECT_EQ(tokens.text_of(s.segments[0].args[1]), "-2");
}

TEST(TypeNameSyntax, CountsPostgresArraySuffixes) {
  TypeTokens tokens("integer[3][]");
  TypeSyntax s = tokens.parse(tokens.all());
  ASSERT_TRUE(s.ok);
  EXPECT_EQ(s.array_dims, 2);
  EXPECT_EQ(s.segments[0].word, "INTEGER");
}

TEST(TypeNameSyntax, TellsBracketQuotedNamesFromArraySuffixes) {
  TypeTokens tokens("[nvarchar](50)");
  TypeSyntax s = tokens.parse(tokens.all());
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_TRUE(s.segments[0].quoted);
  EXPECT_EQ(s.segments[0].word, "nvarchar");
  EXPECT_EQ(s.array_dims, 0);
}

TEST(TypeNameSyntax, JoinsQualifiedNames) {
  TypeTokens tokens("\"public\".\"my enum\"");
  TypeSyntax s = tokens.parse(tokens.all());
  ASSERT_TRUE(s.ok);
  EXPECT_TRUE(s.segments[0].qualified);
  EXPECT_EQ(s.segments[0].word, "public.my enum");
}

TEST(TypeNameSyntax, ReportsUnbalancedBrackets) {
  for (const char* text : {"ARRAY<INT", "DECIMAL(10,2", "MAP<STRING, INT)", "INT)", "[]"}) {
    TypeTokens tokens(text);
    EXPECT_FALSE(tokens.parse(tokens.all()).ok) << text;
  }
}

TEST(TypeNameSyntax, ReportsUnterminatedQuotes) {
  TypeTokens tokens("ENUM('a', 'b)");
  EXPECT_FALSE(tokens.ok());
}

TEST(TypeNameSyntax, UnquotesDoubledQuotes) {
  EXPECT_EQ(unquote("'it''s'"), "it's");
  EXPECT_EQ(unquote("\"a\"\"b\""), "a\"b");
  EXPECT_EQ(unquote("[x]"), "x");
  EXPECT_EQ(unquote("plain"), "plain");
}

TEST(TypeReaderRobustness, DeepNestingIsReportedNotRecursed) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "ARRAY<";
  deep += "INT64";
  for (int i = 0; i < 5000; ++i) deep += ">";
  ReadTypeResult r = read_type(deep, "bigquery");
  EXPECT_EQ(r.type.kind, TypeKind::kUnknown);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes[0].code, LossCode::kUnknownType);
}

TEST(TypeReaderRobustness, NestingJustUnderTheLimitIsRead) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "ARRAY<";
  text += "INT64";
  for (int i = 0; i < 20; ++i) text += ">";
  ReadTypeResult r = read_type(text, "bigquery");
  EXPECT_EQ(r.type.kind, TypeKind::kArray);
  TypeMapping m = map_type(text, "bigquery", "databricks");
  EXPECT_EQ(m.target_text.substr(0, 12), "ARRAY<ARRAY<");
}

TEST(TypeReaderRobustness, RandomGarbageNeverCrashes) {
  std::mt19937 rng(20261125);
  const std::string alphabet =
      "abcXYZ_0189 ()<>[],.*:;'\"`-+\t\n\\$#\x01\xff"
      "ARRAY STRUCT MAP NUMBER VARCHAR2 CHAR BYTE";
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += alphabet[rng() % alphabet.size()];
    for (const DialectTypeTable* from :
         {find_type_table("oracle"), find_type_table("sqlite"), find_type_table("bigquery")}) {
      TypeMapping m = map_type(text, *from, *find_type_table("tsql"));
      (void)m;
    }
  }
  SUCCEED();
}

TEST(TypeReaderRobustness, RandomTokenSoupMapsEverywhere) {
  std::mt19937 rng(7);
  const char* pieces[] = {"ARRAY",    "<",    ">",    "(",      ")",         ",",        "STRUCT",
                          "a",        "INT",  "MAP",  "NUMBER", "*",         "-3",       "38",
                          "'x'",      "WITH", "TIME", "ZONE",   "[]",        "UNSIGNED", "CHAR",
                          "INTERVAL", "DAY",  "TO",   "SECOND", "PERIOD",    "\"q\"",    ".",
                          "MAX",      "ROW",  "ENUM", "SET",    "CHARACTER", "VARYING"};
  int mapped = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      text += pieces[rng() % std::size(pieces)];
      text += ' ';
    }
    for (std::string_view from : {"postgres", "mysql", "snowflake", "teradata"}) {
      for (std::string_view to : {"bigquery", "oracle", "redshift", "hive"}) {
        TypeMapping m = map_type(text, from, to);
        EXPECT_FALSE(m.target_text.empty() && m.source.kind != TypeKind::kUnknown) << text;
        ++mapped;
      }
    }
  }
  EXPECT_EQ(mapped, 2000 * 16);
}

}  // namespace
}  // namespace godwit::sql

namespace godwit::sql {
namespace {

TEST(TypeReaderRobustness, MalformedTrailingTextKeepsTheType) {
  ReadTypeResult r = read_type("INT CHECK (a > 0)", "postgres");
  EXPECT_EQ(r.type, LogicalType::integer(32));
  ASSERT_EQ(r.ignored.size(), 1u);
  EXPECT_EQ(r.ignored[0], "CHECK (a > 0)");
  ReadTypeResult s = read_type("NUMBER(10,2) CHECK (x < 5)", "oracle");
  EXPECT_EQ(s.type, LogicalType::decimal(10, 2));
  EXPECT_EQ(read_type("DECIMAL(10,2", "mysql").type.kind, TypeKind::kUnknown);
}

}  // namespace
}  // namespace godwit::sql
