// What the SQL printer needs to know about a target dialect, as data: identifier quoting
// and case rules, reserved words, string escaping, row-limit and NULL-ordering syntax,
// and the function translation tables (how the dialect's functions read into canonical
// functions, and how each canonical function is written). Each dialect folder fills one
// PrinterProfile in its printer.cpp; the printer itself never asks which dialect it has.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "sql/dialect/dialect.hpp"

namespace godwit::sql {

/// How faithful one translated construct is.
enum class Fidelity : std::uint8_t {
  kExact,        ///< same semantics
  kApproximate,  ///< semantics differ in documented edge cases (see the rule's note)
  kUnsupported,  ///< the target cannot express it; emitted as a marked comment
};

std::string_view to_string(Fidelity fidelity);

/// How unquoted identifiers are folded by the target (decides when a quoted name must stay
/// quoted to keep its case).
// IdentifierCase (dialect/dialect.hpp) says how the target folds unquoted names.

enum class LimitSyntax : std::uint8_t {
  kLimit,  ///< LIMIT n OFFSET m
  kTop,    ///< SELECT TOP n; with an offset OFFSET m ROWS FETCH NEXT n ROWS ONLY (T-SQL)
  kFetch,  ///< OFFSET m ROWS FETCH FIRST n ROWS ONLY (SQL:2008)
};

/// Which date format-string language a dialect's formatting functions speak.
enum class FormatStyle : std::uint8_t {
  kNone,
  kOracle,    ///< 'YYYY-MM-DD HH24:MI:SS' (Oracle, PostgreSQL, Snowflake, Redshift)
  kStrftime,  ///< '%Y-%m-%d %H:%M:%S' (BigQuery)
  kMysql,     ///< '%Y-%m-%d %H:%i:%s' (MySQL DATE_FORMAT / STR_TO_DATE)
  kJava,      ///< 'yyyy-MM-dd HH:mm:ss' (Spark/Databricks, Hive; .NET FORMAT is close)
};

/// Reads one of the dialect's functions into a canonical function. `args` lists, for each
/// canonical argument, where it comes from in the call, as a tiny expression:
///   "1"   the call's first argument ...
///   "2.v" the value of an INTERVAL argument (DATE_ADD(d, INTERVAL n DAY)), "2.u" its unit
///   "@DAY" a constant date unit,  "'x'" a constant string literal
///   "*"   all arguments (variadic)
/// An empty `args` means the arguments in order.
struct FunctionReadRule {
  constexpr FunctionReadRule(std::string_view n, int a, std::string_view c,
                             std::span<const std::string_view> arg_specs = {},
                             Fidelity f = Fidelity::kExact, std::string_view why = {},
                             int string_argument = 0)
      : name(n),
        arity(a),
        canonical(c),
        args(arg_specs),
        fidelity(f),
        note(why),
        string_arg(string_argument) {}
  std::string_view name;       ///< upper case, as the dialect spells it
  int arity = -1;              ///< -1 any
  std::string_view canonical;  ///< e.g. "coalesce", "date_add"
  std::span<const std::string_view> args;
  Fidelity fidelity = Fidelity::kExact;
  std::string_view note;  ///< why the reading is approximate
  int string_arg = 0;     ///< when set, applies only if that argument is a string literal
};

/// Writes a canonical function in the dialect. The template is SQL with placeholders:
///   $1..$9  canonical argument i          $u1  argument i as a date-part keyword (DAY)
///   $s1     argument i as a quoted unit   $f1  argument i as a format string in this
///   $*      all arguments, comma-joined           dialect's FormatStyle
///   $|      all arguments joined by ||    $+   all arguments joined by +
///   $C      all arguments as COALESCE(x, ''), comma-joined
///   $D      DISTINCT when the call had it
///   $O      " ORDER BY ..." of an ordered aggregate   $G " WITHIN GROUP (ORDER BY ...)"
/// `unit`, when set, restricts the rule to calls whose unit argument ($u1) is that unit.
struct FunctionWriteRule {
  constexpr FunctionWriteRule(std::string_view c, int a, std::string_view u, std::string_view t,
                              Fidelity f = Fidelity::kExact, std::string_view why = {})
      : canonical(c), arity(a), unit(u), sql(t), fidelity(f), note(why) {}
  std::string_view canonical;
  int arity = -1;
  std::string_view unit;
  std::string_view sql;  ///< the template; empty means unsupported in this dialect
  Fidelity fidelity = Fidelity::kExact;
  std::string_view note;
};

/// One spelling of a binary operator read into a canonical function (a || b, a ~ b ...).
struct OperatorReadRule {
  constexpr OperatorReadRule(std::string_view o, std::string_view c, Fidelity f = Fidelity::kExact,
                             std::string_view why = {})
      : op(o), canonical(c), fidelity(f), note(why) {}
  std::string_view op;  ///< as written, upper case for words ("RLIKE", "DIV")
  std::string_view canonical;
  Fidelity fidelity = Fidelity::kExact;
  std::string_view note;
};

struct PrinterProfile {
  std::string_view dialect;
  char quote_open = '"';
  char quote_close = '"';
  IdentifierCase identifier_case = IdentifierCase::kUpper;
  bool dollar_in_identifiers = false;
  bool identifier_backslash_escape = false;          ///< `a\`b` (BigQuery) instead of doubling
  std::span<const std::string_view> reserved_words;  ///< upper case, sorted
  bool backslash_escapes = false;  ///< '\' escapes inside '..' must itself be escaped
  LimitSyntax limit = LimitSyntax::kLimit;
  bool nulls_ordering_clause = true;  ///< NULLS FIRST / NULLS LAST is accepted
  bool nulls_sort_high = false;       ///< ASC puts NULLs last by default
  bool boolean_literals = true;       ///< TRUE/FALSE exist (T-SQL: 1/0)
  bool integer_division = false;      ///< int / int truncates
  bool double_colon_cast = false;     ///< x::type is accepted
  std::string_view try_cast;          ///< "TRY_CAST", "SAFE_CAST", empty when none
  std::string_view try_cast_note;     ///< when the try-cast differs (Snowflake: strings only)
  FormatStyle format_style = FormatStyle::kNone;
  bool typed_literals = true;          ///< DATE '2020-01-01'; else CAST('..' AS DATE)
  bool interval_number_unit = true;    ///< INTERVAL 1 DAY; else INTERVAL '1 DAY'
  bool intervals = true;               ///< interval values exist (T-SQL: no)
  bool set_operator_distinct = false;  ///< UNION DISTINCT must be spelled out (BigQuery)
  bool table_alias_as = true;          ///< FROM t AS a (Oracle: FROM t a)
  bool convert_type_first = false;     ///< CONVERT(type, x) (T-SQL) vs CONVERT(x, type)
  bool comment_on = true;              ///< COMMENT ON TABLE/COLUMN exists
  bool if_not_exists = true;           ///< CREATE TABLE IF NOT EXISTS exists
  bool create_or_replace = true;       ///< CREATE OR REPLACE VIEW exists
  std::string_view star_except;        ///< "EXCEPT" / "EXCLUDE"; empty when unsupported
  std::string_view minus_keyword = "EXCEPT";
  bool is_distinct_from = true;            ///< a IS [NOT] DISTINCT FROM b exists
  std::string_view array_open = "ARRAY[";  ///< array constructor: ARRAY[1, 2], [1, 2] ...
  std::string_view array_close = "]";
  bool limit_required_for_offset = false;  ///< OFFSET needs a LIMIT (MySQL)
  std::string_view limit_all = "ALL";      ///< the LIMIT that means no limit
  bool distinct_on = false;                ///< SELECT DISTINCT ON (...)
  bool qualify = false;                    ///< QUALIFY
  bool semi_join = false;                  ///< LEFT SEMI / ANTI JOIN
  bool apply_join = false;                 ///< CROSS / OUTER APPLY
  bool filter_clause = false;              ///< aggregate FILTER (WHERE ...)
  bool dual_table = false;                 ///< FROM DUAL is accepted (Oracle, MySQL, Snowflake)
  bool plus_concatenates = false;          ///< '+' with a string operand concatenates (T-SQL)
  bool lateral_join = false;               ///< CROSS JOIN LATERAL / LEFT JOIN LATERAL .. ON TRUE
  bool unicode_prefix = false;             ///< N'..' for strings with non-ASCII characters (T-SQL)
  bool check_constraints = true;           ///< CHECK (...) constraints exist
  bool unique_constraints = true;          ///< UNIQUE constraints exist
  bool secondary_indexes = true;           ///< CREATE INDEX exists (warehouses cluster instead)
  bool index_names_per_table = false;      ///< index names are scoped to their table (MySQL,
                                           ///< T-SQL), not to the schema
  std::string_view key_suffix;             ///< after PRIMARY KEY / FOREIGN KEY: " NOT ENFORCED"
  bool create_or_replace_table = false;    ///< CREATE OR REPLACE TABLE
  std::string_view or_replace_view = "OR REPLACE";  ///< CREATE <this> VIEW ("OR ALTER" in T-SQL)
  bool rownum = false;                              ///< WHERE ROWNUM <= n limits rows (Oracle)
  bool column_comment = false;                      ///< col type COMMENT '...'
  std::string_view temporary = "TEMPORARY";         ///< CREATE <this> TABLE
  std::string_view add_column = "ADD COLUMN";
  std::string_view identity;             ///< how IDENTITY columns are written; empty: none
  std::string_view auto_increment;       ///< AUTO_INCREMENT columns
  std::string_view identity_always;      ///< GENERATED ALWAYS AS IDENTITY columns
  std::string_view identity_by_default;  ///< GENERATED BY DEFAULT AS IDENTITY columns
  std::span<const FunctionReadRule> reads;
  std::span<const FunctionWriteRule> writes;
  std::span<const OperatorReadRule> operators;
};

/// The read rule for a call of `name` (upper case) with `arity` arguments: the dialect's
/// own rules first, then the rules most dialects share. `is_string(i)` says whether
/// argument i (1-based) is a string literal. nullptr when none.
const FunctionReadRule* find_read_rule(const PrinterProfile& p, std::string_view name, int arity,
                                       bool (*is_string)(const void*, int), const void* call);
/// The write rule for a canonical function, `unit` being its first argument's date unit.
const FunctionWriteRule* find_write_rule(const PrinterProfile& p, std::string_view canonical,
                                         int arity, std::string_view unit);
/// The operator rule for `op` (normalised, upper case), dialect first then shared.
const OperatorReadRule* find_operator_rule(const PrinterProfile& p, std::string_view op);
/// Functions written the same way everywhere (COUNT, SUM, UPPER ...), sorted.
std::span<const std::string_view> portable_functions();

/// The profile of a canonical dialect name (every name of dialect_names() has one);
/// nullptr for an unknown name.
const PrinterProfile* find_printer_profile(std::string_view dialect);

}  // namespace godwit::sql
