// Per-engine SQL for canonical value text and row hashes, and the explanation of a
// mismatch. The expressions are chosen so that equal data gives byte-identical text on
// PostgreSQL, MariaDB and SQLite; docs/validation.md lists the rules per engine pair.
#include "validation/normalize.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "core/text.hpp"

namespace godwit::validation {

namespace {

using sql::TypeKind;

constexpr int kMaxScale = 30;  // MariaDB DECIMAL keeps at most 38 digits of scale; 30 is ample
constexpr int kUnknownScale = 10;

int clamp_digits(int value, int high) {
  return std::clamp(value, 0, high);
}

std::string paren(std::string_view text) {
  return "(" + std::string(text) + ")";
}

/// "0" or "0.000": the text of zero at `scale`, written by Godwit so that a negative
/// zero (-0.0001 rounded) is never "-0.000" on one side and "0.000" on the other.
std::string zero_text(int scale) {
  return scale == 0 ? std::string("0") : "0." + std::string(static_cast<std::size_t>(scale), '0');
}

std::string quoted_literal(std::string_view text) {
  return "'" + std::string(text) + "'";
}

/// A number rounded half away from zero to `scale` decimals, as text with exactly
/// `scale` decimals.
std::string fixed_point_sql(Engine engine, const std::string& c, int scale) {
  const std::string s = std::to_string(scale);
  const std::string zero = quoted_literal(zero_text(scale));
  switch (engine) {
    case Engine::kPostgres:
      // PostgreSQL's numeric has no negative zero (round(-0.001, 2) is 0.00), so one
      // rounding is enough: half the cost of the CASE form (bench/RESULTS.md).
      return "round(" + c + "::numeric, " + s + ")::text";
    case Engine::kMariaDb: {
      const std::string cast = "CAST(" + c + " AS DECIMAL(65, " + s + "))";
      return "CASE WHEN " + cast + " = 0 THEN " + zero + " ELSE CAST(" + cast + " AS CHAR) END";
    }
    case Engine::kSqlite:
      return "CASE WHEN round(" + c + ", " + s + ") = 0 THEN " + zero + " ELSE printf('%." + s +
             "f', " + c + ") END";
    case Engine::kOdbc: return "CAST(CAST(" + c + " AS DECIMAL(38, " + s + ")) AS VARCHAR(64))";
    case Engine::kBigQuery: {
      // ROUND on BIGNUMERIC rounds half away from zero; FORMAT keeps the trailing zeros
      // that a plain CAST AS STRING drops.
      const std::string rounded = "ROUND(CAST(" + c + " AS BIGNUMERIC), " + s + ")";
      return "CASE WHEN " + rounded + " = 0 THEN " + zero + " ELSE FORMAT('%." + s + "f', " +
             rounded + ") END";
    }
    case Engine::kDatabricks: {
      // A DECIMAL cast rounds half up (away from zero) and prints exactly `scale` decimals.
      const std::string cast = "CAST(" + c + " AS DECIMAL(38, " + s + "))";
      return "CASE WHEN " + cast + " = 0 THEN " + zero + " ELSE CAST(" + cast + " AS STRING) END";
    }
  }
  return c;
}

/// Pads an 'HH:MM:SS[.f...]' or '... HH:MM:SS[.f...]' text to six fraction digits, then
/// keeps `precision` of them (truncating). `prefix_length` is 8 for times, 19 for
/// timestamps.
std::string fraction_pad_sql(Engine engine, const std::string& text, int prefix_length,
                             int precision) {
  const std::size_t length =
      static_cast<std::size_t>(prefix_length) + (precision > 0 ? 1 + precision : 0);
  const std::string len = std::to_string(length);
  switch (engine) {
    case Engine::kPostgres:
      return "left(CASE WHEN strpos(" + text + ", '.') > 0 THEN " + text + " || '000000' ELSE " +
             text + " || '.000000' END, " + len + ")";
    case Engine::kMariaDb:
      return "LEFT(CASE WHEN LOCATE('.', " + text + ") > 0 THEN CONCAT(" + text +
             ", '000000') ELSE CONCAT(" + text + ", '.000000') END, " + len + ")";
    case Engine::kSqlite:
    case Engine::kOdbc:
      return "substr(CASE WHEN instr(" + text + ", '.') > 0 THEN " + text + " || '000000' ELSE " +
             text + " || '.000000' END, 1, " + len + ")";
    case Engine::kBigQuery:
      return "LEFT(CASE WHEN STRPOS(" + text + ", '.') > 0 THEN CONCAT(" + text +
             ", '000000') ELSE CONCAT(" + text + ", '.000000') END, " + len + ")";
    case Engine::kDatabricks:
      return "left(CASE WHEN instr(" + text + ", '.') > 0 THEN concat(" + text +
             ", '000000') ELSE concat(" + text + ", '.000000') END, " + len + ")";
  }
  return text;
}

std::string timestamp_sql(Engine engine, const std::string& c, const sql::LogicalType& type,
                          int precision) {
  const bool zoned = type.time_zone != sql::TimeZoneKind::kNone;
  const std::size_t length = 19 + (precision > 0 ? 1 + static_cast<std::size_t>(precision) : 0);
  const std::string len = std::to_string(length);
  switch (engine) {
    case Engine::kPostgres: {
      const std::string value = zoned ? "(" + c + " AT TIME ZONE 'UTC')" : c;
      return "left(to_char(" + value + ", 'YYYY-MM-DD HH24:MI:SS.US'), " + len + ")";
    }
    case Engine::kMariaDb: {
      // TIMESTAMP is stored in UTC and shown in the session's zone: convert it back.
      const std::string value = zoned ? "CONVERT_TZ(" + c + ", @@session.time_zone, '+00:00')" : c;
      return "LEFT(DATE_FORMAT(" + value + ", '%Y-%m-%d %H:%i:%s.%f'), " + len + ")";
    }
    case Engine::kSqlite:
    case Engine::kOdbc: {
      // SQLite has no timestamp type: values are ISO-8601 text, taken as UTC.
      const std::string text = "replace(CAST(" + c + " AS TEXT), 'T', ' ')";
      return fraction_pad_sql(engine, text, 19, precision);
    }
    case Engine::kBigQuery:
      // TIMESTAMP is an instant (shown in UTC here); DATETIME is a wall-clock time.
      return zoned ? "LEFT(FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E6S', " + c + ", 'UTC'), " + len + ")"
                   : "LEFT(FORMAT_DATETIME('%Y-%m-%d %H:%M:%E6S', " + c + "), " + len + ")";
    case Engine::kDatabricks: {
      // TIMESTAMP is an instant shown in the session's zone: convert it back to UTC.
      const std::string value = zoned ? "to_utc_timestamp(" + c + ", current_timezone())" : c;
      return "left(date_format(" + value + ", 'yyyy-MM-dd HH:mm:ss.SSSSSS'), " + len + ")";
    }
  }
  return c;
}

std::string string_sql(Engine engine, const std::string& c, const NormalizeOptions& options) {
  std::string value;
  switch (engine) {
    case Engine::kPostgres: value = c + "::text"; break;
    case Engine::kMariaDb: value = "CAST(" + c + " AS CHAR)"; break;
    case Engine::kSqlite: value = "CAST(" + c + " AS TEXT)"; break;
    case Engine::kOdbc: value = c; break;
    case Engine::kBigQuery:
    case Engine::kDatabricks: value = "CAST(" + c + " AS STRING)"; break;
  }
  if (options.trim_trailing_spaces) {
    // BigQuery's one-argument RTRIM removes every trailing whitespace character.
    value = engine == Engine::kSqlite || engine == Engine::kBigQuery ? "rtrim(" + value + ", ' ')"
                                                                     : "RTRIM(" + value + ")";
  }
  if (options.case_insensitive) value = "LOWER(" + value + ")";
  if (options.empty_string_as_null) value = "NULLIF(" + value + ", '')";
  return value;
}

}  // namespace

ColumnCanon column_canon(const ComparedTypes& types, const NormalizeOptions& options) {
  ColumnCanon canon;
  if (options.decimal_scale) {
    canon.decimal_scale = clamp_digits(*options.decimal_scale, kMaxScale);
  } else {
    // An unconstrained NUMERIC may hold any scale: 10 digits unless a side declares one.
    const auto& a = types.source.scale;
    const auto& b = types.target.scale;
    const int scale = a && b ? std::max(*a, *b) : a ? *a : b ? *b : kUnknownScale;
    canon.decimal_scale = clamp_digits(scale, kMaxScale);
  }
  if (options.timestamp_precision) {
    canon.timestamp_precision = clamp_digits(*options.timestamp_precision, 6);
  } else {
    const int source = types.source.precision.value_or(6);
    const int target = types.target.precision.value_or(6);
    canon.timestamp_precision = clamp_digits(std::min(source, target), 6);
  }
  return canon;
}

std::string raw_text_sql(const ColumnRendering& column) {
  const std::string c = paren(column.column_sql);
  switch (column.engine) {
    case Engine::kPostgres: return c + "::text";
    case Engine::kMariaDb: return "CAST(" + c + " AS CHAR)";
    case Engine::kSqlite: return "CAST(" + c + " AS TEXT)";
    case Engine::kOdbc: return "CAST(" + c + " AS VARCHAR(4000))";
    case Engine::kBigQuery:
    case Engine::kDatabricks: return "CAST(" + c + " AS STRING)";
  }
  return c;
}

std::string normalized_text_sql(const ColumnRendering& column, const ColumnCanon& canon,
                                const NormalizeOptions& options) {
  const Engine engine = column.engine;
  const std::string c = paren(column.column_sql);
  switch (column.type.kind) {
    case TypeKind::kInteger:
    case TypeKind::kUnknown: return raw_text_sql(column);
    case TypeKind::kDecimal: return fixed_point_sql(engine, c, canon.decimal_scale);
    case TypeKind::kFloat:
      return fixed_point_sql(engine, c, clamp_digits(options.float_decimals, kMaxScale));
    case TypeKind::kBoolean:
      if (engine == Engine::kPostgres || engine == Engine::kBigQuery ||
          engine == Engine::kDatabricks) {
        return "CASE WHEN " + c + " THEN '1' WHEN NOT " + c + " THEN '0' END";
      }
      return "CASE WHEN " + c + " <> 0 THEN '1' WHEN " + c + " = 0 THEN '0' END";
    case TypeKind::kDate:
      switch (engine) {
        case Engine::kPostgres: return "to_char(" + c + ", 'YYYY-MM-DD')";
        case Engine::kMariaDb: return "DATE_FORMAT(" + c + ", '%Y-%m-%d')";
        case Engine::kSqlite:
        case Engine::kOdbc: return "substr(replace(CAST(" + c + " AS TEXT), 'T', ' '), 1, 10)";
        case Engine::kBigQuery: return "FORMAT_DATE('%Y-%m-%d', " + c + ")";
        case Engine::kDatabricks: return "date_format(" + c + ", 'yyyy-MM-dd')";
      }
      break;
    case TypeKind::kTime: {
      const std::string text = engine == Engine::kPostgres ? c + "::time::text"
                               : engine == Engine::kBigQuery
                                   ? "FORMAT_TIME('%H:%M:%E6S', " + c + ")"
                                   : raw_text_sql(column);
      return fraction_pad_sql(engine, text, 8, canon.timestamp_precision);
    }
    case TypeKind::kTimestamp:
      return timestamp_sql(engine, c, column.type, canon.timestamp_precision);
    case TypeKind::kString:
    case TypeKind::kEnum: return string_sql(engine, c, options);
    case TypeKind::kBinary:
      switch (engine) {
        case Engine::kPostgres: return "encode(" + c + ", 'hex')";
        case Engine::kMariaDb: return "LOWER(HEX(" + c + "))";
        case Engine::kSqlite:
        case Engine::kOdbc: return "lower(hex(" + c + "))";
        case Engine::kBigQuery: return "TO_HEX(" + c + ")";
        case Engine::kDatabricks: return "lower(hex(" + c + "))";
      }
      break;
    case TypeKind::kUuid:
      return engine == Engine::kPostgres ? c + "::text" : "LOWER(" + raw_text_sql(column) + ")";
    default: break;
  }
  return raw_text_sql(column);
}

bool computes_hash_in_database(Engine engine, RowHash hash) {
  switch (hash) {
    case RowHash::kNativePostgres: return engine == Engine::kPostgres;
    case RowHash::kPortableMd5:
      return engine == Engine::kPostgres || engine == Engine::kMariaDb ||
             engine == Engine::kBigQuery || engine == Engine::kDatabricks;
  }
  return false;
}

std::string row_text_sql(Engine engine, const std::vector<std::string>& column_texts) {
  std::string out;
  switch (engine) {
    case Engine::kPostgres:
      out = "concat_ws(E'\\x1F'";
      for (const auto& text : column_texts) out += ", coalesce(" + text + ", E'\\x1E')";
      return out + ")";
    case Engine::kMariaDb:
      out = "CONCAT_WS(CHAR(31 USING utf8mb4)";
      for (const auto& text : column_texts) {
        out += ", COALESCE(" + text + ", CHAR(30 USING utf8mb4))";
      }
      return out + ")";
    case Engine::kSqlite:
    case Engine::kOdbc:
      for (std::size_t i = 0; i < column_texts.size(); ++i) {
        if (i > 0) out += " || char(31) || ";
        out += "coalesce(" + column_texts[i] + ", char(30))";
      }
      return out.empty() ? "''" : out;
    case Engine::kBigQuery:
      // Escapes in a BigQuery string literal: '\x1f' is U+001F.
      out = "CONCAT(''";
      for (std::size_t i = 0; i < column_texts.size(); ++i) {
        out += i > 0 ? ", '\\x1f', " : ", ";
        out += "COALESCE(" + column_texts[i] + ", '\\x1e')";
      }
      return out + ")";
    case Engine::kDatabricks:
      out = "concat_ws(chr(31)";
      for (const auto& text : column_texts) out += ", coalesce(" + text + ", chr(30))";
      return out + ")";
  }
  return out;
}

std::string row_hash_sql(Engine engine, RowHash hash, std::string_view row_text_expr) {
  const std::string t(row_text_expr);
  if (engine == Engine::kPostgres) {
    if (hash == RowHash::kNativePostgres) return "hashtextextended(" + t + ", 0)";
    return "('x' || substr(md5(" + t + "), 1, 15))::bit(60)::bigint";
  }
  // The sums of 60-bit values overflow a 64-bit integer after 8 rows: BigQuery and Spark
  // (in ANSI mode) fail on overflow rather than widening, so the hash is a decimal there.
  if (engine == Engine::kBigQuery) {
    return "CAST(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(" + t + ")), 1, 15)) AS INT64) AS NUMERIC)";
  }
  if (engine == Engine::kDatabricks) {
    return "CAST(conv(substr(md5(" + t + "), 1, 15), 16, 10) AS DECIMAL(20, 0))";
  }
  return "CAST(CONV(SUBSTRING(MD5(" + t + "), 1, 15), 16, 10) AS UNSIGNED)";
}

std::string row_text(const std::vector<Value>& column_texts) {
  std::string out;
  for (std::size_t i = 0; i < column_texts.size(); ++i) {
    if (i > 0) out += '\x1F';
    if (column_texts[i]) {
      out += *column_texts[i];
    } else {
      out += '\x1E';
    }
  }
  return out;
}

std::uint64_t portable_md5_hash(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_md5(), nullptr);
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | digest[static_cast<std::size_t>(i)];
  return value >> 4;  // the first 15 hex digits
}

std::string integer_division_sql(Engine engine, std::string_view a, std::string_view b) {
  if (engine == Engine::kBigQuery) {  // '/' on INT64 gives FLOAT64
    return "DIV(" + std::string(a) + ", " + std::string(b) + ")";
  }
  const std::string op =
      engine == Engine::kMariaDb || engine == Engine::kDatabricks ? " DIV " : " / ";
  return "(" + std::string(a) + ")" + op + "(" + std::string(b) + ")";
}

std::string_view to_string(DifferenceKind kind) {
  switch (kind) {
    case DifferenceKind::kSame: return "same";
    case DifferenceKind::kRepresentation: return "representation differs";
    case DifferenceKind::kValue: return "value differs";
  }
  return "value differs";
}

namespace {

std::optional<long double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const long double value = std::strtold(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

int decimals_of(const std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return 0;
  std::size_t end = text.size();
  while (end > dot + 1 && text[end - 1] == '0') --end;  // 1.2300 has 2 significant decimals
  return static_cast<int>(end - dot - 1);
}

/// Microseconds since 1970 of 'YYYY-MM-DD HH:MM:SS[.ffffff]' (or 'T' separator).
std::optional<std::int64_t> parse_timestamp(const std::string& text) {
  if (text.size() < 19) return std::nullopt;
  auto number = [&](std::size_t at, std::size_t count) -> std::optional<int> {
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + count, value);
    if (ec != std::errc() || ptr != text.data() + at + count) return std::nullopt;
    return value;
  };
  auto y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2),
       s = number(17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  const int year = *y - (*mo <= 2 ? 1 : 0);
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;
  const int doy = (153 * (*mo + (*mo > 2 ? -3 : 9)) + 2) / 5 + *d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  std::int64_t micros = (((days * 24 + *h) * 60 + *mi) * 60 + *s) * 1000000;
  if (text.size() > 20 && text[19] == '.') {
    std::string fraction = text.substr(20, 6);
    fraction.resize(6, '0');
    micros += std::atoll(fraction.c_str());
  }
  return micros;
}

std::string rtrim_spaces(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == ' ') --end;
  return std::string(text.substr(0, end));
}

std::string show(const Value& value) {
  return value ? "'" + *value + "'" : std::string("NULL");
}

ValueComparison value_differs(std::string symptom, std::string reason) {
  return {DifferenceKind::kValue, std::move(reason), std::move(symptom)};
}

ValueComparison explain_value_difference(const ComparedTypes& types, const ObservedValue& source,
                                         const ObservedValue& target) {
  const Value& s = source.raw;
  const Value& t = target.raw;
  if (!s || !t) {
    const Value& present = s ? s : t;
    if (present && present->empty()) {
      return value_differs("empty_vs_null", std::string("empty string in the ") +
                                                (s ? "source" : "target") + ", NULL in the " +
                                                (s ? "target" : "source"));
    }
    return value_differs("null", (s ? "NULL in the target, " + show(s) + " in the source"
                                    : "NULL in the source, " + show(t) + " in the target"));
  }
  const auto kind = types.source.kind;
  if (kind == TypeKind::kDecimal || kind == TypeKind::kFloat || kind == TypeKind::kInteger) {
    auto a = parse_number(*s);
    auto b = parse_number(*t);
    if (a && b) {
      const int decimals = decimals_of(*t);
      if (decimals < decimals_of(*s)) {
        const long double factor = std::pow(10.0L, decimals);
        const long double rounded = std::round(*a * factor) / factor;
        const long double truncated = std::trunc(*a * factor) / factor;
        const long double epsilon = 0.5L / factor * 1e-6L;
        if (std::fabs(rounded - *b) <= epsilon) {
          return value_differs("rounded", "rounded to " + std::to_string(decimals) + " decimals (" +
                                              *s + " -> " + *t + ")");
        }
        if (std::fabs(truncated - *b) <= epsilon) {
          return value_differs("truncated", "truncated to " + std::to_string(decimals) +
                                                " decimals (" + *s + " -> " + *t + ")");
        }
      }
    }
    return value_differs("changed", show(s) + " in the source, " + show(t) + " in the target");
  }
  if (kind == TypeKind::kTimestamp && source.normalized && target.normalized) {
    auto a = parse_timestamp(*source.normalized);
    auto b = parse_timestamp(*target.normalized);
    if (a && b) {
      const std::int64_t delta = *b - *a;
      const std::int64_t quarter_hour = 15LL * 60 * 1000000;
      if (delta % quarter_hour == 0 && std::llabs(delta) <= 14LL * 3600 * 1000000) {
        const std::int64_t minutes = std::llabs(delta) / 60000000;
        char offset[16];
        std::snprintf(offset, sizeof offset, "%c%02lld:%02lld", delta < 0 ? '-' : '+',
                      static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
        return value_differs("time_zone_shift", std::string("shifted by ") + offset +
                                                    " (a time zone conversion?): " + *s +
                                                    " in the source, " + *t + " in the target");
      }
    }
    return value_differs("changed", show(s) + " in the source, " + show(t) + " in the target");
  }
  if (kind == TypeKind::kString || kind == TypeKind::kEnum) {
    if (rtrim_spaces(*s) == rtrim_spaces(*t)) {
      return value_differs("trailing_spaces", "differs only in trailing spaces");
    }
    if (to_lower(*s) == to_lower(*t)) {
      return value_differs("letter_case",
                           "differs only in letter case (" + show(s) + " vs " + show(t) + ")");
    }
    if (!t->empty() && t->size() < s->size() && s->compare(0, t->size(), *t) == 0) {
      return value_differs("truncated", "truncated to " + std::to_string(t->size()) +
                                            " characters (" + show(s) + " -> " + show(t) + ")");
    }
  }
  return value_differs("changed", show(s) + " in the source, " + show(t) + " in the target");
}

}  // namespace

ValueComparison compare_values(const ComparedTypes& types, const ObservedValue& source,
                               const ObservedValue& target) {
  if (source.normalized == target.normalized) {
    if (source.raw == target.raw) return {};
    return {DifferenceKind::kRepresentation,
            "written differently (" + show(source.raw) + " vs " + show(target.raw) + ")",
            "representation"};
  }
  return explain_value_difference(types, source, target);
}

ParamType param_type_of(const sql::LogicalType& type) {
  using sql::TypeKind;
  switch (type.kind) {
    case TypeKind::kInteger: return ParamType::kInteger;
    case TypeKind::kDecimal: return ParamType::kDecimal;
    case TypeKind::kFloat: return ParamType::kFloat;
    case TypeKind::kBoolean: return ParamType::kBoolean;
    case TypeKind::kDate: return ParamType::kDate;
    case TypeKind::kTimestamp:
      return type.time_zone == sql::TimeZoneKind::kNone ? ParamType::kTimestamp
                                                        : ParamType::kTimestampTz;
    case TypeKind::kTime: return ParamType::kTime;
    case TypeKind::kBinary: return ParamType::kBytes;
    default: return ParamType::kText;
  }
}

}  // namespace godwit::validation
