// INSERT (VALUES rows are scanned, not built: dumps are large), UPDATE, DELETE, MERGE and
// query statements.
#include "sql/parser/parser.hpp"

namespace godwit::sql {

Statement* Parser::parse_query_statement() {
  std::uint32_t begin = peek().offset;
  QueryStatement* q = make<QueryStatement>();
  q->kind = StatementKind::kQuery;
  q->query = parse_query();
  q->span = span_from(begin);
  return q;
}

Statement* Parser::parse_insert() {
  std::uint32_t begin = peek().offset;
  InsertStatement* ins = make<InsertStatement>();
  ins->kind = StatementKind::kInsert;
  advance();  // INSERT / REPLACE / INS
  std::uint32_t mb = peek().offset;
  while (at(Keyword::kIGNORE) || at_word("LOW_PRIORITY") || at_word("DELAYED") ||
         at_word("HIGH_PRIORITY") || (at(Keyword::kOR) && peek(1).kind == TokenKind::kWord)) {
    if (at(Keyword::kOR)) advance();
    advance();
  }
  if (last_end_ > mb) ins->modifiers = text(span_from(mb));
  if (at(Keyword::kALL) || at_word("FIRST")) {  // Oracle multi-table insert
    return make_other(begin, last_end_, dialect_.script().optional_semicolons);
  }
  if (accept(Keyword::kOVERWRITE)) ins->overwrite = true;
  if (!accept(Keyword::kINTO)) accept(Keyword::kTABLE);
  accept(Keyword::kTABLE);
  ins->table = parse_object_name("a table name");
  if (at(Keyword::kPARTITION) && at(TokenKind::kLeftParen, 1)) {  // Hive INSERT .. PARTITION (..)
    advance();
    skip_parens();
  }
  if (at(Keyword::kAS) || (can_be_alias() && !at(Keyword::kVALUES) && !at(Keyword::kDEFAULT) &&
                           !at(Keyword::kSET) && !at(Keyword::kSELECT) && !at(Keyword::kWITH) &&
                           !at(Keyword::kOUTPUT) && !at(Keyword::kEXEC) && !at(Keyword::kEXECUTE) &&
                           !at_word("OVERRIDING") && !at(Keyword::kVALUE)))
    ins->alias = parse_optional_alias(false);
  if (at(TokenKind::kLeftParen) && !at_query_start()) {
    advance();
    ListBuilder<Identifier> cols(arena_);
    if (!at(TokenKind::kRightParen)) {
      do {
        ListBuilder<Identifier, 4> parts(arena_);
        Identifier id = parse_identifier("a column name", true);
        while (accept(TokenKind::kDot)) id = parse_identifier("a column name", true);
        cols.push(id);
      } while (accept(TokenKind::kComma));
    }
    expect(TokenKind::kRightParen, "')'");
    ins->columns = cols.finish();
  }
  if (at(Keyword::kOUTPUT)) {  // T-SQL OUTPUT inserted.* [INTO ...]
    while (!at(Keyword::kVALUES) && !at_query_start() && !at_statement_end() &&
           !at(Keyword::kDEFAULT)) {
      if (at(TokenKind::kLeftParen))
        skip_parens();
      else
        advance();
    }
  }
  if (at_word("OVERRIDING")) {
    advance();
    advance();
    expect(Keyword::kVALUE);
  }
  if (at(Keyword::kVALUES) || at(Keyword::kVALUE)) {
    advance();
    ins->source = InsertSource::kValues;
    if (options_.skip_insert_values && pos_ == tokens_.size()) {
      ins->value_rows = lexer_.skip_to_statement_end();
      // The terminator is now the next token; spans end at the last row.
      const Token end = peek();
      std::uint32_t stop = end.offset;
      // Trim blanks and comments before the terminator from the span.
      while (stop > begin && (text_[stop - 1] == ' ' || text_[stop - 1] == '\n' ||
                              text_[stop - 1] == '\r' || text_[stop - 1] == '\t'))
        --stop;
      last_end_ = stop;
    } else {
      // VALUES rows as expressions (small inserts, or a lookahead already buffered).
      do {
        if (accept(TokenKind::kLeftParen)) {
          if (!at(TokenKind::kRightParen)) parse_expr_list();
          expect(TokenKind::kRightParen, "')'");
        } else {
          parse_expr();
        }
        ++ins->value_rows;
      } while (accept(TokenKind::kComma));
      std::uint32_t trailing_begin = peek().offset;
      while (!at_statement_end()) {
        if (dialect_.script().optional_semicolons && (peek().flags & kTokenAtLineStart) &&
            is_statement_start_word(peek()))
          break;
        if (at(TokenKind::kLeftParen))
          skip_parens();
        else
          advance();  // ON CONFLICT, RETURNING ...
      }
      if (last_end_ > trailing_begin) ins->trailing = span_from(trailing_begin);
    }
  } else if (at(Keyword::kDEFAULT) && at(Keyword::kVALUES, 1)) {
    advance();
    advance();
    ins->source = InsertSource::kDefaultValues;
  } else if (accept(Keyword::kSET)) {
    ins->source = InsertSource::kSet;
    parse_assignments();
  } else if (at_query_start()) {
    ins->source = InsertSource::kQuery;
    ins->query = parse_query();
  } else if (at(Keyword::kEXEC) || at(Keyword::kEXECUTE)) {
    ins->source = InsertSource::kOther;
    skip_to_statement_end(dialect_.script().optional_semicolons);
  } else {
    fail("VALUES, SELECT or DEFAULT VALUES");
  }
  // ON CONFLICT ..., ON DUPLICATE KEY UPDATE ..., RETURNING ...
  if (at(Keyword::kON) || at(Keyword::kRETURNING)) {
    std::uint32_t trailing_begin = peek().offset;
    while (!at_statement_end()) {
      if (dialect_.script().optional_semicolons && (peek().flags & kTokenAtLineStart) &&
          is_statement_start_word(peek()))
        break;
      if (at(TokenKind::kLeftParen))
        skip_parens();
      else
        advance();
    }
    if (last_end_ > trailing_begin) ins->trailing = span_from(trailing_begin);
  }
  ins->span = span_from(begin);
  return ins;
}

std::span<const Assignment> Parser::parse_assignments() {
  ListBuilder<Assignment> items(arena_);
  do {
    Assignment a;
    if (at(TokenKind::kLeftParen)) {  // (a, b) = (SELECT ...)
      a.column = parse_identifier_list();
    } else {
      ListBuilder<Identifier, 4> parts(arena_);
      if (at(TokenKind::kParameter)) {
        Token p = advance();
        Identifier id;
        id.text = text(p);
        id.span = {p.offset, p.end()};
        parts.push(id);
      } else {
        parts.push(parse_identifier("a column name", true));
      }
      while (accept(TokenKind::kDot)) parts.push(parse_identifier("a column name", true));
      a.column = parts.finish();
    }
    if (!accept_op("=")) {
      if (!accept_op("+=") && !accept_op("-=") && !accept_op("*=") && !accept_op("/=") &&
          !accept_op("||="))
        fail("'='");
    }
    a.value = parse_expr();
    items.push(a);
  } while (accept(TokenKind::kComma));
  return items.finish();
}

Statement* Parser::parse_update() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kUPDATE);
  UpdateStatement* u = make<UpdateStatement>();
  u->kind = StatementKind::kUpdate;
  accept(Keyword::kONLY);
  if (caps_.top_clause && at(Keyword::kTOP)) {
    advance();
    skip_parens();
  }
  u->table = parse_table_ref();
  while (accept(TokenKind::kComma)) parse_table_ref();  // MySQL multi-table UPDATE
  expect(Keyword::kSET);
  u->assignments = parse_assignments();
  skip_output_clause();
  if (accept(Keyword::kFROM)) u->from = parse_from_list();
  u->where = parse_dml_where();
  skip_dml_tail();
  u->span = span_from(begin);
  return u;
}

// T-SQL OUTPUT ... (rows returned by the statement): not part of the data flow.
void Parser::skip_output_clause() {
  if (!at(Keyword::kOUTPUT)) return;
  while (!at(Keyword::kFROM) && !at(Keyword::kWHERE) && !at_statement_end()) advance();
}

// WHERE cond, or WHERE CURRENT OF cursor (no condition to keep); null without WHERE.
Expr* Parser::parse_dml_where() {
  if (!accept(Keyword::kWHERE)) return nullptr;
  if (at(Keyword::kCURRENT) && at(Keyword::kOF, 1)) {
    advance();
    advance();
    parse_identifier();
    return nullptr;
  }
  return parse_expr();
}

// RETURNING / ORDER BY / LIMIT / OPTION after UPDATE or DELETE: skipped to the end.
void Parser::skip_dml_tail() {
  if (!(at(Keyword::kRETURNING) || at(Keyword::kORDER) || at(Keyword::kLIMIT) ||
        at(Keyword::kOPTION))) {
    return;
  }
  while (!at_statement_end()) {
    if (at(TokenKind::kLeftParen))
      skip_parens();
    else
      advance();
  }
}

Statement* Parser::parse_delete() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kDELETE);
  DeleteStatement* d = make<DeleteStatement>();
  d->kind = StatementKind::kDelete;
  if (caps_.top_clause && at(Keyword::kTOP)) {
    advance();
    skip_parens();
  }
  accept(Keyword::kFROM);
  accept(Keyword::kONLY);
  d->table = parse_table_ref();
  ListBuilder<TableRef*> using_tables(arena_);
  while (accept(TokenKind::kComma)) using_tables.push(parse_table_ref());
  skip_output_clause();
  if (accept(Keyword::kUSING) || accept(Keyword::kFROM)) {
    do using_tables.push(parse_table_ref());
    while (accept(TokenKind::kComma));
  }
  d->using_tables = using_tables.finish();
  d->where = parse_dml_where();
  skip_dml_tail();
  d->span = span_from(begin);
  return d;
}

Statement* Parser::parse_merge() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kMERGE);
  MergeStatement* m = make<MergeStatement>();
  m->kind = StatementKind::kMerge;
  if (caps_.top_clause && at(Keyword::kTOP)) {
    advance();
    skip_parens();
  }
  accept(Keyword::kINTO);
  m->target = parse_object_name("a target table");
  if (at(Keyword::kWITH) && at(TokenKind::kLeftParen, 1)) {
    advance();
    skip_parens();
  }
  if (!at(Keyword::kUSING)) m->target_alias = parse_optional_alias(false);
  expect(Keyword::kUSING);
  m->source = parse_table_primary();
  expect(Keyword::kON);
  m->on = parse_expr();
  ListBuilder<MergeClause> clauses(arena_);
  while (accept(Keyword::kWHEN)) {
    MergeClause c;
    if (accept(Keyword::kNOT)) c.matched = false;
    expect(Keyword::kMATCHED);
    if (accept(Keyword::kBY)) {
      if (accept_word("SOURCE"))
        c.by_source = true;
      else if (!accept_word("TARGET"))
        fail("SOURCE or TARGET");
    }
    if (accept(Keyword::kAND)) c.condition = parse_expr();
    expect(Keyword::kTHEN);
    if (accept(Keyword::kUPDATE)) {
      c.action = MergeAction::kUpdate;
      expect(Keyword::kSET);
      c.assignments = parse_assignments();
      if (accept(Keyword::kWHERE)) parse_expr();
      if (accept(Keyword::kDELETE)) {
        expect(Keyword::kWHERE);
        parse_expr();
      }
    } else if (accept(Keyword::kDELETE)) {
      c.action = MergeAction::kDelete;
    } else if (accept(Keyword::kINSERT)) {
      c.action = MergeAction::kInsert;
      if (at(TokenKind::kLeftParen)) c.insert_columns = parse_identifier_list();
      if (accept(Keyword::kVALUES)) {
        expect(TokenKind::kLeftParen, "'('");
        c.insert_values = parse_expr_list();
        expect(TokenKind::kRightParen, "')'");
      } else if (accept(Keyword::kROW) || (at(Keyword::kDEFAULT) && at(Keyword::kVALUES, 1))) {
        if (at(Keyword::kDEFAULT)) {
          advance();
          advance();
        }
      } else {
        fail("VALUES");
      }
      if (accept(Keyword::kWHERE)) parse_expr();
    } else if (accept(Keyword::kDO)) {
      expect(Keyword::kNOTHING);
      c.action = MergeAction::kDoNothing;
    } else {
      fail("UPDATE, DELETE or INSERT");
    }
    clauses.push(c);
  }
  if (clauses.empty()) fail("WHEN");
  m->clauses = clauses.finish();
  if (at(Keyword::kOUTPUT) || at(Keyword::kOPTION)) {
    while (!at_statement_end()) {
      if (at(TokenKind::kLeftParen))
        skip_parens();
      else
        advance();
    }
  }
  m->span = span_from(begin);
  return m;
}

}  // namespace godwit::sql
