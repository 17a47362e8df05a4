// Children of each expression kind.
#include "sql/ast/expr_walk.hpp"

#include <algorithm>

namespace godwit::sql {

void for_each_child(const Expr& e, const std::function<void(const Expr&)>& on_expr,
                    const std::function<void(const Query&)>& on_query) {
  auto visit = [&](const Expr* child) {
    if (child) on_expr(*child);
  };
  auto visit_query = [&](const Query* q) {
    if (q && on_query) on_query(*q);
  };
  switch (e.kind) {
    case ExprKind::kLiteral:
    case ExprKind::kColumnRef:
    case ExprKind::kStar:
    case ExprKind::kParameter: return;
    case ExprKind::kUnary: visit(static_cast<const UnaryExpr&>(e).operand); return;
    case ExprKind::kBinary: {
      auto& b = static_cast<const BinaryExpr&>(e);
      visit(b.left);
      visit(b.right);
      return;
    }
    case ExprKind::kFunction: {
      auto& f = static_cast<const FunctionExpr&>(e);
      for (const Expr* a : f.args) visit(a);
      for (const OrderItem& o : f.order_by) visit(o.expr);
      for (const OrderItem& o : f.within_group) visit(o.expr);
      visit(f.filter);
      if (f.over) {
        for (const Expr* p : f.over->partition_by) visit(p);
        for (const OrderItem& o : f.over->order_by) visit(o.expr);
      }
      return;
    }
    case ExprKind::kCast: visit(static_cast<const CastExpr&>(e).operand); return;
    case ExprKind::kCase: {
      auto& c = static_cast<const CaseExpr&>(e);
      visit(c.operand);
      for (const WhenClause& w : c.whens) {
        visit(w.condition);
        visit(w.result);
      }
      visit(c.else_result);
      return;
    }
    case ExprKind::kSubquery:
    case ExprKind::kExists: visit_query(static_cast<const SubqueryExpr&>(e).query); return;
    case ExprKind::kIn: {
      auto& i = static_cast<const InExpr&>(e);
      visit(i.operand);
      for (const Expr* x : i.list) visit(x);
      visit_query(i.query);
      return;
    }
    case ExprKind::kBetween: {
      auto& b = static_cast<const BetweenExpr&>(e);
      visit(b.operand);
      visit(b.low);
      visit(b.high);
      return;
    }
    case ExprKind::kIs: {
      auto& i = static_cast<const IsExpr&>(e);
      visit(i.operand);
      visit(i.other);
      return;
    }
    case ExprKind::kInterval: visit(static_cast<const IntervalExpr&>(e).value); return;
    case ExprKind::kList:
      for (const Expr* x : static_cast<const ListExpr&>(e).items) visit(x);
      return;
    case ExprKind::kCollate: visit(static_cast<const CollateExpr&>(e).operand); return;
    case ExprKind::kSubscript: {
      auto& s = static_cast<const SubscriptExpr&>(e);
      visit(s.base);
      visit(s.index);
      return;
    }
    case ExprKind::kFieldAccess: visit(static_cast<const FieldAccessExpr&>(e).base); return;
    case ExprKind::kLambda: visit(static_cast<const LambdaExpr&>(e).body); return;
  }
}

std::vector<const ColumnRefExpr*> column_refs(const Expr* e) {
  std::vector<const ColumnRefExpr*> out;
  if (!e) return out;
  // Iterative depth-first walk: expressions can nest deeply.
  std::vector<const Expr*> stack{e};
  while (!stack.empty()) {
    const Expr* x = stack.back();
    stack.pop_back();
    if (x->kind == ExprKind::kColumnRef) {
      out.push_back(static_cast<const ColumnRefExpr*>(x));
      continue;
    }
    std::size_t mark = stack.size();
    for_each_child(*x, [&](const Expr& child) { stack.push_back(&child); });
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());  // source order
  }
  return out;
}

}  // namespace godwit::sql
