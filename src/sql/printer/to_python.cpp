// SQL expressions as Python: every operator keeps SQL's NULL semantics through small
// inline lambdas (NULL in, None out; AND/OR three-valued), functions go through the source
// dialect's read rules to their canonical function, then through the table below.
#include "sql/printer/to_python.hpp"

#include <cctype>

#include "sql/printer/printer_impl.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::sql {
namespace {

/// A canonical function written in Python: `$1`.. are the arguments.
struct PythonRule {
  std::string_view canonical;
  int arity;
  std::string_view code;
  Fidelity fidelity = Fidelity::kExact;
  std::string_view note = {};
};

constexpr std::string_view kDt = "__import__('datetime')";

constexpr PythonRule kRules[] = {
    {"upper", 1, "(lambda s: None if s is None else s.upper())($1)"},
    {"lower", 1, "(lambda s: None if s is None else s.lower())($1)"},
    {"length", 1, "(lambda s: None if s is None else len(s))($1)"},
    {"trim", 1, "(lambda s: None if s is None else s.strip(' '))($1)"},
    {"ltrim", 1, "(lambda s: None if s is None else s.lstrip(' '))($1)"},
    {"rtrim", 1, "(lambda s: None if s is None else s.rstrip(' '))($1)"},
    {"replace", 3,
     "(lambda s, a, b: None if s is None or a is None or b is None else s.replace(a, b))($1, $2, "
     "$3)"},
    {"substr", 3,
     "(lambda s, p, n: None if s is None or p is None or n is None else s[max(p - 1, 0):max(p - 1 "
     "+ n, 0)])($1, $2, $3)",
     Fidelity::kApproximate, "start positions below 1 count differently in some dialects"},
    {"substr", 2, "(lambda s, p: None if s is None or p is None else s[max(p - 1, 0):])($1, $2)",
     Fidelity::kApproximate, "start positions below 1 count differently in some dialects"},
    {"strpos", 2, "(lambda s, t: None if s is None or t is None else s.find(t) + 1)($1, $2)"},
    {"concat", -1,
     "(lambda *xs: None if any(x is None for x in xs) else ''.join(map(str, xs)))($*)"},
    {"concat_skip_null", -1, "''.join(str(x) for x in ($*,) if x is not None)"},
    {"coalesce", -1, "next((v for v in ($*,) if v is not None), None)"},
    {"nullif", 2,
     "(lambda a, b: None if a is not None and b is not None and a == b else a)($1, $2)"},
    {"nvl2", 3, "($3 if $1 is None else $2)"},
    {"iif", 3, "($2 if ($1) is True else $3)"},
    {"abs", 1, "(lambda a: None if a is None else abs(a))($1)"},
    {"round", 2, "(lambda a, n: None if a is None or n is None else round(a, n))($1, $2)",
     Fidelity::kApproximate, "Python rounds halves to even; SQL rounds them away from zero"},
    {"round", 1, "(lambda a: None if a is None else round(a))($1)", Fidelity::kApproximate,
     "Python rounds halves to even; SQL rounds them away from zero"},
    // SQL's MOD takes the sign of the dividend, Python's % that of the divisor.
    {"mod", 2,
     "(lambda a, b: None if a is None or b is None else (abs(a) % abs(b)) * (-1 if a < 0 else "
     "1))($1, $2)",
     Fidelity::kApproximate,
     "a zero divisor raises ZeroDivisionError (SQL: an error, NULL in MySQL, the dividend in "
     "Oracle)"},
    {"current_date", 0, "__import__('datetime').date.today()", Fidelity::kApproximate,
     "the worker's local date, not the database session's"},
    {"current_timestamp", 0,
     "__import__('datetime').datetime.now(__import__('datetime').timezone.utc)",
     Fidelity::kApproximate, "the worker's clock, in UTC"},
};

class PythonWriter {
 public:
  PythonWriter(const ParseResult& parsed, const PrinterProfile& source,
               const PythonOptions& options)
      : parsed_(parsed), src_(source), options_(options) {}

  std::string expr(const Expr* e);
  PythonTranslation result;

 private:
  void note(Fidelity f, Span where, std::string_view message) {
    if (f == Fidelity::kExact) return;
    Diagnostic d;
    d.code = f == Fidelity::kApproximate ? "W-PYTHON-APPROXIMATE" : "E-PYTHON-UNSUPPORTED";
    d.severity = f == Fidelity::kApproximate ? Severity::kWarning : Severity::kError;
    d.message = std::string(message);
    d.location = parsed_.location(where.begin);
    d.snippet = make_snippet(parsed_.source(), d.location);
    result.diagnostics.push_back(std::move(d));
    if (f == Fidelity::kApproximate)
      ++result.counts.approximate;
    else
      ++result.counts.unsupported;
  }
  std::string unsupported(const Expr* e, std::string_view what) {
    note(Fidelity::kUnsupported, e->span,
         std::string(what) +
             " has no Python translation: " + std::string(parsed_.text(e->span)).substr(0, 80));
    return "None";
  }
  std::string python_string(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
      if (c == '\\' || c == '\'') out += '\\';
      if (c == '\n') {
        out += "\\n";
        continue;
      }
      out += c;
    }
    return out + "'";
  }
  std::string binary(const BinaryExpr& b);
  std::string function(const FunctionExpr& f);
  std::string cast(const CastExpr& c);
  std::string apply(std::string_view code, const std::vector<std::string>& args);

  const ParseResult& parsed_;
  const PrinterProfile& src_;
  const PythonOptions& options_;
};

std::string PythonWriter::apply(std::string_view code, const std::vector<std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '$' && i + 1 < code.size()) {
      char k = code[i + 1];
      if (std::isdigit(static_cast<unsigned char>(k))) {
        std::size_t a = static_cast<std::size_t>(k - '1');
        out += a < args.size() ? args[a] : "None";
        ++i;
        continue;
      }
      if (k == '*') {
        for (std::size_t a = 0; a < args.size(); ++a) out += (a ? ", " : "") + args[a];
        ++i;
        continue;
      }
    }
    out += code[i];
  }
  return out;
}

std::string PythonWriter::binary(const BinaryExpr& b) {
  std::string op = upper(b.op);
  std::string l = expr(b.left), r = expr(b.right);
  if (op == "AND")
    return "(lambda a, b: False if a is False or b is False else (None if a is None or b is None "
           "else True))(" +
           l + ", " + r + ")";
  if (op == "OR")
    return "(lambda a, b: True if a is True or b is True else (None if a is None or b is None "
           "else False))(" +
           l + ", " + r + ")";
  std::string py;
  if (op == "+" || op == "-" || op == "*")
    py = op;
  else if (op == "/") {
    // Integer-dividing sources truncate integer / integer toward zero (Python's // floors).
    if (src_.integer_division)
      return "(lambda a, b: None if a is None or b is None else ((abs(a) // abs(b)) * (1 if (a "
             "< 0) == (b < 0) else -1) if isinstance(a, int) and isinstance(b, int) else a / "
             "b))(" +
             l + ", " + r + ")";
    py = "/";
  } else if (op == "%") {
    for (const PythonRule& rule : kRules)
      if (rule.canonical == "mod") {
        note(rule.fidelity, b.span, rule.note);
        return apply(rule.code, {l, r});
      }
  } else if (op == "=" || op == "==")
    py = "==";
  else if (op == "<>" || op == "!=")
    py = "!=";
  else if (op == "<" || op == ">" || op == "<=" || op == ">=")
    py = op;
  else if (op == "||")
    return apply("(lambda *xs: None if any(x is None for x in xs) else ''.join(map(str, xs)))($*)",
                 {l, r});
  else
    return unsupported(&b, "operator " + op);
  return "(lambda a, b: None if a is None or b is None else a " + py + " b)(" + l + ", " + r + ")";
}

std::string PythonWriter::cast(const CastExpr& c) {
  std::string operand = expr(c.operand);
  if (!c.type) return unsupported(&c, "CAST");
  ReadTypeResult t = read_type(c.type->text, src_.dialect);
  std::string fn;
  switch (t.type.kind) {
    case TypeKind::kInteger:
      fn = "int(a)";
      note(Fidelity::kApproximate, c.span,
           "int() truncates floats and rejects '1.5'; SQL casts round or fail");
      break;
    case TypeKind::kFloat: fn = "float(a)"; break;
    case TypeKind::kDecimal:
      fn = "__import__('decimal').Decimal(str(a))";
      note(Fidelity::kApproximate, c.span, "the decimal's precision and scale are not enforced");
      break;
    case TypeKind::kString:
      fn = "str(a)";
      note(Fidelity::kApproximate, c.span,
           "str() formats numbers, dates and booleans differently from SQL");
      break;
    case TypeKind::kDate:
      fn = "(" + std::string(kDt) +
           ".date.fromisoformat(a) if isinstance(a, str) else (a.date() if hasattr(a, 'date') "
           "else a))";
      break;
    default: return unsupported(&c, "CAST to " + std::string(c.type->text));
  }
  return "(lambda a: None if a is None else " + fn + ")(" + operand + ")";
}

std::string PythonWriter::function(const FunctionExpr& f) {
  if (f.over || f.filter || f.distinct || f.name.parts.size() != 1)
    return unsupported(&f, "aggregate, window or qualified function");
  std::string n = upper(f.name.parts[0].text);
  int arity = static_cast<int>(f.args.size());
  std::string canonical;
  std::vector<const Expr*> cargs(f.args.begin(), f.args.end());
  const FunctionReadRule* read = find_read_rule(src_, n, arity, nullptr, nullptr);
  bool positional = read != nullptr;
  if (read)
    for (std::string_view spec : read->args)
      positional =
          positional && spec.size() == 1 && std::isdigit(static_cast<unsigned char>(spec[0]));
  if (positional) {
    canonical = std::string(read->canonical);
    note(read->fidelity, f.span, read->note);
    if (!read->args.empty()) {
      cargs.clear();
      for (std::string_view spec : read->args) {
        std::size_t i = static_cast<std::size_t>(spec[0] - '1');
        cargs.push_back(i < f.args.size() ? f.args[i] : nullptr);
      }
    }
  } else {
    canonical = n;
    for (char& ch : canonical) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  // Date functions with units.
  if (read && (read->canonical == "extract" || read->canonical == "date_add")) {
    std::size_t unit_arg = 0;
    std::string scratch;
    std::string_view raw;
    const Expr* u = nullptr;
    if (read->canonical == "extract" && !read->args.empty() && read->args[0][0] == '@') {
      raw = read->args[0].substr(1);
    } else {
      u = f.args.empty() ? nullptr : f.args[unit_arg];
      if (u && u->kind == ExprKind::kColumnRef) {
        raw = static_cast<const ColumnRefExpr*>(u)->parts.back().text;
      } else if (u && u->kind == ExprKind::kLiteral) {
        Printer helper(parsed_, src_, src_, {});
        if (helper.decode_string(static_cast<const LiteralExpr*>(u)->text, scratch)) raw = scratch;
      }
    }
    std::string_view unit = canonical_date_unit(raw);
    if (read->canonical == "extract") {
      const Expr* d = f.args.back();
      static constexpr std::string_view kFields[] = {"YEAR", "MONTH",  "DAY",
                                                     "HOUR", "MINUTE", "SECOND"};
      for (std::string_view field : kFields)
        if (unit == field) {
          std::string attr(field);
          for (char& ch : attr)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          return "(lambda d: None if d is None else d." + attr + ")(" + expr(d) + ")";
        }
      return unsupported(&f, "EXTRACT of " + std::string(raw));
    }
    if (read->args.size() == 3 && read->args[0] == "1" && f.args.size() == 3) {
      static constexpr std::pair<std::string_view, std::string_view> kDelta[] = {
          {"WEEK", "weeks"},
          {"DAY", "days"},
          {"HOUR", "hours"},
          {"MINUTE", "minutes"},
          {"SECOND", "seconds"}};
      for (const auto& [field, kw] : kDelta)
        if (unit == field)
          return "(lambda n, d: None if n is None or d is None else d + " + std::string(kDt) +
                 ".timedelta(" + std::string(kw) + "=n))(" + expr(f.args[1]) + ", " +
                 expr(f.args[2]) + ")";
    }
    return unsupported(&f, "date arithmetic in " + std::string(raw.empty() ? n : raw));
  }
  if (read && read->canonical == "to_char" && f.args.size() == 2) {
    const Expr* fmt = f.args[1];
    std::string value;
    Printer helper(parsed_, src_, src_, {});
    if (fmt->kind != ExprKind::kLiteral ||
        !helper.decode_string(static_cast<const LiteralExpr*>(fmt)->text, value))
      return unsupported(&f, "a format that is not a constant");
    std::vector<std::string> lost;
    std::string py = convert_date_format(value, src_.format_style, FormatStyle::kStrftime, lost);
    for (const std::string& l : lost)
      note(Fidelity::kApproximate, fmt->span, "format element '" + l + "' kept as written");
    return "(lambda d: None if d is None else d.strftime(" + python_string(py) + "))(" +
           expr(f.args[0]) + ")";
  }
  int canon_arity = static_cast<int>(cargs.size());
  for (const PythonRule& r : kRules) {
    if (r.canonical != canonical || (r.arity != -1 && r.arity != canon_arity)) continue;
    std::vector<std::string> args;
    for (const Expr* a : cargs) args.push_back(expr(a));
    note(r.fidelity, f.span, r.note);
    return apply(r.code, args);
  }
  return unsupported(&f, "function " + n);
}

std::string PythonWriter::expr(const Expr* e) {
  if (!e) return "None";
  std::size_t before = result.counts.approximate + result.counts.unsupported;
  std::string out;
  switch (e->kind) {
    case ExprKind::kLiteral: {
      auto* l = static_cast<const LiteralExpr*>(e);
      switch (l->literal_kind) {
        case LiteralKind::kNumber: out = std::string(l->text); break;
        case LiteralKind::kNull: out = "None"; break;
        case LiteralKind::kBoolean: out = iequals(l->text, "TRUE") ? "True" : "False"; break;
        case LiteralKind::kString: {
          std::string value;
          Printer helper(parsed_, src_, src_, {});
          if (!helper.decode_string(l->text, value)) return unsupported(e, "literal");
          out = python_string(value);
          break;
        }
        case LiteralKind::kOther: return unsupported(e, "typed literal");
      }
      break;
    }
    case ExprKind::kColumnRef: {
      auto* c = static_cast<const ColumnRefExpr*>(e);
      std::string n = upper(c->parts.back().text);
      if (c->parts.size() == 1 && !c->parts[0].quoted) {
        const FunctionReadRule* r = find_read_rule(src_, n, 0, nullptr, nullptr);
        if (r && r->arity == 0) {
          for (const PythonRule& p : kRules)
            if (p.canonical == r->canonical) {
              note(p.fidelity, e->span, p.note);
              return std::string(p.code);
            }
        }
      }
      out = options_.row + "[" + python_string(c->parts.back().text) + "]";
      break;
    }
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      std::string op = upper(u->op);
      std::string a = expr(u->operand);
      if (op == "NOT")
        out = "(lambda a: None if a is None else not a)(" + a + ")";
      else if (op == "-" || op == "+")
        out = "(lambda a: None if a is None else " + op + "a)(" + a + ")";
      else
        return unsupported(e, "operator " + op);
      break;
    }
    case ExprKind::kBinary: out = binary(*static_cast<const BinaryExpr*>(e)); break;
    case ExprKind::kFunction: out = function(*static_cast<const FunctionExpr*>(e)); break;
    case ExprKind::kCast: out = cast(*static_cast<const CastExpr*>(e)); break;
    case ExprKind::kIs: {
      auto* is = static_cast<const IsExpr*>(e);
      std::string p = upper(is->predicate);
      std::string a = expr(is->operand);
      if (p == "NULL")
        out = "(" + a + (is->negated ? " is not None)" : " is None)");
      else if (p == "TRUE" || p == "FALSE")
        out = "((" + a + ") is " + (is->negated ? "not " : "") + (p == "TRUE" ? "True" : "False") +
              ")";
      else
        return unsupported(e, "IS " + p);
      break;
    }
    case ExprKind::kIn: {
      auto* in = static_cast<const InExpr*>(e);
      if (in->query) return unsupported(e, "IN (subquery)");
      std::string list;
      for (const Expr* item : in->list) list += expr(item) + ", ";
      out =
          "(lambda a, vs: None if a is None else (True if a in [v for v in vs if v is not None] "
          "else (None if None in vs else False)))(" +
          expr(in->operand) + ", (" + list + "))";
      if (in->negated) out = "(lambda a: None if a is None else not a)(" + out + ")";
      break;
    }
    case ExprKind::kBetween: {
      auto* b = static_cast<const BetweenExpr*>(e);
      std::string a = expr(b->operand), lo = expr(b->low), hi = expr(b->high);
      out =
          "(lambda a, lo, hi: (lambda x, y: False if x is False or y is False else (None if x "
          "is None or y is None else True))(None if a is None or lo is None else a >= lo, None "
          "if a is None or hi is None else a <= hi))(" +
          a + ", " + lo + ", " + hi + ")";
      if (b->negated) out = "(lambda a: None if a is None else not a)(" + out + ")";
      break;
    }
    case ExprKind::kCase: {
      auto* c = static_cast<const CaseExpr*>(e);
      std::string tail = c->else_result ? expr(c->else_result) : "None";
      std::string subject = c->operand ? expr(c->operand) : "";
      for (std::size_t i = c->whens.size(); i-- > 0;) {
        const WhenClause& w = c->whens[i];
        std::string cond = c->operand ? "(lambda x, v: x is not None and v is not None and x == "
                                        "v)(" +
                                            subject + ", " + expr(w.condition) + ")"
                                      : "(" + expr(w.condition) + ") is True";
        tail = "(" + expr(w.result) + " if " + cond + " else " + tail + ")";
      }
      out = tail;
      break;
    }
    case ExprKind::kList: {
      // ARRAY[a, b] and [a, b] are Python lists; a row constructor (a, b) or a STRUCT has
      // no faithful Python value here.
      auto* l = static_cast<const ListExpr*>(e);
      if (!iequals(l->constructor, "ARRAY") && l->constructor != "[")
        return unsupported(e, "this expression");
      out = "[";
      for (std::size_t i = 0; i < l->items.size(); ++i) out += (i ? ", " : "") + expr(l->items[i]);
      out += "]";
      break;
    }
    default: return unsupported(e, "this expression");
  }
  if (result.counts.approximate + result.counts.unsupported == before) ++result.counts.exact;
  return out;
}

}  // namespace

PythonTranslation to_python(const ParseResult& parsed, const Expr& expr,
                            const PythonOptions& options) {
  const PrinterProfile* source = find_printer_profile(parsed.dialect->name());
  if (!source) source = find_printer_profile("ansi");
  PythonWriter w(parsed, *source, options);
  std::string code = w.expr(&expr);
  PythonTranslation t = std::move(w.result);
  if (t.counts.unsupported == 0) t.code = std::move(code);
  return t;
}

}  // namespace godwit::sql
