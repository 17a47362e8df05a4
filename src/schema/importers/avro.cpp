// Avro schemas (.avsc) to catalog tables: each top-level record (or each record of a
// top-level union) is a table in the schema named by its namespace; its fields are
// columns. Nested records are STRUCT columns, arrays ARRAY<T>, maps MAP<NTEXT, T>, enums
// ENUM types, fixed BINARY(n); a union with "null" makes the column nullable, a union of
// several other types is a VARIANT. Logical types: decimal (precision, scale), date,
// time-millis/micros, timestamp-millis/micros (instants), local-timestamp-*, uuid,
// duration. Named types are registered as they are defined, so later fields may refer to
// them by name; a record that contains itself becomes a JSON column at the point of
// recursion.
#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "schema/importers/import_context.hpp"

namespace godwit::schema::importers {
namespace {

using json = nlohmann::ordered_json;
using sql::LogicalType;
using sql::TypeKind;

std::string string_member(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> int_member(const json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

/// The type of one Avro schema and its text for Column::type_text.
struct AvroType {
  LogicalType type;
  std::string text;
  bool nullable = false;
};

class AvroImporter {
 public:
  explicit AvroImporter(ImportContext& ctx) : ctx_(ctx) {}

  void run(const json& doc, const ImportOptions& options) {
    std::vector<const json*> records;
    if (doc.is_object() && string_member(doc, "type") == "record") records.push_back(&doc);
    if (doc.is_array())
      for (const json& s : doc)
        if (s.is_object() && string_member(s, "type") == "record") records.push_back(&s);
    if (records.empty()) {
      ctx_.error("E-IMPORT-AVRO",
                 "an Avro schema that describes a table is a record "
                 "({\"type\": \"record\", \"name\": ..., \"fields\": [...]}) or a list of "
                 "records; this document has none");
      return;
    }
    // Names defined by earlier schemas of a list are visible to later ones.
    for (const json* r : records) {
      std::string ns = string_member(*r, "namespace");
      std::string name = string_member(*r, "name");
      if (records.size() == 1 && !options.table_name.empty()) name = options.table_name;
      if (name.empty()) name = base_name(ctx_.file);
      std::string full = full_name(string_member(*r, "name"), ns);
      Table t = ctx_.make_table(ns, simple_name(name));
      t.comment = string_member(*r, "doc");
      in_progress_.push_back(full);
      add_fields(t, *r, ns);
      in_progress_.pop_back();
      if (!full.empty()) named_[full] = {record_type(*r, ns, 1), "record " + full, false};
      ctx_.add_table(std::move(t));
    }
  }

 private:
  static std::string simple_name(const std::string& name) {
    std::size_t dot = name.rfind('.');
    return dot == std::string::npos ? name : name.substr(dot + 1);
  }

  static std::string full_name(const std::string& name, const std::string& ns) {
    if (name.empty() || name.find('.') != std::string::npos || ns.empty()) return name;
    return ns + "." + name;
  }

  static std::string namespace_of(const json& schema, const std::string& enclosing) {
    std::string name = string_member(schema, "name");
    std::size_t dot = name.rfind('.');
    if (dot != std::string::npos) return name.substr(0, dot);
    std::string ns = string_member(schema, "namespace");
    return ns.empty() ? enclosing : ns;
  }

  void add_fields(Table& t, const json& record, const std::string& ns) {
    const json* fields = record.contains("fields") ? &record["fields"] : nullptr;
    if (!fields || !fields->is_array()) {
      ctx_.error("E-IMPORT-AVRO", "record " + t.name.to_string() + " has no \"fields\" list");
      return;
    }
    for (const json& f : *fields) {
      std::string name = string_member(f, "name");
      if (name.empty() || !f.contains("type")) {
        ctx_.warning("W-IMPORT-AVRO-FIELD", "a field of " + t.name.to_string() +
                                                " has no \"name\" or \"type\"; it is skipped");
        continue;
      }
      AvroType a = type_of(f["type"], namespace_of(record, ns), 1, t.name.name + "." + name);
      Column c = ctx_.make_column(name);
      c.type = a.type;
      c.type_text = a.text;
      c.nullable = a.nullable;
      c.comment = string_member(f, "doc");
      if (f.contains("default")) {
        const json& d = f["default"];
        c.default_value = d.is_string()    ? "'" + d.get<std::string>() + "'"
                          : d.is_null()    ? std::string("NULL")
                          : d.is_boolean() ? std::string(d.get<bool>() ? "TRUE" : "FALSE")
                                           : json_text(d);
      }
      ctx_.add_column(t, std::move(c));
    }
  }

  LogicalType record_type(const json& record, const std::string& ns, int depth) {
    std::vector<sql::StructField> fields;
    const json* list = record.contains("fields") ? &record["fields"] : nullptr;
    if (list && list->is_array())
      for (const json& f : *list) {
        std::string name = string_member(f, "name");
        if (name.empty() || !f.contains("type")) continue;
        fields.push_back(
            {name, type_of(f["type"], namespace_of(record, ns), depth + 1, name).type});
      }
    return LogicalType::structure(std::move(fields));
  }

  AvroType primitive(const std::string& name) {
    if (name == "null") return {LogicalType::unknown("null"), "null", true};
    if (name == "boolean") return {LogicalType::boolean(), name, false};
    if (name == "int") return {LogicalType::integer(32), name, false};
    if (name == "long") return {LogicalType::integer(64), name, false};
    if (name == "float") return {LogicalType::floating(32), name, false};
    if (name == "double") return {LogicalType::floating(64), name, false};
    if (name == "bytes") return {LogicalType::binary(), name, false};
    if (name == "string") return {LogicalType::text(sql::Charset::kUnicode), name, false};
    return {LogicalType::unknown(name), name, false};
  }

  AvroType type_of(const json& schema, const std::string& ns, int depth, const std::string& where) {
    if (depth > kMaxTypeDepth) {
      if (ctx_.first_time("deep"))
        ctx_.warning("W-IMPORT-TOO-DEEP", where + " nests types deeper than " +
                                              std::to_string(kMaxTypeDepth) +
                                              " levels; the rest is kept as JSON");
      return {LogicalType::simple(TypeKind::kJson), "json", false};
    }
    if (schema.is_string()) {
      std::string name = schema.get<std::string>();
      AvroType p = primitive(name);
      if (p.type.kind != TypeKind::kUnknown || name == "null") return p;
      std::string full = full_name(name, ns);
      for (const std::string& candidate : {full, name}) {
        if (std::find(in_progress_.begin(), in_progress_.end(), candidate) != in_progress_.end()) {
          if (ctx_.first_time("cycle " + where))
            ctx_.info("I-IMPORT-AVRO-RECURSIVE",
                      where + " refers to " + candidate +
                          ", a record that contains it; it is kept as one JSON column");
          return {LogicalType::simple(TypeKind::kJson), "record " + candidate, false};
        }
        auto it = named_.find(candidate);
        if (it != named_.end()) return it->second;
      }
      ctx_.warning("W-IMPORT-AVRO-TYPE", where + " has type \"" + name +
                                             "\", which is neither an Avro type nor a type "
                                             "defined before it in this file; kept as written");
      return p;
    }
    if (schema.is_array()) return union_type(schema, ns, depth, where);
    if (!schema.is_object()) {
      ctx_.warning("W-IMPORT-AVRO-TYPE", where +
                                             " has a type that is not a name, a list or an "
                                             "object; kept as JSON");
      return {LogicalType::simple(TypeKind::kJson), "json", false};
    }
    std::string type = string_member(schema, "type");
    std::string logical = string_member(schema, "logicalType");
    if (!logical.empty()) {
      if (auto l = logical_type(schema, type, logical)) return *l;
    }
    if (type == "record" || type == "error") {
      std::string full = full_name(string_member(schema, "name"), namespace_of(schema, ns));
      in_progress_.push_back(full);
      LogicalType t = record_type(schema, namespace_of(schema, ns), depth);
      in_progress_.pop_back();
      AvroType out{t, "record " + full, false};
      if (!full.empty()) named_[full] = out;
      return out;
    }
    if (type == "enum") {
      std::vector<std::string> symbols;
      if (schema.contains("symbols") && schema["symbols"].is_array())
        for (const json& s : schema["symbols"])
          if (s.is_string()) symbols.push_back(s.get<std::string>());
      std::string full = full_name(string_member(schema, "name"), namespace_of(schema, ns));
      AvroType out{LogicalType::enumeration(symbols, false, full), "enum " + full, false};
      if (!full.empty()) named_[full] = out;
      return out;
    }
    if (type == "fixed") {
      auto size = int_member(schema, "size");
      std::string full = full_name(string_member(schema, "name"), namespace_of(schema, ns));
      AvroType out{LogicalType::binary(size && *size >= 0 ? size : std::nullopt, true),
                   "fixed " + full, false};
      if (!full.empty()) named_[full] = out;
      return out;
    }
    if (type == "array") {
      AvroType items = schema.contains("items")
                           ? type_of(schema["items"], ns, depth + 1, where)
                           : AvroType{LogicalType::simple(TypeKind::kJson), "json"};
      return {LogicalType::array(items.type), "array<" + items.text + ">", false};
    }
    if (type == "map") {
      AvroType values = schema.contains("values")
                            ? type_of(schema["values"], ns, depth + 1, where)
                            : AvroType{LogicalType::simple(TypeKind::kJson), "json"};
      return {LogicalType::map(LogicalType::text(sql::Charset::kUnicode), values.type),
              "map<" + values.text + ">", false};
    }
    if (schema.contains("type")) return type_of(schema["type"], ns, depth + 1, where);
    ctx_.warning("W-IMPORT-AVRO-TYPE",
                 where + " has an object type without \"type\"; kept as JSON");
    return {LogicalType::simple(TypeKind::kJson), "json", false};
  }

  std::optional<AvroType> logical_type(const json& schema, const std::string& type,
                                       const std::string& logical) {
    std::string text = type + " (" + logical + ")";
    if (logical == "decimal" && (type == "bytes" || type == "fixed")) {
      auto precision = int_member(schema, "precision");
      auto scale = int_member(schema, "scale");
      if (!precision || *precision < 1 || *precision > 1000 ||
          (scale && (*scale < 0 || *scale > *precision))) {
        ctx_.warning("W-IMPORT-AVRO-TYPE",
                     "decimal needs a precision (1..) and a scale (0..precision); "
                     "the type is read as " +
                         type);
        return std::nullopt;
      }
      text = type + " (decimal(" + std::to_string(*precision) + ", " +
             std::to_string(scale.value_or(0)) + "))";
      return AvroType{LogicalType::decimal(static_cast<std::int32_t>(*precision),
                                           static_cast<std::int32_t>(scale.value_or(0))),
                      text, false};
    }
    if (logical == "date" && type == "int") return AvroType{LogicalType::date(), text, false};
    if (logical == "time-millis" && type == "int")
      return AvroType{LogicalType::time(3), text, false};
    if (logical == "time-micros" && type == "long")
      return AvroType{LogicalType::time(6), text, false};
    if (logical == "timestamp-millis" && type == "long")
      return AvroType{LogicalType::timestamp(3, sql::TimeZoneKind::kWithLocalTimeZone), text,
                      false};
    if (logical == "timestamp-micros" && type == "long")
      return AvroType{LogicalType::timestamp(6, sql::TimeZoneKind::kWithLocalTimeZone), text,
                      false};
    if (logical == "timestamp-nanos" && type == "long")
      return AvroType{LogicalType::timestamp(9, sql::TimeZoneKind::kWithLocalTimeZone), text,
                      false};
    if (logical == "local-timestamp-millis" && type == "long")
      return AvroType{LogicalType::timestamp(3), text, false};
    if (logical == "local-timestamp-micros" && type == "long")
      return AvroType{LogicalType::timestamp(6), text, false};
    if (logical == "uuid" && (type == "string" || type == "fixed"))
      return AvroType{LogicalType::simple(TypeKind::kUuid), text, false};
    if (logical == "duration" && type == "fixed")
      return AvroType{LogicalType::interval(), text, false};
    // Unknown logical types are ignored, as the Avro specification requires.
    return std::nullopt;
  }

  AvroType union_type(const json& branches, const std::string& ns, int depth,
                      const std::string& where) {
    std::vector<AvroType> real;
    bool nullable = false;
    for (const json& b : branches) {
      if (b.is_string() && b.get<std::string>() == "null") {
        nullable = true;
        continue;
      }
      real.push_back(type_of(b, ns, depth + 1, where));
    }
    if (real.size() == 1) {
      AvroType out = real[0];
      out.nullable = nullable;
      out.text = nullable ? "union<null, " + out.text + ">" : out.text;
      return out;
    }
    std::string text = "union<";
    if (nullable) text += "null";
    for (const AvroType& r : real) text += (text.size() > 6 ? ", " : "") + r.text;
    text += ">";
    if (real.empty()) return {LogicalType::unknown("null"), text, true};
    return {LogicalType::simple(TypeKind::kVariant), text, nullable};
  }

  ImportContext& ctx_;
  std::map<std::string, AvroType> named_;
  std::vector<std::string> in_progress_;  ///< records being read (recursion guard)
};

}  // namespace

void import_avro(ImportContext& ctx, const ImportOptions& options) {
  std::optional<nlohmann::ordered_json> doc = read_json(ctx);
  if (!doc) return;
  AvroImporter(ctx).run(*doc, options);
}

}  // namespace godwit::schema::importers
