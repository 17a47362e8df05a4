// JSON form of the mapping document (model_json.hpp).
#include "mapping/model_json.hpp"

#include <cmath>
#include <set>
#include <string>

namespace godwit::mapping {
namespace {

using nlohmann::json;

json strings_json(const std::vector<std::string>& v) {
  json a = json::array();
  for (const std::string& s : v) a.push_back(s);
  return a;
}

json column_ref_json(const ColumnRef& c) {
  return {{"table", c.table}, {"column", c.column}};
}

json evidence_json(const std::vector<Evidence>& evidence) {
  json a = json::array();
  for (const Evidence& e : evidence)
    a.push_back(
        {{"feature", e.feature}, {"score", e.score}, {"weight", e.weight}, {"detail", e.detail}});
  return a;
}

json schema_set_json(const SchemaSet& s) {
  return {{"dialect", s.dialect}, {"files", strings_json(s.files)}};
}

const char* type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

/// Reads members of JSON objects, recording each problem with the member's path.
class Reader {
 public:
  explicit Reader(std::vector<Diagnostic>& errors) : errors_(errors) {}

  void error(const std::string& path, const std::string& message) {
    Diagnostic d;
    d.code = "E-MAPPING-JSON";
    d.severity = Severity::kError;
    d.message = (path.empty() ? "/" : path) + ": " + message;
    errors_.push_back(std::move(d));
  }

  /// The member `key` of `obj`, or nullptr (with an error when `required`).
  const json* member(const json& obj, const std::string& path, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) error(path + "/" + key, "required member is missing");
      return nullptr;
    }
    return &*it;
  }

  bool is_object(const json& j, const std::string& path) {
    if (j.is_object()) return true;
    error(path, std::string("expected an object, found ") + type_name(j));
    return false;
  }

  void read_string(const json& obj, const std::string& path, const char* key, std::string& out,
                   bool required) {
    const json* j = member(obj, path, key, required);
    if (j == nullptr) return;
    if (!j->is_string()) {
      error(path + "/" + key, std::string("expected a string, found ") + type_name(*j));
      return;
    }
    out = j->get<std::string>();
  }

  void read_strings(const json& obj, const std::string& path, const char* key,
                    std::vector<std::string>& out, bool required) {
    const json* j = member(obj, path, key, required);
    if (j == nullptr) return;
    std::string p = path + "/" + key;
    if (!j->is_array()) {
      error(p, std::string("expected an array of strings, found ") + type_name(*j));
      return;
    }
    for (std::size_t i = 0; i < j->size(); ++i) {
      const json& e = (*j)[i];
      if (!e.is_string()) {
        error(p + "/" + std::to_string(i), std::string("expected a string, found ") + type_name(e));
        continue;
      }
      out.push_back(e.get<std::string>());
    }
  }

  /// A finite number; `unit` additionally requires [0, 1].
  void read_number(const json& obj, const std::string& path, const char* key, double& out,
                   bool unit) {
    const json* j = member(obj, path, key, false);
    if (j == nullptr) return;
    if (!j->is_number()) {
      error(path + "/" + key, std::string("expected a number, found ") + type_name(*j));
      return;
    }
    double v = j->get<double>();
    if (!std::isfinite(v) || (unit && (v < 0 || v > 1))) {
      error(path + "/" + key, "expected a number between 0 and 1, found " + j->dump());
      return;
    }
    out = v;
  }

  template <typename E, typename F>
  void read_enum(const json& obj, const std::string& path, const char* key, E& out, F parse,
                 const char* allowed) {
    std::string text;
    const json* j = member(obj, path, key, false);
    if (j == nullptr) return;
    if (!j->is_string()) {
      error(path + "/" + key,
            std::string("expected one of ") + allowed + ", found " + type_name(*j));
      return;
    }
    text = j->get<std::string>();
    if (auto v = parse(text)) {
      out = *v;
    } else {
      error(path + "/" + key, "unknown value \"" + text + "\"; expected one of " + allowed);
    }
  }

  ColumnRef column_ref(const json& j, const std::string& path) {
    ColumnRef c;
    if (!is_object(j, path)) return c;
    read_string(j, path, "table", c.table, true);
    read_string(j, path, "column", c.column, true);
    if (j.contains("column") && j["column"].is_string() && c.column.empty())
      error(path + "/column", "must not be empty");
    return c;
  }

  std::vector<Evidence> evidence(const json& obj, const std::string& path) {
    std::vector<Evidence> out;
    const json* j = member(obj, path, "evidence", false);
    if (j == nullptr) return out;
    std::string p = path + "/evidence";
    if (!j->is_array()) {
      error(p, std::string("expected an array, found ") + type_name(*j));
      return out;
    }
    for (std::size_t i = 0; i < j->size(); ++i) {
      std::string ep = p + "/" + std::to_string(i);
      const json& e = (*j)[i];
      if (!is_object(e, ep)) continue;
      Evidence ev;
      read_string(e, ep, "feature", ev.feature, true);
      read_number(e, ep, "score", ev.score, false);
      read_number(e, ep, "weight", ev.weight, false);
      read_string(e, ep, "detail", ev.detail, false);
      out.push_back(std::move(ev));
    }
    return out;
  }

  std::optional<ValueMap> value_map(const json& obj, const std::string& path) {
    const json* j = member(obj, path, "value_map", false);
    if (j == nullptr || j->is_null()) return std::nullopt;
    std::string p = path + "/value_map";
    if (!is_object(*j, p)) return std::nullopt;
    ValueMap vm;
    const json* entries = member(*j, p, "entries", true);
    if (entries != nullptr) {
      if (!entries->is_array()) {
        error(p + "/entries", std::string("expected an array, found ") + type_name(*entries));
      } else {
        for (std::size_t i = 0; i < entries->size(); ++i) {
          std::string ep = p + "/entries/" + std::to_string(i);
          const json& e = (*entries)[i];
          if (!is_object(e, ep)) continue;
          ValueMapEntry entry;
          read_string(e, ep, "from", entry.from, true);
          read_string(e, ep, "to", entry.to, true);
          vm.entries.push_back(std::move(entry));
        }
      }
    }
    const json* otherwise = member(*j, p, "otherwise", false);
    if (otherwise != nullptr && !otherwise->is_null()) {
      if (otherwise->is_string())
        vm.otherwise = otherwise->get<std::string>();
      else
        error(p + "/otherwise",
              std::string("expected a string or null, found ") + type_name(*otherwise));
    }
    return vm;
  }

  SchemaSet schema_set(const json& obj, const std::string& path, const char* key) {
    SchemaSet s;
    const json* j = member(obj, path, key, false);
    if (j == nullptr) return s;
    std::string p = path + "/" + key;
    if (!is_object(*j, p)) return s;
    read_string(*j, p, "dialect", s.dialect, false);
    read_strings(*j, p, "files", s.files, false);
    return s;
  }

 private:
  std::vector<Diagnostic>& errors_;
};

constexpr const char* kTransformationNames =
    "\"direct\", \"cast\", \"computed\", \"concatenated\", \"case_when\", \"custom\"";
constexpr const char* kStatusNames = "\"suggested\", \"approved\", \"rejected\", \"manual\"";
constexpr const char* kProvenanceNames = "\"engine\", \"model\", \"person\"";

TableMapping read_table(Reader& r, const json& j, const std::string& p) {
  TableMapping t;
  r.read_string(j, p, "id", t.id, true);
  r.read_strings(j, p, "source_tables", t.source_tables, true);
  r.read_string(j, p, "target_table", t.target_table, true);
  r.read_string(j, p, "join", t.join, false);
  r.read_string(j, p, "filter", t.filter, false);
  r.read_number(j, p, "confidence", t.confidence, true);
  r.read_enum(j, p, "status", t.status, status_from_string, kStatusNames);
  r.read_enum(j, p, "provenance", t.provenance, provenance_from_string, kProvenanceNames);
  t.evidence = r.evidence(j, p);
  if (j.contains("source_tables") && j["source_tables"].is_array() && t.source_tables.empty())
    r.error(p + "/source_tables", "needs at least one source table");
  return t;
}

FieldMapping read_field(Reader& r, const json& j, const std::string& p) {
  FieldMapping f;
  r.read_string(j, p, "id", f.id, true);
  if (const json* sources = r.member(j, p, "sources", true)) {
    if (!sources->is_array()) {
      r.error(p + "/sources", std::string("expected an array, found ") + type_name(*sources));
    } else {
      for (std::size_t i = 0; i < sources->size(); ++i)
        f.sources.push_back(r.column_ref((*sources)[i], p + "/sources/" + std::to_string(i)));
    }
  }
  if (const json* target = r.member(j, p, "target", true))
    f.target = r.column_ref(*target, p + "/target");
  r.read_enum(j, p, "transformation", f.transformation, transformation_from_string,
              kTransformationNames);
  r.read_string(j, p, "formula", f.formula, false);
  f.value_map = r.value_map(j, p);
  r.read_number(j, p, "confidence", f.confidence, true);
  if (const json* rank = r.member(j, p, "rank", false)) {
    if (!rank->is_number_integer() || rank->get<long long>() < 1 ||
        rank->get<long long>() > 1000000)
      r.error(p + "/rank",
              "expected a whole number from 1 (the best candidate), found " + rank->dump());
    else
      f.rank = static_cast<int>(rank->get<long long>());
  }
  r.read_enum(j, p, "status", f.status, status_from_string, kStatusNames);
  r.read_enum(j, p, "provenance", f.provenance, provenance_from_string, kProvenanceNames);
  r.read_string(j, p, "model", f.model, false);
  r.read_string(j, p, "description", f.description, false);
  f.evidence = r.evidence(j, p);
  r.read_strings(j, p, "warnings", f.warnings, false);
  if (f.transformation != Transformation::kDirect && f.formula.empty() && !f.value_map &&
      j.contains("transformation"))
    r.error(p + "/formula", "a \"" + std::string(to_string(f.transformation)) +
                                "\" mapping needs a formula (or a value_map)");
  return f;
}

}  // namespace

nlohmann::json to_json(const TableMapping& t) {
  return {{"id", t.id},
          {"source_tables", strings_json(t.source_tables)},
          {"target_table", t.target_table},
          {"join", t.join},
          {"filter", t.filter},
          {"confidence", t.confidence},
          {"status", std::string(to_string(t.status))},
          {"provenance", std::string(to_string(t.provenance))},
          {"evidence", evidence_json(t.evidence)}};
}

nlohmann::json to_json(const FieldMapping& f) {
  json sources = json::array();
  for (const ColumnRef& s : f.sources) sources.push_back(column_ref_json(s));
  json j = {{"id", f.id},
            {"sources", sources},
            {"target", column_ref_json(f.target)},
            {"transformation", std::string(to_string(f.transformation))},
            {"formula", f.formula}};
  if (f.value_map) {
    json entries = json::array();
    for (const ValueMapEntry& e : f.value_map->entries)
      entries.push_back({{"from", e.from}, {"to", e.to}});
    json vm = {{"entries", entries}};
    vm["otherwise"] = f.value_map->otherwise ? json(*f.value_map->otherwise) : json(nullptr);
    j["value_map"] = vm;
  }
  j["confidence"] = f.confidence;
  j["rank"] = f.rank;
  j["status"] = std::string(to_string(f.status));
  j["provenance"] = std::string(to_string(f.provenance));
  j["model"] = f.model;
  j["description"] = f.description;
  j["evidence"] = evidence_json(f.evidence);
  j["warnings"] = strings_json(f.warnings);
  return j;
}

nlohmann::json to_json(const MappingDocument& d) {
  json tables = json::array();
  for (const TableMapping& t : d.tables) tables.push_back(to_json(t));
  json fields = json::array();
  for (const FieldMapping& f : d.fields) fields.push_back(to_json(f));
  return {{"format_version", d.format_version},
          {"source", schema_set_json(d.source)},
          {"target", schema_set_json(d.target)},
          {"formula_dialect", d.formula_dialect},
          {"tables", tables},
          {"fields", fields}};
}

MappingDocument mapping_from_json(const nlohmann::json& j, std::vector<Diagnostic>& errors) {
  Reader r(errors);
  MappingDocument d;
  if (!r.is_object(j, "")) return d;
  if (const json* v = r.member(j, "", "format_version", true)) {
    if (!v->is_number_integer() || v->get<long long>() != 1)
      r.error("/format_version",
              "unsupported format version " + v->dump() + "; this Godwit reads version 1");
  }
  d.source = r.schema_set(j, "", "source");
  d.target = r.schema_set(j, "", "target");
  r.read_string(j, "", "formula_dialect", d.formula_dialect, false);
  if (d.formula_dialect.empty()) d.formula_dialect = d.target.dialect;

  std::set<std::string> ids;
  auto check_id = [&](const std::string& id, const std::string& path) {
    if (id.empty()) return;
    if (!ids.insert(id).second)
      r.error(path + "/id", "duplicate id \"" + id + "\"; ids must be unique in the document");
  };
  for (const char* key : {"tables", "fields"}) {
    const json* arr = r.member(j, "", key, false);
    if (arr == nullptr) continue;
    std::string p = std::string("/") + key;
    if (!arr->is_array()) {
      r.error(p, std::string("expected an array, found ") + type_name(*arr));
      continue;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string ep = p + "/" + std::to_string(i);
      if (!r.is_object((*arr)[i], ep)) continue;
      if (std::string(key) == "tables") {
        d.tables.push_back(read_table(r, (*arr)[i], ep));
        check_id(d.tables.back().id, ep);
      } else {
        d.fields.push_back(read_field(r, (*arr)[i], ep));
        check_id(d.fields.back().id, ep);
      }
    }
  }
  return d;
}

}  // namespace godwit::mapping
