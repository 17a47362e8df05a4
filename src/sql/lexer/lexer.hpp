// Lexer: turns SQL text into tokens under one dialect's lexical and script rules. It runs
// over the caller's buffer, classifies bytes with a 256-entry table, allocates nothing,
// and also recognises what lives between statements: client directives, GO and '/'
// lines, and MySQL DELIMITER changes.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sql/dialect/dialect.hpp"
#include "sql/lexer/token.hpp"

namespace godwit::sql {

class Lexer {
 public:
  Lexer(std::string_view text, const Dialect& dialect);

  /// The next significant token (comments and blanks skipped); kEnd at the end, forever.
  Token next();

  /// Byte offset where the next token search starts.
  std::uint32_t position() const { return pos_; }

  /// Skips an INSERT ... VALUES body without producing tokens: strings, comments and
  /// parentheses are honoured, and scanning stops before the statement terminator
  /// (';', the active delimiter, a GO or '/' line) at depth 0, or at the end of input.
  /// Returns the number of top-level parenthesised rows seen.
  std::uint32_t skip_to_statement_end();

  /// Skips psql COPY ... FROM stdin data: every line up to and including a "\." line.
  void skip_copy_data();

  /// Whether the next token would begin a statement (after a terminator or directive).
  bool at_statement_start() const { return at_statement_start_; }

  std::string_view text() const { return text_; }
  const Dialect& dialect() const { return dialect_; }

 private:
  enum CharClass : std::uint8_t {
    kOther,
    kSpace,
    kNewline,
    kWordStart,
    kDigit,
    kSingleQuote,
    kDoubleQuote,
    kBacktick,
    kLeftBracket,
    kDollar,
    kPunct,
  };

  Token make(TokenKind kind, std::uint32_t begin, std::uint32_t end, std::uint8_t flags);
  bool skip_blanks_and_comments();  ///< returns true when a newline was crossed
  std::uint32_t scan_quoted(std::uint32_t begin, char close, bool backslashes, bool& escaped) const;
  std::uint32_t scan_block_comment(std::uint32_t begin) const;
  std::uint32_t scan_dollar_string(std::uint32_t begin) const;  ///< 0 when not a dollar string
  std::uint32_t scan_word(std::uint32_t begin) const;
  std::uint32_t scan_number(std::uint32_t begin) const;
  std::uint32_t scan_prefixed_string(std::uint32_t begin, std::uint32_t word_end,
                                     bool& escaped) const;
  std::uint32_t scan_triple_quoted(std::uint32_t begin) const;
  std::uint32_t line_end(std::uint32_t from) const;
  bool rest_of_line_blank(std::uint32_t from) const;
  bool is_batch_separator_line(std::uint32_t begin, std::uint32_t& end) const;
  bool matches_delimiter(std::uint32_t at) const;

  std::string_view text_;
  const Dialect& dialect_;
  const LexicalRules& rules_;
  std::array<std::uint8_t, 256> class_{};
  std::array<bool, 256> word_part_{};
  std::uint32_t pos_ = 0;
  std::uint32_t size_ = 0;
  std::string_view delimiter_ = ";";
  bool custom_delimiter_ = false;
  bool at_line_start_ = true;
  bool at_statement_start_ = true;
};

}  // namespace godwit::sql
