// The function rules most dialects share (each dialect folder's printer.cpp lists only
// where it differs; its rules are searched first), the portable function names, and the
// profile registry. Semantics from the vendors' function references: Oracle NVL/NVL2/
// DECODE, T-SQL ISNULL/IIF/DATEADD/DATEDIFF/DATEPART/CHARINDEX/LEN, MySQL IFNULL/IF/
// DATE_ADD/DATEDIFF/LOCATE, PostgreSQL date_trunc/date_part/strpos, BigQuery and
// Snowflake function references.
#include "sql/printer/printer_profile.hpp"

#include <algorithm>
#include <array>

#include "sql/dialect/dialect_names.hpp"

namespace godwit::sql {

const PrinterProfile& ansi_printer_profile();
const PrinterProfile& bigquery_printer_profile();
const PrinterProfile& databricks_printer_profile();
const PrinterProfile& hive_printer_profile();
const PrinterProfile& mysql_printer_profile();
const PrinterProfile& oracle_printer_profile();
const PrinterProfile& postgres_printer_profile();
const PrinterProfile& redshift_printer_profile();
const PrinterProfile& snowflake_printer_profile();
const PrinterProfile& sqlite_printer_profile();
const PrinterProfile& teradata_printer_profile();
const PrinterProfile& tsql_printer_profile();

namespace {

using F = Fidelity;
using A = std::string_view;

constexpr A k1[] = {"1"};
constexpr A k12[] = {"1", "2"};
constexpr A k21[] = {"2", "1"};
constexpr A k123[] = {"1", "2", "3"};
constexpr A k321[] = {"3", "2", "1"};
constexpr A kIntervalAdd[] = {"2.u", "2.v", "1"};  // DATE_ADD(d, INTERVAL n unit)
constexpr A kAddMonths[] = {"@MONTH", "2", "1"};
constexpr A kDiffDays[] = {"@DAY", "2", "1"};  // DATEDIFF(end, start)
constexpr A kYear[] = {"@YEAR", "1"};
constexpr A kMonth[] = {"@MONTH", "1"};
constexpr A kDay[] = {"@DAY", "1"};
constexpr A kCommaSep[] = {"1", "','"};
constexpr A kEmptySep[] = {"1", "''"};

constexpr FunctionReadRule kCommonReads[] = {
    {"COALESCE", -1, "coalesce", {}},
    {"NVL", 2, "coalesce", {}},
    {"IFNULL", 2, "coalesce", {}},
    {"NVL2", 3, "nvl2", {}},
    {"DECODE", -1, "decode", {}},
    {"IIF", 3, "iif", {}},
    {"IFF", 3, "iif", {}},
    {"IF", 3, "iif", {}},
    {"NOW", 0, "current_timestamp", {}},
    {"CURRENT_TIMESTAMP", 0, "current_timestamp", {}},
    {"SYSDATE",
     0,
     "current_timestamp",
     {},
     F::kApproximate,
     "SYSDATE is the database server's local date and time without fractional seconds"},
    {"GETDATE",
     0,
     "current_timestamp",
     {},
     F::kApproximate,
     "GETDATE() is a local DATETIME without time zone (3.33 ms precision)"},
    {"SYSDATETIME",
     0,
     "current_timestamp",
     {},
     F::kApproximate,
     "SYSDATETIME() is a local DATETIME2 without time zone"},
    {"CURRENT_DATE", 0, "current_date", {}},
    {"CURDATE", 0, "current_date", {}},
    {"DATEADD", 3, "date_add", k123},
    {"TIMESTAMPADD", 3, "date_add", k123},
    {"DATE_ADD", 2, "date_add", kIntervalAdd},
    {"DATE_SUB", 2, "date_sub", kIntervalAdd},
    {"ADD_MONTHS", 2, "date_add", kAddMonths, F::kApproximate,
     "ADD_MONTHS keeps month ends (Jan 31 + 1 -> Feb 28/29, Feb 28 + 1 -> Mar 31)"},
    {"DATEDIFF", 3, "date_diff", k123},
    {"DATEDIFF", 2, "date_diff", kDiffDays},
    {"MONTHS_BETWEEN", 2, "months_between", {}},
    {"DATE_TRUNC", 2, "date_trunc", k12},
    {"DATETRUNC", 2, "date_trunc", k12},
    {"EXTRACT", 2, "extract", k12},
    {"DATEPART", 2, "extract", k12},
    {"DATE_PART", 2, "extract", k12},
    {"YEAR", 1, "extract", kYear},
    {"MONTH", 1, "extract", kMonth},
    {"DAY", 1, "extract", kDay},
    {"TO_CHAR", 2, "to_char", {}},
    {"DATE_FORMAT", 2, "to_char", {}},
    {"TO_DATE", 2, "to_date", {}},
    {"STR_TO_DATE", 2, "to_timestamp", {}},
    {"TO_TIMESTAMP", 2, "to_timestamp", {}},
    {"SUBSTR", -1, "substr", {}},
    {"SUBSTRING", -1, "substr", {}},
    {"MID", 3, "substr", {}},
    {"INSTR", 2, "strpos", {}},
    {"STRPOS", 2, "strpos", {}},
    {"CHARINDEX", 2, "strpos", k21},
    {"POSITION", 2, "strpos", k21},
    {"LOCATE", 2, "strpos", k21},
    {"LENGTH", 1, "length", {}},
    {"LEN", 1, "length", {}, F::kApproximate, "LEN ignores trailing blanks"},
    {"CHAR_LENGTH", 1, "length", {}},
    {"CHARACTER_LENGTH", 1, "length", {}},
    {"OCTET_LENGTH", 1, "octet_length", {}},
    {"CONCAT", -1, "concat", {}},
    {"REGEXP_LIKE", 2, "regexp_contains", {}},
    {"REGEXP_CONTAINS", 2, "regexp_contains", {}},
    {"RLIKE", 2, "regexp_contains", {}},
    {"REGEXP_REPLACE", 3, "regexp_replace", {}},
    {"REGEXP_SUBSTR", 2, "regexp_substr", {}},
    {"REGEXP_EXTRACT", 2, "regexp_substr", {}},
    {"TRUNC", -1, "trunc", {}},
    {"TRUNCATE", 2, "trunc", {}},
    {"ROUND", -1, "round", {}},
    {"MOD", 2, "mod", {}},
    {"DIV", 2, "int_div", {}},
    {"STRING_AGG", 2, "string_agg", {}},
    {"LISTAGG", 2, "string_agg", {}},
    {"LISTAGG", 1, "string_agg", kEmptySep},
    {"GROUP_CONCAT", 1, "string_agg", kCommaSep, F::kApproximate,
     "GROUP_CONCAT output is cut at group_concat_max_len (1024 bytes by default); a "
     "SEPARATOR clause is not kept by the parser"},
    {"ARRAY_AGG", 1, "array_agg", {}},
};

constexpr OperatorReadRule kCommonOperators[] = {
    {"||", "concat"},
    {"%", "mod"},
    {"DIV", "int_div"},
    {"MOD", "mod"},
    {"RLIKE", "regexp_contains"},
    {"REGEXP", "regexp_contains"},
};

constexpr std::string_view kRegexNote =
    "regular-expression dialects differ (POSIX, RE2, Java, PCRE); check the pattern";

constexpr FunctionWriteRule kCommonWrites[] = {
    {"coalesce", -1, {}, "COALESCE($*)"},
    {"nvl2", 3, {}, "CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END"},
    {"decode",
     -1,
     {},
     "CASE-DECODE",
     F::kApproximate,
     "DECODE matches NULL search values; the CASE matches NULL only for a literal NULL"},
    {"iif", 3, {}, "CASE WHEN $1 THEN $2 ELSE $3 END"},
    {"current_timestamp", -1, {}, "CURRENT_TIMESTAMP"},
    {"current_date", -1, {}, "CURRENT_DATE"},
    {"date_add", 3, {}, "$3 + ($2) * INTERVAL '1 $u1'"},
    {"date_sub", 3, {}, "$3 - ($2) * INTERVAL '1 $u1'"},
    {"date_diff", 3, {}, ""},
    {"months_between", 2, {}, ""},
    {"date_trunc", 2, {}, "DATE_TRUNC($s1, $2)"},
    {"extract", 2, "DAYOFWEEK", "", F::kUnsupported, "day-of-week numbering differs"},
    {"extract", 2, {}, "EXTRACT($u1 FROM $2)"},
    {"to_char", 2, {}, "TO_CHAR($1, $f2)"},
    {"to_date", 2, {}, "TO_DATE($1, $f2)"},
    {"to_timestamp", 2, {}, "TO_TIMESTAMP($1, $f2)"},
    {"substr", -1, {}, "SUBSTR($*)"},
    {"strpos", 2, {}, "POSITION($2 IN $1)"},
    {"length", 1, {}, "LENGTH($1)"},
    {"octet_length", 1, {}, "OCTET_LENGTH($1)"},
    {"concat", -1, {}, "$|"},
    {"concat_skip_null", -1, {}, "CONCAT($C)"},
    {"regexp_contains", 2, {}, "REGEXP_LIKE($1, $2)", F::kApproximate, kRegexNote},
    {"regexp_replace", 3, {}, "REGEXP_REPLACE($1, $2, $3)", F::kApproximate, kRegexNote},
    {"regexp_replace_first",
     3,
     {},
     "",
     F::kUnsupported,
     "no function replaces only the first match"},
    {"regexp_substr", 2, {}, "REGEXP_SUBSTR($1, $2)", F::kApproximate, kRegexNote},
    {"trunc", -1, {}, "TRUNC($*)"},
    {"round", -1, {}, "ROUND($*)"},
    {"mod", 2, {}, "MOD($1, $2)"},
    {"int_div",
     2,
     {},
     "CAST(FLOOR($1 / $2) AS BIGINT)",
     F::kApproximate,
     "integer division truncates toward zero; FLOOR differs for negative quotients"},
    {"decode_null_safe",
     -1,
     {},
     "CASE-DECODE",
     F::kApproximate,
     "DECODE matches NULL search values; the CASE matches NULL only for a literal NULL"},
    {"concat_ws", -1, {}, "CONCAT_WS($*)"},
    {"trim", 1, {}, "TRIM($1)"},
    {"ilike", 2, {}, "LOWER($1) LIKE LOWER($2)"},
    {"regexp_contains_ci", 2, {}, "REGEXP_LIKE($1, $2, 'i')", F::kApproximate, kRegexNote},
    {"string_agg", 2, {}, "STRING_AGG($D$1, $2$O)"},
    {"array_agg", 1, {}, "ARRAY_AGG($D$1$O)"},
};

constexpr std::string_view kPortable[] = {
    "ABS",          "ACOS",     "ASCII", "ASIN",       "ATAN",       "AVG",         "CEIL",
    "CEILING",      "COS",      "COUNT", "CUME_DIST",  "DENSE_RANK", "EXP",         "FIRST_VALUE",
    "FLOOR",        "GREATEST", "LAG",   "LAST_VALUE", "LEAD",       "LEAST",       "LN",
    "LOWER",        "LTRIM",    "MAX",   "MIN",        "NTH_VALUE",  "NTILE",       "NULLIF",
    "PERCENT_RANK", "POWER",    "RANK",  "REPLACE",    "REVERSE",    "ROW_NUMBER",  "RTRIM",
    "SIGN",         "SIN",      "SQRT",  "STDDEV",     "STDDEV_POP", "STDDEV_SAMP", "SUM",
    "TAN",          "TRIM",     "UPPER", "VAR_POP",    "VAR_SAMP",   "VARIANCE",
};

bool arity_ok(int rule, int actual) {
  return rule == -1 || rule == actual;
}

}  // namespace

std::string_view to_string(Fidelity fidelity) {
  switch (fidelity) {
    case Fidelity::kExact: return "exact";
    case Fidelity::kApproximate: return "approximate";
    case Fidelity::kUnsupported: return "unsupported";
  }
  return "exact";
}

std::span<const std::string_view> portable_functions() {
  static const auto kSorted = [] {
    std::array<std::string_view, std::size(kPortable)> a{};
    std::copy(std::begin(kPortable), std::end(kPortable), a.begin());
    std::sort(a.begin(), a.end());
    return a;
  }();
  return kSorted;
}

const FunctionReadRule* find_read_rule(const PrinterProfile& p, std::string_view name, int arity,
                                       bool (*is_string)(const void*, int), const void* call) {
  auto matches = [&](const FunctionReadRule& r) {
    if (r.name != name || !arity_ok(r.arity, arity)) return false;
    if (r.string_arg && (!is_string || !is_string(call, r.string_arg))) return false;
    return true;
  };
  for (const FunctionReadRule& r : p.reads)
    if (matches(r)) return &r;
  for (const FunctionReadRule& r : kCommonReads)
    if (matches(r)) return &r;
  return nullptr;
}

const FunctionWriteRule* find_write_rule(const PrinterProfile& p, std::string_view canonical,
                                         int arity, std::string_view unit) {
  auto matches = [&](const FunctionWriteRule& w) {
    return w.canonical == canonical && arity_ok(w.arity, arity) &&
           (w.unit.empty() || w.unit == unit);
  };
  for (const FunctionWriteRule& w : p.writes)
    if (matches(w)) return &w;
  for (const FunctionWriteRule& w : kCommonWrites)
    if (matches(w)) return &w;
  return nullptr;
}

const OperatorReadRule* find_operator_rule(const PrinterProfile& p, std::string_view op) {
  for (const OperatorReadRule& r : p.operators)
    if (r.op == op) return &r;
  for (const OperatorReadRule& r : kCommonOperators)
    if (r.op == op) return &r;
  return nullptr;
}

const PrinterProfile* find_printer_profile(std::string_view dialect) {
  using Factory = const PrinterProfile& (*)();
  static constexpr std::pair<std::string_view, Factory> kProfiles[] = {
      {"ansi", ansi_printer_profile},
      {"bigquery", bigquery_printer_profile},
      {"databricks", databricks_printer_profile},
      {"hive", hive_printer_profile},
      {"mysql", mysql_printer_profile},
      {"oracle", oracle_printer_profile},
      {"postgres", postgres_printer_profile},
      {"redshift", redshift_printer_profile},
      {"snowflake", snowflake_printer_profile},
      {"sqlite", sqlite_printer_profile},
      {"teradata", teradata_printer_profile},
      {"tsql", tsql_printer_profile},
  };
  for (const auto& [name, factory] : kProfiles)
    if (name == dialect) return &factory();
  return nullptr;
}

}  // namespace godwit::sql
