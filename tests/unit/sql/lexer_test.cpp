// Lexer mechanics: string and identifier forms per dialect, comments, directives.
#include <gtest/gtest.h>

#include <vector>

#include "sql/lexer/lexer.hpp"

namespace godwit::sql {
namespace {

std::vector<std::pair<TokenKind, std::string>> lex(std::string_view text, std::string_view dialect) {
  Lexer lexer(text, dialect_by_name(dialect));
  std::vector<std::pair<TokenKind, std::string>> out;
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

}  // namespace
}  // namespace godwit::sql
