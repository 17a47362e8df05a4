// Statements in the target dialect, and the public entry points. Statements the AST keeps
// only as written (routines, control-flow blocks, SET, GRANT ...) are copied when the
// target is the source dialect and reported unsupported otherwise.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/printer/printer_impl.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::sql {

Printer::Printer(const ParseResult& parsed, const PrinterProfile& source,
                 const PrinterProfile& target, const PrintOptions& options)
    : parsed_(parsed),
      src_(source),
      tgt_(target),
      src_types_(find_type_table(source.dialect)),
      tgt_types_(find_type_table(target.dialect)),
      options_(options),
      same_(&source == &target) {}

std::string Printer::insert(const InsertStatement& s) {
  const bool has_trailing = s.trailing.end > s.trailing.begin;
  std::string out = ctes(s.ctes, false);
  if (s.overwrite)
    out += "INSERT OVERWRITE TABLE ";
  else if (same_ && !s.modifiers.empty())
    out += "INSERT " + std::string(s.modifiers) + " ";
  else
    out += "INSERT INTO ";
  if (!same_ && !s.modifiers.empty())
    downgrade(Fidelity::kApproximate, s.span,
              "INSERT modifier " + std::string(s.modifiers) + " dropped");
  out += name(s.table);
  if (!s.alias.empty()) out += " AS " + ident(s.alias);
  if (!s.columns.empty()) out += " (" + idents(s.columns) + ")";
  switch (s.source) {
    case InsertSource::kQuery: out += nl() + query(s.query); break;
    case InsertSource::kDefaultValues: out += " DEFAULT VALUES"; break;
    case InsertSource::kValues: {
      // The rows are scanned, not kept: reparse them as a VALUES query.
      std::string_view text = parsed_.text(s.span);
      std::size_t after = s.columns.empty() ? s.table.span.end : s.columns.back().span.end;
      std::size_t at = std::string_view::npos;
      for (std::size_t i = after - s.span.begin; i + 6 <= text.size(); ++i)
        if (iequals(text.substr(i, 6), "VALUES") || iequals(text.substr(i, 5), "VALUE")) {
          at = i;
          break;
        }
      if (same_ || at == std::string_view::npos) {
        if (at == std::string_view::npos) return unsupported(s.span, "INSERT");
        out += " " + std::string(text.substr(at));
        return out;
      }
      ParseOptions po;
      po.skip_insert_values = false;
      std::size_t rows_end = has_trailing ? s.trailing.begin - s.span.begin : text.size();
      std::string rows(text.substr(at, rows_end - at));
      if (iequals(rows.substr(0, 6), "VALUE ")) rows.insert(5, "S");
      ParseResult sub = parse_sql(rows, *parsed_.dialect, po);
      if (sub.has_errors() || sub.statements.size() != 1 ||
          sub.statements[0]->kind != StatementKind::kQuery)
        return unsupported(s.span, "INSERT ... VALUES rows");
      Printer rows_printer(sub, src_, tgt_, options_);
      rows_printer.indent_ = indent_;
      out +=
          nl() + rows_printer.query(static_cast<const QueryStatement*>(sub.statements[0])->query);
      counts_.exact += rows_printer.counts_.exact;
      counts_.approximate += rows_printer.counts_.approximate;
      counts_.unsupported += rows_printer.counts_.unsupported;
      for (Diagnostic& d : rows_printer.diagnostics_) {
        d.location = locate(static_cast<std::uint32_t>(s.span.begin + at));
        diagnostics_.push_back(std::move(d));
      }
      break;
    }
    case InsertSource::kSet:
    case InsertSource::kOther:
      if (same_) return verbatim(s.span);
      return unsupported(s.span, "INSERT form");
  }
  if (has_trailing) {  // ON CONFLICT / ON DUPLICATE KEY UPDATE / RETURNING, as written
    std::string_view clause = parsed_.text(s.trailing);
    if (same_)
      out += " " + std::string(clause);
    else
      out += " " + unsupported(s.trailing,
                               "the INSERT clause '" + std::string(clause.substr(0, 40)) + "'");
  }
  return out;
}

std::string Printer::dml(const Statement& st) {
  switch (st.kind) {
    case StatementKind::kUpdate: {
      auto& s = static_cast<const UpdateStatement&>(st);
      std::string out = "UPDATE " + table_ref(s.table) + nl() + "SET ";
      for (std::size_t i = 0; i < s.assignments.size(); ++i) {
        if (i) out += ", ";
        out += idents(s.assignments[i].column, ".") + " = " + expr(s.assignments[i].value);
      }
      if (!s.from.empty()) {
        out += nl() + "FROM ";
        for (std::size_t i = 0; i < s.from.size(); ++i)
          out += (i ? ", " : "") + table_ref(s.from[i]);
      }
      if (s.where) out += nl() + "WHERE " + expr(s.where);
      return out;
    }
    case StatementKind::kDelete: {
      auto& s = static_cast<const DeleteStatement&>(st);
      std::string out = "DELETE FROM " + table_ref(s.table);
      if (!s.using_tables.empty()) {
        out += nl() + "USING ";
        for (std::size_t i = 0; i < s.using_tables.size(); ++i)
          out += (i ? ", " : "") + table_ref(s.using_tables[i]);
      }
      if (s.where) out += nl() + "WHERE " + expr(s.where);
      return out;
    }
    case StatementKind::kMerge: {
      auto& s = static_cast<const MergeStatement&>(st);
      std::string out = "MERGE INTO " + name(s.target);
      if (!s.target_alias.empty())
        out += (tgt_.table_alias_as ? " AS " : " ") + ident(s.target_alias);
      out += nl() + "USING " + table_ref(s.source) + nl() + "ON " + expr(s.on);
      for (const MergeClause& c : s.clauses) {
        out += nl() + (c.matched ? "WHEN MATCHED" : "WHEN NOT MATCHED");
        if (c.by_source) out += " BY SOURCE";
        if (c.condition) out += " AND " + expr(c.condition);
        out += " THEN ";
        switch (c.action) {
          case MergeAction::kUpdate: {
            out += "UPDATE SET ";
            for (std::size_t i = 0; i < c.assignments.size(); ++i) {
              if (i) out += ", ";
              out += idents(c.assignments[i].column, ".") + " = " + expr(c.assignments[i].value);
            }
            break;
          }
          case MergeAction::kDelete: out += "DELETE"; break;
          case MergeAction::kInsert:
            out += "INSERT";
            if (!c.insert_columns.empty()) out += " (" + idents(c.insert_columns) + ")";
            out += " VALUES (" + exprs(c.insert_values) + ")";
            break;
          case MergeAction::kDoNothing: out += "DO NOTHING"; break;
        }
      }
      return out;
    }
    default: return verbatim(st.span);
  }
}

StatementTranslation Printer::statement(const Statement& st) {
  StatementTranslation result;
  result.kind = std::string(to_string(st.kind));
  std::string out;
  switch (st.kind) {
    case StatementKind::kQuery: out = query(static_cast<const QueryStatement&>(st).query); break;
    case StatementKind::kCreateTable:
      out = create_table(static_cast<const CreateTableStatement&>(st));
      break;
    case StatementKind::kCreateView: {
      auto& v = static_cast<const CreateViewStatement&>(st);
      out = "CREATE ";
      if (v.or_replace) out += same_ ? "OR REPLACE " : std::string(tgt_.or_replace_view) + " ";
      if (!v.modifiers.empty()) {
        if (same_)
          out += std::string(v.modifiers) + " ";
        else
          downgrade(Fidelity::kApproximate, v.span,
                    "view modifier " + std::string(v.modifiers) + " dropped");
      }
      if (v.materialized) out += "MATERIALIZED ";
      out += "VIEW ";
      if (v.if_not_exists) out += "IF NOT EXISTS ";
      out += name(v.name);
      if (!v.columns.empty()) out += " (" + idents(v.columns) + ")";
      out += options_as_written(v.options, "view option");
      out += " AS" + nl() + query(v.query);
      break;
    }
    case StatementKind::kAlterTable:
      out = alter_table(static_cast<const AlterTableStatement&>(st));
      break;
    case StatementKind::kCreateIndex:
      out = create_index(static_cast<const CreateIndexStatement&>(st));
      break;
    case StatementKind::kCommentOn: {
      auto& c = static_cast<const CommentOnStatement&>(st);
      if (!same_ && !tgt_.comment_on) {
        out = unsupported(c.span, "COMMENT ON");
        break;
      }
      out = "COMMENT ON " + std::string(c.object_kind) + " " + name(c.target) + " IS " +
            (c.is_null ? std::string("NULL") : string_literal(c.comment));
      if (same_) out = verbatim(c.span);
      break;
    }
    case StatementKind::kCreateSchema: {
      auto& c = static_cast<const CreateSchemaStatement&>(st);
      if (same_) {
        out = verbatim(c.span);
        break;
      }
      out = std::string(c.is_database ? "CREATE DATABASE " : "CREATE SCHEMA ");
      if (c.if_not_exists) out += "IF NOT EXISTS ";
      out += name(c.name);
      break;
    }
    case StatementKind::kDrop: {
      auto& d = static_cast<const DropStatement&>(st);
      if (same_) {
        out = verbatim(d.span);
        break;
      }
      out = "DROP " + std::string(d.object_kind) + " ";
      if (d.if_exists) out += "IF EXISTS ";
      for (std::size_t i = 0; i < d.names.size(); ++i) out += (i ? ", " : "") + name(d.names[i]);
      if (!d.on_table.empty()) out += " ON " + name(d.on_table);
      if (d.cascade) out += " CASCADE";
      break;
    }
    case StatementKind::kTruncate: {
      auto& t = static_cast<const TruncateStatement&>(st);
      if (same_) {
        out = verbatim(t.span);
        break;
      }
      out = "TRUNCATE TABLE ";
      for (std::size_t i = 0; i < t.tables.size(); ++i) out += (i ? ", " : "") + name(t.tables[i]);
      break;
    }
    case StatementKind::kInsert: out = insert(static_cast<const InsertStatement&>(st)); break;
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kMerge: out = dml(st); break;
    default:
      if (same_) {
        out = std::string(parsed_.text(st.span));
        count_exact();
      } else {
        out = unsupported(st.span, std::string(to_string(st.kind)) + " statement");
      }
      break;
  }
  result.sql = std::move(out);
  result.counts = counts_;
  result.diagnostics = std::move(diagnostics_);
  for (Diagnostic& d : result.diagnostics)
    if (d.snippet.empty()) d.snippet = make_snippet(parsed_.source(), d.location);
  counts_ = {};
  diagnostics_.clear();
  return result;
}

StatementTranslation Printer::expression(const Expr& e) {
  StatementTranslation result;
  result.kind = "expression";
  result.sql = expr(&e);
  result.counts = counts_;
  result.diagnostics = std::move(diagnostics_);
  counts_ = {};
  diagnostics_.clear();
  return result;
}

namespace {

const PrinterProfile& profile_or_throw(std::string_view dialect) {
  auto canonical = canonical_dialect_name(dialect);
  const PrinterProfile* p = canonical ? find_printer_profile(*canonical) : nullptr;
  if (!p)
    throw Error(ErrorKind::kInvalidInput, "unknown SQL dialect '" + std::string(dialect) +
                                              "'; use one of: " + dialect_names_for_humans());
  return *p;
}

}  // namespace

StatementTranslation translate_statement(const ParseResult& parsed, const Statement& statement,
                                         std::string_view target, const PrintOptions& options) {
  const PrinterProfile& to = profile_or_throw(target);
  const PrinterProfile& from = profile_or_throw(parsed.dialect->name());
  Printer p(parsed, from, to, options);
  return p.statement(statement);
}

StatementTranslation translate_expression(const ParseResult& parsed, const Expr& expr,
                                          std::string_view target) {
  const PrinterProfile& to = profile_or_throw(target);
  const PrinterProfile& from = profile_or_throw(parsed.dialect->name());
  PrintOptions options;
  options.pretty = false;
  Printer p(parsed, from, to, options);
  return p.expression(expr);
}

namespace {

// Folded index names used by more than one index of the script (inline keys included).
std::unordered_set<std::string> colliding_index_names(const ParseResult& parsed) {
  std::unordered_map<std::string, int> uses;
  for (const Statement* s : parsed.statements) {
    if (s->kind == StatementKind::kCreateIndex) {
      const auto& ci = static_cast<const CreateIndexStatement&>(*s);
      if (!ci.name.empty()) ++uses[to_lower(ci.name.text)];
    } else if (s->kind == StatementKind::kCreateTable) {
      for (const TableConstraint* c : static_cast<const CreateTableStatement&>(*s).constraints)
        if (c->kind == ConstraintKind::kIndex && !c->name.empty()) ++uses[to_lower(c->name.text)];
    }
  }
  std::unordered_set<std::string> out;
  for (const auto& [name, n] : uses)
    if (n > 1) out.insert(name);
  return out;
}

}  // namespace

Translation translate(const ParseResult& parsed, std::string_view target,
                      const PrintOptions& options) {
  const PrinterProfile& to = profile_or_throw(target);
  const PrinterProfile& from = profile_or_throw(parsed.dialect->name());
  Printer p(parsed, from, to, options);
  if (&from != &to && from.index_names_per_table && !to.index_names_per_table)
    p.colliding_indexes_ = colliding_index_names(parsed);
  Translation t;
  for (const Statement* s : parsed.statements) {
    t.statements.push_back(p.statement(*s));
    const FidelityCounts& c = t.statements.back().counts;
    t.counts.exact += c.exact;
    t.counts.approximate += c.approximate;
    t.counts.unsupported += c.unsupported;
  }
  return t;
}

Translation transpile(std::string sql, std::string_view from, std::string_view to,
                      const PrintOptions& options) {
  const Dialect& dialect = dialect_by_name(from);
  ParseResult parsed = parse_sql(std::move(sql), dialect);
  Translation t = translate(parsed, to, options);
  if (!parsed.diagnostics.empty()) {
    StatementTranslation errors;
    errors.kind = "syntax-error";
    errors.diagnostics = parsed.diagnostics;
    errors.counts.unsupported = parsed.skipped.size();
    t.counts.unsupported += parsed.skipped.size();
    t.statements.push_back(std::move(errors));
  }
  return t;
}

}  // namespace godwit::sql
