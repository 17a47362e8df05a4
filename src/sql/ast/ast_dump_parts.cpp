// The expression, type, table-reference and query parts of the compact AST dump.
#include "sql/ast/ast_dump_parts.hpp"

namespace godwit::sql::dump_parts {

void put_id(std::string& out, const Identifier& id) {
  if (id.quoted) {
    out += '"';
    out += id.text;
    out += '"';
  } else {
    out += id.text;
  }
}

void put_ids(std::string& out, std::span<const Identifier> ids, std::string_view sep) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += sep;
    put_id(out, ids[i]);
  }
}

void put_list(std::string& out, std::span<Expr* const> items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += ' ';
    put_expr(out, items[i]);
  }
}

void put_order(std::string& out, std::span<const OrderItem> items) {
  for (const OrderItem& o : items) {
    out += ' ';
    put_expr(out, o.expr);
    if (o.descending) out += ":desc";
    if (o.nulls < 0) out += ":nulls-first";
    if (o.nulls > 0) out += ":nulls-last";
  }
}

void put_type(std::string& out, const TypeName* t) {
  if (!t) {
    out += "-";
    return;
  }
  out += t->base_name;
  if (!t->params.empty()) {
    out += t->angle_params ? '<' : '(';
    for (std::size_t i = 0; i < t->params.size(); ++i) {
      if (i) out += ',';
      out += t->params[i];
    }
    out += t->angle_params ? '>' : ')';
  }
  if (!t->modifiers.empty()) {
    out += ' ';
    out += t->modifiers;
  }
  out += t->array_suffix;
}

void put_expr(std::string& out, const Expr* e) {
  if (!e) {
    out += "null";
    return;
  }
  switch (e->kind) {
    case ExprKind::kLiteral: out += static_cast<const LiteralExpr*>(e)->text; break;
    case ExprKind::kColumnRef: put_ids(out, static_cast<const ColumnRefExpr*>(e)->parts); break;
    case ExprKind::kStar: {
      auto* s = static_cast<const StarExpr*>(e);
      if (!s->qualifier.empty()) {
        put_ids(out, s->qualifier);
        out += '.';
      }
      out += '*';
      if (!s->except.empty()) {
        out += "(except ";
        put_ids(out, s->except, " ");
        out += ')';
      }
      break;
    }
    case ExprKind::kParameter: out += static_cast<const ParameterExpr*>(e)->text; break;
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      out += '(';
      out += u->op;
      out += ' ';
      put_expr(out, u->operand);
      out += ')';
      break;
    }
    case ExprKind::kBinary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      out += '(';
      out += b->op;
      out += ' ';
      put_expr(out, b->left);
      out += ' ';
      put_expr(out, b->right);
      out += ')';
      break;
    }
    case ExprKind::kFunction: {
      auto* f = static_cast<const FunctionExpr*>(e);
      put_ids(out, f->name.parts);
      out += '(';
      if (f->distinct) out += "distinct ";
      for (std::size_t i = 0; i < f->args.size(); ++i) {
        if (i) out += ' ';
        put_expr(out, f->args[i]);
      }
      if (!f->order_by.empty()) {
        out += " order-by";
        put_order(out, f->order_by);
      }
      out += ')';
      if (!f->within_group.empty()) {
        out += "(within-group";
        put_order(out, f->within_group);
        out += ')';
      }
      if (f->filter) {
        out += "(filter ";
        put_expr(out, f->filter);
        out += ')';
      }
      if (f->over) {
        out += "(over";
        if (!f->over->base_window.empty()) {
          out += ' ';
          put_id(out, f->over->base_window);
        }
        if (!f->over->partition_by.empty()) {
          out += " partition-by";
          put_list(out, f->over->partition_by);
        }
        if (!f->over->order_by.empty()) {
          out += " order-by";
          put_order(out, f->over->order_by);
        }
        if (!f->over->frame.empty()) {
          out += " frame=";
          out += f->over->frame;
        }
        out += ')';
      }
      break;
    }
    case ExprKind::kCast: {
      auto* c = static_cast<const CastExpr*>(e);
      static constexpr std::string_view kNames[] = {"cast", "try-cast", "safe-cast",
                                                    "::", "convert"};
      out += '(';
      out += kNames[static_cast<int>(c->syntax)];
      out += ' ';
      put_expr(out, c->operand);
      out += ' ';
      put_type(out, c->type);
      out += ')';
      break;
    }
    case ExprKind::kCase: {
      auto* c = static_cast<const CaseExpr*>(e);
      out += "(case";
      if (c->operand) {
        out += ' ';
        put_expr(out, c->operand);
      }
      for (const WhenClause& w : c->whens) {
        out += " (when ";
        put_expr(out, w.condition);
        out += ' ';
        put_expr(out, w.result);
        out += ')';
      }
      if (c->else_result) {
        out += " (else ";
        put_expr(out, c->else_result);
        out += ')';
      }
      out += ')';
      break;
    }
    case ExprKind::kSubquery:
    case ExprKind::kExists: {
      auto* s = static_cast<const SubqueryExpr*>(e);
      out += e->kind == ExprKind::kExists ? "(exists " : "(subquery ";
      if (!s->quantifier.empty()) {
        out += s->quantifier;
        out += ' ';
      }
      put_query(out, s->query);
      out += ')';
      break;
    }
    case ExprKind::kIn: {
      auto* i = static_cast<const InExpr*>(e);
      out += i->negated ? "(not-in " : "(in ";
      put_expr(out, i->operand);
      if (i->query) {
        out += ' ';
        put_query(out, i->query);
      } else {
        put_list(out, i->list);
      }
      out += ')';
      break;
    }
    case ExprKind::kBetween: {
      auto* b = static_cast<const BetweenExpr*>(e);
      out += b->negated ? "(not-between " : "(between ";
      put_expr(out, b->operand);
      out += ' ';
      put_expr(out, b->low);
      out += ' ';
      put_expr(out, b->high);
      out += ')';
      break;
    }
    case ExprKind::kIs: {
      auto* i = static_cast<const IsExpr*>(e);
      out += i->negated ? "(is-not " : "(is ";
      put_expr(out, i->operand);
      out += ' ';
      out += i->predicate;
      if (i->other) {
        out += ' ';
        put_expr(out, i->other);
      }
      out += ')';
      break;
    }
    case ExprKind::kInterval: {
      auto* i = static_cast<const IntervalExpr*>(e);
      out += "(interval ";
      put_expr(out, i->value);
      if (!i->unit.empty()) {
        out += ' ';
        out += i->unit;
      }
      out += ')';
      break;
    }
    case ExprKind::kList: {
      auto* l = static_cast<const ListExpr*>(e);
      out += "(list";
      if (l->constructor != "(") {
        out += ':';
        out += l->constructor;
      }
      put_list(out, l->items);
      out += ')';
      break;
    }
    case ExprKind::kCollate: {
      auto* c = static_cast<const CollateExpr*>(e);
      out += "(collate ";
      put_expr(out, c->operand);
      out += ' ';
      out += c->collation;
      out += ')';
      break;
    }
    case ExprKind::kSubscript: {
      auto* s = static_cast<const SubscriptExpr*>(e);
      out += "(subscript ";
      put_expr(out, s->base);
      out += ' ';
      put_expr(out, s->index);
      out += ')';
      break;
    }
    case ExprKind::kFieldAccess: {
      auto* f = static_cast<const FieldAccessExpr*>(e);
      out += "(field ";
      put_expr(out, f->base);
      out += ' ';
      put_id(out, f->field);
      out += ')';
      break;
    }
    case ExprKind::kLambda: {
      auto* l = static_cast<const LambdaExpr*>(e);
      out += "(lambda ";
      put_ids(out, l->params, ",");
      out += ' ';
      put_expr(out, l->body);
      out += ')';
      break;
    }
  }
}

void put_table_ref(std::string& out, const TableRef* r) {
  switch (r->kind) {
    case TableRefKind::kNamed:
      put_ids(out, static_cast<const NamedTableRef*>(r)->name.parts);
      break;
    case TableRefKind::kDerived:
    case TableRefKind::kValues:
      out += "(derived ";
      put_query(out, static_cast<const DerivedTableRef*>(r)->query);
      out += ')';
      break;
    case TableRefKind::kFunction: {
      auto* f = static_cast<const FunctionTableRef*>(r);
      out += "(function ";
      put_expr(out, f->call);
      out += ')';
      break;
    }
    case TableRefKind::kJoin: {
      auto* j = static_cast<const JoinTableRef*>(r);
      static constexpr std::string_view kJoins[] = {
          "join",      "left-join", "right-join",  "full-join",   "cross-join",
          "semi-join", "anti-join", "cross-apply", "outer-apply", "comma-join"};
      out += '(';
      if (j->natural) out += "natural-";
      out += kJoins[static_cast<int>(j->join_kind)];
      out += ' ';
      put_table_ref(out, j->left);
      out += ' ';
      put_table_ref(out, j->right);
      if (j->on) {
        out += " on ";
        put_expr(out, j->on);
      }
      if (!j->using_columns.empty()) {
        out += " using(";
        put_ids(out, j->using_columns, " ");
        out += ')';
      }
      out += ')';
      break;
    }
  }
  if (!r->alias.empty()) {
    out += ":";
    put_id(out, r->alias);
  }
}

void put_body(std::string& out, const QueryBody* b) {
  switch (b->kind) {
    case QueryBodyKind::kSelect: {
      auto* s = static_cast<const SelectBody*>(b);
      out += "(select";
      if (s->distinct) out += " distinct";
      if (s->top) {
        out += " (top ";
        put_expr(out, s->top);
        out += ')';
      }
      for (const SelectItem& item : s->items) {
        out += ' ';
        put_expr(out, item.expr);
        if (!item.alias.empty()) {
          out += ":";
          put_id(out, item.alias);
        }
      }
      if (!s->into.empty()) {
        out += " (into ";
        put_ids(out, s->into.parts);
        out += ')';
      }
      if (!s->from.empty()) {
        out += " (from";
        for (const TableRef* r : s->from) {
          out += ' ';
          put_table_ref(out, r);
        }
        out += ')';
      }
      if (s->where) {
        out += " (where ";
        put_expr(out, s->where);
        out += ')';
      }
      if (!s->group_by.empty()) {
        out += " (group-by";
        put_list(out, s->group_by);
        if (s->group_by_modifier.end > s->group_by_modifier.begin) out += " with-modifier";
        out += ')';
      }
      if (s->having) {
        out += " (having ";
        put_expr(out, s->having);
        out += ')';
      }
      if (s->qualify) {
        out += " (qualify ";
        put_expr(out, s->qualify);
        out += ')';
      }
      out += ')';
      break;
    }
    case QueryBodyKind::kSetOperation: {
      auto* s = static_cast<const SetOperationBody*>(b);
      static constexpr std::string_view kOps[] = {"union", "except", "intersect"};
      out += '(';
      out += kOps[static_cast<int>(s->op)];
      if (s->all) out += "-all";
      out += ' ';
      put_body(out, s->left);
      out += ' ';
      put_body(out, s->right);
      out += ')';
      break;
    }
    case QueryBodyKind::kValues: {
      auto* v = static_cast<const ValuesBody*>(b);
      out += "(values";
      for (const ListExpr* row : v->rows) {
        out += ' ';
        put_expr(out, row);
      }
      out += ')';
      break;
    }
    case QueryBodyKind::kNested:
      put_query(out, static_cast<const NestedQueryBody*>(b)->query);
      break;
  }
}

void put_query(std::string& out, const Query* q) {
  if (!q) {
    out += "null";
    return;
  }
  bool wrap = !q->ctes.empty() || !q->order_by.empty() || q->limit || q->offset;
  if (wrap) out += "(query";
  if (!q->ctes.empty()) {
    out += q->recursive ? " (with-recursive" : " (with";
    for (const Cte& c : q->ctes) {
      out += " (";
      put_id(out, c.name);
      out += ' ';
      put_query(out, c.query);
      out += ')';
    }
    out += ')';
  }
  if (wrap) out += ' ';
  put_body(out, q->body);
  if (!q->order_by.empty()) {
    out += " (order-by";
    put_order(out, q->order_by);
    out += ')';
  }
  if (q->limit) {
    out += " (limit ";
    put_expr(out, q->limit);
    out += ')';
  }
  if (q->offset) {
    out += " (offset ";
    put_expr(out, q->offset);
    out += ')';
  }
  if (wrap) out += ')';
}

}  // namespace godwit::sql::dump_parts
