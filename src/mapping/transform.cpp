// Transformations, safe casts and formula validation (transform.hpp).
#include "mapping/transform.hpp"

#include <algorithm>
#include <exception>

#include "mapping/composite.hpp"
#include "sql/ast/expr_walk.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/parser/parse.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::mapping {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string canonical_dialect(std::string_view dialect) {
  auto name = sql::canonical_dialect_name(dialect);
  return name ? std::string(*name) : lower(dialect);
}

bool plain_word(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string_view safe_cast_function(std::string_view dialect) {
  std::string d = canonical_dialect(dialect);
  if (d == "bigquery") return "SAFE_CAST";
  if (d == "snowflake" || d == "tsql" || d == "databricks") return "TRY_CAST";
  return "CAST";
}

std::string quote_identifier(std::string_view name, std::string_view dialect) {
  if (plain_word(name)) return std::string(name);
  std::string d = canonical_dialect(dialect);
  char open = '"', close = '"';
  if (d == "bigquery" || d == "mysql" || d == "databricks" || d == "hive") open = close = '`';
  if (d == "tsql") {
    open = '[';
    close = ']';
  }
  std::string out(1, open);
  for (char c : name) {
    out.push_back(c);
    if (c == close) out.push_back(c);
  }
  out.push_back(close);
  return out;
}

TransformSuggestion suggest_transform(const schema::Column& source, const schema::Column& target,
                                      std::string_view column_expression,
                                      std::string_view formula_dialect) {
  TransformSuggestion out;
  const sql::LogicalType& from = source.type;
  const sql::LogicalType& to = target.type;
  bool from_known = !(from.kind == sql::TypeKind::kUnknown && from.name.empty());
  bool to_known = !(to.kind == sql::TypeKind::kUnknown && to.name.empty());
  if (!from_known || !to_known || from == to) return out;
  if (auto tz = time_zone_transform(source, target, column_expression, formula_dialect)) return *tz;
  sql::CastSafety safety = sql::cast_safety(from, to);
  std::string type_text = !target.type_text.empty() ? target.type_text : sql::to_string(to);
  std::string prefix =
      source.name + ": " + sql::to_string(from) + " -> " + sql::to_string(to) + ": ";
  for (const sql::TypeLoss& loss : safety.losses)
    out.warnings.push_back(prefix + std::string(sql::to_string(loss.code)) + " " + loss.message);
  if (safety.verdict == sql::CastVerdict::kIncompatible)
    out.warnings.push_back(prefix + "the types are incompatible; write a custom formula");
  bool same_kind = from.kind == to.kind;
  if (safety.verdict == sql::CastVerdict::kSafe && same_kind) return out;  // widening: direct

  std::string value(column_expression);
  bool scale_loss =
      std::any_of(safety.losses.begin(), safety.losses.end(),
                  [](const sql::TypeLoss& l) { return l.code == sql::LossCode::kScale; });
  if (scale_loss && to.scale && from.is_numeric())
    value = "ROUND(" + value + ", " + std::to_string(*to.scale) + ")";
  bool may_fail = safety.verdict != sql::CastVerdict::kSafe;
  std::string_view fn = may_fail ? safe_cast_function(formula_dialect) : std::string_view("CAST");
  out.transformation = Transformation::kCast;
  out.formula = std::string(fn) + "(" + value + " AS " + type_text + ")";
  if (may_fail && fn == "CAST")
    out.warnings.push_back(
        prefix + "the " + canonical_dialect(formula_dialect) +
        " dialect has no safe cast: a value that does not convert fails the load");
  return out;
}

namespace {

/// The unit words written as a function's first argument (EXTRACT(NANOSECOND FROM x),
/// DATEADD(day, 1, x), DATE_TRUNC(week, x)): the parser reads a word it does not know as
/// a keyword as a column name, but these name a date part, not a column.
std::vector<const sql::Expr*> date_part_arguments(const sql::Expr* root) {
  static constexpr std::string_view kUnits[] = {"year",
                                                "years",
                                                "yy",
                                                "yyyy",
                                                "quarter",
                                                "quarters",
                                                "qq",
                                                "month",
                                                "months",
                                                "mm",
                                                "mon",
                                                "week",
                                                "weeks",
                                                "wk",
                                                "isoweek",
                                                "day",
                                                "days",
                                                "dd",
                                                "dayofweek",
                                                "dow",
                                                "doy",
                                                "dayofyear",
                                                "hour",
                                                "hours",
                                                "hh",
                                                "minute",
                                                "minutes",
                                                "mi",
                                                "second",
                                                "seconds",
                                                "ss",
                                                "millisecond",
                                                "milliseconds",
                                                "ms",
                                                "microsecond",
                                                "microseconds",
                                                "us",
                                                "nanosecond",
                                                "nanoseconds",
                                                "ns",
                                                "epoch",
                                                "epoch_second",
                                                "epoch_millisecond",
                                                "timezone_hour",
                                                "timezone_minute"};
  std::vector<const sql::Expr*> out;
  std::vector<const sql::Expr*> stack{root};
  while (!stack.empty()) {
    const sql::Expr* x = stack.back();
    stack.pop_back();
    if (x == nullptr) continue;
    if (x->kind == sql::ExprKind::kFunction) {
      const auto* f = static_cast<const sql::FunctionExpr*>(x);
      if (!f->args.empty() && f->args[0] != nullptr &&
          f->args[0]->kind == sql::ExprKind::kColumnRef) {
        const auto* ref = static_cast<const sql::ColumnRefExpr*>(f->args[0]);
        if (ref->parts.size() == 1 && !ref->parts[0].quoted &&
            std::find(std::begin(kUnits), std::end(kUnits), lower(ref->parts[0].text)) !=
                std::end(kUnits))
          out.push_back(ref);
      }
    }
    sql::for_each_child(*x, [&](const sql::Expr& child) { stack.push_back(&child); });
  }
  return out;
}

}  // namespace

bool validate_formula(const std::string& formula, std::string_view dialect,
                      const std::vector<std::string>& allowed_columns,
                      std::vector<Diagnostic>& errors) {
  auto fail = [&](const std::string& code, const std::string& message) {
    Diagnostic d;
    d.code = code;
    d.message = message;
    errors.push_back(std::move(d));
    return false;
  };
  if (formula.empty()) return fail("E-MAPPING-FORMULA", "the formula is empty");
  auto canonical = sql::canonical_dialect_name(dialect);
  if (!canonical)
    return fail("E-MAPPING-DIALECT", "unknown dialect \"" + std::string(dialect) +
                                         "\"; expected one of " + sql::dialect_names_for_humans());
  sql::ParseResult result = sql::parse_sql("SELECT " + formula, sql::dialect_by_name(*canonical));
  if (result.has_errors()) {
    for (const Diagnostic& d : result.diagnostics)
      if (d.severity == Severity::kError)
        return fail("E-MAPPING-FORMULA",
                    "the formula does not parse as " + std::string(*canonical) +
                        " SQL: " + d.message + " (at character " +
                        std::to_string(d.location.column > 7 ? d.location.column - 7 : 1) + ")");
  }
  const sql::SelectBody* select = nullptr;
  if (result.statements.size() == 1 && result.statements[0]->kind == sql::StatementKind::kQuery) {
    const auto* q = static_cast<const sql::QueryStatement*>(result.statements[0]);
    if (q->query != nullptr && q->query->body != nullptr &&
        q->query->body->kind == sql::QueryBodyKind::kSelect)
      select = static_cast<const sql::SelectBody*>(q->query->body);
  }
  if (select == nullptr || select->items.size() != 1 || !select->from.empty() ||
      select->where != nullptr)
    return fail("E-MAPPING-FORMULA",
                "the formula must be one SQL expression (no commas, FROM or WHERE at top level)");
  if (allowed_columns.empty()) return true;
  std::vector<const sql::Expr*> date_parts = date_part_arguments(select->items[0].expr);
  bool ok = true;
  for (const sql::ColumnRefExpr* ref : sql::column_refs(select->items[0].expr)) {
    if (std::find(date_parts.begin(), date_parts.end(), ref) != date_parts.end()) continue;
    std::string name;
    for (const sql::Identifier& part : ref->parts)
      name += (name.empty() ? "" : ".") + lower(part.text);
    bool found = std::any_of(allowed_columns.begin(), allowed_columns.end(),
                             [&](const std::string& a) { return lower(a) == name; });
    if (!found) {
      std::string known;
      for (const std::string& a : allowed_columns) known += (known.empty() ? "" : ", ") + a;
      ok = fail(
          "E-MAPPING-FORMULA-COLUMN",
          "the formula reads \"" + name + "\", which is not a source column here; known: " + known);
    }
  }
  return ok;
}

}  // namespace godwit::mapping
