// Tokenizer and segment parser for type-name text. Hand-written and allocation-light
// because every column of every parsed table goes through it.
#include "sql/types/type_name_syntax.hpp"

#include <cctype>

namespace godwit::sql {
namespace {

bool is_word_start(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool is_word_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '$' || c == '#' || c >= 0x80;
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// An array suffix is `[]` or `[digits]`; anything else after '[' is a T-SQL quoted name.
bool is_array_bracket(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
  while (j < s.size() && is_digit(static_cast<unsigned char>(s[j]))) ++j;
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
  return j < s.size() && s[j] == ']';
}

}  // namespace

TypeTokens::TypeTokens(std::string_view text) : source_(text) {
  const std::size_t n = text.size();
  tokens_.reserve(16);  // one allocation for almost every type name
  std::size_t i = 0;
  auto fail = [&](std::string message) {
    ok_ = false;
    error_ = std::move(message);
  };
  while (i < n && ok_) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (is_word_start(c)) {
      while (i < n && is_word_char(static_cast<unsigned char>(text[i]))) ++i;
      tokens_.push_back({TypeTokenKind::kWord, text.substr(start, i - start), start});
    } else if (is_digit(c) || ((c == '-' || c == '+') && i + 1 < n &&
                               is_digit(static_cast<unsigned char>(text[i + 1])))) {
      ++i;
      while (i < n && (is_digit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
      tokens_.push_back({TypeTokenKind::kNumber, text.substr(start, i - start), start});
    } else if (c == '"' || c == '`' || c == '\'' || (c == '[' && !is_array_bracket(text, i))) {
      const char close = c == '[' ? ']' : static_cast<char>(c);
      ++i;
      bool closed = false;
      while (i < n) {
        if (c == '\'' && text[i] == '\\' && i + 1 < n) {
          i += 2;
          continue;
        }
        if (text[i] == close) {
          if (i + 1 < n && text[i + 1] == close) {  // doubled quote escapes itself
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        ++i;
      }
      if (!closed) {
        fail("unterminated quote starting at column " + std::to_string(start + 1));
        break;
      }
      tokens_.push_back({c == '\'' ? TypeTokenKind::kString : TypeTokenKind::kQuotedName,
                         text.substr(start, i - start), start});
    } else if (std::string_view("()<>,[].*:;=").find(static_cast<char>(c)) !=
               std::string_view::npos) {
      ++i;
      tokens_.push_back({TypeTokenKind::kPunct, text.substr(start, 1), start});
    } else {
      fail(std::string("unexpected character '") + static_cast<char>(c) + "' at column " +
           std::to_string(start + 1));
    }
  }
}

std::string_view TypeTokens::text_of(TokenRange range) const {
  if (range.empty() || range.end > tokens_.size()) return {};
  const TypeToken& first = tokens_[range.begin];
  const TypeToken& last = tokens_[range.end - 1];
  return source_.substr(first.offset, last.offset + last.text.size() - first.offset);
}

TypeSyntax TypeTokens::parse(TokenRange range) const {
  TypeSyntax out;
  out.segments.reserve(4);
  std::size_t segment_begin = range.begin;
  auto fail = [&](std::string message) {
    out.ok = false;
    out.error = std::move(message);
    out.stop = segment_begin;
    return out;
  };
  if (!ok_) return fail(error_);
  std::size_t i = range.begin;
  const std::size_t end = std::min(range.end, tokens_.size());
  while (i < end) {
    const TypeToken& t = tokens_[i];
    if (t.is('[')) {
      if (out.segments.empty()) return fail("'[' before a type name");
      std::size_t j = i + 1;
      if (j < end && tokens_[j].kind == TypeTokenKind::kNumber) ++j;
      if (j >= end || !tokens_[j].is(']')) return fail("expected ']'");
      ++out.array_dims;
      i = j + 1;
      continue;
    }
    if (out.array_dims > 0) return fail("unexpected text after '[]'");
    TypeSegment seg;
    seg.range.begin = i;
    segment_begin = i;
    if (t.kind == TypeTokenKind::kWord || t.kind == TypeTokenKind::kQuotedName) {
      auto append_part = [&](const TypeToken& part) {
        if (part.kind == TypeTokenKind::kQuotedName) {
          seg.quoted = true;
          seg.word += unquote(part.text);
        } else {
          seg.word += upper(part.text);
        }
      };
      append_part(t);
      ++i;
      while (i + 1 < end && tokens_[i].is('.') &&
             (tokens_[i + 1].kind == TypeTokenKind::kWord ||
              tokens_[i + 1].kind == TypeTokenKind::kQuotedName)) {
        seg.qualified = true;
        seg.word += '.';
        append_part(tokens_[i + 1]);
        i += 2;
      }
    } else if (t.kind == TypeTokenKind::kString || t.kind == TypeTokenKind::kNumber) {
      seg.is_string = t.kind == TypeTokenKind::kString;
      seg.is_number = t.kind == TypeTokenKind::kNumber;
      seg.word = std::string(t.text);
      ++i;
    } else {
      return fail("unexpected '" + std::string(t.text) + "'");
    }
    if (i < end && (tokens_[i].is('(') || tokens_[i].is('<'))) {
      seg.bracket = tokens_[i].text[0];
      // Match brackets with a small explicit stack so `<` and `(` may nest freely.
      char stack[kMaxTypeNesting];
      int depth = 0;
      std::size_t arg_begin = i + 1;
      bool closed = false;
      for (; i < end; ++i) {
        const TypeToken& b = tokens_[i];
        if (b.is('(') || b.is('<')) {
          if (depth == kMaxTypeNesting) return fail("type nested too deeply");
          stack[depth++] = b.text[0] == '(' ? ')' : '>';
        } else if (b.is(')') || b.is('>')) {
          if (depth == 0 || stack[depth - 1] != b.text[0]) {
            return fail("unbalanced '" + std::string(b.text) + "'");
          }
          --depth;
          if (depth == 0) {
            if (i > arg_begin || !seg.args.empty()) seg.args.push_back({arg_begin, i});
            ++i;
            closed = true;
            break;
          }
        } else if (b.is(',') && depth == 1) {
          seg.args.push_back({arg_begin, i});
          arg_begin = i + 1;
        }
      }
      if (!closed) return fail("missing closing bracket");
    }
    seg.range.end = i;
    out.segments.push_back(std::move(seg));
  }
  if (out.segments.empty()) return fail("empty type name");
  return out;
}

std::string unquote(std::string_view s) {
  if (s.size() < 2) return std::string(s);
  const char open = s.front();
  const char close = open == '[' ? ']' : open;
  if ((open != '"' && open != '`' && open != '\'' && open != '[') || s.back() != close) {
    return std::string(s);
  }
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (open == '\'' && s[i] == '\\' && i + 2 < s.size()) {
      out += s[++i];
      continue;
    }
    if (s[i] == close && i + 2 < s.size() && s[i + 1] == close) ++i;
    out += s[i];
  }
  return out;
}

}  // namespace godwit::sql
