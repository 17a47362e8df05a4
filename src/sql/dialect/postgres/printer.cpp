// How Godwit writes PostgreSQL ("SQL Key Words" appendix, "Date/Time Functions", "String
// Functions"): identifier quoting and case, reserved words, literal and row-limit syntax, and where
// its functions differ from the shared translation tables (src/sql/printer/printer_profile.cpp).
// Data only; the printer asks these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ALL",
    "ALTER",
    "ANALYSE",
    "ANALYZE",
    "AND",
    "ANY",
    "ARRAY",
    "AS",
    "ASC",
    "ASYMMETRIC",
    "AUTHORIZATION",
    "BETWEEN",
    "BINARY",
    "BOTH",
    "BY",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLLATION",
    "COLUMN",
    "CONCURRENTLY",
    "CONSTRAINT",
    "CREATE",
    "CROSS",
    "CURRENT_CATALOG",
    "CURRENT_DATE",
    "CURRENT_ROLE",
    "CURRENT_SCHEMA",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DEFAULT",
    "DEFERRABLE",
    "DELETE",
    "DESC",
    "DISTINCT",
    "DO",
    "DROP",
    "ELSE",
    "END",
    "EXCEPT",
    "EXISTS",
    "FALSE",
    "FETCH",
    "FOR",
    "FOREIGN",
    "FREEZE",
    "FROM",
    "FULL",
    "GRANT",
    "GROUP",
    "HAVING",
    "ILIKE",
    "IN",
    "INITIALLY",
    "INNER",
    "INSERT",
    "INTERSECT",
    "INTO",
    "IS",
    "ISNULL",
    "JOIN",
    "LATERAL",
    "LEADING",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "NATURAL",
    "NOT",
    "NOTNULL",
    "NULL",
    "OFFSET",
    "ON",
    "ONLY",
    "OR",
    "ORDER",
    "OUTER",
    "OVERLAPS",
    "PLACING",
    "PRIMARY",
    "REFERENCES",
    "RETURNING",
    "RIGHT",
    "SELECT",
    "SESSION_USER",
    "SET",
    "SIMILAR",
    "SOME",
    "SYMMETRIC",
    "TABLE",
    "TABLESAMPLE",
    "THEN",
    "TO",
    "TRAILING",
    "TRUE",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USER",
    "USING",
    "VALUES",
    "VARIADIC",
    "VERBOSE",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
};

constexpr A k123[] = {"1", "2", "3"};
constexpr std::string_view kDow =
    "DAYOFWEEK numbering differs: Sunday is 1 in T-SQL (DATEFIRST 7), BigQuery, MySQL and Spark; 0 "
    "in PostgreSQL DOW and Snowflake";
constexpr std::string_view kRegex = "PostgreSQL uses POSIX regular expressions";

constexpr FunctionReadRule kReads[] = {
    {"REGEXP_REPLACE", 3, "regexp_replace_first", {}},
    {"REGEXP_REPLACE", 4, "regexp_replace", k123, F::kApproximate,
     "the flags argument is assumed to be 'g' (replace every match)"},
    {"CONCAT", -1, "concat_skip_null", {}},
    {"CONCAT_WS", -1, "concat_ws", {}},
    {"BTRIM", 1, "trim", {}},
};

constexpr FunctionWriteRule kWrites[] = {
    {"regexp_replace_first", 3, {}, "REGEXP_REPLACE($1, $2, $3)"},
    {"extract", 2, "DAYOFWEEK", "(EXTRACT(DOW FROM $2) + 1)", F::kApproximate, kDow},
    {"extract", 2, "DAYOFYEAR", "EXTRACT(DOY FROM $2)"},
    {"date_add",
     3,
     {},
     "$3 + ($2) * INTERVAL '1 $u1'",
     F::kApproximate,
     "date + interval yields a timestamp in PostgreSQL"},
    {"date_sub",
     3,
     {},
     "$3 - ($2) * INTERVAL '1 $u1'",
     F::kApproximate,
     "date - interval yields a timestamp in PostgreSQL"},
    {"date_diff", 3, "DAY", "(CAST($3 AS DATE) - CAST($2 AS DATE))"},
    {"date_diff", 3, "YEAR", "(EXTRACT(YEAR FROM $3) - EXTRACT(YEAR FROM $2))"},
    {"date_diff", 3, "MONTH",
     "((EXTRACT(YEAR FROM $3) - EXTRACT(YEAR FROM $2)) * 12 + EXTRACT(MONTH FROM $3) - "
     "EXTRACT(MONTH FROM $2))"},
    {"date_diff", 3, "HOUR", "FLOOR(EXTRACT(EPOCH FROM ($3 - $2)) / 3600)", F::kApproximate,
     "counts whole hours elapsed, not hour boundaries crossed"},
    {"date_diff", 3, "MINUTE", "FLOOR(EXTRACT(EPOCH FROM ($3 - $2)) / 60)", F::kApproximate,
     "counts whole minutes elapsed, not minute boundaries crossed"},
    {"date_diff", 3, "SECOND", "FLOOR(EXTRACT(EPOCH FROM ($3 - $2)))", F::kApproximate,
     "counts whole seconds elapsed, not second boundaries crossed"},
    {"months_between",
     2,
     {},
     "(EXTRACT(YEAR FROM AGE($1, $2)) * 12 + EXTRACT(MONTH FROM AGE($1, $2)))",
     F::kApproximate,
     "whole months only; MONTHS_BETWEEN also returns the fraction"},
    {"strpos", 2, {}, "STRPOS($1, $2)"},
    {"concat_skip_null", -1, {}, "CONCAT($*)"},
    {"regexp_contains", 2, {}, "$1 ~ $2", F::kApproximate, kRegex},
    {"regexp_replace", 3, {}, "REGEXP_REPLACE($1, $2, $3, 'g')", F::kApproximate, kRegex},
    {"regexp_substr", 2, {}, "SUBSTRING($1 FROM $2)", F::kApproximate, kRegex},
    {"int_div", 2, {}, "DIV($1, $2)"},
    {"ilike", 2, {}, "$1 ILIKE $2"},
    {"trunc", 1, {}, "TRUNC($1)"},
    {"trunc", 2, {}, "TRUNC($1, $2)"},
};

constexpr OperatorReadRule kOperators[] = {
    {"~", "regexp_contains", F::kExact, {}},
    {"~*", "regexp_contains_ci", F::kExact, {}},
    {"ILIKE", "ilike", F::kExact, {}},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "postgres";
  p.lateral_join = true;
  p.identifier_case = IdentifierCase::kLower;
  p.dollar_in_identifiers = true;
  p.nulls_sort_high = true;
  p.integer_division = true;
  p.double_colon_cast = true;
  p.format_style = FormatStyle::kOracle;
  p.distinct_on = true;
  p.filter_clause = true;
  p.interval_number_unit = false;
  p.identity = "GENERATED BY DEFAULT AS IDENTITY";
  p.auto_increment = "GENERATED BY DEFAULT AS IDENTITY";
  p.identity_always = "GENERATED ALWAYS AS IDENTITY";
  p.identity_by_default = "GENERATED BY DEFAULT AS IDENTITY";
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  p.operators = kOperators;
  return p;
}

}  // namespace

const PrinterProfile& postgres_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
