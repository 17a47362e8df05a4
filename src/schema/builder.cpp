// Applying parsed statements to a catalog, in order (builder.hpp).
#include "schema/builder.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/text.hpp"
#include "schema/build_context.hpp"
#include "schema/lineage.hpp"
#include "sql/types/type_reader.hpp"

namespace godwit::schema {

namespace {

Identity identity_of(sql::IdentityKind kind) {
  switch (kind) {
    case sql::IdentityKind::kNone: return Identity::kNone;
    case sql::IdentityKind::kIdentity: return Identity::kIdentity;
    case sql::IdentityKind::kAutoIncrement: return Identity::kAutoIncrement;
    case sql::IdentityKind::kAlways: return Identity::kAlways;
    case sql::IdentityKind::kByDefault: return Identity::kByDefault;
  }
  return Identity::kNone;
}

std::vector<std::string> names_of(std::span<const sql::Identifier> ids) {
  std::vector<std::string> out;
  for (const sql::Identifier& id : ids) out.emplace_back(id.text);
  return out;
}

bool contains_words(std::string_view text, std::string_view words) {
  return to_upper(text).find(words) != std::string::npos;
}

/// The first name of a SET search_path / SET SCHEMA value: `"x", public` -> x.
std::string first_schema_name(std::string_view value) {
  for (const std::string& part : split(value, ',')) {
    std::string_view v = trim(part);
    if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
      v = v.substr(1, v.size() - 2);
    if (v.empty() || v == "$user") continue;
    return std::string(v);
  }
  return {};
}

}  // namespace

/// Applies the statements of one file.
class StatementApplier {
 public:
  StatementApplier(CatalogBuilder& builder, const sql::ParseResult& result, std::string file)
      : builder_(builder), ctx_(builder.catalog_, result, std::move(file)) {
    read_options_.user_types = [this](std::string_view name) -> std::optional<sql::LogicalType> {
      std::string_view last =
          name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
      for (const EnumType& e : ctx_.catalog.enums)
        if (iequals(e.name.name, last))
          return sql::LogicalType::enumeration(e.values, false, e.name.to_string());
      return std::nullopt;
    };
  }

  void apply(const sql::Statement& s) {
    switch (s.kind) {
      case sql::StatementKind::kCreateTable:
        return create_table(static_cast<const sql::CreateTableStatement&>(s));
      case sql::StatementKind::kCreateView:
        return create_view(static_cast<const sql::CreateViewStatement&>(s));
      case sql::StatementKind::kAlterTable:
        return alter_table(static_cast<const sql::AlterTableStatement&>(s));
      case sql::StatementKind::kCreateIndex:
        return create_index(static_cast<const sql::CreateIndexStatement&>(s));
      case sql::StatementKind::kCommentOn:
        return comment_on(static_cast<const sql::CommentOnStatement&>(s));
      case sql::StatementKind::kCreateSchema:
        return create_schema(static_cast<const sql::CreateSchemaStatement&>(s));
      case sql::StatementKind::kUse: return use(static_cast<const sql::UseStatement&>(s));
      case sql::StatementKind::kSet: return set(static_cast<const sql::SetStatement&>(s));
      case sql::StatementKind::kCreateSequence:
        return create_sequence(static_cast<const sql::CreateSequenceStatement&>(s));
      case sql::StatementKind::kCreateType:
        return create_type(static_cast<const sql::CreateTypeStatement&>(s));
      case sql::StatementKind::kDrop: return drop(static_cast<const sql::DropStatement&>(s));
      case sql::StatementKind::kInsert: return insert(static_cast<const sql::InsertStatement&>(s));
      case sql::StatementKind::kQuery:
        return select_into(static_cast<const sql::QueryStatement&>(s));
      case sql::StatementKind::kMerge: return merge(static_cast<const sql::MergeStatement&>(s));
      case sql::StatementKind::kRoutine:
        return routine(static_cast<const sql::RoutineStatement&>(s));
      case sql::StatementKind::kBlock: {
        auto& b = static_cast<const sql::BlockStatement&>(s);
        for (const sql::Statement* inner : b.statements)
          if (inner) apply(*inner);
        for (const sql::Statement* inner : b.else_statements)
          if (inner) apply(*inner);
        return;
      }
      case sql::StatementKind::kUpdate:
      case sql::StatementKind::kDelete:
      case sql::StatementKind::kTruncate:
      case sql::StatementKind::kOther: return;
    }
  }

 private:
  // --- tables --------------------------------------------------------------------------

  Column make_column(const sql::ColumnDef& d) {
    Column c;
    c.name = std::string(d.name.text);
    c.key = ctx_.fold(d.name);
    bool serial = false;
    if (d.type) {
      c.type_text = std::string(d.type->text);
      if (ctx_.types) {
        const CachedType& read = read_type(d.type->text);
        c.type = read.type;
        if (read.auto_increment && d.identity == sql::IdentityKind::kNone) {
          c.identity = Identity::kAutoIncrement;  // SERIAL: a sequence default, NOT NULL
          serial = true;
        }
      } else {
        c.type = sql::LogicalType::unknown(d.type->text);
      }
    } else {
      c.type = sql::LogicalType::unknown("");
    }
    c.nullable = !d.not_null && !d.primary_key && !serial;
    if (d.default_value) c.default_value = ctx_.text(d.default_value->span);
    if (d.identity != sql::IdentityKind::kNone) c.identity = identity_of(d.identity);
    c.identity_args = std::string(d.identity_args);
    if (d.generated) c.generated = ctx_.text(d.generated->span);
    c.collation = std::string(d.collation);
    c.comment = std::string(d.comment);
    return c;
  }

  /// Adds a column definition and its inline constraints to `t`.
  /// `altering`: from ALTER TABLE ADD (a column that exists is then a warning: scripts
  /// merged from several files often add what an earlier dump already has).
  void add_column(Table& t, const sql::ColumnDef& d, bool altering = false,
                  bool if_not_exists = false) {
    if (Column* existing = ctx_.find_column(t, d.name)) {
      if (if_not_exists) return;
      if (!altering) {
        ctx_.diag(
            "E-CATALOG-DUPLICATE-COLUMN", Severity::kError, d.span,
            "column " + std::string(d.name.text) + " is defined twice in " + t.name.to_string());
        return;
      }
      ctx_.diag("W-CATALOG-DUPLICATE-COLUMN", Severity::kWarning, d.span,
                "ALTER TABLE " + t.name.to_string() + " adds " + std::string(d.name.text) +
                    ", which it already has; the new definition replaces it");
      *existing = make_column(d);
      return;
    }
    t.columns.push_back(make_column(d));
    std::vector<std::string> self{std::string(d.name.text)};
    if (d.primary_key) set_primary_key(t, Key{{}, self, ctx_.origin(d.span)}, d.span);
    if (d.unique) t.unique_keys.push_back(Key{{}, self, ctx_.origin(d.span)});
    if (d.references) add_foreign_key(t, {}, self, *d.references, d.span);
    for (const sql::Expr* check : d.checks)
      if (check) t.checks.push_back(Check{{}, ctx_.text(check->span), ctx_.origin(check->span)});
  }

  void set_primary_key(Table& t, Key key, sql::Span span) {
    if (t.primary_key)
      ctx_.diag("W-CATALOG-DUPLICATE-KEY", Severity::kWarning, span,
                t.name.to_string() + " already has a primary key; the later one is kept");
    check_columns(t, key.columns, span);
    for (const std::string& name : key.columns)  // key columns are NOT NULL
      if (Column* c = ctx_.find_column(t, ctx_.fold(name, false));
          c || (c = ctx_.find_column(t, name)))
        c->nullable = false;
    t.primary_key = std::move(key);
  }

  void check_columns(Table& t, const std::vector<std::string>& columns, sql::Span span) {
    for (const std::string& c : columns) {
      if (ctx_.find_column(t, ctx_.fold(c, false)) || ctx_.find_column(t, c)) continue;
      ctx_.diag("W-CATALOG-UNKNOWN-COLUMN", Severity::kWarning, span,
                "column " + c + " is not a column of " + t.name.to_string());
    }
  }

  void add_foreign_key(Table& t, std::string name, std::vector<std::string> columns,
                       const sql::ForeignKeyTarget& target, sql::Span span) {
    ForeignKey fk;
    fk.name = std::move(name);
    fk.columns = std::move(columns);
    NameRef ref = ctx_.ref(target.table);
    fk.referenced_table = ref.written;
    fk.referenced_columns = names_of(target.columns);
    fk.on_delete = std::string(target.on_delete);
    fk.on_update = std::string(target.on_update);
    fk.origin = ctx_.origin(span);
    check_columns(t, fk.columns, span);
    CatalogBuilder::PendingForeignKey p;
    p.table_id = t.id;
    p.origin = fk.origin;
    p.dialect = std::string(ctx_.dialect.name());
    p.schema_key = ref.schema_key;
    p.key = ref.key;
    p.qualified = ref.qualified;
    p.unresolved = ctx_.make_diag("W-CATALOG-UNKNOWN-TABLE", Severity::kWarning, target.table.span,
                                  "foreign key of " + t.name.to_string() + " references " +
                                      ref.written.to_string() + ", which is not in the catalog");
    t.foreign_keys.push_back(std::move(fk));
    builder_.pending_.push_back(std::move(p));
  }

  void add_constraint(Table& t, const sql::TableConstraint& c) {
    std::vector<std::string> columns = names_of(c.columns);
    std::string name(c.name.text);
    Origin origin = ctx_.origin(c.span);
    switch (c.kind) {
      case sql::ConstraintKind::kPrimaryKey:
        set_primary_key(t, Key{name, columns, origin}, c.span);
        break;
      case sql::ConstraintKind::kUnique:
        check_columns(t, columns, c.span);
        t.unique_keys.push_back(Key{name, columns, origin});
        break;
      case sql::ConstraintKind::kForeignKey:
        if (c.references) add_foreign_key(t, name, columns, *c.references, c.span);
        break;
      case sql::ConstraintKind::kCheck:
        t.checks.push_back(Check{name, c.check ? ctx_.text(c.check->span) : "", origin});
        break;
      case sql::ConstraintKind::kIndex: {
        Index index;
        index.name = name;
        index.columns = columns;
        index.modifiers = std::string(c.options);
        index.origin = origin;
        check_columns(t, columns, c.span);
        t.indexes.push_back(std::move(index));
        break;
      }
      case sql::ConstraintKind::kDefault: {
        // T-SQL: CONSTRAINT df DEFAULT (expr) FOR column
        Column* col = c.columns.empty() ? nullptr : ctx_.find_column(t, c.columns.front());
        if (col && c.check) col->default_value = ctx_.text(c.check->span);
        if (!col && !c.columns.empty()) check_columns(t, columns, c.span);
        break;
      }
      case sql::ConstraintKind::kOther: break;
    }
  }

  /// A table the statement defines: replaces an existing one of the same name.
  Table* define(const sql::ObjectName& name, TableKind kind, bool or_replace, bool if_not_exists,
                sql::Span span, Table t) {
    NameRef ref = ctx_.ref(name);
    if (Table* existing = ctx_.find_table(ref, true)) {
      if (if_not_exists) return nullptr;
      if (!or_replace)
        ctx_.diag("W-CATALOG-DUPLICATE", Severity::kWarning, span,
                  ref.written.to_string() + " is defined again (first at " + existing->origin.file +
                      ":" + std::to_string(existing->origin.line) +
                      "); the later definition replaces it");
      remove_table(existing->id);
    }
    t.kind = kind;
    t.name = ref.written;
    t.schema_key = ref.schema_key;
    t.key = ref.key;
    t.dialect = std::string(ctx_.dialect.name());
    t.origin = ctx_.origin(span);
    return &ctx_.catalog.add_table(std::move(t));
  }

  void remove_table(std::uint32_t id) {
    auto& tables = ctx_.catalog.tables;
    tables.erase(
        std::remove_if(tables.begin(), tables.end(), [id](const Table& t) { return t.id == id; }),
        tables.end());
    ctx_.catalog.reindex();
  }

  /// Columns of a table filled by a query, typed where they copy a typed column.
  static void columns_from(Table& t, const std::vector<OutputColumn>& out) {
    for (const OutputColumn& o : out) {
      Column c;
      c.name = o.name;
      c.key = o.key;
      c.type_text = o.type_text;
      c.type = o.type_text.empty() ? sql::LogicalType::unknown("") : o.type;
      t.columns.push_back(std::move(c));
    }
  }

  void record_lineage(std::string statement, const QualifiedName& target,
                      const std::vector<std::string>& targets, const std::vector<OutputColumn>& out,
                      sql::Span span) {
    Lineage l;
    l.statement = std::move(statement);
    l.target = target;
    l.origin = ctx_.origin(span);
    for (std::size_t i = 0; i < out.size() && i < targets.size(); ++i) {
      ColumnLineage c = out[i].lineage;
      c.column = targets[i];
      l.columns.push_back(std::move(c));
    }
    ctx_.catalog.lineage.push_back(std::move(l));
  }

  void create_table(const sql::CreateTableStatement& s) {
    Table t;
    t.temporary = s.temporary;
    t.comment = std::string(s.comment);
    Table* table = define(s.name, TableKind::kTable, s.or_replace, s.if_not_exists, s.span, t);
    if (!table) return;
    for (const sql::ObjectName* parent : {&s.like, &s.partition_of}) {
      if (parent->empty()) continue;
      if (const Table* source = ctx_.find_table(*parent)) {
        std::vector<Column> copied = source->columns;
        table = ctx_.catalog.table_by_id(table->id);
        table->columns = std::move(copied);
      } else {
        ctx_.diag("W-CATALOG-UNKNOWN-TABLE", Severity::kWarning, parent->span,
                  "CREATE TABLE " + ctx_.text(s.name.span) + " takes the columns of " +
                      ctx_.text(parent->span) +
                      ", which is not in the catalog, so its columns are unknown");
      }
    }
    for (const sql::ColumnDef* d : s.columns) add_column(*table, *d);
    for (const sql::ColumnDef* d : s.partition_columns) add_column(*table, *d);
    for (const sql::TableConstraint* c : s.constraints) add_constraint(*table, *c);
    if (!s.primary_index.empty()) {
      Index index;
      index.columns = names_of(s.primary_index);
      index.modifiers = "PRIMARY INDEX";
      index.origin = table->origin;
      table->indexes.push_back(std::move(index));
    }
    if (s.as_query) {
      std::uint32_t id = table->id;
      QualifiedName name = table->name;
      table->query = ctx_.text(s.as_query->span);
      std::vector<OutputColumn> out = query_lineage(ctx_, *s.as_query);
      table = ctx_.catalog.table_by_id(id);
      std::vector<std::string> targets;
      if (table->columns.empty()) {
        columns_from(*table, out);
      } else if (table->columns.size() != out.size()) {
        ctx_.diag("W-LINEAGE-COLUMN-COUNT", Severity::kWarning, s.as_query->span,
                  "the query gives " + std::to_string(out.size()) + " columns for the " +
                      std::to_string(table->columns.size()) + " columns of " + name.to_string());
      }
      for (const Column& c : table->columns) targets.push_back(c.name);
      record_lineage("create-table-as", name, targets, out, s.span);
    }
  }

  void create_view(const sql::CreateViewStatement& s) {
    std::vector<OutputColumn> out;
    if (s.query) out = query_lineage(ctx_, *s.query);
    for (std::size_t i = 0; i < s.columns.size() && i < out.size(); ++i) {
      out[i].name = std::string(s.columns[i].text);
      out[i].key = ctx_.fold(s.columns[i]);
    }
    if (!s.columns.empty() && s.columns.size() != out.size())
      ctx_.diag("W-LINEAGE-COLUMN-COUNT", Severity::kWarning, s.span,
                "the view names " + std::to_string(s.columns.size()) +
                    " columns but its query gives " + std::to_string(out.size()));
    Table t;
    t.query = s.query ? ctx_.text(s.query->span) : std::string();
    columns_from(t, out);
    Table* view = define(s.name, s.materialized ? TableKind::kMaterializedView : TableKind::kView,
                         s.or_replace, s.if_not_exists, s.span, std::move(t));
    if (!view) return;
    std::vector<std::string> targets;
    for (const Column& c : view->columns) targets.push_back(c.name);
    record_lineage("view", view->name, targets, out, s.span);
  }

  // --- amendments ----------------------------------------------------------------------

  Table* target_table(const sql::ObjectName& name, bool if_exists, std::string_view what) {
    Table* t = ctx_.find_table(name);
    if (!t && !if_exists)
      ctx_.diag("W-CATALOG-UNKNOWN-TABLE", Severity::kWarning, name.span,
                std::string(what) + " " + ctx_.text(name.span) +
                    ": no such table in the catalog (define it first, or add the file that does)");
    return t;
  }

  static void erase_column_uses(Table& t, std::string_view column) {
    auto uses = [&](const std::vector<std::string>& cols) {
      return std::any_of(cols.begin(), cols.end(),
                         [&](const std::string& c) { return iequals(c, column); });
    };
    if (t.primary_key && uses(t.primary_key->columns)) t.primary_key.reset();
    std::erase_if(t.unique_keys, [&](const Key& k) { return uses(k.columns); });
    std::erase_if(t.foreign_keys, [&](const ForeignKey& k) { return uses(k.columns); });
    std::erase_if(t.indexes, [&](const Index& k) { return uses(k.columns); });
  }

  static void rename_column_uses(Table& t, std::string_view from, const std::string& to) {
    auto rename = [&](std::vector<std::string>& cols) {
      for (std::string& c : cols)
        if (iequals(c, from)) c = to;
    };
    if (t.primary_key) rename(t.primary_key->columns);
    for (Key& k : t.unique_keys) rename(k.columns);
    for (ForeignKey& k : t.foreign_keys) rename(k.columns);
    for (Index& k : t.indexes) rename(k.columns);
  }

  bool drop_constraint(Table& t, std::string_view name) {
    auto named = [&](const auto& x) { return !x.name.empty() && iequals(x.name, name); };
    if (t.primary_key && named(*t.primary_key)) {
      t.primary_key.reset();
      return true;
    }
    std::size_t before =
        t.unique_keys.size() + t.foreign_keys.size() + t.checks.size() + t.indexes.size();
    std::erase_if(t.unique_keys, named);
    std::erase_if(t.foreign_keys, named);
    std::erase_if(t.checks, named);
    std::erase_if(t.indexes, named);
    return before !=
           t.unique_keys.size() + t.foreign_keys.size() + t.checks.size() + t.indexes.size();
  }

  void alter_table(const sql::AlterTableStatement& s) {
    Table* t = target_table(s.name, s.if_exists, "ALTER TABLE");
    if (!t) return;
    for (const sql::AlterAction* a : s.actions) {
      if (!a) continue;
      switch (a->kind) {
        case sql::AlterActionKind::kAddColumn:
          if (a->column) add_column(*t, *a->column, true, contains_words(a->text, "IF NOT EXISTS"));
          break;
        case sql::AlterActionKind::kDropColumn: {
          Column* c = ctx_.find_column(*t, a->name);
          if (!c) {
            if (!contains_words(a->text, "IF EXISTS"))
              ctx_.diag("W-CATALOG-UNKNOWN-COLUMN", Severity::kWarning, a->span,
                        "DROP COLUMN " + std::string(a->name.text) + ": not a column of " +
                            t->name.to_string());
            break;
          }
          std::string name = c->name;
          std::erase_if(t->columns, [&](const Column& x) { return &x == c; });
          erase_column_uses(*t, name);
          break;
        }
        case sql::AlterActionKind::kAddConstraint:
          if (a->constraint) add_constraint(*t, *a->constraint);
          break;
        case sql::AlterActionKind::kDropConstraint:
          if (!drop_constraint(*t, a->name.text) && !contains_words(a->text, "IF EXISTS"))
            ctx_.diag("W-CATALOG-UNKNOWN-CONSTRAINT", Severity::kWarning, a->span,
                      "DROP CONSTRAINT " + std::string(a->name.text) + ": " + t->name.to_string() +
                          " has no constraint of that name");
          break;
        case sql::AlterActionKind::kRenameTable: {
          if (a->new_table_name.empty()) break;
          NameRef ref = ctx_.ref(a->new_table_name);
          t->name.name = ref.written.name;
          t->key = ref.key;
          if (ref.qualified) {
            t->name.schema = ref.written.schema;
            t->schema_key = ref.schema_key;
          }
          t->dialect = std::string(ctx_.dialect.name());
          ctx_.catalog.reindex();
          break;
        }
        case sql::AlterActionKind::kRenameColumn: {
          Column* c = ctx_.find_column(*t, a->name);
          if (!c) {
            ctx_.diag("W-CATALOG-UNKNOWN-COLUMN", Severity::kWarning, a->span,
                      "RENAME COLUMN " + std::string(a->name.text) + ": not a column of " +
                          t->name.to_string());
            break;
          }
          std::string old = c->name;
          c->name = std::string(a->new_name.text);
          c->key = ctx_.fold(a->new_name);
          rename_column_uses(*t, old, c->name);
          break;
        }
        case sql::AlterActionKind::kAlterColumn: alter_column(*t, *a); break;
        case sql::AlterActionKind::kOther: break;
      }
    }
  }

  void alter_column(Table& t, const sql::AlterAction& a) {
    const sql::Identifier& name = a.name.empty() && a.column ? a.column->name : a.name;
    Column* c = ctx_.find_column(t, name);
    if (!c) {
      ctx_.diag(
          "W-CATALOG-UNKNOWN-COLUMN", Severity::kWarning, a.span,
          "ALTER COLUMN " + std::string(name.text) + ": not a column of " + t.name.to_string());
      return;
    }
    if (a.column && a.column->type) {
      // MODIFY / CHANGE / ALTER COLUMN ... TYPE: the new definition replaces the old one.
      std::string old = c->name;
      Column replaced = make_column(*a.column);
      if (replaced.comment.empty()) replaced.comment = c->comment;
      *c = std::move(replaced);
      if (!iequals(old, c->name)) rename_column_uses(t, old, c->name);
    }
    if (a.new_type) {
      c->type_text = std::string(a.new_type->text);
      c->type = ctx_.types ? read_type(a.new_type->text).type
                           : sql::LogicalType::unknown(a.new_type->text);
    }
    if (contains_words(a.text, "DROP NOT NULL")) c->nullable = true;
    if (contains_words(a.text, "SET NOT NULL")) c->nullable = false;
    if (contains_words(a.text, "DROP DEFAULT")) c->default_value.reset();
    if (a.column && a.column->default_value)
      c->default_value = ctx_.text(a.column->default_value->span);
  }

  void create_index(const sql::CreateIndexStatement& s) {
    Table* t = target_table(s.table, false, "CREATE INDEX ON");
    if (!t) return;
    Index index;
    index.name = std::string(s.name.text);
    index.unique = s.unique;
    for (const sql::IndexColumn& c : s.columns)
      index.columns.push_back(c.expr ? ctx_.text(c.expr->span) : std::string(c.name.text));
    index.include = names_of(s.include);
    index.method = std::string(s.method);
    index.modifiers = std::string(s.modifiers);
    if (s.where) index.where = ctx_.text(s.where->span);
    index.origin = ctx_.origin(s.span);
    std::vector<std::string> plain;
    for (const sql::IndexColumn& c : s.columns)
      if (!c.expr && !c.name.empty()) plain.emplace_back(c.name.text);
    check_columns(*t, plain, s.span);
    t->indexes.push_back(std::move(index));
  }

  void comment_on(const sql::CommentOnStatement& s) {
    std::string comment = s.is_null ? std::string() : std::string(s.comment);
    if (s.object_kind == "COLUMN") {
      if (s.target.parts.size() < 2) return;
      sql::ObjectName table_name{s.target.parts.first(s.target.parts.size() - 1), s.target.span};
      Table* t = target_table(table_name, false, "COMMENT ON COLUMN");
      if (!t) return;
      if (Column* c = ctx_.find_column(*t, s.target.last()))
        c->comment = comment;
      else
        ctx_.diag("W-CATALOG-UNKNOWN-COLUMN", Severity::kWarning, s.target.span,
                  "COMMENT ON COLUMN " + ctx_.text(s.target.span) + ": " +
                      std::string(s.target.last().text) + " is not a column of " +
                      t->name.to_string());
      return;
    }
    if (s.object_kind == "TABLE" || s.object_kind == "VIEW" ||
        s.object_kind == "MATERIALIZED VIEW" || s.object_kind == "FOREIGN TABLE") {
      if (Table* t = target_table(s.target, false, "COMMENT ON " + std::string(s.object_kind)))
        t->comment = comment;
    }
  }

  // --- namespaces, sequences, types ----------------------------------------------------

  void create_schema(const sql::CreateSchemaStatement& s) {
    if (s.name.empty() || (s.is_database && !ctx_.rules.database_is_schema)) return;
    NameRef ref = ctx_.ref(s.name);
    QualifiedName name;
    name.name = ref.written.name;
    if (ref.qualified) name.database = ref.written.schema;
    for (const SchemaEntry& e : ctx_.catalog.schemas)
      if (iequals(e.name.name, name.name) && iequals(e.name.database, name.database)) return;
    ctx_.catalog.schemas.push_back(SchemaEntry{name, ctx_.origin(s.span)});
  }

  void set_schema(const std::string& name, bool quoted) {
    ctx_.schema = name;
    ctx_.schema_key = name.empty() ? std::string() : ctx_.fold(name, quoted);
  }

  void use(const sql::UseStatement& s) {
    if (s.name.empty()) return;
    const sql::Identifier& last = s.name.last();
    bool schema =
        s.object_kind == "SCHEMA" ||
        ((s.object_kind.empty() || s.object_kind == "DATABASE") && ctx_.rules.database_is_schema);
    if (schema) {
      set_schema(std::string(last.text), last.quoted);
      if (s.name.parts.size() >= 2) ctx_.database = std::string(s.name.parts.front().text);
    } else if (s.object_kind.empty() || s.object_kind == "DATABASE") {
      ctx_.database = std::string(last.text);
      set_schema({}, false);
    }
  }

  void set(const sql::SetStatement& s) {
    std::string name = to_lower(trim(s.name));
    if (name != "search_path" && name != "schema" && name != "current_schema") return;
    std::string first = first_schema_name(s.value);
    bool quoted = !s.value.empty() && trim(s.value).front() == '"';
    if (!first.empty()) set_schema(first, quoted);
  }

  template <typename T>
  static void replace_named(std::vector<T>& items, T item) {
    for (T& existing : items) {
      if (iequals(existing.name.name, item.name.name) &&
          iequals(existing.name.schema, item.name.schema)) {
        existing = std::move(item);
        return;
      }
    }
    items.push_back(std::move(item));
  }

  void create_sequence(const sql::CreateSequenceStatement& s) {
    Sequence q;
    q.name = ctx_.ref(s.name).written;
    q.start = std::string(s.start);
    q.increment = std::string(s.increment);
    q.origin = ctx_.origin(s.span);
    replace_named(ctx_.catalog.sequences, std::move(q));
  }

  void create_type(const sql::CreateTypeStatement& s) {
    if (s.definition != sql::TypeDefinitionKind::kEnum) return;
    EnumType e;
    e.name = ctx_.ref(s.name).written;
    for (std::string_view v : s.enum_values) e.values.emplace_back(v);
    e.origin = ctx_.origin(s.span);
    replace_named(ctx_.catalog.enums, std::move(e));
    type_cache_.clear();
  }

  void routine(const sql::RoutineStatement& s) {
    Routine r;
    r.kind = std::string(sql::to_string(s.routine_kind));
    if (!s.name.empty()) r.name = ctx_.ref(s.name).written;
    if (!s.on_table.empty()) r.on_table = ctx_.ref(s.on_table).written;
    r.language = std::string(s.language);
    for (const sql::ObjectName& n : s.tables_read) r.reads.push_back(ctx_.ref(n).written);
    for (const sql::ObjectName& n : s.tables_written) r.writes.push_back(ctx_.ref(n).written);
    r.origin = ctx_.origin(s.span);
    auto& routines = ctx_.catalog.routines;
    if (s.or_replace && !s.name.empty()) {
      for (Routine& existing : routines) {
        if (existing.kind == r.kind && iequals(existing.name.name, r.name.name) &&
            iequals(existing.name.schema, r.name.schema)) {
          existing = std::move(r);
          return;
        }
      }
    }
    routines.push_back(std::move(r));
  }

  // --- DROP ----------------------------------------------------------------------------

  template <typename T>
  bool erase_named(std::vector<T>& items, const sql::ObjectName& name) {
    NameRef ref = ctx_.ref(name);
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) {
      return iequals(x.name.name, ref.written.name) &&
             (!ref.qualified || iequals(x.name.schema, ref.written.schema));
    });
    if (it == items.end()) return false;
    items.erase(it);
    return true;
  }

  bool drop_index(const sql::ObjectName& name, const sql::ObjectName& on_table) {
    std::string_view index = name.last().text;
    for (Table& t : ctx_.catalog.tables) {
      if (!on_table.empty() && ctx_.find_table(on_table) != &t) continue;
      auto it = std::find_if(t.indexes.begin(), t.indexes.end(),
                             [&](const Index& i) { return iequals(i.name, index); });
      if (it != t.indexes.end()) {
        t.indexes.erase(it);
        return true;
      }
    }
    return false;
  }

  void drop(const sql::DropStatement& s) {
    const std::string_view kind = s.object_kind;
    for (const sql::ObjectName& name : s.names) {
      if (name.empty()) continue;
      bool found = true;
      if (kind == "TABLE" || kind == "VIEW" || kind == "MATERIALIZED VIEW" ||
          kind == "FOREIGN TABLE" || kind == "TEMPORARY TABLE") {
        Table* t = ctx_.find_table(name);
        found = t != nullptr;
        if (t) remove_table(t->id);
      } else if (kind == "INDEX") {
        found = drop_index(name, s.on_table);
      } else if (kind == "SEQUENCE") {
        found = erase_named(ctx_.catalog.sequences, name);
      } else if (kind == "TYPE") {
        found = erase_named(ctx_.catalog.enums, name) || true;  // composite types are not kept
      } else if (kind == "SCHEMA" || (kind == "DATABASE" && ctx_.rules.database_is_schema)) {
        std::string_view n = name.last().text;
        std::erase_if(ctx_.catalog.schemas,
                      [&](const SchemaEntry& e) { return iequals(e.name.name, n); });
      } else if (kind == "PROCEDURE" || kind == "FUNCTION" || kind == "TRIGGER" ||
                 kind == "PACKAGE" || kind == "PACKAGE BODY") {
        found = erase_named(ctx_.catalog.routines, name);
      }
      if (!found && !s.if_exists)
        ctx_.diag("W-CATALOG-UNKNOWN-OBJECT", Severity::kWarning, name.span,
                  "DROP " + std::string(kind) + " " + ctx_.text(name.span) +
                      ": not in the catalog (nothing to drop)");
    }
  }

  // --- DML lineage ---------------------------------------------------------------------

  void insert(const sql::InsertStatement& s) {
    if (s.source != sql::InsertSource::kQuery || !s.query) return;
    Table* t = target_table(s.table, false, "INSERT INTO");
    QualifiedName target = t ? t->name : ctx_.ref(s.table).written;
    std::vector<std::string> targets = names_of(s.columns);
    if (targets.empty() && t)
      for (const Column& c : t->columns) targets.push_back(c.name);
    std::uint32_t id = t ? t->id : 0;
    const std::size_t diagnostics_before = ctx_.catalog.diagnostics.size();
    std::vector<OutputColumn> out = query_lineage(ctx_, *s.query, s.ctes);
    // A `*` that could not be expanded leaves the column count unknown.
    const bool star_failed = std::any_of(
        ctx_.catalog.diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics_before),
        ctx_.catalog.diagnostics.end(),
        [](const Diagnostic& d) { return d.code == "W-LINEAGE-STAR"; });
    t = id ? ctx_.catalog.table_by_id(id) : nullptr;
    if (t && !s.columns.empty()) {
      for (const sql::Identifier& c : s.columns)
        if (!ctx_.find_column(*t, c))
          ctx_.diag("W-CATALOG-UNKNOWN-COLUMN", Severity::kWarning, c.span,
                    "INSERT INTO " + t->name.to_string() + ": " + std::string(c.text) +
                        " is not one of its columns");
    }
    if (targets.empty())
      for (const OutputColumn& o : out) targets.push_back(o.name);
    if (targets.size() != out.size() && !star_failed)
      ctx_.diag("W-LINEAGE-COLUMN-COUNT", Severity::kWarning, s.query->span,
                "INSERT INTO " + target.to_string() + " gives " + std::to_string(out.size()) +
                    " values for " + std::to_string(targets.size()) + " columns");
    record_lineage("insert", target, targets, out, s.span);
  }

  void select_into(const sql::QueryStatement& s) {
    // T-SQL SELECT ... INTO t creates t from the query.
    if (!s.query || !s.query->body || s.query->body->kind != sql::QueryBodyKind::kSelect) return;
    const auto& select = static_cast<const sql::SelectBody&>(*s.query->body);
    if (select.into.empty()) return;
    std::vector<OutputColumn> out = query_lineage(ctx_, *s.query);
    Table t;
    t.query = ctx_.text(s.query->span);
    columns_from(t, out);
    Table* table = define(select.into, TableKind::kTable, false, false, s.span, std::move(t));
    if (!table) return;
    std::vector<std::string> targets;
    for (const Column& c : table->columns) targets.push_back(c.name);
    record_lineage("select-into", table->name, targets, out, s.span);
  }

  void merge(const sql::MergeStatement& s) {
    const Table* t = target_table(s.target, false, "MERGE INTO");
    Lineage l;
    l.statement = "merge";
    l.target = t ? t->name : ctx_.ref(s.target).written;
    l.origin = ctx_.origin(s.span);
    l.columns = merge_lineage(ctx_, s, t);
    ctx_.catalog.lineage.push_back(std::move(l));
  }

  struct CachedType {
    sql::LogicalType type;
    bool auto_increment = false;
  };

  /// read_type through a cache: a script repeats a few type spellings many times. Enum
  /// definitions clear it (they change what a name means).
  const CachedType& read_type(std::string_view text) {
    auto it = type_cache_.find(text);
    if (it != type_cache_.end()) return it->second;
    sql::ReadTypeResult read = sql::read_type(text, *ctx_.types, read_options_);
    return type_cache_
        .emplace(std::string(text), CachedType{std::move(read.type), read.auto_increment})
        .first->second;
  }

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  CatalogBuilder& builder_;
  BuildContext ctx_;
  sql::ReadOptions read_options_;
  std::unordered_map<std::string, CachedType, StringHash, std::equal_to<>> type_cache_;
};

void CatalogBuilder::add(const sql::ParseResult& result, std::string_view file) {
  if (!result.dialect) return;
  catalog_.files.emplace_back(file);
  StatementApplier applier(*this, result, std::string(file));
  for (const sql::Statement* s : result.statements)
    if (s) applier.apply(*s);
}

namespace {

bool same_key(std::string_view stored, std::string_view stored_dialect, std::string_view key,
              std::string_view dialect) {
  return stored_dialect == dialect ? stored == key : iequals(stored, key);
}

}  // namespace

Catalog CatalogBuilder::finish() {
  for (PendingForeignKey& p : pending_) {
    Table* t = catalog_.table_by_id(p.table_id);
    if (!t) continue;  // dropped since
    auto it =
        std::find_if(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const ForeignKey& k) {
          return !k.resolved && k.origin.file == p.origin.file && k.origin.line == p.origin.line &&
                 k.origin.column == p.origin.column;
        });
    if (it == t->foreign_keys.end()) continue;
    ForeignKey& fk = *it;
    const Table* target = nullptr;
    const Table* fallback = nullptr;
    std::size_t fallbacks = 0;
    for (std::size_t i : catalog_.candidates(p.key)) {
      const Table& c = catalog_.tables[i];
      if (c.kind != TableKind::kTable || !same_key(c.key, c.dialect, p.key, p.dialect)) continue;
      if (same_key(c.schema_key, c.dialect, p.schema_key, p.dialect)) {
        target = &c;
        break;
      }
      if (!p.qualified || c.schema_key.empty()) {
        fallback = &c;
        ++fallbacks;
      }
    }
    if (!target && fallbacks == 1) target = fallback;
    if (!target) {
      catalog_.diagnostics.push_back(std::move(p.unresolved));
      continue;
    }
    fk.referenced_table = target->name;
    fk.resolved = true;
    fk.referenced_table_id = target->id;
    if (fk.referenced_columns.empty() && target->primary_key)
      fk.referenced_columns = target->primary_key->columns;
    for (const std::string& col : fk.referenced_columns) {
      bool known = std::any_of(target->columns.begin(), target->columns.end(),
                               [&](const Column& c) { return iequals(c.name, col); });
      if (known) continue;
      Diagnostic d = p.unresolved;
      d.code = "W-CATALOG-UNKNOWN-COLUMN";
      d.message = "foreign key of " + t->name.to_string() + " references " + col +
                  ", which is not a column of " + target->name.to_string();
      catalog_.diagnostics.push_back(std::move(d));
    }
  }
  pending_.clear();
  Catalog out = std::move(catalog_);
  catalog_ = Catalog{};
  out.reindex();
  return out;
}

Catalog build_catalog(const sql::ParseResult& result, std::string_view file) {
  CatalogBuilder builder;
  builder.add(result, file);
  return builder.finish();
}

}  // namespace godwit::schema
