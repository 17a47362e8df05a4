// Lexer implementation. Hot paths (blanks, words, numbers, ordinary strings) are tight
// loops over the buffer; the rarer string forms are checked only when their introducing
// character appears.
#include "sql/lexer/lexer.hpp"

#include <cstring>

namespace godwit::sql {
namespace {

inline bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
inline bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
inline bool is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kWord: return "word";
    case TokenKind::kQuotedIdentifier: return "quoted identifier";
    case TokenKind::kString: return "string";
    case TokenKind::kNumber: return "number";
    case TokenKind::kParameter: return "parameter";
    case TokenKind::kSemicolon: return "';'";
    case TokenKind::kBatchSeparator: return "batch separator";
    case TokenKind::kInnerSemicolon: return "';'";
    case TokenKind::kLeftParen: return "'('";
    case TokenKind::kRightParen: return "')'";
    case TokenKind::kLeftBracket: return "'['";
    case TokenKind::kRightBracket: return "']'";
    case TokenKind::kLeftBrace: return "'{'";
    case TokenKind::kRightBrace: return "'}'";
    case TokenKind::kComma: return "','";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kOperator: return "operator";
    case TokenKind::kDirective: return "client command";
    case TokenKind::kError: return "invalid token";
  }
  return "token";
}

Lexer::Lexer(std::string_view text, const Dialect& dialect)
    : text_(text),
      dialect_(dialect),
      rules_(dialect.lexical()),
      size_(static_cast<std::uint32_t>(text.size())) {
  for (int c = 0; c < 256; ++c) {
    auto u = static_cast<unsigned char>(c);
    std::uint8_t k = kOther;
    if (u == ' ' || u == '\t' || u == '\r' || u == '\f' || u == '\v')
      k = kSpace;
    else if (u == '\n')
      k = kNewline;
    else if (is_alpha(u))
      k = kWordStart;
    else if (is_digit(u))
      k = kDigit;
    else if (u == '\'')
      k = kSingleQuote;
    else if (u == '"')
      k = kDoubleQuote;
    else if (u == '`')
      k = kBacktick;
    else if (u == '[')
      k = kLeftBracket;
    else if (u == '$')
      k = kDollar;
    else if (u != 0)
      k = kPunct;
    class_[u] = k;
    word_part_[u] = is_alpha(u) || is_digit(u) || (u == '$' && rules_.dollar_in_identifiers) ||
                    (u == '#' && rules_.hash_in_identifiers);
  }
  if (rules_.hash_in_identifiers) class_['#'] = kWordStart;
}

Token Lexer::make(TokenKind kind, std::uint32_t begin, std::uint32_t end, std::uint8_t flags) {
  pos_ = end;
  at_statement_start_ = kind == TokenKind::kSemicolon || kind == TokenKind::kBatchSeparator ||
                        kind == TokenKind::kDirective;
  at_line_start_ = false;
  Token t;
  t.offset = begin;
  t.length = end - begin;
  t.kind = kind;
  t.flags = flags;
  return t;
}

std::uint32_t Lexer::line_end(std::uint32_t from) const {
  const void* nl = std::memchr(text_.data() + from, '\n', size_ - from);
  return nl ? static_cast<std::uint32_t>(static_cast<const char*>(nl) - text_.data()) : size_;
}

bool Lexer::rest_of_line_blank(std::uint32_t from) const {
  for (std::uint32_t i = from; i < size_ && text_[i] != '\n'; ++i) {
    char c = text_[i];
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

bool Lexer::is_batch_separator_line(std::uint32_t begin, std::uint32_t& end) const {
  const ScriptRules& s = dialect_.script();
  if (s.slash_line_terminator && (text_[begin] == '/' || text_[begin] == '.') &&
      rest_of_line_blank(begin + 1)) {
    end = begin + 1;
    return true;
  }
  if (s.go_batch_separator && begin + 1 < size_ && (text_[begin] | 0x20) == 'g' &&
      (text_[begin + 1] | 0x20) == 'o' &&
      (begin + 2 == size_ || !word_part_[static_cast<unsigned char>(text_[begin + 2])])) {
    std::uint32_t i = begin + 2;
    while (i < size_ && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    while (i < size_ && is_digit(static_cast<unsigned char>(text_[i]))) ++i;  // GO 10
    if (i < size_ && text_[i] == ';') ++i;
    if (rest_of_line_blank(i)) {
      end = i;
      return true;
    }
  }
  return false;
}

bool Lexer::matches_delimiter(std::uint32_t at) const {
  return text_.substr(at, delimiter_.size()) == delimiter_;
}

std::uint32_t Lexer::scan_block_comment(std::uint32_t begin) const {
  // begin points at "/*"; returns the offset after the closing "*/", or size_+1 on EOF.
  std::uint32_t i = begin + 2;
  int depth = 1;
  while (i + 1 < size_) {
    char c = text_[i];
    if (c == '*' && text_[i + 1] == '/') {
      i += 2;
      if (--depth == 0) return i;
      continue;
    }
    if (c == '/' && text_[i + 1] == '*' && rules_.nested_block_comments) {
      ++depth;
      i += 2;
      continue;
    }
    ++i;
  }
  return size_ + 1;
}

bool Lexer::skip_blanks_and_comments() {
  bool newline = false;
  const char* s = text_.data();
  while (pos_ < size_) {
    auto c = static_cast<unsigned char>(s[pos_]);
    std::uint8_t k = class_[c];
    if (k == kSpace) {
      ++pos_;
    } else if (k == kNewline) {
      ++pos_;
      newline = true;
    } else if (c == '-' && pos_ + 1 < size_ && s[pos_ + 1] == '-') {
      pos_ = line_end(pos_);
    } else if (c == '/' && pos_ + 1 < size_ && s[pos_ + 1] == '*') {
      std::uint32_t e = scan_block_comment(pos_);
      if (e > size_) return newline;  // unterminated: next() reports it
      pos_ = e;
    } else if ((c == '#' && rules_.hash_comments) || (c == '/' && rules_.slash_slash_comments &&
                                                      pos_ + 1 < size_ && s[pos_ + 1] == '/')) {
      pos_ = line_end(pos_);
    } else {
      break;
    }
  }
  return newline;
}

std::uint32_t Lexer::scan_quoted(std::uint32_t begin, char close, bool backslashes,
                                 bool& escaped) const {
  // begin is the offset after the opening quote; returns the offset after the closing one
  // or size_+1 when unterminated.
  const char* s = text_.data();
  std::uint32_t i = begin;
  for (;;) {
    while (i < size_ && s[i] != close && !(backslashes && s[i] == '\\')) ++i;
    if (i >= size_) return size_ + 1;
    if (s[i] == '\\') {
      escaped = true;
      i += 2;
      if (i > size_) return size_ + 1;
      continue;
    }
    if (i + 1 < size_ && s[i + 1] == close && close != ']') {
      escaped = true;
      i += 2;
      continue;
    }
    if (close == ']' && i + 1 < size_ && s[i + 1] == ']') {
      escaped = true;
      i += 2;
      continue;
    }
    return i + 1;
  }
}

std::uint32_t Lexer::scan_dollar_string(std::uint32_t begin) const {
  // $$...$$ or $tag$...$tag$; 0 when this '$' does not open one.
  std::uint32_t i = begin + 1;
  if (i < size_ && text_[i] != '$') {
    if (!rules_.dollar_tagged_strings) return 0;
    if (!is_alpha(static_cast<unsigned char>(text_[i]))) return 0;
    while (i < size_ && (is_alpha(static_cast<unsigned char>(text_[i])) ||
                         is_digit(static_cast<unsigned char>(text_[i]))))
      ++i;
    if (i >= size_ || text_[i] != '$') return 0;
  }
  if (i >= size_) return 0;
  std::string_view tag = text_.substr(begin, i + 1 - begin);
  std::size_t close = text_.find(tag, i + 1);
  if (close == std::string_view::npos) return size_ + 1;
  return static_cast<std::uint32_t>(close + tag.size());
}

std::uint32_t Lexer::scan_word(std::uint32_t begin) const {
  const char* s = text_.data();
  std::uint32_t i = begin + 1;
  while (i < size_ && word_part_[static_cast<unsigned char>(s[i])]) ++i;
  if (rules_.dash_in_identifiers) {
    // BigQuery project ids: my-project-123 (a dash followed by a letter or digit run).
    while (i + 1 < size_ && s[i] == '-' && s[i + 1] != '-' &&
           word_part_[static_cast<unsigned char>(s[i + 1])] && i > begin) {
      std::uint32_t j = i + 1;
      while (j < size_ && word_part_[static_cast<unsigned char>(s[j])]) ++j;
      if (j < size_ && s[j] != '.') break;  // only inside a dotted path: a-b.c
      i = j;
    }
  }
  return i;
}

std::uint32_t Lexer::scan_number(std::uint32_t begin) const {
  const char* s = text_.data();
  std::uint32_t i = begin;
  if (s[i] == '0' && i + 1 < size_ && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    i += 2;
    while (i < size_ && is_hex(static_cast<unsigned char>(s[i]))) ++i;
    return i;
  }
  while (i < size_ && is_digit(static_cast<unsigned char>(s[i]))) ++i;
  if (i < size_ && s[i] == '.' && !(i + 1 < size_ && s[i + 1] == '.')) {
    ++i;
    while (i < size_ && is_digit(static_cast<unsigned char>(s[i]))) ++i;
  }
  if (i < size_ && (s[i] == 'e' || s[i] == 'E')) {
    std::uint32_t j = i + 1;
    if (j < size_ && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < size_ && is_digit(static_cast<unsigned char>(s[j]))) {
      while (j < size_ && is_digit(static_cast<unsigned char>(s[j]))) ++j;
      i = j;
    }
  }
  return i;
}

std::uint32_t Lexer::scan_triple_quoted(std::uint32_t begin) const {
  char q = text_[begin];
  const char close[3] = {q, q, q};
  std::size_t at = text_.find(std::string_view(close, 3), begin + 3);
  if (at == std::string_view::npos) return size_ + 1;
  return static_cast<std::uint32_t>(at + 3);
}

std::uint32_t Lexer::scan_prefixed_string(std::uint32_t begin, std::uint32_t word_end,
                                          bool& escaped) const {
  // A short word right before a quote may be a string prefix: N'..', E'..', X'..', B'..',
  // U&'..' (handled by the caller's '&'), q'[..]', r'..', b'..', rb'..'. Returns 0 if not.
  std::uint32_t n = word_end - begin;
  if (n > 2 || word_end >= size_) return 0;
  char q = text_[word_end];
  char a = static_cast<char>(text_[begin] | 0x20);
  char b = n == 2 ? static_cast<char>(text_[begin + 1] | 0x20) : '\0';
  bool raw = false;
  if (q == '\'' || (q == '"' && (rules_.raw_strings || rules_.triple_quoted_strings))) {
    if (n == 1 && (a == 'n' || a == 'x' || (a == 'b'))) {
      // national, hex and bit/byte strings
    } else if (n == 1 && a == 'e' && rules_.escape_strings) {
      return scan_quoted(word_end + 1, q, true, escaped);
    } else if (n == 1 && a == 'q' && rules_.q_quote_strings && word_end + 1 < size_) {
      char open = text_[word_end + 1];
      char close = open == '['   ? ']'
                   : open == '(' ? ')'
                   : open == '{' ? '}'
                   : open == '<' ? '>'
                                 : open;
      for (std::uint32_t i = word_end + 2; i + 1 < size_; ++i) {
        if (text_[i] == close && text_[i + 1] == '\'') return i + 2;
      }
      return size_ + 1;
    } else if (rules_.raw_strings &&
               ((n == 1 && a == 'r') ||
                (n == 2 && ((a == 'r' && b == 'b') || (a == 'b' && b == 'r'))))) {
      raw = true;
    } else if (n == 2 && a == 'n' && b == 'q') {
      return 0;
    } else {
      return 0;
    }
    if (q == '"' && !rules_.raw_strings && !rules_.triple_quoted_strings) return 0;
    if (rules_.triple_quoted_strings && word_end + 2 < size_ && text_[word_end + 1] == q &&
        text_[word_end + 2] == q)
      return scan_triple_quoted(word_end);
    return scan_quoted(word_end + 1, q, !raw && rules_.backslash_escapes, escaped);
  }
  return 0;
}

Token Lexer::next() {
  for (;;) {
    bool crossed = skip_blanks_and_comments();
    if (crossed || pos_ == 0 || text_[pos_ - 1] == '\n') at_line_start_ = true;
    if (pos_ >= size_) {
      Token t;
      t.offset = size_;
      t.kind = TokenKind::kEnd;
      return t;
    }
    const char* s = text_.data();
    std::uint32_t begin = pos_;
    std::uint8_t flags = at_line_start_ ? kTokenAtLineStart : 0;
    if (at_line_start_) {
      std::uint32_t end = 0;
      if (is_batch_separator_line(begin, end))
        return make(TokenKind::kBatchSeparator, begin, end, flags);
      if (at_statement_start_) {
        Directive d = dialect_.client_directive(text_.substr(begin));
        if (d.kind == DirectiveKind::kDelimiter) {
          delimiter_ = d.new_delimiter;
          custom_delimiter_ = delimiter_ != ";";
        }
        if (d.kind != DirectiveKind::kNone && d.length > 0) {
          return make(TokenKind::kDirective, begin, begin + static_cast<std::uint32_t>(d.length),
                      flags);
        }
      }
    }
    if (custom_delimiter_ && matches_delimiter(begin)) {
      return make(TokenKind::kSemicolon, begin,
                  begin + static_cast<std::uint32_t>(delimiter_.size()), flags);
    }
    auto c = static_cast<unsigned char>(s[begin]);
    bool escaped = false;
    switch (class_[c]) {
      case kWordStart: {
        std::uint32_t end = scan_word(begin);
        if (custom_delimiter_) {  // END$$ with DELIMITER $$: the word stops at the delimiter
          for (std::uint32_t i = begin + 1; i < end; ++i) {
            if (matches_delimiter(i)) {
              end = i;
              break;
            }
          }
        }
        if (end < size_ && (s[end] == '\'' || s[end] == '"') && end - begin <= 2) {
          std::uint32_t e = scan_prefixed_string(begin, end, escaped);
          if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          if (e != 0)
            return make(TokenKind::kString, begin, e, flags | (escaped ? kTokenEscaped : 0));
        }
        if (end + 2 < size_ && s[end] == '&' && s[end + 1] == '\'' && end - begin == 1 &&
            (s[begin] | 0x20) == 'u') {
          std::uint32_t e = scan_quoted(end + 2, '\'', false, escaped);
          if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          return make(TokenKind::kString, begin, e, flags);
        }
        Token t = make(TokenKind::kWord, begin, end, flags);
        t.keyword = lookup_keyword(text_.substr(begin, end - begin));
        return t;
      }
      case kDigit: {
        std::uint32_t end = scan_number(begin);
        if (rules_.identifiers_start_with_digit && end < size_ &&
            is_alpha(static_cast<unsigned char>(s[end])) && !(s[end] == 'e' || s[end] == 'E')) {
          end = scan_word(end);
          return make(TokenKind::kWord, begin, end, flags);
        }
        return make(TokenKind::kNumber, begin, end, flags);
      }
      case kSingleQuote: {
        if (rules_.triple_quoted_strings && begin + 2 < size_ && s[begin + 1] == '\'' &&
            s[begin + 2] == '\'') {
          std::uint32_t e = scan_triple_quoted(begin);
          if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          return make(TokenKind::kString, begin, e, flags);
        }
        std::uint32_t e = scan_quoted(begin + 1, '\'', rules_.backslash_escapes, escaped);
        if (e > size_) return make(TokenKind::kError, begin, size_, flags);
        return make(TokenKind::kString, begin, e, flags | (escaped ? kTokenEscaped : 0));
      }
      case kDoubleQuote: {
        if (rules_.triple_quoted_strings && begin + 2 < size_ && s[begin + 1] == '"' &&
            s[begin + 2] == '"') {
          std::uint32_t e = scan_triple_quoted(begin);
          if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          return make(TokenKind::kString, begin, e, flags);
        }
        bool is_string = rules_.double_quote_strings;
        std::uint32_t e =
            scan_quoted(begin + 1, '"', is_string && rules_.backslash_escapes, escaped);
        if (e > size_) return make(TokenKind::kError, begin, size_, flags);
        return make(is_string ? TokenKind::kString : TokenKind::kQuotedIdentifier, begin, e,
                    flags | (escaped ? kTokenEscaped : 0));
      }
      case kBacktick: {
        if (!rules_.backtick_identifiers)
          return make(TokenKind::kOperator, begin, begin + 1, flags);
        std::uint32_t e = scan_quoted(begin + 1, '`', false, escaped);
        if (e > size_) return make(TokenKind::kError, begin, size_, flags);
        return make(TokenKind::kQuotedIdentifier, begin, e, flags | (escaped ? kTokenEscaped : 0));
      }
      case kLeftBracket: {
        if (rules_.bracket_identifiers) {
          std::uint32_t e = scan_quoted(begin + 1, ']', false, escaped);
          if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          return make(TokenKind::kQuotedIdentifier, begin, e,
                      flags | (escaped ? kTokenEscaped : 0));
        }
        return make(TokenKind::kLeftBracket, begin, begin + 1, flags);
      }
      case kDollar: {
        if (rules_.dollar_quoted_strings) {
          std::uint32_t e = scan_dollar_string(begin);
          if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          if (e != 0) return make(TokenKind::kString, begin, e, flags);
        }
        if (begin + 1 < size_ && s[begin + 1] == '(') {  // $(var) sqlcmd substitution
          std::uint32_t e = begin + 2;
          while (e < size_ && s[e] != ')' && s[e] != '\n') ++e;
          if (e < size_ && s[e] == ')') return make(TokenKind::kWord, begin, e + 1, flags);
        }
        if (begin + 1 < size_ && s[begin + 1] == '{') {  // ${var} substitution (Hive, dbt)
          std::uint32_t e = begin + 2;
          while (e < size_ && s[e] != '}' && s[e] != '\n') ++e;
          return make(TokenKind::kParameter, begin, e < size_ && s[e] == '}' ? e + 1 : e, flags);
        }
        std::uint32_t e = begin + 1;
        while (e < size_ && word_part_[static_cast<unsigned char>(s[e])]) ++e;
        if (e > begin + 1) return make(TokenKind::kParameter, begin, e, flags);
        return make(TokenKind::kOperator, begin, begin + 1, flags);
      }
      case kSpace:
      case kNewline: continue;
      default: break;
    }
    // Punctuation.
    char n1 = begin + 1 < size_ ? s[begin + 1] : '\0';
    char n2 = begin + 2 < size_ ? s[begin + 2] : '\0';
    // Client-side template placeholders stand for names: <% x %> (Snowflake CLI), {{ x }}
    // (dbt/Jinja), &{x} / &x / &&x (SQL*Plus, SnowSQL), $(x) (sqlcmd).
    if (c == '<' && is_alpha(static_cast<unsigned char>(n1)) &&
        (begin == 0 || s[begin - 1] == ' ' || s[begin - 1] == '\t' || s[begin - 1] == '.' ||
         s[begin - 1] == '(' || s[begin - 1] == ',' || s[begin - 1] == '\n')) {
      // <TABLE_NAME>, <db>: documentation placeholders for a name.
      std::uint32_t e = begin + 1;
      while (e < size_ && (word_part_[static_cast<unsigned char>(s[e])] || s[e] == '-')) ++e;
      if (e < size_ && s[e] == '>' && !(e + 1 < size_ && (s[e + 1] == '=' || s[e + 1] == '>')))
        return make(TokenKind::kWord, begin, e + 1, flags);
    }
    if ((c == '<' && n1 == '%') || (c == '{' && n1 == '{')) {
      std::string_view close = c == '<' ? "%>" : "}}";
      std::size_t e = text_.find(close, begin + 2);
      if (e != std::string_view::npos &&
          text_.substr(begin, e - begin).find('\n') == std::string_view::npos)
        return make(TokenKind::kWord, begin, static_cast<std::uint32_t>(e + 2), flags);
    }
    if (c == '&' && (n1 == '{' || is_alpha(static_cast<unsigned char>(n1)) ||
                     (n1 == '&' && is_alpha(static_cast<unsigned char>(n2))))) {
      std::uint32_t e = begin + 1;
      if (s[e] == '&') ++e;
      if (s[e] == '{') {
        while (e < size_ && s[e] != '}' && s[e] != '\n') ++e;
        if (e < size_ && s[e] == '}') ++e;
      } else {
        while (e < size_ && word_part_[static_cast<unsigned char>(s[e])]) ++e;
      }
      return make(TokenKind::kWord, begin, e, flags);
    }
    switch (c) {
      case '(': return make(TokenKind::kLeftParen, begin, begin + 1, flags);
      case ')': return make(TokenKind::kRightParen, begin, begin + 1, flags);
      case ']': return make(TokenKind::kRightBracket, begin, begin + 1, flags);
      case '{': return make(TokenKind::kLeftBrace, begin, begin + 1, flags);
      case '}': return make(TokenKind::kRightBrace, begin, begin + 1, flags);
      case ',': return make(TokenKind::kComma, begin, begin + 1, flags);
      case ';':
        return make(custom_delimiter_ ? TokenKind::kInnerSemicolon : TokenKind::kSemicolon, begin,
                    begin + 1, flags);
      case '.':
        if (is_digit(static_cast<unsigned char>(n1)))
          return make(TokenKind::kNumber, begin, scan_number(begin), flags);
        return make(TokenKind::kDot, begin, begin + 1, flags);
      case '/':
        if (n1 == '*') return make(TokenKind::kError, begin, size_, flags);  // unterminated comment
        break;
      case '?':
        if (n1 != '|' && n1 != '&' && n1 != '-')
          return make(TokenKind::kParameter, begin, begin + 1, flags);
        break;
      case ':':
        if (n1 == ':' || n1 == '=') return make(TokenKind::kOperator, begin, begin + 2, flags);
        if (rules_.psql_variables &&
            (is_alpha(static_cast<unsigned char>(n1)) || n1 == '\'' || n1 == '"') && begin > 0 &&
            (s[begin - 1] == ' ' || s[begin - 1] == '(' || s[begin - 1] == '=' ||
             s[begin - 1] == ',' || s[begin - 1] == '\t' || s[begin - 1] == '\n')) {
          std::uint32_t e = begin + 1;
          if (n1 == '\'' || n1 == '"') {
            bool escaped_unused = false;
            e = scan_quoted(begin + 2, n1, false, escaped_unused);
            if (e > size_) return make(TokenKind::kError, begin, size_, flags);
          } else {
            while (e < size_ && word_part_[static_cast<unsigned char>(s[e])]) ++e;
          }
          return make(TokenKind::kParameter, begin, e, flags);
        }
        if (rules_.colon_parameters && (is_alpha(static_cast<unsigned char>(n1)) ||
                                        is_digit(static_cast<unsigned char>(n1)))) {
          std::uint32_t e = begin + 1;
          while (e < size_ && word_part_[static_cast<unsigned char>(s[e])]) ++e;
          return make(TokenKind::kParameter, begin, e, flags);
        }
        return make(TokenKind::kOperator, begin, begin + 1, flags);
      case '@':
        if (is_alpha(static_cast<unsigned char>(n1)) ||
            (n1 == '@' && is_alpha(static_cast<unsigned char>(n2)))) {
          std::uint32_t e = begin + (n1 == '@' ? 2 : 1);
          while (e < size_ && (word_part_[static_cast<unsigned char>(s[e])] || s[e] == '#')) ++e;
          return make(TokenKind::kParameter, begin, e, flags);
        }
        break;
      case '#':
        if (is_alpha(static_cast<unsigned char>(n1)) && !rules_.hash_comments) {
          // T-SQL #temp / ##global, Oracle a#b handled as words; elsewhere '#x' is a name.
          std::uint32_t e = begin + 1;
          while (e < size_ && word_part_[static_cast<unsigned char>(s[e])]) ++e;
          return make(TokenKind::kWord, begin, e, flags);
        }
        break;
      default:
        if (c < 0x20 && c != 0) break;
        break;
    }
    // Multi-character operators, longest first; most operators are one character, so
    // look at the tables only when the next byte can continue an operator.
    static constexpr std::string_view kOperatorBytes = "<>=!|&@#~*+-/%^?:";
    if (kOperatorBytes.find(n1) == std::string_view::npos || n1 == '\0') {
      if (c == 0 || c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f)
        return make(TokenKind::kError, begin, begin + 1, flags);
      return make(TokenKind::kOperator, begin, begin + 1, flags);
    }
    static constexpr std::string_view kThree[] = {"<=>", "->>", "#>>", "!~*", "!!="};
    static constexpr std::string_view kTwo[] = {
        "||", "<=", ">=", "<>", "!=", "=>", "->", "**", "@>", "<@", "&&", "#>",
        "!~", "~*", "<<", ">>", "==", "!<", "!>", "+=", "-=", "*=", "/=", "%=",
        "|=", "&=", "^=", "?|", "?&", "|/", "@@", "#-", "~~", "||"};
    std::string_view here = text_.substr(begin, 3);
    for (std::string_view op : kThree) {
      if (here == op) return make(TokenKind::kOperator, begin, begin + 3, flags);
    }
    here = here.substr(0, 2);
    for (std::string_view op : kTwo) {
      if (here == op) return make(TokenKind::kOperator, begin, begin + 2, flags);
    }
    if (c == 0 || c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
      return make(TokenKind::kError, begin, begin + 1, flags);
    }
    return make(TokenKind::kOperator, begin, begin + 1, flags);
  }
}

std::uint32_t Lexer::skip_to_statement_end() {
  const char* s = text_.data();
  std::uint32_t rows = 0;
  int depth = 0;
  bool line_start = false;
  while (pos_ < size_) {
    auto c = static_cast<unsigned char>(s[pos_]);
    if (line_start) {
      std::uint32_t e;
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        line_start = false;
        if (is_batch_separator_line(pos_, e)) {
          at_line_start_ = true;
          return rows;
        }
      }
    }
    if (custom_delimiter_ && depth == 0 && matches_delimiter(pos_)) return rows;
    bool escaped = false;
    switch (c) {
      case '\n':
        line_start = true;
        ++pos_;
        break;
      case '(':
        if (depth++ == 0) ++rows;
        ++pos_;
        break;
      case ')':
        if (depth > 0) --depth;
        ++pos_;
        break;
      case ';':
        if (depth == 0 && !custom_delimiter_) return rows;
        ++pos_;
        break;
      case '\'': {
        std::uint32_t e = scan_quoted(pos_ + 1, '\'', rules_.backslash_escapes, escaped);
        pos_ = e > size_ ? size_ : e;
        break;
      }
      case '"': {
        std::uint32_t e = scan_quoted(
            pos_ + 1, '"', rules_.double_quote_strings && rules_.backslash_escapes, escaped);
        pos_ = e > size_ ? size_ : e;
        break;
      }
      case '`': {
        if (!rules_.backtick_identifiers) {
          ++pos_;
          break;
        }
        std::uint32_t e = scan_quoted(pos_ + 1, '`', false, escaped);
        pos_ = e > size_ ? size_ : e;
        break;
      }
      case '[': {
        if (!rules_.bracket_identifiers) {
          ++pos_;
          break;
        }
        std::uint32_t e = scan_quoted(pos_ + 1, ']', false, escaped);
        pos_ = e > size_ ? size_ : e;
        break;
      }
      case '-':
        if (pos_ + 1 < size_ && s[pos_ + 1] == '-')
          pos_ = line_end(pos_);
        else
          ++pos_;
        break;
      case '/':
        if (pos_ + 1 < size_ && s[pos_ + 1] == '*') {
          std::uint32_t e = scan_block_comment(pos_);
          pos_ = e > size_ ? size_ : e;
        } else {
          ++pos_;
        }
        break;
      case '#':
        if (rules_.hash_comments)
          pos_ = line_end(pos_);
        else
          ++pos_;
        break;
      case '$':
        if (rules_.dollar_quoted_strings) {
          std::uint32_t e = scan_dollar_string(pos_);
          if (e > size_) {
            pos_ = size_;
            break;
          }
          if (e != 0) {
            pos_ = e;
            break;
          }
        }
        ++pos_;
        break;
      default: {
        // Skip a run of ordinary bytes at once.
        ++pos_;
        while (pos_ < size_) {
          unsigned char d = static_cast<unsigned char>(s[pos_]);
          if (d == '\n' || d == '(' || d == ')' || d == ';' || d == '\'' || d == '"' || d == '`' ||
              d == '[' || d == '-' || d == '/' || d == '#' || d == '$')
            break;
          if (custom_delimiter_ && d == static_cast<unsigned char>(delimiter_[0])) break;
          ++pos_;
        }
      }
    }
  }
  return rows;
}

void Lexer::skip_copy_data() {
  // Data begins on the line after the COPY statement's terminator.
  std::uint32_t i = line_end(pos_);
  while (i < size_) {
    ++i;  // past '\n'
    if (i + 1 < size_ && text_[i] == '\\' && text_[i + 1] == '.') {
      pos_ = line_end(i);
      at_statement_start_ = true;
      return;
    }
    i = line_end(i);
  }
  pos_ = size_;
}

}  // namespace godwit::sql
