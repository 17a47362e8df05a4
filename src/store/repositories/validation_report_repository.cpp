// Validation reports and their anomalies (see validation_report_repository.hpp).
#include "store/repositories/validation_report_repository.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

/// Locale-independent text of a double, bound as text (both backends convert it).
std::string number_text(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "0";
  return std::string(buffer, end);
}

constexpr const char* kReportColumns =
    "id, project_id, job_id, source_connection_id, target_connection_id, options, status,"
    " CAST(COALESCE(overall_accuracy, 100) AS DOUBLE PRECISION), COALESCE(total_records_tested, 0),"
    " records_failed, COALESCE(passed_validations, 0), COALESCE(failed_validations, 0),"
    " errored_validations, skipped_validations, COALESCE(anomalies_detected, 0), table_count,"
    " source_engine, target_engine, CAST(duration_ms AS DOUBLE PRECISION), created_by, created_at";

struct ReportRow {
  std::string id, project_id, job_id, source_connection, target_connection, options, status,
      source_engine, target_engine, created_by, created_at, report;
  double accuracy = 0, duration_ms = 0;
  long long tested = 0, failed_records = 0, passed = 0, failed = 0, errored = 0, skipped = 0;
  int anomalies = 0, tables = 0;
  soci::indicator job_ind = soci::i_ok, source_ind = soci::i_ok, target_ind = soci::i_ok,
                  created_by_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(job_id, job_ind),
        soci::into(source_connection, source_ind), soci::into(target_connection, target_ind),
        soci::into(options), soci::into(status), soci::into(accuracy), soci::into(tested),
        soci::into(failed_records), soci::into(passed), soci::into(failed), soci::into(errored),
        soci::into(skipped), soci::into(anomalies), soci::into(tables), soci::into(source_engine),
        soci::into(target_engine), soci::into(duration_ms), soci::into(created_by, created_by_ind),
        soci::into(created_at);
  }

  ValidationReportRecord model() const {
    ValidationReportRecord r;
    r.id = id;
    r.project_id = project_id;
    r.job_id = detail::optional_text(job_id, job_ind);
    r.source_connection_id = detail::optional_text(source_connection, source_ind);
    r.target_connection_id = detail::optional_text(target_connection, target_ind);
    r.options = options;
    r.status = status;
    r.overall_accuracy = accuracy;
    r.records_tested = tested;
    r.records_failed = failed_records;
    r.checks_passed = passed;
    r.checks_failed = failed;
    r.checks_errored = errored;
    r.checks_skipped = skipped;
    r.anomalies = anomalies;
    r.table_count = tables;
    r.source_engine = source_engine;
    r.target_engine = target_engine;
    r.duration_ms = duration_ms;
    r.report = report;
    r.created_by = detail::optional_text(created_by, created_by_ind);
    r.created_at = detail::timestamp_from_db(created_at);
    return r;
  }
};

struct ReportWithDataRow : ReportRow {
  soci::indicator report_ind = soci::i_ok;
  void bind(detail::Binder& p) {
    ReportRow::bind(p);
    p, soci::into(report, report_ind);
  }
  ValidationReportRecord model() const {
    ValidationReportRecord r = ReportRow::model();
    if (report_ind == soci::i_null) r.report = "{}";
    return r;
  }
};

constexpr const char* kAnomalyColumns =
    "id, project_id, report_id, anomaly_key, anomaly_type, severity, severity_rank, source_table,"
    " table_name, column_name, affected_rows, description, evidence, sample_data, mapping_ids,"
    " CAST(masked AS INTEGER), explained_by, anomaly_rank, likely_cause, ai_explanation,"
    " created_at";

struct AnomalyRow {
  std::string id, project_id, report_id, key, kind, severity, source_table, table, column,
      explanation, evidence, samples, mapping_ids, explained_by, likely_cause, ai_explanation,
      created_at;
  int rank = 2, masked = 1, anomaly_rank = 0;
  long long count = 0;
  soci::indicator ind[10] = {soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok,
                             soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok};

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(report_id), soci::into(key, ind[0]),
        soci::into(kind, ind[1]), soci::into(severity, ind[2]), soci::into(rank),
        soci::into(source_table, ind[3]), soci::into(table, ind[4]), soci::into(column, ind[5]),
        soci::into(count), soci::into(explanation, ind[6]), soci::into(evidence, ind[7]),
        soci::into(samples, ind[8]), soci::into(mapping_ids, ind[9]), soci::into(masked),
        soci::into(explained_by), soci::into(anomaly_rank), soci::into(likely_cause),
        soci::into(ai_explanation), soci::into(created_at);
  }

  AnomalyRecord model() const {
    auto text = [&](const std::string& v, int i, const char* fallback) {
      return ind[i] == soci::i_null ? std::string(fallback) : v;
    };
    AnomalyRecord a;
    a.id = id;
    a.project_id = project_id;
    a.report_id = report_id;
    a.anomaly_key = text(key, 0, "");
    a.kind = text(kind, 1, "");
    a.severity = text(severity, 2, "medium");
    a.severity_rank = rank;
    a.source_table = text(source_table, 3, "");
    a.table = text(table, 4, "");
    a.column = text(column, 5, "");
    a.count = count;
    a.explanation = text(explanation, 6, "");
    a.evidence = text(evidence, 7, "{}");
    a.samples = text(samples, 8, "[]");
    a.mapping_ids = text(mapping_ids, 9, "[]");
    a.masked = masked != 0;
    a.explained_by = explained_by;
    a.anomaly_rank = anomaly_rank;
    a.likely_cause = likely_cause;
    a.ai_explanation = ai_explanation;
    a.created_at = detail::timestamp_from_db(created_at);
    return a;
  }
};

}  // namespace

int severity_rank(const std::string& severity) {
  if (severity == "info") return 0;
  if (severity == "low") return 1;
  if (severity == "high") return 3;
  if (severity == "critical") return 4;
  return 2;
}

ValidationReportRecord ValidationReportRepository::insert(ValidationReportRecord report,
                                                          std::vector<AnomalyRecord> anomalies) {
  detail::require_json(report.options, "the validation options");
  detail::require_json(report.report, "the validation report");
  report.id = new_uuid();
  report.created_at = detail::now_timestamp();
  report.anomalies = static_cast<int>(anomalies.size());
  detail::Connection session(db_);
  try {
    detail::WriteTransaction transaction(session, db_.backend());
    Params p;
    p.text("id", report.id)
        .text("project_id", report.project_id)
        .nullable_text("job_id", report.job_id)
        .nullable_text("source_connection_id", report.source_connection_id)
        .nullable_text("target_connection_id", report.target_connection_id)
        .text("options", report.options)
        .text("status", report.status)
        .text("accuracy", number_text(report.overall_accuracy))
        .integer("tested", report.records_tested)
        .integer("records_failed", report.records_failed)
        .integer("passed", report.checks_passed)
        .integer("failed", report.checks_failed)
        .integer("errored", report.checks_errored)
        .integer("skipped", report.checks_skipped)
        .integer("anomalies", report.anomalies)
        .integer("table_count", report.table_count)
        .text("source_engine", report.source_engine)
        .text("target_engine", report.target_engine)
        .text("duration_ms", number_text(report.duration_ms))
        .text("report_data", report.report)
        .nullable_text("created_by", report.created_by)
        .text("created_at", report.created_at);
    detail::execute(session,
                    "INSERT INTO validation_reports (id, project_id, job_id, source_connection_id,"
                    " target_connection_id, options, status, overall_accuracy,"
                    " total_records_tested, records_failed, passed_validations,"
                    " failed_validations, errored_validations, skipped_validations,"
                    " anomalies_detected, table_count, source_engine, target_engine, duration_ms,"
                    " report_data, created_by, created_at) VALUES (:id, :project_id, :job_id,"
                    " :source_connection_id, :target_connection_id, :options, :status, :accuracy,"
                    " :tested, :records_failed, :passed, :failed, :errored, :skipped, :anomalies,"
                    " :table_count, :source_engine, :target_engine, :duration_ms, :report_data,"
                    " :created_by, :created_at)",
                    p);
    for (AnomalyRecord& a : anomalies) {
      detail::require_json(a.evidence, "the evidence of an anomaly");
      detail::require_json(a.samples, "the samples of an anomaly");
      detail::require_json(a.mapping_ids, "the mapping ids of an anomaly");
      a.id = new_uuid();
      a.project_id = report.project_id;
      a.report_id = report.id;
      a.severity_rank = severity_rank(a.severity);
      a.created_at = report.created_at;
      Params q;
      q.text("id", a.id)
          .text("project_id", a.project_id)
          .text("report_id", a.report_id)
          .text("anomaly_key", a.anomaly_key)
          .text("kind", a.kind)
          .text("severity", a.severity)
          .integer("rank", a.severity_rank)
          .text("source_table", a.source_table)
          .text("table_name", a.table)
          .text("column_name", a.column)
          .integer("affected_rows", a.count)
          .text("description", a.explanation)
          .text("evidence", a.evidence)
          .text("samples", a.samples)
          .text("mapping_ids", a.mapping_ids)
          .text("explained_by", a.explained_by)
          .integer("anomaly_rank", a.anomaly_rank)
          .text("likely_cause", a.likely_cause)
          .text("ai_explanation", a.ai_explanation)
          .text("created_at", a.created_at);
      detail::execute(session,
                      "INSERT INTO data_anomalies (id, project_id, report_id, anomaly_key,"
                      " anomaly_type, severity, severity_rank, source_table, table_name,"
                      " column_name, affected_rows, description, evidence, sample_data,"
                      " mapping_ids, masked, ai_detected, explained_by, anomaly_rank,"
                      " likely_cause, ai_explanation, created_at) VALUES (:id,"
                      " :project_id, :report_id, :anomaly_key, :kind, :severity, :rank,"
                      " :source_table, :table_name, :column_name, :affected_rows, :description,"
                      " :evidence, :samples, :mapping_ids, " +
                          std::string(a.masked ? "TRUE" : "FALSE") + ", " +
                          (a.explained_by.rfind("llm", 0) == 0 ? "TRUE" : "FALSE") +
                          ", :explained_by, :anomaly_rank, :likely_cause, :ai_explanation,"
                          " :created_at)",
                      q);
    }
    transaction.commit();
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e))
      throw Error(ErrorKind::kNotFound, "the project no longer exists");
    detail::rethrow_database_error(session);
  }
  return report;
}

std::optional<ValidationReportRecord> ValidationReportRepository::find(
    const std::string& project_id, const std::string& report_id) {
  if (!detail::is_id(report_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("id", report_id);
  return detail::query_one<ReportWithDataRow>(
      db_,
      std::string("SELECT ") + kReportColumns +
          ", report_data FROM validation_reports WHERE project_id = :project_id AND id = :id",
      params);
}

std::optional<ValidationReportRecord> ValidationReportRepository::latest(
    const std::string& project_id) {
  Params params;
  params.text("project_id", project_id);
  return detail::query_one<ReportWithDataRow>(
      db_,
      std::string("SELECT ") + kReportColumns +
          ", report_data FROM validation_reports WHERE project_id = :project_id"
          " ORDER BY created_at DESC, id DESC LIMIT 1",
      params);
}

ValidationReportPage ValidationReportRepository::list(const std::string& project_id, int limit,
                                                      int offset) {
  ValidationReportPage page;
  detail::Connection connection(db_);
  Params count;
  count.text("project_id", project_id);
  page.total = detail::query_integer(
      connection, "SELECT COUNT(*) FROM validation_reports WHERE project_id = :project_id", count);
  Params params;
  params.text("project_id", project_id).integer("limit", limit).integer("offset", offset);
  page.items = detail::query_all<ReportRow>(
      connection,
      std::string("SELECT ") + kReportColumns +
          " FROM validation_reports WHERE project_id = :project_id"
          " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
      params);
  return page;
}

AnomalyPage ValidationReportRepository::anomalies(const AnomalyFilter& filter) {
  AnomalyPage page;
  if (!detail::is_id(filter.report_id)) return page;
  Params params;
  params.text("project_id", filter.project_id).text("report_id", filter.report_id);
  std::string where =
      " FROM data_anomalies WHERE project_id = :project_id AND report_id = :report_id";
  if (!filter.severities.empty()) {
    where += " AND severity IN (";
    for (std::size_t i = 0; i < filter.severities.size(); ++i)
      where += (i ? ", " : "") + params.add_text(filter.severities[i]);
    where += ")";
  }
  if (filter.table)
    where += " AND LOWER(table_name) = LOWER(" + params.add_text(*filter.table) + ")";
  detail::Connection connection(db_);
  Params count = params;
  page.total = detail::query_integer(connection, "SELECT COUNT(*)" + where, count);
  params.integer("limit", filter.limit).integer("offset", filter.offset);
  page.items = detail::query_all<AnomalyRow>(
      connection,
      std::string("SELECT ") + kAnomalyColumns + where +
          " ORDER BY CASE WHEN anomaly_rank > 0 THEN 0 ELSE 1 END, anomaly_rank,"
          " severity_rank DESC, table_name, column_name, anomaly_type, id"
          " LIMIT :limit OFFSET :offset",
      params);
  return page;
}

}  // namespace godwit::store
