// Function calls through the translation tables: the source dialect's read rule turns the
// call into a canonical function with canonical arguments, the target's write rule
// (a SQL template) writes it back. Both rules carry a fidelity and a note; the worse one
// classifies the call. Calls with no rule are copied when the function is portable, and
// reported as approximate otherwise.
#include <algorithm>
#include <cctype>

#include "sql/printer/printer_impl.hpp"

namespace godwit::sql {
namespace {

/// A canonical argument: an expression of the call, or a constant the read rule supplies.
struct CanonArg {
  const Expr* expr = nullptr;
  std::string unit;     ///< a constant or extracted date unit
  std::string literal;  ///< a constant string ('x' in the rule)
};

std::string_view unit_text_of(const Printer& p, const Expr* e, std::string& scratch) {
  if (!e) return {};
  if (e->kind == ExprKind::kColumnRef) {
    auto* c = static_cast<const ColumnRefExpr*>(e);
    if (c->parts.size() == 1) return c->parts[0].text;
  }
  if (e->kind == ExprKind::kLiteral) {
    auto* l = static_cast<const LiteralExpr*>(e);
    if (l->literal_kind == LiteralKind::kString && p.decode_string(l->text, scratch))
      return scratch;
  }
  return {};
}

}  // namespace

namespace {

bool arg_is_string(const void* call, int i) {
  auto* f = static_cast<const FunctionExpr*>(call);
  if (i < 1 || static_cast<std::size_t>(i) > f->args.size()) return false;
  const Expr* e = f->args[static_cast<std::size_t>(i - 1)];
  return e->kind == ExprKind::kLiteral &&
         static_cast<const LiteralExpr*>(e)->literal_kind == LiteralKind::kString;
}

}  // namespace

std::string Printer::apply_template(std::string_view tmpl, std::span<const Expr* const> args,
                                    const FunctionExpr* call, std::string_view rule_note) {
  // Units injected by read rules travel as pseudo-arguments in `units_`.
  std::string out;
  std::span<const OrderItem> ordering;
  if (call) ordering = !call->order_by.empty() ? call->order_by : call->within_group;
  bool used_order = false, used_distinct = false;
  auto arg_sql = [&](std::size_t i) -> std::string {
    if (i >= args.size()) return {};
    if (!args[i]) return pending_units_.size() > i ? pending_units_[i] : std::string();
    return expr(args[i], 0, false);
  };
  auto join = [&](std::string_view sep, bool coalesce) {
    std::string s;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i) s += sep;
      std::string a = arg_sql(i);
      if (coalesce)
        s += "COALESCE(" + a + ", '')";
      else if (std::string_view(sep) != ", " && args[i] &&
               (args[i]->kind == ExprKind::kBinary || args[i]->kind == ExprKind::kCase))
        s += "(" + a + ")";
      else
        s += a;
    }
    return s;
  };
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if (c != '$' || i + 1 >= tmpl.size()) {
      out += c;
      continue;
    }
    char k = tmpl[++i];
    if (std::isdigit(static_cast<unsigned char>(k))) {
      out += arg_sql(static_cast<std::size_t>(k - '1'));
      continue;
    }
    if ((k == 'u' || k == 's' || k == 'f') && i + 1 < tmpl.size() &&
        std::isdigit(static_cast<unsigned char>(tmpl[i + 1]))) {
      std::size_t a = static_cast<std::size_t>(tmpl[++i] - '1');
      if (k == 'f') {
        const Expr* e = a < args.size() ? args[a] : nullptr;
        std::string value;
        if (e && e->kind == ExprKind::kLiteral &&
            static_cast<const LiteralExpr*>(e)->literal_kind == LiteralKind::kString &&
            decode_string(static_cast<const LiteralExpr*>(e)->text, value)) {
          std::vector<std::string> lost;
          std::string converted =
              convert_date_format(value, src_.format_style, tgt_.format_style, lost);
          for (const std::string& l : lost)
            downgrade(Fidelity::kApproximate, e->span,
                      "format element '" + l + "' has no equivalent in " +
                          std::string(tgt_.dialect) + "; kept as written");
          out += string_literal(converted);
        } else {
          if (e)
            downgrade(Fidelity::kApproximate, e->span,
                      "format string is not a constant; copied without translation");
          out += arg_sql(a);
        }
        continue;
      }
      std::string scratch;
      std::string_view raw =
          a < pending_units_.size() && !pending_units_[a].empty()
              ? std::string_view(pending_units_[a])
              : unit_text_of(*this, a < args.size() ? args[a] : nullptr, scratch);
      std::string_view unit = canonical_date_unit(raw);
      if (unit.empty()) {
        unknown_unit_ = raw.empty() ? std::string("?") : std::string(raw);
        out += k == 's' ? string_literal(raw) : std::string(raw);
      } else if (k == 's') {
        std::string lower(unit);
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        out += "'" + lower + "'";
      } else {
        out += unit;
      }
      continue;
    }
    switch (k) {
      case '*': out += join(", ", false); break;
      case '|': out += join(" || ", false); break;
      case '+': out += join(" + ", false); break;
      case 'C': out += join(", ", true); break;
      case 'D':
        used_distinct = true;
        if (call && call->distinct) out += "DISTINCT ";
        break;
      case 'O':
        used_order = true;
        if (!ordering.empty()) out += " ORDER BY " + order_items(ordering);
        break;
      case 'G':
        used_order = true;
        if (!ordering.empty()) out += " WITHIN GROUP (ORDER BY " + order_items(ordering) + ")";
        break;
      default:
        out += '$';
        out += k;
        break;
    }
  }
  if (call && !ordering.empty() && !used_order)
    downgrade(Fidelity::kApproximate, call->span,
              "the ordering inside the aggregate is not expressible here and was dropped");
  if (call && call->distinct && !used_distinct)
    downgrade(Fidelity::kApproximate, call->span, "DISTINCT inside the call was dropped");
  (void)rule_note;
  return out;
}

std::string Printer::niladic(const ColumnRefExpr& c) {
  if (same_ || c.parts.size() != 1 || c.parts[0].quoted) return {};
  std::string n = upper(c.parts[0].text);
  const FunctionReadRule* r = find_read_rule(src_, n, 0, nullptr, nullptr);
  if (!r || r->arity != 0) return {};
  const FunctionWriteRule* w = find_write_rule(tgt_, r->canonical, 0, {});
  if (!w) return {};
  if (w->sql.empty()) return "NULL " + unsupported(c.span, n);
  if (r->fidelity != Fidelity::kExact) downgrade(r->fidelity, c.span, r->note);
  if (w->fidelity != Fidelity::kExact) downgrade(w->fidelity, c.span, w->note);
  return std::string(w->sql);
}

std::string Printer::function(const FunctionExpr& f) {
  std::string tail;
  auto suffix = [&]() {
    std::string s;
    if (f.filter) {
      if (same_ || tgt_.filter_clause)
        s += " FILTER (WHERE " + expr(f.filter) + ")";
      else
        s += " " + unsupported(f.filter->span, "aggregate FILTER clause");
    }
    if (f.over) s += " OVER (" + window(*f.over) + ")";
    return s;
  };
  std::string fname = name(f.name);
  auto plain_call = [&]() {
    std::string out = fname + "(";
    if (f.distinct) out += "DISTINCT ";
    out += exprs(f.args);
    if (!f.order_by.empty()) out += " ORDER BY " + order_items(f.order_by);
    out += ")";
    if (!f.within_group.empty())
      out += " WITHIN GROUP (ORDER BY " + order_items(f.within_group) + ")";
    return out;
  };
  if (same_ || f.name.parts.size() != 1) {
    if (f.args.empty() && f.name.parts.size() > 1 && !same_) return plain_call() + suffix();
    return plain_call() + suffix();
  }
  std::string n = upper(f.name.parts[0].text);
  int arity = static_cast<int>(f.args.size());
  if (n == "POSITION" && arity == 1 && f.args[0]->kind == ExprKind::kIn) {
    // POSITION(needle IN haystack) parses as one IN expression.
    auto* in = static_cast<const InExpr*>(f.args[0]);
    if (!in->negated && !in->query && in->list.size() == 1) {
      const Expr* args[] = {in->list[0], in->operand};
      if (const FunctionWriteRule* w = find_write_rule(tgt_, "strpos", 2, {});
          w && !w->sql.empty()) {
        if (w->fidelity != Fidelity::kExact) downgrade(w->fidelity, f.span, w->note);
        return apply_template(w->sql, args, &f, w->note) + suffix();
      }
    }
  }
  const FunctionReadRule* read = find_read_rule(src_, n, arity, &arg_is_string, &f);
  if (!read) {
    auto portable = portable_functions();
    bool known = std::binary_search(portable.begin(), portable.end(), std::string_view(n));
    if (!known)
      downgrade(Fidelity::kApproximate, f.span,
                "function " + n + " has no translation rule; copied as written");
    return plain_call() + suffix();
  }
  // Canonical arguments.
  std::vector<const Expr*> args;
  std::vector<std::string> units;
  if (read->args.empty() || (read->args.size() == 1 && read->args[0] == "*")) {
    for (const Expr* a : f.args) args.push_back(a);
  } else {
    for (std::string_view spec : read->args) {
      std::string unit;
      const Expr* e = nullptr;
      if (!spec.empty() && spec[0] == '@') {
        unit = std::string(spec.substr(1));
      } else if (!spec.empty() && spec[0] == '\'') {
        unit = std::string(spec);  // a constant string, written as is
      } else if (!spec.empty() && std::isdigit(static_cast<unsigned char>(spec[0]))) {
        std::size_t i = static_cast<std::size_t>(spec[0] - '1');
        e = i < f.args.size() ? f.args[i] : nullptr;
        if (e && spec.size() == 3 && e->kind == ExprKind::kInterval) {
          auto* iv = static_cast<const IntervalExpr*>(e);
          if (spec[2] == 'v') {
            e = iv->value;
            std::string value;
            if (iv->unit.empty() && e->kind == ExprKind::kLiteral &&
                decode_string(static_cast<const LiteralExpr*>(e)->text, value)) {
              return "NULL " + unsupported(f.span, "interval written as one string");
            }
          } else {
            e = nullptr;
            unit = std::string(iv->unit);
          }
        } else if (spec.size() == 3) {
          return "NULL " + unsupported(f.span, n + " without an INTERVAL argument");
        }
      }
      args.push_back(e);
      units.push_back(unit);
    }
  }
  // The unit of argument 1, for unit-specific write rules.
  std::string scratch;
  std::string_view first_unit;
  if (!units.empty() && !units[0].empty())
    first_unit = canonical_date_unit(units[0]);
  else if (!args.empty())
    first_unit = canonical_date_unit(unit_text_of(*this, args[0], scratch));
  int canon_arity = static_cast<int>(args.size());
  const FunctionWriteRule* write = find_write_rule(tgt_, read->canonical, canon_arity, first_unit);
  if (!write) {
    downgrade(Fidelity::kApproximate, f.span,
              "no rule writes " + std::string(read->canonical) + " in " +
                  std::string(tgt_.dialect) + "; " + n + " copied as written");
    return plain_call() + suffix();
  }
  if (write->sql.empty()) {
    std::string why = write->note.empty() ? n : n + " (" + std::string(write->note) + ")";
    return "NULL " + unsupported(f.span, why);
  }
  if (read->fidelity != Fidelity::kExact) downgrade(read->fidelity, f.span, read->note);
  bool decode = write->sql == "CASE-DECODE";
  if (decode) {
    // Exact when every search value is a literal (NULL ones become IS NULL).
    for (std::size_t i = 1; i + 1 < args.size(); i += 2)
      if (args[i]->kind != ExprKind::kLiteral) {
        downgrade(write->fidelity, f.span, write->note);
        break;
      }
  } else if (write->fidelity != Fidelity::kExact) {
    downgrade(write->fidelity, f.span, write->note);
  }
  std::vector<std::string> saved = std::move(pending_units_);
  pending_units_ = units;
  std::string out;
  if (decode) {
    // DECODE(x, s1, r1, ..., default): CASE with NULL-matching search values.
    out = "CASE";
    std::string x = args.empty() ? "" : expr(args[0]);
    std::size_t i = 1;
    for (; i + 1 < args.size(); i += 2) {
      const Expr* s = args[i];
      bool null_literal = s->kind == ExprKind::kLiteral &&
                          static_cast<const LiteralExpr*>(s)->literal_kind == LiteralKind::kNull;
      if (null_literal)
        out += " WHEN " + x + " IS NULL";
      else
        out += " WHEN " + x + " = " + expr(s, 5, true);
      out += " THEN " + expr(args[i + 1]);
    }
    if (i < args.size()) out += " ELSE " + expr(args[i]);
    out += " END";
  } else {
    unknown_unit_.clear();
    out = apply_template(write->sql, args, &f, write->note);
    if (!unknown_unit_.empty()) {
      pending_units_ = std::move(saved);
      return "NULL " + unsupported(f.span, "date part '" + unknown_unit_ + "'");
    }
  }
  pending_units_ = std::move(saved);
  return out + suffix();
}

}  // namespace godwit::sql
