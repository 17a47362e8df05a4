// Data-quality rules: not null, unique, range, regex, accepted values, freshness, and
// rules a person writes as one SQL SELECT returning the violating rows. A rule is checked
// against the target catalog before it is stored or run (validate_rule), derived from
// the target catalog and the approved mapping (derive_rules), and run against the target
// database as one statement built from catalog names (run_rule). Engine code: values in,
// values out (docs/validation.md, "Rules").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "mapping/model.hpp"
#include "schema/catalog.hpp"
#include "validation/connectors/connector.hpp"
#include "validation/report.hpp"

namespace godwit::validation {

struct Rule {
  std::string id;  ///< stable (uuid from the store, or derived)
  std::string name;
  std::string kind;  ///< not_null | unique | range | regex | accepted_values | freshness | sql
  std::vector<std::string> table;  ///< target table {schema, table} or {table}
  std::string column;              ///< empty for kind sql
  /// range: {"min","max"} (either may be absent); regex: {"pattern"};
  /// accepted_values: {"values":[...]}; freshness: {"max_age_hours"}; sql: {} (query in `sql`)
  nlohmann::json params = nlohmann::json::object();
  std::string sql;  ///< kind sql: a SELECT returning the violating rows (0 rows = pass)
  Severity severity = Severity::kMedium;
  std::string origin;  ///< mapping | discovery | person
  bool enabled = true;
};

/// The rule kinds, in documentation order.
const std::vector<std::string_view>& rule_kinds();

/// Parser + catalog check of a rule before it is stored or run (kind, params, table/column
/// exist, the regex compiles, the SQL parses in the target dialect and is a single SELECT).
/// Empty = valid. Each diagnostic says what is wrong and how to fix it.
std::vector<Diagnostic> validate_rule(const Rule& rule, const schema::Catalog& target,
                                      std::string_view target_dialect);

/// Rules Godwit derives: not_null for NOT NULL target columns, unique for PK/UK,
/// accepted_values from value maps of approved field mappings, range from CHECK
/// constraints where parsable (`x >= 0`, `x BETWEEN 1 AND 5`, `x > 0 AND x <= 100`).
/// Ids are stable: "<kind>:<table>:<column>".
std::vector<Rule> derive_rules(const schema::Catalog& target,
                               const mapping::MappingDocument& mapping);

/// Runs one rule on the target: violation count over the rows tested and up to 5 sample
/// rows (values masked with mask_value unless allowed). Never throws for data problems:
/// an invalid rule or a failing query is a kError result with the reason.
CheckResult run_rule(Connector& target, const Rule& rule, const schema::Catalog& target_catalog,
                     bool allow_sample_values);

}  // namespace godwit::validation
