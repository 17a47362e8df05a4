// Expressions: a precedence-climbing parser over the shared operator table, with the
// special forms (CASE, CAST and ::, EXTRACT, SUBSTRING .. FROM, TRIM, POSITION, INTERVAL,
// EXISTS, IN, BETWEEN, IS, ARRAY[..], typed literals, window functions).
#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

constexpr int kOr = 1, kXor = 2, kAnd = 3, kNot = 4, kCompare = 5, kOther = 6, kAdd = 7,
              kMultiply = 8, kUnary = 9;

bool is_comparison(std::string_view op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == ">" || op == "<=" ||
         op == ">=" || op == "<=>" || op == "==" || op == "!<" || op == "!>" || op == "~" ||
         op == "!~" || op == "~*" || op == "!~*" || op == "~~" || op == "^=";
}

template <class T>
T* node(Arena& arena, ExprKind kind, Span span) {
  T* e = arena.make<T>();
  e->kind = kind;
  e->span = span;
  return e;
}

}  // namespace

std::span<Expr* const> Parser::parse_expr_list() {
  ListBuilder<Expr*> items(arena_);
  do {
    items.push(parse_expr());
  } while (accept(TokenKind::kComma));
  return items.finish();
}

Expr* Parser::parse_expr(int min_precedence) {
  NestingGuard guard(*this);
  std::uint32_t begin = peek().offset;
  Expr* left = nullptr;
  if (at(Keyword::kNOT) && min_precedence <= kNot) {
    advance();
    UnaryExpr* u = node<UnaryExpr>(arena_, ExprKind::kUnary, {});
    u->op = "NOT";
    u->operand = parse_expr(kNot);
    u->span = span_from(begin);
    left = u;
  } else {
    left = parse_primary();
  }
  for (;;) {
    const Token t = peek();
    int prec = 0;
    std::string_view op;
    bool negated = false;
    std::size_t op_tokens = 1;
    if (t.kind == TokenKind::kOperator) {
      op = text(t);
      if (op == "::" || op == "(+)") break;
      if (is_comparison(op))
        prec = kCompare;
      else if (op == "+" || op == "-")
        prec = kAdd;
      else if (op == "*" || op == "/" || op == "%")
        prec = kMultiply;
      else if (op == "=>" || op == ":=")
        prec = kOr;  // named arguments, assignments
      else if (op == "->" && caps_.lambda_arrows && left->kind == ExprKind::kColumnRef)
        prec = kOr;
      else
        prec = kOther;
    } else if (t.kind == TokenKind::kWord) {
      switch (t.keyword) {
        case Keyword::kOR: prec = kOr; break;
        case Keyword::kAND: prec = kAnd; break;
        case Keyword::kLIKE:
        case Keyword::kILIKE:
        case Keyword::kRLIKE:
        case Keyword::kIN:
        case Keyword::kBETWEEN:
        case Keyword::kIS:
        case Keyword::kISNULL:
        case Keyword::kNOTNULL:
        case Keyword::kSIMILAR: prec = kCompare; break;
        case Keyword::kNOT: {
          Keyword n = peek(1).keyword;
          if (n == Keyword::kLIKE || n == Keyword::kILIKE || n == Keyword::kIN ||
              n == Keyword::kBETWEEN || n == Keyword::kRLIKE || n == Keyword::kSIMILAR ||
              (peek(1).kind == TokenKind::kWord && (at_word("REGEXP", 1)))) {
            prec = kCompare;
            negated = true;
          }
          break;
        }
        default:
          if (at_word("XOR"))
            prec = kXor;
          else if (at_word("REGEXP") || at_word("GLOB") || at(Keyword::kMATCH))
            prec = kCompare;
          else if (at_word("DIV") || at_word("MOD"))
            prec = kMultiply;
          break;
      }
      op = text(t);
    }
    if (prec == 0 || prec <= min_precedence) break;
    (void)op_tokens;
    if (negated) advance();  // NOT
    Token op_token = advance();
    Keyword k = op_token.keyword;
    if (k == Keyword::kIS) {
      IsExpr* e = node<IsExpr>(arena_, ExprKind::kIs, {});
      e->operand = left;
      e->negated = accept(Keyword::kNOT);
      std::uint32_t pb = peek().offset;
      if (accept(Keyword::kDISTINCT)) {
        expect(Keyword::kFROM);
        e->predicate = "DISTINCT FROM";
        e->other = parse_expr(kCompare);
      } else if (accept(Keyword::kNULL) || accept(Keyword::kTRUE) || accept(Keyword::kFALSE) ||
                 accept_word("UNKNOWN") || accept_word("JSON") || accept_word("EMPTY") ||
                 accept_word("NAN") || accept_word("DOCUMENT")) {
        e->predicate = text(span_from(pb));
      } else {
        fail("NULL, TRUE, FALSE or DISTINCT FROM");
      }
      e->span = span_from(begin);
      left = e;
      continue;
    }
    if (k == Keyword::kISNULL || k == Keyword::kNOTNULL) {
      IsExpr* e = node<IsExpr>(arena_, ExprKind::kIs, span_from(begin));
      e->operand = left;
      e->negated = k == Keyword::kNOTNULL;
      e->predicate = "NULL";
      left = e;
      continue;
    }
    if (k == Keyword::kIN) {
      InExpr* e = node<InExpr>(arena_, ExprKind::kIn, {});
      e->operand = left;
      e->negated = negated;
      if (at(TokenKind::kLeftParen) && at_query_start(1)) {
        advance();
        e->query = parse_query();
        expect(TokenKind::kRightParen, "')'");
      } else if (accept(TokenKind::kLeftParen)) {
        if (!at(TokenKind::kRightParen)) e->list = parse_expr_list();
        expect(TokenKind::kRightParen, "')'");
      } else if (accept(Keyword::kUNNEST)) {  // BigQuery x IN UNNEST(array)
        skip_parens();
      } else {
        ListBuilder<Expr*> one(arena_);
        one.push(parse_primary());  // T-SQL/Oracle allow IN @list rarely; Hive IN col
        e->list = one.finish();
      }
      e->span = span_from(begin);
      left = e;
      continue;
    }
    if (k == Keyword::kBETWEEN) {
      BetweenExpr* e = node<BetweenExpr>(arena_, ExprKind::kBetween, {});
      e->operand = left;
      e->negated = negated;
      accept_word("SYMMETRIC");
      e->low = parse_expr(kCompare);
      expect(Keyword::kAND);
      e->high = parse_expr(kCompare);
      e->span = span_from(begin);
      left = e;
      continue;
    }
    BinaryExpr* b = node<BinaryExpr>(arena_, ExprKind::kBinary, {});
    b->left = left;
    if (k == Keyword::kSIMILAR) expect(Keyword::kTO);
    b->op = negated ? text(Span{t.offset, op_token.end()}) : text(op_token);
    if ((k == Keyword::kLIKE || k == Keyword::kILIKE) && (at(Keyword::kANY) || at(Keyword::kALL))) {
      // LIKE ANY (...) (Snowflake, Teradata)
      advance();
    }
    if (prec == kCompare && (at(Keyword::kANY) || at(Keyword::kALL) || at(Keyword::kSOME)) &&
        at(TokenKind::kLeftParen, 1)) {
      Token q = advance();
      SubqueryExpr* s = node<SubqueryExpr>(arena_, ExprKind::kSubquery, {});
      s->quantifier = text(q);
      advance();  // (
      if (at_query_start()) {
        s->query = parse_query();
      } else {
        parse_expr_list();
      }
      expect(TokenKind::kRightParen, "')'");
      s->span = span_from(q.offset);
      b->right = s;
    } else {
      b->right =
          parse_expr(prec == kOr && (b->op == "=>" || b->op == "->" || b->op == ":=") ? kOr : prec);
    }
    if ((k == Keyword::kLIKE || k == Keyword::kILIKE) && accept(Keyword::kESCAPE)) parse_primary();
    b->span = span_from(begin);
    if (b->op == "->" && caps_.lambda_arrows && left->kind == ExprKind::kColumnRef) {
      LambdaExpr* l = node<LambdaExpr>(arena_, ExprKind::kLambda, b->span);
      l->params = static_cast<ColumnRefExpr*>(left)->parts;
      l->body = b->right;
      left = l;
      continue;
    }
    left = b;
  }
  return left;
}

Expr* Parser::parse_case() {
  std::uint32_t begin = peek().offset;
  expect(Keyword::kCASE);
  CaseExpr* e = node<CaseExpr>(arena_, ExprKind::kCase, {});
  if (!at(Keyword::kWHEN)) e->operand = parse_expr();
  ListBuilder<WhenClause> whens(arena_);
  while (accept(Keyword::kWHEN)) {
    WhenClause w;
    w.condition = parse_expr();
    expect(Keyword::kTHEN);
    w.result = parse_expr();
    whens.push(w);
  }
  if (whens.empty()) fail("WHEN");
  e->whens = whens.finish();
  if (accept(Keyword::kELSE)) e->else_result = parse_expr();
  expect(Keyword::kEND);
  accept(Keyword::kCASE);  // END CASE in procedural dialects
  e->span = span_from(begin);
  return e;
}

Expr* Parser::parse_cast(CastSyntax syntax) {
  std::uint32_t begin = peek().offset;
  advance();  // CAST / TRY_CAST / SAFE_CAST / CONVERT
  expect(TokenKind::kLeftParen, "'('");
  CastExpr* e = node<CastExpr>(arena_, ExprKind::kCast, {});
  e->syntax = syntax;
  if (syntax == CastSyntax::kConvert) {
    // T-SQL CONVERT(type, expr [, style]); MySQL CONVERT(expr, type) / CONVERT(expr USING cs).
    std::size_t save = pos_;
    bool type_first = false;
    if (peek().kind == TokenKind::kWord || peek().kind == TokenKind::kQuotedIdentifier) {
      try {
        TypeName* t = parse_type();
        if (at(TokenKind::kComma)) {
          e->type = t;
          type_first = true;
        }
      } catch (const ParseFailure&) {
      }
    }
    if (type_first) {
      advance();  // ,
      e->operand = parse_expr();
      if (accept(TokenKind::kComma)) parse_expr();
    } else {
      pos_ = save;
      e->operand = parse_expr();
      if (accept(Keyword::kUSING)) {
        parse_identifier("a character set", true);
      } else {
        expect(TokenKind::kComma, "','");
        e->type = parse_type();
      }
    }
  } else {
    e->operand = parse_expr();
    expect(Keyword::kAS);
    e->type = parse_type();
    if (accept(Keyword::kFORMAT)) parse_primary();  // BigQuery/Teradata CAST(.. FORMAT '..')
    if (accept(Keyword::kDEFAULT)) {                // Oracle DEFAULT x ON CONVERSION ERROR
      parse_expr();
      while (!at(TokenKind::kRightParen) && !at_statement_end()) advance();
    }
  }
  expect(TokenKind::kRightParen, "')'");
  e->span = span_from(begin);
  return e;
}

Expr* Parser::parse_function_call(ObjectName name, std::uint32_t begin) {
  FunctionExpr* f = node<FunctionExpr>(arena_, ExprKind::kFunction, {});
  f->name = name;
  expect(TokenKind::kLeftParen, "'('");
  ListBuilder<Expr*> args(arena_);
  if (accept(Keyword::kDISTINCT))
    f->distinct = true;
  else
    accept(Keyword::kALL);
  if (at_op("*") && (at(TokenKind::kRightParen, 1))) {
    Token star = advance();
    StarExpr* s = node<StarExpr>(arena_, ExprKind::kStar, {star.offset, star.end()});
    args.push(s);
  } else if (!at(TokenKind::kRightParen)) {
    for (;;) {
      if (at(Keyword::kSELECT) || at(Keyword::kWITH)) {
        // ARRAY(SELECT ...), EXISTS-like table functions
        std::uint32_t qb = peek().offset;
        SubqueryExpr* s = node<SubqueryExpr>(arena_, ExprKind::kSubquery, {});
        s->query = parse_query();
        s->span = span_from(qb);
        args.push(s);
      } else {
        Expr* a = parse_expr();
        // Special argument forms: EXTRACT(x FROM y), SUBSTRING(x FROM a FOR b),
        // POSITION(a IN b), TRIM(LEADING x FROM y), OVERLAY(.. PLACING ..), x AS type
        // (Teradata/BigQuery), GROUP_CONCAT(x SEPARATOR ','), ARRAY_AGG(x IGNORE NULLS).
        args.push(a);
        for (;;) {
          if (accept(Keyword::kFROM) || accept(Keyword::kFOR) || accept_word("PLACING") ||
              accept(Keyword::kIN)) {
            args.push(parse_expr());
          } else if (accept(Keyword::kAS)) {
            parse_type();
          } else if (at(Keyword::kHAVING) && (at_word("MAX", 1) || at_word("MIN", 1))) {
            advance();
            advance();
            args.push(parse_expr());
          } else if (accept_word("SEPARATOR")) {
            parse_primary();
          } else if ((at(Keyword::kIGNORE) || at(Keyword::kRESPECT)) && at(Keyword::kNULLS, 1)) {
            advance();
            advance();
          } else if (at(Keyword::kORDER) && at(Keyword::kBY, 1)) {
            f->order_by = parse_order_by_list();
          } else if (accept(Keyword::kLIMIT)) {
            parse_expr();
          } else if (accept(Keyword::kUSING)) {
            parse_identifier("a character set", true);
          } else if ((at(Keyword::kON) && at_word("OVERFLOW", 1))) {
            while (!at(TokenKind::kRightParen) && !at_statement_end()) advance();
          } else if (peek().kind == TokenKind::kWord && !at(Keyword::kAND) && !at(Keyword::kOR)) {
            // Function-specific clauses (JSON_TABLE .. COLUMNS (..), XMLTABLE .. PASSING,
            // RETURNING type, NULL ON NULL ...): kept as written, up to ',' or ')'.
            skip_to_comma_or_close();
          } else {
            break;
          }
        }
      }
      if (!accept(TokenKind::kComma)) break;
    }
  }
  expect(TokenKind::kRightParen, "')'");
  f->args = args.finish();
  if ((at(Keyword::kIGNORE) || at(Keyword::kRESPECT)) && at(Keyword::kNULLS, 1)) {
    advance();
    advance();
  }
  if (at(Keyword::kWITHIN) && at(Keyword::kGROUP, 1)) {
    advance();
    advance();
    expect(TokenKind::kLeftParen, "'('");
    f->within_group = parse_order_by_list();
    expect(TokenKind::kRightParen, "')'");
  }
  if (at_word("KEEP") && at(TokenKind::kLeftParen, 1)) {  // Oracle KEEP (DENSE_RANK FIRST ...)
    advance();
    skip_parens();
  }
  if (at(Keyword::kFILTER) && at(TokenKind::kLeftParen, 1)) {
    advance();
    advance();
    expect(Keyword::kWHERE);
    f->filter = parse_expr();
    expect(TokenKind::kRightParen, "')'");
  }
  if (accept(Keyword::kOVER)) {
    if (at(TokenKind::kLeftParen)) {
      f->over = parse_window_spec();
    } else {
      WindowSpec* w = make<WindowSpec>();
      w->base_window = parse_identifier("a window name", true);
      w->span = w->base_window.span;
      f->over = w;
    }
  }
  f->span = span_from(begin);
  return f;
}

WindowSpec* Parser::parse_window_spec() {
  std::uint32_t begin = peek().offset;
  expect(TokenKind::kLeftParen, "'('");
  WindowSpec* w = make<WindowSpec>();
  if (at_identifier() && !at(Keyword::kPARTITION) && !at(Keyword::kORDER) && !at(Keyword::kROWS) &&
      !at(Keyword::kRANGE) && !at_word("GROUPS"))
    w->base_window = parse_identifier("a window name");
  if (at(Keyword::kPARTITION) && at(Keyword::kBY, 1)) {
    advance();
    advance();
    w->partition_by = parse_expr_list();
  }
  if (at(Keyword::kORDER) && at(Keyword::kBY, 1)) w->order_by = parse_order_by_list();
  if (at(Keyword::kROWS) || at(Keyword::kRANGE) || at_word("GROUPS")) {
    std::uint32_t fb = peek().offset;
    int depth = 0;
    while (!(depth == 0 && at(TokenKind::kRightParen))) {
      if (at_statement_end()) fail("')'");
      if (at(TokenKind::kLeftParen)) ++depth;
      if (at(TokenKind::kRightParen)) --depth;
      advance();
    }
    w->frame = text(span_from(fb));
  }
  expect(TokenKind::kRightParen, "')'");
  w->span = span_from(begin);
  return w;
}

std::span<const OrderItem> Parser::parse_order_by_list() {
  expect(Keyword::kORDER);
  expect(Keyword::kBY);
  ListBuilder<OrderItem> items(arena_);
  do {
    OrderItem item;
    item.expr = parse_expr();
    if (accept(Keyword::kDESC))
      item.descending = true;
    else
      accept(Keyword::kASC);
    if (accept(Keyword::kNULLS)) {
      if (accept(Keyword::kFIRST))
        item.nulls = -1;
      else if (accept(Keyword::kLAST))
        item.nulls = 1;
      else
        fail("FIRST or LAST");
    }
    items.push(item);
  } while (accept(TokenKind::kComma));
  return items.finish();
}

Expr* Parser::parse_primary() {
  const Token t = peek();
  std::uint32_t begin = t.offset;
  Expr* e = nullptr;
  switch (t.kind) {
    case TokenKind::kNumber: {
      LiteralExpr* l = node<LiteralExpr>(arena_, ExprKind::kLiteral, {t.offset, t.end()});
      l->literal_kind = LiteralKind::kNumber;
      l->text = text(t);
      advance();
      e = l;
      break;
    }
    case TokenKind::kString: {
      LiteralExpr* l = node<LiteralExpr>(arena_, ExprKind::kLiteral, {t.offset, t.end()});
      l->literal_kind = LiteralKind::kString;
      l->text = text(t);
      advance();
      while (at(TokenKind::kString)) advance();  // 'a' 'b' concatenation (MySQL, PostgreSQL)
      l->span = span_from(begin);
      e = l;
      break;
    }
    case TokenKind::kParameter: {
      ParameterExpr* p = node<ParameterExpr>(arena_, ExprKind::kParameter, {t.offset, t.end()});
      p->text = text(t);
      advance();
      e = p;
      break;
    }
    case TokenKind::kLeftParen: {
      advance();
      if (at_query_start()) {
        // ((SELECT ..) + 1) starts like a subquery; fall back to an expression.
        std::size_t save = pos_;
        std::uint32_t save_end = last_end_;
        bool nested_paren = at(TokenKind::kLeftParen);
        try {
          SubqueryExpr* s = node<SubqueryExpr>(arena_, ExprKind::kSubquery, {});
          s->query = parse_query();
          expect(TokenKind::kRightParen, "')'");
          s->span = span_from(begin);
          e = s;
          break;
        } catch (const ParseFailure&) {
          if (!nested_paren) throw;
          pos_ = save;
          last_end_ = save_end;
        }
      }
      Expr* first = parse_expr();
      if (at(TokenKind::kComma)) {
        ListBuilder<Expr*> items(arena_);
        items.push(first);
        while (accept(TokenKind::kComma)) items.push(parse_expr());
        expect(TokenKind::kRightParen, "')'");
        ListExpr* l = node<ListExpr>(arena_, ExprKind::kList, span_from(begin));
        l->items = items.finish();
        l->constructor = "(";
        e = l;
        break;
      }
      expect(TokenKind::kRightParen, "')'");
      e = first;  // parentheses only group; the span of the inner node stays its own
      break;
    }
    case TokenKind::kLeftBracket:
    case TokenKind::kLeftBrace: {
      // [a, b] array literals (BigQuery, Snowflake, DuckDB); {'k': v} objects (Snowflake).
      bool brace = t.kind == TokenKind::kLeftBrace;
      advance();
      ListBuilder<Expr*> items(arena_);
      TokenKind close = brace ? TokenKind::kRightBrace : TokenKind::kRightBracket;
      if (!at(close)) {
        do {
          items.push(parse_expr());
          if (brace && (accept_op(":") || accept_op("=>"))) items.push(parse_expr());
          if (brace && at(TokenKind::kParameter) && text(peek()).front() == ':') advance();
        } while (accept(TokenKind::kComma));
      }
      expect(close, brace ? "'}'" : "']'");
      ListExpr* l = node<ListExpr>(arena_, ExprKind::kList, span_from(begin));
      l->items = items.finish();
      l->constructor = brace ? "{" : "[";
      e = l;
      break;
    }
    case TokenKind::kOperator: {
      std::string_view op = text(t);
      if (op == "*") {
        advance();
        StarExpr* s = node<StarExpr>(arena_, ExprKind::kStar, {t.offset, t.end()});
        e = s;
        break;
      }
      if (op == "-" || op == "+" || op == "~" || op == "!" || op == "@" || op == "|/") {
        advance();
        UnaryExpr* u = node<UnaryExpr>(arena_, ExprKind::kUnary, {});
        u->op = op;
        u->operand = parse_expr(kUnary);
        u->span = span_from(begin);
        return u;
      }
      fail("an expression");
    }
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kWord: {
      Keyword k = t.keyword;
      switch (k) {
        case Keyword::kNULL:
        case Keyword::kTRUE:
        case Keyword::kFALSE: {
          LiteralExpr* l = node<LiteralExpr>(arena_, ExprKind::kLiteral, {t.offset, t.end()});
          l->literal_kind = k == Keyword::kNULL ? LiteralKind::kNull : LiteralKind::kBoolean;
          l->text = text(t);
          advance();
          e = l;
          break;
        }
        case Keyword::kCASE: e = parse_case(); break;
        case Keyword::kCAST:
          if (at(TokenKind::kLeftParen, 1)) e = parse_cast(CastSyntax::kCast);
          break;
        case Keyword::kTRY_CAST:
          if (at(TokenKind::kLeftParen, 1)) e = parse_cast(CastSyntax::kTryCast);
          break;
        case Keyword::kSAFE_CAST:
          if (at(TokenKind::kLeftParen, 1)) e = parse_cast(CastSyntax::kSafeCast);
          break;
        case Keyword::kCONVERT:
          if (at(TokenKind::kLeftParen, 1)) e = parse_cast(CastSyntax::kConvert);
          break;
        case Keyword::kEXISTS:
          if (at(TokenKind::kLeftParen, 1)) {
            advance();
            advance();
            SubqueryExpr* s = node<SubqueryExpr>(arena_, ExprKind::kExists, {});
            s->query = parse_query();
            expect(TokenKind::kRightParen, "')'");
            s->span = span_from(begin);
            e = s;
          }
          break;
        case Keyword::kINTERVAL: {
          if (at(TokenKind::kLeftParen, 1) && !at(TokenKind::kString, 1))
            break;  // interval(x) function
          advance();
          IntervalExpr* iv = node<IntervalExpr>(arena_, ExprKind::kInterval, {});
          iv->value = parse_expr(kMultiply);
          std::uint32_t ub = peek().offset;
          bool unit = false;
          while (peek().kind == TokenKind::kWord &&
                 (at(Keyword::kYEAR) || at(Keyword::kMONTH) || at(Keyword::kDAY) ||
                  at(Keyword::kHOUR) || at(Keyword::kMINUTE) || at(Keyword::kSECOND) ||
                  at(Keyword::kTO) || at_word("YEARS") || at_word("MONTHS") || at_word("DAYS") ||
                  at_word("HOURS") || at_word("MINUTES") || at_word("SECONDS") || at_word("WEEK") ||
                  at_word("WEEKS") || at_word("QUARTER") || at_word("MICROSECOND") ||
                  at_word("MILLISECOND"))) {
            advance();
            if (at(TokenKind::kLeftParen)) skip_parens();
            unit = true;
          }
          if (unit) iv->unit = text(span_from(ub));
          iv->span = span_from(begin);
          e = iv;
          break;
        }
        case Keyword::kARRAY:
          if (at(TokenKind::kLeftBracket, 1)) {
            advance();
            advance();
            ListBuilder<Expr*> items(arena_);
            if (!at(TokenKind::kRightBracket)) {
              do items.push(parse_expr());
              while (accept(TokenKind::kComma));
            }
            expect(TokenKind::kRightBracket, "']'");
            ListExpr* l = node<ListExpr>(arena_, ExprKind::kList, span_from(begin));
            l->items = items.finish();
            l->constructor = "ARRAY";
            e = l;
          } else if (at_op("<", 1)) {  // ARRAY<INT64>[1, 2]
            advance();
            parse_type();
            return parse_postfix(parse_primary());
          }
          break;
        default: break;
      }
      if (e) break;
      // Typed literals: DATE '2020-01-01', TIMESTAMP '...', JSON '...', NUMERIC '1'.
      if (t.kind == TokenKind::kWord && at(TokenKind::kString, 1) && !is_reserved(k)) {
        advance();
        advance();
        LiteralExpr* l = node<LiteralExpr>(arena_, ExprKind::kLiteral, span_from(begin));
        l->literal_kind = LiteralKind::kOther;
        l->text = text(l->span);
        e = l;
        break;
      }
      if (caps_.connect_by && (k == Keyword::kPRIOR || at_word("CONNECT_BY_ROOT")) &&
          at_identifier(true, 1) && !at(TokenKind::kLeftParen, 1)) {
        Token op = advance();
        UnaryExpr* u = node<UnaryExpr>(arena_, ExprKind::kUnary, {});
        u->op = text(op);
        u->operand = parse_primary();
        u->span = span_from(begin);
        return u;
      }
      if (k == Keyword::kNEXT && at(Keyword::kVALUE, 1) &&
          at(Keyword::kFOR, 2)) {  // T-SQL sequences
        advance();
        advance();
        advance();
        ObjectName seq = parse_object_name("a sequence name");
        FunctionExpr* f = node<FunctionExpr>(arena_, ExprKind::kFunction, span_from(begin));
        f->name = seq;
        e = f;
        break;
      }
      // Reserved words still name functions (LEFT(, ISNULL(, OFFSET(, IF() and qualify
      // columns (BigQuery `table.dataset_id`).
      if (t.kind == TokenKind::kWord && is_reserved(k) && !at(TokenKind::kLeftParen, 1) &&
          !at(TokenKind::kDot, 1))
        fail("an expression");
      // Name, qualified name, qualified star, or function call.
      ListBuilder<Identifier, 4> parts(arena_);
      parts.push(parse_identifier("an expression", true));
      bool star = false;
      while (at(TokenKind::kDot)) {
        if (at_op("*", 1)) {
          advance();
          advance();
          star = true;
          break;
        }
        if (at(TokenKind::kParameter, 1) && text(peek(1)).front() == '$') {  // Snowflake t.$1
          advance();
          Token p = advance();
          Identifier id;
          id.text = text(p);
          id.span = {p.offset, p.end()};
          parts.push(id);
          continue;
        }
        if (!at_identifier(true, 1)) break;
        advance();
        parts.push(parse_identifier("a name", true));
      }
      if (star) {
        StarExpr* s = node<StarExpr>(arena_, ExprKind::kStar, span_from(begin));
        s->qualifier = parts.finish();
        e = s;
        break;
      }
      if (caps_.outer_join_plus && at(TokenKind::kLeftParen) && at_op("+", 1) &&
          at(TokenKind::kRightParen, 2)) {
        advance();
        advance();
        advance();
      }
      if (at(TokenKind::kLeftParen)) {
        ObjectName name;
        name.parts = parts.finish();
        name.span = span_from(begin);
        e = parse_function_call(name, begin);
        break;
      }
      ColumnRefExpr* c = node<ColumnRefExpr>(arena_, ExprKind::kColumnRef, span_from(begin));
      c->parts = parts.finish();
      e = c;
      break;
    }
    case TokenKind::kError: fail("a closing quote or comment end");
    default: fail("an expression");
  }
  return parse_postfix(e);
}

Expr* Parser::parse_postfix(Expr* e) {
  std::uint32_t begin = e->span.begin;
  for (;;) {
    const Token t = peek();
    if (t.kind == TokenKind::kOperator && text(t) == "::") {
      advance();
      CastExpr* c = node<CastExpr>(arena_, ExprKind::kCast, {});
      c->syntax = CastSyntax::kDoubleColon;
      c->operand = e;
      c->type = parse_type();
      c->span = span_from(begin);
      e = c;
    } else if (t.kind == TokenKind::kLeftBracket) {
      advance();
      SubscriptExpr* s = node<SubscriptExpr>(arena_, ExprKind::kSubscript, {});
      s->base = e;
      if (!at_op(":")) s->index = parse_expr();
      if (accept_op(":") && !at(TokenKind::kRightBracket))
        parse_expr();
      else if (at(TokenKind::kParameter) && text(peek()).front() == ':')
        advance();  // a[1:2]
      expect(TokenKind::kRightBracket, "']'");
      s->span = span_from(begin);
      e = s;
    } else if (t.kind == TokenKind::kDot && at_op("*", 1)) {  // (composite).*
      advance();
      Token star = advance();
      FieldAccessExpr* f = node<FieldAccessExpr>(arena_, ExprKind::kFieldAccess, {});
      f->base = e;
      f->field.text = "*";
      f->field.span = {star.offset, star.end()};
      f->span = span_from(begin);
      e = f;
    } else if (t.kind == TokenKind::kDot && at_identifier(true, 1)) {
      advance();
      FieldAccessExpr* f = node<FieldAccessExpr>(arena_, ExprKind::kFieldAccess, {});
      f->base = e;
      f->field = parse_identifier("a field name", true);
      f->span = span_from(begin);
      e = f;
    } else if (t.kind == TokenKind::kParameter && text(t).front() == ':' &&
               t.offset == e->span.end) {
      // Snowflake semi-structured path: v:field.sub
      Token p = advance();
      FieldAccessExpr* f = node<FieldAccessExpr>(arena_, ExprKind::kFieldAccess, {});
      f->base = e;
      f->field.text = text(p).substr(1);
      f->field.span = {p.offset + 1, p.end()};
      f->span = span_from(begin);
      e = f;
    } else if (t.keyword == Keyword::kCOLLATE) {
      advance();
      CollateExpr* c = node<CollateExpr>(arena_, ExprKind::kCollate, {});
      c->operand = e;
      if (at(TokenKind::kString))
        c->collation = text(advance());
      else
        c->collation = text(parse_object_name("a collation").span);
      c->span = span_from(begin);
      e = c;
    } else if (t.keyword == Keyword::kAT && at(Keyword::kTIME, 1) && at(Keyword::kZONE, 2)) {
      advance();
      advance();
      advance();
      BinaryExpr* b = node<BinaryExpr>(arena_, ExprKind::kBinary, {});
      b->op = "AT TIME ZONE";
      b->left = e;
      b->right = parse_expr(kUnary);
      b->span = span_from(begin);
      e = b;
    } else if (t.kind == TokenKind::kOperator && text(t) == "(+)") {
      advance();
    } else {
      return e;
    }
  }
}

}  // namespace godwit::sql
