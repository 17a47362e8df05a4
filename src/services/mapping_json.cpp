// JSON forms of the stored mapping (see mapping_json.hpp).
#include "services/mapping_json.hpp"

#include <cmath>

namespace godwit::services {
namespace {

nlohmann::json nullable(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

double two_decimals(double value) {
  return std::round(value * 100.0) / 100.0;
}

}  // namespace

nlohmann::json parse_stored(const std::string& text, nlohmann::json fallback) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  return value.is_discarded() ? fallback : value;
}

nlohmann::json to_json(const store::FieldMappingRecord& r) {
  nlohmann::json value_map = r.value_map_json ? parse_stored(*r.value_map_json, nullptr) : nullptr;
  return {
      {"id", r.id},
      {"key", r.mapping_key},
      {"table_mapping_id", nullable(r.table_mapping_id)},
      {"sources", parse_stored(r.sources_json, nlohmann::json::array())},
      {"source_table", r.source_table},
      {"source_column", r.source_column},
      {"target_table", r.target_table},
      {"target_column", r.target_column},
      {"transformation", r.transformation},
      {"formula", r.formula},
      {"formula_dialect", r.formula_dialect},
      {"value_map", value_map},
      {"confidence", two_decimals(r.confidence)},
      {"rank", r.rank},
      {"status", r.status},
      {"provenance", r.provenance},
      {"model", nullable(r.model)},
      {"description", r.description},
      {"evidence", parse_stored(r.evidence_json, nlohmann::json::array())},
      {"warnings", parse_stored(r.warnings_json, nlohmann::json::array())},
      {"version", r.version},
      {"can_undo", parse_stored(r.previous_versions_json, nlohmann::json::array()).size() > 0},
      {"created_at", r.created_at},
      {"updated_at", nullable(r.updated_at)},
      {"updated_by", nullable(r.updated_by)},
      {"approved_at", nullable(r.approved_at)},
  };
}

nlohmann::json to_json(const store::TableMappingRecord& r) {
  return {
      {"id", r.id},
      {"key", r.mapping_key},
      {"source_tables", parse_stored(r.source_tables_json, nlohmann::json::array())},
      {"source_table", r.source_table},
      {"target_table", r.target_table},
      {"join", r.join_condition},
      {"filter", r.filter_condition},
      {"confidence", two_decimals(r.confidence)},
      {"status", r.status},
      {"provenance", r.provenance},
      {"evidence", parse_stored(r.evidence_json, nlohmann::json::array())},
      {"completion_percentage", r.completion_percentage},
      {"required_fields_covered", r.required_fields_covered},
      {"total_required_fields", r.total_required_fields},
      {"mapped_fields", r.mapped_fields},
      {"total_fields", r.total_fields},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at},
  };
}

nlohmann::json to_json(const store::MappingRuleRecord& r) {
  return {
      {"id", r.id},
      {"name", r.name},
      {"description", r.description},
      {"rule_type", r.rule_type},
      {"source_columns", parse_stored(r.source_columns_json, nlohmann::json::array())},
      {"target_table", r.target_table},
      {"target_column", r.target_column},
      {"transformation", r.transformation},
      {"definition", parse_stored(r.definition_json, nlohmann::json::object())},
      {"confidence", two_decimals(r.confidence)},
      {"provenance", r.provenance},
      {"created_at", r.created_at},
      {"updated_at", nullable(r.updated_at)},
      {"updated_by", nullable(r.updated_by)},
  };
}

nlohmann::json to_json(const store::MappingAuditEntry& e) {
  return {
      {"id", e.id},
      {"user_id", nullable(e.user_id)},
      {"action", e.action},
      {"mapping_id", nullable(e.mapping_id)},
      {"before", e.before_json ? parse_stored(*e.before_json, nullptr) : nullptr},
      {"after", e.after_json ? parse_stored(*e.after_json, nullptr) : nullptr},
      {"created_at", e.created_at},
  };
}

nlohmann::json snapshot(const store::FieldMappingRecord& r) {
  return {
      {"sources", parse_stored(r.sources_json, nlohmann::json::array())},
      {"source_table", r.source_table},
      {"source_column", r.source_column},
      {"target_table", r.target_table},
      {"target_column", r.target_column},
      {"transformation", r.transformation},
      {"formula", r.formula},
      {"formula_dialect", r.formula_dialect},
      {"value_map", r.value_map_json ? parse_stored(*r.value_map_json, nullptr) : nullptr},
      {"description", r.description},
      {"status", r.status},
      {"provenance", r.provenance},
      {"model", nullable(r.model)},
      {"confidence", two_decimals(r.confidence)},
      {"table_mapping_id", nullable(r.table_mapping_id)},
      {"version", r.version},
      {"updated_at", nullable(r.updated_at)},
      {"updated_by", nullable(r.updated_by)},
      {"approved_at", nullable(r.approved_at)},
  };
}

void restore(store::FieldMappingRecord& r, const nlohmann::json& s) {
  auto text = [&](const char* key, std::string& into) {
    if (s.contains(key) && s[key].is_string()) into = s[key].get<std::string>();
  };
  auto optional_text = [&](const char* key, std::optional<std::string>& into) {
    if (!s.contains(key)) return;
    into = s[key].is_string() ? std::optional(s[key].get<std::string>()) : std::nullopt;
  };
  if (s.contains("sources") && s["sources"].is_array()) r.sources_json = s["sources"].dump();
  text("source_table", r.source_table);
  text("source_column", r.source_column);
  text("target_table", r.target_table);
  text("target_column", r.target_column);
  text("transformation", r.transformation);
  text("formula", r.formula);
  text("formula_dialect", r.formula_dialect);
  text("description", r.description);
  text("status", r.status);
  text("provenance", r.provenance);
  optional_text("model", r.model);
  optional_text("table_mapping_id", r.table_mapping_id);
  optional_text("updated_at", r.updated_at);
  optional_text("updated_by", r.updated_by);
  optional_text("approved_at", r.approved_at);
  if (s.contains("value_map")) {
    r.value_map_json =
        s["value_map"].is_null() ? std::nullopt : std::optional(s["value_map"].dump());
  }
  if (s.contains("confidence") && s["confidence"].is_number())
    r.confidence = s["confidence"].get<double>();
  if (s.contains("version") && s["version"].is_number_integer())
    r.version = s["version"].get<int>();
}

}  // namespace godwit::services
