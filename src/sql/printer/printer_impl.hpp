// The printer's internal state and its parts, shared by the print_*.cpp files of this
// folder (not a public header).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sql/printer/printer.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::sql {

class Printer {
 public:
  Printer(const ParseResult& parsed, const PrinterProfile& source, const PrinterProfile& target,
          const PrintOptions& options);

  StatementTranslation statement(const Statement& s);
  StatementTranslation expression(const Expr& e);

  // Names and literals (print_names.cpp).
  std::string ident(const Identifier& id);
  std::string idents(std::span<const Identifier> ids, std::string_view sep = ", ");
  std::string name(const ObjectName& n);
  std::string string_literal(std::string_view decoded);
  /// The decoded value of a string literal token as written in the source dialect;
  /// false when it is not a plain string (hex, bit, unknown prefix).
  bool decode_string(std::string_view text, std::string& value) const;
  std::string literal(const LiteralExpr& l);
  std::string type(const TypeName* t, Span where);
  std::string type_text(std::string_view text, Span where);
  /// Source text of a span, whitespace-collapsed.
  std::string verbatim(Span s) const;

  // Expressions (print_expr.cpp, print_function.cpp).
  std::string expr(const Expr* e, int parent_precedence = 0, bool right_side = false);
  std::string exprs(std::span<Expr* const> list, std::string_view sep = ", ");
  std::string order_items(std::span<const OrderItem> items);
  std::string window(const WindowSpec& w);
  std::string function(const FunctionExpr& f);
  std::string binary(const BinaryExpr& b, int parent_precedence, bool right_side);
  std::string cast(const CastExpr& c);
  std::string interval(const IntervalExpr& iv);
  /// The amount and canonical unit of a one-unit interval literal; false otherwise.
  bool interval_parts(const IntervalExpr& iv, std::string& amount, std::string& unit);
  /// A niladic function written as a bare name (SYSDATE, CURRENT_TIMESTAMP); empty when the
  /// name is not one.
  std::string niladic(const ColumnRefExpr& c);
  std::string apply_template(std::string_view tmpl, std::span<const Expr* const> args,
                             const FunctionExpr* call, std::string_view rule_note);

  // Queries (print_query.cpp).
  std::string query(const Query* q);
  std::string query_body(const QueryBody* b, const Query* owner);
  std::string select(const SelectBody& s, const Query* owner);
  std::string table_ref(const TableRef* t);
  const Expr* rownum_limit(const SelectBody& s, const Expr*& rest, bool& exclusive);
  std::string ctes(std::span<const Cte> list, bool recursive);

  // Statements (print_statement.cpp, print_ddl.cpp).
  std::string create_table(const CreateTableStatement& s);
  std::string column_def(const ColumnDef& c);
  std::string column_default(const ColumnDef& c);
  std::string constraint(const TableConstraint& c);
  std::string references(const ForeignKeyTarget& fk);
  std::string options_as_written(std::span<const Option> options, std::string_view what);
  std::string alter_table(const AlterTableStatement& s);
  std::string create_index(const CreateIndexStatement& s);
  /// The index name to write: unnamed inline keys get `<table>_<columns>_idx`, names used
  /// on several tables (legal where names are per table) get the table name in front.
  std::string index_name(const Identifier& name, const ObjectName& table,
                         std::span<const Identifier> columns, Span where);
  /// Index names that more than one index of the script uses (folded), when the target
  /// scopes index names to the schema and the source did not; set by translate().
  std::unordered_set<std::string> colliding_indexes_;
  std::string insert(const InsertStatement& s);
  std::string dml(const Statement& s);

  /// Line and column of a source offset (a line index built once: diagnostics are many).
  SourceLocation locate(std::uint32_t offset);
  std::vector<std::uint32_t> line_starts_;

  /// Records a non-exact translation of the node at `where`.
  void downgrade(Fidelity level, Span where, std::string_view message, std::string_view code = {});
  /// Marks an unsupported construct: the diagnostic plus the comment to emit in its place.
  std::string unsupported(Span where, std::string_view what);
  void count_exact() { ++counts_.exact; }

  std::string nl() const { return options_.pretty ? "\n" + std::string(indent_ * 2, ' ') : " "; }
  struct Indent {
    explicit Indent(Printer& p) : p_(p) { ++p_.indent_; }
    ~Indent() { --p_.indent_; }
    Printer& p_;
  };

  const ParseResult& parsed_;
  const PrinterProfile& src_;
  const PrinterProfile& tgt_;
  const DialectTypeTable* src_types_;
  const DialectTypeTable* tgt_types_;
  PrintOptions options_;
  bool same_;  ///< source and target are one dialect: keep what was written
  int indent_ = 0;
  FidelityCounts counts_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> pending_units_;
  std::string unknown_unit_;  ///< set by apply_template when a date part is not a unit  ///< units
                              ///< a read rule supplied, by argument
};

/// Date units: the canonical upper-case name of a unit as any dialect writes it
/// ("dd" -> "DAY", "yyyy" -> "YEAR", "days" -> "DAY"); empty when unknown.
std::string_view canonical_date_unit(std::string_view unit);

/// Rewrites a date format string from one style to another. Elements with no equivalent
/// are listed in `lost` (the output keeps them as written).
std::string convert_date_format(std::string_view format, FormatStyle from, FormatStyle to,
                                std::vector<std::string>& lost);

/// Case-insensitive ASCII comparison and upper-casing.
bool iequals(std::string_view a, std::string_view b);
std::string upper(std::string_view s);

}  // namespace godwit::sql
