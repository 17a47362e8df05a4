// Walking a mapping expression's AST for the optimisation rules.
#include "codegen/expression_facts.hpp"

#include <algorithm>
#include <cctype>

#include "sql/ast/expr_walk.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::codegen {

namespace {

using namespace godwit::sql;

std::string normalise(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

bool is_comparison(std::string_view op) {
  static constexpr std::string_view kOps[] = {"=", "<", ">", "<=", ">=", "<>", "!=", "LIKE"};
  std::string u = normalise(op);
  return std::find(std::begin(kOps), std::end(kOps), u) != std::end(kOps);
}

bool computes(const Expr* e) {
  if (!e) return false;
  if (e->kind == ExprKind::kFunction || e->kind == ExprKind::kCast) return true;
  if (e->kind == ExprKind::kBinary) return true;  // arithmetic or concatenation
  return false;
}

class Walker {
 public:
  Walker(const ParseResult& parsed, ExpressionFacts& facts) : parsed_(parsed), facts_(facts) {}

  void expr(const Expr* e, bool in_subquery) {
    if (!e) return;
    switch (e->kind) {
      case ExprKind::kColumnRef: {
        if (in_subquery) break;
        facts_.reads_columns = true;
        const auto* c = static_cast<const ColumnRefExpr*>(e);
        if (c->parts.size() >= 2)
          add_unique(facts_.qualifiers, std::string(c->parts[c->parts.size() - 2].text));
        break;
      }
      case ExprKind::kFunction: {
        const auto* f = static_cast<const FunctionExpr*>(e);
        std::pair<std::string, int> call{normalise(f->name.empty() ? "" : f->name.last().text),
                                         static_cast<int>(f->args.size())};
        if (!call.first.empty() && std::find(facts_.functions.begin(), facts_.functions.end(),
                                             call) == facts_.functions.end())
          facts_.functions.push_back(std::move(call));
        break;
      }
      case ExprKind::kBinary: {
        const auto* b = static_cast<const BinaryExpr*>(e);
        if (!in_subquery && is_comparison(b->op)) {
          comparison(e, b->left, {b->right});
          comparison(e, b->right, {b->left});
        }
        break;
      }
      case ExprKind::kBetween: {
        const auto* b = static_cast<const BetweenExpr*>(e);
        if (!in_subquery) comparison(e, b->operand, {b->low, b->high});
        break;
      }
      case ExprKind::kIn: {
        const auto* in = static_cast<const InExpr*>(e);
        if (!in_subquery && !in->query)
          comparison(e, in->operand, std::vector<const Expr*>(in->list.begin(), in->list.end()));
        break;
      }
      default: break;
    }
    const bool exists = e->kind == ExprKind::kExists;
    for_each_child(
        *e, [&](const Expr& child) { expr(&child, in_subquery); },
        [&](const Query& q) { query(&q, !exists); });
  }

  void query(const Query* q, bool counts_star) {
    if (!q) return;
    facts_.subqueries.push_back(normalise(parsed_.text(q->span)));
    for (const Cte& cte : q->ctes) query(cte.query, counts_star);
    body(q->body, counts_star);
  }

 private:
  void body(const QueryBody* b, bool counts_star) {
    if (!b) return;
    switch (b->kind) {
      case QueryBodyKind::kSelect: {
        const auto* s = static_cast<const SelectBody*>(b);
        for (const SelectItem& item : s->items) {
          if (counts_star && item.expr && item.expr->kind == ExprKind::kStar)
            facts_.select_star = true;
          expr(item.expr, true);
        }
        for (const TableRef* t : s->from) table(t, counts_star);
        expr(s->where, true);
        expr(s->having, true);
        break;
      }
      case QueryBodyKind::kSetOperation: {
        const auto* s = static_cast<const SetOperationBody*>(b);
        body(s->left, counts_star);
        body(s->right, counts_star);
        break;
      }
      case QueryBodyKind::kNested:
        query(static_cast<const NestedQueryBody*>(b)->query, counts_star);
        break;
      case QueryBodyKind::kValues: break;
    }
  }

  void table(const TableRef* t, bool counts_star) {
    if (!t) return;
    if (t->kind == TableRefKind::kDerived) {
      query(static_cast<const DerivedTableRef*>(t)->query, counts_star);
    } else if (t->kind == TableRefKind::kJoin) {
      const auto* j = static_cast<const JoinTableRef*>(t);
      table(j->left, counts_star);
      table(j->right, counts_star);
      expr(j->on, true);
    }
  }

  /// `side` compared with `others`: non-sargable when `side` computes from a column and
  /// none of `others` reads one.
  void comparison(const Expr* whole, const Expr* side, const std::vector<const Expr*>& others) {
    if (!computes(side)) return;
    std::vector<const ColumnRefExpr*> cols = column_refs(side);
    if (cols.empty()) return;
    for (const Expr* o : others)
      if (!o || !column_refs(o).empty() || o->kind == ExprKind::kSubquery) return;
    facts_.non_sargable.emplace_back(parsed_.text(whole->span));
    facts_.wrapped_columns.emplace_back(cols.front()->parts.back().text);
  }

  const ParseResult& parsed_;
  ExpressionFacts& facts_;
};

/// The one expression of "SELECT <expression>", or nullptr.
const Expr* only_expression(const ParseResult& parsed) {
  if (parsed.has_errors() || parsed.statements.size() != 1 ||
      parsed.statements[0]->kind != StatementKind::kQuery)
    return nullptr;
  const auto* q = static_cast<const QueryStatement*>(parsed.statements[0]);
  if (!q->query || !q->query->body || q->query->body->kind != QueryBodyKind::kSelect)
    return nullptr;
  const auto* body = static_cast<const SelectBody*>(q->query->body);
  if (body->items.size() != 1 || !body->from.empty() || body->where) return nullptr;
  return body->items[0].expr;
}

bool collect_equalities(const Expr* e, std::vector<ColumnEquality>& out) {
  if (!e || e->kind != ExprKind::kBinary) return false;
  const auto* b = static_cast<const BinaryExpr*>(e);
  const std::string op = normalise(b->op);
  if (op == "AND") return collect_equalities(b->left, out) && collect_equalities(b->right, out);
  if (op != "=" || !b->left || !b->right || b->left->kind != ExprKind::kColumnRef ||
      b->right->kind != ExprKind::kColumnRef)
    return false;
  const auto* l = static_cast<const ColumnRefExpr*>(b->left);
  const auto* r = static_cast<const ColumnRefExpr*>(b->right);
  if (l->parts.size() != 2 || r->parts.size() != 2) return false;
  out.push_back({std::string(l->parts[0].text), std::string(l->parts[1].text),
                 std::string(r->parts[0].text), std::string(r->parts[1].text)});
  return true;
}

}  // namespace

std::optional<std::vector<ColumnEquality>> equi_join(std::string_view expression,
                                                     std::string_view dialect) {
  if (expression.empty()) return std::nullopt;
  ParseResult parsed = parse_sql("SELECT " + std::string(expression), dialect_by_name(dialect));
  std::vector<ColumnEquality> out;
  if (!collect_equalities(only_expression(parsed), out)) return std::nullopt;
  return out;
}

ExpressionFacts analyze_expression(std::string_view expression, std::string_view dialect) {
  ExpressionFacts facts;
  if (expression.empty()) return facts;
  ParseResult parsed = parse_sql("SELECT " + std::string(expression), dialect_by_name(dialect));
  const Expr* e = only_expression(parsed);
  if (!e) return facts;
  facts.parses = true;
  Walker(parsed, facts).expr(e, false);
  return facts;
}

}  // namespace godwit::codegen
