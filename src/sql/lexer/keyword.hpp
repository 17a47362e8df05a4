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
  X(CASE, 1) X(CAST, 0) X(CATCH, 0) X(CHANGE, 0) X(CHAR, 0) X(CHARACTER, 0) X(CHARSET, 0) \
  X(CHECK, 1) X(CLUSTER, 0) X(CLUSTERED, 0) X(COLLATE, 1) X(COLUMN, 0) X(COMMENT, 0) \
  X(CONSTRAINT, 1) X(CREATE, 1) X(CROSS, 1) X(CURRENT, 0) X(CYCLE, 0) X(DECLARE, 0) \
  X(DEFAULT, 1) X(DEFERRED, 0) X(DESC, 0) X(DISTKEY, 0) X(DISTRIBUTE, 0) X(DISTSTYLE, 0) \
  X(ELSE, 1) X(ELSEIF, 0) X(ENCODE, 0) X(ENFORCED, 0) X(ESCAPE, 0) X(EXCEPT, 1) X(FILTER, 0) \
  X(FIRST, 0) X(FOLLOWING, 0) X(FULL, 1) X(FUNCTION, 0) X(GLOBAL, 0) X(IF, 0) X(IMMEDIATE, 0) \
  X(IN, 1) X(INITIALLY, 0) X(INNER, 1) X(INOUT, 0) X(ISNULL, 1) X(LIKE, 1) X(MATCH, 0) \
  X(MATCHED, 0) X(MAXVALUE, 0) X(MULTISET, 0) X(NATURAL, 1) X(NO, 0) X(NOCACHE, 0) X(NOCYCLE, 0) \
  X(NULLS, 0) X(OF, 0) X(OR, 1) X(OUTER, 1) X(OVER, 0) X(OWNER, 0) X(PACKAGE, 0) X(PARTITION, 0) \
  X(PERSISTED, 0) X(PIVOT, 1) X(PRECEDING, 0) X(PROCEDURE, 0) X(RECURSIVE, 0) X(REFERENCES, 1) \
  X(RENAME, 0) X(REPLACE, 0) X(RETURNING, 1) X(RETURNS, 0) X(RIGHT, 1) X(RLIKE, 1) X(ROWS, 0) \
  X(SCHEMA, 0) X(SELECT, 1) X(SEMI, 0) X(SEQUENCE, 0) X(SET, 1) X(SETS, 0) X(SIMILAR, 1) \
  X(SOME, 0) X(START, 0) X(STORED, 0) X(STRAIGHT_JOIN, 1) X(TABLE, 1) X(TABLESAMPLE, 1) \
  X(TEMPORARY, 0) X(TIME, 0) X(TO, 1) X(TRANSACTION, 0) X(TRIGGER, 0) X(TRUE, 0) X(UNBOUNDED, 0) \
  X(UNSIGNED, 0) X(UPDATE, 1) X(USE, 0) X(USING, 1) X(VALUES, 1) X(VOLATILE, 0) X(WHEN, 1) \
  X(WHERE, 1) X(WHILE, 0) X(WINDOW, 1) X(WITH, 1) X(WITHIN, 0) X(WITHOUT, 0) X(ZONE, 0) \
  X(REPEAT, 0) X(TRANSIENT, 0) X(SECURE, 0) X(COPY, 0) X(GO, 0) X(EXEC, 0) X(EXECUTE, 0) \
  X(CONCURRENTLY, 0) X(EDITIONABLE, 0) X(NONEDITIONABLE, 0) X(SIGNED, 0) X(OBJECT, 0) \
  X(LARGE, 0) X(RAW, 0) X(LONG, 0) X(NATIONAL, 0) X(NCHAR, 0) X(VARCHAR, 0) X(ALGORITHM, 0) \
  X(SQL, 0) X(OPTION, 0) X(CASCADED, 0) X(LOCK, 0) X(ENABLE, 0) X(DISABLE, 0) X(RELY, 0) \
  X(NORELY, 0) X(INVISIBLE, 0) X(VISIBLE, 0) X(RESTRICT, 0) X(ACTION, 0) X(NOCHECK, 0) \
  X(ROWGUIDCOL, 0) X(SPARSE, 0) X(FILESTREAM, 0) X(SPATIAL, 0) X(OUTPUT, 0) X(SERIAL, 0) \
  X(SORTED, 0) X(BUCKETS, 0) X(CLUSTERING, 0) X(COLUMNS, 0) X(CONSTRAINTS, 0) X(OVERWRITE, 0) \
  X(CONFLICT, 0) X(NOTHING, 0) X(PERCENT, 0) X(NEXT, 0) X(PRIOR, 0) X(WAIT, 0) X(NOWAIT, 0) \
  X(SKIP, 0) X(MODE, 0) X(MINUTE, 0) X(SECOND, 0) X(HOUR, 0) X(DAY, 0) X(CONTAINS, 0) \
  X(OVERLAPS, 0) X(NOORDER, 0) X(CACHE, 0) X(OWNED, 0) X(NONE, 0) X(DATA, 0) X(DEFINITION, 0) \
  X(DISTINCTROW, 0) X(STRUCT, 0) X(MAP, 0) X(BOTH, 0) X(POSITION, 0) X(SUBSTRING, 0) \
  X(CONVERT, 0) X(TRY_CAST, 0) X(RESPECT, 0) X(ORDINALITY, 0) X(TEXTIMAGE_ON, 0) X(PERIOD, 0) \
  X(HASH, 0) X(LIST, 0)
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
