// ALTER TABLE (columns, constraints, renames; other actions kept as written) and
// CREATE INDEX.
#include "sql/parser/parser.hpp"

namespace godwit::sql {

Statement* Parser::parse_alter_table(std::uint32_t begin) {
  expect(Keyword::kALTER);
  expect(Keyword::kTABLE);
  AlterTableStatement* a = make<AlterTableStatement>();
  a->kind = StatementKind::kAlterTable;
  if (at(Keyword::kIF) && at(Keyword::kEXISTS, 1)) {
    advance();
    advance();
    a->if_exists = true;
  }
  accept(Keyword::kONLY);
  a->name = parse_object_name("a table name");
  if (at_op("*")) advance();  // ALTER TABLE ONLY t* (inheritance)
  bool semis_optional = dialect_.script().optional_semicolons;
  ListBuilder<AlterAction*> actions(arena_);
  do {
    std::uint32_t ab = peek().offset;
    AlterAction* act = make<AlterAction>();
    // T-SQL: WITH [NO]CHECK ADD CONSTRAINT ...
    if (at(Keyword::kWITH) && (at(Keyword::kCHECK, 1) || at(Keyword::kNOCHECK, 1))) {
      advance();
      advance();
    }
    if (accept(Keyword::kADD)) {
      bool column_word = accept(Keyword::kCOLUMN);
      if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
        advance();
        advance();
        expect(Keyword::kEXISTS);
      }
      if (!column_word &&
          (at_table_constraint() || at(Keyword::kCONSTRAINT) || at(Keyword::kDEFAULT))) {
        act->kind = AlterActionKind::kAddConstraint;
        act->constraint = parse_table_constraint();
      } else if (!column_word && at(TokenKind::kLeftParen)) {
        // Oracle ADD (c1 t1, c2 t2): one action per column.
        advance();
        do {
          AlterAction* each = make<AlterAction>();
          if (at_table_constraint()) {
            each->kind = AlterActionKind::kAddConstraint;
            each->constraint = parse_table_constraint();
            each->span = each->constraint->span;
            each->text = text(each->span);
            if (at(TokenKind::kComma))
              actions.push(each);
            else
              act = each;
            continue;
          }
          each->kind = AlterActionKind::kAddColumn;
          each->column = parse_column_def();
          each->span = each->column->span;
          each->text = text(each->span);
          if (at(TokenKind::kComma))
            actions.push(each);
          else
            act = each;
        } while (accept(TokenKind::kComma));
        expect(TokenKind::kRightParen, "')'");
      } else if (!column_word &&
                 (at(Keyword::kPARTITION) || at_word("SUPPLEMENTAL") || at(Keyword::kPERIOD) ||
                  at(Keyword::kINDEX) || at_word("ROW") || at_word("TAG") || at_word("SEARCH") ||
                  at_word("MASKING") || at_word("JAR") || at_word("COLUMNS"))) {
        act->kind = AlterActionKind::kOther;
        skip_to_comma_or_close();
      } else {
        act->kind = AlterActionKind::kAddColumn;
        act->column = parse_column_def();
        if (accept(Keyword::kFIRST)) {
        } else if (accept(Keyword::kAFTER)) {
          parse_identifier("a column name", true);
        }
      }
    } else if (accept(Keyword::kDROP)) {
      if (accept(Keyword::kCONSTRAINT)) {
        act->kind = AlterActionKind::kDropConstraint;
        if (at(Keyword::kIF) && at(Keyword::kEXISTS, 1)) {
          advance();
          advance();
        }
        act->name = parse_identifier("a constraint name", true);
      } else if (at(Keyword::kPRIMARY) && at(Keyword::kKEY, 1)) {
        advance();
        advance();
        act->kind = AlterActionKind::kDropConstraint;
      } else if ((at(Keyword::kFOREIGN) && at(Keyword::kKEY, 1)) || at(Keyword::kINDEX) ||
                 at(Keyword::kKEY) || at(Keyword::kUNIQUE) || at(Keyword::kCHECK)) {
        if (at(Keyword::kFOREIGN)) advance();
        advance();
        act->kind = AlterActionKind::kDropConstraint;
        act->name = parse_identifier("a key name", true);
      } else if (at(Keyword::kPARTITION) || at(Keyword::kPERIOD) || at(Keyword::kDEFAULT) ||
                 at_word("SUPPLEMENTAL")) {
        skip_to_comma_or_close();
      } else {
        accept(Keyword::kCOLUMN);
        if (at(Keyword::kIF) && at(Keyword::kEXISTS, 1)) {
          advance();
          advance();
        }
        act->kind = AlterActionKind::kDropColumn;
        if (at(TokenKind::kLeftParen)) {
          advance();
          act->name = parse_identifier("a column name", true);
          while (accept(TokenKind::kComma)) parse_identifier("a column name", true);
          expect(TokenKind::kRightParen, "')'");
        } else {
          act->name = parse_identifier("a column name", true);
        }
        if (!accept(Keyword::kCASCADE)) accept(Keyword::kRESTRICT);
      }
    } else if (accept(Keyword::kRENAME)) {
      if (accept(Keyword::kTO) || accept(Keyword::kAS)) {
        act->kind = AlterActionKind::kRenameTable;
        act->new_table_name = parse_object_name("a table name");
      } else if (accept(Keyword::kCONSTRAINT)) {
        act->kind = AlterActionKind::kOther;
        parse_identifier("a constraint name", true);
        expect(Keyword::kTO);
        parse_identifier("a constraint name", true);
      } else {
        accept(Keyword::kCOLUMN);
        act->kind = AlterActionKind::kRenameColumn;
        act->name = parse_identifier("a column name", true);
        expect(Keyword::kTO);
        act->new_name = parse_identifier("a column name", true);
      }
    } else if (at(Keyword::kALTER) || at(Keyword::kMODIFY) || at(Keyword::kCHANGE)) {
      Keyword verb = advance().keyword;
      bool column_word = accept(Keyword::kCOLUMN);
      act->kind = AlterActionKind::kAlterColumn;
      if (verb == Keyword::kALTER) {
        if (!column_word && (at(Keyword::kCONSTRAINT) || at(Keyword::kINDEX) || at_word("CHECK"))) {
          act->kind = AlterActionKind::kOther;
          skip_to_comma_or_close();
        } else {
          act->name = parse_identifier("a column name", true);
          if (accept(Keyword::kTYPE)) {  // PostgreSQL ALTER COLUMN c TYPE t
            act->new_type = parse_type();
          } else if (at(Keyword::kSET) && at_word("DATA", 1) && at(Keyword::kTYPE, 2)) {
            advance();  // the standard's SET DATA TYPE t
            advance();
            advance();
            act->new_type = parse_type();
          }
          skip_to_comma_or_close();  // USING ... / SET DEFAULT / DROP NOT NULL ...
        }
      } else if (verb == Keyword::kCHANGE) {
        act->name = parse_identifier("a column name", true);
        act->column = parse_column_def();
        if (!accept(Keyword::kFIRST) && accept(Keyword::kAFTER))
          parse_identifier("a column name", true);
      } else if (at(TokenKind::kLeftParen)) {  // Oracle MODIFY (c type, ...)
        advance();
        act->column = parse_column_def();
        act->name = act->column->name;
        while (accept(TokenKind::kComma)) parse_column_def();
        expect(TokenKind::kRightParen, "')'");
      } else if (at_identifier(true) &&
                 (at(Keyword::kSET, 1) || at_word("UNSET", 1) || at(Keyword::kDROP, 1) ||
                  at(Keyword::kCOMMENT, 1) || at(Keyword::kTYPE, 1))) {
        act->name =
            parse_identifier("a column name", true);  // Snowflake MODIFY COLUMN c SET TAG ...
        skip_to_comma_or_close();
      } else {
        act->column = parse_column_def();
        act->name = act->column->name;
        if (!accept(Keyword::kFIRST) && accept(Keyword::kAFTER))
          parse_identifier("a column name", true);
      }
    } else {
      // OWNER TO, SET ..., ENABLE TRIGGER, CHECK CONSTRAINT, NOCHECK, ENGINE=, ...
      if (at_statement_end()) fail("an ALTER TABLE action");
      act->kind = AlterActionKind::kOther;
      while (!at_statement_end() && !at(TokenKind::kComma)) {
        if (semis_optional && (peek().flags & kTokenAtLineStart) &&
            is_statement_start_word(peek()) && last_end_ > ab)
          break;
        if (at(TokenKind::kLeftParen))
          skip_parens();
        else
          advance();
      }
    }
    act->span = span_from(ab);
    act->text = text(act->span);
    actions.push(act);
  } while (accept(TokenKind::kComma));
  a->actions = actions.finish();
  a->span = span_from(begin);
  return a;
}

Statement* Parser::parse_create_index(std::uint32_t begin, std::string_view modifiers,
                                      bool unique) {
  CreateIndexStatement* ix = make<CreateIndexStatement>();
  ix->kind = StatementKind::kCreateIndex;
  ix->unique = unique;
  ix->modifiers = modifiers;
  accept(Keyword::kCONCURRENTLY);
  if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
    advance();
    advance();
    expect(Keyword::kEXISTS);
    ix->if_not_exists = true;
  }
  if (!at(Keyword::kON)) {
    ObjectName n = parse_object_name("an index name");
    ix->name = n.last();
  }
  if (accept(Keyword::kUSING)) ix->method = text(advance());  // MySQL: USING BTREE before ON
  expect(Keyword::kON);
  accept(Keyword::kONLY);
  ix->table = parse_object_name("a table name");
  if (accept(Keyword::kUSING)) ix->method = text(advance());
  ListBuilder<IndexColumn> cols(arena_);
  bool has_columns = accept(TokenKind::kLeftParen);  // T-SQL COLUMNSTORE indexes may omit them
  if (has_columns) do {
      IndexColumn c;
      if (at_identifier(true) &&
          (at(TokenKind::kComma, 1) || at(TokenKind::kRightParen, 1) || at(Keyword::kASC, 1) ||
           at(Keyword::kDESC, 1) || at(Keyword::kCOLLATE, 1) || at(Keyword::kNULLS, 1) ||
           (at(TokenKind::kLeftParen, 1) && at(TokenKind::kNumber, 2)) ||
           (peek(1).kind == TokenKind::kWord && !is_reserved(peek(1).keyword) &&
            !at(TokenKind::kLeftParen, 1) && !at(TokenKind::kDot, 1)))) {
        c.name = parse_identifier("a column name", true);
        if (at(TokenKind::kLeftParen)) skip_parens();  // MySQL prefix length
      } else {
        c.expr = parse_expr();
      }
      if (accept(Keyword::kCOLLATE)) parse_object_name("a collation");
      if (peek().kind == TokenKind::kWord && !at(Keyword::kASC) && !at(Keyword::kDESC) &&
          !at(Keyword::kNULLS) && !is_reserved(peek().keyword))
        parse_object_name("an operator class");
      if (accept(Keyword::kDESC))
        c.descending = true;
      else
        accept(Keyword::kASC);
      if (accept(Keyword::kNULLS)) {
        if (!accept(Keyword::kFIRST)) expect(Keyword::kLAST);
      }
      skip_to_comma_or_close();  // TYPE COLUMN x (full-text), opclass parameters ...
      cols.push(c);
    } while (accept(TokenKind::kComma));
  if (has_columns) expect(TokenKind::kRightParen, "')'");
  ix->columns = cols.finish();
  bool semis_optional = dialect_.script().optional_semicolons;
  while (!at_statement_end()) {
    if (semis_optional && (peek().flags & kTokenAtLineStart) && is_statement_start_word(peek()))
      break;
    if (at_word("INCLUDE") && at(TokenKind::kLeftParen, 1)) {
      advance();
      ix->include = parse_identifier_list();
    } else if (accept(Keyword::kWHERE)) {
      ix->where = parse_expr();
    } else if (at(TokenKind::kLeftParen)) {
      skip_parens();
    } else {
      advance();  // WITH (...), ON [PRIMARY], TABLESPACE x, LOCAL, COMPRESS, ...
    }
  }
  ix->span = span_from(begin);
  return ix;
}

}  // namespace godwit::sql
