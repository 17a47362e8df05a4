// Test cases (see test_case.hpp): validation of both queries, fetching both results with
// a row cap, per-column normalisation inferred from the values of both sides, and the
// multiset (or ordered) comparison with an absolute numeric tolerance.
#include "validation/test_case.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <unordered_map>

#include "core/text.hpp"
#include "validation/normalize.hpp"
#include "validation/quality_support.hpp"

namespace godwit::validation {

std::vector<Diagnostic> validate_test_case(const TestCase& test, std::string_view source_dialect,
                                           std::string_view target_dialect) {
  std::vector<Diagnostic> out = quality::check_single_select(
      test.source_query, source_dialect, "the source query", "E-TEST-SOURCE-QUERY");
  for (Diagnostic& d : quality::check_single_select(test.target_query, target_dialect,
                                                    "the target query", "E-TEST-TARGET-QUERY")) {
    out.push_back(std::move(d));
  }
  if (!(test.numeric_tolerance >= 0) || !std::isfinite(test.numeric_tolerance)) {
    Diagnostic d;
    d.code = "E-TEST-TOLERANCE";
    d.message =
        "numeric_tolerance must be a finite number >= 0 (an absolute difference, e.g. "
        "0.01).";
    out.push_back(std::move(d));
  }
  if (test.max_rows == 0) {
    Diagnostic d;
    d.code = "E-TEST-MAX-ROWS";
    d.message = "max_rows must be at least 1 (the most rows each side may return).";
    out.push_back(std::move(d));
  }
  for (Diagnostic& d : out) {
    if (d.file.empty()) d.file = test.id.empty() ? test.name : test.id;
  }
  return out;
}

namespace {

/// How the values of one result column are compared, inferred from both sides' values.
enum class ColumnKind { kText, kNumber, kBoolean, kTimestamp };

std::string_view to_string(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kText: return "text";
    case ColumnKind::kNumber: return "number";
    case ColumnKind::kBoolean: return "boolean";
    case ColumnKind::kTimestamp: return "timestamp";
  }
  return "text";
}

struct Fetched {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  bool over_limit = false;
};

Fetched fetch(Connector& connection, const std::string& query, std::size_t max_rows) {
  Fetched out;
  const std::string inner = quality::strip_terminator(query);
  try {
    out.columns = connection.query("SELECT * FROM (" + inner + ") godwit_test LIMIT 0").columns;
  } catch (const ConnectorError&) {
    out.columns.clear();  // names are only for samples; positions will do
  }
  connection.query_each(inner, {}, [&](const std::vector<Value>& row) {
    if (out.rows.size() >= max_rows) {
      out.over_limit = true;
      return false;
    }
    out.rows.push_back(row);
    return true;
  });
  return out;
}

bool is_number_text(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(d) &&
         !std::isspace(static_cast<unsigned char>(s[0]));
}

bool is_bool_word(const std::string& s) {
  return s == "t" || s == "f" || s == "true" || s == "false";
}

const std::regex& timestamp_pattern() {
  static const std::regex r(
      R"(\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)");
  return r;
}

/// Exact canonical text of a decimal number ("+01.50" -> "1.5", "-0.0" -> "0"); numbers in
/// exponent form go through a double.
std::string canonical_number(const std::string& s) {
  if (s.find_first_of("eE") != std::string::npos || s.find_first_of("nN") != std::string::npos) {
    char text[64];
    std::snprintf(text, sizeof text, "%.15g", std::strtod(s.c_str(), nullptr));
    return text;
  }
  std::string_view v = s;
  bool negative = false;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  std::string whole(v.substr(0, v.find('.')));
  std::string fraction =
      v.find('.') == std::string_view::npos ? "" : std::string(v.substr(v.find('.') + 1));
  while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
  if (whole.empty()) whole = "0";
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = whole + (fraction.empty() ? "" : "." + fraction);
  if (negative && out != "0") out = "-" + out;
  return out;
}

std::string canonical_timestamp(std::string s) {
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  // A zero offset is the same instant as no offset written in UTC.
  for (const char* zero : {"Z", "+00:00", "+0000", "+00"}) {
    const std::string z = zero;
    if (s.size() > z.size() && s.compare(s.size() - z.size(), z.size(), z) == 0) {
      s.erase(s.size() - z.size());
      break;
    }
  }
  const auto dot = s.find('.');
  if (dot != std::string::npos) {
    std::size_t end = dot + 1;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    std::size_t last = end;
    while (last > dot + 1 && s[last - 1] == '0') --last;
    s.erase(last == dot + 1 ? dot : last, end - (last == dot + 1 ? dot : last));
  }
  return s;
}

std::vector<ColumnKind> infer_kinds(const Fetched& a, const Fetched& b, std::size_t width) {
  std::vector<ColumnKind> kinds(width, ColumnKind::kText);
  for (std::size_t j = 0; j < width; ++j) {
    bool numbers = true, timestamps = true, any = false;
    bool a_bool_words = true, a_bits = true, b_bool_words = true, b_bits = true;
    auto look = [&](const Fetched& f, bool& words, bool& bits) {
      for (const auto& row : f.rows) {
        if (j >= row.size() || !row[j]) continue;
        any = true;
        const std::string& v = *row[j];
        numbers = numbers && is_number_text(v);
        timestamps = timestamps && std::regex_match(v, timestamp_pattern());
        words = words && is_bool_word(v);
        bits = bits && (v == "0" || v == "1");
      }
    };
    look(a, a_bool_words, a_bits);
    look(b, b_bool_words, b_bits);
    if (!any) continue;
    // PostgreSQL writes booleans t/f; MariaDB and SQLite store them as 1/0.
    const bool a_bool = a_bool_words || a_bits, b_bool = b_bool_words || b_bits;
    if (a_bool && b_bool && (a_bool_words || b_bool_words) && !(a_bits && b_bits)) {
      kinds[j] = ColumnKind::kBoolean;
    } else if (numbers) {
      kinds[j] = ColumnKind::kNumber;
    } else if (timestamps) {
      kinds[j] = ColumnKind::kTimestamp;
    }
  }
  return kinds;
}

Value canonical(const Value& v, ColumnKind kind) {
  if (!v) return v;
  switch (kind) {
    case ColumnKind::kNumber: return canonical_number(*v);
    case ColumnKind::kBoolean:
      return std::string(*v == "t" || *v == "true" || *v == "1" ? "1" : "0");
    case ColumnKind::kTimestamp: return canonical_timestamp(*v);
    case ColumnKind::kText: {
      std::string s = *v;
      while (!s.empty() && s.back() == ' ') s.pop_back();  // CHAR(n) padding
      return s;
    }
  }
  return v;
}

struct Row {
  std::vector<Value> raw;
  std::vector<Value> canon;
  std::string text;  ///< row_text of `canon`
};

std::vector<Row> canonical_rows(const Fetched& f, const std::vector<ColumnKind>& kinds) {
  std::vector<Row> rows;
  rows.reserve(f.rows.size());
  for (const auto& raw : f.rows) {
    Row r;
    r.raw = raw;
    for (std::size_t j = 0; j < raw.size(); ++j) r.canon.push_back(canonical(raw[j], kinds[j]));
    r.text = row_text(r.canon);
    rows.push_back(std::move(r));
  }
  return rows;
}

/// Equal but for numbers within the tolerance.
bool close(const Row& a, const Row& b, const std::vector<ColumnKind>& kinds, double tolerance) {
  for (std::size_t j = 0; j < a.canon.size(); ++j) {
    if (a.canon[j] == b.canon[j]) continue;
    if (kinds[j] != ColumnKind::kNumber || !a.canon[j] || !b.canon[j]) return false;
    const double x = std::strtod(a.canon[j]->c_str(), nullptr);
    const double y = std::strtod(b.canon[j]->c_str(), nullptr);
    if (!(std::abs(x - y) <= tolerance + 1e-12 * std::max(std::abs(x), std::abs(y)))) return false;
  }
  return true;
}

/// Text of the non-numeric columns: rows that can match within a tolerance share it.
std::string exact_part(const Row& r, const std::vector<ColumnKind>& kinds) {
  std::vector<Value> parts;
  for (std::size_t j = 0; j < r.canon.size(); ++j) {
    parts.push_back(kinds[j] == ColumnKind::kNumber ? Value() : r.canon[j]);
  }
  return row_text(parts);
}

struct Comparison {
  std::uint64_t matched = 0;
  std::vector<std::size_t> missing;  ///< source row indices
  std::vector<std::size_t> extra;    ///< target row indices
  std::uint64_t matched_within_tolerance = 0;
  bool tolerance_skipped = false;
};

constexpr std::size_t kMaxTolerancePairs = 20'000'000;

Comparison compare_multisets(const std::vector<Row>& s, const std::vector<Row>& t,
                             const std::vector<ColumnKind>& kinds, double tolerance) {
  Comparison c;
  std::unordered_map<std::string, std::vector<std::size_t>> by_text;
  for (std::size_t i = 0; i < t.size(); ++i) by_text[t[i].text].push_back(i);
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto it = by_text.find(s[i].text);
    if (it != by_text.end() && !it->second.empty()) {
      it->second.pop_back();
      ++c.matched;
    } else {
      missing.push_back(i);
    }
  }
  std::vector<std::size_t> extra;
  for (const auto& [text, left] : by_text) extra.insert(extra.end(), left.begin(), left.end());
  std::sort(extra.begin(), extra.end());
  const bool has_numbers =
      std::find(kinds.begin(), kinds.end(), ColumnKind::kNumber) != kinds.end();
  if (tolerance > 0 && has_numbers && !missing.empty() && !extra.empty()) {
    if (missing.size() * extra.size() > kMaxTolerancePairs) {
      c.tolerance_skipped = true;
    } else {
      // Greedy: each unmatched source row takes the first unmatched target row with the
      // same non-numeric values and every number within the tolerance.
      std::unordered_map<std::string, std::vector<std::size_t>> candidates;
      for (std::size_t i : extra) candidates[exact_part(t[i], kinds)].push_back(i);
      std::vector<bool> used(t.size(), false);
      std::vector<std::size_t> still_missing;
      for (std::size_t i : missing) {
        bool found = false;
        auto it = candidates.find(exact_part(s[i], kinds));
        if (it != candidates.end()) {
          for (std::size_t k : it->second) {
            if (!used[k] && close(s[i], t[k], kinds, tolerance)) {
              used[k] = true;
              found = true;
              break;
            }
          }
        }
        if (found) {
          ++c.matched;
          ++c.matched_within_tolerance;
        } else {
          still_missing.push_back(i);
        }
      }
      missing = std::move(still_missing);
      std::vector<std::size_t> still_extra;
      for (std::size_t k : extra) {
        if (!used[k]) still_extra.push_back(k);
      }
      extra = std::move(still_extra);
    }
  }
  c.missing = std::move(missing);
  c.extra = std::move(extra);
  return c;
}

Comparison compare_ordered(const std::vector<Row>& s, const std::vector<Row>& t,
                           const std::vector<ColumnKind>& kinds, double tolerance) {
  Comparison c;
  const std::size_t n = std::min(s.size(), t.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i].text == t[i].text) {
      ++c.matched;
    } else if (tolerance > 0 && close(s[i], t[i], kinds, tolerance)) {
      ++c.matched;
      ++c.matched_within_tolerance;
    } else {
      c.missing.push_back(i);
      c.extra.push_back(i);
    }
  }
  for (std::size_t i = n; i < s.size(); ++i) c.missing.push_back(i);
  for (std::size_t i = n; i < t.size(); ++i) c.extra.push_back(i);
  return c;
}

std::vector<std::string> names_of(const Fetched& f, std::size_t width) {
  std::vector<std::string> names = f.columns;
  for (std::size_t j = names.size(); j < width; ++j)
    names.push_back("column" + std::to_string(j + 1));
  names.resize(width);
  return names;
}

}  // namespace

CheckResult run_test_case(Connector& source, Connector& target, const TestCase& test,
                          bool allow_sample_values) {
  const auto started = std::chrono::steady_clock::now();
  CheckResult result;
  result.kind = CheckKind::kTestCase;
  result.severity = Severity::kHigh;
  result.id = "test_case:" + (test.id.empty() ? test.name : test.id);
  result.expected = {
      {"test_id", test.id}, {"name", test.name}, {"source_query", test.source_query}};
  result.actual = {{"target_query", test.target_query},
                   {"ordered", test.ordered},
                   {"numeric_tolerance", test.numeric_tolerance},
                   {"max_rows", test.max_rows}};
  auto finish = [&]() {
    result.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
  };
  const std::string label = "Test case '" + (test.name.empty() ? test.id : test.name) + "'";
  const std::vector<Diagnostic> problems = validate_test_case(
      test, quality::dialect_of(source.engine()), quality::dialect_of(target.engine()));
  if (!problems.empty()) {
    result.status = CheckStatus::kError;
    result.message = label + " cannot run: " + problems.front().message;
    result.actual["diagnostics"] = nlohmann::json::array();
    for (const Diagnostic& d : problems) {
      result.actual["diagnostics"].push_back({{"code", d.code}, {"message", d.message}});
    }
    return finish();
  }
  Fetched s, t;
  const char* side = "source";
  try {
    s = fetch(source, test.source_query, test.max_rows);
    side = "target";
    t = fetch(target, test.target_query, test.max_rows);
  } catch (const std::exception& e) {
    result.status = CheckStatus::kError;
    result.message =
        label + ": the " + std::string(side) + " query failed: " + quality::failure_text(e) + ".";
    return finish();
  }
  if (s.over_limit || t.over_limit) {
    result.status = CheckStatus::kError;
    result.message = label + ": the " +
                     std::string(s.over_limit && t.over_limit ? "source and target queries return"
                                 : s.over_limit               ? "source query returns"
                                                              : "target query returns") +
                     " more than max_rows (" + std::to_string(test.max_rows) +
                     ") rows: aggregate in the query (GROUP BY, count, sum) or raise max_rows.";
    return finish();
  }
  const std::size_t s_width = s.rows.empty() ? s.columns.size() : s.rows.front().size();
  const std::size_t t_width = t.rows.empty() ? t.columns.size() : t.rows.front().size();
  if (s_width != t_width && !s.rows.empty() && !t.rows.empty()) {
    result.status = CheckStatus::kError;
    result.message = label + ": the source query returns " + std::to_string(s_width) +
                     " columns and the target query " + std::to_string(t_width) +
                     ": select the same columns, in the same order, on both sides.";
    return finish();
  }
  const std::size_t width = std::max(s_width, t_width);
  const std::vector<ColumnKind> kinds = infer_kinds(s, t, width);
  const std::vector<Row> sr = canonical_rows(s, kinds);
  const std::vector<Row> tr = canonical_rows(t, kinds);
  const Comparison c = test.ordered ? compare_ordered(sr, tr, kinds, test.numeric_tolerance)
                                    : compare_multisets(sr, tr, kinds, test.numeric_tolerance);
  result.expected["source_rows"] = sr.size();
  result.actual["target_rows"] = tr.size();
  result.actual["matched"] = c.matched;
  result.actual["matched_within_tolerance"] = c.matched_within_tolerance;
  result.actual["missing"] = c.missing.size();
  result.actual["extra"] = c.extra.size();
  nlohmann::json kinds_json = nlohmann::json::object();
  const std::vector<std::string> s_names = names_of(s, width), t_names = names_of(t, width);
  for (std::size_t j = 0; j < width; ++j) kinds_json[s_names[j]] = to_string(kinds[j]);
  result.actual["compared_as"] = kinds_json;
  if (c.tolerance_skipped) result.actual["tolerance_skipped"] = true;
  result.records_tested = sr.size() + tr.size();
  result.records_failed = c.missing.size() + c.extra.size();
  constexpr std::size_t kSamplesPerSide = 5;
  for (std::size_t k = 0; k < c.missing.size() && k < kSamplesPerSide; ++k) {
    nlohmann::json sample = {
        {"side", "source"},
        {"row", quality::sample_row(s_names, s.rows[c.missing[k]], allow_sample_values)}};
    if (test.ordered) sample["position"] = c.missing[k] + 1;
    result.samples.push_back(std::move(sample));
  }
  for (std::size_t k = 0; k < c.extra.size() && k < kSamplesPerSide; ++k) {
    nlohmann::json sample = {
        {"side", "target"},
        {"row", quality::sample_row(t_names, t.rows[c.extra[k]], allow_sample_values)}};
    if (test.ordered) sample["position"] = c.extra[k] + 1;
    result.samples.push_back(std::move(sample));
  }
  const std::string how = test.ordered ? "in order" : "as multisets (order ignored)";
  if (c.missing.empty() && c.extra.empty()) {
    result.status = CheckStatus::kPassed;
    result.message =
        label + ": all " + std::to_string(sr.size()) + " rows match " + how +
        (c.matched_within_tolerance
             ? " (" + std::to_string(c.matched_within_tolerance) + " within the numeric tolerance)"
             : "") +
        ".";
  } else {
    result.status = CheckStatus::kFailed;
    result.message =
        label + ": compared " + how + ", " + std::to_string(c.matched) + " rows match, " +
        std::to_string(c.missing.size()) + " source rows have no equal target row and " +
        std::to_string(c.extra.size()) + " target rows have no equal source row" +
        (c.tolerance_skipped ? " (too many unmatched rows to try the tolerance)" : "") + ".";
  }
  return finish();
}

}  // namespace godwit::validation
