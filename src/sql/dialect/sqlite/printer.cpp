// How Godwit writes SQLite ("SQLite Keywords", core functions): identifier quoting and case,
// reserved words, literal and row-limit syntax, and where its functions differ from the shared
// translation tables (src/sql/printer/printer_profile.cpp). Data only; the printer
// asks these questions by name.
#include "sql/printer/printer_profile.hpp"

namespace godwit::sql {
namespace {

using F = Fidelity;
using A = std::string_view;

constexpr std::string_view kReserved[] = {
    "ABORT",
    "ACTION",
    "ADD",
    "AFTER",
    "ALL",
    "ALTER",
    "ANALYZE",
    "AND",
    "ANY",
    "AS",
    "ASC",
    "ATTACH",
    "AUTOINCREMENT",
    "BEFORE",
    "BEGIN",
    "BETWEEN",
    "BY",
    "CASCADE",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "COMMIT",
    "CONFLICT",
    "CONSTRAINT",
    "CREATE",
    "CROSS",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DATABASE",
    "DEFAULT",
    "DEFERRABLE",
    "DEFERRED",
    "DELETE",
    "DESC",
    "DETACH",
    "DISTINCT",
    "DROP",
    "EACH",
    "ELSE",
    "END",
    "ESCAPE",
    "EXCEPT",
    "EXCLUSIVE",
    "EXISTS",
    "EXPLAIN",
    "FAIL",
    "FALSE",
    "FETCH",
    "FOR",
    "FOREIGN",
    "FROM",
    "FULL",
    "GLOB",
    "GRANT",
    "GROUP",
    "HAVING",
    "IF",
    "IGNORE",
    "IMMEDIATE",
    "IN",
    "INDEX",
    "INDEXED",
    "INITIALLY",
    "INNER",
    "INSERT",
    "INSTEAD",
    "INTERSECT",
    "INTO",
    "IS",
    "ISNULL",
    "JOIN",
    "KEY",
    "LEFT",
    "LIKE",
    "LIMIT",
    "MATCH",
    "NATURAL",
    "NO",
    "NOT",
    "NOTNULL",
    "NULL",
    "OF",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "PLAN",
    "PRAGMA",
    "PRIMARY",
    "QUERY",
    "RAISE",
    "RECURSIVE",
    "REFERENCES",
    "REGEXP",
    "REINDEX",
    "RELEASE",
    "RENAME",
    "REPLACE",
    "RESTRICT",
    "RIGHT",
    "ROLLBACK",
    "ROW",
    "SAVEPOINT",
    "SELECT",
    "SESSION_USER",
    "SET",
    "SOME",
    "TABLE",
    "TEMP",
    "TEMPORARY",
    "THEN",
    "TO",
    "TRANSACTION",
    "TRIGGER",
    "TRUE",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USER",
    "USING",
    "VACUUM",
    "VALUES",
    "VIEW",
    "VIRTUAL",
    "WHEN",
    "WHERE",
    "WITH",
};

constexpr FunctionWriteRule kWrites[] = {
    {"iif", 3, {}, "IIF($1, $2, $3)"},
    {"strpos", 2, {}, "INSTR($1, $2)"},
    {"string_agg", 2, {}, "GROUP_CONCAT($D$1, $2)"},
};

PrinterProfile make_profile() {
  PrinterProfile p;
  p.dialect = "sqlite";
  p.identifier_case = IdentifierCase::kInsensitive;
  p.integer_division = true;
  p.auto_increment = "AUTOINCREMENT";
  p.identity = "AUTOINCREMENT";
  p.identity_always = "AUTOINCREMENT";
  p.identity_by_default = "AUTOINCREMENT";
  p.comment_on = false;
  p.filter_clause = true;
  p.reserved_words = kReserved;
  p.writes = kWrites;
  return p;
}

}  // namespace

const PrinterProfile& sqlite_printer_profile() {
  static const PrinterProfile kProfile = make_profile();
  return kProfile;
}

}  // namespace godwit::sql
