// The rules and test cases of a project's validation, and running test cases on demand
// (see validation_service.hpp). Every rule is checked by validate_rule (kind, parameters,
// target table and column, the SQL parsed in the target dialect as one SELECT) and every
// test case by validate_test_case before it is stored; their diagnostics become 422
// field errors.
#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "services/validation_json.hpp"
#include "services/validation_service.hpp"
#include "validation/run.hpp"

namespace godwit::services {
namespace {

using nlohmann::json;

void require_object(const json& body) {
  if (!body.is_object())
    throw Error(ErrorKind::kInvalidInput, "the request body must be a JSON object");
}

void reject_unknown(const json& body, const std::set<std::string>& known,
                    std::vector<FieldError>& errors) {
  for (const auto& [key, value] : body.items()) {
    (void)value;
    if (known.contains(key)) continue;
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    errors.push_back({key, "is not a field; known: " + list});
  }
}

void text_field(const json& body, const char* key, std::size_t max, bool required,
                std::string& into, std::vector<FieldError>& errors) {
  if (!body.contains(key)) {
    if (required) errors.push_back({key, "is required"});
    return;
  }
  const json& v = body[key];
  if (!v.is_string()) {
    errors.push_back({key, "must be a string"});
    return;
  }
  std::string s = v.get<std::string>();
  if (required && trim(s).empty()) {
    errors.push_back({key, "must not be empty"});
    return;
  }
  if (s.size() > max) {
    errors.push_back({key, "must be at most " + std::to_string(max) + " characters"});
    return;
  }
  into = s;
}

/// The field a diagnostic of validate_rule is about, for the 422's field errors.
std::string rule_field(const store::ValidationRuleRecord& rule, const Diagnostic& d) {
  if (rule.kind == "sql") return "sql";
  std::string code = to_lower(d.code + " " + d.message);
  if (code.find("param") != std::string::npos || code.find("pattern") != std::string::npos ||
      code.find("regex") != std::string::npos || code.find("values") != std::string::npos ||
      code.find("min") != std::string::npos || code.find("max") != std::string::npos)
    return "params";
  if (code.find("column") != std::string::npos) return "column";
  if (code.find("table") != std::string::npos) return "table";
  if (code.find("kind") != std::string::npos) return "kind";
  return "rule";
}

std::string diagnostic_text(const Diagnostic& d) {
  std::string text = d.message;
  if (!d.snippet.empty())
    text += " (line " + std::to_string(d.location.line) + ", column " +
            std::to_string(d.location.column) + ")";
  if (!d.expected.empty()) {
    text += "; expected one of:";
    for (std::size_t i = 0; i < d.expected.size() && i < 8; ++i) text += " " + d.expected[i];
  }
  return text;
}

std::vector<Diagnostic> errors_only(std::vector<Diagnostic> diagnostics) {
  std::erase_if(diagnostics, [](const Diagnostic& d) { return d.severity != Severity::kError; });
  return diagnostics;
}

}  // namespace

json ValidationService::rules(const std::string& user_id, const std::string& project_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  json items = json::array();
  for (const store::ValidationRuleRecord& r : rules_.list(view.project.id, false))
    items.push_back(rule_json(r));
  json kinds = json::array();
  for (std::string_view k : validation::rule_kinds()) kinds.push_back(std::string(k));
  return {{"items", items}, {"kinds", kinds}};
}

json ValidationService::rule(const std::string& user_id, const std::string& project_id,
                             const std::string& rule_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  auto r = rules_.find(view.project.id, rule_id);
  if (!r) throw Error(ErrorKind::kNotFound, "no validation rule " + rule_id + " in this project");
  return rule_json(*r);
}

namespace {

/// Applies the fields of `body` to `rule` (create: every required field must be there).
void read_rule(const json& body, bool create, store::ValidationRuleRecord& rule) {
  require_object(body);
  std::vector<FieldError> errors;
  reject_unknown(
      body, {"name", "kind", "table", "column", "params", "sql", "severity", "enabled", "origin"},
      errors);
  text_field(body, "name", 200, create, rule.name, errors);
  if (body.contains("kind") || create) {
    std::string kind;
    text_field(body, "kind", 40, true, kind, errors);
    if (!kind.empty()) {
      const auto& kinds = validation::rule_kinds();
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
        std::string list;
        for (std::string_view k : kinds) list += (list.empty() ? "" : ", ") + std::string(k);
        errors.push_back({"kind", "must be one of " + list});
      } else {
        rule.kind = kind;
      }
    }
  }
  if (body.contains("table")) {
    const json& t = body["table"];
    std::vector<std::string> parts;
    if (t.is_string()) {
      for (std::string_view p : split(t.get<std::string>(), '.'))
        parts.push_back(std::string(trim(p)));
    } else if (t.is_array()) {
      for (const json& p : t) parts.push_back(p.is_string() ? p.get<std::string>() : std::string());
    }
    bool ok =
        !parts.empty() && parts.size() <= 3 &&
        std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); });
    if (!ok)
      errors.push_back(
          {"table", "must be a target table: \"schema.table\" or [\"schema\", \"table\"]"});
    else
      rule.table = parts;
  }
  text_field(body, "column", 256, false, rule.column, errors);
  if (body.contains("params")) {
    if (!body["params"].is_object())
      errors.push_back({"params",
                        "must be an object (range: {min, max}; regex: {pattern}; "
                        "accepted_values: {values}; freshness: {max_age_hours})"});
    else
      rule.params = body["params"].dump();
  }
  text_field(body, "sql", 20000, false, rule.sql, errors);
  if (body.contains("severity")) {
    if (!body["severity"].is_string() ||
        !validation::parse_severity(body["severity"].get<std::string>()))
      errors.push_back({"severity", "must be one of info, low, medium, high, critical"});
    else
      rule.severity = std::string(
          validation::to_string(*validation::parse_severity(body["severity"].get<std::string>())));
  }
  if (body.contains("enabled")) {
    if (!body["enabled"].is_boolean())
      errors.push_back({"enabled", "must be true or false"});
    else
      rule.enabled = body["enabled"].get<bool>();
  }
  if (body.contains("origin")) {
    static const std::set<std::string> origins = {"person", "mapping", "discovery", "llm"};
    if (!body["origin"].is_string() || !origins.contains(body["origin"].get<std::string>()))
      errors.push_back({"origin", "must be one of person, mapping, discovery, llm"});
    else
      rule.origin = body["origin"].get<std::string>();
  }
  if (rule.kind == "sql") {
    if (trim(rule.sql).empty())
      errors.push_back(
          {"sql", "is required for a sql rule: a SELECT returning the violating rows"});
    rule.column.clear();
  } else if (rule.table.empty() && !rule.kind.empty()) {
    errors.push_back({"table", "is required: the target table the rule checks"});
  }
  if (!errors.empty())
    throw Error(ErrorKind::kUnprocessable,
                "the rule is not valid: " + errors.front().field + " " + errors.front().message,
                errors);
}

}  // namespace

json ValidationService::create_rule(const std::string& user_id, const std::string& project_id,
                                    const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "change validation rules");
  store::ValidationRuleRecord rule;
  rule.project_id = view.project.id;
  rule.created_by = user_id;
  read_rule(body, true, rule);
  MappingSnapshot snapshot = loader_(view.project);
  std::string dialect = snapshot.catalogs->target_dialect.empty()
                            ? view.project.target_dialect
                            : snapshot.catalogs->target_dialect;
  std::vector<Diagnostic> problems = errors_only(
      validation::validate_rule(to_engine_rule(rule), snapshot.catalogs->target, dialect));
  if (!problems.empty()) {
    std::vector<FieldError> fields;
    for (const Diagnostic& d : problems)
      fields.push_back({rule_field(rule, d), diagnostic_text(d)});
    throw Error(ErrorKind::kUnprocessable,
                "the rule is not valid: " + diagnostic_text(problems.front()), fields);
  }
  return rule_json(rules_.insert(rule));
}

json ValidationService::update_rule(const std::string& user_id, const std::string& project_id,
                                    const std::string& rule_id, const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "change validation rules");
  auto found = rules_.find(view.project.id, rule_id);
  if (!found)
    throw Error(ErrorKind::kNotFound, "no validation rule " + rule_id + " in this project");
  store::ValidationRuleRecord rule = *found;
  read_rule(body, false, rule);
  MappingSnapshot snapshot = loader_(view.project);
  std::string dialect = snapshot.catalogs->target_dialect.empty()
                            ? view.project.target_dialect
                            : snapshot.catalogs->target_dialect;
  std::vector<Diagnostic> problems = errors_only(
      validation::validate_rule(to_engine_rule(rule), snapshot.catalogs->target, dialect));
  if (!problems.empty()) {
    std::vector<FieldError> fields;
    for (const Diagnostic& d : problems)
      fields.push_back({rule_field(rule, d), diagnostic_text(d)});
    throw Error(ErrorKind::kUnprocessable,
                "the rule is not valid: " + diagnostic_text(problems.front()), fields);
  }
  if (!rules_.update(rule))
    throw Error(ErrorKind::kNotFound, "no validation rule " + rule_id + " in this project");
  return rule_json(rule);
}

void ValidationService::delete_rule(const std::string& user_id, const std::string& project_id,
                                    const std::string& rule_id) {
  store::ProjectView view = require_editor(user_id, project_id, "change validation rules");
  if (!rules_.remove(view.project.id, rule_id))
    throw Error(ErrorKind::kNotFound, "no validation rule " + rule_id + " in this project");
}

json ValidationService::tests(const std::string& user_id, const std::string& project_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  json items = json::array();
  for (const store::ValidationTestRecord& t : tests_.list(view.project.id))
    items.push_back(test_json(t));
  return {{"items", items}};
}

json ValidationService::test(const std::string& user_id, const std::string& project_id,
                             const std::string& test_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  auto t = tests_.find(view.project.id, test_id);
  if (!t) throw Error(ErrorKind::kNotFound, "no test case " + test_id + " in this project");
  return test_json(*t);
}

namespace {

void read_test(const json& body, bool create, store::ValidationTestRecord& test) {
  require_object(body);
  std::vector<FieldError> errors;
  reject_unknown(
      body, {"name", "source_query", "target_query", "ordered", "numeric_tolerance", "max_rows"},
      errors);
  text_field(body, "name", 200, create, test.name, errors);
  text_field(body, "source_query", 20000, create, test.source_query, errors);
  text_field(body, "target_query", 20000, create, test.target_query, errors);
  if (body.contains("ordered")) {
    if (!body["ordered"].is_boolean())
      errors.push_back({"ordered", "must be true or false"});
    else
      test.ordered = body["ordered"].get<bool>();
  }
  if (body.contains("numeric_tolerance")) {
    const json& v = body["numeric_tolerance"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1e12)
      errors.push_back({"numeric_tolerance", "must be a number of at least 0 (absolute)"});
    else
      test.numeric_tolerance = v.get<double>();
  }
  if (body.contains("max_rows")) {
    const json& v = body["max_rows"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 1000000)
      errors.push_back({"max_rows", "must be a whole number from 1 to 1000000"});
    else
      test.max_rows = v.get<long long>();
  }
  if (!errors.empty())
    throw Error(
        ErrorKind::kUnprocessable,
        "the test case is not valid: " + errors.front().field + " " + errors.front().message,
        errors);
}

std::string test_field(const Diagnostic& d) {
  std::string where = to_lower(d.file + " " + d.code + " " + d.message);
  if (where.find("source") != std::string::npos) return "source_query";
  if (where.find("target") != std::string::npos) return "target_query";
  return "queries";
}

}  // namespace

json ValidationService::create_test(const std::string& user_id, const std::string& project_id,
                                    const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "change test cases");
  store::ValidationTestRecord test;
  test.project_id = view.project.id;
  test.created_by = user_id;
  read_test(body, true, test);
  std::vector<Diagnostic> problems = errors_only(validation::validate_test_case(
      to_engine_test(test), view.project.source_dialect, view.project.target_dialect));
  if (!problems.empty()) {
    std::vector<FieldError> fields;
    for (const Diagnostic& d : problems) fields.push_back({test_field(d), diagnostic_text(d)});
    throw Error(ErrorKind::kUnprocessable,
                "the test case is not valid: " + diagnostic_text(problems.front()), fields);
  }
  return test_json(tests_.insert(test));
}

json ValidationService::update_test(const std::string& user_id, const std::string& project_id,
                                    const std::string& test_id, const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "change test cases");
  auto found = tests_.find(view.project.id, test_id);
  if (!found) throw Error(ErrorKind::kNotFound, "no test case " + test_id + " in this project");
  store::ValidationTestRecord test = *found;
  read_test(body, false, test);
  std::vector<Diagnostic> problems = errors_only(validation::validate_test_case(
      to_engine_test(test), view.project.source_dialect, view.project.target_dialect));
  if (!problems.empty()) {
    std::vector<FieldError> fields;
    for (const Diagnostic& d : problems) fields.push_back({test_field(d), diagnostic_text(d)});
    throw Error(ErrorKind::kUnprocessable,
                "the test case is not valid: " + diagnostic_text(problems.front()), fields);
  }
  if (!tests_.update(test))
    throw Error(ErrorKind::kNotFound, "no test case " + test_id + " in this project");
  return test_json(test);
}

void ValidationService::delete_test(const std::string& user_id, const std::string& project_id,
                                    const std::string& test_id) {
  store::ProjectView view = require_editor(user_id, project_id, "change test cases");
  if (!tests_.remove(view.project.id, test_id))
    throw Error(ErrorKind::kNotFound, "no test case " + test_id + " in this project");
}

ValidationService::Connections ValidationService::test_connections(const store::Project& project,
                                                                   const json& body) {
  Connections c;
  std::vector<FieldError> errors;
  auto id = [&](const char* key, std::string& into) {
    if (!body.contains(key)) return;
    if (!body[key].is_string() || body[key].get<std::string>().empty())
      errors.push_back({key, "must be the id of a saved connection (a string)"});
    else
      into = body[key].get<std::string>();
  };
  id("source_connection_id", c.source_id);
  id("target_connection_id", c.target_id);
  if (!errors.empty()) throw Error(ErrorKind::kUnprocessable, "the request is not valid", errors);
  if (c.source_id.empty() || c.target_id.empty()) {
    auto latest = reports_.latest(project.id);
    if (c.source_id.empty() && latest && latest->source_connection_id)
      c.source_id = *latest->source_connection_id;
    if (c.target_id.empty() && latest && latest->target_connection_id)
      c.target_id = *latest->target_connection_id;
  }
  if (c.source_id.empty())
    errors.push_back({"source_connection_id", "is required: no earlier validation names one"});
  if (c.target_id.empty())
    errors.push_back({"target_connection_id", "is required: no earlier validation names one"});
  if (!errors.empty())
    throw Error(ErrorKind::kUnprocessable,
                "say which databases to run the test case on: source_connection_id and "
                "target_connection_id",
                errors);
  return c;
}

json ValidationService::run_one_test(const std::string& /*user_id*/, const store::Project& project,
                                     const store::ValidationTestRecord& test,
                                     validation::Connector& source, validation::Connector& target) {
  validation::CheckResult result =
      validation::run_test_case(source, target, to_engine_test(test), false);
  json result_json = check_json(result);
  std::string status(validation::to_string(result.status));
  tests_.set_result(project.id, test.id, status,
                    result_json.dump(-1, ' ', false, json::error_handler_t::replace));
  auto stored = tests_.find(project.id, test.id);
  return {{"test", stored ? test_json(*stored) : test_json(test)}, {"result", result_json}};
}

json ValidationService::run_test(const std::string& user_id, const std::string& project_id,
                                 const std::string& test_id, const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "run test cases");
  if (!body.is_null()) require_object(body);
  auto test = tests_.find(view.project.id, test_id);
  if (!test) throw Error(ErrorKind::kNotFound, "no test case " + test_id + " in this project");
  Connections c = test_connections(view.project, body.is_null() ? json::object() : body);
  validation::ConnectionSpec source_spec = connections_.spec(user_id, view.project.id, c.source_id);
  validation::ConnectionSpec target_spec = connections_.spec(user_id, view.project.id, c.target_id);
  source_spec.statement_timeout_ms = settings_.test_statement_timeout_ms;
  target_spec.statement_timeout_ms = settings_.test_statement_timeout_ms;
  std::unique_ptr<validation::Connector> source = open(source_spec, "source");
  std::unique_ptr<validation::Connector> target = open(target_spec, "target");
  return run_one_test(user_id, view.project, *test, *source, *target);
}

json ValidationService::run_tests(const std::string& user_id, const std::string& project_id,
                                  const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "run test cases");
  json b = body.is_null() ? json::object() : body;
  require_object(b);
  std::vector<store::ValidationTestRecord> chosen;
  if (b.contains("test_ids")) {
    const json& ids = b["test_ids"];
    if (!ids.is_array() || ids.empty())
      throw Error(ErrorKind::kUnprocessable, "test_ids must be a non-empty array of test case ids",
                  {{"test_ids", "must be a non-empty array of test case ids"}});
    for (std::size_t i = 0; i < ids.size(); ++i) {
      std::optional<store::ValidationTestRecord> t;
      if (ids[i].is_string()) t = tests_.find(view.project.id, ids[i].get<std::string>());
      if (!t)
        throw Error(ErrorKind::kNotFound,
                    "test_ids[" + std::to_string(i) + "] is not a test case of this project");
      chosen.push_back(*t);
    }
  } else {
    chosen = tests_.list(view.project.id);
  }
  if (chosen.empty())
    throw Error(ErrorKind::kConflict,
                "the project has no test cases yet: add one with POST /validation/tests");
  if (chosen.size() > settings_.max_tests_per_request)
    throw Error(ErrorKind::kUnprocessable,
                "at most " + std::to_string(settings_.max_tests_per_request) +
                    " test cases run per request; list some in test_ids, or start a validation "
                    "(POST /validation/start), which runs them all as a job",
                {{"test_ids", "list at most " + std::to_string(settings_.max_tests_per_request) +
                                  " test cases"}});
  Connections c = test_connections(view.project, b);
  validation::ConnectionSpec source_spec = connections_.spec(user_id, view.project.id, c.source_id);
  validation::ConnectionSpec target_spec = connections_.spec(user_id, view.project.id, c.target_id);
  source_spec.statement_timeout_ms = settings_.test_statement_timeout_ms;
  target_spec.statement_timeout_ms = settings_.test_statement_timeout_ms;
  std::unique_ptr<validation::Connector> source = open(source_spec, "source");
  std::unique_ptr<validation::Connector> target = open(target_spec, "target");
  json results = json::array();
  int passed = 0;
  int failed = 0;
  for (const store::ValidationTestRecord& t : chosen) {
    json one = run_one_test(user_id, view.project, t, *source, *target);
    (one["test"]["status"] == "passed" ? passed : failed)++;
    results.push_back(std::move(one));
  }
  return {{"results", results}, {"passed", passed}, {"failed", failed}};
}

}  // namespace godwit::services
