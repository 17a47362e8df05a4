// Expressions in the target dialect. The AST keeps no parentheses, so they are put back
// from operator precedence (the shared parser's levels); casts, intervals, operators and
// the other expression kinds follow the target profile.
#include <cctype>

#include "sql/printer/printer_impl.hpp"

namespace godwit::sql {
namespace {

// The shared parser's binding strengths (parse_expression.cpp).
constexpr int kOr = 1, kXor = 2, kAnd = 3, kNot = 4, kCompare = 5, kOther = 6, kAdd = 7,
              kMultiply = 8, kUnary = 9, kAtom = 10;

std::string normalize_op(std::string_view op) {
  std::string out;
  bool space = false;
  for (char c : op) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_comparison(std::string_view op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == ">" || op == "<=" ||
         op == ">=" || op == "<=>" || op == "==" || op == "!<" || op == "!>" || op == "~" ||
         op == "!~" || op == "~*" || op == "!~*" || op == "~~" || op == "^=";
}

int binary_precedence(std::string_view op) {
  if (op == "OR") return kOr;
  if (op == "XOR") return kXor;
  if (op == "AND") return kAnd;
  if (is_comparison(op) || op == "LIKE" || op == "NOT LIKE" || op == "ILIKE" || op == "NOT ILIKE" ||
      op == "RLIKE" || op == "NOT RLIKE" || op == "REGEXP" || op == "NOT REGEXP" ||
      op == "SIMILAR" || op == "NOT SIMILAR" || op == "GLOB" || op == "MATCH")
    return kCompare;
  if (op == "+" || op == "-") return kAdd;
  if (op == "*" || op == "/" || op == "%" || op == "DIV" || op == "MOD") return kMultiply;
  if (op == "=>" || op == ":=" || op == "->") return kOr;
  if (op == "AT TIME ZONE") return kUnary;
  return kOther;
}

/// Operators every target writes the same way.
bool is_portable_op(std::string_view op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == ">" || op == "<=" ||
         op == ">=" || op == "+" || op == "-" || op == "*" || op == "/" || op == "AND" ||
         op == "OR" || op == "LIKE" || op == "NOT LIKE";
}

}  // namespace

std::string collapse_blanks(std::string_view op);

namespace {

bool is_string_literal(const Expr* e) {
  return e && e->kind == ExprKind::kLiteral &&
         static_cast<const LiteralExpr*>(e)->literal_kind == LiteralKind::kString;
}

bool is_plus(const Expr* e) {
  return e && e->kind == ExprKind::kBinary && static_cast<const BinaryExpr*>(e)->op == "+";
}

}  // namespace

/// a + 'x' + b: a chain of '+' with at least one string literal operand.
bool is_string_concat(const Expr* e) {
  if (!is_plus(e)) return is_string_literal(e);
  auto* b = static_cast<const BinaryExpr*>(e);
  return is_string_concat(b->left) || is_string_literal(b->right);
}

void collect_concat(const Expr* e, std::vector<const Expr*>& parts) {
  if (is_plus(e)) {
    auto* b = static_cast<const BinaryExpr*>(e);
    collect_concat(b->left, parts);
    parts.push_back(b->right);
    return;
  }
  parts.push_back(e);
}

int expr_precedence(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kBinary: {
      std::string op = normalize_op(static_cast<const BinaryExpr*>(e)->op);
      return binary_precedence(op);
    }
    case ExprKind::kUnary:
      return normalize_op(static_cast<const UnaryExpr*>(e)->op) == "NOT" ? kNot : kUnary;
    case ExprKind::kIn:
    case ExprKind::kBetween:
    case ExprKind::kIs: return kCompare;
    case ExprKind::kLambda: return kOr;
    default: return kAtom;
  }
}

std::string Printer::expr(const Expr* e, int parent_precedence, bool right_side) {
  if (!e) return {};
  std::size_t before_a = counts_.approximate, before_u = counts_.unsupported;
  std::string out;
  switch (e->kind) {
    case ExprKind::kLiteral: out = literal(*static_cast<const LiteralExpr*>(e)); break;
    case ExprKind::kColumnRef: {
      auto* c = static_cast<const ColumnRefExpr*>(e);
      out = niladic(*c);
      if (out.empty()) out = idents(c->parts, ".");
      break;
    }
    case ExprKind::kStar: {
      auto* s = static_cast<const StarExpr*>(e);
      if (!s->qualifier.empty()) out = idents(s->qualifier, ".") + ".";
      out += "*";
      if (!s->except.empty()) {
        if (tgt_.star_except.empty())
          out += " " + unsupported(e->span, "SELECT * EXCEPT");
        else
          out += " " + std::string(tgt_.star_except) + " (" + idents(s->except) + ")";
      }
      break;
    }
    case ExprKind::kParameter: {
      std::string_view text = static_cast<const ParameterExpr*>(e)->text;
      // Snowflake session variables ($name) exist in no other dialect.
      if (!same_ && src_.dialect == "snowflake" && text.size() > 1 && text[0] == '$' &&
          !std::isdigit(static_cast<unsigned char>(text[1])))
        out = "NULL " + unsupported(e->span, "session variable");
      else
        out = std::string(text);
      break;
    }
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      std::string op = normalize_op(u->op);
      if (op == "NOT") {
        out = "NOT " + expr(u->operand, kNot, true);
      } else if (op == "-" || op == "+" || op == "~" || op == "!") {
        std::string operand = expr(u->operand, kUnary, true);
        if (!operand.empty() && (operand[0] == '-' || operand[0] == '+'))
          operand = "(" + operand + ")";
        out = op + operand;
      } else {
        if (!same_ && op != "PRIOR")
          downgrade(Fidelity::kApproximate, e->span, "operator " + op + " copied as written");
        out = op + " " + expr(u->operand, kUnary, true);
      }
      break;
    }
    case ExprKind::kBinary:
      out = binary(*static_cast<const BinaryExpr*>(e), parent_precedence, right_side);
      break;
    case ExprKind::kFunction: out = function(*static_cast<const FunctionExpr*>(e)); break;
    case ExprKind::kCast: out = cast(*static_cast<const CastExpr*>(e)); break;
    case ExprKind::kCase: {
      auto* c = static_cast<const CaseExpr*>(e);
      out = "CASE";
      if (c->operand) out += " " + expr(c->operand);
      for (const WhenClause& w : c->whens)
        out += " WHEN " + expr(w.condition) + " THEN " + expr(w.result);
      if (c->else_result) out += " ELSE " + expr(c->else_result);
      out += " END";
      break;
    }
    case ExprKind::kSubquery: {
      auto* s = static_cast<const SubqueryExpr*>(e);
      if (!s->quantifier.empty()) out = upper(s->quantifier) + " ";
      out += "(" + query(s->query) + ")";
      break;
    }
    case ExprKind::kExists:
      out = "EXISTS (" + query(static_cast<const SubqueryExpr*>(e)->query) + ")";
      break;
    case ExprKind::kIn: {
      auto* in = static_cast<const InExpr*>(e);
      out = expr(in->operand, kCompare, false) + (in->negated ? " NOT IN (" : " IN (");
      out += in->query ? query(in->query) : exprs(in->list);
      out += ")";
      break;
    }
    case ExprKind::kBetween: {
      auto* b = static_cast<const BetweenExpr*>(e);
      out = expr(b->operand, kCompare, false) + (b->negated ? " NOT BETWEEN " : " BETWEEN ") +
            expr(b->low, kCompare, true) + " AND " + expr(b->high, kCompare, true);
      break;
    }
    case ExprKind::kIs: {
      auto* is = static_cast<const IsExpr*>(e);
      std::string predicate = same_ ? collapse_blanks(is->predicate) : normalize_op(is->predicate);
      out = expr(is->operand, kCompare, false) + (is->negated ? " IS NOT " : " IS ") + predicate;
      if (is->other) out += " " + expr(is->other, kCompare, true);
      if (!same_ && predicate == "DISTINCT FROM" && !tgt_.is_distinct_from) {
        // a IS DISTINCT FROM b == NOT (a = b OR (a IS NULL AND b IS NULL)), NULL-safe.
        std::string a = expr(is->operand, kCompare, false);
        std::string b = expr(is->other, kCompare, false);
        std::string same = "(" + a + " = " + b + " OR (" + a + " IS NULL AND " + b + " IS NULL))";
        out = is->negated ? same : "NOT " + same;
      }
      break;
    }
    case ExprKind::kInterval: out = interval(*static_cast<const IntervalExpr*>(e)); break;
    case ExprKind::kList: {
      auto* l = static_cast<const ListExpr*>(e);
      std::string_view c = l->constructor;
      if (c == "(")
        out = "(" + exprs(l->items) + ")";
      else if (c == "[")
        out = "[" + exprs(l->items) + "]";
      else if (c == "{") {
        out = "{";
        for (std::size_t i = 0; i + 1 < l->items.size(); i += 2) {
          if (i) out += ", ";
          out += expr(l->items[i]) + ": " + expr(l->items[i + 1]);
        }
        out += "}";
        if (!same_) downgrade(Fidelity::kApproximate, e->span, "object constant copied");
      } else if (c == "GROUPING SETS" && l->items.empty()) {
        // The parser keeps GROUPING SETS (...) only as text: copy it rather than lose it.
        out = std::string(parsed_.text(e->span));
        if (!same_) downgrade(Fidelity::kApproximate, e->span, "GROUPING SETS copied as written");
      } else if (c == "ARRAY") {
        if (!same_ && tgt_.array_open.empty())
          out = "NULL " + unsupported(e->span, "array value");
        else if (same_)
          out = "ARRAY[" + exprs(l->items) + "]";
        else
          out = std::string(tgt_.array_open) + exprs(l->items) + std::string(tgt_.array_close);
      } else {
        out = upper(c) + "(" + exprs(l->items) + ")";
      }
      break;
    }
    case ExprKind::kCollate: {
      auto* c = static_cast<const CollateExpr*>(e);
      out = expr(c->operand, kUnary, false) + " COLLATE " + std::string(c->collation);
      if (!same_)
        downgrade(Fidelity::kApproximate, e->span,
                  "collation names differ between dialects; COLLATE copied as written");
      break;
    }
    case ExprKind::kSubscript: {
      auto* s = static_cast<const SubscriptExpr*>(e);
      out = expr(s->base, kAtom, false) + "[" + expr(s->index) + "]";
      if (!same_)
        downgrade(Fidelity::kApproximate, e->span,
                  "array subscripts start at 1 or 0 depending on the dialect");
      break;
    }
    case ExprKind::kFieldAccess: {
      auto* f = static_cast<const FieldAccessExpr*>(e);
      // A Snowflake path (v:a.b, v : a) anywhere along the chain makes the whole access one.
      auto colon_before = [&](const FieldAccessExpr* a) {
        std::size_t i = a->field.span.begin;
        while (i > 0 && std::isspace(static_cast<unsigned char>(parsed_.source()[i - 1]))) --i;
        return i > 0 && parsed_.source()[i - 1] == ':';
      };
      bool colon = colon_before(f);
      bool colon_chain = colon;
      for (const Expr* b = f->base; b && !colon_chain;) {
        if (b->kind == ExprKind::kFieldAccess) {
          colon_chain = colon_before(static_cast<const FieldAccessExpr*>(b));
          b = static_cast<const FieldAccessExpr*>(b)->base;
        } else {
          colon_chain =
              b->kind == ExprKind::kBinary && static_cast<const BinaryExpr*>(b)->op == ":";
          b = nullptr;
        }
      }
      std::string field = f->field.text == "*" ? "*" : ident(f->field);
      if (colon_chain && !same_) {
        out = "NULL " + unsupported(e->span, "semi-structured path");
      } else {
        std::string base = expr(f->base, kAtom, false);
        if (f->base->kind != ExprKind::kColumnRef && f->base->kind != ExprKind::kFieldAccess &&
            f->base->kind != ExprKind::kFunction && f->base->kind != ExprKind::kSubscript)
          base = "(" + base + ")";
        out = base + (colon ? ":" : ".") + field;
      }
      break;
    }
    case ExprKind::kLambda: {
      auto* l = static_cast<const LambdaExpr*>(e);
      out = l->params.size() == 1 ? ident(l->params[0]) : "(" + idents(l->params) + ")";
      out += " -> " + expr(l->body, kOr, true);
      break;
    }
  }
  if (counts_.approximate == before_a && counts_.unsupported == before_u) count_exact();
  int own = expr_precedence(e);
  if (own < parent_precedence || (right_side && own == parent_precedence && own != kAtom) ||
      (own == kOther && parent_precedence >= kOther && parent_precedence != kAtom))
    return "(" + out + ")";
  return out;
}

std::string Printer::exprs(std::span<Expr* const> list, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += sep;
    out += expr(list[i]);
  }
  return out;
}

/// An operator as written, blanks collapsed (the round trip keeps its case).
std::string collapse_blanks(std::string_view op) {
  std::string out;
  bool space = false;
  for (char c : op) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Printer::binary(const BinaryExpr& b, int parent_precedence, bool right_side) {
  (void)right_side;
  std::string op = normalize_op(b.op);
  int prec = binary_precedence(op);
  if (same_) op = collapse_blanks(b.op);
  if (!same_ && op == ":") return "NULL " + unsupported(b.span, "semi-structured path");
  if (!same_ && op == "+" && src_.plus_concatenates && is_string_concat(&b)) {
    // T-SQL '+' with a string operand concatenates (NULL-propagating, as ||).
    std::vector<const Expr*> parts;
    collect_concat(&b, parts);
    if (const FunctionWriteRule* w = find_write_rule(tgt_, "concat", -1, {})) {
      if (w->fidelity != Fidelity::kExact) downgrade(w->fidelity, b.span, w->note);
      std::string out = apply_template(w->sql, parts, nullptr, w->note);
      return parent_precedence > 0 ? "(" + out + ")" : out;
    }
  }
  if (!same_ && !tgt_.intervals && (op == "+" || op == "-") && b.right &&
      b.right->kind == ExprKind::kInterval) {
    // x + INTERVAL n unit -> the target's date_add (T-SQL DATEADD).
    std::string amount, unit;
    if (interval_parts(*static_cast<const IntervalExpr*>(b.right), amount, unit)) {
      if (const FunctionWriteRule* w = find_write_rule(tgt_, "date_add", 3, unit)) {
        if (!w->sql.empty()) {
          if (w->fidelity != Fidelity::kExact) downgrade(w->fidelity, b.span, w->note);
          std::vector<std::string> saved = std::move(pending_units_);
          pending_units_ = {unit, op == "-" ? "-" + amount : amount, ""};
          const Expr* args[] = {nullptr, nullptr, b.left};
          std::string out = apply_template(w->sql, args, nullptr, w->note);
          pending_units_ = std::move(saved);
          return out;
        }
      }
    }
  }
  if (!same_) {
    if (const OperatorReadRule* r = find_operator_rule(src_, op)) {
      const Expr* args[] = {b.left, b.right};
      const FunctionWriteRule* w = find_write_rule(tgt_, r->canonical, 2, {});
      if (w) {
        if (w->sql.empty()) return "NULL " + unsupported(b.span, "operator " + op);
        if (r->fidelity != Fidelity::kExact) downgrade(r->fidelity, b.span, r->note);
        if (w->fidelity != Fidelity::kExact) downgrade(w->fidelity, b.span, w->note);
        std::string out = apply_template(w->sql, args, nullptr, w->note);
        return parent_precedence > 0 ? "(" + out + ")" : out;
      }
      if (r->fidelity != Fidelity::kExact) downgrade(r->fidelity, b.span, r->note);
    }
    if (op == "/" && src_.integer_division != tgt_.integer_division)
      downgrade(Fidelity::kApproximate, b.span,
                src_.integer_division
                    ? "'/' of two integers truncates in the source but not in the target"
                    : "'/' of two integers truncates in the target but not in the source");
    else if (op == "!=")
      op = "<>";
    else if (op == "==")
      op = "=";
    else if (!is_portable_op(op) && op != "AT TIME ZONE" && op != "XOR" && op != "=>")
      downgrade(Fidelity::kApproximate, b.span, "operator " + op + " copied as written");
  }
  std::string left = expr(b.left, prec, false);
  std::string right;
  if (b.right && b.right->kind == ExprKind::kSubquery)
    right = expr(b.right);
  else
    right =
        expr(b.right, prec == kOr && (op == "=>" || op == "->" || op == ":=") ? kOr : prec, true);
  return left + " " + op + " " + right;
}

std::string Printer::cast(const CastExpr& c) {
  std::string operand = expr(c.operand);
  std::string t = type(c.type, c.span);
  if (same_) {
    switch (c.syntax) {
      case CastSyntax::kCast: return "CAST(" + operand + " AS " + t + ")";
      case CastSyntax::kTryCast: return "TRY_CAST(" + operand + " AS " + t + ")";
      case CastSyntax::kSafeCast: return "SAFE_CAST(" + operand + " AS " + t + ")";
      case CastSyntax::kDoubleColon: return expr(c.operand, kAtom, false) + "::" + t;
      case CastSyntax::kConvert:
        return tgt_.convert_type_first ? "CONVERT(" + t + ", " + operand + ")"
                                       : "CONVERT(" + operand + ", " + t + ")";
    }
  }
  if (c.syntax == CastSyntax::kTryCast || c.syntax == CastSyntax::kSafeCast) {
    if (tgt_.try_cast.empty()) {
      downgrade(Fidelity::kApproximate, c.span,
                "the target has no TRY_CAST/SAFE_CAST: a failing conversion raises an error "
                "instead of returning NULL");
      return "CAST(" + operand + " AS " + t + ")";
    }
    if (!tgt_.try_cast_note.empty()) downgrade(Fidelity::kApproximate, c.span, tgt_.try_cast_note);
    return std::string(tgt_.try_cast) + "(" + operand + " AS " + t + ")";
  }
  if (c.syntax == CastSyntax::kConvert)
    downgrade(Fidelity::kApproximate, c.span,
              "CONVERT written as CAST: a style argument or character set is not carried over");
  return "CAST(" + operand + " AS " + t + ")";
}

bool Printer::interval_parts(const IntervalExpr& iv, std::string& amount, std::string& unit) {
  std::string value;
  bool is_string =
      iv.value->kind == ExprKind::kLiteral &&
      static_cast<const LiteralExpr*>(iv.value)->literal_kind == LiteralKind::kString &&
      decode_string(static_cast<const LiteralExpr*>(iv.value)->text, value);
  std::string written = normalize_op(iv.unit);
  if (is_string && written.empty()) {
    std::size_t sp = value.find(' ');
    if (sp == std::string::npos || value.find(' ', sp + 1) != std::string::npos) return false;
    amount = value.substr(0, sp);
    written = value.substr(sp + 1);
  } else if (is_string) {
    amount = value;
  } else if (iv.value->kind == ExprKind::kLiteral) {
    amount = std::string(static_cast<const LiteralExpr*>(iv.value)->text);
  } else {
    return false;
  }
  if (amount.empty() || amount.find_first_not_of("0123456789.-") != std::string::npos) return false;
  unit = std::string(canonical_date_unit(written));
  return !unit.empty();
}

std::string Printer::interval(const IntervalExpr& iv) {
  if (same_) {
    std::string out = "INTERVAL " + expr(iv.value, kMultiply, false);
    if (!iv.unit.empty()) out += " " + collapse_blanks(iv.unit);
    return out;
  }
  // Find the amount and unit: INTERVAL 3 DAY, INTERVAL '3' DAY, INTERVAL '3 days'.
  std::string amount, unit = normalize_op(iv.unit);
  std::string value;
  bool is_string =
      iv.value->kind == ExprKind::kLiteral &&
      static_cast<const LiteralExpr*>(iv.value)->literal_kind == LiteralKind::kString &&
      decode_string(static_cast<const LiteralExpr*>(iv.value)->text, value);
  if (is_string && unit.empty()) {
    std::size_t sp = value.find(' ');
    if (sp != std::string::npos && value.find(' ', sp + 1) == std::string::npos) {
      amount = value.substr(0, sp);
      unit = std::string(canonical_date_unit(value.substr(sp + 1)));
    }
  } else if (is_string) {
    amount = value;
  }
  std::string_view canonical = canonical_date_unit(unit);
  bool simple = !canonical.empty() && (!is_string || !amount.empty());
  if (!tgt_.intervals) return "NULL " + unsupported(iv.span, "INTERVAL value");
  if (!simple) {
    downgrade(Fidelity::kApproximate, iv.span, "interval copied as written");
    std::string out = "INTERVAL " + expr(iv.value, kMultiply, false);
    if (!iv.unit.empty()) out += " " + unit;
    return out;
  }
  std::string number = is_string ? amount : expr(iv.value, kMultiply, false);
  if (tgt_.interval_number_unit) {
    bool numeric = !number.empty() && number.find_first_not_of("0123456789.-") == std::string::npos;
    return "INTERVAL " + (numeric || !is_string ? number : string_literal(number)) + " " +
           std::string(canonical);
  }
  if (!is_string && iv.value->kind != ExprKind::kLiteral)
    return "(" + number + ") * INTERVAL '1 " + std::string(canonical) + "'";
  return "INTERVAL '" + number + " " + std::string(canonical) + "'";
}

std::string Printer::order_items(std::span<const OrderItem> items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const OrderItem& item = items[i];
    if (i) out += ", ";
    std::string e = expr(item.expr);
    int nulls = item.nulls;
    if (!same_ && nulls == 0 && src_.nulls_sort_high != tgt_.nulls_sort_high) {
      // Keep the source's default NULL placement explicitly.
      bool high = src_.nulls_sort_high;
      nulls = (high != item.descending) ? 1 : -1;
    }
    if (nulls != 0 && !tgt_.nulls_ordering_clause && !same_) {
      // NULLS FIRST/LAST through a leading sort key; exact.
      bool nulls_last = nulls == 1;
      out += "CASE WHEN " + e + " IS NULL THEN " + (nulls_last ? "1" : "0") + " ELSE " +
             (nulls_last ? "0" : "1") + " END, ";
      out += e + (item.descending ? " DESC" : "");
      continue;
    }
    out += e;
    if (item.descending) out += " DESC";
    if (nulls == -1) out += " NULLS FIRST";
    if (nulls == 1) out += " NULLS LAST";
  }
  return out;
}

std::string Printer::window(const WindowSpec& w) {
  std::string out;
  if (!w.base_window.empty()) out += ident(w.base_window);
  if (!w.partition_by.empty())
    out += std::string(out.empty() ? "" : " ") + "PARTITION BY " + exprs(w.partition_by);
  if (!w.order_by.empty())
    out += std::string(out.empty() ? "" : " ") + "ORDER BY " + order_items(w.order_by);
  if (!w.frame.empty())
    out += std::string(out.empty() ? "" : " ") +
           verbatim({static_cast<std::uint32_t>(w.frame.data() - parsed_.source().data()),
                     static_cast<std::uint32_t>(w.frame.data() - parsed_.source().data() +
                                                w.frame.size())});
  return out;
}

}  // namespace godwit::sql
