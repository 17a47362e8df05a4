// Validation runs, reports, checks and anomalies (see validation_service.hpp). Rules and
// test cases are in validation_definitions.cpp.
#include "services/validation_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "llm/llm_client.hpp"
#include "services/mapping_document.hpp"
#include "services/project_llm.hpp"
#include "services/validation_json.hpp"
#include "store/repositories/codegen_repository.hpp"
#include "store/repositories/discovery_repository.hpp"
#include "store/repositories/job_repository.hpp"
#include "store/repositories/mapping_repository.hpp"
#include "validation/report.hpp"
#include "validation/rules.hpp"
#include "validation/run.hpp"
#include "validation/test_case.hpp"

namespace godwit::services {
namespace {

using nlohmann::json;

/// What POST /validation/start asks for, read and checked.
struct StartRequest {
  std::string source_id;
  std::string target_id;
  validation::RunOptions options;
  bool rules = true;
  bool tests = true;
  json options_json = json::object();  ///< the options as stored with the report
};

StartRequest read_start(const json& body) {
  if (!body.is_object())
    throw Error(ErrorKind::kInvalidInput, "the request body must be a JSON object");
  std::vector<FieldError> errors;
  StartRequest r;
  auto id = [&](const char* key, std::string& into) {
    if (!body.contains(key)) {
      errors.push_back({key, "is required: the id of a saved connection (GET /connections)"});
    } else if (!body[key].is_string() || body[key].get<std::string>().empty()) {
      errors.push_back({key, "must be the id of a saved connection (a string)"});
    } else {
      into = body[key].get<std::string>();
    }
  };
  id("source_connection_id", r.source_id);
  id("target_connection_id", r.target_id);
  json stored = json::object();
  if (body.contains("options") && !body["options"].is_null()) {
    const json& o = body["options"];
    if (!o.is_object()) {
      errors.push_back({"options", "must be an object"});
    } else {
      validation::RunOptions& opt = r.options;
      auto fraction = [&](const json& v, const std::string& field, double& into) {
        if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
          errors.push_back({field, "must be a number from 0 to 1 (a share of the source's rows)"});
          return false;
        }
        into = v.get<double>();
        return true;
      };
      auto integer = [&](const char* key, int low, int high, auto&& apply) {
        if (!o.contains(key)) return;
        const json& v = o[key];
        if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high) {
          errors.push_back({std::string("options.") + key, "must be a whole number from " +
                                                               std::to_string(low) + " to " +
                                                               std::to_string(high)});
          return;
        }
        apply(v.get<int>());
        stored[key] = v;
      };
      auto flag = [&](const char* key, bool& into) {
        if (!o.contains(key)) return;
        if (!o[key].is_boolean()) {
          errors.push_back({std::string("options.") + key, "must be true or false"});
          return;
        }
        into = o[key].get<bool>();
        stored[key] = into;
      };
      if (o.contains("tables")) {
        const json& t = o["tables"];
        if (!t.is_array()) {
          errors.push_back({"options.tables", "must be an array of target table names"});
        } else {
          for (std::size_t i = 0; i < t.size(); ++i) {
            if (!t[i].is_string() || t[i].get<std::string>().empty() ||
                t[i].get<std::string>().size() > 512)
              errors.push_back(
                  {"options.tables[" + std::to_string(i) + "]", "must be a target table name"});
            else
              opt.tables.push_back(t[i].get<std::string>());
          }
          stored["tables"] = opt.tables;
        }
      }
      if (o.contains("row_count_tolerance") &&
          fraction(o["row_count_tolerance"], "options.row_count_tolerance",
                   opt.row_count_tolerance))
        stored["row_count_tolerance"] = opt.row_count_tolerance;
      if (o.contains("table_row_count_tolerance")) {
        const json& t = o["table_row_count_tolerance"];
        if (!t.is_object()) {
          errors.push_back({"options.table_row_count_tolerance",
                            "must be an object of target table name to a share (0 to 1)"});
        } else {
          for (const auto& [name, value] : t.items()) {
            double share = 0;
            if (fraction(value, "options.table_row_count_tolerance." + name, share))
              opt.table_row_count_tolerance[name] = share;
          }
          stored["table_row_count_tolerance"] = opt.table_row_count_tolerance;
        }
      }
      flag("schema", opt.schema);
      flag("row_counts", opt.row_counts);
      flag("aggregates", opt.aggregates);
      flag("keyed_diff", opt.keyed_diff);
      flag("referential_integrity", opt.referential_integrity);
      flag("uniqueness", opt.uniqueness);
      flag("anomalies", opt.anomalies);
      flag("rules", r.rules);
      flag("tests", r.tests);
      flag("allow_sample_values", opt.allow_sample_values);
      integer("statement_timeout_ms", 1000, 3600000, [&](int v) { opt.statement_timeout_ms = v; });
      validation::NormalizeOptions& n = opt.diff.normalize;
      integer("float_decimals", 0, 15, [&](int v) { n.float_decimals = v; });
      integer("decimal_scale", 0, 38, [&](int v) { n.decimal_scale = v; });
      integer("timestamp_precision", 0, 9, [&](int v) { n.timestamp_precision = v; });
      flag("trim_trailing_spaces", n.trim_trailing_spaces);
      flag("empty_string_as_null", n.empty_string_as_null);
      flag("case_insensitive", n.case_insensitive);
      static const std::set<std::string> known = {"tables",
                                                  "row_count_tolerance",
                                                  "table_row_count_tolerance",
                                                  "schema",
                                                  "row_counts",
                                                  "aggregates",
                                                  "keyed_diff",
                                                  "referential_integrity",
                                                  "uniqueness",
                                                  "anomalies",
                                                  "rules",
                                                  "tests",
                                                  "allow_sample_values",
                                                  "statement_timeout_ms",
                                                  "float_decimals",
                                                  "decimal_scale",
                                                  "timestamp_precision",
                                                  "trim_trailing_spaces",
                                                  "empty_string_as_null",
                                                  "case_insensitive"};
      for (const auto& [key, value] : o.items()) {
        (void)value;
        if (!known.contains(key))
          errors.push_back(
              {"options." + key,
               "is not an option; known: " +
                   godwit::join(std::vector<std::string>(known.begin(), known.end()), ", ")});
      }
    }
  }
  for (const auto& [key, value] : body.items()) {
    (void)value;
    if (key != "source_connection_id" && key != "target_connection_id" && key != "options")
      errors.push_back({key,
                        "is not a field; send source_connection_id, target_connection_id "
                        "and options"});
  }
  if (!errors.empty())
    throw Error(ErrorKind::kUnprocessable,
                "the validation request is not valid: " + errors.front().field + " " +
                    errors.front().message,
                errors);
  r.options_json = stored;
  return r;
}

bool any_approved(const mapping::MappingDocument& document) {
  return std::any_of(document.fields.begin(), document.fields.end(),
                     [](const mapping::FieldMapping& f) {
                       return f.status == mapping::MappingStatus::kApproved ||
                              f.status == mapping::MappingStatus::kManual;
                     });
}

void require_approved(const mapping::MappingDocument& document) {
  if (!any_approved(document))
    throw Error(ErrorKind::kConflict,
                "no field mapping is approved yet: validation compares the columns of approved "
                "mappings, so approve mappings in the mapping phase (POST /mapping/approve) or add "
                "your own (POST /mapping/custom) first");
}

/// 422 for options.tables naming no target table of the mapping's catalog.
void check_tables(const validation::RunOptions& options, const schema::Catalog& target) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < options.tables.size(); ++i) {
    const std::string& wanted = options.tables[i];
    bool found =
        std::any_of(target.tables.begin(), target.tables.end(), [&](const schema::Table& t) {
          return iequals(table_name(t), wanted) || iequals(t.name.name, wanted);
        });
    if (!found) {
      std::string known;
      for (std::size_t k = 0; k < target.tables.size() && k < 20; ++k)
        known += (k ? ", " : "") + table_name(target.tables[k]);
      errors.push_back({"options.tables[" + std::to_string(i) + "]",
                        "'" + wanted + "' is not a table of the target schema" +
                            (known.empty() ? "" : " (tables: " + known + ")")});
    }
  }
  if (!errors.empty())
    throw Error(ErrorKind::kUnprocessable, "the validation request names unknown tables", errors);
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json parse_or(const std::string& text, json fallback) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

json text_or_null(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json summary_json(const store::ValidationReportRecord& r) {
  std::string base = "/api/v1/projects/" + r.project_id + "/validation/reports/" + r.id;
  return {{"id", r.id},
          {"job_id", text_or_null(r.job_id)},
          {"status", r.status},
          {"source_connection_id", text_or_null(r.source_connection_id)},
          {"target_connection_id", text_or_null(r.target_connection_id)},
          {"overall_accuracy", r.overall_accuracy},
          {"records_tested", r.records_tested},
          {"records_failed", r.records_failed},
          {"checks",
           {{"passed", r.checks_passed},
            {"failed", r.checks_failed},
            {"errored", r.checks_errored},
            {"skipped", r.checks_skipped}}},
          {"anomalies", r.anomalies},
          {"tables", r.table_count},
          {"source_engine", r.source_engine},
          {"target_engine", r.target_engine},
          {"duration_ms", r.duration_ms},
          {"options", parse_or(r.options, json::object())},
          {"created_by", text_or_null(r.created_by)},
          {"created_at", r.created_at},
          {"links",
           {{"self", base},
            {"checks", base + "/checks"},
            {"anomalies",
             "/api/v1/projects/" + r.project_id + "/validation/anomalies?report_id=" + r.id},
            {"export_html", base + "/export?format=html"},
            {"export_json", base + "/export?format=json"}}}};
}

json anomaly_json(const store::AnomalyRecord& a) {
  return {{"id", a.id},
          {"report_id", a.report_id},
          {"anomaly_id", a.anomaly_key},
          {"kind", a.kind},
          {"severity", a.severity},
          {"source_table", a.source_table},
          {"table", a.table},
          {"column", a.column},
          {"count", a.count},
          {"explanation", a.explanation},
          {"evidence", parse_or(a.evidence, json::object())},
          {"samples", parse_or(a.samples, json::array())},
          {"masked", a.masked},
          {"explained_by", a.explained_by},
          {"rank", a.anomaly_rank},
          {"likely_cause", a.likely_cause},
          {"ai_explanation", a.ai_explanation},
          {"mapping_ids", parse_or(a.mapping_ids, json::array())},
          {"created_at", a.created_at}};
}

/// The report document as stored: a report that cannot be read back any more (stored
/// by a different version) is answered as it is, never with a 500.
validation::ValidationReport typed_report(const std::string& text) {
  return validation::report_from_json(parse_or(text, json::object()));
}

std::string lower(std::string s) {
  return to_lower(s);
}

}  // namespace

ValidationService::ValidationService(store::Database& db, ProjectService& projects,
                                     jobs::JobQueue& queue, ConnectionService& connections,
                                     ValidationSnapshotLoader loader,
                                     ConnectorFactory connector_factory,
                                     ValidationSettings settings)
    : db_(db),
      projects_(projects),
      queue_(queue),
      connections_(connections),
      loader_(std::move(loader)),
      connect_(connector_factory ? std::move(connector_factory)
                                 : ConnectorFactory(&validation::connect)),
      settings_(settings),
      reports_(db),
      rules_(db),
      tests_(db) {}

store::ProjectView ValidationService::require_editor(const std::string& user_id,
                                                     const std::string& project_id,
                                                     const char* action) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (view.role == store::ProjectRole::kViewer)
    throw Error(ErrorKind::kForbidden, std::string("your role on this project (viewer) does not "
                                                   "allow you to ") +
                                           action + "; ask an owner or editor");
  return view;
}

std::unique_ptr<validation::Connector> ValidationService::open(
    const validation::ConnectionSpec& spec, const char* side) {
  try {
    return connect_(spec);
  } catch (const validation::ConnectorError& e) {
    std::string field = std::string(side) + "_connection_id";
    throw Error(ErrorKind::kUnprocessable,
                std::string("cannot open the ") + side + " database: " + e.what(),
                {{field, std::string("the database could not be opened (") + e.what() +
                             "); check the connection with POST /connections/{id}/test"}});
  }
}

store::Job ValidationService::start(const std::string& user_id, const std::string& project_id,
                                    const json& body) {
  store::ProjectView view = require_editor(user_id, project_id, "run a validation");
  StartRequest request = read_start(body);
  // Unknown connections are 404 (spec() checks they belong to this project).
  connections_.get(user_id, view.project.id, request.source_id);
  connections_.get(user_id, view.project.id, request.target_id);
  MappingSnapshot snapshot = loader_(view.project);
  require_approved(snapshot.document);
  check_tables(request.options, snapshot.catalogs->target);
  store::JobRepository jobs(db_);
  store::JobPage running =
      jobs.list({view.project.id, {"queued", "running"}, std::string(kValidationJob), 1, 0});
  if (!running.items.empty())
    throw Error(ErrorKind::kConflict, "a validation is already running for this project (job " +
                                          running.items.front().id +
                                          "); wait for it or cancel it first");
  json payload = {{"user_id", user_id},
                  {"source_connection_id", request.source_id},
                  {"target_connection_id", request.target_id},
                  {"options", request.options_json}};
  return queue_.enqueue(kValidationJob, view.project.id, payload, 1);
}

json ValidationService::run(jobs::JobContext& context) {
  const json& payload = context.payload();
  const std::string project_id = context.project_id().value_or("");
  const std::string user_id = payload.value("user_id", std::string());
  store::ProjectView view = projects_.get(user_id, project_id);
  json body = {{"source_connection_id", payload.value("source_connection_id", json())},
               {"target_connection_id", payload.value("target_connection_id", json())},
               {"options", payload.value("options", json::object())}};
  StartRequest request = read_start(body);

  context.progress(2, "reading", "reading the catalogs, the approved mappings and the rules");
  MappingSnapshot snapshot = loader_(view.project);
  require_approved(snapshot.document);
  validation::ValidationInputs inputs;
  inputs.source = &snapshot.catalogs->source;
  inputs.target = &snapshot.catalogs->target;
  inputs.mapping = &snapshot.document;
  inputs.options = request.options;
  inputs.explain_anomalies = llm_asker(view.project, snapshot.catalogs->target, user_id,
                                       request.options.allow_sample_values);
  if (request.rules)
    for (const store::ValidationRuleRecord& r : rules_.list(view.project.id, true))
      inputs.rules.push_back(to_engine_rule(r));
  if (request.tests)
    for (const store::ValidationTestRecord& t : tests_.list(view.project.id))
      inputs.tests.push_back(to_engine_test(t));

  context.progress(4, "connecting", "opening the source and target databases");
  validation::ConnectionSpec source_spec =
      connections_.spec(user_id, view.project.id, request.source_id);
  validation::ConnectionSpec target_spec =
      connections_.spec(user_id, view.project.id, request.target_id);
  source_spec.statement_timeout_ms = request.options.statement_timeout_ms;
  target_spec.statement_timeout_ms = request.options.statement_timeout_ms;
  source_spec.read_only = true;
  target_spec.read_only = true;
  std::unique_ptr<validation::Connector> source = open(source_spec, "source");
  std::unique_ptr<validation::Connector> target = open(target_spec, "target");

  // The engine polls a flag; the job learns of a cancellation when it reports progress.
  // Progress is stored at most every 250 ms or on a new stage, not on every callback.
  std::atomic<bool> cancel{false};
  auto last_store = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  std::string last_stage;
  validation::RunProgress progress = [&](double percent, std::string_view stage) {
    if (context.cancel_requested()) cancel = true;
    auto now = std::chrono::steady_clock::now();
    if (stage == last_stage && now - last_store < std::chrono::milliseconds(250)) return;
    last_store = now;
    last_stage = std::string(stage);
    try {
      context.progress(5 + static_cast<int>(std::clamp(percent, 0.0, 100.0) * 0.9), "checking",
                       std::string(stage));
    } catch (const jobs::JobCancelled&) {
      cancel = true;
    } catch (const jobs::JobInterrupted&) {
      cancel = true;
    }
  };
  validation::ValidationReport report;
  try {
    report = validation::run_validation(*source, *target, inputs, progress, &cancel);
  } catch (const validation::DiffCancelled&) {
    context.check_cancelled();  // throws JobCancelled or JobInterrupted with the reason
    throw jobs::JobCancelled();
  }
  context.check_cancelled();

  context.progress(96, "storing", "storing the report");
  store::ValidationReportRecord record;
  record.project_id = view.project.id;
  record.job_id = context.id();
  record.source_connection_id = request.source_id;
  record.target_connection_id = request.target_id;
  record.options = dump(request.options_json);
  record.status = report.passed() ? "passed" : "failed";
  record.overall_accuracy = std::clamp(report.overall_accuracy * 100.0, 0.0, 100.0);
  record.records_tested = static_cast<long long>(report.records_tested);
  record.records_failed = static_cast<long long>(report.records_failed);
  record.checks_passed = static_cast<long long>(report.checks_passed);
  record.checks_failed = static_cast<long long>(report.checks_failed);
  record.checks_errored = static_cast<long long>(report.checks_errored);
  record.checks_skipped = static_cast<long long>(report.checks_skipped);
  record.table_count = static_cast<int>(report.tables.size());
  record.source_engine = report.source_engine;
  record.target_engine = report.target_engine;
  record.duration_ms = report.duration_ms;
  record.report = dump(validation::to_json(report));
  record.created_by = user_id.empty() ? std::nullopt : std::optional<std::string>(user_id);
  std::vector<store::AnomalyRecord> anomalies;
  for (const validation::Anomaly& a : report.anomalies) {
    store::AnomalyRecord row;
    row.anomaly_key = a.id;
    row.kind = a.kind;
    row.severity = std::string(validation::to_string(a.severity));
    row.source_table = a.source_table;
    row.table = a.target_table;
    row.column = a.target_column;
    row.count = static_cast<long long>(a.count);
    row.explanation = a.explanation;
    row.evidence = dump(a.evidence.is_null() ? json::object() : a.evidence);
    row.samples = dump(a.samples.is_array() ? a.samples : json::array());
    row.mapping_ids = dump(json(a.mapping_ids));
    row.masked = a.masked;
    row.explained_by = a.explained_by.empty() ? "engine" : a.explained_by;
    row.anomaly_rank = static_cast<int>(a.rank);
    row.likely_cause = a.likely_cause;
    row.ai_explanation = a.ai_explanation;
    anomalies.push_back(std::move(row));
  }
  store::ValidationReportRecord stored = reports_.insert(record, std::move(anomalies));
  context.progress(100, "done",
                   std::string(report.passed() ? "passed: " : "failed: ") +
                       std::to_string(report.checks_failed) + " failing check(s), " +
                       std::to_string(report.anomalies.size()) + " anomal(ies)");
  return {{"report_id", stored.id}, {"report", summary_json(stored)}};
}

json ValidationService::status(const std::string& user_id, const std::string& project_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::JobRepository jobs(db_);
  store::JobPage page = jobs.list({view.project.id, {}, std::string(kValidationJob), 1, 0});
  json job = nullptr;
  std::string state = "idle";
  if (!page.items.empty()) {
    const store::Job& j = page.items.front();
    state = j.state;
    job = {{"id", j.id},
           {"kind", j.kind},
           {"state", j.state},
           {"progress", j.progress},
           {"stage", text_or_null(j.stage)},
           {"message", text_or_null(j.message)},
           {"created_at", j.created_at},
           {"updated_at", j.updated_at},
           {"error", text_or_null(j.error)}};
  }
  auto latest = reports_.latest(view.project.id);
  return {{"state", state},
          {"job", job},
          {"latest_report", latest ? summary_json(*latest) : json(nullptr)}};
}

json ValidationService::reports(const std::string& user_id, const std::string& project_id,
                                int limit, int offset) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::ValidationReportPage page = reports_.list(view.project.id, limit, offset);
  json items = json::array();
  for (const store::ValidationReportRecord& r : page.items) items.push_back(summary_json(r));
  return {{"items", items}, {"total", page.total}, {"limit", limit}, {"offset", offset}};
}

store::ValidationReportRecord ValidationService::find_report(const std::string& project_id,
                                                             const std::string& report_id) {
  std::optional<store::ValidationReportRecord> found = report_id.empty() || report_id == "latest"
                                                           ? reports_.latest(project_id)
                                                           : reports_.find(project_id, report_id);
  if (!found)
    throw Error(ErrorKind::kNotFound,
                report_id.empty() || report_id == "latest"
                    ? "no validation has finished for this project yet: start one with POST "
                      "/validation/start"
                    : "no validation report " + report_id + " in this project");
  return *found;
}

json ValidationService::report(const std::string& user_id, const std::string& project_id,
                               const std::string& report_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::ValidationReportRecord r = find_report(view.project.id, report_id);
  json out = summary_json(r);
  out["report"] = parse_or(r.report, json::object());
  return out;
}

ReportExport ValidationService::export_report(const std::string& user_id,
                                              const std::string& project_id,
                                              const std::string& report_id,
                                              const std::string& format) {
  store::ProjectView view = projects_.get(user_id, project_id);
  std::string f = format.empty() ? "html" : lower(format);
  if (f != "html" && f != "json")
    throw Error(ErrorKind::kInvalidInput, "unknown export format '" + format + "'",
                {{"format", "must be html or json"}});
  store::ValidationReportRecord r = find_report(view.project.id, report_id);
  std::string stamp = r.created_at.substr(0, 19);
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  std::string base = "validation-report-" + stamp;
  if (f == "json") {
    json document = parse_or(r.report, json::object());
    return {base + ".json", "application/json",
            document.dump(2, ' ', false, json::error_handler_t::replace)};
  }
  validation::HtmlOptions options;
  options.title = "Validation report: " + view.project.name;
  options.generated_at = r.created_at;
  return {base + ".html", "text/html; charset=utf-8",
          validation::render_html(typed_report(r.report), options)};
}

json ValidationService::checks(const std::string& user_id, const std::string& project_id,
                               const std::string& report_id, const CheckFilter& filter) {
  store::ProjectView view = projects_.get(user_id, project_id);
  std::vector<FieldError> errors;
  for (const std::string& s : filter.statuses)
    if (!validation::parse_check_status(s))
      errors.push_back(
          {"status", "'" + s + "' is not a check status: passed, failed, error or skipped"});
  for (const std::string& k : filter.kinds)
    if (!validation::parse_check_kind(k))
      errors.push_back({"kind", "'" + k + "' is not a check kind"});
  if (!errors.empty())
    throw Error(ErrorKind::kInvalidInput, "the query is not valid: " + errors.front().message,
                errors);
  store::ValidationReportRecord r = find_report(view.project.id, report_id);
  validation::ValidationReport report = typed_report(r.report);

  std::vector<validation::CheckResult> matching;
  for (validation::CheckResult& c : report.checks) {
    if (!filter.statuses.empty() &&
        std::none_of(filter.statuses.begin(), filter.statuses.end(), [&](const std::string& s) {
          return validation::parse_check_status(s) == c.status;
        }))
      continue;
    if (!filter.kinds.empty() &&
        std::none_of(filter.kinds.begin(), filter.kinds.end(), [&](const std::string& k) {
          return validation::parse_check_kind(k) == c.kind;
        }))
      continue;
    if (filter.table && !iequals(c.target_table, *filter.table) &&
        !iequals(c.source_table, *filter.table))
      continue;
    matching.push_back(std::move(c));
  }
  long long total = static_cast<long long>(matching.size());
  std::size_t from = std::min(matching.size(), static_cast<std::size_t>(filter.offset));
  std::size_t to = std::min(matching.size(), from + static_cast<std::size_t>(filter.limit));
  validation::ValidationReport page;
  page.checks.assign(std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(from)),
                     std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(to)));
  json encoded = validation::to_json(page);
  json items = encoded.contains("checks") && encoded["checks"].is_array() ? encoded["checks"]
                                                                          : json::array();

  // Links of failing checks: the stored mapping rows (by the engine's mapping ids) and the
  // lines of the latest generated files that came from those mappings.
  bool any_failing = std::any_of(page.checks.begin(), page.checks.end(), [](const auto& c) {
    return c.status == validation::CheckStatus::kFailed ||
           c.status == validation::CheckStatus::kError;
  });
  std::map<std::string, std::string> record_by_engine_id;
  std::map<std::string, std::string> table_by_engine_id;
  std::map<std::string, json> code_by_mapping;
  if (any_failing) {
    store::MappingRepository mappings(db_);
    store::FieldMappingQuery q;
    q.project_id = view.project.id;
    q.limit = 0;
    for (const store::FieldMappingRecord& rec : mappings.list(q).items)
      record_by_engine_id.emplace(to_model(rec).id, rec.id);
    for (const store::TableMappingRecord& rec : mappings.table_mappings(view.project.id))
      table_by_engine_id.emplace(to_model(rec).id, rec.id);
    store::CodegenRepository codegen(db_);
    std::set<std::string> seen_platforms;
    for (const store::CodeGeneration& g : codegen.list(view.project.id, "")) {
      if (!seen_platforms.insert(g.platform).second) continue;  // newest first: latest only
      for (const store::GeneratedCode& file : codegen.files(g.id, false)) {
        json provenance = parse_or(file.provenance, json::array());
        if (!provenance.is_array()) continue;
        for (const json& p : provenance) {
          if (!p.is_object() || !p.contains("mapping_ids") || !p["mapping_ids"].is_array())
            continue;
          for (const json& mid : p["mapping_ids"]) {
            if (!mid.is_string()) continue;
            json& refs = code_by_mapping[mid.get<std::string>()];
            if (refs.is_null()) refs = json::array();
            if (refs.size() >= 20) continue;
            refs.push_back(
                {{"code_id", file.id},
                 {"generation_id", g.id},
                 {"platform", g.platform},
                 {"path", file.path},
                 {"first_line", p.value("first_line", 0)},
                 {"last_line", p.value("last_line", 0)},
                 {"href", "/api/v1/projects/" + view.project.id + "/codegen/codes/" + file.id}});
          }
        }
      }
    }
  }
  for (std::size_t i = 0; i < items.size() && i < page.checks.size(); ++i) {
    const validation::CheckResult& c = page.checks[i];
    if (c.status != validation::CheckStatus::kFailed && c.status != validation::CheckStatus::kError)
      continue;
    json mapping_links = json::array();
    json code_links = json::array();
    for (const std::string& mid : c.mapping_ids) {
      auto rec = record_by_engine_id.find(mid);
      json link = {{"mapping_id", mid}};
      if (rec != record_by_engine_id.end()) {
        link["id"] = rec->second;
        link["href"] =
            "/api/v1/projects/" + view.project.id + "/mapping/suggestions/" + rec->second;
      } else if (auto table = table_by_engine_id.find(mid); table != table_by_engine_id.end()) {
        link["id"] = table->second;
        link["href"] = "/api/v1/projects/" + view.project.id + "/mapping/table-mappings";
      }
      mapping_links.push_back(std::move(link));
      auto code = code_by_mapping.find(mid);
      if (code != code_by_mapping.end())
        for (const json& ref : code->second) code_links.push_back(ref);
    }
    items[i]["links"] = {{"mappings", mapping_links}, {"code", code_links}};
  }
  return {{"report_id", r.id},
          {"items", items},
          {"total", total},
          {"limit", filter.limit},
          {"offset", filter.offset}};
}

json ValidationService::anomalies(const std::string& user_id, const std::string& project_id,
                                  const std::string& report_id,
                                  const std::vector<std::string>& severities,
                                  const std::optional<std::string>& table, int limit, int offset) {
  store::ProjectView view = projects_.get(user_id, project_id);
  for (const std::string& s : severities)
    if (!validation::parse_severity(s))
      throw Error(ErrorKind::kInvalidInput, "'" + s + "' is not a severity",
                  {{"severity", "one or more of info, low, medium, high, critical"}});
  std::optional<store::ValidationReportRecord> r;
  if (report_id.empty() || report_id == "latest") {
    r = reports_.latest(view.project.id);
    if (!r)
      return {{"report_id", nullptr},
              {"items", json::array()},
              {"total", 0},
              {"limit", limit},
              {"offset", offset}};
  } else {
    r = find_report(view.project.id, report_id);
  }
  store::AnomalyPage page =
      reports_.anomalies({view.project.id, r->id, severities, table, limit, offset});
  json items = json::array();
  for (const store::AnomalyRecord& a : page.items) items.push_back(anomaly_json(a));
  return {{"report_id", r->id},
          {"items", items},
          {"total", page.total},
          {"limit", limit},
          {"offset", offset}};
}

void ValidationService::set_llm(llm::LlmSettings base, llm::ResponseCache* cache,
                                llm::UsageLedger* ledger) {
  llm_base_ = std::move(base);
  llm_cache_ = cache;
  llm_ledger_ = ledger;
}

validation::AnomalyAsker ValidationService::llm_asker(const store::Project& project,
                                                      const schema::Catalog& target,
                                                      const std::string& user_id,
                                                      bool allow_sample_values) const {
  auto client = project_llm_client(db_, llm_base_, project.id, llm_cache_, llm_ledger_);
  if (!client) return {};
  return [client, &target, project_id = project.id, user = user_id,
          allow_sample_values](const validation::AnomalyQuestion& q) {
    llm::AskRequest request;
    request.prompt_name = std::string(validation::kAnomalyExplanationPrompt);
    request.data = {{"schema", q.schema, false},
                    {"anomalies", q.anomalies, false},
                    {"samples", q.samples, true}};
    request.allow_sample_values = allow_sample_values;
    request.user_id = user;
    request.project_id = project_id;
    request.catalog = validation::anomaly_catalog_lookup(target);
    llm::AskResult r = client->ask(request);
    return validation::AnomalyAnswer{
        r.source != llm::AnswerSource::kOffline,
        std::move(r.answer),
        r.provenance.provider,
        r.provenance.model,
        r.provenance.prompt_name + "@" + std::to_string(r.provenance.prompt_version),
        std::move(r.diagnostics)};
  };
}

}  // namespace godwit::services
