// Column-level lineage (lineage.hpp): a resolver over query scopes.
#include "schema/lineage.hpp"

#include <algorithm>
#include <utility>

#include "core/text.hpp"
#include "sql/ast/expr_walk.hpp"

namespace godwit::schema {
namespace {

/// A table in a FROM clause as the query sees it: its alias and its columns.
struct Relation {
  std::string alias_key;    ///< folded by the current dialect
  std::string key_dialect;  ///< the dialect that folded the columns' keys
  std::vector<OutputColumn> columns;
  /// Columns unknown (a table not in the catalog, a table function): any name resolves.
  bool opaque = false;
  QualifiedName written;                     ///< opaque tables: the name as written
  bool function = false;                     ///< opaque because it is a table function
  std::vector<SourceColumn> function_reads;  ///< what a table function's arguments read
};

struct Scope {
  const Scope* parent = nullptr;
  std::vector<Relation> relations;
  std::vector<std::string> using_keys;  ///< JOIN ... USING columns: not ambiguous
  /// The select list built so far: a name no table has may be an earlier item's alias
  /// (Snowflake, Redshift, Databricks and Teradata allow `SELECT a * 2 AS x, x + 1`).
  const std::vector<OutputColumn>* items = nullptr;
};

/// A resolved column reference.
struct Found {
  bool found = false;
  const OutputColumn* column = nullptr;  ///< the column, when it is a known one
  std::vector<SourceColumn> sources;
  bool field = false;  ///< a field of a struct column: a transformation of the column
};

void append(std::vector<SourceColumn>& to, const std::vector<SourceColumn>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void normalize(std::vector<SourceColumn>& sources) {
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
}

QualifiedName written_name(const sql::ObjectName& name) {
  QualifiedName q;
  const auto& p = name.parts;
  if (p.empty()) return q;
  q.name = std::string(p.back().text);
  if (p.size() >= 2) q.schema = std::string(p[p.size() - 2].text);
  if (p.size() >= 3) q.database = std::string(p[p.size() - 3].text);
  return q;
}

/// Combines what two writers of the same column say (set operations, MERGE clauses).
void combine(ColumnLineage& into, const ColumnLineage& other) {
  bool both_direct = into.kind == LineageKind::kDirect && other.kind == LineageKind::kDirect;
  append(into.sources, other.sources);
  normalize(into.sources);
  if (!both_direct) {
    into.kind = LineageKind::kTransformed;
    if (into.expression.empty()) into.expression = other.expression;
  }
}

/// Functions whose first argument is a bare date part (`DATEADD(month, 1, d)`) in the
/// dialects that have them; a column is never written there unquoted and alone.
bool takes_date_part(const sql::FunctionExpr& f) {
  if (f.name.empty() || f.args.empty() || f.args[0]->kind != sql::ExprKind::kColumnRef ||
      static_cast<const sql::ColumnRefExpr&>(*f.args[0]).parts.size() != 1)
    return false;
  static constexpr std::string_view kNames[] = {
      "DATEADD",    "DATEDIFF",     "DATEDIFF_BIG",  "DATEPART",        "DATENAME",  "DATE_PART",
      "DATE_TRUNC", "TIMESTAMPADD", "TIMESTAMPDIFF", "TIMESTAMP_TRUNC", "DATETRUNC", "TIME_SLICE"};
  for (std::string_view n : kNames)
    if (iequals(f.name.last().text, n)) return true;
  return false;
}

class Resolver {
 public:
  explicit Resolver(BuildContext& context) : ctx_(context) {}

  void push_cte(const sql::Cte& cte, const Scope* outer) {
    std::vector<OutputColumn> columns;
    const sql::Query& q = *cte.query;
    if (q.body && q.body->kind == sql::QueryBodyKind::kSetOperation) {
      // A recursive CTE reads itself: its first arm gives the columns the rest sees.
      auto& set = static_cast<const sql::SetOperationBody&>(*q.body);
      std::size_t mark = ctes_.size();
      for (const sql::Cte& inner : q.ctes) push_cte(inner, outer);
      std::vector<OutputColumn> seed = body(set.left, outer);
      rename(seed, cte.columns);
      ctes_.emplace_back(ctx_.fold(cte.name), std::move(seed));
      columns = body(q.body, outer);
      ctes_.resize(mark);
    } else {
      columns = query(q, outer);
    }
    rename(columns, cte.columns);
    ctes_.emplace_back(ctx_.fold(cte.name), std::move(columns));
  }

  std::vector<OutputColumn> query(const sql::Query& q, const Scope* outer) {
    std::size_t mark = ctes_.size();
    for (const sql::Cte& cte : q.ctes) push_cte(cte, outer);
    std::vector<OutputColumn> out = body(q.body, outer);
    ctes_.resize(mark);
    return out;
  }

  std::vector<OutputColumn> body(const sql::QueryBody* b, const Scope* outer) {
    if (!b) return {};
    switch (b->kind) {
      case sql::QueryBodyKind::kSelect:
        return select(static_cast<const sql::SelectBody&>(*b), outer);
      case sql::QueryBodyKind::kSetOperation: {
        auto& set = static_cast<const sql::SetOperationBody&>(*b);
        std::vector<OutputColumn> left = body(set.left, outer);
        std::vector<OutputColumn> right = body(set.right, outer);
        for (std::size_t i = 0; i < left.size() && i < right.size(); ++i) {
          combine(left[i].lineage, right[i].lineage);
          if (!(left[i].type == right[i].type)) {
            left[i].type = sql::LogicalType{};
            left[i].type_text.clear();
          }
        }
        return left;
      }
      case sql::QueryBodyKind::kValues: {
        auto& values = static_cast<const sql::ValuesBody&>(*b);
        std::vector<OutputColumn> out;
        Scope scope{outer, {}, {}, nullptr};
        for (const sql::ListExpr* row : values.rows) {
          for (std::size_t i = 0; i < row->items.size(); ++i) {
            if (out.size() <= i) {
              OutputColumn c;
              c.name = "column" + std::to_string(i + 1);
              c.key = ctx_.fold(c.name, false);
              c.lineage.column = c.name;
              c.lineage.kind = LineageKind::kTransformed;
              c.lineage.expression = "VALUES";
              out.push_back(std::move(c));
            }
            collect(row->items[i], scope, out[i].lineage.sources);
          }
        }
        for (OutputColumn& c : out) normalize(c.lineage.sources);
        return out;
      }
      case sql::QueryBodyKind::kNested:
        return query(*static_cast<const sql::NestedQueryBody&>(*b).query, outer);
    }
    return {};
  }

  std::vector<OutputColumn> select(const sql::SelectBody& s, const Scope* outer) {
    Scope scope{outer, {}, {}, nullptr};
    for (const sql::TableRef* r : s.from) add_table(r, scope, outer);
    std::vector<OutputColumn> out;
    scope.items = &out;
    std::vector<std::string> emitted_using;
    for (std::size_t i = 0; i < s.items.size(); ++i) {
      const sql::SelectItem& item = s.items[i];
      if (!item.expr) continue;
      if (item.expr->kind == sql::ExprKind::kStar) {
        expand_star(static_cast<const sql::StarExpr&>(*item.expr), scope, out, emitted_using);
        continue;
      }
      out.push_back(column(item.expr, item.alias, out.size() + 1, scope));
    }
    return out;
  }

  /// One output column computed by `e`.
  OutputColumn column(const sql::Expr* e, const sql::Identifier& alias, std::size_t position,
                      const Scope& scope) {
    OutputColumn c;
    if (!alias.empty()) {
      c.name = std::string(alias.text);
      c.key = ctx_.fold(alias);
    } else if (e->kind == sql::ExprKind::kColumnRef) {
      const sql::Identifier& last = static_cast<const sql::ColumnRefExpr&>(*e).parts.back();
      c.name = std::string(last.text);
      c.key = ctx_.fold(last);
    } else if (e->kind == sql::ExprKind::kCast && static_cast<const sql::CastExpr&>(*e).operand &&
               static_cast<const sql::CastExpr&>(*e).operand->kind == sql::ExprKind::kColumnRef) {
      const sql::Identifier& last =
          static_cast<const sql::ColumnRefExpr&>(*static_cast<const sql::CastExpr&>(*e).operand)
              .parts.back();
      c.name = std::string(last.text);
      c.key = ctx_.fold(last);
    } else if (e->kind == sql::ExprKind::kFunction &&
               !static_cast<const sql::FunctionExpr&>(*e).name.empty()) {
      c.name = to_lower(static_cast<const sql::FunctionExpr&>(*e).name.last().text);
      c.key = ctx_.fold(c.name, false);
    } else {
      c.name = "column" + std::to_string(position);
      c.key = ctx_.fold(c.name, false);
    }
    c.lineage.column = c.name;
    if (e->kind == sql::ExprKind::kColumnRef) {
      Found f = resolve(static_cast<const sql::ColumnRefExpr&>(*e), scope);
      c.lineage.sources = f.sources;
      normalize(c.lineage.sources);
      if (f.column && f.column->lineage.kind == LineageKind::kTransformed) {
        c.lineage.kind = LineageKind::kTransformed;
        c.lineage.expression = f.column->lineage.expression;
      } else if (f.found && !f.field && c.lineage.sources.size() == 1) {
        c.lineage.kind = LineageKind::kDirect;
        if (f.column) {
          c.type = f.column->type;
          c.type_text = f.column->type_text;
        }
      } else {
        c.lineage.kind = LineageKind::kTransformed;
        c.lineage.expression = ctx_.text(e->span);
      }
      return c;
    }
    collect(e, scope, c.lineage.sources);
    normalize(c.lineage.sources);
    c.lineage.kind = LineageKind::kTransformed;
    c.lineage.expression = ctx_.text(e->span);
    return c;
  }

  /// Every source column `e` reads, subqueries included.
  void collect(const sql::Expr* e, const Scope& scope, std::vector<SourceColumn>& out) {
    if (!e) return;
    if (e->kind == sql::ExprKind::kColumnRef) {
      append(out, resolve(static_cast<const sql::ColumnRefExpr&>(*e), scope).sources);
      return;
    }
    if (e->kind == sql::ExprKind::kFunction &&
        takes_date_part(static_cast<const sql::FunctionExpr&>(*e))) {
      // DATEDIFF(day, a, b): the first argument names a unit, not a column.
      const auto& args = static_cast<const sql::FunctionExpr&>(*e).args;
      for (std::size_t i = 1; i < args.size(); ++i) collect(args[i], scope, out);
      return;
    }
    if (e->kind == sql::ExprKind::kBinary && static_cast<const sql::BinaryExpr&>(*e).op == "=>") {
      collect(static_cast<const sql::BinaryExpr&>(*e).right, scope, out);  // name => value
      return;
    }
    sql::for_each_child(
        *e, [&](const sql::Expr& child) { collect(&child, scope, out); },
        [&](const sql::Query& q) {
          for (const OutputColumn& c : query(q, &scope)) append(out, c.lineage.sources);
        });
  }

  void add_table(const sql::TableRef* r, Scope& scope, const Scope* outer) {
    if (!r) return;
    Relation rel;
    switch (r->kind) {
      case sql::TableRefKind::kNamed: {
        auto& n = static_cast<const sql::NamedTableRef&>(*r);
        if (n.name.empty()) return;
        rel.alias_key = ctx_.fold(r->alias.empty() ? n.name.last() : r->alias);
        rel.key_dialect = std::string(ctx_.dialect.name());
        if (!named_relation(n.name, rel)) {
          rel.opaque = true;
          rel.written = written_name(n.name);
          ctx_.diag("W-LINEAGE-UNKNOWN-TABLE", Severity::kWarning, n.name.span,
                    "table " + rel.written.to_string() +
                        " is not in the catalog; the columns read from it are taken as written");
        }
        break;
      }
      case sql::TableRefKind::kDerived:
      case sql::TableRefKind::kValues: {
        auto& d = static_cast<const sql::DerivedTableRef&>(*r);
        if (!d.query) return;
        rel.columns = query(*d.query, d.lateral ? &scope : outer);
        rel.alias_key = r->alias.empty() ? std::string() : ctx_.fold(r->alias);
        rel.key_dialect = std::string(ctx_.dialect.name());
        break;
      }
      case sql::TableRefKind::kFunction: {
        auto& f = static_cast<const sql::FunctionTableRef&>(*r);
        rel.opaque = true;
        rel.function = true;
        if (f.call) {
          rel.written = written_name(f.call->name);
          for (const sql::Expr* arg : f.call->args) collect(arg, scope, rel.function_reads);
          normalize(rel.function_reads);
        }
        rel.alias_key = !r->alias.empty()                 ? ctx_.fold(r->alias)
                        : f.call && !f.call->name.empty() ? ctx_.fold(f.call->name.last())
                                                          : std::string();
        rel.key_dialect = std::string(ctx_.dialect.name());
        break;
      }
      case sql::TableRefKind::kJoin: {
        auto& j = static_cast<const sql::JoinTableRef&>(*r);
        add_table(j.left, scope, outer);
        add_table(j.right, scope, outer);
        for (const sql::Identifier& u : j.using_columns) scope.using_keys.push_back(ctx_.fold(u));
        return;
      }
    }
    rename_relation(rel, r->column_aliases);
    scope.relations.push_back(std::move(rel));
  }

  /// A CTE or a catalog table by name; false when neither.
  bool named_relation(const sql::ObjectName& name, Relation& rel) {
    if (name.parts.size() == 1) {
      std::string key = ctx_.fold(name.last());
      for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
        if (it->first != key) continue;
        rel.columns = it->second;
        return true;
      }
    }
    const Table* table = ctx_.find_table(name);
    if (!table) return false;
    rel.key_dialect = table->dialect;
    for (const Column& col : table->columns) {
      OutputColumn c;
      c.name = col.name;
      c.key = col.key;
      c.lineage.column = col.name;
      c.lineage.kind = LineageKind::kDirect;
      c.lineage.sources.push_back(SourceColumn{table->name, col.name});
      c.type_text = col.type_text;
      c.type = col.type;
      rel.columns.push_back(std::move(c));
    }
    return true;
  }

  /// Renames the first columns (a column list after an alias or a CTE name).
  void rename(std::vector<OutputColumn>& columns, std::span<const sql::Identifier> names) {
    for (std::size_t i = 0; i < names.size() && i < columns.size(); ++i) {
      columns[i].name = std::string(names[i].text);
      columns[i].key = ctx_.fold(names[i]);
      columns[i].lineage.column = columns[i].name;
    }
  }

  void rename_relation(Relation& rel, std::span<const sql::Identifier> names) {
    if (names.empty()) return;
    if (rel.key_dialect != ctx_.dialect.name()) {
      for (OutputColumn& c : rel.columns) c.key = ctx_.fold(c.name, false);
      rel.key_dialect = std::string(ctx_.dialect.name());
    }
    rename(rel.columns, names);
  }

  void expand_star(const sql::StarExpr& star, const Scope& scope, std::vector<OutputColumn>& out,
                   std::vector<std::string>& emitted_using) {
    std::vector<std::string> excluded;
    for (const sql::Identifier& x : star.except) excluded.push_back(ctx_.fold(x));
    std::vector<const Relation*> relations;
    if (star.qualifier.empty()) {
      for (const Relation& r : scope.relations) relations.push_back(&r);
    } else if (const Relation* r = find_relation(scope, star.qualifier.back())) {
      relations.push_back(r);
    } else {
      ctx_.diag("W-LINEAGE-UNKNOWN-TABLE", Severity::kWarning, star.span,
                "no table or alias " + std::string(star.qualifier.back().text) +
                    " in the FROM clause for " + ctx_.text(star.span));
      return;
    }
    for (const Relation* r : relations) {
      if (r->opaque) {
        ctx_.diag("W-LINEAGE-STAR", Severity::kWarning, star.span,
                  "cannot expand " + ctx_.text(star.span) + ": the columns of " +
                      (r->written.name.empty() ? std::string("a table function")
                                               : r->written.to_string()) +
                      " are not known");
        continue;
      }
      for (const OutputColumn& c : r->columns) {
        std::string key = r->key_dialect == ctx_.dialect.name() ? c.key : ctx_.fold(c.name, false);
        if (std::find(excluded.begin(), excluded.end(), key) != excluded.end()) continue;
        if (star.qualifier.empty() && std::find(scope.using_keys.begin(), scope.using_keys.end(),
                                                key) != scope.using_keys.end()) {
          if (std::find(emitted_using.begin(), emitted_using.end(), key) != emitted_using.end())
            continue;
          emitted_using.push_back(key);
        }
        OutputColumn copy = c;
        copy.key = key;
        out.push_back(std::move(copy));
      }
    }
  }

  const Relation* find_relation(const Scope& scope, const sql::Identifier& id) const {
    std::string key = ctx_.fold(id);
    for (const Relation& r : scope.relations)
      if (!r.alias_key.empty() && r.alias_key == key) return &r;
    return nullptr;
  }

  Found column_of(const Relation& rel, const sql::Identifier& id, sql::Span span, bool report) {
    Found f;
    if (rel.opaque) {
      f.found = true;
      f.field = rel.function;  // a table function computes its columns from its arguments
      if (rel.function)
        f.sources = rel.function_reads;
      else
        f.sources.push_back(SourceColumn{rel.written, std::string(id.text)});
      return f;
    }
    std::string key = ctx_.fold(id);
    for (const OutputColumn& c : rel.columns) {
      if (!ctx_.same(c.key, rel.key_dialect, key)) continue;
      f.found = true;
      f.column = &c;
      f.sources = c.lineage.sources;
      return f;
    }
    if (report)
      ctx_.diag("W-LINEAGE-UNKNOWN-COLUMN", Severity::kWarning, span,
                "column " + ctx_.text(span) + " is not a column of its table");
    return f;
  }

  Found unqualified(const sql::Identifier& id, const Scope& scope, sql::Span span, bool report) {
    std::string key = ctx_.fold(id);
    for (const Scope* s = &scope; s; s = s->parent) {
      std::vector<Found> matches;
      std::vector<const Relation*> opaque;
      for (const Relation& r : s->relations) {
        if (r.opaque) {
          opaque.push_back(&r);
          continue;
        }
        Found f = column_of(r, id, span, false);
        if (f.found) matches.push_back(std::move(f));
      }
      if (matches.size() == 1) return matches.front();
      if (matches.size() > 1) {
        bool using_column =
            std::find(s->using_keys.begin(), s->using_keys.end(), key) != s->using_keys.end();
        if (!using_column)
          ctx_.diag("W-LINEAGE-AMBIGUOUS", Severity::kWarning, span,
                    "column " + std::string(id.text) +
                        " is in several tables of the FROM clause; qualify it");
        Found merged;
        merged.found = true;
        for (const Found& m : matches) append(merged.sources, m.sources);
        normalize(merged.sources);
        return merged;
      }
      if (s->items) {
        for (const OutputColumn& item : *s->items)
          if (item.key == key) return Found{true, &item, item.lineage.sources, false};
      }
      if (opaque.size() == 1) return column_of(*opaque.front(), id, span, false);
      if (opaque.size() > 1) return Found{true, nullptr, {}, false};
    }
    if (report)
      ctx_.diag("W-LINEAGE-UNKNOWN-COLUMN", Severity::kWarning, span,
                "column " + std::string(id.text) + " is not in any table of the FROM clause");
    return {};
  }

  Found resolve(const sql::ColumnRefExpr& ref, const Scope& scope) {
    const auto& parts = ref.parts;
    if (parts.empty()) return {};
    if (parts.size() == 1) return unqualified(parts[0], scope, ref.span, true);
    const std::size_t n = parts.size();
    for (const Scope* s = &scope; s; s = s->parent)
      if (const Relation* r = find_relation(*s, parts[n - 2]))
        return column_of(*r, parts[n - 1], ref.span, true);
    // alias.struct_column.field, struct_column.field
    if (n >= 3) {
      for (const Scope* s = &scope; s; s = s->parent)
        if (const Relation* r = find_relation(*s, parts[0])) {
          Found f = column_of(*r, parts[1], ref.span, true);
          f.column = nullptr;
          f.field = true;
          return f;
        }
    }
    Found f = unqualified(parts[0], scope, ref.span, false);
    if (f.found) {
      f.column = nullptr;
      f.field = true;
      return f;
    }
    ctx_.diag("W-LINEAGE-UNKNOWN-TABLE", Severity::kWarning, ref.span,
              "no table or alias " + std::string(parts[n - 2].text) + " in the FROM clause for " +
                  ctx_.text(ref.span));
    return {};
  }

  /// A relation for a MERGE target.
  void add_target(const sql::ObjectName& name, const sql::Identifier& alias, Scope& scope) {
    Relation rel;
    rel.alias_key = ctx_.fold(alias.empty() ? name.last() : alias);
    rel.key_dialect = std::string(ctx_.dialect.name());
    if (!named_relation(name, rel)) {
      rel.opaque = true;
      rel.written = written_name(name);
    }
    scope.relations.push_back(std::move(rel));
  }

 private:
  BuildContext& ctx_;
  std::vector<std::pair<std::string, std::vector<OutputColumn>>> ctes_;
};

}  // namespace

std::vector<OutputColumn> query_lineage(BuildContext& context, const sql::Query& query,
                                        std::span<const sql::Cte> outer_ctes) {
  Resolver resolver(context);
  for (const sql::Cte& cte : outer_ctes) resolver.push_cte(cte, nullptr);
  return resolver.query(query, nullptr);
}

std::vector<ColumnLineage> merge_lineage(BuildContext& context, const sql::MergeStatement& merge,
                                         const Table* target) {
  Resolver resolver(context);
  Scope scope;
  if (!merge.target.empty()) resolver.add_target(merge.target, merge.target_alias, scope);
  resolver.add_table(merge.source, scope, nullptr);
  std::vector<ColumnLineage> out;
  std::vector<std::string> keys;
  auto write = [&](const sql::Identifier& column, const sql::Expr* value) {
    if (!value) return;
    OutputColumn c = resolver.column(value, column, out.size() + 1, scope);
    std::string key = context.fold(column);
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) {
      keys.push_back(key);
      out.push_back(std::move(c.lineage));
    } else {
      combine(out[static_cast<std::size_t>(it - keys.begin())], c.lineage);
    }
  };
  for (const sql::MergeClause& clause : merge.clauses) {
    if (clause.action == sql::MergeAction::kUpdate) {
      for (const sql::Assignment& a : clause.assignments)
        if (!a.column.empty()) write(a.column.back(), a.value);
    } else if (clause.action == sql::MergeAction::kInsert) {
      std::vector<sql::Identifier> columns(clause.insert_columns.begin(),
                                           clause.insert_columns.end());
      if (columns.empty() && target) {
        for (const Column& col : target->columns)
          columns.push_back(sql::Identifier{col.name, false, {}});
      }
      if (columns.size() != clause.insert_values.size()) {
        context.diag("W-LINEAGE-COLUMN-COUNT", Severity::kWarning, merge.span,
                     "MERGE inserts " + std::to_string(clause.insert_values.size()) +
                         " values into " + std::to_string(columns.size()) + " columns");
      }
      for (std::size_t i = 0; i < columns.size() && i < clause.insert_values.size(); ++i)
        write(columns[i], clause.insert_values[i]);
    }
  }
  return out;
}

}  // namespace godwit::schema
