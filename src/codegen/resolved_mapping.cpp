// Resolving the mapping document against the catalogs, and translating its expressions.
#include "codegen/resolved_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "sql/dialect/dialect.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/printer/printer.hpp"
#include "sql/printer/to_python.hpp"
#include "sql/types/struct_member.hpp"
#include "sql/types/type_table.hpp"
#include "sql/types/type_writer.hpp"

namespace godwit::codegen {

namespace {

using mapping::MappingStatus;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

Diagnostic note(std::string code, Severity severity, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message = std::move(message);
  return d;
}

bool selected(MappingStatus status, int rank, bool include_suggested) {
  if (status == MappingStatus::kApproved || status == MappingStatus::kManual) return true;
  return include_suggested && status == MappingStatus::kSuggested && rank == 1;
}

/// Replaces "<table>." by "<alias>." outside string literals and quoted names, at word
/// boundaries, comparing table names ignoring case; longest names first.
std::string substitute_tables(std::string text, const std::vector<ResolvedSource>& sources) {
  std::vector<const ResolvedSource*> order;
  for (const ResolvedSource& s : sources) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const ResolvedSource* a, const ResolvedSource* b) {
    return a->name.size() > b->name.size();
  });
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'') {
      std::size_t j = i + 1;
      while (j < text.size() && !(text[j] == '\'' && (j + 1 >= text.size() || text[j + 1] != '\'')))
        j += text[j] == '\'' ? 2 : 1;
      out.append(text, i, j + 1 - i);
      i = j + 1;
      continue;
    }
    bool replaced = false;
    if (i == 0 || !is_word_char(text[i - 1])) {
      for (const ResolvedSource* s : order) {
        const std::string& n = s->name;
        if (i + n.size() < text.size() && text[i + n.size()] == '.' &&
            iequals(std::string_view(text).substr(i, n.size()), n)) {
          out += s->alias;
          out += '.';
          i += n.size() + 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

const schema::Column* find_column(const schema::Table& table, std::string_view name) {
  for (const schema::Column& c : table.columns)
    if (iequals(c.name, name)) return &c;
  return nullptr;
}

std::string plain_or_quoted(std::string_view name, const sql::Dialect& dialect) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return std::string(name);
  const char q = dialect.name() == "bigquery" || dialect.name() == "databricks" ||
                         dialect.name() == "mysql" || dialect.name() == "hive"
                     ? '`'
                     : '"';
  std::string out(1, q);
  for (char c : name) {
    if (c == q) out += c;
    out += c;
  }
  return out + q;
}

/// Parses "SELECT <expr>" in `dialect`; the parse owns the expression.
struct ParsedExpression {
  sql::ParseResult parsed;
  const sql::Expr* expr = nullptr;
  std::string error;
};

ParsedExpression parse_expression(const std::string& expression, const sql::Dialect& dialect) {
  ParsedExpression out;
  out.parsed = sql::parse_sql("SELECT " + expression, dialect);
  for (const Diagnostic& d : out.parsed.diagnostics)
    if (d.severity == Severity::kError) {
      out.error = d.message;
      return out;
    }
  if (out.parsed.statements.size() == 1 &&
      out.parsed.statements[0]->kind == sql::StatementKind::kQuery) {
    const auto* q = static_cast<const sql::QueryStatement*>(out.parsed.statements[0]);
    if (q->query && q->query->body && q->query->body->kind == sql::QueryBodyKind::kSelect) {
      const auto* body = static_cast<const sql::SelectBody*>(q->query->body);
      if (body->items.size() == 1 && body->from.empty() && body->where == nullptr &&
          q->query->order_by.empty() && q->query->limit == nullptr) {
        out.expr = body->items[0].expr;
        return out;
      }
    }
  }
  out.error = "it is not one SQL expression";
  return out;
}

std::string translate_one(const std::string& expression, const std::string& what,
                          const sql::Dialect& from, std::string_view to, const std::string& file,
                          std::vector<Diagnostic>& diagnostics) {
  ParsedExpression p = parse_expression(expression, from);
  if (!p.expr) {
    Diagnostic d = note("E-CODEGEN-FORMULA", Severity::kError,
                        what + ": the formula '" + expression + "' does not parse in " +
                            std::string(from.name()) + " (" + p.error +
                            "); NULL was generated instead. Fix the formula in the mapping.");
    d.file = file;
    diagnostics.push_back(std::move(d));
    return "NULL";
  }
  sql::StatementTranslation t = sql::translate_expression(p.parsed, *p.expr, to);
  for (Diagnostic& d : t.diagnostics) {
    d.message = what + ": " + d.message;
    d.file = file;
    diagnostics.push_back(std::move(d));
  }
  return t.sql;
}

/// A struct built from its members in `dialect`'s constructor, each member cast to its
/// type (an unmapped member is a typed NULL, so the struct has the column's type); a member
/// built from its own members is a constructor inside it.
std::string struct_sql(const std::vector<ResolvedMember>& members, const sql::Dialect& from,
                       std::string_view dialect, const std::string& file,
                       std::vector<Diagnostic>& diagnostics, std::string_view cast_function) {
  const sql::Dialect& to = sql::dialect_by_name(dialect);
  const sql::DialectTypeTable* types = sql::find_type_table(dialect);
  const bool bigquery = to.name() == "bigquery";
  const bool named = to.name() == "databricks" || to.name() == "spark" || to.name() == "hive";
  std::string out = bigquery ? "STRUCT(" : named ? "named_struct(" : "ROW(";
  for (std::size_t i = 0; i < members.size(); ++i) {
    const ResolvedMember& m = members[i];
    const std::string type = types ? sql::write_type(m.type, *types).text : std::string();
    std::string value;
    if (!m.members.empty()) {
      value = struct_sql(m.members, from, dialect, file, diagnostics, cast_function);
    } else if (m.mapping_id.empty()) {
      value = type.empty() ? "NULL" : "CAST(NULL AS " + type + ")";
    } else {
      value = translate_one(m.expression, "Field mapping " + m.mapping_id, from, dialect, file,
                            diagnostics);
      if (!m.same_type && !type.empty() && value != "NULL")
        value = std::string(cast_function) + "(" + value + " AS " + type + ")";
    }
    if (i) out += ", ";
    if (named) {
      std::string literal = "'";
      for (char c : m.name) literal += c == '\'' ? std::string("''") : std::string(1, c);
      out += literal + "', " + value;
    } else {
      out += value;
      if (bigquery) out += " AS " + plain_or_quoted(m.name, to);
    }
  }
  return out + ")";
}

/// The members of a STRUCT type filled from `filled` (member path -> member and whether it
/// is approved), in the type's order, under `prefix` ("" for the column itself). A STRUCT
/// member with mappings of deeper paths is built from those; one mapped as a whole keeps
/// that mapping and the deeper ones are ignored (reported).
std::vector<ResolvedMember> build_members(
    const std::vector<sql::StructField>& fields, const std::string& prefix,
    std::map<std::string, std::pair<ResolvedMember, bool>>& filled, const std::string& column,
    std::vector<Diagnostic>& diagnostics) {
  std::vector<ResolvedMember> out;
  for (const sql::StructField& sf : fields) {
    const std::string path = prefix + sf.name;
    auto whole = filled.find(path);
    const std::string below = path + ".";
    auto deeper = filled.lower_bound(below);
    const bool has_deeper = deeper != filled.end() && deeper->first.starts_with(below);
    if (whole != filled.end()) {
      for (; has_deeper && deeper != filled.end() && deeper->first.starts_with(below); ++deeper)
        diagnostics.push_back(note("W-CODEGEN-DUPLICATE-TARGET", Severity::kWarning,
                                   "Field mapping " + deeper->second.first.mapping_id + " fills " +
                                       column + "." + deeper->first + ", but " +
                                       whole->second.first.mapping_id + " fills " + column + "." +
                                       path + " as a whole; it was ignored."));
      out.push_back(std::move(whole->second.first));
    } else if (has_deeper && sf.type.kind == sql::TypeKind::kStruct && sf.type.fields) {
      ResolvedMember m{sf.name, "", "NULL", sf.type, true, {}};
      m.members = build_members(*sf.type.fields, below, filled, column, diagnostics);
      out.push_back(std::move(m));
    } else {
      out.push_back({sf.name, "", "NULL", sf.type, false, {}});
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Staging names of the source tables whose plain name is shared by several schemas.
/// Deterministic: depends only on the source catalog, not on which mappings are approved.
std::unordered_map<const schema::Table*, std::string> qualified_staging_names(
    const schema::Catalog& source) {
  std::unordered_map<std::string, int> count;
  for (const schema::Table& t : source.tables) ++count[lower(t.name.name)];
  std::unordered_map<const schema::Table*, std::string> out;
  for (const schema::Table& t : source.tables) {
    if (count[lower(t.name.name)] < 2 || t.name.schema.empty()) continue;
    std::string name = t.name.schema + "_" + t.name.name;
    if (count.count(lower(name))) name = t.name.schema + "__" + t.name.name;
    out.emplace(&t, std::move(name));
  }
  return out;
}

}  // namespace

std::vector<std::string> ResolvedTable::ids() const {
  std::vector<std::string> out{mapping_id};
  for (const ResolvedField& f : fields) {
    if (f.members.empty()) out.push_back(f.mapping_id);
    for (const ResolvedMember& m : f.members) m.collect_ids(out);
  }
  return out;
}

void ResolvedMember::collect_ids(std::vector<std::string>& out) const {
  if (!mapping_id.empty()) out.push_back(mapping_id);
  for (const ResolvedMember& m : members) m.collect_ids(out);
}

ResolvedMapping resolve_mapping(const schema::Catalog& source, const schema::Catalog& target,
                                const mapping::MappingDocument& document, const Options& options) {
  ResolvedMapping out;
  std::string dialect =
      document.formula_dialect.empty() ? document.target.dialect : document.formula_dialect;
  if (dialect.empty()) dialect = "ansi";
  auto canonical = sql::canonical_dialect_name(dialect);
  if (!canonical) {
    out.diagnostics.push_back(note("E-CODEGEN-DIALECT", Severity::kError,
                                   "The formula dialect '" + dialect +
                                       "' is unknown; formulas are read as ANSI SQL. Set "
                                       "formula_dialect to a dialect Godwit knows."));
    canonical = "ansi";
  }
  out.formula_dialect = std::string(*canonical);
  const sql::Dialect& formula = sql::dialect_by_name(out.formula_dialect);
  const auto staging_names = qualified_staging_names(source);

  // Field mappings by target table, looked up once (a document has thousands).
  std::unordered_map<const schema::Table*, std::vector<const mapping::FieldMapping*>> by_target;
  for (const mapping::FieldMapping& fm : document.fields)
    if (selected(fm.status, fm.rank, options.include_suggested))
      by_target[target.find_table(fm.target.table)].push_back(&fm);

  for (const mapping::TableMapping& tm : document.tables) {
    // A suggested table mapping counts once a person approved one of its fields.
    if (tm.status == MappingStatus::kRejected) continue;
    const bool table_approved = selected(tm.status, 1, options.include_suggested);
    ResolvedTable rt;
    rt.mapping_id = tm.id;
    rt.target = target.find_table(tm.target_table);
    if (!rt.target) {
      out.diagnostics.push_back(note("E-CODEGEN-UNKNOWN-TABLE", Severity::kError,
                                     "Table mapping " + tm.id + ": the target table '" +
                                         tm.target_table +
                                         "' is not in the target catalog; it was skipped."));
      continue;
    }
    rt.target_name = rt.target->name.to_string();
    bool ok = true;
    for (const std::string& name : tm.source_tables) {
      const schema::Table* t = source.find_table(name);
      if (!t) {
        out.diagnostics.push_back(note("E-CODEGEN-UNKNOWN-TABLE", Severity::kError,
                                       "Table mapping " + tm.id + ": the source table '" + name +
                                           "' is not in the source catalog; it was skipped."));
        ok = false;
        continue;
      }
      auto staged = staging_names.find(t);
      rt.sources.push_back({t, t->name.to_string(), "s" + std::to_string(rt.sources.size() + 1),
                            staged == staging_names.end() ? t->name.name : staged->second});
    }
    if (!ok || rt.sources.empty()) continue;
    rt.join = substitute_tables(tm.join, rt.sources);
    rt.filter = substitute_tables(tm.filter, rt.sources);

    std::map<const schema::Column*, std::pair<ResolvedField, bool>> by_column;  // bool: approved
    // STRUCT columns filled member by member: column -> member name -> (member, approved).
    std::map<const schema::Column*, std::map<std::string, std::pair<ResolvedMember, bool>>>
        by_member;
    static const std::vector<const mapping::FieldMapping*> kNone;
    auto candidates = by_target.find(rt.target);
    for (const mapping::FieldMapping* fmp :
         candidates == by_target.end() ? kNone : candidates->second) {
      const mapping::FieldMapping& fm = *fmp;
      std::vector<const schema::Column*> cols;
      std::vector<const ResolvedSource*> srcs;
      bool belongs = true;
      for (const mapping::ColumnRef& ref : fm.sources) {
        const schema::Table* t = source.find_table(ref.table);
        auto s = std::find_if(rt.sources.begin(), rt.sources.end(),
                              [&](const ResolvedSource& x) { return x.table == t; });
        if (!t || s == rt.sources.end()) {
          belongs = false;
          break;
        }
        srcs.push_back(&*s);
        cols.push_back(find_column(*t, ref.column));
      }
      if (!belongs) continue;
      const schema::Column* tcol = find_column(*rt.target, fm.target.column);
      const sql::StructField* member = nullptr;
      std::string member_path;
      if (!tcol) {
        // "address.city": a member of the STRUCT column address ("customer.address.city":
        // through nested STRUCTs).
        const std::size_t dot = fm.target.column.find('.');
        const schema::Column* head = dot == std::string::npos
                                         ? nullptr
                                         : find_column(*rt.target, fm.target.column.substr(0, dot));
        if (head)
          member = sql::find_struct_member(
              head->type, std::string_view(fm.target.column).substr(dot + 1), &member_path);
        if (member) tcol = head;
      }
      if (!tcol) {
        out.diagnostics.push_back(note("E-CODEGEN-UNKNOWN-COLUMN", Severity::kError,
                                       "Field mapping " + fm.id + ": the target column '" +
                                           fm.target.column + "' is not in " + rt.target_name +
                                           "; it was skipped."));
        continue;
      }
      if (std::find(cols.begin(), cols.end(), nullptr) != cols.end()) {
        out.diagnostics.push_back(note("E-CODEGEN-UNKNOWN-COLUMN", Severity::kError,
                                       "Field mapping " + fm.id +
                                           ": a source column is not in the source catalog; "
                                           "it was skipped."));
        continue;
      }
      ResolvedField f;
      f.mapping_id = fm.id;
      f.target = tcol;
      f.transformation = fm.transformation;
      f.source = cols.size() == 1 ? cols[0] : nullptr;
      f.value_map = fm.value_map ? &*fm.value_map : nullptr;
      auto ref = [&](std::size_t i) {
        const std::string col = plain_or_quoted(cols[i]->name, formula);
        return rt.sources.size() == 1 ? col : srcs[i]->alias + "." + col;
      };
      if (!fm.formula.empty()) {
        f.expression = substitute_tables(fm.formula, rt.sources);
      } else if (cols.size() == 1) {
        f.expression = ref(0);
        f.same_type = fm.transformation == mapping::Transformation::kDirect && !f.value_map &&
                      cols[0]->type.kind != sql::TypeKind::kUnknown && cols[0]->type == tcol->type;
      } else if (cols.size() > 1) {
        f.expression = "CONCAT(";
        for (std::size_t i = 0; i < cols.size(); ++i) f.expression += (i ? ", ' ', " : "") + ref(i);
        f.expression += ")";
        if (fm.transformation != mapping::Transformation::kConcatenated)
          out.diagnostics.push_back(note("W-CODEGEN-NO-FORMULA", Severity::kWarning,
                                         "Field mapping " + fm.id +
                                             " has several sources and no formula; they were "
                                             "concatenated with spaces. Write a formula."));
      } else {
        f.expression = "NULL";
        out.diagnostics.push_back(
            note("W-CODEGEN-NO-FORMULA", Severity::kWarning,
                 "Field mapping " + fm.id + " has no source and no formula; NULL is loaded."));
      }
      if (f.value_map && !f.value_map->entries.empty()) {
        std::string e = "CASE " + f.expression;
        for (const mapping::ValueMapEntry& v : f.value_map->entries)
          e += " WHEN " + v.from + " THEN " + v.to;
        e += " ELSE " + (f.value_map->otherwise ? *f.value_map->otherwise : f.expression) + " END";
        f.expression = std::move(e);
      }
      const bool approved = fm.status != MappingStatus::kSuggested;
      if (member) {
        ResolvedMember m{
            member->name,
            fm.id,
            f.expression,
            member->type,
            (fm.formula.empty() && cols.size() == 1 &&
             fm.transformation == mapping::Transformation::kDirect && !f.value_map &&
             cols[0]->type.kind != sql::TypeKind::kUnknown && cols[0]->type == member->type),
            {}};
        auto& members = by_member[tcol];
        auto mit = members.find(member_path);
        if (mit == members.end()) {
          members.emplace(member_path, std::make_pair(std::move(m), approved));
        } else if (approved && !mit->second.second) {
          mit->second = {std::move(m), approved};
        } else {
          out.diagnostics.push_back(note("W-CODEGEN-DUPLICATE-TARGET", Severity::kWarning,
                                         "Field mapping " + fm.id + " fills " + rt.target_name +
                                             "." + tcol->name + "." + member_path +
                                             " already filled by " + mit->second.first.mapping_id +
                                             "; it was ignored."));
        }
        continue;
      }
      auto it = by_column.find(tcol);
      if (it != by_column.end()) {
        if (approved && !it->second.second) {
          it->second = {std::move(f), approved};
          continue;
        }
        out.diagnostics.push_back(note("W-CODEGEN-DUPLICATE-TARGET", Severity::kWarning,
                                       "Field mapping " + fm.id + " fills " + rt.target_name + "." +
                                           tcol->name + " already filled by " +
                                           it->second.first.mapping_id + "; it was ignored."));
        continue;
      }
      by_column.emplace(tcol, std::make_pair(std::move(f), approved));
    }
    std::vector<Diagnostic> pending;
    for (const schema::Column& c : rt.target->columns) {
      auto it = by_column.find(&c);
      auto members = by_member.find(&c);
      if (it != by_column.end()) {
        if (members != by_member.end())
          for (const auto& [name, m] : members->second)
            out.diagnostics.push_back(note("W-CODEGEN-DUPLICATE-TARGET", Severity::kWarning,
                                           "Field mapping " + m.first.mapping_id + " fills " +
                                               rt.target_name + "." + c.name + "." + name +
                                               ", but " + it->second.first.mapping_id +
                                               " fills the whole column; it was ignored."));
        rt.fields.push_back(std::move(it->second.first));
      } else if (members != by_member.end()) {
        ResolvedField f;
        f.target = &c;
        f.transformation = mapping::Transformation::kComputed;
        f.same_type = true;
        f.members = build_members(*c.type.fields, "", members->second,
                                  rt.target_name + "." + c.name, out.diagnostics);
        std::vector<std::string> ids;
        for (const ResolvedMember& m : f.members) m.collect_ids(ids);
        if (!ids.empty()) f.mapping_id = ids.front();
        rt.fields.push_back(std::move(f));
      } else if (!c.nullable && !c.default_value && c.identity == schema::Identity::kNone) {
        pending.push_back(note("W-CODEGEN-UNMAPPED-NOT-NULL", Severity::kWarning,
                               "Table mapping " + tm.id + ": " + rt.target_name + "." + c.name +
                                   " is NOT NULL, has no default and no approved field "
                                   "mapping; the load will fail until one is approved."));
      }
    }
    if (rt.fields.empty() && !table_approved) continue;
    out.diagnostics.insert(out.diagnostics.end(), pending.begin(), pending.end());
    if (rt.fields.empty())
      out.diagnostics.push_back(note("W-CODEGEN-NO-FIELDS", Severity::kWarning,
                                     "Table mapping " + tm.id + " (" + rt.target_name +
                                         ") has no approved field mappings; no load SQL."));
    out.tables.push_back(std::move(rt));
  }
  return out;
}

TranslatedTable translate_table(const ResolvedTable& table, std::string_view formula_dialect,
                                std::string_view dialect, const std::string& file,
                                std::vector<Diagnostic>& diagnostics,
                                std::string_view cast_function) {
  const sql::Dialect& from = sql::dialect_by_name(formula_dialect);
  TranslatedTable out;
  out.table = &table;
  for (const ResolvedField& f : table.fields)
    out.expressions.push_back(
        f.members.empty() ? translate_one(f.expression, "Field mapping " + f.mapping_id, from,
                                          dialect, file, diagnostics)
                          : struct_sql(f.members, from, dialect, file, diagnostics, cast_function));
  if (!table.join.empty())
    out.join =
        translate_one(table.join, "Join of " + table.mapping_id, from, dialect, file, diagnostics);
  if (!table.filter.empty())
    out.filter = translate_one(table.filter, "Filter of " + table.mapping_id, from, dialect, file,
                               diagnostics);
  return out;
}

namespace {

/// `expression` as Python over `row`; empty when it does not parse (diagnosed).
std::string python_one(const std::string& expression, const std::string& mapping_id,
                       const sql::Dialect& from, const std::string& file,
                       std::vector<Diagnostic>& diagnostics) {
  ParsedExpression p = parse_expression(expression, from);
  if (!p.expr) {
    Diagnostic d = note("E-CODEGEN-FORMULA", Severity::kError,
                        "Field mapping " + mapping_id + ": the formula '" + expression +
                            "' does not parse (" + p.error + "); the column is set to None.");
    d.file = file;
    diagnostics.push_back(std::move(d));
    return {};
  }
  sql::PythonTranslation t = sql::to_python(p.parsed, *p.expr);
  for (Diagnostic& d : t.diagnostics) {
    d.message = "Field mapping " + mapping_id + ": " + d.message;
    d.file = file;
    diagnostics.push_back(std::move(d));
  }
  return t.code;
}

}  // namespace

std::vector<std::string> translate_table_to_python(const ResolvedTable& table,
                                                   std::string_view formula_dialect,
                                                   const std::string& file,
                                                   std::vector<Diagnostic>& diagnostics) {
  const sql::Dialect& from = sql::dialect_by_name(formula_dialect);
  std::vector<std::string> out;
  for (const ResolvedField& f : table.fields)
    out.push_back(f.members.empty()
                      ? python_one(f.expression, f.mapping_id, from, file, diagnostics)
                      : std::string());
  return out;
}

std::vector<std::string> translate_members_to_python(const ResolvedField& field,
                                                     std::string_view formula_dialect,
                                                     const std::string& file,
                                                     std::vector<Diagnostic>& diagnostics) {
  const sql::Dialect& from = sql::dialect_by_name(formula_dialect);
  std::vector<std::string> out;
  auto leaves = [&](const std::vector<ResolvedMember>& members, auto&& self) -> void {
    for (const ResolvedMember& m : members) {
      if (!m.members.empty()) {
        self(m.members, self);
        continue;
      }
      std::string code = m.mapping_id.empty()
                             ? ""
                             : python_one(m.expression, m.mapping_id, from, file, diagnostics);
      out.push_back(code.empty() ? "None" : code);
    }
  };
  leaves(field.members, leaves);
  return out;
}

}  // namespace godwit::codegen
