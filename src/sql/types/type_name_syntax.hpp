// The shape of a type name as written, before any dialect gives it meaning:
// `TIMESTAMP(6) WITH LOCAL TIME ZONE` is four words after a parameterised word,
// `STRUCT<a INT64, b ARRAY<STRING>>` one word with two bracketed arguments. The type
// readers interpret this shape with their dialect's table. Never throws: malformed text
// gives `ok == false` and a message, and the caller keeps the text as unknown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::sql {

enum class TypeTokenKind : std::uint8_t { kWord, kQuotedName, kNumber, kString, kPunct };

/// One token of a type name; `text` points into the source that was tokenized.
struct TypeToken {
  TypeTokenKind kind = TypeTokenKind::kWord;
  std::string_view text;  ///< as written, quotes included
  std::size_t offset = 0;
  bool is(char punct) const {
    return kind == TypeTokenKind::kPunct && text.size() == 1 && text[0] == punct;
  }
};

/// A half-open range of tokens: one argument between commas, or a whole type.
struct TokenRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin >= end; }
  std::size_t size() const { return end > begin ? end - begin : 0; }
};

/// A word (or qualified name) and its optional bracketed argument list.
struct TypeSegment {
  std::string word;        ///< upper-cased; a quoted name keeps its spelling, unquoted
  bool quoted = false;     ///< any part was a quoted identifier
  bool qualified = false;  ///< written as schema.name
  bool is_string = false;  ///< a stray string literal, e.g. after COMMENT
  bool is_number = false;  ///< a stray number
  char bracket = 0;        ///< '(' or '<' when arguments follow, else 0
  std::vector<TokenRange> args;
  TokenRange range;  ///< the tokens of the segment, arguments included
};

/// A parsed type name: segments, then `[]` suffixes (PostgreSQL arrays).
struct TypeSyntax {
  std::vector<TypeSegment> segments;
  int array_dims = 0;
  bool ok = true;
  std::string error;
  /// When !ok: the token where the malformed part starts. `segments` still holds the
  /// complete segments before it, so `INT CHECK (a > 0)` keeps its INT.
  std::size_t stop = 0;
};

/// Tokens of one type-name text; text must outlive them.
class TypeTokens {
 public:
  explicit TypeTokens(std::string_view text);

  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  const std::vector<TypeToken>& tokens() const { return tokens_; }
  std::string_view source() const { return source_; }
  TokenRange all() const { return {0, tokens_.size()}; }
  /// The source text a range covers, verbatim.
  std::string_view text_of(TokenRange range) const;

  /// Parses `range` into segments; nested arguments stay token ranges for recursion.
  TypeSyntax parse(TokenRange range) const;

 private:
  std::string_view source_;
  std::vector<TypeToken> tokens_;
  bool ok_ = true;
  std::string error_;
};

/// The value of a quoted identifier or string literal without quotes and escapes.
std::string unquote(std::string_view token_text);

/// Deepest bracket nesting accepted; deeper input is reported, not recursed into.
inline constexpr int kMaxTypeNesting = 64;

}  // namespace godwit::sql
