// Token: one lexical unit as an offset into the input, 12 bytes, no owned text, so a
// lexer can produce millions without touching the heap.
#pragma once

#include <cstdint>
#include <string_view>

#include "sql/lexer/keyword.hpp"

namespace godwit::sql {

enum class TokenKind : std::uint8_t {
  kEnd,               ///< end of input
  kWord,              ///< bare word; `keyword` says whether it is one the grammar knows
  kQuotedIdentifier,  ///< "x", `x`, [x]
  kString,            ///< any string literal form ('x', N'x', E'x', $$x$$, q'[x]', r'x' ...)
  kNumber,
  kParameter,       ///< ?, $1, :name, @var, @@var, %s
  kSemicolon,       ///< the active statement delimiter (';' or a DELIMITER choice)
  kBatchSeparator,  ///< T-SQL GO line, Oracle '/' line: ends a statement and a block
  kInnerSemicolon,  ///< ';' while a custom DELIMITER is active (part of a routine body)
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kLeftBrace,
  kRightBrace,
  kComma,
  kDot,
  kOperator,   ///< every other punctuation: + - * / % = < > <= >= <> != || :: => -> ...
  kDirective,  ///< a client command line (psql \x, SQL*Plus SET/PROMPT, DELIMITER ...)
  kError,      ///< unterminated string/comment or a byte no dialect rule accepts
};

/// Flags on a token.
enum TokenFlag : std::uint8_t {
  kTokenAtLineStart = 1,  ///< first token on its line (script directives care)
  kTokenEscaped = 2,      ///< quoted text contains doubled quotes or backslash escapes
};

struct Token {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  TokenKind kind = TokenKind::kEnd;
  std::uint8_t flags = 0;
  Keyword keyword = Keyword::kNone;

  bool is(Keyword k) const { return keyword == k; }
  bool is_word() const { return kind == TokenKind::kWord; }
  std::uint32_t end() const { return offset + length; }
};

std::string_view to_string(TokenKind kind);

}  // namespace godwit::sql
