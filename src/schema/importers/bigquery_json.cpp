// BigQuery table schema JSON to a catalog table: the `bq show --schema` field list
// `[{"name","type","mode","description","fields"}]`, a `{"fields": [...]}` or
// `{"schema": {"fields": [...]}}` table resource (whose tableReference names the table:
// project -> database, dataset -> schema). Each field is a column; its type is written as
// BigQuery DDL text (RECORD/STRUCT fields nested as STRUCT<...>, REPEATED as ARRAY<...>,
// maxLength/precision/scale as parameters) and read through the BigQuery dialect's type
// table, so it means exactly what the same column in BigQuery DDL means.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "schema/importers/import_context.hpp"
#include "sql/types/type_reader.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::schema::importers {
namespace {

using json = nlohmann::ordered_json;

std::string string_member(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// maxLength/precision/scale: numbers or numeric strings (the API sends strings).
std::string number_member(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  std::string v = it->is_string()            ? it->get<std::string>()
                  : it->is_number_unsigned() ? std::to_string(it->get<std::uint64_t>())
                                             : "";
  if (v.empty() || v.size() > 18 ||
      !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "";
  return v;
}

std::string quoted_name(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
               std::all_of(name.begin(), name.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
               });
  if (plain) return name;
  std::string out = "`";
  for (char c : name) {
    if (c == '`' || c == '\\') out += '\\';
    out += c;
  }
  return out + "`";
}

class BigQueryImporter {
 public:
  BigQueryImporter(ImportContext& ctx) : ctx_(ctx), types_(sql::find_type_table("bigquery")) {}

  /// The DDL type text of one field (mode included), or "" when the field is malformed.
  std::string type_text(const json& field, const std::string& path, int depth) {
    std::string type = to_upper(string_member(field, "type"));
    std::string mode = to_upper(string_member(field, "mode"));
    if (type.empty()) {
      ctx_.warning("W-IMPORT-BIGQUERY-FIELD", path + " has no \"type\"; it is read as JSON");
      type = "JSON";
    }
    std::string text;
    if (type == "RECORD" || type == "STRUCT") {
      const json* fields =
          field.is_object() && field.contains("fields") ? &field["fields"] : nullptr;
      if (!fields || !fields->is_array() || fields->empty()) {
        ctx_.warning("W-IMPORT-BIGQUERY-FIELD",
                     path + " is a RECORD without \"fields\"; it is read as JSON");
        text = "JSON";
      } else if (depth >= kMaxTypeDepth) {
        if (ctx_.first_time("deep"))
          ctx_.warning("W-IMPORT-TOO-DEEP", path + " nests RECORDs deeper than " +
                                                std::to_string(kMaxTypeDepth) +
                                                " levels (BigQuery allows 15); it is read as JSON");
        text = "JSON";
      } else {
        text = "STRUCT<";
        bool first = true;
        for (const json& f : *fields) {
          std::string name = string_member(f, "name");
          if (name.empty()) continue;
          std::string inner = type_text(f, path + "." + name, depth + 1);
          if (inner.empty()) continue;
          text += (first ? "" : ", ") + quoted_name(name) + " " + inner;
          first = false;
        }
        text += ">";
        if (first) text = "JSON";
      }
    } else {
      text = type;
      std::string length = number_member(field, "maxLength");
      std::string precision = number_member(field, "precision");
      std::string scale = number_member(field, "scale");
      if (!length.empty() && (type == "STRING" || type == "BYTES")) text += "(" + length + ")";
      if (!precision.empty() &&
          (type == "NUMERIC" || type == "BIGNUMERIC" || type == "DECIMAL" || type == "BIGDECIMAL"))
        text += "(" + precision + (scale.empty() ? "" : ", " + scale) + ")";
    }
    if (mode == "REPEATED") text = "ARRAY<" + text + ">";
    return text;
  }

  void add_fields(Table& t, const json& fields) {
    for (const json& f : fields) {
      std::string name = string_member(f, "name");
      if (name.empty()) {
        ctx_.warning("W-IMPORT-BIGQUERY-FIELD",
                     "a field of " + t.name.to_string() + " has no \"name\"; it is skipped");
        continue;
      }
      std::string text = type_text(f, name, 1);
      Column c = ctx_.make_column(name);
      c.type_text = text;
      sql::ReadTypeResult read = sql::read_type(text, *types_);
      c.type = read.type;
      for (const sql::TypeLoss& note : read.notes)
        if (note.code == sql::LossCode::kUnknownType)
          ctx_.warning("W-IMPORT-BIGQUERY-TYPE", t.name.to_string() + "." + name + ": type " +
                                                     text +
                                                     " is not a BigQuery type; kept as written");
      std::string mode = to_upper(string_member(f, "mode"));
      c.nullable = mode != "REQUIRED" && mode != "REPEATED";  // an empty array, never NULL
      c.comment = string_member(f, "description");
      std::string default_value = string_member(f, "defaultValueExpression");
      if (!default_value.empty()) c.default_value = default_value;
      ctx_.add_column(t, std::move(c));
    }
  }

  void run(const json& doc, const ImportOptions& options) {
    const json* fields = nullptr;
    const json* resource = nullptr;
    if (doc.is_array()) {
      fields = &doc;
    } else if (doc.is_object()) {
      resource = &doc;
      if (doc.contains("schema") && doc["schema"].is_object() && doc["schema"].contains("fields"))
        fields = &doc["schema"]["fields"];
      else if (doc.contains("fields"))
        fields = &doc["fields"];
    }
    if (!fields || !fields->is_array()) {
      ctx_.error("E-IMPORT-BIGQUERY",
                 "a BigQuery table schema is a list of fields ([{\"name\": ..., \"type\": ...}]) "
                 "or an object with \"fields\" or \"schema\": {\"fields\": ...}; this document "
                 "has neither");
      return;
    }
    std::string database, schema, name = options.table_name;
    if (resource && resource->contains("tableReference")) {
      const json& ref = (*resource)["tableReference"];
      database = string_member(ref, "projectId");
      schema = string_member(ref, "datasetId");
      if (name.empty()) name = string_member(ref, "tableId");
    }
    if (name.empty()) name = base_name(ctx_.file);
    Table t = ctx_.make_table(schema, name);
    t.name.database = database;
    if (resource) t.comment = string_member(*resource, "description");
    add_fields(t, *fields);
    if (t.columns.empty())
      ctx_.error("E-IMPORT-BIGQUERY",
                 "the schema has no usable fields (each needs a \"name\" and "
                 "a \"type\")");
    ctx_.add_table(std::move(t));
  }

 private:
  ImportContext& ctx_;
  const sql::DialectTypeTable* types_;
};

}  // namespace

void import_bigquery_json(ImportContext& ctx, const ImportOptions& options) {
  std::optional<nlohmann::ordered_json> doc = read_json(ctx);
  if (!doc) return;
  BigQueryImporter(ctx).run(*doc, options);
}

}  // namespace godwit::schema::importers
