// Keywords: the words the shared grammar asks about, recognised once in the lexer so the
// parser compares small integers instead of strings. Dialect-specific verbs that the
// grammar does not model (GRANT, VACUUM ...) are matched by text in the statement table.
#pragma once

#include <cstdint>
#include <string_view>

namespace godwit::sql {

// X(name, reserved): `reserved` words never serve as implicit aliases or bare column
// names; the list is deliberately short because real schemas name columns `type`, `key`,
// `comment`, `date` ... in every dialect.
// clang-format off
#define GODWIT_SQL_KEYWORDS(X) \
  X(ADD, 0) X(AFTER, 0) X(ALL, 1) X(ALTER, 1) X(ALWAYS, 0) X(AND, 1) X(ANTI, 0) X(ANY, 0) \
  X(APPLY, 0) X(ARRAY, 0) X(AS, 1) X(ASC, 0) X(AT, 0) X(AUTHORIZATION, 0) X(AUTO_INCREMENT, 0) \
  X(AUTOINCREMENT, 0) X(BEFORE, 0) X(BEGIN, 0) X(BETWEEN, 1) X(BODY, 0) X(BY, 1) X(BYTE, 0) \
  X(CASCADE, 0) X(CASE, 1) X(CAST, 0) X(CATCH, 0) X(CHANGE, 0) X(CHAR, 0) X(CHARACTER, 0) \
  X(CHARSET, 0) X(CHECK, 1) X(CLUSTER, 0) X(CLUSTERED, 0) X(COLLATE, 1) X(COLUMN, 0) \
  X(COMMENT, 0) X(CONSTRAINT, 1) X(CONNECT, 0) X(CREATE, 1) X(CROSS, 1) X(CUBE, 0) X(CURRENT, 0) \
  X(CYCLE, 0) X(DATABASE, 0) X(DECLARE, 0) X(DEFAULT, 1) X(DEFERRABLE, 0) X(DEFERRED, 0) \
  X(DEFINER, 0) X(DELETE, 1) X(DELIMITER, 0) X(DESC, 0) X(DISTINCT, 1) X(DISTKEY, 0) \
  X(DISTRIBUTE, 0) X(DISTSTYLE, 0) X(DO, 0) X(DOUBLE, 0) X(DROP, 1) X(EACH, 0) X(ELSE, 1) \
  X(ELSEIF, 0) X(ELSIF, 0) X(ENCODE, 0) X(END, 1) X(ENFORCED, 0) X(ENGINE, 0) X(ENUM, 0) \
  X(ESCAPE, 0) X(EXCEPT, 1) X(EXCEPTION, 0) X(EXCLUDE, 0) X(EXISTS, 1) X(EXTERNAL, 0) \
  X(FALSE, 0) X(FETCH, 1) X(FILTER, 0) X(FIRST, 0) X(FOLLOWING, 0) X(FOR, 1) X(FOREIGN, 1) \
  X(FROM, 1) X(FULL, 1) X(FULLTEXT, 0) X(FUNCTION, 0) X(GENERATED, 0) X(GLOBAL, 0) X(GROUP, 1) \
  X(GROUPING, 0) X(HAVING, 1) X(IDENTITY, 0) X(IF, 0) X(IGNORE, 0) X(ILIKE, 1) X(IMMEDIATE, 0) \
  X(IN, 1) X(INCREMENT, 0) X(INDEX, 0) X(INHERITS, 0) X(INITIALLY, 0) X(INNER, 1) X(INOUT, 0) \
  X(INSERT, 1) X(INTERSECT, 1) X(INTERVAL, 0) X(INTO, 1) X(IS, 1) X(ISNULL, 1) X(JOIN, 1) \
  X(KEY, 0) X(LANGUAGE, 0) X(LAST, 0) X(LATERAL, 1) X(LEFT, 1) X(LIKE, 1) X(LIMIT, 1) \
  X(LOCAL, 0) X(LOCATION, 0) X(LOOP, 0) X(MATCH, 0) X(MATCHED, 0) X(MATERIALIZED, 0) \
  X(MAXVALUE, 0) X(MERGE, 0) X(MINUS, 1) X(MINVALUE, 0) X(MODIFY, 0) X(MULTISET, 0) \
  X(NATURAL, 1) X(NO, 0) X(NOCACHE, 0) X(NOCYCLE, 0) X(NONCLUSTERED, 0) X(NOT, 1) X(NOTNULL, 1) \
  X(NULL, 1) X(NULLS, 0) X(OF, 0) X(OFFSET, 1) X(ON, 1) X(ONLY, 0) X(OPTIONS, 0) X(OR, 1) \
  X(ORDER, 1) X(OUT, 0) X(OUTER, 1) X(OVER, 0) X(OWNER, 0) X(PACKAGE, 0) X(PARTITION, 0) \
  X(PARTITIONED, 0) X(PERSISTED, 0) X(PIVOT, 1) X(PRECEDING, 0) X(PRECISION, 0) X(PRIMARY, 1) \
  X(PROCEDURE, 0) X(QUALIFY, 1) X(RANGE, 0) X(RECURSIVE, 0) X(REFERENCES, 1) X(RENAME, 0) \
  X(REPLACE, 0) X(RETURN, 0) X(RETURNING, 1) X(RETURNS, 0) X(RIGHT, 1) X(RLIKE, 1) X(ROLLUP, 0) \
  X(ROW, 0) X(ROWS, 0) X(SAMPLE, 0) X(SCHEMA, 0) X(SELECT, 1) X(SEMI, 0) X(SEQUENCE, 0) \
  X(SET, 1) X(SETS, 0) X(SIMILAR, 1) X(SOME, 0) X(SORTKEY, 0) X(START, 0) X(STORED, 0) \
  X(STRAIGHT_JOIN, 1) X(TABLE, 1) X(TABLESAMPLE, 1) X(TABLESPACE, 0) X(TEMP, 0) X(TEMPORARY, 0) \
  X(THEN, 1) X(TIES, 0) X(TIME, 0) X(TO, 1) X(TOP, 0) X(TRAN, 0) X(TRANSACTION, 0) X(TRIGGER, 0) \
  X(TRUE, 0) X(TRUNCATE, 0) X(TRY, 0) X(TYPE, 0) X(UNBOUNDED, 0) X(UNION, 1) X(UNIQUE, 1) \
  X(UNLOGGED, 0) X(UNPIVOT, 1) X(UNSIGNED, 0) X(UPDATE, 1) X(USE, 0) X(USING, 1) X(VALUES, 1) \
  X(VARYING, 0) X(VIEW, 0) X(VIRTUAL, 0) X(VOLATILE, 0) X(WHEN, 1) X(WHERE, 1) X(WHILE, 0) \
  X(WINDOW, 1) X(WITH, 1) X(WITHIN, 0) X(WITHOUT, 0) X(WORK, 0) X(ZEROFILL, 0) X(ZONE, 0) \
  X(REPEAT, 0) X(TRANSIENT, 0) X(SECURE, 0) X(COPY, 0) X(GO, 0) X(EXEC, 0) X(EXECUTE, 0) \
  X(CONCURRENTLY, 0) X(EDITIONABLE, 0) X(NONEDITIONABLE, 0) X(FORCE, 0) X(NOFORCE, 0) \
  X(SIGNED, 0) X(OBJECT, 0) X(LARGE, 0) X(RAW, 0) X(LONG, 0) X(NATIONAL, 0) X(NCHAR, 0) \
  X(VARCHAR, 0) X(ALGORITHM, 0) X(SQL, 0) X(SECURITY, 0) X(INVOKER, 0) X(OPTION, 0) \
  X(CASCADED, 0) X(LOCK, 0) X(ENABLE, 0) X(DISABLE, 0) X(VALIDATE, 0) X(NOVALIDATE, 0) \
  X(RELY, 0) X(NORELY, 0) X(INVISIBLE, 0) X(VISIBLE, 0) X(RESTRICT, 0) X(ACTION, 0) \
  X(SIMPLE, 0) X(PARTIAL, 0) X(NOCHECK, 0) X(ROWGUIDCOL, 0) X(SPARSE, 0) X(FILESTREAM, 0) \
  X(MASKED, 0) X(HIDDEN, 0) X(SPATIAL, 0) X(OUTPUT, 0) X(SERIAL, 0) X(SORTED, 0) X(BUCKETS, 0) \
  X(CLUSTERING, 0) X(TBLPROPERTIES, 0) X(FORMAT, 0) X(COLUMNS, 0) X(CONSTRAINTS, 0) \
  X(OVERWRITE, 0) X(CONFLICT, 0) X(NOTHING, 0) X(DUPLICATE, 0) X(UNNEST, 0) X(PERCENT, 0) \
  X(NEXT, 0) X(PRIOR, 0) X(WAIT, 0) X(NOWAIT, 0) X(SKIP, 0) X(LOCKED, 0) X(SHARE, 0) \
  X(MODE, 0) X(MINUTE, 0) X(SECOND, 0) X(HOUR, 0) X(DAY, 0) X(MONTH, 0) X(YEAR, 0) X(CONTAINS, 0) \
  X(OVERLAPS, 0) X(NOORDER, 0) X(CACHE, 0) X(NOMAXVALUE, 0) X(NOMINVALUE, 0) X(OWNED, 0) \
  X(NONE, 0) X(DATA, 0) X(DEFINITION, 0) X(EXPLAIN, 0) X(CALL, 0) X(DISTINCTROW, 0) \
  X(STRUCT, 0) X(MAP, 0) X(LEADING, 0) X(TRAILING, 0) X(BOTH, 0) X(POSITION, 0) X(SUBSTRING, 0) \
  X(EXTRACT, 0) X(TRIM, 0) X(CONVERT, 0) X(TRY_CAST, 0) X(SAFE_CAST, 0) X(EVENT, 0) \
  X(RESPECT, 0) X(ORDINALITY, 0) X(REFRESH, 0) X(FILEGROUP, 0) X(TEXTIMAGE_ON, 0) X(PERIOD, 0) \
  X(SYSTEM_TIME, 0) X(VERSIONING, 0) X(HASH, 0) X(LIST, 0) X(SUBPARTITION, 0) X(EXCLUSIVE, 0) \
  X(CONTINUE, 0) X(ASENSITIVE, 0) X(COLLATION, 0) X(VALUE, 0)
// clang-format on

enum class Keyword : std::uint16_t {
  kNone = 0,
#define GODWIT_SQL_KEYWORD_ENUM(name, reserved) k##name,
  GODWIT_SQL_KEYWORDS(GODWIT_SQL_KEYWORD_ENUM)
#undef GODWIT_SQL_KEYWORD_ENUM
      kCount
};

/// The keyword spelled by `text` (any case), or kNone. Called once per word by the lexer.
Keyword lookup_keyword(std::string_view text);

/// Upper-case spelling, e.g. "SELECT".
std::string_view keyword_text(Keyword keyword);

/// True for the short list of words that are never implicit aliases or bare names.
bool is_reserved(Keyword keyword);

}  // namespace godwit::sql
