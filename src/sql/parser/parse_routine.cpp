// Procedures, functions, triggers, packages and anonymous blocks are captured, not parsed:
// their extent follows the dialect's rule (to the next GO batch separator in T-SQL, to the
// '/' line in Oracle, else by BEGIN/CASE/IF/LOOP .. END nesting), their body text is kept,
// and the body's tokens are scanned for the tables it reads and writes. T-SQL control
// flow (IF/WHILE/BEGIN..END) holds ordinary statements and is parsed as blocks.
#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

bool same_name(const ObjectName& a, const ObjectName& b) {
  if (a.parts.size() != b.parts.size()) return false;
  for (std::size_t i = 0; i < a.parts.size(); ++i) {
    std::string_view x = a.parts[i].text, y = b.parts[i].text;
    if (x.size() != y.size()) return false;
    for (std::size_t j = 0; j < x.size(); ++j) {
      char c = x[j], d = y[j];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (d >= 'a' && d <= 'z') d = static_cast<char>(d - 32);
      if (c != d) return false;
    }
  }
  return true;
}

}  // namespace

void Parser::scan_routine_tables(std::span<const Token> tokens, RoutineStatement& routine) {
  ListBuilder<ObjectName> reads(arena_);
  ListBuilder<ObjectName> writes(arena_);
  auto token_text = [&](const Token& t) { return text_.substr(t.offset, t.length); };
  auto is_name_token = [&](std::size_t i) {
    return i < tokens.size() &&
           ((tokens[i].kind == TokenKind::kWord && !is_reserved(tokens[i].keyword)) ||
            tokens[i].kind == TokenKind::kQuotedIdentifier);
  };
  // Reads a dotted name at i; returns the index after it, or i when there is none.
  auto read_name = [&](std::size_t i, ListBuilder<ObjectName>& into) -> std::size_t {
    if (!is_name_token(i)) return i;
    ListBuilder<Identifier, 4> parts(arena_);
    std::uint32_t begin = tokens[i].offset;
    std::size_t j = i;
    for (;;) {
      const Token& t = tokens[j];
      Identifier id;
      std::string_view raw = token_text(t);
      if (t.kind == TokenKind::kQuotedIdentifier) {
        id.text = raw.substr(1, raw.size() - 2);
        id.quoted = true;
      } else {
        id.text = raw;
      }
      id.span = {t.offset, t.end()};
      parts.push(id);
      ++j;
      if (j + 1 < tokens.size() && tokens[j].kind == TokenKind::kDot && is_name_token(j + 1)) {
        ++j;
        continue;
      }
      break;
    }
    if (j < tokens.size() && tokens[j].kind == TokenKind::kLeftParen) return j;  // a function
    ObjectName name;
    name.parts = parts.finish();
    name.span = {begin, tokens[j - 1].end()};
    if (name.parts.size() == 1 &&
        (starts_with_word(name.parts[0].text, "DUAL") && name.parts[0].text.size() == 4))
      return j;
    bool dup = false;
    for (const ObjectName& e : into.view()) dup = dup || same_name(e, name);
    if (!dup) into.push(name);
    return j;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.keyword) {
      case Keyword::kFROM:
      case Keyword::kJOIN: {
        // DELETE FROM writes; other FROMs read.
        bool deleting = i > 0 && tokens[i - 1].keyword == Keyword::kDELETE;
        std::size_t j = read_name(i + 1, deleting ? writes : reads);
        // FROM a x, b y
        while (!deleting && j > i + 1 && j < tokens.size()) {
          std::size_t k = j;
          if (k < tokens.size() && tokens[k].keyword == Keyword::kAS) ++k;
          if (k < tokens.size() && is_name_token(k) && tokens[k].keyword == Keyword::kNone) ++k;
          if (k < tokens.size() && tokens[k].kind == TokenKind::kComma && is_name_token(k + 1)) {
            std::size_t next = read_name(k + 1, reads);
            if (next == k + 1) break;
            j = next;
            continue;
          }
          break;
        }
        break;
      }
      case Keyword::kINTO:
        if (i > 0 && (tokens[i - 1].keyword == Keyword::kINSERT ||
                      tokens[i - 1].keyword == Keyword::kMERGE ||
                      tokens[i - 1].keyword == Keyword::kREPLACE ||
                      tokens[i - 1].keyword == Keyword::kIGNORE))
          read_name(i + 1, writes);
        break;
      case Keyword::kUPDATE:
        if (i == 0 || tokens[i - 1].keyword != Keyword::kON) {  // not ON UPDATE / FOR UPDATE
          if (i > 0 &&
              (tokens[i - 1].keyword == Keyword::kFOR || tokens[i - 1].keyword == Keyword::kOR ||
               tokens[i - 1].keyword == Keyword::kBEFORE ||
               tokens[i - 1].keyword == Keyword::kAFTER || tokens[i - 1].kind == TokenKind::kComma))
            break;
          read_name(i + 1, writes);
        }
        break;
      case Keyword::kTRUNCATE: {
        std::size_t j = i + 1;
        if (j < tokens.size() && tokens[j].keyword == Keyword::kTABLE) ++j;
        read_name(j, writes);
        break;
      }
      case Keyword::kTABLE:
        if (i > 0 && tokens[i - 1].keyword == Keyword::kCREATE) {
          std::size_t j = i + 1;
          if (j + 2 < tokens.size() && tokens[j].keyword == Keyword::kIF) j += 3;
          read_name(j, writes);
        }
        break;
      default: break;
    }
  }
  routine.tables_read = reads.finish();
  routine.tables_written = writes.finish();
}

namespace {

bool block_statement_start(const Token* prev) {
  if (prev == nullptr) return true;
  if (prev->kind == TokenKind::kSemicolon || prev->kind == TokenKind::kInnerSemicolon) return true;
  switch (prev->keyword) {
    case Keyword::kBEGIN:
    case Keyword::kTHEN:
    case Keyword::kELSE:
    case Keyword::kDO:
    case Keyword::kLOOP:
    case Keyword::kAS:
    case Keyword::kIS: return true;
    default: return false;
  }
}

}  // namespace

Statement* Parser::parse_routine(std::uint32_t begin, RoutineKind kind, bool or_replace) {
  RoutineStatement* r = make<RoutineStatement>();
  r->kind = StatementKind::kRoutine;
  r->routine_kind = kind;
  r->or_replace = or_replace;
  if (kind != RoutineKind::kAnonymousBlock) {
    if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
      advance();
      advance();
      expect(Keyword::kEXISTS);
    }
    r->name = parse_object_name("a routine name");
  }
  std::uint32_t body_begin = last_end_ > begin ? last_end_ : begin;
  std::size_t first_token = pos_;
  Token dollar_body;
  bool has_dollar_body = false;
  bool to_batch_end =
      caps_.routine_body_runs_to_batch_end || dialect_.script().slash_line_terminator;
  // DECLARE .. BEGIN .. END: the declarations belong to the block the BEGIN opens.
  bool declare_pending = kind == RoutineKind::kAnonymousBlock && at(Keyword::kDECLARE);
  int depth = declare_pending ? 1 : 0;
  bool pending_loop = false;
  bool header = true;  // before the body: ON table for triggers
  for (;;) {
    const Token t = peek();
    if (t.kind == TokenKind::kEnd || t.kind == TokenKind::kBatchSeparator) break;
    if (t.kind == TokenKind::kSemicolon && (!to_batch_end && depth <= 0)) break;
    const Token* prev = pos_ > first_token ? &tokens_[pos_ - 1] : nullptr;
    if (t.kind == TokenKind::kString && !has_dollar_body) {
      std::string_view s = text(t);
      if (!s.empty() && (s[0] == '$' || (prev && (prev->keyword == Keyword::kAS ||
                                                  prev->keyword == Keyword::kBEGIN)))) {
        dollar_body = t;
        has_dollar_body = true;
      }
    }
    if (header && kind == RoutineKind::kTrigger && t.keyword == Keyword::kON &&
        r->on_table.empty()) {
      advance();
      r->on_table = parse_object_name("a table name");
      continue;
    }
    if ((t.keyword == Keyword::kIS || t.keyword == Keyword::kAS) && kind != RoutineKind::kTrigger &&
        !dialect_.lexical().dollar_quoted_strings)
      header = false;  // PL/SQL-style bodies: no LANGUAGE clause after IS/AS
    if (header && t.keyword == Keyword::kLANGUAGE && r->language.empty() &&
        (at(TokenKind::kString, 1) || peek(1).kind == TokenKind::kWord)) {
      advance();
      Token l = advance();
      r->language = l.kind == TokenKind::kString ? decode_string(l) : text(l);
      continue;
    }
    if (!to_batch_end) {
      Keyword k = t.keyword;
      bool starts = block_statement_start(prev);
      if (k == Keyword::kBEGIN) {
        Keyword n = peek(1).keyword;
        if (declare_pending) {
          declare_pending = false;
        } else if (n != Keyword::kTRANSACTION && n != Keyword::kTRAN && n != Keyword::kWORK &&
                   peek(1).kind != TokenKind::kSemicolon &&
                   peek(1).kind != TokenKind::kInnerSemicolon) {
          ++depth;
        }
        header = false;
      } else if (k == Keyword::kCASE) {
        ++depth;
      } else if (k == Keyword::kEND) {
        --depth;
        advance();
        Keyword n = peek().keyword;
        if ((n == Keyword::kIF || n == Keyword::kLOOP || n == Keyword::kCASE ||
             n == Keyword::kWHILE || n == Keyword::kREPEAT || n == Keyword::kFOR) &&
            !(peek().flags & kTokenAtLineStart))
          advance();
        continue;
      } else if (k == Keyword::kIF && caps_.end_if_blocks && starts) {
        ++depth;
      } else if ((k == Keyword::kWHILE || k == Keyword::kFOR) && starts) {
        pending_loop = true;
      } else if (k == Keyword::kLOOP) {
        ++depth;
        pending_loop = false;
      } else if (k == Keyword::kDO && pending_loop) {
        ++depth;
        pending_loop = false;
      } else if (k == Keyword::kREPEAT && starts) {
        ++depth;
      }
    }
    advance();
  }
  if (last_end_ > body_begin) {
    std::string_view whole = text(Span{body_begin, last_end_});
    std::size_t s = whole.find_first_not_of(" \t\r\n");
    r->body = s == std::string_view::npos ? std::string_view() : whole.substr(s);
  }
  if (has_dollar_body) {
    Token body_token = dollar_body;
    std::string_view content = decode_string(body_token);
    r->body = content;
    // Re-lex the body in place: offsets of a substring lexer are relative to `content`,
    // so shift them to stay offsets into the whole source.
    if (content.data() >= text_.data() && content.data() < text_.data() + text_.size()) {
      std::uint32_t base = static_cast<std::uint32_t>(content.data() - text_.data());
      Lexer sub(content, dialect_);
      std::vector<Token> body_tokens;
      for (;;) {
        Token bt = sub.next();
        if (bt.kind == TokenKind::kEnd) break;
        bt.offset += base;
        body_tokens.push_back(bt);
      }
      scan_routine_tables(body_tokens, *r);
    }
  } else {
    scan_routine_tables(std::span<const Token>(tokens_.data() + first_token, pos_ - first_token),
                        *r);
  }
  r->span = span_from(begin);
  return r;
}

Statement* Parser::parse_anonymous_block(std::uint32_t begin) {
  return parse_routine(begin, RoutineKind::kAnonymousBlock, false);
}

Statement* Parser::parse_control_block() {
  std::uint32_t begin = peek().offset;
  BlockStatement* b = make<BlockStatement>();
  b->kind = StatementKind::kBlock;
  NestingGuard guard(*this);
  ++block_depth_;
  auto one_statement = [&]() -> std::span<const Statement* const> {
    while (at(TokenKind::kSemicolon)) advance();
    std::uint32_t sb = peek().offset;
    Statement* s = parse_statement();
    s->span = span_from(sb);
    ListBuilder<const Statement*, 1> one(arena_);
    one.push(s);
    return one.finish();
  };
  Token head = advance();
  b->keyword = text(head);
  if (head.keyword == Keyword::kIF || head.keyword == Keyword::kWHILE) {
    b->condition = parse_expr();
    b->statements = one_statement();
    if (head.keyword == Keyword::kIF) {
      std::size_t look = 0;
      while (at(TokenKind::kSemicolon, look)) ++look;
      if (at(Keyword::kELSE, look)) {
        while (at(TokenKind::kSemicolon)) advance();
        advance();
        b->else_statements = one_statement();
      }
    }
  } else {
    // BEGIN [TRY|CATCH] statements END [TRY|CATCH]
    bool try_catch = accept(Keyword::kTRY) || accept(Keyword::kCATCH);
    ListBuilder<const Statement*> statements(arena_);
    for (;;) {
      while (at(TokenKind::kSemicolon) || at(TokenKind::kDirective)) advance();
      if (at(Keyword::kEND)) break;
      if (at(TokenKind::kEnd) || at(TokenKind::kBatchSeparator)) fail("END");
      std::uint32_t sb = peek().offset;
      Statement* s = parse_statement();
      s->span = span_from(sb);
      statements.push(s);
      if (!at_statement_end() && !at(Keyword::kEND) && !is_statement_start_word(peek()))
        fail("end of statement");
    }
    expect(Keyword::kEND);
    if (try_catch) {
      if (!accept(Keyword::kTRY)) accept(Keyword::kCATCH);
    }
    b->statements = statements.finish();
  }
  --block_depth_;
  b->span = span_from(begin);
  return b;
}

}  // namespace godwit::sql
