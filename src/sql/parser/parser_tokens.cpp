// Token-level helpers of the Parser: lookahead over a per-statement token buffer,
// expectations that record what was wanted at the furthest point, and skipping.
#include <algorithm>

#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

// Words that begin a statement, for dialects whose statements need no ';' (T-SQL) and for
// recovery there. Upper case.
constexpr std::string_view kStatementVerbs[] = {
    "CREATE",  "ALTER",  "DROP",       "INSERT",   "UPDATE",    "DELETE",  "MERGE",
    "SELECT",  "WITH",   "TRUNCATE",   "GRANT",    "REVOKE",    "DENY",    "EXEC",
    "EXECUTE", "SET",    "USE",        "PRINT",    "IF",        "BEGIN",   "DECLARE",
    "WHILE",   "RETURN", "COMMIT",     "ROLLBACK", "RAISERROR", "THROW",   "OPEN",
    "CLOSE",   "FETCH",  "DEALLOCATE", "BREAK",    "CONTINUE",  "WAITFOR", "BACKUP",
    "RESTORE", "DBCC",   "CHECKPOINT", "COMMENT",  "END",       "ELSE",
};

}  // namespace

const Token& Parser::fill(std::size_t ahead) {
  while (tokens_.size() <= pos_ + ahead) tokens_.push_back(lexer_.next());
  return tokens_[pos_ + ahead];
}

bool Parser::at_op(std::string_view op, std::size_t ahead) {
  const Token& t = peek(ahead);
  if (t.kind != TokenKind::kOperator || t.length != op.size()) return false;
  return op.size() == 1 ? text_[t.offset] == op[0] : text(t) == op;
}

bool Parser::at_word(std::string_view upper, std::size_t ahead) {
  const Token t = peek(ahead);
  if (t.kind != TokenKind::kWord || t.length != upper.size()) return false;
  return starts_with_word(text(t), upper);
}

bool Parser::accept(Keyword k) {
  if (peek().keyword != k) return false;
  advance();
  return true;
}

bool Parser::accept(TokenKind k) {
  if (peek().kind != k) return false;
  advance();
  return true;
}

bool Parser::accept_op(std::string_view op) {
  if (!at_op(op)) return false;
  advance();
  return true;
}

bool Parser::accept_word(std::string_view upper) {
  if (!at_word(upper)) return false;
  advance();
  return true;
}

Token Parser::expect(Keyword k) {
  if (peek().keyword != k) fail(keyword_text(k));
  return advance();
}

Token Parser::expect(TokenKind k, std::string_view what) {
  if (peek().kind != k) fail(what);
  return advance();
}

void Parser::expect_op(std::string_view op) {
  if (!at_op(op)) fail(op);
  advance();
}

void Parser::fail(std::string_view expected) {
  std::uint32_t at_offset = peek().offset;
  if (expected_.empty() || at_offset > furthest_) {
    furthest_ = at_offset;
    expected_.clear();
    expected_.push_back(expected);
  } else if (at_offset == furthest_ &&
             std::find(expected_.begin(), expected_.end(), expected) == expected_.end() &&
             expected_.size() < 8) {
    expected_.push_back(expected);
  }
  throw ParseFailure{at_offset};
}

bool Parser::at_statement_end() {
  TokenKind k = peek().kind;
  return k == TokenKind::kSemicolon || k == TokenKind::kBatchSeparator || k == TokenKind::kEnd;
}

bool Parser::is_statement_start_word(const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  std::string_view w = text(t);
  if (t.keyword == Keyword::kWITH) {
    // WITH ( ... ) is a table option (T-SQL), not a CTE starting a new statement.
    std::size_t i = t.end();
    while (i < text_.size() &&
           (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\r' || text_[i] == '\n'))
      ++i;
    if (i < text_.size() && text_[i] == '(') return false;
  }
  for (std::string_view v : kStatementVerbs) {
    if (w.size() == v.size() && starts_with_word(w, v)) return true;
  }
  return false;
}

std::string_view Parser::skip_parens() {
  std::uint32_t begin = peek().offset;
  if (!at(TokenKind::kLeftParen)) fail("'('");
  int depth = 0;
  do {
    const Token t = peek();
    if (t.kind == TokenKind::kEnd || t.kind == TokenKind::kSemicolon ||
        t.kind == TokenKind::kBatchSeparator) {
      fail("')'");
    }
    if (t.kind == TokenKind::kLeftParen) ++depth;
    if (t.kind == TokenKind::kRightParen) --depth;
    advance();
  } while (depth > 0);
  return text(span_from(begin));
}

std::string_view Parser::skip_to_comma_or_close() {
  std::uint32_t begin = peek().offset;
  int depth = 0;
  for (;;) {
    const Token t = peek();
    if (t.kind == TokenKind::kEnd || t.kind == TokenKind::kSemicolon ||
        t.kind == TokenKind::kBatchSeparator)
      break;
    if (depth == 0 && (t.kind == TokenKind::kComma || t.kind == TokenKind::kRightParen)) break;
    if (t.kind == TokenKind::kLeftParen) ++depth;
    if (t.kind == TokenKind::kRightParen) --depth;
    advance();
  }
  if (last_end_ <= begin) return {};
  return text(Span{begin, last_end_});
}

void Parser::skip_to_statement_end(bool stop_at_statement_verbs) {
  int parens = 0;
  int blocks = 0;
  bool first = true;
  for (;;) {
    const Token t = peek();
    if (t.kind == TokenKind::kEnd || t.kind == TokenKind::kBatchSeparator) return;
    if (t.kind == TokenKind::kSemicolon && (parens <= 0 || blocks <= 0) && blocks <= 0) return;
    if (!first && stop_at_statement_verbs && parens <= 0 && blocks <= 0 &&
        (t.flags & kTokenAtLineStart) && is_statement_start_word(t) &&
        ((t.keyword != Keyword::kEND && t.keyword != Keyword::kELSE) || block_depth_ > 0))
      return;
    first = false;
    if (t.kind == TokenKind::kLeftParen)
      ++parens;
    else if (t.kind == TokenKind::kRightParen)
      --parens;
    else if (t.keyword == Keyword::kCASE)
      ++blocks;
    else if (t.keyword == Keyword::kBEGIN) {
      const Token n = peek(1);
      if (!(n.kind == TokenKind::kSemicolon || n.keyword == Keyword::kTRANSACTION ||
            n.keyword == Keyword::kTRAN || n.keyword == Keyword::kWORK ||
            n.kind == TokenKind::kEnd))
        ++blocks;
    } else if (t.keyword == Keyword::kEND && blocks > 0) {
      --blocks;
      advance();
      const Token n = peek();
      if (n.keyword == Keyword::kIF || n.keyword == Keyword::kLOOP || n.keyword == Keyword::kCASE ||
          n.keyword == Keyword::kWHILE || n.keyword == Keyword::kREPEAT ||
          n.keyword == Keyword::kTRY || n.keyword == Keyword::kCATCH)
        advance();
      continue;
    }
    advance();
  }
}

}  // namespace godwit::sql
