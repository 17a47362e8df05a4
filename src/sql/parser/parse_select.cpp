// Queries: WITH, SELECT, set operations, FROM with joins, ORDER BY / LIMIT / OFFSET /
// FETCH / TOP / QUALIFY, and CREATE VIEW, whose body is a query.
#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

template <class T>
T* body(Arena& arena, QueryBodyKind kind) {
  T* b = arena.make<T>();
  b->kind = kind;
  return b;
}

template <class T>
T* table_ref(Arena& arena, TableRefKind kind) {
  T* r = arena.make<T>();
  r->kind = kind;
  return r;
}

}  // namespace

bool Parser::at_query_start(std::size_t ahead) {
  const Token t = peek(ahead);
  if (t.keyword == Keyword::kSELECT || t.keyword == Keyword::kWITH || t.keyword == Keyword::kVALUES)
    return true;
  if (caps_.sel_abbreviation && t.kind == TokenKind::kWord && at_word("SEL", ahead)) return true;
  if (t.kind == TokenKind::kLeftParen) {
    // ((SELECT ...)) nests; look through parentheses.
    std::size_t i = ahead;
    while (peek(i).kind == TokenKind::kLeftParen && i < ahead + 16) ++i;
    Keyword k = peek(i).keyword;
    return k == Keyword::kSELECT || k == Keyword::kWITH;
  }
  return false;
}

Query* Parser::parse_query() {
  NestingGuard guard(*this);
  std::uint32_t begin = peek().offset;
  Query* q = make<Query>();
  parse_ctes(*q);
  return parse_query_rest(q, begin);
}

void Parser::parse_ctes(Query& query) {
  Query* q = &query;
  if (accept(Keyword::kWITH)) {
    q->recursive = accept(Keyword::kRECURSIVE);
    ListBuilder<Cte> ctes(arena_);
    do {
      Cte c;
      std::uint32_t cb = peek().offset;
      c.name = parse_identifier("a CTE name", true);
      if (at(TokenKind::kLeftParen)) c.columns = parse_identifier_list();
      expect(Keyword::kAS);
      if (accept(Keyword::kNOT))
        expect(Keyword::kMATERIALIZED);
      else
        accept(Keyword::kMATERIALIZED);
      expect(TokenKind::kLeftParen, "'('");
      c.query = parse_query();
      expect(TokenKind::kRightParen, "')'");
      c.span = span_from(cb);
      ctes.push(c);
    } while (accept(TokenKind::kComma));
    q->ctes = ctes.finish();
  }
}

Query* Parser::parse_query_rest(Query* q, std::uint32_t begin) {
  q->body = parse_query_body(0);
  if (at(Keyword::kORDER) && at(Keyword::kBY, 1)) q->order_by = parse_order_by_list();
  for (;;) {
    if (accept(Keyword::kLIMIT)) {
      if (accept(Keyword::kALL)) continue;
      Expr* first = parse_expr();
      if (accept(TokenKind::kComma)) {  // MySQL LIMIT offset, count
        q->offset = first;
        q->limit = parse_expr();
      } else {
        q->limit = first;
      }
    } else if (accept(Keyword::kOFFSET)) {
      q->offset = parse_expr();
      if (!accept(Keyword::kROWS)) accept(Keyword::kROW);
    } else if (at(Keyword::kFETCH) && (at(Keyword::kFIRST, 1) || at(Keyword::kNEXT, 1))) {
      advance();
      advance();
      if (!at(Keyword::kROW) && !at(Keyword::kROWS)) q->limit = parse_expr(6);
      accept(Keyword::kPERCENT);
      if (!accept(Keyword::kROWS)) expect(Keyword::kROW);
      if (!accept(Keyword::kONLY)) {
        expect(Keyword::kWITH);
        expect(Keyword::kTIES);
      }
    } else if (at(Keyword::kFOR) &&
               (at(Keyword::kUPDATE, 1) || at(Keyword::kSHARE, 1) || at_word("READ", 1) ||
                at_word("XML", 1) || at_word("JSON", 1) || at_word("BROWSE", 1) ||
                at_word("NO", 1) || at(Keyword::kKEY, 1))) {
      advance();
      while (!at_statement_end() && !at(TokenKind::kRightParen) && !at(Keyword::kLIMIT) &&
             !(dialect_.script().optional_semicolons && is_statement_start_word(peek()) &&
               (peek().flags & kTokenAtLineStart)))
        advance();
    } else if (at(Keyword::kOPTION) && at(TokenKind::kLeftParen, 1)) {  // T-SQL query hints
      advance();
      skip_parens();
    } else if (at(Keyword::kWITH) && at_word("READ", 1)) {  // Oracle WITH READ ONLY
      advance();
      advance();
      accept(Keyword::kONLY);
    } else if (at(Keyword::kWITH) && at(Keyword::kCHECK, 1)) {  // WITH CHECK OPTION
      advance();
      advance();
      accept(Keyword::kOPTION);
      if (accept(Keyword::kCONSTRAINT)) parse_identifier();
    } else if (at(Keyword::kWITH) && (at(Keyword::kCASCADED, 1) || at(Keyword::kLOCAL, 1))) {
      advance();
      advance();
      expect(Keyword::kCHECK);
      accept(Keyword::kOPTION);
    } else if (at(Keyword::kWITH) &&
               (at(Keyword::kDATA, 1) || (at(Keyword::kNO, 1) && at(Keyword::kDATA, 2)))) {
      advance();
      accept(Keyword::kNO);
      advance();
    } else if (at(Keyword::kWITH) && at(Keyword::kNO, 1) && at(Keyword::kSCHEMA, 2)) {
      advance();
      advance();
      advance();
      accept_word("BINDING");  // Redshift late-binding views
    } else {
      break;
    }
  }
  q->span = span_from(begin);
  return q;
}

QueryBody* Parser::parse_query_body(int min_precedence) {
  std::uint32_t begin = peek().offset;
  QueryBody* left = parse_query_term();
  for (;;) {
    int prec = 0;
    SetOperator op = SetOperator::kUnion;
    if (at(Keyword::kUNION))
      prec = 1;
    else if (at(Keyword::kEXCEPT) || (caps_.minus_set_operator && at(Keyword::kMINUS))) {
      prec = 1;
      op = SetOperator::kExcept;
    } else if (at(Keyword::kINTERSECT)) {
      prec = 2;
      op = SetOperator::kIntersect;
    }
    if (prec == 0 || prec <= min_precedence) break;
    advance();
    SetOperationBody* s = body<SetOperationBody>(arena_, QueryBodyKind::kSetOperation);
    s->op = op;
    if (accept(Keyword::kALL))
      s->all = true;
    else
      accept(Keyword::kDISTINCT);
    if (at_word("BY") && at_word("NAME", 1)) {  // DuckDB/Databricks UNION BY NAME
      advance();
      advance();
    }
    s->left = left;
    s->right = parse_query_body(prec);
    s->span = span_from(begin);
    left = s;
  }
  return left;
}

QueryBody* Parser::parse_query_term() {
  NestingGuard guard(*this);
  std::uint32_t begin = peek().offset;
  if (at(TokenKind::kLeftParen)) {
    advance();
    NestedQueryBody* n = body<NestedQueryBody>(arena_, QueryBodyKind::kNested);
    n->query = parse_query();
    expect(TokenKind::kRightParen, "')'");
    n->span = span_from(begin);
    return n;
  }
  if (accept(Keyword::kVALUES)) {
    ValuesBody* v = body<ValuesBody>(arena_, QueryBodyKind::kValues);
    ListBuilder<ListExpr*> rows(arena_);
    do {
      std::uint32_t rb = peek().offset;
      accept(Keyword::kROW);
      ListExpr* row = make<ListExpr>();
      row->kind = ExprKind::kList;
      row->constructor = "(";
      if (accept(TokenKind::kLeftParen)) {
        if (!at(TokenKind::kRightParen)) row->items = parse_expr_list();
        expect(TokenKind::kRightParen, "')'");
      } else {
        ListBuilder<Expr*> one(arena_);
        one.push(parse_expr());
        row->items = one.finish();
      }
      row->span = span_from(rb);
      rows.push(row);
    } while (accept(TokenKind::kComma));
    v->rows = rows.finish();
    v->span = span_from(begin);
    return v;
  }
  if (at(Keyword::kTABLE) && at_identifier(false, 1)) {  // TABLE t == SELECT * FROM t
    advance();
    SelectBody* s = body<SelectBody>(arena_, QueryBodyKind::kSelect);
    NamedTableRef* r = table_ref<NamedTableRef>(arena_, TableRefKind::kNamed);
    r->name = parse_object_name("a table name");
    r->span = r->name.span;
    ListBuilder<TableRef*> from(arena_);
    from.push(r);
    s->from = from.finish();
    s->span = span_from(begin);
    return s;
  }
  return parse_select_body();
}

SelectBody* Parser::parse_select_body() {
  std::uint32_t begin = peek().offset;
  if (!accept(Keyword::kSELECT)) {
    if (!(caps_.sel_abbreviation && accept_word("SEL"))) fail("SELECT");
  }
  SelectBody* s = body<SelectBody>(arena_, QueryBodyKind::kSelect);
  // Hints and modifiers: /*+ hints */ are comments already; AS STRUCT (BigQuery).
  if (accept(Keyword::kALL)) {
  } else if (accept(Keyword::kDISTINCT) || accept(Keyword::kDISTINCTROW) ||
             accept(Keyword::kUNIQUE)) {
    s->distinct = true;
    if (at(Keyword::kON) && at(TokenKind::kLeftParen, 1)) {
      advance();
      advance();
      s->distinct_on = parse_expr_list();
      expect(TokenKind::kRightParen, "')'");
    }
  }
  if (at(Keyword::kAS) && (at(Keyword::kSTRUCT, 1) || at_word("VALUE", 1))) {
    advance();
    advance();
  }
  while (at(Keyword::kSTRAIGHT_JOIN) || at_word("SQL_CALC_FOUND_ROWS") || at_word("SQL_NO_CACHE") ||
         at_word("HIGH_PRIORITY") || at_word("SQL_CACHE") || at_word("SQL_BIG_RESULT") ||
         at_word("SQL_SMALL_RESULT") || at_word("SQL_BUFFER_RESULT"))
    advance();
  if (caps_.top_clause && at(Keyword::kTOP)) {
    advance();
    if (accept(TokenKind::kLeftParen)) {
      s->top = parse_expr();
      expect(TokenKind::kRightParen, "')'");
    } else {
      s->top = parse_primary();
    }
    accept(Keyword::kPERCENT);
    if (at(Keyword::kWITH) && at(Keyword::kTIES, 1)) {
      advance();
      advance();
    }
  }
  ListBuilder<SelectItem> items(arena_);
  do {
    SelectItem item;
    std::uint32_t ib = peek().offset;
    // T-SQL `alias = expr`.
    if (caps_.trailing_select_comma && items.size() > 0 &&
        (at(Keyword::kFROM) || at_statement_end()))
      break;
    if (caps_.equals_select_aliases && at_identifier(true) && at_op("=", 1) && !at_op("=", 2)) {
      item.alias = parse_identifier("an alias", true);
      advance();
      item.expr = parse_expr();
    } else {
      item.expr = parse_expr();
      if (item.expr->kind == ExprKind::kStar) {
        // * EXCEPT (a, b) (BigQuery), * EXCLUDE (a) / * EXCLUDE a (Snowflake, DuckDB),
        // * REPLACE (expr AS a), * RENAME (a AS b).
        StarExpr* star = static_cast<StarExpr*>(item.expr);
        for (;;) {
          if ((at(Keyword::kEXCEPT) || at(Keyword::kEXCLUDE)) && at(TokenKind::kLeftParen, 1)) {
            advance();
            star->except = parse_identifier_list();
          } else if (at(Keyword::kEXCLUDE)) {
            advance();
            ListBuilder<Identifier> one(arena_);
            one.push(parse_identifier("a column name", true));
            star->except = one.finish();
          } else if ((at(Keyword::kREPLACE) || at_word("RENAME")) && at(TokenKind::kLeftParen, 1)) {
            advance();
            skip_parens();
          } else {
            break;
          }
        }
      } else {
        item.alias = parse_optional_alias(true);
      }
    }
    item.span = span_from(ib);
    items.push(item);
  } while (accept(TokenKind::kComma));
  s->items = items.finish();
  if (accept(Keyword::kINTO)) {
    // SELECT ... INTO t (T-SQL creates t); PL/SQL/MySQL INTO variables.
    accept(Keyword::kTEMPORARY) || accept(Keyword::kTEMP) || accept_word("UNLOGGED");
    accept(Keyword::kTABLE);
    if (at(TokenKind::kParameter)) {
      while (at(TokenKind::kParameter) || at(TokenKind::kComma)) advance();
    } else {
      s->into = parse_object_name("a table name");
      while (accept(TokenKind::kComma)) parse_object_name("a variable");
    }
  }
  if (accept(Keyword::kFROM)) s->from = parse_from_list();
  if (accept(Keyword::kWHERE)) s->where = parse_expr();
  for (int round = 0; round < 2; ++round) {
    if (caps_.connect_by && at(Keyword::kSTART) && at(Keyword::kWITH, 1)) {
      advance();
      advance();
      parse_expr();
    }
    if (caps_.connect_by && at(Keyword::kCONNECT) && at(Keyword::kBY, 1)) {
      advance();
      advance();
      accept_word("NOCYCLE");
      accept(Keyword::kNOCYCLE);
      parse_expr();
    }
  }
  if (at(Keyword::kGROUP) && at(Keyword::kBY, 1)) {
    advance();
    advance();
    bool all = accept(Keyword::kALL);
    if (!all) accept(Keyword::kDISTINCT);
    ListBuilder<Expr*> groups(arena_);
    if (!(all && (at_statement_end() || at(Keyword::kHAVING) || at(Keyword::kORDER) ||
                  at(Keyword::kQUALIFY) || at(Keyword::kLIMIT) || at(TokenKind::kRightParen) ||
                  at(Keyword::kWINDOW) || at(Keyword::kUNION) || at(Keyword::kEXCEPT) ||
                  at(Keyword::kINTERSECT))))
      do {
        std::uint32_t gb = peek().offset;
        if (at(Keyword::kGROUPING) && at(Keyword::kSETS, 1)) {
          advance();
          advance();
          skip_parens();
          ListExpr* l = make<ListExpr>();
          l->kind = ExprKind::kList;
          l->constructor = "GROUPING SETS";
          l->span = span_from(gb);
          groups.push(l);
        } else if (at(TokenKind::kLeftParen) && at(TokenKind::kRightParen, 1)) {
          advance();
          advance();
        } else {
          groups.push(parse_expr());
        }
      } while (accept(TokenKind::kComma));
    s->group_by = groups.finish();
    if (at(Keyword::kWITH) && (at(Keyword::kROLLUP, 1) || at(Keyword::kCUBE, 1))) {
      std::uint32_t mb = peek().offset;
      advance();
      advance();
      s->group_by_modifier = span_from(mb);
    }
  }
  if (accept(Keyword::kHAVING)) s->having = parse_expr();
  if (accept(Keyword::kWINDOW)) {
    ListBuilder<NamedWindow> windows(arena_);
    do {
      NamedWindow w;
      w.name = parse_identifier("a window name", true);
      expect(Keyword::kAS);
      w.spec = parse_window_spec();
      windows.push(w);
    } while (accept(TokenKind::kComma));
    s->windows = windows.finish();
  }
  if (caps_.qualify_clause && accept(Keyword::kQUALIFY)) s->qualify = parse_expr();
  s->span = span_from(begin);
  return s;
}

std::span<TableRef* const> Parser::parse_from_list() {
  ListBuilder<TableRef*> refs(arena_);
  do {
    if (caps_.trailing_select_comma && !refs.empty() &&
        (at(Keyword::kWHERE) || at(Keyword::kGROUP) || at(Keyword::kORDER) || at_statement_end()))
      break;
    refs.push(parse_table_ref());
  } while (accept(TokenKind::kComma));
  return refs.finish();
}

TableRef* Parser::parse_table_ref() {
  NestingGuard guard(*this);
  std::uint32_t begin = peek().offset;
  TableRef* left = parse_table_primary();
  for (;;) {
    JoinKind kind = JoinKind::kInner;
    bool natural = accept(Keyword::kNATURAL);
    bool apply = false;
    if (accept(Keyword::kJOIN) || accept(Keyword::kSTRAIGHT_JOIN)) {
      kind = JoinKind::kInner;
    } else if (accept(Keyword::kINNER)) {
      expect(Keyword::kJOIN);
    } else if (at(Keyword::kLEFT) || at(Keyword::kRIGHT) || at(Keyword::kFULL)) {
      Token side = advance();
      kind = side.keyword == Keyword::kLEFT    ? JoinKind::kLeft
             : side.keyword == Keyword::kRIGHT ? JoinKind::kRight
                                               : JoinKind::kFull;
      if (accept(Keyword::kSEMI))
        kind = JoinKind::kSemi;
      else if (accept(Keyword::kANTI))
        kind = JoinKind::kAnti;
      else
        accept(Keyword::kOUTER);
      expect(Keyword::kJOIN);
    } else if (at(Keyword::kCROSS) && at(Keyword::kAPPLY, 1)) {
      advance();
      advance();
      kind = JoinKind::kCrossApply;
      apply = true;
    } else if (at(Keyword::kOUTER) && at(Keyword::kAPPLY, 1)) {
      advance();
      advance();
      kind = JoinKind::kOuterApply;
      apply = true;
    } else if (accept(Keyword::kCROSS)) {
      expect(Keyword::kJOIN);
      kind = JoinKind::kCross;
    } else if ((at(Keyword::kSEMI) || at(Keyword::kANTI)) && at(Keyword::kJOIN, 1)) {
      kind = advance().keyword == Keyword::kSEMI ? JoinKind::kSemi : JoinKind::kAnti;
      advance();
    } else if (at(Keyword::kLATERAL) && at(Keyword::kVIEW, 1)) {
      // Hive LATERAL VIEW [OUTER] explode(x) t AS a, b
      advance();
      advance();
      accept(Keyword::kOUTER);
      std::uint32_t fb = peek().offset;
      ObjectName fname = parse_object_name("a function");
      Expr* call = parse_function_call(fname, fb);
      FunctionTableRef* f = table_ref<FunctionTableRef>(arena_, TableRefKind::kFunction);
      f->call = static_cast<FunctionExpr*>(call);
      f->lateral = true;
      if (can_be_alias()) f->alias = parse_identifier("an alias", true);
      if (accept(Keyword::kAS)) {
        ListBuilder<Identifier> cols(arena_);
        do cols.push(parse_identifier("a column alias", true));
        while (accept(TokenKind::kComma));
        f->column_aliases = cols.finish();
      }
      f->span = span_from(fb);
      JoinTableRef* j = table_ref<JoinTableRef>(arena_, TableRefKind::kJoin);
      j->join_kind = JoinKind::kCross;
      j->left = left;
      j->right = f;
      j->span = span_from(begin);
      left = j;
      continue;
    } else {
      if (natural) fail("JOIN");
      break;
    }
    JoinTableRef* j = table_ref<JoinTableRef>(arena_, TableRefKind::kJoin);
    j->join_kind = kind;
    j->natural = natural;
    j->left = left;
    j->right = parse_table_primary();
    if (!apply && kind != JoinKind::kCross && !natural) {
      if (accept(Keyword::kON)) {
        j->on = parse_expr();
      } else if (accept(Keyword::kUSING)) {
        j->using_columns = parse_identifier_list();
      }
    }
    j->span = span_from(begin);
    left = j;
  }
  return left;
}

TableRef* Parser::parse_table_primary() {
  std::uint32_t begin = peek().offset;
  TableRef* ref = nullptr;
  bool lateral = accept(Keyword::kLATERAL);
  if (at(TokenKind::kLeftParen)) {
    if (at_query_start(1) || (lateral && at_query_start())) {
      advance();
      DerivedTableRef* d = table_ref<DerivedTableRef>(arena_, TableRefKind::kDerived);
      d->lateral = lateral;
      d->query = parse_query();
      expect(TokenKind::kRightParen, "')'");
      ref = d;
    } else {
      // Parenthesised join: (a JOIN b ON ...)
      advance();
      ref = parse_table_ref();
      while (accept(TokenKind::kComma)) parse_table_ref();
      expect(TokenKind::kRightParen, "')'");
    }
  } else if (at(Keyword::kVALUES)) {
    DerivedTableRef* d = table_ref<DerivedTableRef>(arena_, TableRefKind::kValues);
    Query* q = make<Query>();
    q->body = parse_query_term();
    q->span = q->body->span;
    d->query = q;
    ref = d;
  } else if (at(Keyword::kTABLE) && at(TokenKind::kLeftParen, 1)) {  // TABLE(FLATTEN(...))
    advance();
    advance();
    std::uint32_t fb = peek().offset;
    FunctionTableRef* f = table_ref<FunctionTableRef>(arena_, TableRefKind::kFunction);
    if (at_identifier(true)) {
      ObjectName fname = parse_object_name("a table function");
      if (at(TokenKind::kLeftParen))
        f->call = static_cast<FunctionExpr*>(parse_function_call(fname, fb));
    } else {
      parse_expr();  // TABLE($var), TABLE(:bind)
    }
    expect(TokenKind::kRightParen, "')'");
    f->lateral = lateral;
    ref = f;
  } else if (at(TokenKind::kParameter)) {  // @table_variable (T-SQL), @stage (Snowflake)
    Token p = advance();
    NamedTableRef* n = table_ref<NamedTableRef>(arena_, TableRefKind::kNamed);
    ListBuilder<Identifier> parts(arena_);
    Identifier id;
    id.text = text(p);
    id.span = {p.offset, p.end()};
    parts.push(id);
    n->name.parts = parts.finish();
    n->name.span = id.span;
    ref = n;
  } else {
    ObjectName name = parse_object_name("a table name");
    if (at(TokenKind::kLeftParen)) {
      FunctionTableRef* f = table_ref<FunctionTableRef>(arena_, TableRefKind::kFunction);
      f->call = static_cast<FunctionExpr*>(parse_function_call(name, name.span.begin));
      f->lateral = lateral;
      ref = f;
    } else {
      NamedTableRef* n = table_ref<NamedTableRef>(arena_, TableRefKind::kNamed);
      n->name = name;
      ref = n;
    }
  }
  // Postfixes: time travel, sampling, hints, alias, column aliases, PIVOT.
  for (;;) {
    if (at(Keyword::kFOR) &&
        (at(Keyword::kSYSTEM_TIME, 1) || at_word("TIMESTAMP", 1) || at_word("VERSION", 1))) {
      advance();
      while (!at(TokenKind::kEnd) && !at_statement_end() && !can_be_alias() &&
             !at(Keyword::kWHERE) && !at(TokenKind::kComma) && !at(TokenKind::kRightParen) &&
             !at(Keyword::kAS))
        advance();
    } else if ((at(Keyword::kAT) || at(Keyword::kBEFORE)) && at(TokenKind::kLeftParen, 1)) {
      advance();
      skip_parens();
    } else if (at(Keyword::kTABLESAMPLE) ||
               (at(Keyword::kSAMPLE) && at(TokenKind::kLeftParen, 1))) {
      advance();
      while (peek().kind == TokenKind::kWord && !at(Keyword::kREPEAT) && !can_be_alias()) advance();
      if (at_word("BERNOULLI") || at_word("SYSTEM") || at_word("BLOCK") || at_word("ROW"))
        advance();
      if (at(TokenKind::kLeftParen)) skip_parens();
      if (accept(Keyword::kREPEAT) || accept_word("REPEATABLE") || accept_word("SEED"))
        skip_parens();
    } else if (at(Keyword::kWITH) && at(TokenKind::kLeftParen, 1) &&
               !at_query_start(2)) {  // WITH (NOLOCK)
      advance();
      skip_parens();
    } else if (at(Keyword::kPARTITION) &&
               at(TokenKind::kLeftParen, 1)) {  // MySQL partition selection
      advance();
      skip_parens();
    } else if (at(Keyword::kWITH) &&
               at_word("OFFSET", 1)) {  // BigQuery UNNEST(..) WITH OFFSET [AS] o
      advance();
      advance();
      if (at(Keyword::kAS) || can_be_alias()) parse_optional_alias(false);
    } else if (accept_word("FINAL")) {
    } else if ((at(Keyword::kPIVOT) || at(Keyword::kUNPIVOT)) &&
               (at(TokenKind::kLeftParen, 1) || at(TokenKind::kLeftParen, 2))) {
      advance();
      if (!at(TokenKind::kLeftParen)) advance();  // INCLUDE/EXCLUDE NULLS
      if (!at(TokenKind::kLeftParen)) advance();
      skip_parens();
      ref->alias = Identifier{};  // the pivoted result takes the next alias
    } else if (ref->alias.empty() && (at(Keyword::kAS) || can_be_alias())) {
      ref->alias = parse_optional_alias(false);
      if (at(TokenKind::kLeftParen) && at_identifier(true, 1) &&
          (at(TokenKind::kComma, 2) || at(TokenKind::kRightParen, 2)))
        ref->column_aliases = parse_identifier_list();
    } else {
      break;
    }
  }
  ref->span = span_from(begin);
  return ref;
}

Statement* Parser::parse_create_view(std::uint32_t begin, bool or_replace, bool materialized,
                                     std::string_view modifiers) {
  CreateViewStatement* v = make<CreateViewStatement>();
  v->kind = StatementKind::kCreateView;
  v->or_replace = or_replace;
  v->materialized = materialized;
  v->modifiers = modifiers;
  if (at(Keyword::kIF) && at(Keyword::kNOT, 1)) {
    advance();
    advance();
    expect(Keyword::kEXISTS);
    v->if_not_exists = true;
  }
  v->name = parse_object_name("a view name");
  if (at(TokenKind::kLeftParen)) {
    // Column list, possibly with COMMENT/types (BigQuery, Snowflake, Hive)
    advance();
    ListBuilder<Identifier> cols(arena_);
    if (!at(TokenKind::kRightParen)) {
      do {
        cols.push(parse_identifier("a column name", true));
        skip_to_comma_or_close();
      } while (accept(TokenKind::kComma));
    }
    expect(TokenKind::kRightParen, "')'");
    v->columns = cols.finish();
  }
  // Options between the name and AS: WITH (...), OPTIONS(...), COMMENT='..', TBLPROPERTIES,
  // SECURITY/COPY GRANTS, BigQuery/Snowflake/Redshift clauses, Oracle constraints.
  ListBuilder<Option> options(arena_);
  while (!at(Keyword::kAS) && !at_statement_end()) {
    std::uint32_t ob = peek().offset;
    if (at(TokenKind::kLeftParen)) {
      skip_parens();
    } else {
      advance();
    }
    Option o;
    o.span = span_from(ob);
    o.name = text(o.span);
    options.push(o);
  }
  v->options = options.finish();
  expect(Keyword::kAS);
  if (!at_query_start()) fail("a query");
  v->query = parse_query();
  v->span = span_from(begin);
  return v;
}

}  // namespace godwit::sql
