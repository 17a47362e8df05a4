// JSON and text forms of the catalog (catalog_json.hpp).
#include "schema/catalog_json.hpp"

#include <sstream>
#include <unordered_map>

#include "core/json_writer.hpp"
#include "schema/catalog_json_text.hpp"
#include "sql/types/logical_type_json.hpp"

namespace godwit::schema {
namespace {

using nlohmann::json;

json name_json(const QualifiedName& n) {
  return {{"database", n.database},
          {"schema", n.schema},
          {"name", n.name},
          {"qualified_name", n.to_string()}};
}

json origin_json(const Origin& o) {
  return {{"file", o.file}, {"line", o.line}, {"column", o.column}};
}

json strings(const std::vector<std::string>& v) {
  json a = json::array();
  for (const std::string& s : v) a.push_back(s);
  return a;
}

json key_json(const Key& k) {
  return {{"name", k.name}, {"columns", strings(k.columns)}, {"origin", origin_json(k.origin)}};
}

json column_json(const Column& c) {
  json j = {{"name", c.name},
            {"type", c.type_text},
            {"logical_type", sql::to_json(c.type)},
            {"nullable", c.nullable},
            {"default", c.default_value ? json(*c.default_value) : json(nullptr)},
            {"identity", std::string(to_string(c.identity))},
            {"identity_args", c.identity_args},
            {"generated", c.generated},
            {"collation", c.collation},
            {"comment", c.comment}};
  if (!c.sample_values.empty()) j["sample_values"] = strings(c.sample_values);
  return j;
}

json foreign_key_json(const ForeignKey& f) {
  return {{"name", f.name},
          {"columns", strings(f.columns)},
          {"references", name_json(f.referenced_table)},
          {"referenced_columns", strings(f.referenced_columns)},
          {"resolved", f.resolved},
          {"referenced_table_id",
           f.resolved ? nlohmann::json(f.referenced_table_id) : nlohmann::json(nullptr)},
          {"on_delete", f.on_delete},
          {"on_update", f.on_update},
          {"origin", origin_json(f.origin)}};
}

json index_json(const Index& i) {
  return {{"name", i.name},
          {"unique", i.unique},
          {"columns", strings(i.columns)},
          {"include", strings(i.include)},
          {"method", i.method},
          {"modifiers", i.modifiers},
          {"where", i.where},
          {"origin", origin_json(i.origin)}};
}

json source_json(const SourceColumn& s) {
  json j = name_json(s.table);
  j.erase("name");
  j["table"] = s.table.name;
  j["column"] = s.column;
  return j;
}

std::string column_line(const Column& c) {
  std::string line = "  " + c.name;
  if (!c.type_text.empty()) line += "  " + c.type_text;
  if (!c.type_text.empty() || c.type.kind != sql::TypeKind::kUnknown)
    line += "  [" + sql::to_string(c.type) + "]";
  if (!c.nullable) line += "  not null";
  if (c.default_value) line += "  default " + *c.default_value;
  if (c.identity != Identity::kNone) line += "  " + std::string(to_string(c.identity));
  if (!c.generated.empty()) line += "  generated " + c.generated;
  if (!c.comment.empty()) line += "  -- " + c.comment;
  return line;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void lineage_lines(std::ostringstream& out, const Lineage& l) {
  for (const ColumnLineage& c : l.columns) {
    out << "    " << c.column << " <- ";
    std::string sources;
    for (const SourceColumn& s : c.sources)
      sources += (sources.empty() ? "" : ", ") + s.table.to_string() + "." + s.column;
    out << (sources.empty() ? "(no columns)" : sources) << " (" << to_string(c.kind);
    if (!c.expression.empty()) out << ": " << c.expression;
    out << ")\n";
  }
}

// The streaming form of the functions above. Keys are written in the order nlohmann's
// std::map-backed objects print them (sorted bytewise), which is not the order the trees
// are built in above.

void write_name_members(JsonWriter& w, const QualifiedName& n, bool with_name) {
  w.member("database", n.database);
  if (with_name) w.member("name", n.name);
  w.member("qualified_name", n.to_string());
  w.member("schema", n.schema);
}

void write_name(JsonWriter& w, const QualifiedName& n) {
  w.begin_object();
  write_name_members(w, n, true);
  w.end_object();
}

void write_origin(JsonWriter& w, const Origin& o) {
  w.begin_object()
      .member("column", std::size_t{o.column})
      .member("file", o.file)
      .member("line", std::size_t{o.line})
      .end_object();
}

void write_key(JsonWriter& w, const Key& k) {
  w.begin_object().member("columns", k.columns).member("name", k.name).key("origin");
  write_origin(w, k.origin);
  w.end_object();
}

/// Columns share a handful of types: each distinct type is printed once (through its
/// nlohmann form, which is small) and reused, keyed by its canonical text and checked
/// for full equality.
class TypeTexts {
 public:
  const std::string& of(const sql::LogicalType& type) {
    std::vector<std::pair<sql::LogicalType, std::string>>& same = by_text_[sql::to_string(type)];
    for (const auto& [known, text] : same) {
      if (known == type) return text;
    }
    same.emplace_back(
        type, sql::to_json(type).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return same.back().second;
  }

 private:
  std::unordered_map<std::string, std::vector<std::pair<sql::LogicalType, std::string>>> by_text_;
};

void write_column(JsonWriter& w, const Column& c, TypeTexts& types) {
  w.begin_object()
      .member("collation", c.collation)
      .member("comment", c.comment)
      .member("default", c.default_value)
      .member("generated", c.generated)
      .member("identity", to_string(c.identity))
      .member("identity_args", c.identity_args)
      .key("logical_type")
      .raw(types.of(c.type))
      .member("name", c.name)
      .member("nullable", c.nullable);
  if (!c.sample_values.empty()) w.member("sample_values", c.sample_values);
  w.member("type", c.type_text).end_object();
}

void write_foreign_key(JsonWriter& w, const ForeignKey& f) {
  w.begin_object()
      .member("columns", f.columns)
      .member("name", f.name)
      .member("on_delete", f.on_delete)
      .member("on_update", f.on_update)
      .key("origin");
  write_origin(w, f.origin);
  w.member("referenced_columns", f.referenced_columns).key("referenced_table_id");
  if (f.resolved) {
    w.value(std::size_t{f.referenced_table_id});
  } else {
    w.null();
  }
  w.key("references");
  write_name(w, f.referenced_table);
  w.member("resolved", f.resolved).end_object();
}

void write_index(JsonWriter& w, const Index& i) {
  w.begin_object()
      .member("columns", i.columns)
      .member("include", i.include)
      .member("method", i.method)
      .member("modifiers", i.modifiers)
      .member("name", i.name)
      .key("origin");
  write_origin(w, i.origin);
  w.member("unique", i.unique).member("where", i.where).end_object();
}

void write_table(JsonWriter& w, const Table& t, TypeTexts& types) {
  w.begin_object().key("checks").begin_array();
  for (const Check& c : t.checks) {
    w.begin_object().member("expression", c.expression).member("name", c.name).key("origin");
    write_origin(w, c.origin);
    w.end_object();
  }
  w.end_array().key("columns").begin_array();
  for (const Column& c : t.columns) write_column(w, c, types);
  w.end_array()
      .member("comment", t.comment)
      .member("database", t.name.database)
      .member("dialect", t.dialect)
      .key("foreign_keys")
      .begin_array();
  for (const ForeignKey& f : t.foreign_keys) write_foreign_key(w, f);
  w.end_array().member("id", std::size_t{t.id}).key("indexes").begin_array();
  for (const Index& i : t.indexes) write_index(w, i);
  w.end_array().member("kind", to_string(t.kind)).member("name", t.name.name).key("origin");
  write_origin(w, t.origin);
  w.key("primary_key");
  if (t.primary_key) {
    write_key(w, *t.primary_key);
  } else {
    w.null();
  }
  w.member("qualified_name", t.name.to_string()).member("query", t.query);
  if (t.row_count) w.member("row_count", std::int64_t{*t.row_count});
  w.member("schema", t.name.schema);
  if (t.size_bytes) w.member("size_bytes", std::int64_t{*t.size_bytes});
  w.member("temporary", t.temporary).key("unique_keys").begin_array();
  for (const Key& k : t.unique_keys) write_key(w, k);
  w.end_array().end_object();
}

void write_lineage(JsonWriter& w, const Lineage& l) {
  w.begin_object().key("columns").begin_array();
  for (const ColumnLineage& c : l.columns) {
    w.begin_object()
        .member("column", c.column)
        .member("expression", c.expression)
        .member("kind", to_string(c.kind))
        .key("sources")
        .begin_array();
    for (const SourceColumn& s : c.sources) {
      w.begin_object().member("column", s.column);
      write_name_members(w, s.table, false);
      w.member("table", s.table.name).end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().key("origin");
  write_origin(w, l.origin);
  w.member("statement", l.statement).key("target");
  write_name(w, l.target);
  w.end_object();
}

void write_diagnostic(JsonWriter& w, const Diagnostic& d) {
  w.begin_object()
      .member("code", d.code)
      .member("column", std::size_t{d.location.column})
      .member("expected", d.expected)
      .member("file", d.file)
      .member("line", std::size_t{d.location.line})
      .member("message", d.message)
      .member("severity", to_string(d.severity))
      .member("snippet", d.snippet)
      .end_object();
}

/// Entries with a name and an origin plus `extra` members between them in key order.
template <typename Extra>
void write_named(JsonWriter& w, const QualifiedName& n, const Origin& o, Extra extra) {
  w.begin_object().member("database", n.database);
  extra(w, "database");
  w.member("name", n.name);
  extra(w, "name");
  w.key("origin");
  write_origin(w, o);
  w.member("qualified_name", n.to_string()).member("schema", n.schema);
  extra(w, "schema");
  w.end_object();
}

}  // namespace

std::string catalog_json_text(const Catalog& catalog) {
  std::string out;
  JsonWriter w(out);
  TypeTexts types;
  auto nothing = [](JsonWriter&, std::string_view) {};
  w.begin_object().key("diagnostics").begin_array();
  for (const Diagnostic& d : catalog.diagnostics) write_diagnostic(w, d);
  w.end_array().key("enums").begin_array();
  for (const EnumType& e : catalog.enums) {
    write_named(w, e.name, e.origin, [&](JsonWriter& x, std::string_view after) {
      if (after == "schema") x.member("values", e.values);
    });
  }
  w.end_array().member("files", catalog.files).member("format_version", 1).key("lineage");
  w.begin_array();
  for (const Lineage& l : catalog.lineage) write_lineage(w, l);
  w.end_array().key("routines").begin_array();
  for (const Routine& r : catalog.routines) {
    // database, kind, language, name, on_table, origin, qualified_name, reads, schema, writes
    w.begin_object()
        .member("database", r.name.database)
        .member("kind", r.kind)
        .member("language", r.language)
        .member("name", r.name.name)
        .key("on_table");
    if (r.on_table.name.empty()) {
      w.null();
    } else {
      write_name(w, r.on_table);
    }
    w.key("origin");
    write_origin(w, r.origin);
    w.member("qualified_name", r.name.to_string()).key("reads").begin_array();
    for (const QualifiedName& n : r.reads) write_name(w, n);
    w.end_array().member("schema", r.name.schema).key("writes").begin_array();
    for (const QualifiedName& n : r.writes) write_name(w, n);
    w.end_array().end_object();
  }
  w.end_array().key("schemas").begin_array();
  for (const SchemaEntry& s : catalog.schemas) write_named(w, s.name, s.origin, nothing);
  w.end_array().key("sequences").begin_array();
  for (const Sequence& s : catalog.sequences) {
    write_named(w, s.name, s.origin, [&](JsonWriter& x, std::string_view after) {
      if (after == "database") x.member("increment", s.increment);
      if (after == "schema") x.member("start", s.start);
    });
  }
  w.end_array()
      .key("summary")
      .begin_object()
      .member("columns", catalog.column_count())
      .member("foreign_keys", catalog.foreign_key_count())
      .member("lineage", catalog.lineage.size())
      .member("routines", catalog.routines.size())
      .member("tables", catalog.table_count())
      .member("views", catalog.view_count())
      .end_object()
      .key("tables")
      .begin_array();
  for (const Table& t : catalog.tables) {
    if (t.kind == TableKind::kTable) write_table(w, t, types);
  }
  w.end_array().key("views").begin_array();
  for (const Table& t : catalog.tables) {
    if (t.kind != TableKind::kTable) write_table(w, t, types);
  }
  w.end_array().end_object();
  return out;
}

json diagnostic_to_json(const Diagnostic& d) {
  return {{"code", d.code},          {"severity", std::string(to_string(d.severity))},
          {"message", d.message},    {"file", d.file},
          {"line", d.location.line}, {"column", d.location.column},
          {"expected", d.expected},  {"snippet", d.snippet}};
}

json to_json(const Table& t) {
  json columns = json::array();
  for (const Column& c : t.columns) columns.push_back(column_json(c));
  json uniques = json::array(), fks = json::array(), checks = json::array(),
       indexes = json::array();
  for (const Key& k : t.unique_keys) uniques.push_back(key_json(k));
  for (const ForeignKey& f : t.foreign_keys) fks.push_back(foreign_key_json(f));
  for (const Check& c : t.checks)
    checks.push_back(
        {{"name", c.name}, {"expression", c.expression}, {"origin", origin_json(c.origin)}});
  for (const Index& i : t.indexes) indexes.push_back(index_json(i));
  json j = name_json(t.name);
  j["id"] = t.id;
  j["kind"] = std::string(to_string(t.kind));
  j["dialect"] = t.dialect;
  j["temporary"] = t.temporary;
  j["comment"] = t.comment;
  j["columns"] = columns;
  j["primary_key"] = t.primary_key ? key_json(*t.primary_key) : json(nullptr);
  j["unique_keys"] = uniques;
  j["foreign_keys"] = fks;
  j["checks"] = checks;
  j["indexes"] = indexes;
  j["query"] = t.query;
  j["origin"] = origin_json(t.origin);
  if (t.row_count) j["row_count"] = *t.row_count;
  if (t.size_bytes) j["size_bytes"] = *t.size_bytes;
  return j;
}

json to_json(const Lineage& l) {
  json columns = json::array();
  for (const ColumnLineage& c : l.columns) {
    json sources = json::array();
    for (const SourceColumn& s : c.sources) sources.push_back(source_json(s));
    columns.push_back({{"column", c.column},
                       {"kind", std::string(to_string(c.kind))},
                       {"sources", sources},
                       {"expression", c.expression}});
  }
  return {{"statement", l.statement},
          {"target", name_json(l.target)},
          {"columns", columns},
          {"origin", origin_json(l.origin)}};
}

json to_json(const Catalog& catalog) {
  json schemas = json::array(), tables = json::array(), views = json::array(),
       sequences = json::array(), enums = json::array(), routines = json::array(),
       lineage = json::array(), diagnostics = json::array();
  for (const SchemaEntry& s : catalog.schemas) {
    json j = name_json(s.name);
    j["origin"] = origin_json(s.origin);
    schemas.push_back(j);
  }
  for (const Table& t : catalog.tables)
    (t.kind == TableKind::kTable ? tables : views).push_back(to_json(t));
  for (const Sequence& s : catalog.sequences) {
    json j = name_json(s.name);
    j["start"] = s.start;
    j["increment"] = s.increment;
    j["origin"] = origin_json(s.origin);
    sequences.push_back(j);
  }
  for (const EnumType& e : catalog.enums) {
    json j = name_json(e.name);
    j["values"] = strings(e.values);
    j["origin"] = origin_json(e.origin);
    enums.push_back(j);
  }
  for (const Routine& r : catalog.routines) {
    json j = name_json(r.name);
    j["kind"] = r.kind;
    j["on_table"] = r.on_table.name.empty() ? json(nullptr) : name_json(r.on_table);
    j["language"] = r.language;
    json reads = json::array(), writes = json::array();
    for (const QualifiedName& n : r.reads) reads.push_back(name_json(n));
    for (const QualifiedName& n : r.writes) writes.push_back(name_json(n));
    j["reads"] = reads;
    j["writes"] = writes;
    j["origin"] = origin_json(r.origin);
    routines.push_back(j);
  }
  for (const Lineage& l : catalog.lineage) lineage.push_back(to_json(l));
  for (const Diagnostic& d : catalog.diagnostics) diagnostics.push_back(diagnostic_to_json(d));
  return {{"format_version", 1},
          {"files", strings(catalog.files)},
          {"schemas", schemas},
          {"tables", tables},
          {"views", views},
          {"sequences", sequences},
          {"enums", enums},
          {"routines", routines},
          {"lineage", lineage},
          {"diagnostics", diagnostics},
          {"summary",
           {{"tables", catalog.table_count()},
            {"views", catalog.view_count()},
            {"columns", catalog.column_count()},
            {"foreign_keys", catalog.foreign_key_count()},
            {"routines", catalog.routines.size()},
            {"lineage", catalog.lineage.size()}}}};
}

std::string format_catalog(const Catalog& catalog) {
  std::ostringstream out;
  out << "catalog: " << catalog.table_count() << " tables, " << catalog.view_count() << " views, "
      << catalog.column_count() << " columns, " << catalog.foreign_key_count() << " foreign keys, "
      << catalog.routines.size() << " routines\n";
  for (const Table& t : catalog.tables) {
    out << to_string(t.kind) << " " << t.name.to_string();
    if (!t.comment.empty()) out << "  -- " << t.comment;
    out << "\n";
    for (const Column& c : t.columns) out << column_line(c) << "\n";
    if (t.primary_key) out << "  primary key (" << joined(t.primary_key->columns) << ")\n";
    for (const Key& k : t.unique_keys) out << "  unique (" << joined(k.columns) << ")\n";
    for (const ForeignKey& f : t.foreign_keys)
      out << "  foreign key (" << joined(f.columns) << ") -> " << f.referenced_table.to_string()
          << " (" << joined(f.referenced_columns) << ")"
          << (f.on_delete.empty() ? "" : " on delete " + f.on_delete)
          << (f.on_update.empty() ? "" : " on update " + f.on_update)
          << (f.resolved ? "" : " [unresolved]") << "\n";
    for (const Check& c : t.checks) out << "  check " << c.expression << "\n";
    for (const Index& i : t.indexes)
      out << "  " << (i.unique ? "unique index " : "index ") << i.name
          << (i.name.empty() ? "(" : " (") << joined(i.columns) << ")"
          << (i.modifiers.empty() ? "" : " " + i.modifiers) << "\n";
    if (t.kind != TableKind::kTable)
      for (const Lineage& l : catalog.lineage)
        if (l.statement == "view" && l.target.to_string() == t.name.to_string())
          lineage_lines(out, l);
  }
  for (const Sequence& s : catalog.sequences) out << "sequence " << s.name.to_string() << "\n";
  for (const EnumType& e : catalog.enums)
    out << "enum " << e.name.to_string() << " (" << joined(e.values) << ")\n";
  for (const Routine& r : catalog.routines) {
    out << r.kind << " " << (r.name.name.empty() ? "(anonymous)" : r.name.to_string());
    std::vector<std::string> reads, writes;
    for (const QualifiedName& n : r.reads) reads.push_back(n.to_string());
    for (const QualifiedName& n : r.writes) writes.push_back(n.to_string());
    if (!reads.empty()) out << "  reads " << joined(reads);
    if (!writes.empty()) out << "  writes " << joined(writes);
    out << "\n";
  }
  for (const Lineage& l : catalog.lineage) {
    if (l.statement == "view") continue;
    out << "lineage " << l.statement << " " << l.target.to_string() << "\n";
    lineage_lines(out, l);
  }
  return out.str();
}

}  // namespace godwit::schema
