// Stored mapping <-> mapping document (see mapping_document.hpp).
#include "services/mapping_document.hpp"

#include <nlohmann/json.hpp>

#include "services/mapping_json.hpp"

namespace godwit::services {
namespace {

nlohmann::json evidence_json(const std::vector<mapping::Evidence>& evidence) {
  nlohmann::json list = nlohmann::json::array();
  for (const mapping::Evidence& e : evidence) {
    list.push_back(
        {{"feature", e.feature}, {"score", e.score}, {"weight", e.weight}, {"detail", e.detail}});
  }
  return list;
}

std::vector<mapping::Evidence> evidence_from(const std::string& text) {
  std::vector<mapping::Evidence> out;
  nlohmann::json list = parse_stored(text, nlohmann::json::array());
  if (!list.is_array()) return out;
  for (const auto& e : list) {
    if (!e.is_object()) continue;
    mapping::Evidence ev;
    ev.feature = e.value("feature", "");
    ev.score = e.contains("score") && e["score"].is_number() ? e["score"].get<double>() : 0;
    ev.weight = e.contains("weight") && e["weight"].is_number() ? e["weight"].get<double>() : 0;
    ev.detail = e.value("detail", "");
    out.push_back(std::move(ev));
  }
  return out;
}

}  // namespace

store::FieldMappingRecord to_record(const mapping::FieldMapping& f,
                                    const std::string& formula_dialect) {
  store::FieldMappingRecord r;
  r.mapping_key = f.id;
  nlohmann::json sources = nlohmann::json::array();
  for (const mapping::ColumnRef& c : f.sources) {
    sources.push_back({{"table", c.table}, {"column", c.column}});
  }
  r.sources_json = sources.dump();
  if (!f.sources.empty()) {
    r.source_table = f.sources.front().table;
    r.source_column = f.sources.front().column;
  }
  r.target_table = f.target.table;
  r.target_column = f.target.column;
  r.transformation = std::string(mapping::to_string(f.transformation));
  r.formula = f.formula;
  r.formula_dialect = formula_dialect;
  if (f.value_map) {
    nlohmann::json entries = nlohmann::json::array();
    for (const mapping::ValueMapEntry& e : f.value_map->entries) {
      entries.push_back({{"from", e.from}, {"to", e.to}});
    }
    nlohmann::json vm = {{"entries", entries}};
    if (f.value_map->otherwise) vm["otherwise"] = *f.value_map->otherwise;
    r.value_map_json = vm.dump();
  }
  r.confidence = f.confidence;
  r.rank = f.rank;
  r.status = std::string(mapping::to_string(f.status));
  r.provenance = std::string(mapping::to_string(f.provenance));
  if (!f.model.empty()) r.model = f.model;
  r.description = f.description;
  r.evidence_json = evidence_json(f.evidence).dump();
  r.warnings_json = nlohmann::json(f.warnings).dump();
  return r;
}

mapping::FieldMapping to_model(const store::FieldMappingRecord& r) {
  mapping::FieldMapping f;
  nlohmann::json sources = parse_stored(r.sources_json, nlohmann::json::array());
  for (const auto& s : sources) {
    if (s.is_object()) f.sources.push_back({s.value("table", ""), s.value("column", "")});
  }
  f.target = {r.target_table, r.target_column};
  f.id = !r.mapping_key.empty() ? r.mapping_key : mapping::field_mapping_id(f.sources, f.target);
  f.transformation = mapping::transformation_from_string(r.transformation)
                         .value_or(mapping::Transformation::kCustom);
  f.formula = r.formula;
  if (r.value_map_json) {
    nlohmann::json vm = parse_stored(*r.value_map_json, nullptr);
    if (vm.is_object()) {
      mapping::ValueMap map;
      if (vm.contains("entries") && vm["entries"].is_array()) {
        for (const auto& e : vm["entries"]) {
          if (e.is_object()) map.entries.push_back({e.value("from", ""), e.value("to", "")});
        }
      }
      if (vm.contains("otherwise") && vm["otherwise"].is_string()) {
        map.otherwise = vm["otherwise"].get<std::string>();
      }
      f.value_map = std::move(map);
    }
  }
  f.confidence = r.confidence;
  f.rank = r.rank;
  f.status = mapping::status_from_string(r.status).value_or(mapping::MappingStatus::kSuggested);
  f.provenance =
      mapping::provenance_from_string(r.provenance).value_or(mapping::Provenance::kPerson);
  f.model = r.model.value_or("");
  f.description = r.description;
  f.evidence = evidence_from(r.evidence_json);
  nlohmann::json warnings = parse_stored(r.warnings_json, nlohmann::json::array());
  for (const auto& w : warnings) {
    if (w.is_string()) f.warnings.push_back(w.get<std::string>());
  }
  return f;
}

store::TableMappingRecord to_record(const mapping::TableMapping& t) {
  store::TableMappingRecord r;
  r.mapping_key = t.id;
  r.source_tables_json = nlohmann::json(t.source_tables).dump();
  r.source_table = t.source_tables.empty() ? "" : t.source_tables.front();
  r.target_table = t.target_table;
  r.join_condition = t.join;
  r.filter_condition = t.filter;
  r.confidence = t.confidence;
  r.status = std::string(mapping::to_string(t.status));
  r.provenance = std::string(mapping::to_string(t.provenance));
  r.evidence_json = evidence_json(t.evidence).dump();
  return r;
}

mapping::TableMapping to_model(const store::TableMappingRecord& r) {
  mapping::TableMapping t;
  nlohmann::json sources = parse_stored(r.source_tables_json, nlohmann::json::array());
  for (const auto& s : sources) {
    if (s.is_string()) t.source_tables.push_back(s.get<std::string>());
  }
  if (t.source_tables.empty() && !r.source_table.empty()) t.source_tables.push_back(r.source_table);
  t.target_table = r.target_table;
  t.id = !r.mapping_key.empty() ? r.mapping_key
                                : mapping::table_mapping_id(t.source_tables, t.target_table);
  t.join = r.join_condition;
  t.filter = r.filter_condition;
  t.confidence = r.confidence;
  t.status = mapping::status_from_string(r.status).value_or(mapping::MappingStatus::kManual);
  t.provenance =
      mapping::provenance_from_string(r.provenance).value_or(mapping::Provenance::kPerson);
  t.evidence = evidence_from(r.evidence_json);
  return t;
}

}  // namespace godwit::services
