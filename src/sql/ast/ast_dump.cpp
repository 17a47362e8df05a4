// The compact AST dump. Names print as written (quoted parts keep their quotes as "x"),
// types as written, expressions as (op a b) S-expressions.
#include "sql/ast/ast_dump.hpp"

#include "sql/ast/ast_dump_parts.hpp"

namespace godwit::sql {
namespace {

using namespace dump_parts;

void put_column(std::string& out, const ColumnDef& c, std::string_view indent) {
  out += indent;
  out += "column ";
  put_id(out, c.name);
  out += ' ';
  put_type(out, c.type);
  if (c.not_null) out += " not-null";
  if (c.null_explicit) out += " null";
  if (c.primary_key) out += " primary-key";
  if (c.unique) out += " unique";
  static constexpr std::string_view kIdentity[] = {"", "identity", "auto-increment",
                                                   "generated-always", "generated-by-default"};
  if (c.identity != IdentityKind::kNone) {
    out += ' ';
    out += kIdentity[static_cast<int>(c.identity)];
    if (!c.identity_args.empty()) {
      out += c.identity_args.front() == '(' ? "" : ":";
      out += c.identity_args;
    }
  }
  if (c.default_value) {
    out += " default=";
    put_expr(out, c.default_value);
  }
  if (c.generated) {
    out += c.generated_stored ? " stored-as=" : " as=";
    put_expr(out, c.generated);
  }
  if (!c.collation.empty()) {
    out += " collate=";
    out += c.collation;
  }
  if (!c.charset.empty()) {
    out += " charset=";
    out += c.charset;
  }
  if (!c.comment.empty()) {
    out += " comment='";
    out += c.comment;
    out += '\'';
  }
  if (c.references) {
    out += " references=";
    put_ids(out, c.references->table.parts);
    if (!c.references->columns.empty()) {
      out += '(';
      put_ids(out, c.references->columns, ",");
      out += ')';
    }
    if (!c.references->on_delete.empty()) {
      out += " on-delete=";
      out += c.references->on_delete;
    }
  }
  for (const Expr* check : c.checks) {
    out += " check=";
    put_expr(out, check);
  }
  for (const Option& o : c.options) {
    out += " [";
    out += o.name;
    if (!o.value.empty()) {
      out += ' ';
      out += o.value;
    }
    out += ']';
  }
  out += '\n';
}

void put_constraint(std::string& out, const TableConstraint& c, std::string_view indent) {
  static constexpr std::string_view kKinds[] = {"primary-key", "unique",  "foreign-key", "check",
                                                "index",       "default", "other"};
  out += indent;
  out += "constraint ";
  out += kKinds[static_cast<int>(c.kind)];
  if (!c.name.empty()) {
    out += " name=";
    put_id(out, c.name);
  }
  if (!c.columns.empty()) {
    out += " (";
    put_ids(out, c.columns, ",");
    out += ')';
  }
  if (c.references) {
    out += " -> ";
    put_ids(out, c.references->table.parts);
    if (!c.references->columns.empty()) {
      out += '(';
      put_ids(out, c.references->columns, ",");
      out += ')';
    }
    if (!c.references->on_delete.empty()) {
      out += " on-delete=";
      out += c.references->on_delete;
    }
    if (!c.references->on_update.empty()) {
      out += " on-update=";
      out += c.references->on_update;
    }
  }
  if (c.check) {
    out += ' ';
    put_expr(out, c.check);
  }
  out += '\n';
}

}  // namespace

std::string dump_name(const ObjectName& name) {
  std::string out;
  put_ids(out, name.parts);
  return out;
}

std::string dump_expr(const Expr* expr) {
  std::string out;
  put_expr(out, expr);
  return out;
}

std::string dump_query(const Query* query) {
  std::string out;
  put_query(out, query);
  return out;
}

std::string dump_statement(const Statement& s) {
  std::string out(to_string(s.kind));
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      auto& t = static_cast<const CreateTableStatement&>(s);
      out += ' ';
      put_ids(out, t.name.parts);
      if (t.or_replace) out += " or-replace";
      if (t.if_not_exists) out += " if-not-exists";
      if (t.temporary) out += " temporary";
      if (!t.modifiers.empty()) {
        out += " modifiers=";
        out += t.modifiers;
      }
      out += '\n';
      for (const ColumnDef* c : t.columns) put_column(out, *c, "  ");
      for (const TableConstraint* c : t.constraints) put_constraint(out, *c, "  ");
      for (const ColumnDef* c : t.partition_columns) put_column(out, *c, "  partition-");
      if (!t.like.empty()) out += "  like " + dump_name(t.like) + "\n";
      if (!t.partition_of.empty()) out += "  partition-of " + dump_name(t.partition_of) + "\n";
      if (!t.partition_by.empty()) {
        out += "  partition-by";
        put_list(out, t.partition_by);
        out += '\n';
      }
      if (!t.cluster_by.empty()) {
        out += "  cluster-by";
        put_list(out, t.cluster_by);
        out += '\n';
      }
      if (!t.primary_index.empty()) {
        out += "  primary-index (";
        put_ids(out, t.primary_index, ",");
        out += ")\n";
      }
      if (!t.comment.empty()) {
        out += "  comment '";
        out += t.comment;
        out += "'\n";
      }
      for (const Option& o : t.options) {
        out += "  option ";
        out += o.name;
        if (!o.value.empty()) {
          out += " = ";
          out += o.value;
        }
        out += '\n';
      }
      if (t.as_query) out += "  as " + dump_query(t.as_query) + "\n";
      return out;
    }
    case StatementKind::kCreateView: {
      auto& v = static_cast<const CreateViewStatement&>(s);
      out += ' ';
      put_ids(out, v.name.parts);
      if (v.or_replace) out += " or-replace";
      if (v.materialized) out += " materialized";
      if (!v.columns.empty()) {
        out += " (";
        put_ids(out, v.columns, ",");
        out += ')';
      }
      out += "\n  as " + dump_query(v.query) + "\n";
      return out;
    }
    case StatementKind::kAlterTable: {
      auto& a = static_cast<const AlterTableStatement&>(s);
      out += ' ';
      put_ids(out, a.name.parts);
      out += '\n';
      static constexpr std::string_view kActions[] = {
          "add-column",   "drop-column",   "add-constraint", "drop-constraint",
          "rename-table", "rename-column", "alter-column",   "other"};
      for (const AlterAction* act : a.actions) {
        if (act->kind == AlterActionKind::kAddColumn && act->column) {
          put_column(out, *act->column, "  add-");
          continue;
        }
        if (act->kind == AlterActionKind::kAlterColumn && act->column) {
          put_column(out, *act->column, "  alter-");
          continue;
        }
        if (act->kind == AlterActionKind::kAddConstraint && act->constraint) {
          put_constraint(out, *act->constraint, "  add-");
          continue;
        }
        out += "  ";
        out += kActions[static_cast<int>(act->kind)];
        if (!act->name.empty()) {
          out += ' ';
          put_id(out, act->name);
        }
        if (!act->new_name.empty()) {
          out += " to ";
          put_id(out, act->new_name);
        }
        if (!act->new_table_name.empty()) out += " to " + dump_name(act->new_table_name);
        if (act->kind == AlterActionKind::kOther) {
          out += ' ';
          out += act->text;
        }
        out += '\n';
      }
      return out;
    }
    case StatementKind::kCreateIndex: {
      auto& i = static_cast<const CreateIndexStatement&>(s);
      out += ' ';
      put_id(out, i.name);
      out += " on " + dump_name(i.table);
      if (i.unique) out += " unique";
      out += " (";
      for (std::size_t k = 0; k < i.columns.size(); ++k) {
        if (k) out += ',';
        if (i.columns[k].expr)
          put_expr(out, i.columns[k].expr);
        else
          put_id(out, i.columns[k].name);
        if (i.columns[k].descending) out += ":desc";
      }
      out += ")";
      if (i.where) {
        out += " where ";
        put_expr(out, i.where);
      }
      out += '\n';
      return out;
    }
    case StatementKind::kCommentOn: {
      auto& c = static_cast<const CommentOnStatement&>(s);
      out += ' ';
      out += c.object_kind;
      out += ' ' + dump_name(c.target);
      out += c.is_null ? " null" : " '" + std::string(c.comment) + "'";
      out += '\n';
      return out;
    }
    case StatementKind::kCreateSchema: {
      auto& c = static_cast<const CreateSchemaStatement&>(s);
      out += c.is_database ? " database " : " schema ";
      out += dump_name(c.name);
      if (!c.authorization.empty()) {
        out += " authorization=";
        put_id(out, c.authorization);
      }
      out += '\n';
      return out;
    }
    case StatementKind::kUse: {
      auto& u = static_cast<const UseStatement&>(s);
      out += ' ';
      if (!u.object_kind.empty()) {
        out += u.object_kind;
        out += ' ';
      }
      out += dump_name(u.name) + "\n";
      return out;
    }
    case StatementKind::kSet: {
      auto& v = static_cast<const SetStatement&>(s);
      out += ' ';
      out += v.name;
      if (!v.value.empty()) {
        out += " = ";
        out += v.value;
      }
      out += '\n';
      return out;
    }
    case StatementKind::kCreateSequence: {
      auto& q = static_cast<const CreateSequenceStatement&>(s);
      out += ' ' + dump_name(q.name);
      if (!q.start.empty()) out += " start=" + std::string(q.start);
      if (!q.increment.empty()) out += " increment=" + std::string(q.increment);
      out += '\n';
      return out;
    }
    case StatementKind::kCreateType: {
      auto& t = static_cast<const CreateTypeStatement&>(s);
      out += ' ' + dump_name(t.name);
      if (t.definition == TypeDefinitionKind::kEnum) {
        out += " enum(";
        for (std::size_t i = 0; i < t.enum_values.size(); ++i) {
          if (i) out += ',';
          out += t.enum_values[i];
        }
        out += ')';
      }
      out += '\n';
      for (const ColumnDef* c : t.attributes) put_column(out, *c, "  ");
      return out;
    }
    case StatementKind::kDrop: {
      auto& d = static_cast<const DropStatement&>(s);
      out += ' ';
      out += d.object_kind;
      if (d.if_exists) out += " if-exists";
      for (const ObjectName& n : d.names) out += ' ' + dump_name(n);
      if (d.cascade) out += " cascade";
      out += '\n';
      return out;
    }
    case StatementKind::kInsert: {
      auto& i = static_cast<const InsertStatement&>(s);
      out += ' ' + dump_name(i.table);
      if (!i.columns.empty()) {
        out += " (";
        put_ids(out, i.columns, ",");
        out += ')';
      }
      switch (i.source) {
        case InsertSource::kValues: out += " values rows=" + std::to_string(i.value_rows); break;
        case InsertSource::kQuery: out += " " + dump_query(i.query); break;
        case InsertSource::kDefaultValues: out += " default-values"; break;
        case InsertSource::kSet: out += " set"; break;
        case InsertSource::kOther: out += " other"; break;
      }
      if (i.trailing.end > i.trailing.begin) out += " trailing-clause";
      out += '\n';
      return out;
    }
    case StatementKind::kQuery:
      out += ' ' + dump_query(static_cast<const QueryStatement&>(s).query) + "\n";
      return out;
    case StatementKind::kMerge: {
      auto& m = static_cast<const MergeStatement&>(s);
      out += " into " + dump_name(m.target);
      out += " using ";
      put_table_ref(out, m.source);
      out += " on ";
      put_expr(out, m.on);
      out += '\n';
      static constexpr std::string_view kActions[] = {"update", "delete", "insert", "do-nothing"};
      for (const MergeClause& c : m.clauses) {
        out += c.matched ? "  when-matched" : "  when-not-matched";
        if (c.condition) {
          out += " and ";
          put_expr(out, c.condition);
        }
        out += ' ';
        out += kActions[static_cast<int>(c.action)];
        for (const Assignment& a : c.assignments) {
          out += ' ';
          put_ids(out, a.column);
          out += '=';
          put_expr(out, a.value);
        }
        if (!c.insert_columns.empty()) {
          out += " (";
          put_ids(out, c.insert_columns, ",");
          out += ')';
        }
        put_list(out, c.insert_values);
        out += '\n';
      }
      return out;
    }
    case StatementKind::kUpdate: {
      auto& u = static_cast<const UpdateStatement&>(s);
      out += ' ';
      put_table_ref(out, u.table);
      for (const Assignment& a : u.assignments) {
        out += ' ';
        put_ids(out, a.column);
        out += '=';
        put_expr(out, a.value);
      }
      if (!u.from.empty()) {
        out += " (from";
        for (const TableRef* r : u.from) {
          out += ' ';
          put_table_ref(out, r);
        }
        out += ')';
      }
      if (u.where) {
        out += " (where ";
        put_expr(out, u.where);
        out += ')';
      }
      out += '\n';
      return out;
    }
    case StatementKind::kDelete: {
      auto& d = static_cast<const DeleteStatement&>(s);
      out += ' ';
      put_table_ref(out, d.table);
      if (d.where) {
        out += " (where ";
        put_expr(out, d.where);
        out += ')';
      }
      out += '\n';
      return out;
    }
    case StatementKind::kTruncate: {
      auto& t = static_cast<const TruncateStatement&>(s);
      for (const ObjectName& n : t.tables) out += ' ' + dump_name(n);
      out += '\n';
      return out;
    }
    case StatementKind::kRoutine: {
      auto& r = static_cast<const RoutineStatement&>(s);
      out += ' ';
      out += to_string(r.routine_kind);
      if (!r.name.empty()) out += ' ' + dump_name(r.name);
      if (!r.on_table.empty()) out += " on " + dump_name(r.on_table);
      if (!r.language.empty()) {
        out += " language=";
        out += r.language;
      }
      out += '\n';
      if (!r.tables_read.empty()) {
        out += "  reads";
        for (const ObjectName& n : r.tables_read) out += ' ' + dump_name(n);
        out += '\n';
      }
      if (!r.tables_written.empty()) {
        out += "  writes";
        for (const ObjectName& n : r.tables_written) out += ' ' + dump_name(n);
        out += '\n';
      }
      return out;
    }
    case StatementKind::kBlock: {
      auto& b = static_cast<const BlockStatement&>(s);
      out += ' ';
      out += b.keyword;
      if (b.condition) {
        out += ' ';
        put_expr(out, b.condition);
      }
      out += '\n';
      for (const Statement* inner : b.statements) {
        std::string d = dump_statement(*inner);
        out += "  { ";
        out += d.substr(0, d.find('\n'));
        out += " }\n";
      }
      for (const Statement* inner : b.else_statements) {
        std::string d = dump_statement(*inner);
        out += "  else { ";
        out += d.substr(0, d.find('\n'));
        out += " }\n";
      }
      return out;
    }
    case StatementKind::kOther: {
      auto& o = static_cast<const OtherStatement&>(s);
      out += ' ';
      for (char c : o.verb) out += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
      out += '\n';
      return out;
    }
  }
  return out + "\n";
}

}  // namespace godwit::sql
