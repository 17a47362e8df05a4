#include "validation/report.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "core/error.hpp"
#include "schema/catalog_json.hpp"

namespace godwit::validation {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<CheckKind, std::string_view>, 8> kKindNames{{
    {CheckKind::kSchema, "schema"},
    {CheckKind::kRowCount, "row_count"},
    {CheckKind::kAggregate, "aggregate"},
    {CheckKind::kKeyedDiff, "keyed_diff"},
    {CheckKind::kOrphans, "orphans"},
    {CheckKind::kUniqueness, "uniqueness"},
    {CheckKind::kRule, "rule"},
    {CheckKind::kTestCase, "test_case"},
}};
constexpr std::array<std::pair<CheckStatus, std::string_view>, 4> kStatusNames{{
    {CheckStatus::kPassed, "passed"},
    {CheckStatus::kFailed, "failed"},
    {CheckStatus::kError, "error"},
    {CheckStatus::kSkipped, "skipped"},
}};
constexpr std::array<std::pair<Severity, std::string_view>, 5> kSeverityNames{{
    {Severity::kInfo, "info"},
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& names,
                          std::string_view text) {
  for (const auto& [v, name] : names)
    if (name == text) return v;
  return std::nullopt;
}

// ---- reading --------------------------------------------------------------------------

[[noreturn]] void bad(const std::string& path, std::string_view what) {
  throw Error(ErrorKind::kInvalidInput,
              "validation report JSON: '" + path + "' " + std::string(what) +
                  "; give a document written by godwit (docs/validation.md, \"Report format\")");
}

/// Reads members of one JSON object, naming the path of anything missing or mistyped.
class Reader {
 public:
  Reader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) bad(path_.empty() ? "(document)" : path_, "must be an object");
  }

  const json& member(std::string_view key) const {
    auto it = object_.find(key);
    if (it == object_.end()) bad(path(key), "is missing");
    return *it;
  }
  std::string string(std::string_view key) const {
    const json& v = member(key);
    if (!v.is_string()) bad(path(key), "must be a string");
    return v.get<std::string>();
  }
  std::uint64_t count(std::string_view key) const {
    const json& v = member(key);
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
      bad(path(key), "must be a non-negative integer");
    return v.get<std::uint64_t>();
  }
  double number(std::string_view key) const {
    const json& v = member(key);
    if (!v.is_number()) bad(path(key), "must be a number");
    return v.get<double>();
  }
  bool boolean(std::string_view key) const {
    const json& v = member(key);
    if (!v.is_boolean()) bad(path(key), "must be true or false");
    return v.get<bool>();
  }
  std::vector<std::string> strings(std::string_view key) const {
    const json& v = member(key);
    if (!v.is_array()) bad(path(key), "must be an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) bad(path(key) + "[" + std::to_string(i) + "]", "must be a string");
      out.push_back(v[i].get<std::string>());
    }
    return out;
  }
  const json& array(std::string_view key) const {
    const json& v = member(key);
    if (!v.is_array()) bad(path(key), "must be an array");
    return v;
  }
  /// Any JSON value; absent reads as null.
  json any(std::string_view key) const {
    auto it = object_.find(key);
    return it == object_.end() ? json() : *it;
  }
  Severity severity(std::string_view key) const {
    std::string text = string(key);
    auto s = parse_severity(text);
    if (!s) bad(path(key), "must be one of info, low, medium, high, critical");
    return *s;
  }
  std::string path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

 private:
  const json& object_;
  std::string path_;
};

std::string item_path(const Reader& parent, std::string_view key, std::size_t i) {
  return parent.path(key) + "[" + std::to_string(i) + "]";
}

CheckResult check_from_json(const json& j, const std::string& path) {
  Reader r(j, path);
  CheckResult c;
  c.id = r.string("id");
  auto kind = parse_check_kind(r.string("kind"));
  if (!kind)
    bad(r.path("kind"),
        "must be one of schema, row_count, aggregate, keyed_diff, orphans, uniqueness, rule, "
        "test_case");
  c.kind = *kind;
  auto status = parse_check_status(r.string("status"));
  if (!status) bad(r.path("status"), "must be one of passed, failed, error, skipped");
  c.status = *status;
  c.severity = r.severity("severity");
  c.source_table = r.string("source_table");
  c.target_table = r.string("target_table");
  c.target_column = r.string("target_column");
  c.mapping_ids = r.strings("mapping_ids");
  c.message = r.string("message");
  c.expected = r.any("expected");
  c.actual = r.any("actual");
  c.records_tested = r.count("records_tested");
  c.records_failed = r.count("records_failed");
  c.samples = r.array("samples");
  c.duration_ms = r.number("duration_ms");
  return c;
}

Anomaly anomaly_from_json(const json& j, const std::string& path) {
  Reader r(j, path);
  Anomaly a;
  a.id = r.string("id");
  a.kind = r.string("kind");
  a.severity = r.severity("severity");
  a.source_table = r.string("source_table");
  a.target_table = r.string("target_table");
  a.target_column = r.string("target_column");
  a.mapping_ids = r.strings("mapping_ids");
  a.count = r.count("count");
  a.explanation = r.string("explanation");
  a.evidence = r.any("evidence");
  a.samples = r.array("samples");
  a.masked = r.boolean("masked");
  a.explained_by = r.string("explained_by");
  // Added with the ranking: older reports have none of these.
  if (json rank = r.any("rank"); rank.is_number_unsigned()) a.rank = rank.get<std::size_t>();
  if (json cause = r.any("likely_cause"); cause.is_string())
    a.likely_cause = cause.get<std::string>();
  if (json ai = r.any("ai_explanation"); ai.is_string()) a.ai_explanation = ai.get<std::string>();
  return a;
}

TableSummary table_from_json(const json& j, const std::string& path) {
  Reader r(j, path);
  TableSummary t;
  t.source_table = r.string("source_table");
  t.target_table = r.string("target_table");
  t.mapping_ids = r.strings("mapping_ids");
  t.status = r.string("status");
  t.source_rows = r.count("source_rows");
  t.target_rows = r.count("target_rows");
  t.checks_passed = r.count("checks_passed");
  t.checks_failed = r.count("checks_failed");
  t.checks_errored = r.count("checks_errored");
  t.records_tested = r.count("records_tested");
  t.records_failed = r.count("records_failed");
  t.accuracy = r.number("accuracy");
  return t;
}

Diagnostic diagnostic_from_json(const json& j, const std::string& path) {
  Reader r(j, path);
  Diagnostic d;
  d.code = r.string("code");
  std::string severity = r.string("severity");
  if (severity == "error")
    d.severity = godwit::Severity::kError;
  else if (severity == "warning")
    d.severity = godwit::Severity::kWarning;
  else if (severity == "info")
    d.severity = godwit::Severity::kInfo;
  else
    bad(r.path("severity"), "must be error, warning or info");
  d.message = r.string("message");
  d.file = r.string("file");
  d.location.line = static_cast<std::uint32_t>(r.count("line"));
  d.location.column = static_cast<std::uint32_t>(r.count("column"));
  d.expected = r.strings("expected");
  d.snippet = r.string("snippet");
  return d;
}

// ---- HTML -----------------------------------------------------------------------------

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

/// JSON text of a value, invalid UTF-8 replaced, then escaped.
std::string escape_json(const json& value) {
  return escape(value.dump(2, ' ', false, json::error_handler_t::replace));
}

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g%%", share * 100.0);
  return buffer;
}

std::string milliseconds(double ms) {
  char buffer[32];
  if (ms >= 1000)
    std::snprintf(buffer, sizeof buffer, "%.2f s", ms / 1000.0);
  else
    std::snprintf(buffer, sizeof buffer, "%.0f ms", ms);
  return buffer;
}

std::string cell_text(const json& value) {
  if (value.is_null()) return "NULL";
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Samples as a table when they are objects (one column per key, in first-seen order),
/// else as JSON.
void render_samples(std::string& out, const json& samples) {
  if (!samples.is_array() || samples.empty()) return;
  bool objects = true;
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const json& row : samples) {
    if (!row.is_object()) {
      objects = false;
      break;
    }
    for (auto it = row.begin(); it != row.end(); ++it)
      if (seen.insert(it.key()).second) keys.push_back(it.key());
  }
  if (!objects) {
    out += "<pre class=\"samples\">" + escape_json(samples) + "</pre>\n";
    return;
  }
  out += "<table class=\"samples\"><thead><tr>";
  for (const std::string& k : keys) out += "<th>" + escape(k) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const json& row : samples) {
    out += "<tr>";
    for (const std::string& k : keys) {
      auto it = row.find(k);
      out += "<td>" + (it == row.end() ? std::string() : escape(cell_text(*it))) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
}

constexpr std::string_view kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2330;background:#fff}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d5de}
h3{font-size:1rem;margin:.25rem 0}
.meta{color:#5a6272;font-size:.9rem}
.verdict{display:inline-block;padding:.2rem .6rem;border-radius:4px;font-weight:600}
.passed{background:#e3f4e6;color:#1c6b2c}.failed{background:#fde6e4;color:#9b1c12}
.error{background:#fff1d6;color:#8a5300}.skipped{background:#eceff3;color:#4c5566}
.summary{display:flex;gap:1.5rem;flex-wrap:wrap;margin:1rem 0}
.summary div{border:1px solid #d0d5de;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.summary b{display:block;font-size:1.3rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #d0d5de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}
.check,.anomaly{border:1px solid #d0d5de;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:.85rem;margin:.25rem 0}
.sev{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#5a6272}
.ids{font-family:ui-monospace,monospace;font-size:.8rem;color:#5a6272}
)";

void render_check(std::string& out, const CheckResult& c) {
  std::string status(to_string(c.status));
  out += "<div class=\"check\" id=\"" + escape("check-" + c.id) + "\">\n";
  out += "<h3><span class=\"verdict " + status + "\">" + status + "</span> " + escape(c.id) +
         "</h3>\n";
  out += "<p class=\"sev\">" + std::string(to_string(c.kind)) + " · severity " +
         std::string(to_string(c.severity)) + "</p>\n";
  out += "<p>" + escape(c.message) + "</p>\n";
  if (c.records_tested > 0)
    out += "<p class=\"meta\">" + std::to_string(c.records_failed) + " of " +
           std::to_string(c.records_tested) + " records failed</p>\n";
  if (!c.mapping_ids.empty()) {
    out += "<p class=\"ids\">mappings:";
    for (const std::string& id : c.mapping_ids) out += " " + escape(id);
    out += "</p>\n";
  }
  if (!c.expected.is_null() || !c.actual.is_null()) {
    out += "<table><tr><th>expected</th><th>actual</th></tr><tr><td><pre>" +
           escape_json(c.expected) + "</pre></td><td><pre>" + escape_json(c.actual) +
           "</pre></td></tr></table>\n";
  }
  render_samples(out, c.samples);
  out += "</div>\n";
}

void render_anomaly(std::string& out, const Anomaly& a) {
  out += "<div class=\"anomaly\">\n<h3>" + escape(a.kind) + " · " + escape(a.target_table) +
         (a.target_column.empty() ? "" : "." + escape(a.target_column)) + "</h3>\n";
  out += "<p>" + escape(a.explanation) + "</p>\n";
  if (!a.likely_cause.empty()) out += "<p>Likely cause: " + escape(a.likely_cause) + "</p>\n";
  if (!a.ai_explanation.empty())
    out += "<p>AI-generated explanation (" + escape(a.explained_by) +
           "): " + escape(a.ai_explanation) + "</p>\n";
  out += "<p class=\"meta\">" + std::to_string(a.count) + " rows affected" +
         (a.masked ? " · sample values masked" : "") +
         (a.explained_by.empty() ? "" : " · explained by " + escape(a.explained_by)) + "</p>\n";
  if (!a.evidence.is_null()) out += "<pre>" + escape_json(a.evidence) + "</pre>\n";
  render_samples(out, a.samples);
  out += "</div>\n";
}

}  // namespace

std::string_view to_string(CheckKind kind) {
  return name_of(kKindNames, kind);
}
std::string_view to_string(CheckStatus status) {
  return name_of(kStatusNames, status);
}
std::string_view to_string(Severity severity) {
  return name_of(kSeverityNames, severity);
}
std::optional<Severity> parse_severity(std::string_view text) {
  return value_of(kSeverityNames, text);
}
std::optional<CheckKind> parse_check_kind(std::string_view text) {
  return value_of(kKindNames, text);
}
std::optional<CheckStatus> parse_check_status(std::string_view text) {
  return value_of(kStatusNames, text);
}

json to_json(const ValidationReport& report) {
  json tables = json::array(), checks = json::array(), anomalies = json::array(),
       diagnostics = json::array();
  for (const TableSummary& t : report.tables)
    tables.push_back({{"source_table", t.source_table},
                      {"target_table", t.target_table},
                      {"mapping_ids", t.mapping_ids},
                      {"status", t.status},
                      {"source_rows", t.source_rows},
                      {"target_rows", t.target_rows},
                      {"checks_passed", t.checks_passed},
                      {"checks_failed", t.checks_failed},
                      {"checks_errored", t.checks_errored},
                      {"records_tested", t.records_tested},
                      {"records_failed", t.records_failed},
                      {"accuracy", t.accuracy}});
  for (const CheckResult& c : report.checks)
    checks.push_back({{"id", c.id},
                      {"kind", to_string(c.kind)},
                      {"status", to_string(c.status)},
                      {"severity", to_string(c.severity)},
                      {"source_table", c.source_table},
                      {"target_table", c.target_table},
                      {"target_column", c.target_column},
                      {"mapping_ids", c.mapping_ids},
                      {"message", c.message},
                      {"expected", c.expected},
                      {"actual", c.actual},
                      {"records_tested", c.records_tested},
                      {"records_failed", c.records_failed},
                      {"samples", c.samples.is_array() ? c.samples : json::array()},
                      {"duration_ms", c.duration_ms}});
  for (const Anomaly& a : report.anomalies)
    anomalies.push_back({{"id", a.id},
                         {"kind", a.kind},
                         {"severity", to_string(a.severity)},
                         {"source_table", a.source_table},
                         {"target_table", a.target_table},
                         {"target_column", a.target_column},
                         {"mapping_ids", a.mapping_ids},
                         {"count", a.count},
                         {"explanation", a.explanation},
                         {"evidence", a.evidence},
                         {"samples", a.samples.is_array() ? a.samples : json::array()},
                         {"masked", a.masked},
                         {"explained_by", a.explained_by},
                         {"rank", a.rank},
                         {"likely_cause", a.likely_cause},
                         {"ai_explanation", a.ai_explanation}});
  for (const Diagnostic& d : report.diagnostics)
    diagnostics.push_back(schema::diagnostic_to_json(d));
  return {{"format_version", 1},
          {"passed", report.passed()},
          {"source_engine", report.source_engine},
          {"target_engine", report.target_engine},
          {"overall_accuracy", report.overall_accuracy},
          {"records_tested", report.records_tested},
          {"records_failed", report.records_failed},
          {"checks_passed", report.checks_passed},
          {"checks_failed", report.checks_failed},
          {"checks_errored", report.checks_errored},
          {"checks_skipped", report.checks_skipped},
          {"duration_ms", report.duration_ms},
          {"tables", tables},
          {"checks", checks},
          {"anomalies", anomalies},
          {"anomaly_ranking",
           {{"ai_generated", report.anomaly_ranking.ai_generated},
            {"provider", report.anomaly_ranking.provider},
            {"model", report.anomaly_ranking.model},
            {"prompt", report.anomaly_ranking.prompt}}},
          {"diagnostics", diagnostics}};
}

ValidationReport report_from_json(const json& j) {
  Reader r(j, "");
  const json& version = r.member("format_version");
  if (!version.is_number_integer() || version.get<std::int64_t>() != 1)
    bad("format_version", "must be 1 (the only report format this godwit reads)");
  ValidationReport report;
  report.source_engine = r.string("source_engine");
  report.target_engine = r.string("target_engine");
  report.overall_accuracy = r.number("overall_accuracy");
  report.records_tested = r.count("records_tested");
  report.records_failed = r.count("records_failed");
  report.checks_passed = r.count("checks_passed");
  report.checks_failed = r.count("checks_failed");
  report.checks_errored = r.count("checks_errored");
  report.checks_skipped = r.count("checks_skipped");
  report.duration_ms = r.number("duration_ms");
  const json& tables = r.array("tables");
  for (std::size_t i = 0; i < tables.size(); ++i)
    report.tables.push_back(table_from_json(tables[i], item_path(r, "tables", i)));
  const json& checks = r.array("checks");
  for (std::size_t i = 0; i < checks.size(); ++i)
    report.checks.push_back(check_from_json(checks[i], item_path(r, "checks", i)));
  const json& anomalies = r.array("anomalies");
  for (std::size_t i = 0; i < anomalies.size(); ++i)
    report.anomalies.push_back(anomaly_from_json(anomalies[i], item_path(r, "anomalies", i)));
  if (json ranking = r.any("anomaly_ranking"); ranking.is_object()) {
    Reader k(ranking, r.path("anomaly_ranking"));
    report.anomaly_ranking.ai_generated = k.boolean("ai_generated");
    report.anomaly_ranking.provider = k.string("provider");
    report.anomaly_ranking.model = k.string("model");
    report.anomaly_ranking.prompt = k.string("prompt");
  }
  const json& diagnostics = r.array("diagnostics");
  for (std::size_t i = 0; i < diagnostics.size(); ++i)
    report.diagnostics.push_back(
        diagnostic_from_json(diagnostics[i], item_path(r, "diagnostics", i)));
  return report;
}

std::string render_html(const ValidationReport& report, const HtmlOptions& options) {
  std::string title = options.title.empty() ? "Godwit validation report" : options.title;
  std::string verdict = report.passed() ? "passed" : "failed";
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n";
  out += "<title>" + escape(title) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n<body>\n";
  out += "<h1>" + escape(title) + "</h1>\n<p class=\"meta\">" + escape(report.source_engine) +
         " → " + escape(report.target_engine) +
         (options.generated_at.empty() ? "" : " · generated " + escape(options.generated_at)) +
         " · took " + milliseconds(report.duration_ms) + "</p>\n";
  out += "<p><span class=\"verdict " + verdict + "\">" + verdict + "</span></p>\n";

  out += "<div class=\"summary\">";
  out += "<div><b>" + percent(report.overall_accuracy) + "</b>accuracy</div>";
  out += "<div><b>" + std::to_string(report.records_tested) + "</b>records tested</div>";
  out += "<div><b>" + std::to_string(report.records_failed) + "</b>records failed</div>";
  out += "<div><b>" + std::to_string(report.checks_passed) + "</b>checks passed</div>";
  out += "<div><b>" + std::to_string(report.checks_failed) + "</b>checks failed</div>";
  out += "<div><b>" + std::to_string(report.checks_errored) + "</b>checks in error</div>";
  out += "<div><b>" + std::to_string(report.checks_skipped) + "</b>checks skipped</div>";
  out += "<div><b>" + std::to_string(report.anomalies.size()) + "</b>anomalies</div>";
  out += "</div>\n";

  out +=
      "<h2>Tables</h2>\n<table><thead><tr><th>target</th><th>source</th><th>status</th>"
      "<th>source rows</th><th>target rows</th><th>checks passed</th><th>failed</th>"
      "<th>errors</th><th>accuracy</th></tr></thead><tbody>\n";
  for (const TableSummary& t : report.tables) {
    std::string status = t.status == "passed" || t.status == "failed" ? t.status : "error";
    out += "<tr><td>" + escape(t.target_table) + "</td><td>" + escape(t.source_table) +
           "</td><td><span class=\"verdict " + status + "\">" + escape(t.status) +
           "</span></td><td>" + std::to_string(t.source_rows) + "</td><td>" +
           std::to_string(t.target_rows) + "</td><td>" + std::to_string(t.checks_passed) +
           "</td><td>" + std::to_string(t.checks_failed) + "</td><td>" +
           std::to_string(t.checks_errored) + "</td><td>" + percent(t.accuracy) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";

  out += "<h2>Failing checks</h2>\n";
  std::size_t failing = 0;
  for (const CheckResult& c : report.checks) {
    if (c.status != CheckStatus::kFailed && c.status != CheckStatus::kError) continue;
    ++failing;
    render_check(out, c);
  }
  if (failing == 0) out += "<p>None.</p>\n";

  out += "<h2>Anomalies</h2>\n";
  if (report.anomalies.empty()) out += "<p>None.</p>\n";
  for (auto it = kSeverityNames.rbegin(); it != kSeverityNames.rend(); ++it) {
    std::vector<const Anomaly*> group;
    for (const Anomaly& a : report.anomalies)
      if (a.severity == it->first) group.push_back(&a);
    if (group.empty()) continue;
    out += "<h3 class=\"sev\">" + std::string(it->second) + " (" + std::to_string(group.size()) +
           ")</h3>\n";
    for (const Anomaly* a : group) render_anomaly(out, *a);
  }

  if (!report.diagnostics.empty()) {
    out += "<h2>Not checked</h2>\n<ul>\n";
    for (const Diagnostic& d : report.diagnostics)
      out += "<li><span class=\"sev\">" + std::string(godwit::to_string(d.severity)) + "</span> " +
             escape(d.message) + " <span class=\"ids\">" + escape(d.code) + "</span></li>\n";
    out += "</ul>\n";
  }

  out +=
      "<h2>All checks</h2>\n<table><thead><tr><th>check</th><th>status</th><th>message</th>"
      "</tr></thead><tbody>\n";
  for (const CheckResult& c : report.checks) {
    std::string status(to_string(c.status));
    out += "<tr><td class=\"ids\">" + escape(c.id) + "</td><td><span class=\"verdict " + status +
           "\">" + status + "</span></td><td>" + escape(c.message) + "</td></tr>\n";
  }
  out += "</tbody></table>\n</body>\n</html>\n";
  return out;
}

}  // namespace godwit::validation
