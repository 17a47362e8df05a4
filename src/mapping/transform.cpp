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
  bool ok = true;
  for (const sql::ColumnRefExpr* ref : sql::column_refs(select->items[0].expr)) {
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
