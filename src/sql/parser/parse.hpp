// The public entry point of the SQL engine's front end: parse a script in one dialect
// into statements (an arena AST), diagnostics and counts. Never throws on bad input and
// never stops at the first bad statement.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "sql/ast/arena.hpp"
#include "sql/ast/ast.hpp"
#include "sql/dialect/dialect.hpp"

namespace godwit::sql {

struct ParseOptions {
  std::string file_name;               ///< used in diagnostics
  std::size_t max_diagnostics = 1000;  ///< further errors are counted, not recorded
  bool skip_insert_values = true;      ///< scan INSERT ... VALUES rows without building them
};

/// Why a statement was not parsed.
struct SkippedStatement {
  Span span;
  std::size_t diagnostic = 0;  ///< index into ParseResult::diagnostics (or SIZE_MAX if dropped)
};

struct ParseStats {
  std::size_t statements = 0;  ///< parsed + skipped
  std::size_t parsed = 0;      ///< in `statements`, including kOther ones
  std::size_t other = 0;       ///< recognised but not modelled (GRANT, VACUUM ...), kOther
  std::size_t routines = 0;    ///< procedures, functions, triggers, packages, blocks
  std::size_t skipped = 0;     ///< syntax errors: diagnostic + recovery
  std::size_t directives = 0;  ///< client commands skipped (psql \x, SQL*Plus, DELIMITER ...)
  std::size_t bytes = 0;
};

/// The outcome of one parse. Owns the source text and the arena, so every string_view and
/// node pointer inside stays valid as long as this object lives (moves keep them valid).
class ParseResult {
 public:
  ParseResult() = default;
  ParseResult(ParseResult&&) noexcept = default;
  ParseResult& operator=(ParseResult&&) noexcept = default;

  const Dialect* dialect = nullptr;
  std::vector<const Statement*> statements;
  std::vector<Diagnostic> diagnostics;
  std::vector<SkippedStatement> skipped;
  ParseStats stats;

  std::string_view source() const {
    return source_ ? std::string_view(*source_) : std::string_view();
  }
  std::string_view text(Span span) const {
    return source().substr(span.begin, span.end - span.begin);
  }
  /// Line and column of a byte offset in the source (1-based).
  SourceLocation location(std::uint32_t offset) const;
  bool has_errors() const;
  /// Bytes held by the AST arena (for memory reporting).
  std::size_t arena_bytes() const { return arena_ ? arena_->bytes_reserved() : 0; }

 private:
  friend ParseResult parse_sql(std::string text, const Dialect& dialect,
                               const ParseOptions& options);
  std::unique_ptr<const std::string> source_;
  std::unique_ptr<Arena> arena_;
};

/// Parses `text` as a script in `dialect`.
ParseResult parse_sql(std::string text, const Dialect& dialect, const ParseOptions& options = {});

}  // namespace godwit::sql
