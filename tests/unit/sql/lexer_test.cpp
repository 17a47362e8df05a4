// Lexer mechanics: the string, identifier and comment forms of each dialect, client
// directives and batch separators.
#include "sql/lexer/lexer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace godwit::sql {
namespace {

using Tokens = std::vector<std::pair<TokenKind, std::string>>;

Tokens lex(std::string_view text, std::string_view dialect) {
  Lexer lexer(text, dialect_by_name(dialect));
  Tokens out;
  for (;;) {
    Token t = lexer.next();
    if (t.kind == TokenKind::kEnd) break;
    out.emplace_back(t.kind, std::string(text.substr(t.offset, t.length)));
  }
  return out;
}

TEST(Lexer, PostgresDollarQuotedStringsWithTags) {
  auto t = lex("select $fn$ a ; 'b' $fn$, $$x$$", "postgres");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[1].first, TokenKind::kString);
  EXPECT_EQ(t[1].second, "$fn$ a ; 'b' $fn$");
  EXPECT_EQ(t[3].second, "$$x$$");
}

TEST(Lexer, PostgresEscapeStringHonoursBackslash) {
  auto t = lex("E'it\\'s' 'a''b'", "postgres");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].second, "E'it\\'s'");
  EXPECT_EQ(t[1].second, "'a''b'");
}

TEST(Lexer, PostgresNestsBlockComments) {
  auto t = lex("a /* x /* y */ z */ b", "postgres");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].second, "b");
}

TEST(Lexer, MysqlDoesNotNestBlockComments) {
  auto t = lex("a /* x /* y */ b", "mysql");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].second, "b");
}

TEST(Lexer, MysqlHashCommentsBackticksAndDoubleQuotedStrings) {
  auto t = lex("`a b` \"str\" # comment\nc", "mysql");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].first, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(t[1].first, TokenKind::kString);
  EXPECT_EQ(t[2].second, "c");
}

TEST(Lexer, TsqlBracketIdentifiersAndTempTables) {
  auto t = lex("[my table] #tmp @var N'x'", "tsql");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].first, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(t[1].first, TokenKind::kWord);
  EXPECT_EQ(t[2].first, TokenKind::kParameter);
  EXPECT_EQ(t[3].first, TokenKind::kString);
}

TEST(Lexer, TsqlGoLineIsABatchSeparator) {
  auto t = lex("select 1\nGO\nselect 2\ngo 5\n", "tsql");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[2].first, TokenKind::kBatchSeparator);
  EXPECT_EQ(t[5].first, TokenKind::kBatchSeparator);
}

TEST(Lexer, GoInsideALineIsAWord) {
  auto t = lex("select go from t", "tsql");
  EXPECT_EQ(t[1].first, TokenKind::kWord);
}

TEST(Lexer, OracleQQuoteAndSlashLine) {
  auto t = lex("select q'[it's]' from dual;\n/\n", "oracle");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[1].first, TokenKind::kString);
  EXPECT_EQ(t[1].second, "q'[it's]'");
  EXPECT_EQ(t[5].first, TokenKind::kBatchSeparator);
}

TEST(Lexer, OracleSqlPlusCommandsAreDirectives) {
  auto t = lex("SET ECHO OFF\nPROMPT hello;\nREM x\n@other.sql\nselect 1 from dual;", "oracle");
  ASSERT_GE(t.size(), 4u);
  EXPECT_EQ(t[0].first, TokenKind::kDirective);
  EXPECT_EQ(t[1].first, TokenKind::kDirective);
  EXPECT_EQ(t[2].first, TokenKind::kDirective);
  EXPECT_EQ(t[3].first, TokenKind::kDirective);
  EXPECT_EQ(t[4].second, "select");
}

TEST(Lexer, OracleSetTransactionIsSql) {
  auto t = lex("SET TRANSACTION READ ONLY;", "oracle");
  EXPECT_EQ(t[0].first, TokenKind::kWord);
}

TEST(Lexer, PsqlMetaCommandOnlyAtStatementStart) {
  auto t = lex("\\connect db\nselect 1;\n\\set x 1\n", "postgres");
  EXPECT_EQ(t[0].first, TokenKind::kDirective);
  EXPECT_EQ(t[1].second, "select");
  EXPECT_EQ(t.back().first, TokenKind::kDirective);
}

TEST(Lexer, MysqlDelimiterChangesTheTerminator) {
  auto t = lex("DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nSELECT 2;",
               "mysql");
  int semis = 0, inner = 0, directives = 0;
  for (auto& [k, s] : t) {
    semis += k == TokenKind::kSemicolon;
    inner += k == TokenKind::kInnerSemicolon;
    directives += k == TokenKind::kDirective;
  }
  EXPECT_EQ(directives, 2);
  EXPECT_EQ(inner, 1);
  EXPECT_EQ(semis, 2);  // $$ and the final ;
}

TEST(Lexer, BigQueryRawTripleQuotedAndBackticks) {
  auto t = lex("r'\\d+' '''a\n'b''' `p-1.d.t` # c\n", "bigquery");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].first, TokenKind::kString);
  EXPECT_EQ(t[1].second, "'''a\n'b'''");
  EXPECT_EQ(t[2].first, TokenKind::kQuotedIdentifier);
}

TEST(Lexer, SnowflakeSlashSlashComments) {
  auto t = lex("select 1 // comment\n, 2", "snowflake");
  ASSERT_EQ(t.size(), 4u);
}

TEST(Lexer, UnterminatedStringIsOneErrorToken) {
  auto t = lex("select 'abc", "ansi");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].first, TokenKind::kError);
}

TEST(Lexer, KeywordsAreRecognisedInAnyCase) {
  Lexer lexer("SeLeCt", dialect_by_name("ansi"));
  EXPECT_EQ(lexer.next().keyword, Keyword::kSELECT);
}

TEST(Lexer, SkipToStatementEndCountsRowsAndHonoursStrings) {
  std::string_view text = "(1,'a;b'),(2,')'),(3,\"x\");next";
  Lexer lexer(text, dialect_by_name("postgres"));
  EXPECT_EQ(lexer.skip_to_statement_end(), 3u);
  EXPECT_EQ(text.substr(lexer.position(), 1), ";");
}

}  // namespace
}  // namespace godwit::sql
