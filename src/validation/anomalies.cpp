// Anomaly detection (see anomalies.hpp): per mapped column pair, a few bounded aggregate
// queries on each side (one scan for the counts and extremes, one sort for the quantile
// sketch, one for the median absolute deviation), then the detectors compare numbers.
#include "validation/anomalies.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "validation/quality_support.hpp"
#include "validation/statistics.hpp"

namespace godwit::validation {

std::string mask_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 'a' && c <= 'z') {
      out += 'x';
    } else if (c >= 'A' && c <= 'Z') {
      out += 'X';
    } else if (c >= '0' && c <= '9') {
      out += '9';
    } else if (c >= 0x80) {
      // A multi-byte UTF-8 character: its case is unknown, it is shown as one 'x'.
      if ((c & 0xC0) != 0x80) out += 'x';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

using sql::TypeKind;

bool is_numeric(const sql::LogicalType& t) {
  return t.kind == TypeKind::kInteger || t.kind == TypeKind::kDecimal || t.kind == TypeKind::kFloat;
}
bool is_fractional(const sql::LogicalType& t) {
  return t.kind == TypeKind::kDecimal || t.kind == TypeKind::kFloat;
}
bool is_time_point(const sql::LogicalType& t) {
  return t.kind == TypeKind::kDate || t.kind == TypeKind::kTimestamp;
}
bool is_string(const sql::LogicalType& t) {
  return t.kind == TypeKind::kString;
}

std::string table_text(const std::vector<std::string>& table) {
  std::string out;
  for (const std::string& part : table) {
    if (part.empty()) continue;
    out += (out.empty() ? "" : ".") + part;
  }
  return out;
}

std::string format_number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

/// A bound numeric parameter, typed so that every engine compares it as a number.
std::string number_param(Engine engine, std::size_t index) {
  const std::string p = "$" + std::to_string(index);
  switch (engine) {
    case Engine::kPostgres: return "CAST(" + p + " AS double precision)";
    case Engine::kMariaDb: return "CAST(" + p + " AS DOUBLE)";
    case Engine::kSqlite: return "CAST(" + p + " AS REAL)";
    case Engine::kOdbc: return "CAST(" + p + " AS DOUBLE PRECISION)";
    case Engine::kBigQuery: return "CAST(" + p + " AS FLOAT64)";
    case Engine::kDatabricks: return "CAST(" + p + " AS DOUBLE)";
  }
  return p;
}

/// `a <> round(a, k)` for a number, compared exactly where the engine can.
std::string differs_from_rounded(Engine engine, const std::string& e, int k) {
  if (engine == Engine::kPostgres) {
    return "CAST(" + e + " AS numeric) <> " + quality::round_sql(engine, e, k);
  }
  return e + " <> " + quality::round_sql(engine, e, k);
}

constexpr int kMaxScaleProbe = 10;

/// One side of a column pair: how to reach it and what one scan found.
struct Side {
  Connector* connection = nullptr;
  Engine engine = Engine::kPostgres;
  std::string table_sql;
  std::string expr;   ///< the column (quoted) or the source formula, parenthesised
  std::string value;  ///< `expr` as a number (epoch seconds for time points)
  sql::LogicalType type;

  std::uint64_t rows = 0;
  std::uint64_t non_null = 0;
  std::optional<double> min, max, sum;
  std::optional<std::int64_t> max_length;
  std::uint64_t longer_than_target = 0;  ///< source: values longer than the target's length
  std::optional<int> scale;              ///< decimals actually used (kMaxScaleProbe + 1: more)
  std::uint64_t type_violations = 0;     ///< target: values that do not fit its type
  std::vector<QuantilePoint> quantiles;
};

/// The condition "this value does not fit the declared target type" (engines that do not
/// enforce declared lengths and precisions, such as SQLite, let such values in).
std::string type_violation_sql(const Side& side) {
  const sql::LogicalType& t = side.type;
  if (is_string(t) && t.length && !t.large) {
    return quality::length_sql(side.engine, side.expr) + " > " + std::to_string(*t.length);
  }
  if (t.kind == TypeKind::kDecimal && t.precision) {
    const int digits = *t.precision - t.scale.value_or(0);
    if (digits >= 0 && digits <= 30) {
      return "abs(" + side.expr + ") >= 1e" + std::to_string(digits);
    }
  }
  if (t.kind == TypeKind::kInteger && t.bits >= 8 && t.bits <= 32) {
    const long long lo = t.is_unsigned ? 0 : -(1LL << (t.bits - 1));
    const long long hi = t.is_unsigned ? (1LL << t.bits) - 1 : (1LL << (t.bits - 1)) - 1;
    return "(" + side.expr + " < " + std::to_string(lo) + " OR " + side.expr + " > " +
           std::to_string(hi) + ")";
  }
  return {};
}

/// The one-scan statistics of a side: rows, non-NULL values, min/max/sum of the numeric
/// value, string lengths, decimals used, type violations.
void scan(Side& side, const Side* target_for_source, bool is_target) {
  std::vector<std::string> items = {"count(*)", "count(" + side.expr + ")"};
  enum Item { kMin, kMax, kSum, kMaxLength, kLonger, kScale, kViolations };
  std::vector<Item> slots;
  auto add = [&](std::string sql, Item item) {
    items.push_back(std::move(sql));
    slots.push_back(item);
  };
  if (is_numeric(side.type) || is_time_point(side.type)) {
    add("min(" + side.value + ")", kMin);
    add("max(" + side.value + ")", kMax);
  }
  if (is_numeric(side.type)) add("sum(" + side.value + ")", kSum);
  if (is_string(side.type))
    add("max(" + quality::length_sql(side.engine, side.expr) + ")", kMaxLength);
  if (target_for_source && is_string(target_for_source->type) && target_for_source->type.length &&
      !target_for_source->type.large) {
    add("sum(CASE WHEN " + quality::length_sql(side.engine, side.expr) + " > " +
            std::to_string(*target_for_source->type.length) + " THEN 1 ELSE 0 END)",
        kLonger);
  }
  if (is_fractional(side.type)) {
    // The decimals each value uses, tried from 0 up (CASE stops at the first fit, so a
    // value costs one rounding per decimal it has), then the largest.
    std::string used = "CASE";
    for (int k = 0; k <= kMaxScaleProbe; ++k) {
      used += " WHEN NOT (" + differs_from_rounded(side.engine, side.expr, k) + ") THEN " +
              std::to_string(k);
    }
    used += " ELSE " + std::to_string(kMaxScaleProbe + 1) + " END";
    add("max(" + used + ")", kScale);
  }
  if (is_target) {
    const std::string violation = type_violation_sql(side);
    if (!violation.empty()) add("sum(CASE WHEN " + violation + " THEN 1 ELSE 0 END)", kViolations);
  }
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < items.size(); ++i) sql += (i ? ", " : "") + items[i];
  sql += " FROM " + side.table_sql;
  const ResultSet rs = side.connection->query(sql);
  const std::vector<Value>& row = rs.rows.at(0);
  side.rows = quality::to_count(row[0]);
  side.non_null = quality::to_count(row[1]);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Value& v = row[i + 2];
    switch (slots[i]) {
      case kMin: side.min = quality::to_number(v); break;
      case kMax: side.max = quality::to_number(v); break;
      case kSum: side.sum = quality::to_number(v); break;
      case kMaxLength:
        if (v) side.max_length = static_cast<std::int64_t>(quality::to_count(v));
        break;
      case kLonger: side.longer_than_target = quality::to_count(v); break;
      case kScale:
        if (v) side.scale = static_cast<int>(quality::to_count(v));
        break;
      case kViolations: side.type_violations = quality::to_count(v); break;
    }
  }
  if (side.type.kind == TypeKind::kInteger) side.scale = 0;
}

/// The values at 1-based sorted positions of `value` among the non-NULL rows, by one
/// window-function sort (MariaDB, SQLite, ODBC), or the exact quantiles (PostgreSQL's
/// percentile_cont). Returns quantiles at `probabilities` interpolated like percentile_cont.
std::vector<double> quantiles(const Side& side, const std::string& value, std::uint64_t n,
                              const std::vector<double>& probabilities,
                              const std::vector<Param>& extra_params = {}) {
  std::vector<double> out;
  if (n == 0) return out;
  if (side.engine == Engine::kPostgres) {
    std::string array;
    for (double p : probabilities) array += (array.empty() ? "" : ", ") + format_number(p);
    const ResultSet rs = side.connection->query(
        "SELECT unnest(percentile_cont(ARRAY[" + array + "]::float8[]) WITHIN GROUP (ORDER BY " +
            value + ")) FROM " + side.table_sql + " WHERE " + side.expr + " IS NOT NULL",
        extra_params);
    for (const auto& row : rs.rows) out.push_back(quality::to_number(row[0]).value_or(0));
    return out;
  }
  std::set<std::uint64_t> positions;
  for (double p : probabilities) {
    const double at = p * static_cast<double>(n - 1);
    positions.insert(static_cast<std::uint64_t>(std::floor(at)) + 1);
    positions.insert(static_cast<std::uint64_t>(std::ceil(at)) + 1);
  }
  std::vector<Param> params = extra_params;
  std::string list;
  for (std::uint64_t position : positions) {
    // Compared with ROW_NUMBER(): an integer (BigQuery refuses INT64 IN (STRING)).
    params.emplace_back(std::to_string(position), ParamType::kInteger);
    list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  const ResultSet rs = side.connection->query(
      "SELECT godwit_rn, godwit_v FROM (SELECT godwit_v, ROW_NUMBER() OVER (ORDER BY godwit_v) "
      "AS godwit_rn FROM (SELECT " +
          value + " AS godwit_v FROM " + side.table_sql + " WHERE " + side.expr +
          " IS NOT NULL) godwit_s) godwit_r WHERE godwit_rn IN (" + list + ")",
      params);
  std::map<std::uint64_t, double> at_position;
  for (const auto& row : rs.rows) {
    at_position[quality::to_count(row[0])] = quality::to_number(row[1]).value_or(0);
  }
  for (double p : probabilities) {
    const double at = p * static_cast<double>(n - 1);
    const auto lo = static_cast<std::uint64_t>(std::floor(at));
    const auto hi = static_cast<std::uint64_t>(std::ceil(at));
    const double a = at_position[lo + 1];
    const double b = at_position[hi + 1];
    out.push_back(a + (b - a) * (at - static_cast<double>(lo)));
  }
  return out;
}

nlohmann::json sample_rows(const Side& side, const std::string& where,
                           const std::vector<Param>& params, const std::string& order,
                           const AnomalyOptions& options) {
  nlohmann::json samples = nlohmann::json::array();
  if (options.max_samples == 0) return samples;
  const ResultSet rs =
      side.connection->query("SELECT * FROM " + side.table_sql + " WHERE " + where +
                                 (order.empty() ? "" : " ORDER BY " + order) + " LIMIT " +
                                 std::to_string(options.max_samples),
                             params);
  for (const auto& row : rs.rows) {
    samples.push_back(quality::sample_row(rs.columns, row, options.allow_sample_values));
  }
  return samples;
}

Severity by_share(double share) {
  if (share >= 0.5) return Severity::kHigh;
  if (share >= 0.2) return Severity::kMedium;
  return Severity::kLow;
}

class Detector {
 public:
  Detector(const AnomalyColumn& column, Side& source, Side& target, const AnomalyOptions& options,
           std::vector<Anomaly>& out)
      : column_(column), source_(source), target_(target), options_(options), out_(out) {}

  Anomaly make(std::string kind) const {
    Anomaly a;
    a.kind = std::move(kind);
    a.source_table = table_text(column_.source_table);
    a.target_table = table_text(column_.target_table);
    a.target_column = column_.target_column;
    a.id = a.kind + ":" + a.target_table + ":" + a.target_column;
    a.mapping_ids = column_.mapping_ids;
    a.masked = !options_.allow_sample_values;
    a.explained_by = "engine";
    a.evidence = nlohmann::json::object();
    return a;
  }

  void null_rate() {
    if (source_.rows == 0 || target_.rows == 0) return;
    const double s =
        static_cast<double>(source_.rows - source_.non_null) / static_cast<double>(source_.rows);
    const double t =
        static_cast<double>(target_.rows - target_.non_null) / static_cast<double>(target_.rows);
    if (std::abs(t - s) <= options_.null_rate_jump) return;
    Anomaly a = make("null_rate_jump");
    const std::uint64_t sn = source_.rows - source_.non_null, tn = target_.rows - target_.non_null;
    a.count = tn > sn ? tn - sn : sn - tn;
    a.severity = by_share(std::abs(t - s));
    a.evidence = {{"source_null_rate", s},
                  {"target_null_rate", t},
                  {"source_nulls", sn},
                  {"target_nulls", tn},
                  {"source_rows", source_.rows},
                  {"target_rows", target_.rows},
                  {"threshold", options_.null_rate_jump}};
    a.explanation = "'" + column_.target_column + "' is NULL in " + percent(t) +
                    " of the target's rows but " + percent(s) + " of the source's: the load " +
                    (t > s ? "lost values (a failed conversion or a wrong source column?)"
                           : "filled values the source does not have") +
                    ".";
    if (t > s) a.samples = sample_rows(target_, target_.expr + " IS NULL", {}, "", options_);
    out_.push_back(std::move(a));
  }

  void truncated() {
    const sql::LogicalType& t = target_.type;
    if (!is_string(t) || !t.length || t.large || !target_.max_length) return;
    if (source_.longer_than_target == 0 || *target_.max_length != *t.length) return;
    Anomaly a = make("truncated_string");
    a.count = source_.longer_than_target;
    a.severity = Severity::kHigh;
    a.evidence = {{"declared_length", *t.length},
                  {"target_max_length", *target_.max_length},
                  {"source_max_length", source_.max_length.value_or(0)},
                  {"source_values_longer", source_.longer_than_target}};
    a.explanation =
        "'" + column_.target_column + "' is declared with length " + std::to_string(*t.length) +
        " and its longest value is exactly that long, "
        "while " +
        std::to_string(source_.longer_than_target) + " source values are longer (up to " +
        std::to_string(source_.max_length.value_or(0)) + " characters): they were cut to fit.";
    a.samples = sample_rows(
        target_,
        quality::length_sql(target_.engine, target_.expr) + " = " + std::to_string(*t.length), {},
        "", options_);
    out_.push_back(std::move(a));
  }

  bool rounded() {
    if (!is_numeric(source_.type) || !is_numeric(target_.type)) return false;
    if (!source_.scale || !target_.scale || *target_.scale >= *source_.scale) return false;
    if (source_.non_null == 0 || target_.non_null == 0) return false;
    const int k = *target_.scale;
    const ResultSet rs = source_.connection->query(
        "SELECT sum(CASE WHEN " + differs_from_rounded(source_.engine, source_.expr, k) +
        " THEN 1 ELSE 0 END), sum(" + quality::round_sql(source_.engine, source_.expr, k) +
        ") FROM " + source_.table_sql);
    const std::uint64_t affected = quality::to_count(rs.rows.at(0)[0]);
    if (affected == 0) return false;
    const std::optional<double> rounded_sum = quality::to_number(rs.rows.at(0)[1]);
    Anomaly a = make("rounded_decimal");
    a.count = affected;
    const double s = source_.sum.value_or(0), t = target_.sum.value_or(0);
    const bool explained =
        rounded_sum && std::abs(*rounded_sum - t) <= 1e-9 * std::max(1.0, std::abs(t)) + 1e-6;
    a.severity = explained ? Severity::kMedium : Severity::kHigh;
    a.evidence = {
        {"source_decimals", *source_.scale > kMaxScaleProbe ? nlohmann::json("more than 10")
                                                            : nlohmann::json(*source_.scale)},
        {"target_decimals", k},
        {"source_sum", s},
        {"target_sum", t},
        {"source_sum_rounded", rounded_sum ? nlohmann::json(*rounded_sum) : nlohmann::json()},
        {"sum_difference", t - s},
        {"rounding_explains_sum", explained},
        {"rows_rounded", affected}};
    a.explanation = "'" + column_.target_column + "' keeps " + std::to_string(k) +
                    " decimals where the source has more; " + std::to_string(affected) +
                    " values were rounded and the sums differ by " + format_number(t - s) +
                    (explained ? ", exactly what rounding the source to " + std::to_string(k) +
                                     " decimals gives."
                               : ", more than rounding alone explains.");
    a.samples = sample_rows(target_, target_.expr + " IS NOT NULL", {}, "", options_);
    out_.push_back(std::move(a));
    return true;
  }

  bool shifted() {
    if (target_.type.kind != TypeKind::kTimestamp || !is_time_point(source_.type)) return false;
    if (!source_.min || !source_.max || !target_.min || !target_.max) return false;
    const double low = *target_.min - *source_.min;
    const double high = *target_.max - *source_.max;
    if (std::abs(low - high) > 1e-3 || std::abs(low) < 1e-3) return false;
    const double quarters = low / 900.0;
    if (std::abs(quarters - std::round(quarters)) > 1e-6 || std::abs(low) > 14 * 3600 + 1e-6) {
      return false;
    }
    Anomaly a = make("shifted_timestamp");
    a.count = target_.non_null;
    a.severity = Severity::kHigh;
    const double hours = std::round(quarters) / 4.0;  // julianday() arithmetic is not exact
    a.evidence = {{"offset_hours", hours},
                  {"source_min_epoch", *source_.min},
                  {"source_max_epoch", *source_.max},
                  {"target_min_epoch", *target_.min},
                  {"target_max_epoch", *target_.max}};
    if (!source_.quantiles.empty() && source_.quantiles.size() == target_.quantiles.size()) {
      nlohmann::json shifts = nlohmann::json::array();
      for (std::size_t i = 0; i < source_.quantiles.size(); ++i) {
        shifts.push_back((target_.quantiles[i].value - source_.quantiles[i].value) / 3600.0);
      }
      a.evidence["quantile_offsets_hours"] = shifts;
    }
    char offset[32];
    std::snprintf(offset, sizeof offset, "%+.2f", hours);
    a.explanation = "'" + column_.target_column + "' is shifted by " + offset +
                    " hours: the earliest and the latest values both moved by exactly that "
                    "much (a time zone conversion applied once too often or not at all?).";
    a.samples = sample_rows(target_, target_.expr + " IS NOT NULL", {}, target_.expr, options_);
    out_.push_back(std::move(a));
    return true;
  }

  void distribution() {
    if (source_.quantiles.size() < 2 || target_.quantiles.size() < 2) return;
    const double ks = sketch_ks_distance(source_.quantiles, target_.quantiles);
    if (ks <= options_.ks_threshold) return;
    Anomaly a = make("distribution_shift");
    a.count = static_cast<std::uint64_t>(std::llround(ks * static_cast<double>(target_.non_null)));
    a.severity = by_share(ks);
    nlohmann::json ps = nlohmann::json::array(), sq = nlohmann::json::array(),
                   tq = nlohmann::json::array();
    for (const auto& q : source_.quantiles) {
      ps.push_back(q.probability);
      sq.push_back(q.value);
    }
    for (const auto& q : target_.quantiles) tq.push_back(q.value);
    a.evidence = {{"ks_statistic", ks},
                  {"threshold", options_.ks_threshold},
                  {"probabilities", ps},
                  {"source_quantiles", sq},
                  {"target_quantiles", tq},
                  {"unit", is_time_point(target_.type) ? "epoch seconds" : "value"}};
    const std::size_t mid = source_.quantiles.size() / 2;
    a.explanation = "The distribution of '" + column_.target_column +
                    "' differs from the source's (KS distance " + format_number(ks) + " over " +
                    std::to_string(source_.quantiles.size()) + " quantiles; median " +
                    format_number(source_.quantiles[mid].value) + " in the source, " +
                    format_number(target_.quantiles[mid].value) +
                    " in the target): values were changed, not just copied.";
    out_.push_back(std::move(a));
  }

  void outliers() {
    if (!is_numeric(target_.type) || target_.non_null < 3 || target_.quantiles.empty()) return;
    double median = 0;
    bool found = false;
    for (const auto& q : target_.quantiles) {
      if (std::abs(q.probability - 0.5) < 1e-12) {
        median = q.value;
        found = true;
      }
    }
    if (!found) return;
    const std::string deviation =
        "abs(" + target_.value + " - " + number_param(target_.engine, 1) + ")";
    const std::vector<double> mad_q =
        quantiles(target_, deviation, target_.non_null, {0.5}, {format_number_exact(median)});
    if (mad_q.empty() || mad_q[0] <= 0) return;  // over half the values equal: no spread
    const double scale = 1.4826 * mad_q[0];
    const double lo = median - options_.robust_z * scale;
    const double hi = median + options_.robust_z * scale;
    auto count_outside = [&](const Side& side) {
      const ResultSet rs = side.connection->query(
          "SELECT count(*), max(abs(" + side.value + " - " + number_param(side.engine, 3) +
              ")) FROM " + side.table_sql + " WHERE " + side.value + " < " +
              number_param(side.engine, 1) + " OR " + side.value + " > " +
              number_param(side.engine, 2),
          {format_number_exact(lo), format_number_exact(hi), format_number_exact(median)});
      return std::make_pair(quality::to_count(rs.rows.at(0)[0]),
                            quality::to_number(rs.rows.at(0)[1]).value_or(0));
    };
    const auto [target_count, target_max] = count_outside(target_);
    if (target_count == 0) return;
    const auto [source_count, source_max] = count_outside(source_);
    if (target_count <= source_count) return;  // the source has them too: not the migration's
    Anomaly a = make("outlier");
    a.count = target_count - source_count;
    a.severity = target_max / scale > 10 * options_.robust_z ? Severity::kHigh : Severity::kMedium;
    a.evidence = {{"median", median},
                  {"mad", mad_q[0]},
                  {"robust_z_threshold", options_.robust_z},
                  {"lower_bound", lo},
                  {"upper_bound", hi},
                  {"target_outliers", target_count},
                  {"source_outliers", source_count},
                  {"max_robust_z", target_max / scale}};
    (void)source_max;
    a.explanation = std::to_string(target_count) + " values of '" + column_.target_column +
                    "' lie more than " + format_number(options_.robust_z) +
                    " robust standard deviations from the median " + format_number(median) +
                    " (up to z = " + format_number(target_max / scale) + "), against " +
                    std::to_string(source_count) + " such values in the source.";
    a.samples = sample_rows(
        target_,
        target_.value + " < " + number_param(target_.engine, 1) + " OR " + target_.value + " > " +
            number_param(target_.engine, 2),
        {format_number_exact(lo), format_number_exact(hi), format_number_exact(median)},
        "abs(" + target_.value + " - " + number_param(target_.engine, 3) + ") DESC", options_);
    out_.push_back(std::move(a));
  }

  void constraint() {
    if (target_.type_violations == 0) return;
    Anomaly a = make("constraint_violation");
    a.count = target_.type_violations;
    a.severity = Severity::kHigh;
    a.evidence = {{"declared_type", sql::to_string(target_.type)},
                  {"violations", target_.type_violations},
                  {"target_rows", target_.rows}};
    a.explanation = std::to_string(target_.type_violations) + " values of '" +
                    column_.target_column + "' do not fit its declared type " +
                    sql::to_string(target_.type) +
                    " (the target engine did not enforce it): the application will reject or "
                    "cut them.";
    a.samples = sample_rows(target_, type_violation_sql(target_), {}, "", options_);
    out_.push_back(std::move(a));
  }

  static std::string format_number_exact(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
  }

 private:
  const AnomalyColumn& column_;
  Side& source_;
  Side& target_;
  const AnomalyOptions& options_;
  std::vector<Anomaly>& out_;
};

std::vector<double> grid(std::size_t bins) {
  std::vector<double> ps;
  const std::size_t b = std::max<std::size_t>(bins, 2);
  for (std::size_t i = 0; i <= b; ++i)
    ps.push_back(static_cast<double>(i) / static_cast<double>(b));
  if (b % 2 == 1) {
    ps.push_back(0.5);
    std::sort(ps.begin(), ps.end());
  }
  return ps;
}

void sketch(Side& side, const std::vector<double>& ps) {
  const std::vector<double> values = quantiles(side, side.value, side.non_null, ps);
  side.quantiles.clear();
  for (std::size_t i = 0; i < values.size() && i < ps.size(); ++i) {
    side.quantiles.push_back({ps[i], values[i]});
  }
}

}  // namespace

std::vector<Anomaly> detect_anomalies(Connector& source, Connector& target,
                                      const std::vector<AnomalyColumn>& columns,
                                      const AnomalyOptions& options) {
  std::vector<Anomaly> out;
  const std::vector<double> ps = grid(options.histogram_bins);
  for (const AnomalyColumn& column : columns) {
    Side s, t;
    s.connection = &source;
    s.engine = source.engine();
    s.table_sql = source.quote_name(column.source_table);
    s.expr = column.source_expression.empty() ? source.quote_identifier(column.source_column)
                                              : "(" + column.source_expression + ")";
    s.type = column.source_type;
    t.connection = &target;
    t.engine = target.engine();
    t.table_sql = target.quote_name(column.target_table);
    t.expr = target.quote_identifier(column.target_column);
    t.type = column.target_type;
    for (Side* side : {&s, &t}) {
      if (is_time_point(side->type)) {
        side->value = quality::epoch_sql(side->engine, side->expr, side->type);
      } else if (is_numeric(side->type) && side->engine == Engine::kPostgres) {
        side->value = "CAST(" + side->expr + " AS double precision)";
      } else {
        side->value = side->expr;
      }
    }
    try {
      scan(s, &t, false);
      scan(t, nullptr, true);
    } catch (const std::exception&) {
      continue;  // the column cannot be read on one side: no detector can say anything
    }
    Detector detect(column, s, t, options, out);
    auto guarded = [](auto&& step) {
      try {
        step();
      } catch (const std::exception&) {
        // A failing statement skips this detector for this column; nothing is invented.
      }
    };
    guarded([&] { detect.null_rate(); });
    guarded([&] { detect.constraint(); });
    guarded([&] { detect.truncated(); });
    const bool comparable = (is_numeric(s.type) && is_numeric(t.type)) ||
                            (is_time_point(s.type) && is_time_point(t.type));
    if (comparable && s.non_null > 0 && t.non_null > 0) {
      guarded([&] {
        sketch(s, ps);
        sketch(t, ps);
      });
    }
    bool explained = false;
    guarded([&] { explained = detect.rounded() || explained; });
    guarded([&] { explained = detect.shifted() || explained; });
    if (comparable && !explained) guarded([&] { detect.distribution(); });
    guarded([&] { detect.outliers(); });
  }
  return out;
}

}  // namespace godwit::validation
