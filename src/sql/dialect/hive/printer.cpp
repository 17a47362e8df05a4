// How Godwit writes Apache Hive ("Reserved keywords", UDF reference): identifier quoting and case,
// reserved words, literal and row-limit syntax, and where its functions differ from the shared
// translation tables (src/sql/printer/printer_profile.cpp). Data only; the printer
// asks these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ALL",          "ALTER",      "AND",       "ANY",          "ARRAY",        "AS",
    "ASC",          "BETWEEN",    "BINARY",    "BOOLEAN",      "BOTH",         "BY",
    "CASE",         "CAST",       "CHECK",     "COLUMN",       "CONSTRAINT",   "CREATE",
    "CROSS",        "CUBE",       "CURRENT",   "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "CURRENT_USER", "CURSOR",     "DATE",      "DECIMAL",      "DEFAULT",      "DELETE",
    "DESC",         "DISTINCT",   "DOUBLE",    "DROP",         "ELSE",         "END",
    "EXCEPT",       "EXCHANGE",   "EXISTS",    "EXTENDED",     "EXTERNAL",     "FALSE",
    "FETCH",        "FLOAT",      "FOLLOWING", "FOR",          "FOREIGN",      "FROM",
    "FULL",         "FUNCTION",   "GRANT",     "GROUP",        "GROUPING",     "HAVING",
    "IF",           "IMPORT",     "IN",        "INNER",        "INSERT",       "INT",
    "INTERSECT",    "INTERVAL",   "INTO",      "IS",           "JOIN",         "LATERAL",
    "LEFT",         "LESS",       "LIKE",      "LOCAL",        "MACRO",        "MAP",
    "MORE",         "NATURAL",    "NONE",      "NOT",          "NULL",         "OF",
    "ON",           "OR",         "ORDER",     "OUT",          "OUTER",        "OVER",
    "PARTIALSCAN",  "PARTITION",  "PERCENT",   "PRECEDING",    "PRESERVE",     "PRIMARY",
    "PROCEDURE",    "RANGE",      "READS",     "REDUCE",       "REFERENCES",   "REVOKE",
    "RIGHT",        "ROLLUP",     "ROW",       "ROWS",         "SELECT",       "SESSION_USER",
    "SET",          "SMALLINT",   "SOME",      "TABLE",        "THEN",         "TIMESTAMP",
    "TO",           "TRANSFORM",  "TRIGGER",   "TRUE",         "UNBOUNDED",    "UNION",
    "UNIQUE",       "UNIQUEJOIN", "UPDATE",    "USER",         "USING",        "UTC_TIMESTAMP",
    "VALUES",       "WHEN",       "WHERE",     "WINDOW",       "WITH",
};

constexpr A kDays[] = {"@DAY", "2", "1"};

constexpr FunctionReadRule kReads[] = {
    {"DATE_ADD", 2, "date_add", kDays, F::kExact, {}, 0},
    {"DATE_SUB", 2, "date_sub", kDays, F::kExact, {}, 0},
    {"COLLECT_LIST", 1, "array_agg", {}, F::kApproximate, "COLLECT_LIST skips NULL elements"},
};

constexpr FunctionWriteRule kWrites[] = {
    {"iif", 3, {}, "IF($1, $2, $3)"},
    {"nvl2", 3, {}, "NVL2($1, $2, $3)"},
    {"date_add", 3, "DAY", "DATE_ADD($3, $2)"},
    {"date_sub", 3, "DAY", "DATE_SUB($3, $2)"},
    {"date_add", 3, "MONTH", "ADD_MONTHS($3, $2)"},
    {"date_diff", 3, "DAY", "DATEDIFF($3, $2)"},
    {"months_between", 2, {}, "MONTHS_BETWEEN($1, $2)"},
    {"to_char", 2, {}, "DATE_FORMAT($1, $f2)"},
    {"strpos", 2, {}, "INSTR($1, $2)"},
    {"concat", -1, {}, "CONCAT($*)"},
    {"concat_skip_null", -1, {}, "CONCAT_WS('', $*)"},
    {"int_div", 2, {}, "$1 DIV $2"},
    {"string_agg", 2, {}, "CONCAT_WS($2, COLLECT_LIST($D$1))"},
    {"array_agg", 1, {}, "COLLECT_LIST($D$1)", F::kApproximate, "COLLECT_LIST skips NULL elements"},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "hive";
  p.check_constraints = false;
  p.secondary_indexes = false;
  p.unique_constraints = false;
  p.quote_open = '`';
  p.quote_close = '`';
  p.identifier_case = IdentifierCase::kInsensitive;
  p.backslash_escapes = true;
  p.format_style = FormatStyle::kJava;
  p.semi_join = true;
  p.column_comment = true;
  p.comment_on = false;
  p.array_open = "ARRAY(";
  p.array_close = ")";
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  return p;
}

}  // namespace

const PrinterProfile& hive_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
