// Stored validation rows <-> engine values and API JSON (see validation_json.hpp).
#include "services/validation_json.hpp"

namespace godwit::services {
namespace {

using nlohmann::json;

json parse_or(const std::string& text, json fallback) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

json text_or_null(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

validation::Rule to_engine_rule(const store::ValidationRuleRecord& r) {
  validation::Rule rule;
  rule.id = r.id;
  rule.name = r.name;
  rule.kind = r.kind;
  rule.table = r.table;
  rule.column = r.column;
  rule.params = parse_or(r.params, json::object());
  rule.sql = r.sql;
  rule.severity = validation::parse_severity(r.severity).value_or(validation::Severity::kMedium);
  rule.origin = r.origin;
  rule.enabled = r.enabled;
  return rule;
}

validation::TestCase to_engine_test(const store::ValidationTestRecord& t) {
  validation::TestCase test;
  test.id = t.id;
  test.name = t.name;
  test.source_query = t.source_query;
  test.target_query = t.target_query;
  test.ordered = t.ordered;
  test.numeric_tolerance = t.numeric_tolerance;
  test.max_rows = static_cast<std::size_t>(t.max_rows > 0 ? t.max_rows : 1);
  return test;
}

json rule_json(const store::ValidationRuleRecord& r) {
  std::string table;
  for (const std::string& part : r.table) table += (table.empty() ? "" : ".") + part;
  return {{"id", r.id},
          {"name", r.name},
          {"kind", r.kind},
          {"table", table},
          {"table_path", r.table},
          {"column", r.column},
          {"params", parse_or(r.params, json::object())},
          {"sql", r.sql},
          {"severity", r.severity},
          {"origin", r.origin},
          {"enabled", r.enabled},
          {"created_by", text_or_null(r.created_by)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

json test_json(const store::ValidationTestRecord& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"source_query", t.source_query},
          {"target_query", t.target_query},
          {"ordered", t.ordered},
          {"numeric_tolerance", t.numeric_tolerance},
          {"max_rows", t.max_rows},
          {"status", t.status},
          {"last_result", t.last_result ? parse_or(*t.last_result, json(nullptr)) : json(nullptr)},
          {"executed_at", text_or_null(t.executed_at)},
          {"created_by", text_or_null(t.created_by)},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at}};
}

json check_json(const validation::CheckResult& check) {
  validation::ValidationReport one;
  one.checks.push_back(check);
  json encoded = validation::to_json(one);
  if (encoded.contains("checks") && encoded["checks"].is_array() && !encoded["checks"].empty())
    return encoded["checks"][0];
  return {{"id", check.id},
          {"status", std::string(validation::to_string(check.status))},
          {"message", check.message}};
}

}  // namespace godwit::services
