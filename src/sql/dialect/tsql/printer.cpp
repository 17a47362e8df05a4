// How Godwit writes SQL Server T-SQL ("Reserved Keywords", function reference): identifier quoting
// and case, reserved words, literal and row-limit syntax, and where its functions differ from the
// shared translation tables (src/sql/printer/printer_profile.cpp). Data only; the printer asks
// these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ADD",          "ALL",
    "ALTER",        "AND",
    "ANY",          "AS",
    "ASC",          "BACKUP",
    "BEGIN",        "BETWEEN",
    "BREAK",        "BROWSE",
    "BULK",         "BY",
    "CASCADE",      "CASE",
    "CAST",         "CHECK",
    "CHECKPOINT",   "CLOSE",
    "CLUSTERED",    "COLLATE",
    "COLUMN",       "COMMIT",
    "COMPUTE",      "CONSTRAINT",
    "CONTAINS",     "CONTAINSTABLE",
    "CONTINUE",     "CONVERT",
    "CREATE",       "CROSS",
    "CURRENT",      "CURRENT_DATE",
    "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "CURRENT_USER", "CURSOR",
    "DATABASE",     "DBCC",
    "DEALLOCATE",   "DECLARE",
    "DEFAULT",      "DELETE",
    "DENY",         "DESC",
    "DISK",         "DISTINCT",
    "DISTRIBUTED",  "DOUBLE",
    "DROP",         "DUMP",
    "ELSE",         "END",
    "ERRLVL",       "ESCAPE",
    "EXCEPT",       "EXEC",
    "EXECUTE",      "EXISTS",
    "EXIT",         "EXTERNAL",
    "FALSE",        "FETCH",
    "FILE",         "FILLFACTOR",
    "FOR",          "FOREIGN",
    "FREETEXT",     "FROM",
    "FULL",         "FUNCTION",
    "GOTO",         "GRANT",
    "GROUP",        "HAVING",
    "HOLDLOCK",     "IDENTITY",
    "IDENTITYCOL",  "IF",
    "IN",           "INDEX",
    "INNER",        "INSERT",
    "INTERSECT",    "INTO",
    "IS",           "JOIN",
    "KEY",          "KILL",
    "LEFT",         "LIKE",
    "LINENO",       "LOAD",
    "MERGE",        "NATURAL",
    "NOCHECK",      "NONCLUSTERED",
    "NOT",          "NULL",
    "OF",           "OFF",
    "OFFSETS",      "ON",
    "OPEN",         "OPENDATASOURCE",
    "OPENQUERY",    "OPENROWSET",
    "OPENXML",      "OPTION",
    "OR",           "ORDER",
    "OUTER",        "OVER",
    "PERCENT",      "PIVOT",
    "PLAN",         "PRECISION",
    "PRIMARY",      "PRINT",
    "PROC",         "PROCEDURE",
    "PUBLIC",       "RAISERROR",
    "READ",         "READTEXT",
    "RECONFIGURE",  "REFERENCES",
    "REPLICATION",  "RESTORE",
    "RESTRICT",     "RETURN",
    "REVERT",       "REVOKE",
    "RIGHT",        "ROLLBACK",
    "ROWCOUNT",     "ROWGUIDCOL",
    "RULE",         "SAVE",
    "SCHEMA",       "SECURITYAUDIT",
    "SELECT",       "SESSION_USER",
    "SET",          "SETUSER",
    "SHUTDOWN",     "SOME",
    "STATISTICS",   "SYSTEM_USER",
    "TABLE",        "TABLESAMPLE",
    "TEXTSIZE",     "THEN",
    "TO",           "TOP",
    "TRAN",         "TRANSACTION",
    "TRIGGER",      "TRUE",
    "TRUNCATE",     "TRY_CONVERT",
    "TSEQUAL",      "UNION",
    "UNIQUE",       "UNPIVOT",
    "UPDATE",       "UPDATETEXT",
    "USE",          "USER",
    "USING",        "VALUES",
    "VARYING",      "VIEW",
    "WAITFOR",      "WHEN",
    "WHERE",        "WHILE",
    "WITH",         "WITHIN",
    "WRITETEXT",
};

constexpr A kRoundTrunc[] = {"1", "2"};
constexpr std::string_view kNoRegex =
    "SQL Server (before 2025) has no regular-expression functions";

constexpr FunctionReadRule kReads[] = {
    {"ROUND", 3, "trunc", kRoundTrunc, F::kApproximate,
     "ROUND(x, n, f) truncates when f is not 0; assumed so"},
    {"ISNULL",
     2,
     "coalesce",
     {},
     F::kApproximate,
     "ISNULL returns the type of its first argument (the replacement may be truncated)"},
    {"CONCAT", -1, "concat_skip_null", {}},
    {"FORMAT", 2, "to_char", {}, F::kApproximate, ".NET format strings are close to Java patterns"},
    {"DATALENGTH", 1, "octet_length", {}},
    {"GETUTCDATE", 0, "current_timestamp", {}},
};

constexpr FunctionWriteRule kWrites[] = {
    {"extract", 2, "DAYOFWEEK", "DATEPART(WEEKDAY, $2)", F::kApproximate,
     "DATEPART(WEEKDAY) depends on SET DATEFIRST (Sunday is 1 by default)"},
    {"extract", 2, "DAYOFYEAR", "DATEPART(DAYOFYEAR, $2)"},
    {"current_timestamp",
     -1,
     {},
     "CURRENT_TIMESTAMP",
     F::kApproximate,
     "SQL Server CURRENT_TIMESTAMP is a local DATETIME without time zone"},
    {"current_date", -1, {}, "CAST(GETDATE() AS DATE)"},
    {"iif", 3, {}, "IIF($1, $2, $3)"},
    {"date_add", 3, {}, "DATEADD($u1, $2, $3)"},
    {"date_sub", 3, {}, "DATEADD($u1, -($2), $3)"},
    {"date_diff", 3, {}, "DATEDIFF($u1, $2, $3)"},
    {"months_between",
     2,
     {},
     "DATEDIFF(MONTH, $2, $1)",
     F::kApproximate,
     "DATEDIFF counts month boundaries; MONTHS_BETWEEN returns fractional months"},
    {"date_trunc", 2, {}, "DATETRUNC($u1, $2)", F::kApproximate, "DATETRUNC needs SQL Server 2022"},
    {"extract", 2, {}, "DATEPART($u1, $2)"},
    {"to_char",
     2,
     {},
     "FORMAT($1, $f2)",
     F::kApproximate,
     ".NET format strings: most Java pattern letters match"},
    {"to_date",
     2,
     {},
     "CONVERT(DATE, $1)",
     F::kApproximate,
     "the format is not used: CONVERT reads the string in the session's date format"},
    {"to_timestamp",
     2,
     {},
     "CONVERT(DATETIME2, $1)",
     F::kApproximate,
     "the format is not used: CONVERT reads the string in the session's date format"},
    {"substr", 3, {}, "SUBSTRING($1, $2, $3)"},
    {"substr", 2, {}, "SUBSTRING($1, $2, LEN($1))"},
    {"strpos", 2, {}, "CHARINDEX($2, $1)"},
    {"length", 1, {}, "LEN($1)", F::kApproximate, "LEN ignores trailing blanks"},
    {"octet_length", 1, {}, "DATALENGTH($1)"},
    {"concat",
     -1,
     {},
     "$+",
     F::kApproximate,
     "+ concatenates strings only (and adds numbers); NULL-propagating with "
     "CONCAT_NULL_YIELDS_NULL ON"},
    {"concat_skip_null", -1, {}, "CONCAT($*)"},
    {"regexp_contains", 2, {}, "", F::kUnsupported, kNoRegex},
    {"regexp_replace", 3, {}, "", F::kUnsupported, kNoRegex},
    {"regexp_substr", 2, {}, "", F::kUnsupported, kNoRegex},
    {"trunc", 1, {}, "ROUND($1, 0, 1)"},
    {"trunc", 2, {}, "ROUND($1, $2, 1)"},
    {"round", 1, {}, "ROUND($1, 0)"},
    {"mod", 2, {}, "$1 % $2"},
    {"int_div",
     2,
     {},
     "$1 / $2",
     F::kApproximate,
     "/ truncates only when both operands are integers"},
    {"ilike", 2, {}, "LOWER($1) LIKE LOWER($2)"},
    {"string_agg", 2, {}, "STRING_AGG($1, $2)$G"},
    {"array_agg", 1, {}, "", F::kUnsupported, "SQL Server has no array type"},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "tsql";
  p.index_names_per_table = true;
  p.or_replace_view = "OR ALTER";
  p.plus_concatenates = true;
  p.unicode_prefix = true;
  p.quote_open = '[';
  p.quote_close = ']';
  p.identifier_case = IdentifierCase::kInsensitive;
  p.limit = LimitSyntax::kTop;
  p.nulls_ordering_clause = false;
  p.boolean_literals = false;
  p.integer_division = true;
  p.try_cast = "TRY_CAST";
  p.format_style = FormatStyle::kJava;
  p.typed_literals = false;
  p.intervals = false;
  p.convert_type_first = true;
  p.comment_on = false;
  p.if_not_exists = false;
  p.create_or_replace = false;
  p.apply_join = true;
  p.identity = "IDENTITY(1, 1)";
  p.auto_increment = "IDENTITY(1, 1)";
  p.identity_always = "IDENTITY(1, 1)";
  p.identity_by_default = "IDENTITY(1, 1)";
  p.temporary = "";
  p.add_column = "ADD";
  p.array_open = "";
  p.array_close = "";
  p.reserved_words = kReserved;
  p.reads = kReads;
  p.writes = kWrites;
  return p;
}

}  // namespace

const PrinterProfile& tsql_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
