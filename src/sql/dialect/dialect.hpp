// Dialect: everything the shared lexer and parser may ask about one SQL dialect, as
// named lexical rules, script rules and grammar capabilities, plus a few hooks. The
// parser never asks *which* dialect is active (STYLE.md); each dialect's answers live in
// src/sql/dialect/<name>/dialect.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace godwit::sql {

/// How characters form tokens.
struct LexicalRules {
  bool double_quote_identifiers = true;       ///< "x" quotes an identifier
  bool double_quote_strings = false;          ///< "x" is a string literal (MySQL, BigQuery, Hive)
  bool backtick_identifiers = false;          ///< `x`
  bool bracket_identifiers = false;           ///< [x] (T-SQL)
  bool backslash_escapes = false;             ///< '\'' escapes inside ordinary strings
  bool dollar_quoted_strings = false;         ///< $$..$$
  bool dollar_tagged_strings = false;         ///< $tag$..$tag$
  bool escape_strings = false;                ///< E'..' with backslash escapes (PostgreSQL)
  bool q_quote_strings = false;               ///< q'[..]' (Oracle)
  bool raw_strings = false;                   ///< r'..' (BigQuery, Spark)
  bool triple_quoted_strings = false;         ///< '''..''' and """..""" (BigQuery)
  bool hash_comments = false;                 ///< # to end of line
  bool slash_slash_comments = false;          ///< // to end of line (Snowflake)
  bool nested_block_comments = false;         ///< /* /* */ */ nests
  bool at_sign_variables = false;             ///< @x, @@x are parameters/variables
  bool hash_in_identifiers = false;           ///< #temp, a#b (T-SQL, Oracle)
  bool dollar_in_identifiers = true;          ///< a$b
  bool dollar_parameters = false;             ///< $1
  bool colon_parameters = true;               ///< :name, :1
  bool psql_variables = false;                ///< :name, :'name' after a blank (psql), not a[1:n]
  bool dash_in_identifiers = false;           ///< my-project.dataset (BigQuery)
  bool identifiers_start_with_digit = false;  ///< 1col (MySQL, Hive)
};

/// How a script file is cut into statements, and which client commands it may hold.
struct ScriptRules {
  bool go_batch_separator = false;     ///< T-SQL: GO alone on a line ends a batch
  bool slash_line_terminator = false;  ///< Oracle: '/' alone on a line runs a PL/SQL block
  bool delimiter_command = false;      ///< MySQL: DELIMITER $$ changes the terminator
  bool optional_semicolons = false;    ///< a new statement may start without ';' (T-SQL)
  bool copy_from_stdin_data = false;   ///< psql: COPY ... FROM stdin; is followed by data to '\.'
};

/// Grammar capabilities the shared parser asks about by name.
struct Capabilities {
  bool top_clause = false;          ///< SELECT TOP n (T-SQL, Teradata)
  bool minus_set_operator = false;  ///< MINUS as EXCEPT (Oracle, Snowflake, Teradata ...)
  bool qualify_clause = false;      ///< QUALIFY (Snowflake, BigQuery, Teradata, Databricks)
  bool end_if_blocks = false;       ///< procedural IF .. END IF / LOOP .. END LOOP
  bool routine_body_runs_to_batch_end = false;  ///< T-SQL CREATE PROCEDURE body ends at GO
  bool sel_abbreviation = false;                ///< Teradata SEL / INS / UPD / DEL
  bool connect_by = false;                      ///< Oracle hierarchical queries
  bool outer_join_plus = false;                 ///< Oracle (+)
  bool lambda_arrows = false;                   ///< x -> expr in function arguments (Spark)
  bool equals_select_aliases = false;           ///< SELECT alias = expr (T-SQL)
  bool identifier_function = false;    ///< IDENTIFIER('db.schema.t') in name positions (Snowflake)
  bool trailing_select_comma = false;  ///< SELECT a, b, FROM t (BigQuery, Snowflake, DuckDB)
  bool free_form_type_names = false;   ///< a type name is any run of words (SQLite)
  bool declare_section_blocks =
      false;  ///< DECLARE .. BEGIN .. END is one block (Snowflake, PL/SQL)
};

/// What an unquoted identifier means when names are compared.
enum class IdentifierCase : std::uint8_t {
  kUpper,        ///< folded to upper case (the SQL standard, Oracle, Snowflake)
  kLower,        ///< folded to lower case (PostgreSQL, Redshift)
  kInsensitive,  ///< compared ignoring case (SQL Server's default collation, MySQL ...)
};

/// How names resolve: the case rules of identifiers and what a bare USE names. The
/// catalog asks these by name (src/schema), never which dialect is active.
struct NameRules {
  IdentifierCase unquoted = IdentifierCase::kUpper;
  /// "Foo" and "foo" are different names (else quoted names compare as unquoted ones do).
  bool quoted_case_sensitive = true;
  /// A database is a schema (MySQL, Hive): `USE db` and `db.t` name the schema.
  bool database_is_schema = false;
};

/// The kind of client command a directive hook recognised.
enum class DirectiveKind : std::uint8_t {
  kNone,
  kClientCommand,   ///< a line the client executes itself (psql \x, SQL*Plus SET, sqlcmd :r)
  kDelimiter,       ///< DELIMITER xx: `new_delimiter` holds xx
  kBatchSeparator,  ///< GO, '/': ends the current statement
};

struct Directive {
  DirectiveKind kind = DirectiveKind::kNone;
  std::size_t length = 0;          ///< bytes of input the directive covers
  std::string_view new_delimiter;  ///< for kDelimiter, a view into the input
};

/// One distinctive token used by auto-detection: a phrase (case-insensitive, matched as
/// whole words on token boundaries; a one-word phrase ending in '*' matches a word prefix,
/// e.g. "STL_*") and how strongly it suggests the dialect.
struct DetectionClue {
  std::string_view phrase;
  int weight;
};

class Dialect {
 public:
  Dialect(std::string_view name, LexicalRules lexical, ScriptRules script,
          Capabilities capabilities)
      : name_(name), lexical_(lexical), script_(script), capabilities_(capabilities) {}
  virtual ~Dialect() = default;
  Dialect(const Dialect&) = delete;
  Dialect& operator=(const Dialect&) = delete;

  /// Canonical name from dialect_names().
  std::string_view name() const { return name_; }
  const LexicalRules& lexical() const { return lexical_; }
  const ScriptRules& script() const { return script_; }
  const Capabilities& capabilities() const { return capabilities_; }

  /// Hook: a client command starting at `line` (which begins at a line start, leading
  /// blanks removed, running to the end of the input). The default recognises none.
  virtual Directive client_directive(std::string_view line) const;

  /// Hook: whether a bare word at statement start is this dialect's way of writing a
  /// statement the shared grammar does not model but that is valid (e.g. "VACUUM").
  /// The shared list (GRANT, REVOKE, COMMIT ...) is checked first.
  virtual bool is_extra_statement_verb(std::string_view word) const;

  /// Hook: how identifiers compare and what USE names. The default is the standard's:
  /// unquoted names fold to upper case, quoted ones are exact.
  virtual NameRules name_rules() const { return {}; }

  /// Distinctive phrases for dialect auto-detection.
  virtual std::span<const DetectionClue> detection_clues() const { return {}; }

 private:
  std::string_view name_;
  LexicalRules lexical_;
  ScriptRules script_;
  Capabilities capabilities_;
};

/// The dialect object for a canonical name or alias ("postgresql", "spark" ...);
/// throws godwit::Error(kInvalidInput) for unknown names.
const Dialect& dialect_by_name(std::string_view name);

/// Every dialect, in dialect_names() order.
std::span<const Dialect* const> all_dialects();

/// Helpers for directive hooks: the length of the line starting at `text` including its
/// newline, and whether `text` starts with `word` (case-insensitive) followed by a
/// non-word character.
std::size_t line_length(std::string_view text);
bool starts_with_word(std::string_view text, std::string_view word);

}  // namespace godwit::sql
