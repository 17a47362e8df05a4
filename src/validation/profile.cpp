// Column profiles (see profile.hpp): the aggregate query per engine, reading its row, and
// the tolerance-aware comparison of two profiles.
#include "validation/profile.hpp"

#include <cmath>
#include <cstdlib>
#include <future>

#include "core/error.hpp"

namespace godwit::validation {

namespace {

using sql::TypeKind;

enum class Metric { kNulls, kMin, kMax, kSum, kAvg, kDistinct, kMinLength, kMaxLength };

/// One result column of the profile query: which column and metric it holds.
struct Slot {
  std::size_t column = 0;
  Metric metric = Metric::kNulls;
};

bool is_number(TypeKind kind) {
  return kind == TypeKind::kInteger || kind == TypeKind::kDecimal || kind == TypeKind::kFloat;
}

bool has_order(TypeKind kind) {
  return is_number(kind) || kind == TypeKind::kString || kind == TypeKind::kDate ||
         kind == TypeKind::kTime || kind == TypeKind::kTimestamp || kind == TypeKind::kBoolean;
}

std::string length_function(Engine engine) {
  switch (engine) {
    case Engine::kPostgres: return "char_length";
    case Engine::kMariaDb: return "CHAR_LENGTH";
    case Engine::kSqlite: return "length";
    case Engine::kOdbc: return "CHAR_LENGTH";
    case Engine::kBigQuery: return "CHAR_LENGTH";
    case Engine::kDatabricks: return "char_length";
  }
  return "CHAR_LENGTH";
}

/// The profile query's select list and what each item means.
std::vector<std::pair<std::string, Slot>> profile_items(
    Engine engine, const std::vector<ProfiledExpression>& columns,
    const std::vector<ColumnCanon>& canons, const NormalizeOptions& options) {
  std::vector<std::pair<std::string, Slot>> items;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ProfiledExpression& column = columns[i];
    const std::string e = "(" + column.sql + ")";
    const ColumnCanon canon = i < canons.size() ? canons[i] : ColumnCanon{};
    const TypeKind kind = column.type.kind;
    auto add = [&](std::string sql, Metric metric) {
      items.emplace_back(std::move(sql), Slot{i, metric});
    };
    add("count(*) - count(" + e + ")", Metric::kNulls);
    if (has_order(kind)) {
      // Min and max are normalised like the diff's values, so engines agree on the text.
      const bool pg_boolean = kind == TypeKind::kBoolean && engine == Engine::kPostgres;
      const std::string low = pg_boolean ? "bool_and(" + e + ")" : "min(" + e + ")";
      const std::string high = pg_boolean ? "bool_or(" + e + ")" : "max(" + e + ")";
      add(normalized_text_sql({engine, low, column.type}, canon, options), Metric::kMin);
      add(normalized_text_sql({engine, high, column.type}, canon, options), Metric::kMax);
    }
    if (is_number(kind)) {
      const sql::LogicalType any = sql::LogicalType::unknown("aggregate");
      add(raw_text_sql({engine, "sum(" + e + ")", any}), Metric::kSum);
      add(raw_text_sql({engine, "avg(" + e + ")", any}), Metric::kAvg);
    }
    if (kind == TypeKind::kString) {
      add("min(" + length_function(engine) + "(" + e + "))", Metric::kMinLength);
      add("max(" + length_function(engine) + "(" + e + "))", Metric::kMaxLength);
    }
    if (column.distinct) add("count(DISTINCT " + e + ")", Metric::kDistinct);
  }
  return items;
}

std::optional<std::int64_t> as_int(const Value& value) {
  if (!value) return std::nullopt;
  return std::strtoll(value->c_str(), nullptr, 10);
}

std::optional<long double> as_number(const Value& value) {
  if (!value || value->empty()) return std::nullopt;
  char* end = nullptr;
  const long double number = std::strtold(value->c_str(), &end);
  if (end != value->c_str() + value->size()) return std::nullopt;
  return number;
}

std::string number_text(long double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6Lg", value);
  return buffer;
}

Value count_text(std::uint64_t value) {
  return std::to_string(value);
}

/// Compares two counts with an absolute and a relative tolerance.
/// `base` is what the relative tolerance is a share of (the source's row count).
ProfileCheck compare_count(std::string column, std::string metric, std::uint64_t source,
                           std::uint64_t target, std::uint64_t absolute, double relative,
                           std::uint64_t base) {
  ProfileCheck check{
      std::move(column), std::move(metric), count_text(source), count_text(target), true, {}};
  const std::uint64_t delta = source > target ? source - target : target - source;
  const double allowed =
      std::max(static_cast<double>(absolute), relative * static_cast<double>(base));
  if (static_cast<double>(delta) > allowed) {
    check.passed = false;
    const double share =
        source == 0 ? 100.0 : 100.0 * static_cast<double>(delta) / static_cast<double>(source);
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "differs by %llu (%.3g%%), tolerance %.0f",
                  static_cast<unsigned long long>(delta), share, allowed);
    check.detail = buffer;
  }
  return check;
}

/// Compares two metric values: numerically with tolerances when both are numbers,
/// otherwise as normalised text.
ProfileCheck compare_value(std::string column, std::string metric, const Value& source,
                           const Value& target, double relative, double absolute) {
  ProfileCheck check{std::move(column), std::move(metric), source, target, true, {}};
  if (source == target) return check;
  auto a = as_number(source);
  auto b = as_number(target);
  if (a && b) {
    const long double delta = std::fabs(*a - *b);
    const long double allowed = std::max<long double>(absolute, relative * std::fabs(*a));
    if (delta <= allowed) return check;
    check.passed = false;
    check.detail = "differs by " + number_text(delta) + ", tolerance " + number_text(allowed);
    return check;
  }
  check.passed = false;
  check.detail = !source   ? "NULL in the source"
                 : !target ? "NULL in the target"
                           : "'" + *source + "' in the source, '" + *target + "' in the target";
  return check;
}

}  // namespace

std::string profile_sql(Engine engine, const std::string& table_sql,
                        const std::vector<ProfiledExpression>& columns,
                        const std::vector<ColumnCanon>& canons, const NormalizeOptions& options) {
  std::string sql = "SELECT count(*)";
  for (const auto& [item, slot] : profile_items(engine, columns, canons, options)) {
    sql += ", " + item;
  }
  return sql + " FROM " + table_sql;
}

TableProfile profile_table(Connector& connection, const std::vector<std::string>& table,
                           const std::vector<ProfiledExpression>& columns,
                           const std::vector<ColumnCanon>& canons,
                           const NormalizeOptions& options) {
  const Engine engine = connection.sql_engine();
  const auto items = profile_items(engine, columns, canons, options);
  const ResultSet result =
      connection.query(profile_sql(engine, connection.quote_name(table), columns, canons, options));
  TableProfile profile;
  profile.columns.resize(columns.size());
  const auto& row = result.rows.at(0);
  profile.rows = static_cast<std::uint64_t>(as_int(row.at(0)).value_or(0));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Value& value = row.at(i + 1);
    ColumnProfile& column = profile.columns[items[i].second.column];
    switch (items[i].second.metric) {
      case Metric::kNulls:
        column.nulls = static_cast<std::uint64_t>(as_int(value).value_or(0));
        break;
      case Metric::kMin: column.min = value; break;
      case Metric::kMax: column.max = value; break;
      case Metric::kSum: column.sum = value; break;
      case Metric::kAvg: column.avg = value; break;
      case Metric::kDistinct:
        column.distinct = static_cast<std::uint64_t>(as_int(value).value_or(0));
        break;
      case Metric::kMinLength: column.min_length = as_int(value); break;
      case Metric::kMaxLength: column.max_length = as_int(value); break;
    }
  }
  return profile;
}

bool ProfileComparison::passed() const {
  for (const auto& check : checks) {
    if (!check.passed) return false;
  }
  return true;
}

ProfileComparison compare_profiles(Connector& source, Connector& target,
                                   const ProfileRequest& request) {
  if (request.columns.empty()) {
    throw Error(ErrorKind::kInvalidInput, "the column map is empty: map at least one column");
  }
  std::vector<ProfiledExpression> source_columns, target_columns;
  std::vector<ColumnCanon> canons;
  for (const auto& pair : request.columns) {
    const std::string source_sql = pair.source_expression.empty()
                                       ? source.quote_identifier(pair.source_column)
                                       : pair.source_expression;
    source_columns.push_back({source_sql, pair.source_type, pair.distinct});
    target_columns.push_back(
        {target.quote_identifier(pair.target_column), pair.target_type, pair.distinct});
    canons.push_back(column_canon({pair.source_type, pair.target_type}, request.normalize));
  }
  // One connection serves one statement at a time: the same connector on both sides
  // (two tables of one database) runs the scans one after the other.
  const auto policy = &source == &target ? std::launch::deferred : std::launch::async;
  auto source_profile = std::async(policy, [&] {
    return profile_table(source, request.source_table, source_columns, canons, request.normalize);
  });
  ProfileComparison comparison;
  comparison.target =
      profile_table(target, request.target_table, target_columns, canons, request.normalize);
  comparison.source = source_profile.get();

  const ProfileTolerance& tolerance = request.tolerance;
  comparison.checks.push_back(compare_count({}, "rows", comparison.source.rows,
                                            comparison.target.rows, tolerance.row_count_absolute,
                                            tolerance.row_count_relative, comparison.source.rows));
  const bool same_engine = source.sql_engine() == target.sql_engine();
  for (std::size_t i = 0; i < request.columns.size(); ++i) {
    const ProfileColumnPair& pair = request.columns[i];
    const ColumnProfile& s = comparison.source.columns[i];
    const ColumnProfile& t = comparison.target.columns[i];
    const double relative = pair.relative_tolerance.value_or(tolerance.relative);
    const std::string& name = pair.target_column;
    auto& checks = comparison.checks;
    checks.push_back(compare_count(name, "nulls", s.nulls, t.nulls, tolerance.row_count_absolute,
                                   tolerance.row_count_relative, comparison.source.rows));
    const bool ordered_text = pair.source_type.kind == TypeKind::kString;
    if ((s.min || t.min) && (!ordered_text || same_engine)) {
      checks.push_back(compare_value(name, "min", s.min, t.min, relative, tolerance.absolute));
      checks.push_back(compare_value(name, "max", s.max, t.max, relative, tolerance.absolute));
    }
    if (s.sum || t.sum) {
      checks.push_back(compare_value(name, "sum", s.sum, t.sum, relative, tolerance.absolute));
      checks.push_back(compare_value(name, "avg", s.avg, t.avg, relative, tolerance.absolute));
    }
    if (s.distinct && t.distinct) {
      checks.push_back(compare_count(name, "distinct", *s.distinct, *t.distinct, 0, 0, 0));
    }
    if (s.min_length || t.min_length) {
      auto text = [](const std::optional<std::int64_t>& v) -> Value {
        return v ? Value(std::to_string(*v)) : std::nullopt;
      };
      checks.push_back(
          compare_value(name, "min_length", text(s.min_length), text(t.min_length), 0, 0));
      checks.push_back(
          compare_value(name, "max_length", text(s.max_length), text(t.max_length), 0, 0));
    }
  }
  return comparison;
}

}  // namespace godwit::validation
