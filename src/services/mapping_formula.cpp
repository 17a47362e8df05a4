// Checking a mapping's formula (see mapping_formula.hpp).
#include "services/mapping_formula.hpp"

#include <set>

#include "core/text.hpp"
#include "services/mapping_catalogs.hpp"
#include "sql/ast/expr_walk.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::services {
namespace {

// The formula is parsed as the select list of a query without FROM, so the parser's
// positions are shifted by this prefix on the first line.
constexpr std::string_view kPrefix = "SELECT ";
constexpr std::size_t kMaxFormula = 20000;
constexpr std::size_t kListedColumns = 12;

Diagnostic make_error(const std::string& code, const std::string& message,
                      const std::string& formula, SourceLocation location) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::kError;
  d.message = message;
  d.file = "formula";
  d.location = location;
  d.snippet = make_snippet(formula, location);
  return d;
}

/// The location in the formula of `offset` in the prefixed text.
SourceLocation formula_location(const std::string& formula, std::uint32_t offset) {
  SourceLocation at;
  std::uint32_t start =
      offset >= kPrefix.size() ? offset - static_cast<std::uint32_t>(kPrefix.size()) : 0;
  if (start > formula.size()) start = static_cast<std::uint32_t>(formula.size());
  at.offset = start;
  for (std::uint32_t i = 0; i < start; ++i) {
    if (formula[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

std::string column_list(const schema::Table& table) {
  std::string list;
  std::size_t n = 0;
  for (const schema::Column& c : table.columns) {
    if (n == kListedColumns) {
      list += ", ... (" + std::to_string(table.columns.size()) + " in all)";
      break;
    }
    if (n++ > 0) list += ", ";
    list += c.name;
  }
  return list;
}

bool table_matches(const schema::Table& table, std::string_view qualifier) {
  return iequals(table_name(table), qualifier) || iequals(table.name.name, qualifier);
}

}  // namespace

std::string describe(const Diagnostic& d) {
  return "line " + std::to_string(d.location.line) + ", column " +
         std::to_string(d.location.column) + ": " + d.message;
}

FormulaCheck check_formula(const std::string& formula, const std::string& dialect,
                           const schema::Catalog& source,
                           const std::vector<std::string>& source_tables) {
  FormulaCheck out;
  if (formula.size() > kMaxFormula) {
    out.errors.push_back(make_error("E-FORMULA-LENGTH",
                                    "the formula is " + std::to_string(formula.size()) +
                                        " characters; the limit is " + std::to_string(kMaxFormula),
                                    formula, SourceLocation{}));
    return out;
  }
  if (trim(formula).empty()) {
    out.errors.push_back(make_error("E-FORMULA-EMPTY",
                                    "the formula is empty; write one SQL expression over the "
                                    "source columns, e.g. UPPER(name)",
                                    formula, SourceLocation{}));
    return out;
  }
  sql::ParseOptions options;
  options.file_name = "formula";
  options.max_diagnostics = 10;
  sql::ParseResult parsed =
      sql::parse_sql(std::string(kPrefix) + formula, sql::dialect_by_name(dialect), options);
  for (const Diagnostic& d : parsed.diagnostics) {
    if (d.severity != Severity::kError) continue;
    Diagnostic shifted =
        make_error(d.code, d.message, formula, formula_location(formula, d.location.offset));
    shifted.expected = d.expected;
    out.errors.push_back(std::move(shifted));
  }
  if (!out.errors.empty()) return out;

  const sql::SelectBody* select = nullptr;
  if (parsed.statements.size() == 1 && parsed.statements[0]->kind == sql::StatementKind::kQuery) {
    const auto* query = static_cast<const sql::QueryStatement*>(parsed.statements[0])->query;
    if (query != nullptr && query->body != nullptr &&
        query->body->kind == sql::QueryBodyKind::kSelect && query->order_by.empty() &&
        query->limit == nullptr && query->ctes.empty()) {
      select = static_cast<const sql::SelectBody*>(query->body);
    }
  }
  if (select == nullptr || select->items.size() != 1 || !select->from.empty() ||
      select->where != nullptr || !select->group_by.empty() || select->items[0].expr == nullptr ||
      !select->items[0].alias.empty()) {
    out.errors.push_back(make_error("E-FORMULA-SHAPE",
                                    "a formula is one SQL expression (no statement, no list, no "
                                    "FROM or alias), e.g. CONCAT(first_name, ' ', last_name)",
                                    formula, SourceLocation{}));
    return out;
  }

  std::vector<const schema::Table*> allowed;
  for (const std::string& name : source_tables) {
    if (const schema::Table* t = find_table(source, name)) allowed.push_back(t);
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const sql::ColumnRefExpr* ref : sql::column_refs(select->items[0].expr)) {
    SourceLocation at = formula_location(formula, ref->span.begin);
    if (ref->parts.empty()) continue;
    std::string column(ref->parts.back().text);
    const schema::Table* table = nullptr;
    const schema::Column* found = nullptr;
    if (ref->parts.size() == 1) {
      int matches = 0;
      for (const schema::Table* t : allowed) {
        if (const schema::Column* c = find_column(*t, column)) {
          ++matches;
          table = t;
          found = c;
        }
      }
      if (allowed.empty()) {
        out.errors.push_back(
            make_error("E-FORMULA-NO-SOURCE",
                       "'" + column +
                           "' has no table to come from: name the mapping's source columns, or "
                           "qualify it as table.column",
                       formula, at));
        continue;
      }
      if (matches > 1) {
        out.errors.push_back(make_error(
            "E-FORMULA-AMBIGUOUS",
            "'" + column + "' is a column of several source tables; qualify it as table.column",
            formula, at));
        continue;
      }
      if (found == nullptr) {
        std::string message = "unknown column '" + column + "'";
        for (const schema::Table* t : allowed) {
          message += "; " + table_name(*t) + " has " + column_list(*t);
        }
        out.errors.push_back(make_error("E-FORMULA-COLUMN", message, formula, at));
        continue;
      }
    } else {
      std::string qualifier;
      for (std::size_t i = 0; i + 1 < ref->parts.size(); ++i) {
        if (!qualifier.empty()) qualifier += ".";
        qualifier += std::string(ref->parts[i].text);
      }
      const std::vector<const schema::Table*>* pool = &allowed;
      std::vector<const schema::Table*> everything;
      if (allowed.empty()) {
        for (const schema::Table& t : source.tables) everything.push_back(&t);
        pool = &everything;
      }
      for (const schema::Table* t : *pool) {
        if (table_matches(*t, qualifier)) {
          table = t;
          break;
        }
      }
      if (table == nullptr) {
        std::string message = "unknown source table '" + qualifier + "'";
        if (!allowed.empty()) {
          message += "; this mapping reads";
          for (std::size_t i = 0; i < allowed.size(); ++i) {
            message += (i == 0 ? " " : ", ") + table_name(*allowed[i]);
          }
        }
        out.errors.push_back(make_error("E-FORMULA-TABLE", message, formula, at));
        continue;
      }
      found = find_column(*table, column);
      if (found == nullptr) {
        out.errors.push_back(make_error("E-FORMULA-COLUMN",
                                        "unknown column '" + column + "' in " + table_name(*table) +
                                            "; it has " + column_list(*table),
                                        formula, at));
        continue;
      }
    }
    auto key = std::make_pair(table_name(*table), found->name);
    if (seen.insert(key).second) out.columns.push_back({key.first, key.second});
  }
  return out;
}

}  // namespace godwit::services
