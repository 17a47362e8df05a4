// The validation report's JSON form (round trip, errors that name the field) and its HTML
// rendering (self-contained, everything from the report escaped).
#include "validation/report.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace godwit::validation {
namespace {

using nlohmann::json;

ValidationReport sample_report() {
  ValidationReport r;
  r.source_engine = "mariadb";
  r.target_engine = "postgres";
  r.overall_accuracy = 0.75;
  r.records_tested = 8;
  r.records_failed = 2;
  r.checks_passed = 1;
  r.checks_failed = 1;
  r.checks_errored = 1;
  r.checks_skipped = 1;
  r.duration_ms = 1234.5;
  TableSummary t;
  t.source_table = "shop.orders";
  t.target_table = "public.orders";
  t.mapping_ids = {"tm-1", "fm-2"};
  t.status = "failed";
  t.source_rows = 8;
  t.target_rows = 7;
  t.checks_passed = 1;
  t.checks_failed = 1;
  t.checks_errored = 1;
  t.records_tested = 8;
  t.records_failed = 2;
  t.accuracy = 0.75;
  r.tables.push_back(t);
  CheckResult c;
  c.id = "keyed_diff:public.orders";
  c.kind = CheckKind::kKeyedDiff;
  c.status = CheckStatus::kFailed;
  c.severity = Severity::kHigh;
  c.source_table = "shop.orders";
  c.target_table = "public.orders";
  c.mapping_ids = {"tm-1"};
  c.message = "2 of 8 rows differ: 1 missing, 1 changed.";
  c.expected = json{{"rows", 8}};
  c.actual = json{{"missing", 1}, {"changed", 1}};
  c.records_tested = 8;
  c.records_failed = 2;
  c.samples = json::array({json{{"kind", "missing"}, {"key", json::array({"7"})}}});
  c.duration_ms = 12.5;
  r.checks.push_back(c);
  CheckResult passed;
  passed.id = "schema:public.orders";
  passed.kind = CheckKind::kSchema;
  passed.status = CheckStatus::kPassed;
  passed.message = "every mapped column exists.";
  r.checks.push_back(passed);
  CheckResult error;
  error.id = "orphans:public.orders:fk_customer";
  error.kind = CheckKind::kOrphans;
  error.status = CheckStatus::kError;
  error.message = "the query failed: permission denied";
  r.checks.push_back(error);
  CheckResult skipped;
  skipped.id = "rule:public.orders:amount:r1";
  skipped.kind = CheckKind::kRule;
  skipped.status = CheckStatus::kSkipped;
  skipped.target_column = "amount";
  r.checks.push_back(skipped);
  Anomaly a;
  a.id = "rounded_decimal:public.orders:amount";
  a.kind = "rounded_decimal";
  a.severity = Severity::kCritical;
  a.target_table = "public.orders";
  a.target_column = "amount";
  a.count = 3;
  a.explanation = "amount lost its third decimal.";
  a.evidence = json{{"rate", 0.375}};
  a.samples = json::array({json{{"source", "9.99"}, {"target", "9.9"}}});
  a.masked = false;
  a.explained_by = "engine";
  r.anomalies.push_back(a);
  Diagnostic d;
  d.code = "W-VALIDATE-NO-KEY";
  d.severity = godwit::Severity::kWarning;
  d.message = "public.logs has no key";
  d.location.line = 3;
  d.location.column = 4;
  d.expected = {"a key"};
  r.diagnostics.push_back(d);
  return r;
}

TEST(ReportJson, RoundTripsEveryField) {
  const ValidationReport original = sample_report();
  const json first = to_json(original);
  const ValidationReport read = report_from_json(first);
  EXPECT_EQ(to_json(read), first);
  ASSERT_EQ(read.checks.size(), 4u);
  EXPECT_EQ(read.checks[0].kind, CheckKind::kKeyedDiff);
  EXPECT_EQ(read.checks[0].severity, Severity::kHigh);
  EXPECT_EQ(read.checks[0].samples[0]["key"][0], "7");
  EXPECT_EQ(read.checks[2].status, CheckStatus::kError);
  EXPECT_EQ(read.anomalies[0].severity, Severity::kCritical);
  EXPECT_FALSE(read.anomalies[0].masked);
  EXPECT_EQ(read.diagnostics[0].severity, godwit::Severity::kWarning);
  EXPECT_EQ(read.diagnostics[0].location.column, 4u);
  EXPECT_EQ(read.tables[0].accuracy, 0.75);
  EXPECT_FALSE(read.passed());
}

TEST(ReportJson, DocumentedTopLevelShape) {
  const json j = to_json(sample_report());
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["passed"], false);
  EXPECT_EQ(j["checks"][0]["kind"], "keyed_diff");
  EXPECT_EQ(j["checks"][0]["status"], "failed");
  EXPECT_EQ(j["checks"][3]["status"], "skipped");
  EXPECT_EQ(j["anomalies"][0]["severity"], "critical");
  EXPECT_EQ(j["diagnostics"][0]["severity"], "warning");
}

TEST(ReportJson, ErrorsNameTheField) {
  json j = to_json(sample_report());
  j["checks"][2]["status"] = "exploded";
  try {
    report_from_json(j);
    FAIL() << "accepted a bad status";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("checks[2].status"), std::string::npos) << e.what();
  }
  json missing = to_json(sample_report());
  missing["tables"][0].erase("accuracy");
  try {
    report_from_json(missing);
    FAIL() << "accepted a table without accuracy";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("tables[0].accuracy' is missing"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(report_from_json(json::array()), Error);
  EXPECT_THROW(report_from_json(json{{"format_version", 2}}), Error);
  json negative = to_json(sample_report());
  negative["records_tested"] = -1;
  EXPECT_THROW(report_from_json(negative), Error);
}

TEST(ReportNames, ParseWhatToStringWrites) {
  for (Severity s :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical})
    EXPECT_EQ(parse_severity(to_string(s)), s);
  EXPECT_FALSE(parse_severity("severe"));
  EXPECT_EQ(parse_check_kind("row_count"), CheckKind::kRowCount);
  EXPECT_EQ(parse_check_status("error"), CheckStatus::kError);
}

TEST(ReportHtml, EscapesHostileNamesAndHasNoExternalAssets) {
  ValidationReport r = sample_report();
  r.tables[0].target_table = "<script>alert(1)</script>";
  r.checks[0].message = "value \"<img src=x onerror=alert(1)>\" & more";
  r.checks[0].samples = json::array({json{{"<b>col</b>", "</td><script>x()</script>"}}});
  r.checks[0].expected = json{{"v", "<script>"}};
  r.anomalies[0].explanation = "'quoted' <svg onload=alert(1)>";
  r.diagnostics[0].message = "<iframe>";
  const std::string html = render_html(r, {"Run <1>", "2026-11-25T17:00:00Z"});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(html.find("<b>col"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;col&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; more"),
            std::string::npos);
  EXPECT_NE(html.find("&#39;quoted&#39;"), std::string::npos);
  EXPECT_NE(html.find("<title>Run &lt;1&gt;</title>"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(ReportHtml, ShowsFailingChecksAnomaliesBySeverityAndTables) {
  ValidationReport r = sample_report();
  Anomaly low = r.anomalies[0];
  low.id = "outlier:public.orders:amount";
  low.kind = "outlier";
  low.severity = Severity::kLow;
  r.anomalies.push_back(low);
  const std::string html = render_html(r, {});
  EXPECT_NE(html.find("Godwit validation report"), std::string::npos);
  EXPECT_NE(html.find("2 of 8 rows differ: 1 missing, 1 changed."), std::string::npos);
  EXPECT_NE(html.find("the query failed: permission denied"), std::string::npos);
  EXPECT_NE(html.find("75%"), std::string::npos);
  EXPECT_NE(html.find("public.orders"), std::string::npos);
  // Critical anomalies come before low ones.
  EXPECT_LT(html.find("critical ("), html.find("low ("));
  EXPECT_LT(html.find("rounded_decimal"), html.find("outlier"));
  // A passed check is listed with the others but not among the failing ones.
  const auto failing = html.find("<h2>Failing checks</h2>");
  const auto anomalies = html.find("<h2>Anomalies</h2>");
  const std::string failing_section = html.substr(failing, anomalies - failing);
  EXPECT_EQ(failing_section.find("schema:public.orders"), std::string::npos);
  EXPECT_NE(failing_section.find("keyed_diff:public.orders"), std::string::npos);
  EXPECT_NE(html.find("schema:public.orders"), std::string::npos);
}

}  // namespace
}  // namespace godwit::validation
