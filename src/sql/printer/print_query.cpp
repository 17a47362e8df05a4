// Queries in the target dialect: WITH, SELECT bodies, set operations, VALUES, table
// references and joins, ORDER BY with the target's NULL ordering, and the row limit in the
// target's syntax (LIMIT, TOP, or OFFSET/FETCH).
#include "sql/printer/printer_impl.hpp"

namespace godwit::sql {
namespace {

bool is_rownum(const Expr* e) {
  if (!e || e->kind != ExprKind::kColumnRef) return false;
  auto* c = static_cast<const ColumnRefExpr*>(e);
  return c->parts.size() == 1 && !c->parts[0].quoted && iequals(c->parts[0].text, "ROWNUM");
}

/// ROWNUM <= n, ROWNUM < n, n >= ROWNUM: the bound and whether it is exclusive.
const Expr* rownum_bound(const Expr* e, bool& exclusive) {
  if (!e || e->kind != ExprKind::kBinary) return nullptr;
  auto* b = static_cast<const BinaryExpr*>(e);
  if (is_rownum(b->left) && (b->op == "<=" || b->op == "<")) {
    exclusive = b->op == "<";
    return b->right;
  }
  if (is_rownum(b->right) && (b->op == ">=" || b->op == ">")) {
    exclusive = b->op == ">";
    return b->left;
  }
  return nullptr;
}

}  // namespace

/// Oracle's WHERE ROWNUM <= n (alone or AND-ed at the top of the WHERE) becomes the row
/// limit; `rest` is what remains of the WHERE.
const Expr* Printer::rownum_limit(const SelectBody& s, const Expr*& rest, bool& exclusive) {
  rest = s.where;
  if (same_ || !src_.rownum || !s.where) return nullptr;
  if (const Expr* bound = rownum_bound(s.where, exclusive)) {
    rest = nullptr;
    return bound;
  }
  if (s.where->kind == ExprKind::kBinary) {
    auto* b = static_cast<const BinaryExpr*>(s.where);
    if (iequals(b->op, "AND")) {
      if (const Expr* bound = rownum_bound(b->right, exclusive)) {
        rest = b->left;
        return bound;
      }
      if (const Expr* bound = rownum_bound(b->left, exclusive)) {
        rest = b->right;
        return bound;
      }
    }
  }
  return nullptr;
}

std::string Printer::ctes(std::span<const Cte> list, bool recursive) {
  if (list.empty()) return {};
  std::string out = recursive ? "WITH RECURSIVE " : "WITH ";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Cte& c = list[i];
    if (i) out += "," + nl();
    out += ident(c.name);
    if (!c.columns.empty()) out += " (" + idents(c.columns) + ")";
    out += " AS (";
    {
      Indent in(*this);
      out += (options_.pretty ? nl() : "") + query(c.query);
    }
    out += (options_.pretty ? nl() : "") + ")";
  }
  return out + nl();
}

std::string Printer::query(const Query* q) {
  if (!q) return {};
  std::string out = ctes(q->ctes, q->recursive);
  out += query_body(q->body, q);
  if (!q->order_by.empty()) out += nl() + "ORDER BY " + order_items(q->order_by);
  const Expr* limit = q->limit;
  std::string limit_sql;
  if (!same_ && !limit && q->body && q->body->kind == QueryBodyKind::kSelect) {
    const SelectBody& s = *static_cast<const SelectBody*>(q->body);
    const Expr* rest = nullptr;
    bool exclusive = false;
    if (const Expr* bound = rownum_limit(s, rest, exclusive)) {
      limit = bound;
      if (exclusive) {
        std::string n = expr(bound, 7, false);
        bool digits =
            !n.empty() && n.size() < 18 && n.find_first_not_of("0123456789") == std::string::npos;
        limit_sql = digits ? std::to_string(std::stoll(n) - 1) : n + " - 1";
      }
      if (!q->order_by.empty())
        downgrade(Fidelity::kApproximate, s.where->span,
                  "Oracle applies ROWNUM before ORDER BY (any n rows, then sorted); the "
                  "limit is applied after sorting");
    } else if (tgt_.limit != LimitSyntax::kTop) {
      limit = s.top;  // TOP n -> LIMIT n
    }
  }
  auto limit_text = [&]() { return limit_sql.empty() ? expr(limit) : limit_sql; };
  bool top_in_select = !same_ && tgt_.limit == LimitSyntax::kTop && !q->offset && q->body &&
                       q->body->kind == QueryBodyKind::kSelect;
  if (limit && top_in_select) return out;  // printed as TOP by select()
  if (!limit && !q->offset) return out;
  LimitSyntax syntax = tgt_.limit;
  if (syntax == LimitSyntax::kTop) syntax = LimitSyntax::kFetch;
  if (syntax == LimitSyntax::kLimit) {
    if (limit) out += nl() + "LIMIT " + limit_text();
    if (q->offset) {
      if (!limit && tgt_.limit_required_for_offset)
        out += nl() + "LIMIT " + std::string(tgt_.limit_all);
      out += nl() + "OFFSET " + expr(q->offset);
    }
    return out;
  }
  if (q->order_by.empty() && tgt_.limit == LimitSyntax::kTop) {
    out += nl() + "ORDER BY (SELECT NULL)";
    downgrade(Fidelity::kApproximate, q->span,
              "OFFSET needs an ORDER BY in the target; ORDER BY (SELECT NULL) added, the rows "
              "skipped are unspecified");
  }
  if (q->offset || tgt_.limit == LimitSyntax::kTop) {
    out += nl() + "OFFSET " + (q->offset ? expr(q->offset) : std::string("0")) + " ROWS";
    if (limit) out += " FETCH NEXT " + limit_text() + " ROWS ONLY";
  } else if (limit) {
    out += nl() + "FETCH FIRST " + limit_text() + " ROWS ONLY";
  }
  return out;
}

std::string Printer::query_body(const QueryBody* b, const Query* owner) {
  if (!b) return {};
  switch (b->kind) {
    case QueryBodyKind::kSelect: return select(*static_cast<const SelectBody*>(b), owner);
    case QueryBodyKind::kSetOperation: {
      auto* s = static_cast<const SetOperationBody*>(b);
      std::string op = s->op == SetOperator::kUnion    ? "UNION"
                       : s->op == SetOperator::kExcept ? std::string(tgt_.minus_keyword)
                                                       : "INTERSECT";
      if (same_ && s->op == SetOperator::kExcept) {
        std::string_view written = parsed_.text({s->left->span.end, s->right->span.begin});
        if (written.find("MINUS") != std::string_view::npos ||
            written.find("minus") != std::string_view::npos)
          op = "MINUS";
        else
          op = "EXCEPT";
      }
      if (s->all)
        op += " ALL";
      else if (tgt_.set_operator_distinct)
        op += " DISTINCT";
      std::string right = query_body(s->right, nullptr);
      bool wrap = s->right->kind == QueryBodyKind::kSetOperation &&
                  !(static_cast<const SetOperationBody*>(s->right)->op == SetOperator::kIntersect &&
                    s->op != SetOperator::kIntersect);
      if (wrap) right = "(" + right + ")";
      std::string left = query_body(s->left, nullptr);
      if (s->left->kind == QueryBodyKind::kSetOperation && s->op == SetOperator::kIntersect &&
          static_cast<const SetOperationBody*>(s->left)->op != SetOperator::kIntersect)
        left = "(" + left + ")";
      return left + nl() + op + nl() + right;
    }
    case QueryBodyKind::kValues: {
      auto* v = static_cast<const ValuesBody*>(b);
      std::string out = "VALUES ";
      for (std::size_t i = 0; i < v->rows.size(); ++i) {
        if (i) out += "," + nl() + (options_.pretty ? "  " : "");
        const ListExpr* row = v->rows[i];
        out += "(" + exprs(row->items) + ")";
      }
      return out;
    }
    case QueryBodyKind::kNested:
      return "(" + query(static_cast<const NestedQueryBody*>(b)->query) + ")";
  }
  return {};
}

std::string Printer::select(const SelectBody& s, const Query* owner) {
  std::string out = "SELECT ";
  if (s.distinct) {
    out += "DISTINCT ";
    if (!s.distinct_on.empty()) {
      if (same_ || tgt_.distinct_on)
        out += "ON (" + exprs(s.distinct_on) + ") ";
      else
        out += unsupported(s.span, "DISTINCT ON") + " ";
    }
  }
  const Expr* top = s.top;
  const Expr* where = s.where;
  bool exclusive = false;
  const Expr* rownum = rownum_limit(s, where, exclusive);
  if (!same_ && tgt_.limit == LimitSyntax::kTop && owner && !owner->offset) {
    if (owner->limit) top = owner->limit;
    if (rownum && !owner->limit) top = rownum;
  }
  if (top && (same_ || tgt_.limit == LimitSyntax::kTop)) {
    std::string n = expr(top);
    if (top == rownum && exclusive) n = "(" + n + ") - 1";
    bool simple = top->kind == ExprKind::kLiteral || top->kind == ExprKind::kParameter;
    out += "TOP " + (simple ? n : "(" + n + ")") + " ";
  }
  {
    Indent in(*this);
    for (std::size_t i = 0; i < s.items.size(); ++i) {
      const SelectItem& item = s.items[i];
      if (i) out += "," + (options_.pretty ? nl() : std::string(" "));
      out += expr(item.expr);
      if (!item.alias.empty()) out += " AS " + ident(item.alias);
    }
  }
  if (!s.into.empty()) {
    if (same_)
      out += nl() + "INTO " + name(s.into);
    else
      out += nl() + unsupported(s.into.span, "SELECT ... INTO (create table from a query)");
  }
  bool only_dual =
      !same_ && !tgt_.dual_table && s.from.size() == 1 && s.from[0]->kind == TableRefKind::kNamed &&
      static_cast<const NamedTableRef*>(s.from[0])->name.parts.size() == 1 &&
      iequals(static_cast<const NamedTableRef*>(s.from[0])->name.parts[0].text, "DUAL");
  if (!s.from.empty() && !only_dual) {
    out += nl() + "FROM ";
    for (std::size_t i = 0; i < s.from.size(); ++i) {
      if (i) out += ", ";
      out += table_ref(s.from[i]);
    }
  }
  if (where) out += nl() + "WHERE " + expr(where);
  if (!s.group_by.empty()) out += nl() + "GROUP BY " + exprs(s.group_by);
  if (s.group_by_modifier.end > s.group_by_modifier.begin) {  // MySQL WITH ROLLUP / CUBE
    if (same_)
      out += " " + std::string(parsed_.text(s.group_by_modifier));
    else
      out += " " + unsupported(s.group_by_modifier,
                               "GROUP BY ... " + std::string(parsed_.text(s.group_by_modifier)) +
                                   " (write GROUP BY ROLLUP(...) in the target)");
  }
  if (s.having) out += nl() + "HAVING " + expr(s.having);
  if (s.qualify) {
    if (same_ || tgt_.qualify)
      out += nl() + "QUALIFY " + expr(s.qualify);
    else
      out += nl() + unsupported(s.qualify->span, "QUALIFY");
  }
  if (!s.windows.empty()) {
    out += nl() + "WINDOW ";
    for (std::size_t i = 0; i < s.windows.size(); ++i) {
      if (i) out += ", ";
      out += ident(s.windows[i].name) + " AS (" + window(*s.windows[i].spec) + ")";
    }
  }
  return out;
}

std::string Printer::table_ref(const TableRef* t) {
  if (!t) return {};
  std::string out;
  switch (t->kind) {
    case TableRefKind::kNamed: out = name(static_cast<const NamedTableRef*>(t)->name); break;
    case TableRefKind::kDerived:
    case TableRefKind::kValues: {
      auto* d = static_cast<const DerivedTableRef*>(t);
      if (d->lateral) out = "LATERAL ";
      Indent in(*this);
      out += "(" + (options_.pretty ? nl() : "") + query(d->query) + ")";
      break;
    }
    case TableRefKind::kFunction: {
      auto* f = static_cast<const FunctionTableRef*>(t);
      if (f->lateral) out = "LATERAL ";
      out += expr(f->call);
      break;
    }
    case TableRefKind::kJoin: {
      auto* j = static_cast<const JoinTableRef*>(t);
      out = table_ref(j->left);
      std::string right = table_ref(j->right);
      if (j->right->kind == TableRefKind::kJoin) right = "(" + right + ")";
      if (j->join_kind == JoinKind::kComma) return out + ", " + right;
      std::string kw = j->natural ? "NATURAL " : "";
      // MySQL, Snowflake and Spark accept JOIN without ON (a cross join filtered by WHERE);
      // the other dialects require a condition, so a translated one is a CROSS JOIN.
      bool bare =
          j->join_kind == JoinKind::kInner && !j->on && j->using_columns.empty() && !j->natural;
      switch (j->join_kind) {
        case JoinKind::kInner: kw += bare && !same_ ? "CROSS JOIN" : "JOIN"; break;
        case JoinKind::kLeft: kw += "LEFT JOIN"; break;
        case JoinKind::kRight: kw += "RIGHT JOIN"; break;
        case JoinKind::kFull: kw += "FULL JOIN"; break;
        case JoinKind::kCross: kw += "CROSS JOIN"; break;
        case JoinKind::kSemi: kw += "LEFT SEMI JOIN"; break;
        case JoinKind::kAnti: kw += "LEFT ANTI JOIN"; break;
        case JoinKind::kCrossApply: kw += "CROSS APPLY"; break;
        case JoinKind::kOuterApply: kw += "OUTER APPLY"; break;
        case JoinKind::kComma: break;
      }
      bool semi = j->join_kind == JoinKind::kSemi || j->join_kind == JoinKind::kAnti;
      bool apply = j->join_kind == JoinKind::kCrossApply || j->join_kind == JoinKind::kOuterApply;
      if (!same_ && apply && !tgt_.apply_join && tgt_.lateral_join) {
        // CROSS APPLY f(..) = CROSS JOIN LATERAL f(..); OUTER APPLY = LEFT JOIN LATERAL .. ON TRUE.
        bool outer = j->join_kind == JoinKind::kOuterApply;
        return out + nl() + (outer ? "LEFT JOIN LATERAL " : "CROSS JOIN LATERAL ") + right +
               (outer ? " ON TRUE" : "");
      }
      if (!same_ && ((semi && !tgt_.semi_join) || (apply && !tgt_.apply_join)))
        return out + nl() + unsupported(j->span, kw);
      out += nl() + kw + " " + right;
      if (j->on) out += " ON " + expr(j->on);
      if (!j->using_columns.empty()) out += " USING (" + idents(j->using_columns) + ")";
      return out;
    }
  }
  if (!t->alias.empty()) {
    out += (tgt_.table_alias_as ? " AS " : " ") + ident(t->alias);
    if (!t->column_aliases.empty()) out += " (" + idents(t->column_aliases) + ")";
  }
  return out;
}

}  // namespace godwit::sql
