// How Godwit writes Amazon Redshift ("Reserved words", SQL functions reference): identifier quoting
// and case, reserved words, literal and row-limit syntax, and where its functions differ from the
// shared translation tables (src/sql/printer/printer_profile.cpp). Data only; the printer asks
// these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "AES128",
    "AES256",
    "ALL",
    "ALLOWOVERWRITE",
    "ALTER",
    "ANALYSE",
    "ANALYZE",
    "AND",
    "ANY",
    "ARRAY",
    "AS",
    "ASC",
    "AUTHORIZATION",
    "BACKUP",
    "BETWEEN",
    "BINARY",
    "BLANKSASNULL",
    "BOTH",
    "BY",
    "BYTEDICT",
    "BZIP2",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "CONSTRAINT",
    "CREATE",
    "CREDENTIALS",
    "CROSS",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DEFAULT",
    "DEFERRABLE",
    "DEFLATE",
    "DEFRAG",
    "DELETE",
    "DELTA",
    "DELTA32K",
    "DESC",
    "DISABLE",
    "DISTINCT",
    "DO",
    "DROP",
    "ELSE",
    "EMPTYASNULL",
    "ENABLE",
    "ENCODE",
    "ENCRYPT",
    "ENCRYPTION",
    "END",
    "EXCEPT",
    "EXISTS",
    "EXPLICIT",
    "FALSE",
    "FETCH",
    "FOR",
    "FOREIGN",
    "FREEZE",
    "FROM",
    "FULL",
    "GLOBALDICT256",
    "GLOBALDICT64K",
    "GRANT",
    "GROUP",
    "GZIP",
    "HAVING",
    "IDENTITY",
    "IGNORE",
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
    "LANGUAGE",
    "LEADING",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "LUN",
    "LUNS",
    "LZO",
    "LZOP",
    "MINUS",
    "MOSTLY16",
    "MOSTLY32",
    "MOSTLY8",
    "NATURAL",
    "NEW",
    "NOT",
    "NOTNULL",
    "NULL",
    "OFF",
    "OFFLINE",
    "OFFSET",
    "OID",
    "OLD",
    "ON",
    "ONLY",
    "OPEN",
    "OR",
    "ORDER",
    "OUTER",
    "OVERLAPS",
    "PARALLEL",
    "PARTITION",
    "PERCENT",
    "PERMISSIONS",
    "PLACING",
    "PRIMARY",
    "RAW",
    "READRATIO",
    "RECOVER",
    "REFERENCES",
    "RESORT",
    "RESPECT",
    "RESTORE",
    "RIGHT",
    "SELECT",
    "SESSION_USER",
    "SET",
    "SIMILAR",
    "SNAPSHOT",
    "SOME",
    "SYSDATE",
    "SYSTEM",
    "TABLE",
    "TAG",
    "TDES",
    "TEXT255",
    "TEXT32K",
    "THEN",
    "TIMESTAMP",
    "TO",
    "TOP",
    "TRAILING",
    "TRUE",
    "TRUNCATECOLUMNS",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USER",
    "USING",
    "VALUES",
    "WALLET",
    "WHEN",
    "WHERE",
    "WITH",
    "WITHOUT",
};

constexpr FunctionReadRule kReads[] = {
    {"CONCAT", 2, "concat", {}},
};

constexpr FunctionWriteRule kWrites[] = {
    {"strpos", 2, {}, "STRPOS($1, $2)"},
    {"date_add", 3, {}, "DATEADD($u1, $2, $3)"},
    {"date_sub", 3, {}, "DATEADD($u1, -($2), $3)"},
    {"date_diff", 3, {}, "DATEDIFF($u1, $2, $3)"},
    {"months_between", 2, {}, "MONTHS_BETWEEN($1, $2)"},
    {"nvl2", 3, {}, "NVL2($1, $2, $3)"},
    {"string_agg", 2, {}, "LISTAGG($D$1, $2)$G"},
};

constexpr OperatorReadRule kOperators[] = {
    {"~", "regexp_contains", F::kExact, {}},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "redshift";
  p.secondary_indexes = false;  // sort and distribution keys instead
  p.identifier_case = IdentifierCase::kLower;
  p.dollar_in_identifiers = true;
  p.nulls_sort_high = true;
  p.integer_division = true;
  p.double_colon_cast = true;
  p.format_style = FormatStyle::kOracle;
  p.interval_number_unit = false;
  p.qualify = true;
  p.identity = "IDENTITY(1, 1)";
  p.auto_increment = "IDENTITY(1, 1)";
  p.identity_always = "IDENTITY(1, 1)";
  p.identity_by_default = "IDENTITY(1, 1)";
  p.minus_keyword = "EXCEPT";
  p.is_distinct_from = false;
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  p.operators = kOperators;
  return p;
}

}  // namespace

const PrinterProfile& redshift_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
