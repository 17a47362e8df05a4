// The statement loop: parse each statement, check its terminator, and on a syntax error
// record one diagnostic (what was expected at the furthest point reached) and resume at
// the next statement boundary.
#include "sql/parser/parse.hpp"

#include <algorithm>

#include "sql/parser/parser.hpp"

namespace godwit::sql {

SourceLocation ParseResult::location(std::uint32_t offset) const {
  std::string_view s = source();
  SourceLocation loc;
  loc.offset = offset;
  std::uint32_t line_start = 0;
  for (std::uint32_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++loc.line;
      line_start = i + 1;
    }
  }
  loc.column = offset - line_start + 1;
  return loc;
}

bool ParseResult::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

Parser::Parser(std::string_view text, const Dialect& dialect, Arena& arena,
               const ParseOptions& options, ParseResult& result)
    : text_(text),
      dialect_(dialect),
      caps_(dialect.capabilities()),
      arena_(arena),
      options_(options),
      result_(result),
      lexer_(text, dialect) {
  tokens_.reserve(256);
}

SourceLocation Parser::location(std::uint32_t offset) {
  if (offset < line_offset_) {
    line_offset_ = 0;
    line_number_ = 1;
    line_start_ = 0;
  }
  for (std::uint32_t i = line_offset_; i < offset && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++line_number_;
      line_start_ = i + 1;
    }
  }
  line_offset_ = offset;
  return {offset, line_number_, offset - line_start_ + 1};
}

void Parser::expect_statement_end() {
  if (at_statement_end()) return;
  if (dialect_.script().optional_semicolons && is_statement_start_word(peek())) return;
  fail("end of statement");
}

void Parser::report_failure(std::uint32_t statement_begin) {
  std::uint32_t at_offset = expected_.empty() ? statement_begin : furthest_;
  // Describe the token found at the furthest point.
  // Name the token found there: it is still in the statement's token buffer.
  std::string found = "end of input";
  if (at_offset < text_.size()) {
    std::string_view token_text = text_.substr(at_offset, 1);
    for (const Token& t : tokens_) {
      if (t.offset == at_offset && t.kind != TokenKind::kEnd) {
        token_text = text(t);
        break;
      }
    }
    std::size_t cut = token_text.find_first_of("\r\n");
    if (cut != std::string_view::npos) token_text = token_text.substr(0, cut);
    if (token_text.size() > 32) token_text = token_text.substr(0, 32);
    found = "'" + std::string(token_text) + "'";
  }
  Diagnostic d;
  d.code = "E-PARSE-EXPECTED";
  d.severity = Severity::kError;
  d.file = options_.file_name;
  d.location = location(at_offset);
  std::string wanted;
  for (std::size_t i = 0; i < expected_.size(); ++i) {
    if (i > 0) wanted += i + 1 == expected_.size() ? " or " : ", ";
    wanted += expected_[i];
    d.expected.emplace_back(expected_[i]);
  }
  if (wanted.empty()) wanted = "a statement";
  d.message = "expected " + wanted + ", found " + found;
  d.snippet = make_snippet(text_, d.location);
  SkippedStatement skip;
  skip.span = {statement_begin, statement_begin};
  if (result_.diagnostics.size() < options_.max_diagnostics) {
    skip.diagnostic = result_.diagnostics.size();
    result_.diagnostics.push_back(std::move(d));
  } else {
    skip.diagnostic = SIZE_MAX;
  }
  result_.skipped.push_back(skip);
}

void Parser::warn(std::uint32_t offset, std::string_view code, std::string_view message) {
  if (result_.diagnostics.size() >= options_.max_diagnostics) return;
  Diagnostic d;
  d.code = std::string(code);
  d.severity = Severity::kWarning;
  d.message = std::string(message);
  d.file = options_.file_name;
  d.location = location(offset);
  d.snippet = make_snippet(text_, d.location);
  result_.diagnostics.push_back(std::move(d));
}

void Parser::run() {
  for (;;) {
    // Drop consumed tokens so the buffer holds one statement at a time.
    if (pos_ > 0) {
      tokens_.erase(tokens_.begin(), tokens_.begin() + static_cast<std::ptrdiff_t>(pos_));
      pos_ = 0;
    }
    const Token t = peek();
    if (t.kind == TokenKind::kEnd) break;
    if (t.kind == TokenKind::kSemicolon || t.kind == TokenKind::kBatchSeparator ||
        t.kind == TokenKind::kInnerSemicolon) {
      advance();
      continue;
    }
    if (t.kind == TokenKind::kDirective) {
      ++result_.stats.directives;
      advance();
      continue;
    }
    std::uint32_t begin = t.offset;
    expected_.clear();
    furthest_ = begin;
    block_depth_ = 0;
    nesting_ = 0;
    ++result_.stats.statements;
    try {
      Statement* s = parse_statement();
      expect_statement_end();
      s->span = span_from(begin);
      result_.statements.push_back(s);
      ++result_.stats.parsed;
      if (s->kind == StatementKind::kOther) ++result_.stats.other;
      if (s->kind == StatementKind::kRoutine) ++result_.stats.routines;
    } catch (const ParseFailure&) {
      report_failure(begin);
      ++result_.stats.skipped;
      pending_copy_data_ = false;
      skip_to_statement_end(dialect_.script().optional_semicolons);
      result_.skipped.back().span = span_from(begin);
    }
    if (pending_copy_data_) {
      pending_copy_data_ = false;
      if (at(TokenKind::kSemicolon)) advance();
      if (pos_ == tokens_.size()) {
        tokens_.clear();
        pos_ = 0;
        lexer_.skip_copy_data();
      }
    }
  }
}

ParseResult parse_sql(std::string text, const Dialect& dialect, const ParseOptions& options) {
  ParseResult result;
  result.dialect = &dialect;
  result.source_ = std::make_unique<const std::string>(std::move(text));
  result.arena_ = std::make_unique<Arena>();
  result.stats.bytes = result.source_->size();
  if (result.source_->size() >= UINT32_MAX) {
    Diagnostic d;
    d.code = "E-PARSE-TOO-LARGE";
    d.message = "input larger than 4 GiB is not supported";
    d.file = options.file_name;
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  Parser parser(*result.source_, dialect, *result.arena_, options, result);
  parser.run();
  return result;
}

}  // namespace godwit::sql
