// The syntax tree of parsed SQL: statements, queries, expressions and the pieces of DDL,
// as written (untyped; the catalog resolves names and types later). Nodes live in the
// parse's Arena and are trivially destructible; every string is a view into the parse's
// source text or into the arena (for text that had to be unescaped). Every node carries
// its source span, so later layers can quote the original text.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace godwit::sql {

/// Byte range [begin, end) of the source text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// One name part. `text` is unquoted and unescaped ("a""b" -> a"b); `quoted` says whether
/// it was quoted (quoted names are case-sensitive in most dialects).
struct Identifier {
  std::string_view text;
  bool quoted = false;
  Span span;
  bool empty() const { return text.empty() && !quoted; }
};

/// A possibly qualified name: db.schema.table, schema.table.column ...
struct ObjectName {
  std::span<const Identifier> parts;
  Span span;
  bool empty() const { return parts.empty(); }
  const Identifier& last() const { return parts.back(); }
};

/// A data type exactly as written; the type system maps it to a canonical type later.
/// VARCHAR2(20 BYTE)  -> base_name "VARCHAR2", params {"20 BYTE"}
/// timestamp(3) with time zone -> base_name "timestamp", params {"3"}, modifiers "with time zone"
/// DECIMAL(10,2) UNSIGNED -> base_name "DECIMAL", params {"10", "2"}, modifiers "UNSIGNED"
/// STRUCT<a INT64, b STRING> -> base_name "STRUCT", params {"a INT64", "b STRING"}, angle
/// text[] -> base_name "text", array_suffix "[]"
struct TypeName {
  Span span;
  std::string_view text;       ///< the whole type as written
  std::string_view base_name;  ///< words before the parameters, single-spaced, case as written
  std::span<const std::string_view> params;  ///< raw text of each parameter
  std::string_view modifiers;     ///< words after the parameters (WITH TIME ZONE, UNSIGNED ...)
  std::string_view array_suffix;  ///< "[]", "[3]", "ARRAY" ...
  bool angle_params = false;      ///< parameters were in <...> (ARRAY<INT64>, MAP<K,V>)
};

// ---------------------------------------------------------------------------------------
// Expressions

enum class ExprKind : std::uint8_t {
  kLiteral,
  kColumnRef,
  kStar,
  kParameter,
  kUnary,
  kBinary,
  kFunction,
  kCast,
  kCase,
  kSubquery,
  kExists,
  kIn,
  kBetween,
  kIs,
  kInterval,
  kList,  ///< (a, b), ARRAY[a, b], [a, b], {..}
  kCollate,
  kSubscript,
  kFieldAccess,  ///< expr.field, expr:path (Snowflake), expr->'x' kept as binary
  kLambda,
};

struct Expr {
  ExprKind kind;
  Span span;
};

enum class LiteralKind : std::uint8_t { kNumber, kString, kBoolean, kNull, kOther };

struct LiteralExpr : Expr {
  LiteralKind literal_kind = LiteralKind::kOther;
  std::string_view text;  ///< source text (for strings: including prefix and quotes)
};

struct ColumnRefExpr : Expr {
  std::span<const Identifier> parts;  ///< [table_alias, column] or [column] ...
};

struct StarExpr : Expr {
  std::span<const Identifier> qualifier;  ///< t.* -> {t}; * -> {}
  std::span<const Identifier> except;     ///< * EXCEPT (a, b) / * EXCLUDE (a)
};

struct ParameterExpr : Expr {
  std::string_view text;
};

struct UnaryExpr : Expr {
  std::string_view op;  ///< "-", "NOT", "~", "PRIOR", "CONNECT_BY_ROOT" ...
  Expr* operand = nullptr;
};

struct BinaryExpr : Expr {
  std::string_view op;  ///< "+", "AND", "LIKE", "NOT LIKE", "||", "->>" ... (as written)
  Expr* left = nullptr;
  Expr* right = nullptr;
};

struct OrderItem {
  Expr* expr = nullptr;
  bool descending = false;
  std::int8_t nulls = 0;  ///< -1 NULLS FIRST, 1 NULLS LAST, 0 unspecified
};

struct WindowSpec {
  Span span;
  Identifier base_window;  ///< OVER w / OVER (w ...)
  std::span<Expr* const> partition_by;
  std::span<const OrderItem> order_by;
  std::string_view frame;  ///< ROWS BETWEEN ... as written
};

struct FunctionExpr : Expr {
  ObjectName name;
  std::span<Expr* const> args;
  bool distinct = false;
  std::span<const OrderItem> order_by;      ///< inside the call (STRING_AGG(x ORDER BY y))
  std::span<const OrderItem> within_group;  ///< WITHIN GROUP (ORDER BY ...)
  Expr* filter = nullptr;                   ///< FILTER (WHERE ...)
  WindowSpec* over = nullptr;
};

enum class CastSyntax : std::uint8_t { kCast, kTryCast, kSafeCast, kDoubleColon, kConvert };

struct TypeName;
struct CastExpr : Expr {
  CastSyntax syntax = CastSyntax::kCast;
  Expr* operand = nullptr;
  TypeName* type = nullptr;
};

struct WhenClause {
  Expr* condition = nullptr;
  Expr* result = nullptr;
};

struct CaseExpr : Expr {
  Expr* operand = nullptr;  ///< CASE x WHEN ...; null for searched CASE
  std::span<const WhenClause> whens;
  Expr* else_result = nullptr;
};

struct Query;
struct SubqueryExpr : Expr {  ///< kSubquery, kExists; ANY/ALL (subquery) as kSubquery
  Query* query = nullptr;
  std::string_view quantifier;  ///< "ANY", "ALL", "SOME" or empty
};

struct InExpr : Expr {
  Expr* operand = nullptr;
  bool negated = false;
  std::span<Expr* const> list;
  Query* query = nullptr;
};

struct BetweenExpr : Expr {
  Expr* operand = nullptr;
  Expr* low = nullptr;
  Expr* high = nullptr;
  bool negated = false;
};

struct IsExpr : Expr {  ///< x IS [NOT] NULL / TRUE / FALSE / UNKNOWN / DISTINCT FROM y
  Expr* operand = nullptr;
  bool negated = false;
  std::string_view predicate;  ///< "NULL", "TRUE", "DISTINCT FROM" ...
  Expr* other = nullptr;       ///< for DISTINCT FROM
};

struct IntervalExpr : Expr {
  Expr* value = nullptr;
  std::string_view unit;  ///< "DAY", "YEAR TO MONTH" ... (may be empty)
};

struct ListExpr : Expr {
  std::span<Expr* const> items;
  std::string_view constructor;  ///< "(", "ARRAY", "[", "STRUCT", "ROW" ...
};

struct CollateExpr : Expr {
  Expr* operand = nullptr;
  std::string_view collation;
};

struct SubscriptExpr : Expr {
  Expr* base = nullptr;
  Expr* index = nullptr;
};

struct FieldAccessExpr : Expr {
  Expr* base = nullptr;
  Identifier field;
};

struct LambdaExpr : Expr {
  std::span<const Identifier> params;
  Expr* body = nullptr;
};

// ---------------------------------------------------------------------------------------
// Queries

struct SelectItem {
  Expr* expr = nullptr;
  Identifier alias;  ///< empty when none
  Span span;
};

struct Cte {
  Identifier name;
  std::span<const Identifier> columns;
  Query* query = nullptr;
  Span span;
};

enum class TableRefKind : std::uint8_t { kNamed, kDerived, kFunction, kJoin, kValues };

struct TableRef {
  TableRefKind kind;
  Span span;
  Identifier alias;
  std::span<const Identifier> column_aliases;
};

struct NamedTableRef : TableRef {
  ObjectName name;
};

struct DerivedTableRef : TableRef {
  Query* query = nullptr;
  bool lateral = false;
};

struct FunctionTableRef : TableRef {
  FunctionExpr* call = nullptr;  ///< UNNEST(...), generate_series(...), TABLE(FLATTEN(...))
  bool lateral = false;
};

enum class JoinKind : std::uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kCross,
  kSemi,
  kAnti,
  kCrossApply,
  kOuterApply,
  kComma,  ///< FROM a, b
};

struct JoinTableRef : TableRef {
  JoinKind join_kind = JoinKind::kInner;
  bool natural = false;
  TableRef* left = nullptr;
  TableRef* right = nullptr;
  Expr* on = nullptr;
  std::span<const Identifier> using_columns;
};

enum class QueryBodyKind : std::uint8_t { kSelect, kSetOperation, kValues, kNested };

struct QueryBody {
  QueryBodyKind kind;
  Span span;
};

struct NamedWindow {
  Identifier name;
  WindowSpec* spec = nullptr;
};

struct SelectBody : QueryBody {
  bool distinct = false;
  std::span<Expr* const> distinct_on;
  Expr* top = nullptr;  ///< T-SQL/Teradata TOP n
  std::span<const SelectItem> items;
  ObjectName into;  ///< SELECT ... INTO t (T-SQL) creates a table
  std::span<TableRef* const> from;
  Expr* where = nullptr;
  std::span<Expr* const> group_by;
  Span group_by_modifier{};  ///< MySQL WITH ROLLUP / WITH CUBE after GROUP BY (empty: none)
  Expr* having = nullptr;
  Expr* qualify = nullptr;
  std::span<const NamedWindow> windows;
};

enum class SetOperator : std::uint8_t { kUnion, kExcept, kIntersect };

struct SetOperationBody : QueryBody {
  SetOperator op = SetOperator::kUnion;
  bool all = false;
  QueryBody* left = nullptr;
  QueryBody* right = nullptr;
};

struct ValuesBody : QueryBody {
  std::span<ListExpr* const> rows;
};

struct NestedQueryBody : QueryBody {
  Query* query = nullptr;
};

struct Query {
  Span span;
  bool recursive = false;
  std::span<const Cte> ctes;
  QueryBody* body = nullptr;
  std::span<const OrderItem> order_by;
  Expr* limit = nullptr;
  Expr* offset = nullptr;
};

// ---------------------------------------------------------------------------------------
// Statements

enum class StatementKind : std::uint8_t {
  kCreateTable,
  kCreateView,
  kAlterTable,
  kCreateIndex,
  kCommentOn,
  kCreateSchema,  ///< also CREATE DATABASE (is_database)
  kUse,
  kSet,
  kCreateSequence,
  kCreateType,
  kDrop,
  kInsert,
  kQuery,
  kMerge,
  kUpdate,
  kDelete,
  kTruncate,
  kRoutine,  ///< procedure, function, trigger, package, anonymous block
  kBlock,    ///< T-SQL IF/WHILE/BEGIN..END holding statements
  kOther,    ///< valid-looking statement the grammar does not model (GRANT, VACUUM ...)
};

struct Statement {
  StatementKind kind;
  Span span;
};

/// A free-form option as written: ENGINE=InnoDB, DISTSTYLE KEY, WITH (fillfactor=70) ...
struct Option {
  std::string_view name;   ///< the option words, source text (e.g. "DEFAULT CHARSET")
  std::string_view value;  ///< the value's source text, may be empty
  Span span;
};

struct ForeignKeyTarget {
  ObjectName table;
  std::span<const Identifier> columns;
  std::string_view on_delete;  ///< "CASCADE", "SET NULL" ... as written
  std::string_view on_update;
};

enum class IdentityKind : std::uint8_t {
  kNone,
  kIdentity,       ///< IDENTITY[(seed, step)] (T-SQL, Redshift, Snowflake)
  kAutoIncrement,  ///< AUTO_INCREMENT / AUTOINCREMENT
  kAlways,         ///< GENERATED ALWAYS AS IDENTITY
  kByDefault,      ///< GENERATED BY DEFAULT [ON NULL] AS IDENTITY
};

enum class ColumnOptionKind : std::uint8_t {
  kOther,
  kEncode,
  kDistKey,
  kSortKey,
  kOnUpdate,
  kFormat
};

struct ColumnDef {
  Span span;
  Identifier name;
  TypeName* type = nullptr;  ///< null when omitted (SQLite, computed columns)
  bool not_null = false;
  bool null_explicit = false;  ///< NULL written
  bool primary_key = false;
  bool unique = false;
  Expr* default_value = nullptr;
  IdentityKind identity = IdentityKind::kNone;
  std::string_view identity_args;  ///< "(1,1)", "START WITH 1 INCREMENT BY 1" ...
  Expr* generated = nullptr;       ///< GENERATED ALWAYS AS (expr), T-SQL AS (expr)
  bool generated_stored = false;
  std::string_view collation;
  std::string_view charset;
  std::string_view comment;  ///< decoded text of COMMENT '...'
  const ForeignKeyTarget* references = nullptr;
  std::span<Expr* const> checks;
  std::span<const Option> options;  ///< everything else (ENCODE, DISTKEY, ON UPDATE ...)
};

/// kDefault is T-SQL's named default, `CONSTRAINT df DEFAULT (expr) FOR col` (expr in `check`).
enum class ConstraintKind : std::uint8_t {
  kPrimaryKey,
  kUnique,
  kForeignKey,
  kCheck,
  kIndex,
  kDefault,
  kOther
};

struct TableConstraint {
  Span span;
  ConstraintKind kind = ConstraintKind::kOther;
  Identifier name;  ///< CONSTRAINT name / index name; may be empty
  std::span<const Identifier> columns;
  const ForeignKeyTarget* references = nullptr;
  Expr* check = nullptr;
  std::string_view options;  ///< trailing options as written (CLUSTERED, USING INDEX ...)
};

struct CreateTableStatement : Statement {
  ObjectName name;
  bool or_replace = false;
  bool if_not_exists = false;
  bool temporary = false;
  std::string_view modifiers;  ///< words between CREATE and TABLE (GLOBAL TEMPORARY, TRANSIENT ...)
  std::span<ColumnDef* const> columns;
  std::span<TableConstraint* const> constraints;
  Query* as_query = nullptr;        ///< CREATE TABLE ... AS SELECT
  ObjectName like;                  ///< CREATE TABLE a LIKE b / (LIKE b)
  ObjectName partition_of;          ///< CREATE TABLE a PARTITION OF b (b's columns)
  std::span<const Option> options;  ///< table options after the column list, as written
  std::span<ColumnDef* const> partition_columns;  ///< Hive/Spark PARTITIONED BY (c type, ...)
  std::span<Expr* const> partition_by;
  std::span<Expr* const> cluster_by;
  std::span<const Identifier> primary_index;  ///< Teradata [UNIQUE] PRIMARY INDEX (cols)
  std::string_view comment;                   ///< COMMENT = '...' / COMMENT '...'
};

struct CreateViewStatement : Statement {
  ObjectName name;
  bool or_replace = false;
  bool if_not_exists = false;
  bool materialized = false;
  std::string_view modifiers;  ///< SECURE, TEMPORARY, RECURSIVE, ALGORITHM=... as written
  std::span<const Identifier> columns;
  Query* query = nullptr;
  std::span<const Option> options;
};

enum class AlterActionKind : std::uint8_t {
  kAddColumn,
  kDropColumn,
  kAddConstraint,
  kDropConstraint,
  kRenameTable,
  kRenameColumn,
  kAlterColumn,  ///< ALTER/MODIFY/CHANGE COLUMN: `column` holds the new definition when given
  kOther,
};

struct AlterAction {
  AlterActionKind kind = AlterActionKind::kOther;
  Span span;
  ColumnDef* column = nullptr;
  TableConstraint* constraint = nullptr;
  TypeName* new_type = nullptr;  ///< ALTER COLUMN c [SET DATA] TYPE t
  Identifier name;               ///< dropped column/constraint, renamed-from column, altered column
  Identifier new_name;           ///< RENAME COLUMN a TO b
  ObjectName new_table_name;
  std::string_view text;  ///< the action as written
};

struct AlterTableStatement : Statement {
  ObjectName name;
  bool if_exists = false;
  std::span<AlterAction* const> actions;
};

struct IndexColumn {
  Identifier name;       ///< empty for expressions
  Expr* expr = nullptr;  ///< set for expression keys
  bool descending = false;
};

struct CreateIndexStatement : Statement {
  Identifier name;
  ObjectName table;
  bool unique = false;
  bool if_not_exists = false;
  std::string_view modifiers;  ///< CLUSTERED, NONCLUSTERED, FULLTEXT, BITMAP ...
  std::string_view method;     ///< USING btree
  std::span<const IndexColumn> columns;
  std::span<const Identifier> include;  ///< INCLUDE (...)
  Expr* where = nullptr;
};

struct CommentOnStatement : Statement {
  std::string_view object_kind;  ///< "TABLE", "COLUMN", "VIEW" ... upper case
  ObjectName target;
  std::string_view comment;  ///< decoded text
  bool is_null = false;
};

struct CreateSchemaStatement : Statement {
  ObjectName name;
  bool is_database = false;
  bool if_not_exists = false;
  bool or_replace = false;
  Identifier authorization;
};

struct UseStatement : Statement {
  ObjectName name;
  std::string_view object_kind;  ///< "", "DATABASE", "SCHEMA", "WAREHOUSE", "ROLE" ...
};

struct SetStatement : Statement {
  std::string_view name;   ///< variable name(s) as written
  std::string_view value;  ///< value as written
};

struct CreateSequenceStatement : Statement {
  ObjectName name;
  bool if_not_exists = false;
  bool or_replace = false;
  std::string_view start;      ///< START WITH n
  std::string_view increment;  ///< INCREMENT BY n
  std::span<const Option> options;
};

enum class TypeDefinitionKind : std::uint8_t { kEnum, kComposite, kOther };

struct CreateTypeStatement : Statement {
  ObjectName name;
  TypeDefinitionKind definition = TypeDefinitionKind::kOther;
  std::span<const std::string_view> enum_values;  ///< decoded labels
  std::span<ColumnDef* const> attributes;         ///< composite types
  std::string_view body;                          ///< everything after the name, as written
};

struct DropStatement : Statement {
  std::string_view object_kind;  ///< "TABLE", "VIEW", "INDEX" ... upper case, single-spaced
  std::span<const ObjectName> names;
  bool if_exists = false;
  bool cascade = false;
  ObjectName on_table;  ///< DROP INDEX i ON t (MySQL, T-SQL)
};

enum class InsertSource : std::uint8_t { kValues, kQuery, kDefaultValues, kSet, kOther };

struct InsertStatement : Statement {
  std::span<const Cte> ctes;  ///< WITH ... INSERT (PostgreSQL, T-SQL, Snowflake)
  ObjectName table;
  Identifier alias;
  std::span<const Identifier> columns;
  InsertSource source = InsertSource::kOther;
  Query* query = nullptr;        ///< INSERT ... SELECT
  std::uint32_t value_rows = 0;  ///< rows of a VALUES list (skipped, not parsed)
  bool overwrite = false;        ///< INSERT OVERWRITE (Hive)
  std::string_view modifiers;    ///< IGNORE, OR REPLACE, REPLACE INTO ...
  /// ON CONFLICT ..., ON DUPLICATE KEY UPDATE ..., RETURNING ...: kept as written, not
  /// modelled (empty span: none). The printer copies it within a dialect and reports it
  /// unsupported across dialects, so it is never dropped silently.
  Span trailing{};
};

struct QueryStatement : Statement {
  Query* query = nullptr;
};

struct Assignment {
  std::span<const Identifier> column;  ///< possibly qualified
  Expr* value = nullptr;
};

enum class MergeAction : std::uint8_t { kUpdate, kDelete, kInsert, kDoNothing };

struct MergeClause {
  bool matched = true;
  bool by_source = false;  ///< WHEN NOT MATCHED BY SOURCE
  Expr* condition = nullptr;
  MergeAction action = MergeAction::kUpdate;
  std::span<const Assignment> assignments;
  std::span<const Identifier> insert_columns;
  std::span<Expr* const> insert_values;
};

struct MergeStatement : Statement {
  ObjectName target;
  Identifier target_alias;
  TableRef* source = nullptr;
  Expr* on = nullptr;
  std::span<const MergeClause> clauses;
};

struct UpdateStatement : Statement {
  TableRef* table = nullptr;
  std::span<const Assignment> assignments;
  std::span<TableRef* const> from;
  Expr* where = nullptr;
};

struct DeleteStatement : Statement {
  TableRef* table = nullptr;
  std::span<TableRef* const> using_tables;
  Expr* where = nullptr;
};

struct TruncateStatement : Statement {
  std::span<const ObjectName> tables;
};

enum class RoutineKind : std::uint8_t {
  kProcedure,
  kFunction,
  kTrigger,
  kPackage,
  kPackageBody,
  kType,  ///< Oracle object types and type bodies (PL/SQL units)
  kEvent,
  kAnonymousBlock,
  kMacro,
};

struct RoutineStatement : Statement {
  RoutineKind routine_kind = RoutineKind::kProcedure;
  ObjectName name;  ///< empty for anonymous blocks
  bool or_replace = false;
  ObjectName on_table;  ///< triggers: the table they fire on
  std::string_view language;
  std::string_view body;  ///< the body as written (a $$ string's content, or the block)
  std::span<const ObjectName> tables_read;  ///< found by scanning the body's tokens
  std::span<const ObjectName> tables_written;
};

struct BlockStatement : Statement {
  std::string_view keyword;  ///< "IF", "WHILE", "BEGIN"
  Expr* condition = nullptr;
  std::span<const Statement* const> statements;       ///< the THEN branch / body
  std::span<const Statement* const> else_statements;  ///< IF ... ELSE branch
};

struct OtherStatement : Statement {
  std::string_view verb;  ///< the leading words as written, e.g. "GRANT", "CREATE EXTENSION"
};

/// The statement kind as a stable lower-case name ("create-table", "insert" ...).
std::string_view to_string(StatementKind kind);
std::string_view to_string(RoutineKind kind);

}  // namespace godwit::sql
