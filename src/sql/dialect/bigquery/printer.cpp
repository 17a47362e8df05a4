// How Godwit writes BigQuery GoogleSQL ("Lexical structure" reserved keywords, function reference):
// identifier quoting and case, reserved words, literal and row-limit syntax, and where its
// functions differ from the shared translation tables (src/sql/printer/printer_profile.cpp). Data
// only; the printer asks these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ALL",
    "ALTER",
    "AND",
    "ANY",
    "ARRAY",
    "AS",
    "ASC",
    "ASSERT_ROWS_MODIFIED",
    "AT",
    "BETWEEN",
    "BY",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "CONSTRAINT",
    "CONTAINS",
    "CREATE",
    "CROSS",
    "CUBE",
    "CURRENT",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DEFAULT",
    "DEFINE",
    "DELETE",
    "DESC",
    "DISTINCT",
    "DROP",
    "ELSE",
    "END",
    "ENUM",
    "ESCAPE",
    "EXCEPT",
    "EXCLUDE",
    "EXISTS",
    "EXTRACT",
    "FALSE",
    "FETCH",
    "FOLLOWING",
    "FOR",
    "FOREIGN",
    "FROM",
    "FULL",
    "GRANT",
    "GROUP",
    "GROUPING",
    "GROUPS",
    "HASH",
    "HAVING",
    "IF",
    "IGNORE",
    "IN",
    "INNER",
    "INSERT",
    "INTERSECT",
    "INTERVAL",
    "INTO",
    "IS",
    "JOIN",
    "LATERAL",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LOOKUP",
    "MERGE",
    "NATURAL",
    "NEW",
    "NO",
    "NOT",
    "NULL",
    "NULLS",
    "OF",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PARTITION",
    "PRECEDING",
    "PRIMARY",
    "PROTO",
    "QUALIFY",
    "RANGE",
    "RECURSIVE",
    "REFERENCES",
    "RESPECT",
    "RIGHT",
    "ROLLUP",
    "ROWS",
    "SELECT",
    "SESSION_USER",
    "SET",
    "SOME",
    "STRUCT",
    "TABLE",
    "TABLESAMPLE",
    "THEN",
    "TO",
    "TREAT",
    "TRUE",
    "UNBOUNDED",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USER",
    "USING",
    "VALUES",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
    "WITHIN",
};

constexpr A k21[] = {"2", "1"};
constexpr A k12[] = {"1", "2"};
constexpr A kDiff[] = {"3", "2", "1"};
constexpr A kInterval[] = {"2.u", "2.v", "1"};
constexpr std::string_view kTyped =
    "BigQuery's DATE_ functions take DATE values; use the DATETIME_/TIMESTAMP_ forms for other "
    "types";

constexpr FunctionReadRule kReads[] = {
    {"DATE_DIFF", 3, "date_diff", kDiff},       {"DATETIME_DIFF", 3, "date_diff", kDiff},
    {"TIMESTAMP_DIFF", 3, "date_diff", kDiff},  {"DATE_TRUNC", 2, "date_trunc", k21},
    {"DATETIME_TRUNC", 2, "date_trunc", k21},   {"TIMESTAMP_TRUNC", 2, "date_trunc", k21},
    {"DATETIME_ADD", 2, "date_add", kInterval}, {"TIMESTAMP_ADD", 2, "date_add", kInterval},
    {"DATETIME_SUB", 2, "date_sub", kInterval}, {"TIMESTAMP_SUB", 2, "date_sub", kInterval},
    {"FORMAT_DATE", 2, "to_char", k21},         {"FORMAT_DATETIME", 2, "to_char", k21},
    {"FORMAT_TIMESTAMP", 2, "to_char", k21},    {"PARSE_DATE", 2, "to_date", k21},
    {"PARSE_DATETIME", 2, "to_timestamp", k21}, {"PARSE_TIMESTAMP", 2, "to_timestamp", k21},
    {"BYTE_LENGTH", 1, "octet_length", {}},     {"DIV", 2, "int_div", {}},
};

constexpr FunctionWriteRule kWrites[] = {
    {"extract", 2, "DAYOFWEEK", "EXTRACT(DAYOFWEEK FROM $2)"},
    {"extract", 2, "DAYOFYEAR", "EXTRACT(DAYOFYEAR FROM $2)"},
    {"current_timestamp", -1, {}, "CURRENT_TIMESTAMP()"},
    {"current_date", -1, {}, "CURRENT_DATE()"},
    {"iif", 3, {}, "IF($1, $2, $3)"},
    {"date_add", 3, {}, "DATE_ADD($3, INTERVAL $2 $u1)", F::kApproximate, kTyped},
    {"date_sub", 3, {}, "DATE_SUB($3, INTERVAL $2 $u1)", F::kApproximate, kTyped},
    {"date_diff", 3, {}, "DATE_DIFF($3, $2, $u1)", F::kApproximate, kTyped},
    {"date_trunc", 2, {}, "DATE_TRUNC($2, $u1)", F::kApproximate, kTyped},
    {"months_between",
     2,
     {},
     "DATE_DIFF($1, $2, MONTH)",
     F::kApproximate,
     "MONTHS_BETWEEN returns fractional months; DATE_DIFF counts month boundaries"},
    {"to_char",
     2,
     {},
     "FORMAT_TIMESTAMP($f2, $1)",
     F::kApproximate,
     "FORMAT_TIMESTAMP takes a TIMESTAMP; use FORMAT_DATE/FORMAT_DATETIME for other types"},
    {"to_date", 2, {}, "PARSE_DATE($f2, $1)"},
    {"to_timestamp", 2, {}, "PARSE_TIMESTAMP($f2, $1)"},
    {"strpos", 2, {}, "STRPOS($1, $2)"},
    {"octet_length", 1, {}, "BYTE_LENGTH($1)"},
    {"concat", -1, {}, "CONCAT($*)"},
    {"regexp_contains",
     2,
     {},
     "REGEXP_CONTAINS($1, $2)",
     F::kApproximate,
     "BigQuery uses RE2 regular expressions"},
    {"regexp_substr",
     2,
     {},
     "REGEXP_EXTRACT($1, $2)",
     F::kApproximate,
     "BigQuery uses RE2 regular expressions"},
    {"int_div", 2, {}, "DIV($1, $2)"},
    {"array_agg",
     1,
     {},
     "ARRAY_AGG($D$1$O)",
     F::kApproximate,
     "BigQuery ARRAY_AGG raises an error on NULL elements unless IGNORE NULLS"},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "bigquery";
  p.create_or_replace_table = true;
  p.check_constraints = false;
  p.secondary_indexes = false;
  p.unique_constraints = false;
  p.key_suffix = " NOT ENFORCED";
  p.quote_open = '`';
  p.quote_close = '`';
  p.identifier_backslash_escape = true;
  p.identifier_case = IdentifierCase::kInsensitive;
  p.backslash_escapes = true;
  p.try_cast = "SAFE_CAST";
  p.format_style = FormatStyle::kStrftime;
  p.set_operator_distinct = true;
  p.star_except = "EXCEPT";
  p.qualify = true;
  p.comment_on = false;
  p.limit_required_for_offset = true;
  p.limit_all = "9223372036854775807";
  p.temporary = "TEMP";
  p.array_open = "[";
  p.array_close = "]";
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  return p;
}

}  // namespace

const PrinterProfile& bigquery_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
