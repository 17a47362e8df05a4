// JSON Schema (draft-07 and 2020-12) to catalog tables. The root object schema (or the
// items of a root array) is a table named by options.table_name, else its title when that
// is an identifier, else the file name; every definition under `definitions` / `$defs`
// that no `$ref` uses is a table of its own (a bundle of record types), referenced ones
// are embedded where they are used. Properties are columns; nested objects are flattened
// into `parent_child` columns; arrays of objects become child tables `table_property` with
// the parent's key columns and a foreign key to it; other arrays are ARRAY<T> columns.
// `$ref` (local JSON pointers) is resolved with a cycle guard: a reference back into a
// schema being expanded becomes a JSON column. Type and format rules: docs/importers.md.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>

#include "core/text.hpp"
#include "schema/importers/import_context.hpp"

namespace godwit::schema::importers {
namespace {

using json = nlohmann::ordered_json;

const json kEmptySchema = json::object();
using sql::LogicalType;
using sql::TypeKind;

/// Properties visited per file before the importer gives up: `$ref` fan-out can make a
/// small document describe exponentially many columns.
constexpr std::size_t kMaxVisits = 200000;

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string string_member(const json& j, const char* key) {
  const json* m = member(j, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

/// A JSON value as a SQL literal, for defaults and checks.
std::string sql_literal(const json& v) {
  if (v.is_string()) {
    std::string out = "'";
    for (char c : v.get<std::string>()) {
      if (c == '\'') out += '\'';
      out += c;
    }
    return out + "'";
  }
  if (v.is_null()) return "NULL";
  if (v.is_boolean()) return v.get<bool>() ? "TRUE" : "FALSE";
  return json_text(v);
}

/// What a schema says about one value once `$ref`, `allOf` and null alternatives are
/// resolved: the schema to read (inside the document, or a merged copy) and whether null
/// is allowed. Cheap to copy: no part of the document is copied unless merged.
struct Resolved {
  const json* schema = &kEmptySchema;
  std::shared_ptr<const json> owned;  ///< keeps a merged schema alive
  const json* overlay = nullptr;      ///< the schema holding the `$ref`: its annotations win
  bool nullable = false;
  bool cycle = false;             ///< a `$ref` back into a schema being expanded
  std::string unresolved_ref;     ///< a `$ref` that could not be followed
  std::vector<std::string> refs;  ///< the `$ref`s followed, outermost first
  std::string alternatives;       ///< "anyOf"/"oneOf" of several non-null schemas

  /// An annotation (description, default ...) from the referencing schema, else the target.
  const json* annotation(const char* key) const {
    if (overlay && overlay->is_object())
      if (auto it = overlay->find(key); it != overlay->end()) return &*it;
    if (schema->is_object())
      if (auto it = schema->find(key); it != schema->end()) return &*it;
    return nullptr;
  }
};

struct ChildSpec {
  std::string name;    ///< child table name
  std::string column;  ///< the parent's property path it came from
  Resolved items;
  std::string comment;
  std::vector<std::string> ref_stack;  ///< refs being expanded where the array was found
};

class JsonSchemaImporter {
 public:
  JsonSchemaImporter(ImportContext& ctx, const json& root, const ImportOptions& options)
      : ctx_(ctx), root_(root), options_(options) {}

  void run() {
    if (!root_.is_object()) {
      ctx_.error("E-IMPORT-JSON-SCHEMA",
                 "a JSON Schema is an object; this document's top level is " +
                     std::string(root_.type_name()));
      return;
    }
    root_id_ = string_member(root_, "$id");
    collect_refs(root_, 0);
    std::size_t before = ctx_.tables_added();
    // The root describes a record (or a list of records) when it has properties.
    Resolved r = resolve(root_);
    Resolved record = r;
    if (type_names(*r.schema).count("array")) {
      if (const json* it = member(*r.schema, "items"); it && it->is_object()) {
        record = resolve(*it);
        record.refs.insert(record.refs.begin(), r.refs.begin(), r.refs.end());
      }
    }
    if (has_properties(*record.schema)) {
      std::string name = options_.table_name;
      std::string title = string_member(root_, "title");
      if (name.empty()) name = is_identifier(title) ? title : base_name(ctx_.file);
      std::vector<std::string> refs = {"#"};
      refs.insert(refs.end(), record.refs.begin(), record.refs.end());
      add_record_table(name, record, comment_of(root_), std::move(refs), nullptr);
    }
    for (const char* defs : {"$defs", "definitions"}) {
      const json* d = member(root_, defs);
      if (!d || !d->is_object()) continue;
      for (auto it = d->begin(); it != d->end(); ++it) {
        std::string pointer = std::string("#/") + defs + "/" + escape_pointer(it.key());
        if (referenced_.count(pointer)) continue;  // embedded where it is used
        Resolved def = resolve(it.value());
        if (!has_properties(*def.schema)) continue;
        std::vector<std::string> refs = {pointer};
        refs.insert(refs.end(), def.refs.begin(), def.refs.end());
        add_record_table(it.key(), def, comment_of(it.value()), std::move(refs), nullptr);
      }
    }
    if (ctx_.tables_added() == before && !stopped_) {
      ctx_.error("E-IMPORT-JSON-SCHEMA-EMPTY",
                 "no object schema with properties was found (neither at the top level nor "
                 "under $defs/definitions); a table needs an object schema with `properties`");
    }
  }

 private:
  static std::string escape_pointer(const std::string& key) {
    std::string out;
    for (char c : key) {
      if (c == '~')
        out += "~0";
      else if (c == '/')
        out += "~1";
      else
        out += c;
    }
    return out;
  }

  /// Normalises a `$ref` to the local "#/..." form, or "" when it is not local.
  std::string local_ref(std::string ref) const {
    if (!root_id_.empty() && ref.rfind(root_id_, 0) == 0) ref = ref.substr(root_id_.size());
    if (ref.empty()) return "#";
    return ref[0] == '#' ? ref : std::string();
  }

  void collect_refs(const json& j, int depth) {
    if (depth > kMaxJsonDepth) return;
    if (j.is_object()) {
      if (const json* r = member(j, "$ref"); r && r->is_string())
        referenced_.insert(local_ref(r->get<std::string>()));
      for (const json& v : j) collect_refs(v, depth + 1);
    } else if (j.is_array()) {
      for (const json& v : j) collect_refs(v, depth + 1);
    }
  }

  const json* follow(const std::string& ref) const {
    if (ref == "#") return &root_;
    if (ref.size() < 2 || ref[1] != '/') return nullptr;  // "#anchor": not supported
    try {
      json::json_pointer pointer(ref.substr(1));
      if (!root_.contains(pointer)) return nullptr;
      return &root_.at(pointer);
    } catch (const json::exception&) {
      return nullptr;
    }
  }

  static std::set<std::string> type_names(const json& schema) {
    std::set<std::string> out;
    const json* t = member(schema, "type");
    if (t && t->is_string()) out.insert(t->get<std::string>());
    if (t && t->is_array())
      for (const json& v : *t)
        if (v.is_string()) out.insert(v.get<std::string>());
    return out;
  }

  static bool is_null_schema(const json& s) {
    std::set<std::string> t = type_names(s);
    return (t.size() == 1 && t.count("null")) ||
           (member(s, "const") && (*member(s, "const")).is_null());
  }

  /// Follows `$ref`, merges `allOf`, and unwraps `anyOf`/`oneOf` of one schema plus null.
  Resolved resolve(const json& schema, int depth = 0) {
    Resolved out;
    if (depth > kMaxTypeDepth) {
      out.cycle = true;
      return out;
    }
    if (!schema.is_object()) return out;  // `true`, or not a schema: any value
    if (const json* r = member(schema, "$ref"); r && r->is_string()) {
      std::string ref = local_ref(r->get<std::string>());
      const json* target = ref.empty() ? nullptr : follow(ref);
      if (!target) {
        out.unresolved_ref = r->get<std::string>();
        out.overlay = &schema;
        return out;
      }
      if (std::find(ref_stack_.begin(), ref_stack_.end(), ref) != ref_stack_.end()) {
        out.cycle = true;
        out.overlay = &schema;
        return out;
      }
      ref_stack_.push_back(ref);
      Resolved inner = resolve(*target, depth + 1);
      ref_stack_.pop_back();
      inner.overlay = &schema;
      inner.refs.insert(inner.refs.begin(), ref);
      if (const json* n = member(schema, "nullable"); n && n->is_boolean() && n->get<bool>())
        inner.nullable = true;
      return inner;
    }
    out.schema = &schema;
    const json* all = member(schema, "allOf");
    const json* any = member(schema, "anyOf");
    const json* one = member(schema, "oneOf");
    if ((all && all->is_array()) || (any && any->is_array()) || (one && one->is_array())) {
      auto merged = std::make_shared<json>(schema);
      if (all && all->is_array()) {
        merged->erase("allOf");
        for (const json& part : *all) {
          Resolved p = resolve(part, depth + 1);
          out.cycle = out.cycle || p.cycle;
          out.refs.insert(out.refs.end(), p.refs.begin(), p.refs.end());
          merge_into(*merged, *p.schema);
        }
      }
      for (const char* alt : {"anyOf", "oneOf"}) {
        const json* alts = member(schema, alt);
        if (!alts || !alts->is_array()) continue;
        merged->erase(alt);
        std::vector<const json*> real;
        for (const json& a : *alts) {
          if (is_null_schema(a))
            out.nullable = true;
          else
            real.push_back(&a);
        }
        if (real.size() == 1) {
          Resolved single = resolve(*real[0], depth + 1);
          out.cycle = out.cycle || single.cycle;
          out.nullable = out.nullable || single.nullable;
          if (out.unresolved_ref.empty()) out.unresolved_ref = single.unresolved_ref;
          out.refs.insert(out.refs.end(), single.refs.begin(), single.refs.end());
          merge_into(*merged, *single.schema);
        } else if (!real.empty()) {
          out.alternatives = alt;  // several shapes: any of them
        }
      }
      out.owned = merged;
      out.schema = merged.get();
    }
    if (type_names(*out.schema).count("null")) out.nullable = true;
    if (const json* n = member(*out.schema, "nullable"); n && n->is_boolean() && n->get<bool>())
      out.nullable = true;  // OpenAPI 3.0
    return out;
  }

  /// Adds `part`'s properties, required list and type to `into` (allOf semantics).
  static void merge_into(json& into, const json& part) {
    if (!part.is_object()) return;
    if (!into.is_object()) into = json::object();
    for (auto it = part.begin(); it != part.end(); ++it) {
      const std::string& key = it.key();
      if (key == "properties" && it.value().is_object()) {
        json& props = into["properties"];
        if (!props.is_object()) props = json::object();
        for (auto p = it.value().begin(); p != it.value().end(); ++p)
          if (!props.contains(p.key())) props[p.key()] = p.value();
      } else if (key == "required" && it.value().is_array()) {
        json& req = into["required"];
        if (!req.is_array()) req = json::array();
        for (const json& r : it.value()) req.push_back(r);
      } else if (!into.contains(key)) {
        into[key] = it.value();
      }
    }
  }

  static std::string comment_of(const json& schema) {
    std::string d = string_member(schema, "description");
    return d.empty() ? string_member(schema, "title") : d;
  }
  static std::string comment_of(const Resolved& r) {
    for (const char* key : {"description", "title"})
      if (const json* v = r.annotation(key); v && v->is_string() && !v->empty())
        return v->get<std::string>();
    return "";
  }

  static std::set<std::string> required_of(const json& schema) {
    std::set<std::string> out;
    if (const json* r = member(schema, "required"); r && r->is_array())
      for (const json& v : *r)
        if (v.is_string()) out.insert(v.get<std::string>());
    return out;
  }

  static bool has_properties(const json& schema) {
    const json* p = member(schema, "properties");
    return p && p->is_object();
  }

  /// The table of one record schema, its primary key, and its child tables.
  void add_record_table(const std::string& name, const Resolved& record, const std::string& comment,
                        std::vector<std::string> refs, const Table* parent) {
    const json& schema = *record.schema;
    if (stopped_) return;
    Table t = ctx_.make_table("", name);
    t.comment = comment;
    std::vector<ChildSpec> children;
    std::vector<std::string> saved = std::move(ref_stack_);
    ref_stack_ = std::move(refs);
    if (parent && parent->primary_key) {
      ForeignKey fk;
      fk.referenced_table = parent->name;
      fk.resolved = true;
      fk.referenced_table_id = parent->id;
      fk.origin = t.origin;
      for (const std::string& k : parent->primary_key->columns) {
        const Column* pc = parent->find_column_by_key(k);
        Column c = ctx_.make_column(parent->name.name + "_" + k);
        if (pc) {
          c.type = pc->type;
          c.type_text = pc->type_text;
        }
        c.nullable = false;
        c.comment = "key of the parent row in " + parent->name.name;
        fk.columns.push_back(c.name);
        fk.referenced_columns.push_back(k);
        ctx_.add_column(t, std::move(c));
      }
      t.foreign_keys.push_back(std::move(fk));
    }
    add_properties(t, schema, "", false, 0, children);
    set_primary_key(t, schema);
    ref_stack_ = std::move(saved);
    Table* added = ctx_.add_table(std::move(t));
    if (!added) {
      stopped_ = true;
      return;
    }
    std::uint32_t id = added->id;
    for (ChildSpec& c : children) {
      const Table* me = ctx_.catalog.table_by_id(id);
      if (!me) break;
      Table copy_of_parent = *me;  // add_table may move the vector
      if (!copy_of_parent.primary_key)
        ctx_.warning("W-IMPORT-CHILD-NO-KEY",
                     c.name + " (the items of " + copy_of_parent.name.name + "." + c.column +
                         ") has no foreign key to " + copy_of_parent.name.name +
                         ", which has no primary key; mark one with \"x-primary-key\": true");
      add_record_table(c.name, c.items, c.comment, c.ref_stack, &copy_of_parent);
    }
  }

  void set_primary_key(Table& t, const json& schema) {
    std::vector<std::string> key;
    for (const char* hint : {"x-primary-key", "primaryKey", "x-primaryKey"}) {
      const json* h = member(schema, hint);
      if (!h) continue;
      if (h->is_string()) key.push_back(h->get<std::string>());
      if (h->is_array())
        for (const json& v : *h)
          if (v.is_string()) key.push_back(v.get<std::string>());
    }
    if (key.empty()) key = marked_keys_;
    marked_keys_.clear();
    if (key.empty()) {
      std::set<std::string> required = required_of(schema);
      if (required.count("id") && t.find_column_by_key("id")) key.push_back("id");
    }
    std::vector<std::string> known;
    for (const std::string& k : key) {
      Column* c = nullptr;
      for (Column& col : t.columns)
        if (col.name == k) c = &col;
      if (!c) {
        ctx_.warning("W-IMPORT-PRIMARY-KEY", "the primary key of " + t.name.name + " names " + k +
                                                 ", which is not one of its properties");
        continue;
      }
      c->nullable = false;
      if (std::find(known.begin(), known.end(), k) == known.end()) known.push_back(k);
    }
    if (!known.empty()) {
      Key pk;
      pk.columns = known;
      pk.origin = t.origin;
      t.primary_key = std::move(pk);
    }
  }

  void add_properties(Table& t, const json& schema, const std::string& prefix, bool parent_nullable,
                      int depth, std::vector<ChildSpec>& children) {
    const json* props = member(schema, "properties");
    if (!props || !props->is_object()) return;
    std::set<std::string> required = required_of(schema);
    for (auto it = props->begin(); it != props->end(); ++it) {
      if (++visits_ > kMaxVisits) {
        if (!stopped_)
          ctx_.error("E-IMPORT-TOO-LARGE",
                     "the schema expands to more than " + std::to_string(kMaxVisits) +
                         " properties (through $ref); the rest is not imported");
        stopped_ = true;
        return;
      }
      if (t.columns.size() >= kMaxColumns) {
        ctx_.add_column(t, ctx_.make_column(it.key()));  // reports the limit once
        return;
      }
      std::size_t refs_before = ref_stack_.size();
      Resolved r = resolve(it.value());
      // Refs followed for this property stay on the stack while its parts are expanded.
      ref_stack_.insert(ref_stack_.end(), r.refs.begin(), r.refs.end());
      std::string name = prefix + it.key();
      bool nullable = parent_nullable || r.nullable || !required.count(it.key());
      add_property(t, name, r, nullable, depth, children);
      ref_stack_.resize(refs_before);
      if (stopped_) return;
    }
  }

  void add_property(Table& t, const std::string& name, const Resolved& r, bool nullable, int depth,
                    std::vector<ChildSpec>& children) {
    const json& s = *r.schema;
    Column c = ctx_.make_column(name);
    c.nullable = nullable;
    c.comment = comment_of(r);
    if (const json* d = r.annotation("default")) c.default_value = sql_literal(*d);
    if (const json* pk = r.annotation("x-primary-key"); pk && pk->is_boolean() && pk->get<bool>())
      marked_keys_.push_back(name);
    if (r.cycle) {
      c.type = LogicalType::simple(TypeKind::kJson);
      c.type_text = "object";
      if (ctx_.first_time("cycle " + t.name.name + "." + name))
        ctx_.info("I-IMPORT-JSON-SCHEMA-CYCLE",
                  t.name.name + "." + name +
                      " refers back to a schema that contains it (a recursive structure); it is "
                      "kept as one JSON column");
      ctx_.add_column(t, std::move(c));
      return;
    }
    if (!r.unresolved_ref.empty()) {
      c.type = LogicalType::simple(TypeKind::kJson);
      c.type_text = "$ref " + r.unresolved_ref;
      ctx_.warning("W-IMPORT-JSON-SCHEMA-REF",
                   t.name.name + "." + name + " uses $ref \"" + r.unresolved_ref +
                       "\", which is not a JSON pointer into this file (other files and "
                       "anchors are not followed); the column is kept as JSON");
      ctx_.add_column(t, std::move(c));
      return;
    }
    std::set<std::string> types = type_names(s);
    types.erase("null");
    if (types.empty() && has_properties(s)) types.insert("object");
    if (types.empty() && member(s, "items")) types.insert("array");
    if (types.size() == 1 && *types.begin() == "object" && has_properties(s)) {
      if (depth + 1 >= kMaxTypeDepth) {
        c.type = LogicalType::simple(TypeKind::kJson);
        c.type_text = "object";
        if (ctx_.first_time("deep " + t.name.name))
          ctx_.warning("W-IMPORT-TOO-DEEP", t.name.name + "." + name +
                                                " nests objects deeper than " +
                                                std::to_string(kMaxTypeDepth) +
                                                " levels; it (and any deeper one of this table) "
                                                "is kept as one JSON column");
        ctx_.add_column(t, std::move(c));
        return;
      }
      add_properties(t, s, name + "_", nullable, depth + 1, children);
      return;
    }
    if (types.size() == 1 && *types.begin() == "array") {
      const json* items = member(s, "items");
      if (items && items->is_object()) {
        Resolved item = resolve(*items);
        std::vector<std::string> stack = ref_stack_;
        stack.insert(stack.end(), item.refs.begin(), item.refs.end());
        if (!item.cycle && item.unresolved_ref.empty() && has_properties(*item.schema)) {
          if (depth + 1 >= kMaxTypeDepth) {
            c.type = LogicalType::array(LogicalType::simple(TypeKind::kJson));
            c.type_text = "array";
            ctx_.add_column(t, std::move(c));
            return;
          }
          ChildSpec child;
          child.name = t.name.name + "_" + name;
          child.column = name;
          child.comment = c.comment.empty() ? comment_of(item) : c.comment;
          child.items = std::move(item);
          child.ref_stack = std::move(stack);
          children.push_back(std::move(child));
          return;
        }
      }
    }
    c.type = value_type(s, r, 0, &c.type_text);
    if (auto values = add_enum_check(t, c.name, s); values && c.type.kind == TypeKind::kString)
      c.type = LogicalType::enumeration(std::move(*values));
    ctx_.add_column(t, std::move(c));
  }

  /// The logical type of a schema used as one value (no flattening: objects are STRUCTs).
  LogicalType value_type(const json& s, const Resolved& r, int depth, std::string* text) {
    if (r.cycle || !r.unresolved_ref.empty() || depth > kMaxTypeDepth) {
      if (text) *text = "object";
      return LogicalType::simple(TypeKind::kJson);
    }
    if (!r.alternatives.empty()) {
      if (text) *text = r.alternatives;
      return LogicalType::simple(TypeKind::kVariant);
    }
    std::set<std::string> types = type_names(s);
    types.erase("null");
    std::string format = string_member(s, "format");
    if (types.empty()) {
      if (has_properties(s))
        types.insert("object");
      else if (member(s, "items"))
        types.insert("array");
      else if (const json* e = member(s, "enum"); e && e->is_array() && !e->empty()) {
        bool strings = std::all_of(e->begin(), e->end(),
                                   [](const json& v) { return v.is_string() || v.is_null(); });
        if (strings) types.insert("string");
      } else if (const json* k = member(s, "const"); k && k->is_string()) {
        types.insert("string");
      }
    }
    if (text) *text = types.size() == 1 ? *types.begin() : (types.empty() ? "any" : "");
    if (text && text->empty()) {
      for (const std::string& n : types) *text += (text->empty() ? "" : "|") + n;
    }
    if (text && !format.empty()) *text += " (" + format + ")";
    if (types.size() != 1) {
      // No type, or several: the value is any JSON.
      return LogicalType::simple(types.empty() ? TypeKind::kJson : TypeKind::kVariant);
    }
    const std::string& type = *types.begin();
    if (type == "boolean") return LogicalType::boolean();
    if (type == "integer") return integer_type(s, format);
    if (type == "number") {
      if (format == "float") return LogicalType::floating(32);
      if (format == "decimal") return LogicalType::decimal();
      return LogicalType::floating(64);
    }
    if (type == "string") return string_type(s, format);
    if (type == "array") {
      const json* items = member(s, "items");
      if (!items || !items->is_object())
        return LogicalType::array(LogicalType::simple(TypeKind::kJson));
      Resolved item = resolve(*items, depth + 1);
      return LogicalType::array(value_type(*item.schema, item, depth + 1, nullptr));
    }
    if (type == "object") {
      if (has_properties(s)) {
        std::vector<sql::StructField> fields;
        const json& props = *member(s, "properties");
        for (auto it = props.begin(); it != props.end(); ++it) {
          if (++visits_ > kMaxVisits) break;
          Resolved p = resolve(it.value(), depth + 1);
          fields.push_back({it.key(), value_type(*p.schema, p, depth + 1, nullptr)});
        }
        return LogicalType::structure(std::move(fields));
      }
      const json* extra = member(s, "additionalProperties");
      if (extra && extra->is_object() && !extra->empty()) {
        Resolved v = resolve(*extra, depth + 1);
        return LogicalType::map(LogicalType::text(sql::Charset::kUnicode),
                                value_type(*v.schema, v, depth + 1, nullptr));
      }
      return LogicalType::simple(TypeKind::kJson);
    }
    return LogicalType::simple(TypeKind::kJson);  // "null" alone, or an unknown type word
  }

  static std::optional<double> number_member(const json& s, const char* key) {
    const json* m = member(s, key);
    if (!m || !m->is_number()) return std::nullopt;
    double v = m->get<double>();
    if (!std::isfinite(v)) return std::nullopt;
    return v;
  }

  static LogicalType integer_type(const json& s, const std::string& format) {
    if (format == "int32") return LogicalType::integer(32);
    if (format == "int64") return LogicalType::integer(64);
    if (format == "int16") return LogicalType::integer(16);
    auto lo = number_member(s, "minimum");
    auto hi = number_member(s, "maximum");
    if (lo && hi) {
      if (*lo >= -32768 && *hi <= 32767) return LogicalType::integer(16);
      if (*lo >= -2147483648.0 && *hi <= 2147483647.0) return LogicalType::integer(32);
    }
    return LogicalType::integer(64);
  }

  static LogicalType string_type(const json& s, const std::string& format) {
    if (format == "date") return LogicalType::date();
    if (format == "date-time")
      return LogicalType::timestamp(std::nullopt, sql::TimeZoneKind::kWithTimeZone);
    if (format == "time") return LogicalType::time();
    if (format == "uuid") return LogicalType::simple(TypeKind::kUuid);
    if (format == "duration") return LogicalType::interval();
    if (format == "byte" || format == "binary" || string_member(s, "contentEncoding") == "base64")
      return LogicalType::binary();
    std::optional<std::int64_t> length;
    auto max = number_member(s, "maxLength");
    if (max && *max >= 0 && *max <= static_cast<double>(std::numeric_limits<std::int32_t>::max()))
      length = static_cast<std::int64_t>(*max);
    if (!length) {
      if (format == "email" || format == "idn-email")
        length = 254;  // RFC 5321 path limit
      else if (format == "ipv4")
        length = 15;
      else if (format == "ipv6")
        length = 45;
      else if (format == "hostname" || format == "idn-hostname")
        length = 253;
    }
    if (!length) return LogicalType::text(sql::Charset::kUnicode);
    auto min = number_member(s, "minLength");
    bool fixed = min && max && *min == *max && *length > 0;
    return LogicalType::string(length, fixed, sql::LengthUnit::kCharacters, sql::Charset::kUnicode);
  }

  /// enum/const: string values are returned (the column becomes an ENUM of them); other
  /// values become a CHECK (column IN (...)).
  std::optional<std::vector<std::string>> add_enum_check(Table& t, const std::string& column,
                                                         const json& s) {
    std::vector<const json*> values;
    if (const json* e = member(s, "enum"); e && e->is_array())
      for (const json& v : *e) values.push_back(&v);
    else if (const json* k = member(s, "const"))
      values.push_back(k);
    if (values.empty()) return std::nullopt;
    std::vector<std::string> strings;
    bool all_strings = true;
    for (const json* v : values) {
      if (v->is_null()) continue;
      if (!v->is_string())
        all_strings = false;
      else
        strings.push_back(v->get<std::string>());
    }
    if (all_strings && !strings.empty()) return strings;
    std::string list;
    for (const json* v : values) {
      if (v->is_null()) continue;
      list += (list.empty() ? "" : ", ") + sql_literal(*v);
    }
    if (list.empty()) return std::nullopt;
    Check check;
    check.expression = column + " IN (" + list + ")";
    check.origin = t.origin;
    t.checks.push_back(std::move(check));
    return std::nullopt;
  }

  ImportContext& ctx_;
  const json& root_;
  const ImportOptions& options_;
  std::string root_id_;
  std::set<std::string> referenced_;
  std::vector<std::string> ref_stack_;    ///< refs being expanded (cycle guard)
  std::vector<std::string> marked_keys_;  ///< properties with "x-primary-key": true
  std::size_t visits_ = 0;
  bool stopped_ = false;
};

}  // namespace

void import_json_schema(ImportContext& ctx, const ImportOptions& options) {
  std::optional<nlohmann::ordered_json> doc = read_json(ctx);
  if (!doc) return;
  JsonSchemaImporter(ctx, *doc, options).run();
}

}  // namespace godwit::schema::importers
