// Parser: the shared recursive-descent grammar over the Lexer's tokens, building the
// arena AST. Internal to src/sql/parser; the public entry point is parse.hpp. Each
// grammar area is implemented in its own file (parse_create_table.cpp, parse_select.cpp,
// parse_expression.cpp ...); this header is their common toolbox.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "sql/ast/arena.hpp"
#include "sql/ast/ast.hpp"
#include "sql/lexer/lexer.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::sql {

/// Thrown inside the parser to abandon the current statement; caught at statement level.
struct ParseFailure {
  std::uint32_t offset;
};

/// Builds a list in inline storage, spilling into the arena; `finish` copies it into the
/// arena. Keeps list building free of heap allocation.
template <class T, std::size_t N = 8>
class ListBuilder {
 public:
  explicit ListBuilder(Arena& arena) : arena_(arena) {}
  ListBuilder(const ListBuilder&) = delete;
  ListBuilder& operator=(const ListBuilder&) = delete;
  void push(const T& value) {
    if (size_ == capacity_) grow();
    data_[size_++] = value;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& back() { return data_[size_ - 1]; }
  std::span<const T> view() const { return {data_, size_}; }
  std::span<const T> finish() { return arena_.copy(std::span<const T>(data_, size_)); }
  std::span<T> finish_mutable() { return arena_.copy(std::span<const T>(data_, size_)); }

 private:
  void grow() {
    T* bigger = static_cast<T*>(arena_.allocate(sizeof(T) * capacity_ * 2, alignof(T)));
    std::memcpy(static_cast<void*>(bigger), static_cast<const void*>(data_), sizeof(T) * size_);
    data_ = bigger;
    capacity_ *= 2;
  }
  Arena& arena_;
  // Raw inline storage: value-initialising N nodes per list showed up in profiles.
  alignas(T) unsigned char storage_[N * sizeof(T)];
  T* data_ = reinterpret_cast<T*>(storage_);
  std::size_t size_ = 0;
  std::size_t capacity_ = N;
};

class Parser {
 public:
  Parser(std::string_view text, const Dialect& dialect, Arena& arena, const ParseOptions& options,
         ParseResult& result);
  void run();

  // --- tokens (parser_tokens.cpp) ---
  const Token& peek(std::size_t ahead = 0) {
    std::size_t i = pos_ + ahead;
    if (i < tokens_.size()) return tokens_[i];
    return fill(ahead);
  }
  Token advance() {
    const Token& t = peek();
    if (t.kind != TokenKind::kEnd) {
      ++pos_;
      last_end_ = t.offset + t.length;
    }
    return t;
  }
  const Token& fill(std::size_t ahead);  ///< lexes until `ahead` tokens are buffered
  std::string_view text(const Token& t) const { return text_.substr(t.offset, t.length); }
  std::string_view text(Span s) const { return text_.substr(s.begin, s.end - s.begin); }
  bool at(Keyword k, std::size_t ahead = 0) { return peek(ahead).keyword == k; }
  bool at(TokenKind k, std::size_t ahead = 0) { return peek(ahead).kind == k; }
  bool at_op(std::string_view op, std::size_t ahead = 0);
  bool at_word(std::string_view upper, std::size_t ahead = 0);  ///< case-insensitive word
  bool accept(Keyword k);
  bool accept(TokenKind k);
  bool accept_op(std::string_view op);
  bool accept_word(std::string_view upper);
  Token expect(Keyword k);
  Token expect(TokenKind k, std::string_view what);
  void expect_op(std::string_view op);
  [[noreturn]] void fail(std::string_view expected);
  /// Records a warning diagnostic at `offset`; parsing goes on.
  void warn(std::uint32_t offset, std::string_view code, std::string_view message);
  bool at_statement_end();  ///< ';', GO/'/', end of input
  std::uint32_t last_end() const { return last_end_; }
  Span span_from(std::uint32_t begin) const {
    return {begin, last_end_ > begin ? last_end_ : begin};
  }
  std::uint32_t here() { return peek().offset; }
  /// Skips a parenthesised group starting at '(' (or the current token if not '('),
  /// returning its source text.
  std::string_view skip_parens();
  /// Skips tokens to ',' or ')' at depth 0 (not consumed) or statement end.
  std::string_view skip_to_comma_or_close();
  /// Skips tokens to the statement end at depth 0, honouring BEGIN/CASE..END nesting.
  void skip_to_statement_end(bool stop_at_statement_verbs);
  bool is_statement_start_word(const Token& t);

  // --- names, strings and types (parser_names.cpp) ---
  bool at_identifier(bool allow_reserved = false, std::size_t ahead = 0);
  Identifier parse_identifier(std::string_view what = "an identifier", bool allow_reserved = false);
  ObjectName parse_object_name(std::string_view what = "a name");
  std::span<const Identifier> parse_identifier_list();  ///< ( a, b, ... )
  std::string_view decode_string(const Token& t);
  std::string_view parse_string(std::string_view what = "a string");
  TypeName* parse_type();
  bool can_be_alias(std::size_t ahead = 0);
  Identifier parse_optional_alias(bool allow_string);

  // --- statements (parse_statement.cpp) ---
  Statement* parse_statement();
  Statement* parse_create();
  Statement* parse_drop();
  Statement* parse_comment_on();
  Statement* parse_use();
  Statement* parse_set();
  Statement* parse_create_schema(std::uint32_t begin, bool or_replace, bool is_database);
  Statement* parse_create_sequence(std::uint32_t begin, bool or_replace);
  Statement* parse_create_type(std::uint32_t begin, bool or_replace);
  Statement* parse_truncate();
  Statement* make_other(std::uint32_t begin, std::uint32_t verb_end, bool stop_at_verbs);

  // --- CREATE TABLE (parse_create_table.cpp) ---
  Statement* parse_create_table(std::uint32_t begin, bool or_replace, std::string_view modifiers,
                                bool temporary);
  ColumnDef* parse_column_def();
  void parse_column_options(ColumnDef& column, ListBuilder<Expr*>& checks,
                            ListBuilder<Option>& options);
  bool at_table_constraint();
  bool at_inline_table_constraint();
  TableConstraint* parse_table_constraint();
  ForeignKeyTarget* parse_references();
  void parse_table_options(CreateTableStatement& table);

  // --- ALTER TABLE, CREATE INDEX (parse_alter_table.cpp) ---
  Statement* parse_alter_table(std::uint32_t begin);
  Statement* parse_create_index(std::uint32_t begin, std::string_view modifiers, bool unique);

  // --- views and queries (parse_select.cpp) ---
  Statement* parse_create_view(std::uint32_t begin, bool or_replace, bool materialized,
                               std::string_view modifiers);
  bool at_query_start(std::size_t ahead = 0);
  Query* parse_query();
  void parse_ctes(Query& query);                               ///< WITH [RECURSIVE] ..., if present
  Query* parse_query_rest(Query* query, std::uint32_t begin);  ///< the body after the CTEs
  QueryBody* parse_query_body(int min_precedence);
  QueryBody* parse_query_term();
  SelectBody* parse_select_body();
  std::span<TableRef* const> parse_from_list();
  TableRef* parse_table_ref();
  TableRef* parse_table_primary();
  std::span<const OrderItem> parse_order_by_list();
  WindowSpec* parse_window_spec();

  // --- expressions (parse_expression.cpp) ---
  Expr* parse_expr(int min_precedence = 0);
  Expr* parse_primary();
  Expr* parse_postfix(Expr* e);
  Expr* parse_function_call(ObjectName name, std::uint32_t begin);
  Expr* parse_case();
  Expr* parse_cast(CastSyntax syntax);
  std::span<Expr* const> parse_expr_list();  ///< a, b, c (no parens)

  // --- DML (parse_dml.cpp) ---
  Statement* parse_insert();
  Statement* parse_update();
  Statement* parse_delete();
  void skip_output_clause();
  Expr* parse_dml_where();
  void skip_dml_tail();
  Statement* parse_merge();
  Statement* parse_query_statement();
  std::span<const Assignment> parse_assignments();

  // --- routines and blocks (parse_routine.cpp) ---
  Statement* parse_routine(std::uint32_t begin, RoutineKind kind, bool or_replace);
  Statement* parse_anonymous_block(std::uint32_t begin);
  Statement* parse_control_block();
  void scan_routine_tables(std::span<const Token> tokens, RoutineStatement& routine);

  /// Bounds recursion (expressions, queries, joins) so hostile input cannot overflow the
  /// stack: deeper nesting is a syntax error.
  class NestingGuard {
   public:
    explicit NestingGuard(Parser& p) : parser_(p) {
      if (++parser_.nesting_ > kMaxNesting) {
        --parser_.nesting_;
        parser_.fail("less deeply nested syntax");
      }
    }
    ~NestingGuard() { --parser_.nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    Parser& parser_;
  };
  static constexpr int kMaxNesting = 200;

  template <class T, class... Args>
  T* make(Args&&... args) {
    return arena_.make<T>(std::forward<Args>(args)...);
  }
  Arena& arena() { return arena_; }
  const Dialect& dialect() const { return dialect_; }

 private:
  void report_failure(std::uint32_t statement_begin);
  void expect_statement_end();
  SourceLocation location(std::uint32_t offset);

  std::string_view text_;
  const Dialect& dialect_;
  const Capabilities& caps_;
  Arena& arena_;
  const ParseOptions& options_;
  ParseResult& result_;
  Lexer lexer_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::uint32_t last_end_ = 0;
  // Furthest failure of the current statement, for "expected ..." messages.
  std::uint32_t furthest_ = 0;
  std::vector<std::string_view> expected_;
  bool pending_copy_data_ = false;
  int block_depth_ = 0;
  int nesting_ = 0;
  // Incremental line counting for diagnostics (offsets only grow).
  std::uint32_t line_offset_ = 0;
  std::uint32_t line_number_ = 1;
  std::uint32_t line_start_ = 0;
};

}  // namespace godwit::sql
