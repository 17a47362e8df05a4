// How Godwit writes Snowflake ("Reserved & limited keywords", function reference): identifier
// quoting and case, reserved words, literal and row-limit syntax, and where its functions differ
// from the shared translation tables (src/sql/printer/printer_profile.cpp). Data only; the printer
// asks these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ACCOUNT",      "ALL",          "ALTER",
    "AND",          "ANY",          "AS",
    "ASC",          "BETWEEN",      "BY",
    "CASE",         "CAST",         "CHECK",
    "COLUMN",       "CONNECT",      "CONNECTION",
    "CONSTRAINT",   "CREATE",       "CROSS",
    "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "CURRENT_USER", "DATABASE",     "DEFAULT",
    "DELETE",       "DESC",         "DISTINCT",
    "DROP",         "ELSE",         "END",
    "EXCEPT",       "EXISTS",       "FALSE",
    "FETCH",        "FOR",          "FOREIGN",
    "FROM",         "FULL",         "GRANT",
    "GROUP",        "GSCRIPT",      "HAVING",
    "ILIKE",        "IN",           "INCREMENT",
    "INNER",        "INSERT",       "INTERSECT",
    "INTO",         "IS",           "ISSUE",
    "JOIN",         "LATERAL",      "LEFT",
    "LIKE",         "LOCALTIME",    "LOCALTIMESTAMP",
    "MINUS",        "NATURAL",      "NOT",
    "NULL",         "OF",           "ON",
    "OR",           "ORDER",        "ORGANIZATION",
    "OUTER",        "PRIMARY",      "QUALIFY",
    "REFERENCES",   "REGEXP",       "REVOKE",
    "RIGHT",        "RLIKE",        "ROW",
    "ROWS",         "SAMPLE",       "SCHEMA",
    "SELECT",       "SESSION_USER", "SET",
    "SOME",         "START",        "TABLE",
    "TABLESAMPLE",  "THEN",         "TO",
    "TRIGGER",      "TRUE",         "TRY_CAST",
    "UNION",        "UNIQUE",       "UPDATE",
    "USER",         "USING",        "VALUES",
    "VIEW",         "WHEN",         "WHENEVER",
    "WHERE",        "WITH",
};

constexpr std::string_view kDow =
    "DAYOFWEEK numbering differs: Sunday is 1 in T-SQL (DATEFIRST 7), BigQuery, MySQL and Spark; 0 "
    "in PostgreSQL DOW and Snowflake";
constexpr std::string_view kRegex = "Snowflake uses POSIX extended regular expressions";

constexpr FunctionReadRule kReads[] = {
    {"TIMEADD", 3, "date_add", {}},   {"TIMESTAMPADD", 3, "date_add", {}},
    {"TIMEDIFF", 3, "date_diff", {}}, {"TIMESTAMPDIFF", 3, "date_diff", {}},
    {"TO_VARCHAR", 2, "to_char", {}}, {"DECODE", -1, "decode_null_safe", {}},
};

constexpr FunctionWriteRule kWrites[] = {
    {"regexp_replace_first", 3, {}, "REGEXP_REPLACE($1, $2, $3, 1, 1)", F::kApproximate, kRegex},
    {"extract", 2, "DAYOFWEEK", "(DAYOFWEEK($2) + 1)", F::kApproximate, kDow},
    {"extract", 2, "DAYOFYEAR", "DAYOFYEAR($2)"},
    {"iif", 3, {}, "IFF($1, $2, $3)"},
    {"nvl2", 3, {}, "NVL2($1, $2, $3)"},
    {"decode", -1, {}, "DECODE($*)"},
    {"decode_null_safe", -1, {}, "DECODE($*)"},
    {"date_add", 3, {}, "DATEADD($u1, $2, $3)"},
    {"date_sub", 3, {}, "DATEADD($u1, -($2), $3)"},
    {"date_diff", 3, {}, "DATEDIFF($u1, $2, $3)"},
    {"months_between", 2, {}, "MONTHS_BETWEEN($1, $2)"},
    {"strpos", 2, {}, "POSITION($2, $1)"},
    {"regexp_contains", 2, {}, "REGEXP_INSTR($1, $2) > 0", F::kApproximate, kRegex},
    {"regexp_replace", 3, {}, "REGEXP_REPLACE($1, $2, $3)", F::kApproximate, kRegex},
    {"regexp_substr", 2, {}, "REGEXP_SUBSTR($1, $2)", F::kApproximate, kRegex},
    {"int_div", 2, {}, "TRUNC($1 / $2)"},
    {"ilike", 2, {}, "$1 ILIKE $2"},
    {"string_agg", 2, {}, "LISTAGG($D$1, $2)$G"},
    {"array_agg", 1, {}, "ARRAY_AGG($D$1)$G"},
};

constexpr OperatorReadRule kOperators[] = {
    {"ILIKE", "ilike", F::kExact, {}},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "snowflake";
  p.create_or_replace_table = true;
  p.check_constraints = false;
  p.secondary_indexes = false;
  p.dual_table = true;
  p.identifier_case = IdentifierCase::kUpper;
  p.dollar_in_identifiers = true;
  p.backslash_escapes = true;
  p.nulls_sort_high = true;
  p.double_colon_cast = true;
  p.try_cast = "TRY_CAST";
  p.try_cast_note = "Snowflake TRY_CAST accepts only string input";
  p.format_style = FormatStyle::kOracle;
  p.interval_number_unit = false;
  p.star_except = "EXCLUDE";
  p.qualify = true;
  p.column_comment = true;
  p.identity = "IDENTITY";
  p.auto_increment = "AUTOINCREMENT";
  p.identity_always = "IDENTITY";
  p.identity_by_default = "IDENTITY";
  p.array_open = "ARRAY_CONSTRUCT(";
  p.array_close = ")";
  p.minus_keyword = "MINUS";
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  p.operators = kOperators;
  return p;
}

}  // namespace

const PrinterProfile& snowflake_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
