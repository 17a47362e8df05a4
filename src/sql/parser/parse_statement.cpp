// Statement dispatch and the small statements: DROP, COMMENT ON, USE, SET, CREATE
// SCHEMA/DATABASE, CREATE SEQUENCE, CREATE TYPE, TRUNCATE, and statements recognised but
// not modelled ("other": GRANT, VACUUM, SHOW ...).
#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

// Verbs of valid statements the grammar does not model, shared by every dialect. Upper case.
constexpr std::string_view kOtherVerbs[] = {
    "GRANT",   "REVOKE",   "COMMIT", "ROLLBACK", "SAVEPOINT",  "RELEASE", "START",  "END",
    "ANALYZE", "EXPLAIN",  "LOCK",   "CALL",     "EXEC",       "EXECUTE", "COPY",   "DESCRIBE",
    "SHOW",    "REFRESH",  "RENAME", "ABORT",    "DEALLOCATE", "PREPARE", "RESET",  "UNLOAD",
    "VACUUM",  "OPTIMIZE", "MSCK",   "DECLARE",  "OPEN",       "CLOSE",   "FETCH",  "RETURN",
    "UPSERT",  "REPLACE",  "LOAD",   "PUT",      "GET",        "LIST",    "REMOVE", "UNDROP",
    "UNSET",   "DESC",     "CACHE",  "UNCACHE",  "ADD",        "KILL",
};

// Words allowed between CREATE and the object kind. Upper case.
constexpr std::string_view kCreateModifiers[] = {
    "GLOBAL",         "LOCAL",        "TEMPORARY",   "TEMP",         "VOLATILE",
    "TRANSIENT",      "EXTERNAL",     "UNLOGGED",    "MULTISET",     "SET",
    "SECURE",         "RECURSIVE",    "FORCE",       "NOFORCE",      "EDITIONABLE",
    "NONEDITIONABLE", "UNIQUE",       "CLUSTERED",   "NONCLUSTERED", "FULLTEXT",
    "SPATIAL",        "BITMAP",       "COLUMNSTORE", "AGGREGATE",    "TRUSTED",
    "PROCEDURAL",     "PUBLIC",       "VIRTUAL",     "HYBRID",       "DYNAMIC",
    "ICEBERG",        "SHARDED",      "CONSTRAINT",  "DEFAULT",      "PRIVATE",
    "EVENT",          "OFFLINE",      "ONLINE",      "IGNORE",       "STREAMING",
    "LIVE",           "MATERIALIZED", "XML",         "HASH",         "JOIN",
    "FOREIGN",        "SORTED",       "EDITIONING",  "NO",           "BLOCKCHAIN",
    "IMMUTABLE",      "SHARED",       "DUPLICATED",  "TEMPLATE",
};

bool in_list(std::string_view word, std::span<const std::string_view> list) {
  for (std::string_view v : list) {
    if (word.size() == v.size() && starts_with_word(word, v)) return true;
  }
  return false;
}

}  // namespace

Statement* Parser::make_other(std::uint32_t begin, std::uint32_t verb_end, bool stop_at_verbs) {
  OtherStatement* o = make<OtherStatement>();
  o->kind = StatementKind::kOther;
  o->verb = text(Span{begin, verb_end});
  skip_to_statement_end(stop_at_verbs);
  o->span = span_from(begin);
  return o;
}

Statement* Parser::parse_statement() {
  const Token t = peek();
  std::uint32_t begin = t.offset;
  if (t.kind == TokenKind::kLeftParen) {
    if (at_query_start()) return parse_query_statement();
    fail("a statement");
  }
  if (t.kind != TokenKind::kWord) fail("a statement");
  bool optional_semis = dialect_.script().optional_semicolons;
  switch (t.keyword) {
    case Keyword::kCREATE: return parse_create();
    case Keyword::kALTER:
      if (at(Keyword::kTABLE, 1)) return parse_alter_table(begin);
      advance();
      advance();
      return make_other(begin, last_end_, optional_semis);
    case Keyword::kDROP: return parse_drop();
    case Keyword::kINSERT: return parse_insert();
    case Keyword::kREPLACE:
      if (at(Keyword::kINTO, 1)) return parse_insert();
      break;
    case Keyword::kWITH: {
      // WITH ... SELECT, or a data-modifying statement after the CTEs (PostgreSQL,
      // T-SQL, Snowflake): WITH x AS (...) INSERT INTO ... SELECT ... FROM x.
      Query* q = make<Query>();
      parse_ctes(*q);
      if (at(Keyword::kINSERT) || (at(Keyword::kREPLACE) && at(Keyword::kINTO, 1))) {
        InsertStatement* ins = static_cast<InsertStatement*>(parse_insert());
        ins->ctes = q->ctes;
        return ins;
      }
      if (at(Keyword::kUPDATE)) return parse_update();
      if (at(Keyword::kDELETE)) return parse_delete();
      if (at(Keyword::kMERGE)) return parse_merge();
      QueryStatement* qs = make<QueryStatement>();
      qs->kind = StatementKind::kQuery;
      qs->query = parse_query_rest(q, begin);
      return qs;
    }
    case Keyword::kSELECT:
    case Keyword::kVALUES: return parse_query_statement();
    case Keyword::kTABLE:
      if (at_identifier(false, 1)) return parse_query_statement();
      break;
    case Keyword::kUPDATE:
      if (at_word("STATISTICS", 1)) {  // T-SQL UPDATE STATISTICS t
        advance();
        advance();
        return make_other(begin, last_end_, optional_semis);
      }
      return parse_update();
    case Keyword::kDELETE: return parse_delete();
    case Keyword::kMERGE: return parse_merge();
    case Keyword::kTRUNCATE: return parse_truncate();
    case Keyword::kCOMMENT:
      if (at(Keyword::kON, 1)) return parse_comment_on();
      break;
    case Keyword::kUSE: return parse_use();
    case Keyword::kSET: return parse_set();
    case Keyword::kBEGIN: {
      const Token n = peek(1);
      bool transaction =
          n.kind == TokenKind::kSemicolon || n.kind == TokenKind::kEnd ||
          n.kind == TokenKind::kBatchSeparator || n.keyword == Keyword::kTRANSACTION ||
          n.keyword == Keyword::kTRAN || n.keyword == Keyword::kWORK || at_word("DISTRIBUTED", 1) ||
          at_word("ISOLATION", 1) || at_word("DEFERRED", 1) || at(Keyword::kIMMEDIATE, 1) ||
          at(Keyword::kEXCLUSIVE, 1) || at_word("READ", 1);
      if (transaction) {
        advance();
        return make_other(begin, last_end_, optional_semis);
      }
      if (optional_semis) return parse_control_block();
      return parse_anonymous_block(begin);
    }
    case Keyword::kIF:
    case Keyword::kWHILE:
      if (optional_semis) return parse_control_block();
      return parse_anonymous_block(begin);
    case Keyword::kDECLARE:
      if (caps_.declare_section_blocks) return parse_anonymous_block(begin);
      advance();
      return make_other(begin, last_end_, optional_semis);
    case Keyword::kDO:
      if (at(TokenKind::kString, 1)) return parse_anonymous_block(begin);
      break;
    case Keyword::kFOR:
    case Keyword::kLOOP:
    case Keyword::kREPEAT:
    case Keyword::kCASE:
      if (caps_.end_if_blocks) return parse_anonymous_block(begin);
      break;
    case Keyword::kCOPY: {
      advance();
      // psql COPY ... FROM stdin is followed by inline data up to "\."
      bool from_stdin = false;
      while (!at_statement_end()) {
        if (at(Keyword::kFROM) && at_word("STDIN", 1)) from_stdin = true;
        if (at(TokenKind::kLeftParen))
          skip_parens();
        else
          advance();
      }
      if (from_stdin && dialect_.script().copy_from_stdin_data) pending_copy_data_ = true;
      OtherStatement* o = make<OtherStatement>();
      o->kind = StatementKind::kOther;
      o->verb = "COPY";
      return o;
    }
    default: break;
  }
  if (caps_.sel_abbreviation && at_word("SEL")) return parse_query_statement();
  if (caps_.sel_abbreviation && at_word("INS")) return parse_insert();
  std::string_view word = text(t);
  if (in_list(word, kOtherVerbs) || dialect_.is_extra_statement_verb(word)) {
    advance();
    if (peek().kind == TokenKind::kWord && !(peek().flags & kTokenAtLineStart)) advance();
    return make_other(begin, last_end_, optional_semis);
  }
  // A label before a block (Snowflake/BigQuery/MySQL `label: BEGIN`) is a block too.
  if (at_op(":", 1) && (at(Keyword::kBEGIN, 2) || at(Keyword::kLOOP, 2) || at(Keyword::kWHILE, 2) ||
                        at(Keyword::kREPEAT, 2) || at(Keyword::kFOR, 2)))
    return parse_anonymous_block(begin);
  fail("a statement");
}

Statement* Parser::parse_create() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kCREATE);
  bool or_replace = false;
  if (at(Keyword::kOR) && (at(Keyword::kREPLACE, 1) || at(Keyword::kALTER, 1))) {
    advance();
    advance();
    or_replace = true;
  }
  std::uint32_t mod_begin = peek().offset;
  std::uint32_t mod_end = mod_begin;
  bool temporary = false;
  bool unique = false;
  bool materialized = false;
  for (;;) {
    const Token t = peek();
    if (t.kind != TokenKind::kWord) break;
    // MySQL DEFINER = user@host, ALGORITHM = x, SQL SECURITY DEFINER.
    if (at(Keyword::kDEFINER) || at(Keyword::kALGORITHM)) {
      advance();
      expect_op("=");
      if (at(Keyword::kCURRENT) || at_word("CURRENT_USER")) {
        advance();
        if (at(TokenKind::kLeftParen)) skip_parens();
      } else {
        advance();
        while (at(TokenKind::kParameter) || at_op("@")) advance();  // `user`@`host`
        if (at(TokenKind::kQuotedIdentifier) || at(TokenKind::kString)) advance();
      }
      mod_end = last_end_;
      continue;
    }
    if (at(Keyword::kSQL) && at(Keyword::kSECURITY, 1)) {
      advance();
      advance();
      advance();
      mod_end = last_end_;
      continue;
    }
    std::string_view w = text(t);
    if (!in_list(w, kCreateModifiers)) break;
    // SET is Teradata's SET TABLE; CONSTRAINT TRIGGER (PostgreSQL); DEFAULT/PUBLIC before
    // other words. Only take the word when an object word can still follow.
    if (at_identifier(true, 1) == false) break;
    if (t.keyword == Keyword::kTEMPORARY || t.keyword == Keyword::kTEMP ||
        t.keyword == Keyword::kVOLATILE || at_word("GLOBAL") || at_word("LOCAL"))
      temporary = true;
    if (t.keyword == Keyword::kUNIQUE) unique = true;
    if (t.keyword == Keyword::kMATERIALIZED) materialized = true;
    advance();
    mod_end = last_end_;
  }
  std::string_view modifiers =
      mod_end > mod_begin ? text(Span{mod_begin, mod_end}) : std::string_view();
  const Token kind = peek();
  if (kind.kind != TokenKind::kWord) fail("an object kind (TABLE, VIEW, INDEX ...)");
  switch (kind.keyword) {
    case Keyword::kTABLE:
      advance();
      return parse_create_table(begin, or_replace, modifiers, temporary);
    case Keyword::kVIEW:
      advance();
      return parse_create_view(begin, or_replace, materialized, modifiers);
    case Keyword::kINDEX: advance(); return parse_create_index(begin, modifiers, unique);
    case Keyword::kSCHEMA: advance(); return parse_create_schema(begin, or_replace, false);
    case Keyword::kDATABASE: advance(); return parse_create_schema(begin, or_replace, true);
    case Keyword::kSEQUENCE: advance(); return parse_create_sequence(begin, or_replace);
    case Keyword::kTYPE:
      advance();
      if (dialect_.script().slash_line_terminator) {
        if (accept(Keyword::kBODY)) return parse_routine(begin, RoutineKind::kType, or_replace);
        return parse_routine(begin, RoutineKind::kType, or_replace);
      }
      return parse_create_type(begin, or_replace);
    case Keyword::kPROCEDURE:
      advance();
      return parse_routine(begin, RoutineKind::kProcedure, or_replace);
    case Keyword::kFUNCTION:
      advance();
      return parse_routine(begin, RoutineKind::kFunction, or_replace);
    case Keyword::kTRIGGER:
      advance();
      return parse_routine(begin, RoutineKind::kTrigger, or_replace);
    case Keyword::kPACKAGE:
      advance();
      if (accept(Keyword::kBODY))
        return parse_routine(begin, RoutineKind::kPackageBody, or_replace);
      return parse_routine(begin, RoutineKind::kPackage, or_replace);
    case Keyword::kEVENT: advance(); return parse_routine(begin, RoutineKind::kEvent, or_replace);
    default: break;
  }
  if (at_word("PROC")) {
    advance();
    return parse_routine(begin, RoutineKind::kProcedure, or_replace);
  }
  if (at_word("MACRO")) {
    advance();
    return parse_routine(begin, RoutineKind::kMacro, or_replace);
  }
  if (materialized) {
    // CREATE MATERIALIZED VIEW handled above via modifiers; anything else is other.
  }
  // Any other object (EXTENSION, ROLE, USER, STAGE, WAREHOUSE, FILE FORMAT, DOMAIN ...): a
  // valid-looking CREATE of something the catalog does not model.
  advance();
  if (peek().kind == TokenKind::kWord && !is_reserved(peek().keyword) &&
      at_identifier(false, 1) == false && !(peek().flags & kTokenAtLineStart) &&
      !at(TokenKind::kDot, 1) && !at_statement_end() &&
      (at_word("FORMAT") || at_word("POLICY") || at_word("INTEGRATION") || at_word("MAPPING") ||
       at_word("WRAPPER") || at_word("SEARCH") || at_word("DATA") || at_word("LINK") ||
       at_word("GROUP") || at_word("CLASS") || at_word("FAMILY") || at_word("LOGIN")))
    advance();
  return make_other(begin, last_end_, dialect_.script().optional_semicolons);
}

Statement* Parser::parse_drop() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kDROP);
  DropStatement* d = make<DropStatement>();
  d->kind = StatementKind::kDrop;
  std::uint32_t kb = peek().offset;
  // Object kind: a word plus continuation words (MATERIALIZED VIEW, PACKAGE BODY, EVENT
  // TRIGGER, INDEX CONCURRENTLY, FOREIGN DATA WRAPPER, FILE FORMAT, MASKING POLICY ...).
  if (peek().kind != TokenKind::kWord) fail("an object kind");
  advance();
  static constexpr std::string_view kKindWords[] = {
      "TABLE",         "VIEW",       "TRIGGER",       "BODY",       "INDEX",       "CONCURRENTLY",
      "DATA",          "WRAPPER",    "FORMAT",        "POLICY",     "INTEGRATION", "SEARCH",
      "CONFIGURATION", "DICTIONARY", "PARSER",        "TEMPLATE",   "CLASS",       "FAMILY",
      "LINK",          "GROUP",      "TYPE",          "MAPPING",    "FUNCTION",    "PROCEDURE",
      "SEQUENCE",      "TEMPORARY",  "KEY",           "REPOSITORY", "SERVICE",     "POOL",
      "OBJECT",        "ACCESS",     "METHOD",        "ROLE",       "SCHEMA",      "DATABASE",
      "USER",          "LOGIN",      "EXTENSION",     "SERVER",     "DOMAIN",      "RULE",
      "STATISTICS",    "ASSEMBLY",   "CERTIFICATE",   "CATALOG",    "STOPLIST",    "PROPERTY",
      "LIST",          "AUDIT",      "SPECIFICATION", "PACKAGE",    "VOLUME",      "MONITOR",
      "APPLICATION",   "WAREHOUSE",  "STAGE",         "PIPE",       "STREAM",      "TASK",
      "SHARE",         "ALERT",      "SECRET",        "NETWORK",    "POLICY",      "SYNONYM",
      "OPERATOR",      "COLLATION",
  };
  while (peek().kind == TokenKind::kWord && !at(Keyword::kIF) &&
         !(peek().flags & kTokenAtLineStart)) {
    std::string_view w = text(peek());
    bool kind_word = false;
    for (std::string_view k : kKindWords)
      kind_word = kind_word || (w.size() == k.size() && starts_with_word(w, k));
    // A kind word followed by a name-ish token is part of the kind; else it is the name.
    if (!kind_word || !(at_identifier(true, 1) || at(Keyword::kIF, 1))) break;
    advance();
  }
  {
    std::string_view raw = text(Span{kb, last_end_});
    std::string up;
    char* out = static_cast<char*>(arena_.allocate(raw.size(), 1));
    std::size_t n = 0;
    bool space = false;
    for (char c : raw) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = true;
        continue;
      }
      if (space && n > 0) out[n++] = ' ';
      space = false;
      out[n++] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    }
    d->object_kind = {out, n};
  }
  if (at(Keyword::kIF) && at(Keyword::kEXISTS, 1)) {
    advance();
    advance();
    d->if_exists = true;
  }
  ListBuilder<ObjectName, 4> names(arena_);
  if (at(TokenKind::kString)) {  // DROP STAGE 'x' and friends
    advance();
  } else {
    do {
      names.push(parse_object_name("a name"));
      if (at(TokenKind::kLeftParen)) skip_parens();  // DROP FUNCTION f(int)
    } while (accept(TokenKind::kComma));
  }
  d->names = names.finish();
  if (accept(Keyword::kON)) d->on_table = parse_object_name("a table name");
  while (!at_statement_end()) {
    if (accept(Keyword::kCASCADE)) {
      d->cascade = true;
      accept(Keyword::kCONSTRAINTS);
    } else if (accept(Keyword::kRESTRICT) || accept_word("PURGE") || accept(Keyword::kFORCE)) {
    } else if (dialect_.script().optional_semicolons && is_statement_start_word(peek())) {
      break;
    } else {
      fail("end of statement");
    }
  }
  d->span = span_from(begin);
  return d;
}

Statement* Parser::parse_comment_on() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kCOMMENT);
  expect(Keyword::kON);
  CommentOnStatement* c = make<CommentOnStatement>();
  c->kind = StatementKind::kCommentOn;
  std::uint32_t kb = peek().offset;
  if (peek().kind != TokenKind::kWord) fail("an object kind");
  advance();
  if (at(Keyword::kVIEW) || at(Keyword::kTABLE) || at_word("DATA")) advance();  // MATERIALIZED VIEW
  if (at_word("WRAPPER")) advance();
  std::string_view raw = text(Span{kb, last_end_});
  char* out = static_cast<char*>(arena_.allocate(raw.size(), 1));
  std::size_t n = 0;
  for (char ch : raw)
    out[n++] = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 32)
                                        : (ch == '\n' || ch == '\t' ? ' ' : ch);
  c->object_kind = {out, n};
  c->target = parse_object_name("a name");
  if (at(TokenKind::kLeftParen)) skip_parens();                 // COMMENT ON FUNCTION f(int)
  if (accept(Keyword::kON)) parse_object_name("a table name");  // COMMENT ON CONSTRAINT c ON t
  expect(Keyword::kIS);
  if (accept(Keyword::kNULL)) {
    c->is_null = true;
  } else {
    c->comment = parse_string("a comment string or NULL");
    while (at(TokenKind::kString)) advance();
  }
  c->span = span_from(begin);
  return c;
}

Statement* Parser::parse_use() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kUSE);
  UseStatement* u = make<UseStatement>();
  u->kind = StatementKind::kUse;
  if ((at(Keyword::kDATABASE) || at(Keyword::kSCHEMA) || at_word("WAREHOUSE") || at_word("ROLE") ||
       at_word("CATALOG") || at_word("SECONDARY")) &&
      (at_identifier(true, 1) || at(TokenKind::kQuotedIdentifier, 1))) {
    u->object_kind = text(advance());
    if (at_word("ROLES")) advance();
  }
  u->name = parse_object_name("a database name");
  u->span = span_from(begin);
  return u;
}

Statement* Parser::parse_set() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kSET);
  SetStatement* s = make<SetStatement>();
  s->kind = StatementKind::kSet;
  std::uint32_t nb = peek().offset;
  // Name: words, dots, @vars; then '=', TO, ':=' or a bare value (T-SQL SET NOCOUNT ON).
  while (!at_statement_end() && !at_op("=") && !at(Keyword::kTO) && !at_op(":=")) {
    if (dialect_.script().optional_semicolons && (peek().flags & kTokenAtLineStart) &&
        last_end_ > nb && is_statement_start_word(peek()))
      break;
    if (at(TokenKind::kLeftParen))
      skip_parens();
    else
      advance();
  }
  s->name = text(span_from(nb));
  if (accept_op("=") || accept(Keyword::kTO) || accept_op(":=")) {
    std::uint32_t vb = peek().offset;
    while (!at_statement_end()) {
      if (dialect_.script().optional_semicolons && (peek().flags & kTokenAtLineStart) &&
          is_statement_start_word(peek()))
        break;
      if (at(TokenKind::kLeftParen))
        skip_parens();
      else
        advance();
    }
    s->value = text(span_from(vb));
  }
  s->span = span_from(begin);
  return s;
}

Statement* Parser::parse_create_schema(std::uint32_t begin, bool or_replace, bool is_database) {
  CreateSchemaStatement* s = make<CreateSchemaStatement>();
  s->kind = StatementKind::kCreateSchema;
  s->is_database = is_database;
  s->or_replace = or_replace;
  if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
    advance();
    advance();
    expect(Keyword::kEXISTS);
    s->if_not_exists = true;
  }
  if (at(Keyword::kAUTHORIZATION)) {
    advance();
    s->authorization = parse_identifier("a user name", true);
    s->name.parts = arena_.copy(std::span<const Identifier>(&s->authorization, 1));
    s->name.span = s->authorization.span;
  } else {
    s->name = parse_object_name(is_database ? "a database name" : "a schema name");
    if (accept(Keyword::kAUTHORIZATION)) s->authorization = parse_identifier("a user name", true);
  }
  // Options (CHARACTER SET, COLLATE, WITH ..., Teradata FROM db AS PERM = n) and, in
  // PostgreSQL/T-SQL, schema elements; kept as written.
  skip_to_statement_end(dialect_.script().optional_semicolons);
  s->span = span_from(begin);
  return s;
}

Statement* Parser::parse_create_sequence(std::uint32_t begin, bool or_replace) {
  CreateSequenceStatement* s = make<CreateSequenceStatement>();
  s->kind = StatementKind::kCreateSequence;
  s->or_replace = or_replace;
  if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
    advance();
    advance();
    expect(Keyword::kEXISTS);
    s->if_not_exists = true;
  }
  s->name = parse_object_name("a sequence name");
  ListBuilder<Option> options(arena_);
  while (!at_statement_end()) {
    if (dialect_.script().optional_semicolons && (peek().flags & kTokenAtLineStart) &&
        is_statement_start_word(peek()))
      break;
    std::uint32_t ob = peek().offset;
    bool is_start = at(Keyword::kSTART);
    bool is_increment = at(Keyword::kINCREMENT);
    if (peek().kind != TokenKind::kWord && !at(TokenKind::kComma)) fail("a sequence option");
    advance();
    std::uint32_t name_end = last_end_;
    accept(Keyword::kWITH) || accept(Keyword::kBY) || accept_op("=");
    std::uint32_t vb = peek().offset;
    if (accept_op("-") || at(TokenKind::kNumber)) {
      if (at(TokenKind::kNumber)) advance();
    } else if (at(Keyword::kAS)) {  // AS bigint
      advance();
      parse_type();
    }
    Option o;
    o.name = text(Span{ob, name_end});
    o.span = span_from(ob);
    if (last_end_ > vb) o.value = text(Span{vb, last_end_});
    if (is_start) s->start = o.value;
    if (is_increment) s->increment = o.value;
    options.push(o);
  }
  s->options = options.finish();
  s->span = span_from(begin);
  return s;
}

Statement* Parser::parse_create_type(std::uint32_t begin, bool or_replace) {
  (void)or_replace;
  CreateTypeStatement* s = make<CreateTypeStatement>();
  s->kind = StatementKind::kCreateType;
  if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
    advance();
    advance();
    expect(Keyword::kEXISTS);
  }
  s->name = parse_object_name("a type name");
  std::uint32_t body_begin = peek().offset;
  if (at(Keyword::kAS) && at(Keyword::kENUM, 1)) {
    advance();
    advance();
    s->definition = TypeDefinitionKind::kEnum;
    expect(TokenKind::kLeftParen, "'('");
    ListBuilder<std::string_view> values(arena_);
    if (!at(TokenKind::kRightParen)) {
      do values.push(parse_string("an enum label"));
      while (accept(TokenKind::kComma));
    }
    expect(TokenKind::kRightParen, "')'");
    s->enum_values = values.finish();
  } else if (at(Keyword::kAS) && at(TokenKind::kLeftParen, 1)) {
    advance();
    advance();
    s->definition = TypeDefinitionKind::kComposite;
    ListBuilder<ColumnDef*> attrs(arena_);
    if (!at(TokenKind::kRightParen)) {
      do attrs.push(parse_column_def());
      while (accept(TokenKind::kComma));
    }
    expect(TokenKind::kRightParen, "')'");
    s->attributes = attrs.finish();
  } else {
    skip_to_statement_end(dialect_.script().optional_semicolons);
  }
  if (last_end_ > body_begin) s->body = text(Span{body_begin, last_end_});
  s->span = span_from(begin);
  return s;
}

Statement* Parser::parse_truncate() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kTRUNCATE);
  TruncateStatement* t = make<TruncateStatement>();
  t->kind = StatementKind::kTruncate;
  accept(Keyword::kTABLE);
  accept(Keyword::kONLY);
  if (at(Keyword::kIF) && at(Keyword::kEXISTS, 1)) {
    advance();
    advance();
  }
  ListBuilder<ObjectName, 4> names(arena_);
  do names.push(parse_object_name("a table name"));
  while (accept(TokenKind::kComma));
  t->tables = names.finish();
  while (!at_statement_end() &&
         !(dialect_.script().optional_semicolons && is_statement_start_word(peek()))) {
    if (at(TokenKind::kLeftParen))
      skip_parens();
    else
      advance();  // RESTART IDENTITY, CASCADE, DROP STORAGE
  }
  t->span = span_from(begin);
  return t;
}

}  // namespace godwit::sql
