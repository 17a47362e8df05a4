// How Godwit writes MySQL 8.0 ("Keywords and Reserved Words", "Date and Time Functions"):
// identifier quoting and case, reserved words, literal and row-limit syntax, and where its
// functions differ from the shared translation tables (src/sql/printer/printer_profile.cpp). Data
// only; the printer asks these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ACCESSIBLE",
    "ADD",
    "ALL",
    "ALTER",
    "ANALYZE",
    "AND",
    "ANY",
    "AS",
    "ASC",
    "BEFORE",
    "BETWEEN",
    "BIGINT",
    "BINARY",
    "BLOB",
    "BOTH",
    "BY",
    "CALL",
    "CASCADE",
    "CASE",
    "CAST",
    "CHANGE",
    "CHAR",
    "CHARACTER",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "CONDITION",
    "CONSTRAINT",
    "CONTINUE",
    "CONVERT",
    "CREATE",
    "CROSS",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "CURSOR",
    "DATABASE",
    "DATABASES",
    "DAY_HOUR",
    "DEC",
    "DECIMAL",
    "DECLARE",
    "DEFAULT",
    "DELAYED",
    "DELETE",
    "DESC",
    "DESCRIBE",
    "DISTINCT",
    "DIV",
    "DOUBLE",
    "DROP",
    "DUAL",
    "EACH",
    "ELSE",
    "ELSEIF",
    "ENCLOSED",
    "END",
    "ESCAPED",
    "EXCEPT",
    "EXISTS",
    "EXIT",
    "EXPLAIN",
    "FALSE",
    "FETCH",
    "FLOAT",
    "FOR",
    "FORCE",
    "FOREIGN",
    "FROM",
    "FULL",
    "FULLTEXT",
    "GENERATED",
    "GRANT",
    "GROUP",
    "GROUPS",
    "HAVING",
    "HIGH_PRIORITY",
    "IF",
    "IGNORE",
    "IN",
    "INDEX",
    "INFILE",
    "INNER",
    "INOUT",
    "INSERT",
    "INT",
    "INTEGER",
    "INTERSECT",
    "INTERVAL",
    "INTO",
    "IS",
    "ITERATE",
    "JOIN",
    "KEY",
    "KEYS",
    "KILL",
    "LEADING",
    "LEAVE",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LINES",
    "LOAD",
    "LOCK",
    "LONG",
    "LOOP",
    "MATCH",
    "MOD",
    "NATURAL",
    "NOT",
    "NULL",
    "ON",
    "OPTION",
    "OR",
    "ORDER",
    "OUTER",
    "OUTFILE",
    "PARTITION",
    "PRECISION",
    "PRIMARY",
    "PROCEDURE",
    "RANGE",
    "RANK",
    "READ",
    "REAL",
    "REFERENCES",
    "REGEXP",
    "RELEASE",
    "RENAME",
    "REPEAT",
    "REPLACE",
    "REQUIRE",
    "RESTRICT",
    "RETURN",
    "REVOKE",
    "RIGHT",
    "RLIKE",
    "ROW",
    "ROWS",
    "ROW_NUMBER",
    "SCHEMA",
    "SELECT",
    "SEPARATOR",
    "SESSION_USER",
    "SET",
    "SHOW",
    "SMALLINT",
    "SOME",
    "SPATIAL",
    "SQL",
    "STARTING",
    "STORED",
    "TABLE",
    "TERMINATED",
    "THEN",
    "TINYINT",
    "TO",
    "TRAILING",
    "TRIGGER",
    "TRUE",
    "UNDO",
    "UNION",
    "UNIQUE",
    "UNLOCK",
    "UNSIGNED",
    "UPDATE",
    "USAGE",
    "USE",
    "USER",
    "USING",
    "VALUES",
    "VARCHAR",
    "VIRTUAL",
    "WHEN",
    "WHERE",
    "WHILE",
    "WINDOW",
    "WITH",
    "WRITE",
    "XOR",
    "YEAR_MONTH",
    "ZEROFILL",
};

constexpr std::string_view kRegex = "MySQL 8 uses ICU regular expressions";
constexpr std::string_view kWhole =
    "TIMESTAMPDIFF counts whole units elapsed, not unit boundaries crossed";

constexpr FunctionReadRule kReads[] = {
    {"LENGTH", 1, "octet_length", {}},
    {"TIMESTAMPDIFF", 3, "date_diff", {}, F::kApproximate, kWhole},
    {"CONCAT_WS", -1, "concat_ws", {}},
};

constexpr FunctionWriteRule kWrites[] = {
    {"regexp_replace_first", 3, {}, "REGEXP_REPLACE($1, $2, $3, 1, 1)", F::kApproximate, kRegex},
    {"extract", 2, "DAYOFWEEK", "DAYOFWEEK($2)"},
    {"extract", 2, "DAYOFYEAR", "DAYOFYEAR($2)"},
    {"iif", 3, {}, "IF($1, $2, $3)"},
    {"date_add", 3, {}, "DATE_ADD($3, INTERVAL $2 $u1)"},
    {"date_sub", 3, {}, "DATE_SUB($3, INTERVAL $2 $u1)"},
    {"date_diff", 3, "DAY", "DATEDIFF($3, $2)"},
    {"date_diff", 3, {}, "TIMESTAMPDIFF($u1, $2, $3)", F::kApproximate, kWhole},
    {"months_between",
     2,
     {},
     "TIMESTAMPDIFF(MONTH, $2, $1)",
     F::kApproximate,
     "whole months only; MONTHS_BETWEEN also returns the fraction"},
    {"date_trunc", 2, "DAY", "DATE($2)"},
    {"date_trunc", 2, "YEAR", "MAKEDATE(YEAR($2), 1)"},
    {"date_trunc", 2, "MONTH", "CAST(DATE_FORMAT($2, '%Y-%m-01') AS DATE)"},
    {"date_trunc", 2, {}, "", F::kUnsupported, "MySQL has no DATE_TRUNC for this unit"},
    {"to_char", 2, {}, "DATE_FORMAT($1, $f2)"},
    {"to_date", 2, {}, "STR_TO_DATE($1, $f2)"},
    {"to_timestamp", 2, {}, "STR_TO_DATE($1, $f2)"},
    {"strpos", 2, {}, "INSTR($1, $2)"},
    {"length", 1, {}, "CHAR_LENGTH($1)"},
    {"octet_length", 1, {}, "LENGTH($1)"},
    {"concat", -1, {}, "CONCAT($*)"},
    {"concat_skip_null", -1, {}, "CONCAT_WS('', $*)"},
    {"regexp_contains", 2, {}, "REGEXP_LIKE($1, $2)", F::kApproximate, kRegex},
    {"regexp_replace", 3, {}, "REGEXP_REPLACE($1, $2, $3)", F::kApproximate, kRegex},
    {"regexp_substr", 2, {}, "REGEXP_SUBSTR($1, $2)", F::kApproximate, kRegex},
    {"trunc", 1, {}, "TRUNCATE($1, 0)"},
    {"trunc", 2, {}, "TRUNCATE($1, $2)"},
    {"int_div", 2, {}, "$1 DIV $2"},
    {"ilike", 2, {}, "LOWER($1) LIKE LOWER($2)"},
    {"string_agg",
     2,
     {},
     "GROUP_CONCAT($D$1$O SEPARATOR $2)",
     F::kApproximate,
     "GROUP_CONCAT output is cut at group_concat_max_len (1024 bytes by default)"},
    {"array_agg", 1, {}, "JSON_ARRAYAGG($1)", F::kApproximate, "a JSON array, not a typed array"},
};

constexpr OperatorReadRule kOperators[] = {
    {"||", "concat", F::kApproximate,
     "|| is logical OR in MySQL unless sql_mode has PIPES_AS_CONCAT; read as concatenation"},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "mysql";
  p.index_names_per_table = true;
  p.dual_table = true;
  p.quote_open = '`';
  p.quote_close = '`';
  p.identifier_case = IdentifierCase::kInsensitive;
  p.backslash_escapes = true;
  p.nulls_ordering_clause = false;
  p.format_style = FormatStyle::kMysql;
  p.comment_on = false;
  p.column_comment = true;
  p.identity = "AUTO_INCREMENT";
  p.auto_increment = "AUTO_INCREMENT";
  p.identity_always = "AUTO_INCREMENT";
  p.identity_by_default = "AUTO_INCREMENT";
  p.array_open = "JSON_ARRAY(";
  p.array_close = ")";
  p.limit_required_for_offset = true;
  p.limit_all = "18446744073709551615";
  p.is_distinct_from = false;
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  p.operators = kOperators;
  return p;
}

}  // namespace

const PrinterProfile& mysql_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
