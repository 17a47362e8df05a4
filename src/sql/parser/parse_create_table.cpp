// CREATE TABLE: column definitions with every constraint and attribute form of the
// supported dialects, table constraints, CTAS, LIKE/CLONE, and table options (kept as
// written, with partitioning, clustering and Teradata PRIMARY INDEX also structured).
#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

// Column attributes outside the shared grammar that take an optional value: the word, then
// an optional '=', then an optional parenthesised group or single token. Upper case.
constexpr std::string_view kColumnAttributeWords[] = {
    "CASESPECIFIC",  "UPPERCASE",  "COMPRESS",   "TITLE",      "FORMAT",        "ROWGUIDCOL",
    "SPARSE",        "FILESTREAM", "HIDDEN",     "VISIBLE",    "INVISIBLE",     "ENABLE",
    "DISABLE",       "VALIDATE",   "NOVALIDATE", "RELY",       "NORELY",        "ENCODE",
    "DISTKEY",       "SORTKEY",    "SORT",       "STORAGE",    "COLUMN_FORMAT", "SRID",
    "OPTIONS",       "MASKING",    "TAG",        "PROJECTION", "LOGGING",       "INLINE",
    "ENCRYPT",       "DECRYPT",    "SALT",       "NO",         "SEQUENCE",      "SERIAL",
    "FIXED",         "DYNAMIC",    "MEMORY",     "DISK",       "ASC",           "DESC",
    "NOCOMPRESS",    "ZEROFILL",   "UNSIGNED",   "SIGNED",     "BINARY",        "ASCII",
    "UNICODE",       "MASKED",     "WITH",       "PERIOD",     "COLLATION",     "CHECK_CONSTRAINT",
    "SUBTYPE",       "LIKE",       "NOCACHE",    "CACHE",      "ORDER",         "NOORDER",
    "AUTOINCREMENT",
};

bool in_list(std::string_view word, std::span<const std::string_view> list) {
  for (std::string_view v : list) {
    if (word.size() == v.size() && starts_with_word(word, v)) return true;
  }
  return false;
}

}  // namespace

Statement* Parser::parse_create_table(std::uint32_t begin, bool or_replace,
                                      std::string_view modifiers, bool temporary) {
  CreateTableStatement* t = make<CreateTableStatement>();
  t->kind = StatementKind::kCreateTable;
  t->or_replace = or_replace;
  t->modifiers = modifiers;
  t->temporary = temporary;
  if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
    advance();
    advance();
    expect(Keyword::kEXISTS);
    t->if_not_exists = true;
  }
  t->name = parse_object_name("a table name");
  // Teradata options before the column list: ", NO FALLBACK, NO BEFORE JOURNAL, ..."
  while (accept(TokenKind::kComma)) {
    while (!at(TokenKind::kComma) && !at(TokenKind::kLeftParen) && !at_statement_end()) {
      advance();
      if (at_op("=")) {
        advance();
        advance();
      }
    }
  }
  if (at(Keyword::kLIKE) || at_word("CLONE")) {
    advance();
    t->like = parse_object_name("a table name");
  } else if (at(Keyword::kPARTITION) && at_word("OF", 1)) {  // PostgreSQL PARTITION OF parent
    advance();
    advance();
    t->partition_of = parse_object_name("a table name");
  } else if (at(TokenKind::kLeftParen) && !at_query_start()) {
    advance();
    ListBuilder<ColumnDef*> columns(arena_);
    ListBuilder<TableConstraint*> constraints(arena_);
    if (!at(TokenKind::kRightParen)) {
      do {
        if (at(TokenKind::kRightParen)) break;  // trailing comma (tolerated by MySQL dumps)
        if (at(Keyword::kLIKE)) {
          advance();
          t->like = parse_object_name("a table name");
          while (!at(TokenKind::kComma) && !at(TokenKind::kRightParen) && !at_statement_end())
            advance();
        } else if (at_table_constraint()) {
          constraints.push(parse_table_constraint());
        } else if (at(Keyword::kPERIOD) && at(Keyword::kFOR, 1)) {  // PERIOD FOR SYSTEM_TIME (a, b)
          skip_to_comma_or_close();
        } else {
          columns.push(parse_column_def());
          // T-SQL allows a table constraint right after a column without a comma.
          while (at_table_constraint()) constraints.push(parse_table_constraint());
        }
      } while (accept(TokenKind::kComma));
    }
    expect(TokenKind::kRightParen, "',' or ')'");
    t->columns = columns.finish();
    t->constraints = constraints.finish();
  }
  parse_table_options(*t);
  t->span = span_from(begin);
  return t;
}

bool Parser::at_table_constraint() {
  const Token t = peek();
  if (t.kind != TokenKind::kWord) return false;
  // A column may be named like a constraint word; a constraint word followed by a type-like
  // word and not by KEY/( is a column.
  switch (t.keyword) {
    case Keyword::kCONSTRAINT: return at_identifier(true, 1) || at(TokenKind::kQuotedIdentifier, 1);
    case Keyword::kPRIMARY: return at(Keyword::kKEY, 1);
    case Keyword::kFOREIGN: return at(Keyword::kKEY, 1);
    case Keyword::kUNIQUE:
      return at(TokenKind::kLeftParen, 1) || at(Keyword::kKEY, 1) || at(Keyword::kINDEX, 1) ||
             at(Keyword::kCLUSTERED, 1) || at(Keyword::kNONCLUSTERED, 1) ||
             (at_identifier(true, 1) && at(TokenKind::kLeftParen, 2));
    case Keyword::kCHECK: return at(TokenKind::kLeftParen, 1);
    case Keyword::kKEY:
    case Keyword::kINDEX:
      // KEY idx (col) / INDEX ix NONCLUSTERED (col) versus a column named key: `key varchar(10)`.
      if (at(TokenKind::kLeftParen, 1)) return true;
      if (!at_identifier(true, 1)) return false;
      if (at(Keyword::kUSING, 2) || at(Keyword::kCLUSTERED, 2) || at(Keyword::kNONCLUSTERED, 2))
        return true;
      return at(TokenKind::kLeftParen, 2) && !at(TokenKind::kNumber, 3);
    case Keyword::kFULLTEXT:
    case Keyword::kSPATIAL: return true;
    case Keyword::kEXCLUDE: return at(Keyword::kUSING, 1) || at(TokenKind::kLeftParen, 1);
    default: return false;
  }
}

bool Parser::at_inline_table_constraint() {
  // A table constraint with its own column list, written after a column without a comma:
  // [CONSTRAINT n] PRIMARY KEY|UNIQUE [CLUSTERED|NONCLUSTERED] (cols), FOREIGN KEY (cols).
  std::size_t i = 0;
  if (at(Keyword::kCONSTRAINT)) i = 2;
  Keyword k = peek(i).keyword;
  if (k == Keyword::kPRIMARY && at(Keyword::kKEY, i + 1))
    i += 2;
  else if (k == Keyword::kUNIQUE)
    i += 1;
  else if (k == Keyword::kFOREIGN && at(Keyword::kKEY, i + 1))
    return at(TokenKind::kLeftParen, i + 2);
  else if (k == Keyword::kINDEX && i == 0)
    return at_table_constraint();
  else
    return false;
  while (at(Keyword::kCLUSTERED, i) || at(Keyword::kNONCLUSTERED, i) || at(Keyword::kHASH, i)) ++i;
  return at(TokenKind::kLeftParen, i);
}

ForeignKeyTarget* Parser::parse_references() {
  expect(Keyword::kREFERENCES);
  ForeignKeyTarget* fk = make<ForeignKeyTarget>();
  fk->table = parse_object_name("a referenced table");
  if (at(TokenKind::kLeftParen)) fk->columns = parse_identifier_list();
  for (;;) {
    if (at(Keyword::kMATCH)) {
      advance();
      advance();
    } else if (at(Keyword::kON) && (at(Keyword::kDELETE, 1) || at(Keyword::kUPDATE, 1))) {
      advance();
      bool del = advance().keyword == Keyword::kDELETE;
      std::uint32_t ab = peek().offset;
      if (at(Keyword::kSET)) {
        advance();
        advance();  // NULL / DEFAULT
      } else if (at(Keyword::kNO)) {
        advance();
        expect(Keyword::kACTION);
      } else if (at(Keyword::kCASCADE) || at(Keyword::kRESTRICT)) {
        advance();
      } else {
        fail("CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");
      }
      (del ? fk->on_delete : fk->on_update) = text(span_from(ab));
    } else {
      break;
    }
  }
  return fk;
}

TableConstraint* Parser::parse_table_constraint() {
  std::uint32_t begin = peek().offset;
  TableConstraint* c = make<TableConstraint>();
  if (accept(Keyword::kCONSTRAINT)) c->name = parse_identifier("a constraint name", true);
  const Token t = peek();
  switch (t.keyword) {
    case Keyword::kPRIMARY:
      advance();
      expect(Keyword::kKEY);
      c->kind = ConstraintKind::kPrimaryKey;
      break;
    case Keyword::kUNIQUE:
      advance();
      if (!accept(Keyword::kKEY)) accept(Keyword::kINDEX);
      if (accept(Keyword::kNULLS)) {  // NULLS [NOT] DISTINCT (PostgreSQL 15)
        accept(Keyword::kNOT);
        expect(Keyword::kDISTINCT);
      }
      c->kind = ConstraintKind::kUnique;
      break;
    case Keyword::kFOREIGN:
      advance();
      expect(Keyword::kKEY);
      c->kind = ConstraintKind::kForeignKey;
      break;
    case Keyword::kCHECK:
      advance();
      c->kind = ConstraintKind::kCheck;
      expect(TokenKind::kLeftParen, "'('");
      c->check = parse_expr();
      expect(TokenKind::kRightParen, "')'");
      break;
    case Keyword::kKEY:
    case Keyword::kINDEX:
    case Keyword::kFULLTEXT:
    case Keyword::kSPATIAL:
      advance();
      if (!accept(Keyword::kKEY)) accept(Keyword::kINDEX);
      c->kind = ConstraintKind::kIndex;
      break;
    case Keyword::kEXCLUDE:
      c->kind = ConstraintKind::kOther;
      c->options = skip_to_comma_or_close();
      c->span = span_from(begin);
      return c;
    case Keyword::kDEFAULT: {
      // T-SQL ALTER TABLE .. ADD CONSTRAINT df DEFAULT (x) FOR col
      advance();
      c->kind = ConstraintKind::kDefault;
      c->check = parse_expr();
      if (accept(Keyword::kFOR)) {
        ListBuilder<Identifier, 1> one(arena_);
        one.push(parse_identifier("a column name", true));
        c->columns = one.finish();
      }
      c->span = span_from(begin);
      return c;
    }
    default:
      if (!c->name.empty() && at(TokenKind::kLeftParen)) {
        // `CONSTRAINT name (cols)` with no kind (generated Spark DDL): keep what is written
        // and warn, rather than dropping the statement.
        c->kind = ConstraintKind::kOther;
        c->columns = parse_identifier_list();
        warn(begin, "W-PARSE-CONSTRAINT-KIND",
             "constraint has no kind (PRIMARY KEY, UNIQUE ...); kept as written");
        c->options = skip_to_comma_or_close();
        c->span = span_from(begin);
        return c;
      }
      if (!c->name.empty() && (at(Keyword::kNOT) || at(Keyword::kNULL))) {
        // Oracle/Teradata named NOT NULL in a constraint list position: rare; keep as other.
        c->kind = ConstraintKind::kOther;
        c->options = skip_to_comma_or_close();
        c->span = span_from(begin);
        return c;
      }
      fail("PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK");
  }
  if (c->kind != ConstraintKind::kCheck) {
    if (accept(Keyword::kCLUSTERED) || accept(Keyword::kNONCLUSTERED)) {
    }
    // Index name (MySQL KEY name (...), FOREIGN KEY name (...)) and USING method.
    if (at_identifier(true) && !at(Keyword::kUSING) && !at(TokenKind::kLeftParen)) {
      Identifier index_name = parse_identifier("an index name", true);
      if (c->name.empty()) c->name = index_name;
    }
    while (at(Keyword::kCLUSTERED) || at(Keyword::kNONCLUSTERED) || at_word("COLUMNSTORE") ||
           at(Keyword::kHASH))
      advance();
    if (at(Keyword::kUSING) &&
        at(Keyword::kINDEX, 1)) {  // PostgreSQL ADD CONSTRAINT .. USING INDEX i
      advance();
      advance();
      parse_identifier("an index name", true);
      c->options = skip_to_comma_or_close();
      c->span = span_from(begin);
      return c;
    }
    if (accept(Keyword::kUSING)) advance();
    if (at(TokenKind::kLeftParen)) {
      // Key columns: names with optional (length), ASC/DESC; expressions in MySQL 8 are
      // parenthesised and skipped.
      advance();
      ListBuilder<Identifier> cols(arena_);
      if (!at(TokenKind::kRightParen)) {
        do {
          if (at(TokenKind::kLeftParen)) {
            skip_parens();
          } else {
            cols.push(parse_identifier("a column name", true));
            if (at(TokenKind::kLeftParen)) skip_parens();
          }
          if (!accept(Keyword::kASC)) accept(Keyword::kDESC);
          if (at(Keyword::kWITH) || at_word("OPCLASS")) skip_to_comma_or_close();
        } while (accept(TokenKind::kComma));
      }
      expect(TokenKind::kRightParen, "')'");
      c->columns = cols.finish();
    } else if (c->kind != ConstraintKind::kIndex) {
      fail("'('");
    }
    if (c->kind == ConstraintKind::kForeignKey) c->references = parse_references();
  }
  // Trailing options as written: USING INDEX ..., WITH (...), ON [PRIMARY], NOT ENFORCED,
  // DEFERRABLE ..., ENABLE/DISABLE, COMMENT '...', KEY_BLOCK_SIZE ...
  std::string_view tail = skip_to_comma_or_close();
  c->options = tail;
  c->span = span_from(begin);
  return c;
}

ColumnDef* Parser::parse_column_def() {
  std::uint32_t begin = peek().offset;
  ColumnDef* col = make<ColumnDef>();
  if (at(TokenKind::kString) && dialect_.lexical().double_quote_strings &&
      text(peek()).front() == '"') {
    // Hive/Spark DDL generators quote column names with "..." which those dialects lex as
    // strings; the name is what they mean.
    Token t = advance();
    col->name.text = decode_string(t);
    col->name.quoted = true;
    col->name.span = {t.offset, t.end()};
  } else {
    col->name = parse_identifier("a column name", true);
  }
  ListBuilder<Expr*> checks(arena_);
  ListBuilder<Option> options(arena_);
  // The type is optional (SQLite, T-SQL computed columns `c AS (expr)`).
  const Token t = peek();
  bool has_type = (t.kind == TokenKind::kWord || t.kind == TokenKind::kQuotedIdentifier) &&
                  !(t.kind == TokenKind::kWord &&
                    (t.keyword == Keyword::kNOT || t.keyword == Keyword::kNULL ||
                     t.keyword == Keyword::kPRIMARY || t.keyword == Keyword::kUNIQUE ||
                     t.keyword == Keyword::kDEFAULT || t.keyword == Keyword::kCHECK ||
                     t.keyword == Keyword::kREFERENCES || t.keyword == Keyword::kCONSTRAINT ||
                     t.keyword == Keyword::kCOLLATE || t.keyword == Keyword::kGENERATED ||
                     t.keyword == Keyword::kAS || t.keyword == Keyword::kCOMMENT ||
                     t.keyword == Keyword::kIDENTITY || t.keyword == Keyword::kAUTO_INCREMENT ||
                     t.keyword == Keyword::kAUTOINCREMENT || t.keyword == Keyword::kENCODE));
  if (has_type) col->type = parse_type();
  parse_column_options(*col, checks, options);
  col->checks = checks.finish();
  col->options = options.finish();
  col->span = span_from(begin);
  return col;
}

void Parser::parse_column_options(ColumnDef& col, ListBuilder<Expr*>& checks,
                                  ListBuilder<Option>& options) {
  for (;;) {
    const Token t = peek();
    if (t.kind == TokenKind::kComma || t.kind == TokenKind::kRightParen || at_statement_end())
      return;
    std::uint32_t ob = t.offset;
    if (at_inline_table_constraint()) return;
    if (accept(Keyword::kCONSTRAINT)) {
      parse_identifier("a constraint name", true);
      continue;
    }
    switch (t.keyword) {
      case Keyword::kNOT:
        advance();
        if (accept(Keyword::kNULL)) {
          col.not_null = true;
          if (at(Keyword::kENABLE) || at(Keyword::kDISABLE)) advance();
        } else if (accept_word("CASESPECIFIC") || accept(Keyword::kFOR) ||
                   accept(Keyword::kDEFERRABLE) || accept(Keyword::kENFORCED) ||
                   accept_word("PERSISTENT") || accept_word("HIDDEN")) {
          if (at_word("REPLICATION")) advance();
          Option o{text(span_from(ob)), {}, span_from(ob)};
          options.push(o);
        } else {
          fail("NULL");
        }
        continue;
      case Keyword::kNULL:
        advance();
        col.null_explicit = true;
        continue;
      case Keyword::kPRIMARY:
        advance();
        expect(Keyword::kKEY);
        col.primary_key = true;
        if (!accept(Keyword::kASC)) accept(Keyword::kDESC);
        if (!accept(Keyword::kCLUSTERED)) accept(Keyword::kNONCLUSTERED);
        if (at(Keyword::kON) && at(Keyword::kCONFLICT, 1)) {
          advance();
          advance();
          advance();
        }
        if (at(Keyword::kAUTOINCREMENT)) {
          advance();
          col.identity = IdentityKind::kAutoIncrement;
        }
        continue;
      case Keyword::kUNIQUE:
        advance();
        accept(Keyword::kKEY);
        if (!accept(Keyword::kCLUSTERED)) accept(Keyword::kNONCLUSTERED);
        col.unique = true;
        continue;
      case Keyword::kKEY:  // MySQL column-level KEY means PRIMARY KEY
        advance();
        col.primary_key = true;
        continue;
      case Keyword::kDEFAULT:
        advance();
        if (at(Keyword::kON) && at(Keyword::kNULL, 1)) {  // Oracle DEFAULT ON NULL
          advance();
          advance();
        }
        col.default_value = parse_expr(5);  // stop before AND/OR-level words
        continue;
      case Keyword::kFOREIGN:
        advance();
        expect(Keyword::kKEY);
        [[fallthrough]];
      case Keyword::kREFERENCES:
        col.references = parse_references();
        while (at(Keyword::kDEFERRABLE) || at(Keyword::kINITIALLY) ||
               (at(Keyword::kNOT) && at(Keyword::kDEFERRABLE, 1)) || at(Keyword::kDEFERRED) ||
               at(Keyword::kIMMEDIATE))
          advance();
        continue;
      case Keyword::kCHECK:
        advance();
        expect(TokenKind::kLeftParen, "'('");
        checks.push(parse_expr());
        expect(TokenKind::kRightParen, "')'");
        if (at(Keyword::kNOT) && at(Keyword::kFOR, 1)) {
          advance();
          advance();
          advance();
        }
        continue;
      case Keyword::kCOLLATE:
        advance();
        accept_op("=");
        if (at(TokenKind::kString))
          col.collation = decode_string(advance());
        else
          col.collation = text(parse_object_name("a collation").span);
        continue;
      case Keyword::kCHARACTER:
      case Keyword::kCHARSET:
        advance();
        if (t.keyword == Keyword::kCHARACTER) expect(Keyword::kSET);
        accept_op("=");
        if (at(TokenKind::kString))
          col.charset = decode_string(advance());
        else
          col.charset = parse_identifier("a character set", true).text;
        continue;
      case Keyword::kCOMMENT:
        advance();
        accept_op("=");
        col.comment = parse_string("a comment string");
        continue;
      case Keyword::kIDENTITY: {
        advance();
        col.identity = IdentityKind::kIdentity;
        std::uint32_t ab = peek().offset;
        if (at(TokenKind::kLeftParen)) skip_parens();
        while (at(Keyword::kSTART) || at(Keyword::kINCREMENT) || at(Keyword::kORDER) ||
               at(Keyword::kNOORDER)) {
          advance();
          accept(Keyword::kWITH) || accept(Keyword::kBY) || accept_op("=");
          if (at(TokenKind::kNumber)) advance();
        }
        if (last_end_ > ab) col.identity_args = text(span_from(ab));
        if (at(Keyword::kNOT) && at(Keyword::kFOR, 1)) {
          advance();
          advance();
          advance();
        }
        continue;
      }
      case Keyword::kAUTO_INCREMENT:
      case Keyword::kAUTOINCREMENT: {
        advance();
        col.identity = IdentityKind::kAutoIncrement;
        std::uint32_t ab = peek().offset;
        if (at(TokenKind::kLeftParen)) skip_parens();
        while (at(Keyword::kSTART) || at(Keyword::kINCREMENT) || at(Keyword::kORDER) ||
               at(Keyword::kNOORDER)) {
          advance();
          if (at(TokenKind::kNumber)) advance();
        }
        if (last_end_ > ab) col.identity_args = text(span_from(ab));
        continue;
      }
      case Keyword::kGENERATED:
        advance();
        if (accept(Keyword::kALWAYS)) {
          col.identity = IdentityKind::kAlways;
        } else {
          expect(Keyword::kBY);
          expect(Keyword::kDEFAULT);
          if (at(Keyword::kON) && at(Keyword::kNULL, 1)) {
            advance();
            advance();
          }
          col.identity = IdentityKind::kByDefault;
        }
        expect(Keyword::kAS);
        if (accept(Keyword::kIDENTITY)) {
          std::uint32_t ab = peek().offset;
          if (at(TokenKind::kLeftParen)) skip_parens();
          if (last_end_ > ab) col.identity_args = text(span_from(ab));
        } else if (at(TokenKind::kLeftParen)) {
          col.identity = IdentityKind::kNone;
          advance();
          col.generated = parse_expr();
          expect(TokenKind::kRightParen, "')'");
          if (accept(Keyword::kSTORED) || accept(Keyword::kPERSISTED))
            col.generated_stored = true;
          else
            accept(Keyword::kVIRTUAL);
        } else {
          // GENERATED ALWAYS AS ROW START/END (T-SQL temporal tables)
          col.identity = IdentityKind::kNone;
          while (at(Keyword::kROW) || at(Keyword::kSTART) || at(Keyword::kEND) ||
                 at_word("TRANSACTION_ID") || at_word("SEQUENCE_NUMBER") || at(Keyword::kHIDDEN))
            advance();
        }
        continue;
      case Keyword::kAS:
        // Computed columns: T-SQL `c AS (expr) [PERSISTED]`, MySQL `AS (expr) STORED`.
        advance();
        if (at(TokenKind::kLeftParen)) {
          advance();
          col.generated = parse_expr();
          expect(TokenKind::kRightParen, "')'");
        } else {
          col.generated = parse_expr(5);
        }
        if (accept(Keyword::kSTORED) || accept(Keyword::kPERSISTED))
          col.generated_stored = true;
        else
          accept(Keyword::kVIRTUAL);
        continue;
      case Keyword::kFIRST:
      case Keyword::kAFTER:
        // MySQL column position in ALTER TABLE ADD/MODIFY/CHANGE.
        advance();
        if (t.keyword == Keyword::kAFTER) parse_identifier("a column name", true);
        continue;
      case Keyword::kON:
        if (at(Keyword::kUPDATE, 1)) {  // MySQL ON UPDATE CURRENT_TIMESTAMP
          advance();
          advance();
          std::uint32_t name_end = last_end_;
          std::uint32_t vb = peek().offset;
          parse_expr(5);
          Option o{text(Span{ob, name_end}), text(span_from(vb)), span_from(ob)};
          options.push(o);
          continue;
        }
        if (at(Keyword::kCONFLICT, 1)) {
          advance();
          advance();
          advance();
          continue;
        }
        break;
      default: break;
    }
    // Dialect attributes as written: ENCODE zstd, DISTKEY, FORMAT 'x', COMPRESS (...),
    // OPTIONS(...), WITH MASKING POLICY p, TITLE 'x', ROWGUIDCOL, SPARSE ...
    if (t.kind == TokenKind::kWord && in_list(text(t), kColumnAttributeWords)) {
      advance();
      std::uint32_t name_end = last_end_;
      // Multi-word attributes: WITH MASKING POLICY p, WITH TAG (..), NOT CASESPECIFIC ...
      bool takes_name = false;
      while (!(peek().flags & kTokenAtLineStart) && last_end_ - ob < 64 &&
             (at_word("POLICY") || at_word("MASKING") || at(Keyword::kBY) || at(Keyword::kKEY) ||
              at_word("TAG") || at(Keyword::kROW) || at_word("ACCESS") || at_word("PROJECTION"))) {
        takes_name = at_word("POLICY") || at(Keyword::kBY);
        advance();
      }
      if (takes_name && at_identifier(true)) {
        parse_object_name("a policy name");
        if (at(Keyword::kUSING) && at(TokenKind::kLeftParen, 1)) {
          advance();
          skip_parens();
        }
      }
      accept_op("=");
      std::uint32_t vb = peek().offset;
      if (at(TokenKind::kLeftParen)) {
        skip_parens();
      } else if (at(TokenKind::kString) || at(TokenKind::kNumber) ||
                 (peek().kind == TokenKind::kWord && !is_reserved(peek().keyword) &&
                  !in_list(text(peek()), kColumnAttributeWords) &&
                  !(peek().flags & kTokenAtLineStart) &&
                  (text(t).size() == 6 && starts_with_word(text(t), "ENCODE")))) {
        advance();
      } else if (peek().kind == TokenKind::kWord && (at_word("POLICY") || at_word("BY"))) {
        advance();
        parse_object_name("a name");
      }
      ColumnOptionKind kind = ColumnOptionKind::kOther;
      (void)kind;
      Option o;
      o.name = text(Span{ob, name_end});
      if (last_end_ > vb) o.value = text(Span{vb, last_end_});
      o.span = span_from(ob);
      options.push(o);
      continue;
    }
    fail("a column constraint, ',' or ')'");
  }
}

}  // namespace godwit::sql
