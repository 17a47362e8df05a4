// Names, string literals, aliases and data types as written.
#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

// Words that never start an implicit alias even though they are not reserved, because a
// clause may follow a table or expression with them.
constexpr Keyword kNotAlias[] = {
    Keyword::kCONNECT,     Keyword::kSTART,     Keyword::kSAMPLE,    Keyword::kWINDOW,
    Keyword::kQUALIFY,     Keyword::kLIMIT,     Keyword::kOFFSET,    Keyword::kFETCH,
    Keyword::kMINUS,       Keyword::kEXCEPT,    Keyword::kINTERSECT, Keyword::kRETURNING,
    Keyword::kOPTION,      Keyword::kPIVOT,     Keyword::kUNPIVOT,   Keyword::kAPPLY,
    Keyword::kLATERAL,     Keyword::kUSING,     Keyword::kNATURAL,   Keyword::kGO,
    Keyword::kOUTPUT,      Keyword::kOVER,      Keyword::kWITHIN,    Keyword::kFILTER,
    Keyword::kTABLESAMPLE, Keyword::kSEMI,      Keyword::kANTI,      Keyword::kDISTRIBUTE,
    Keyword::kCLUSTER,     Keyword::kPARTITION, Keyword::kLOCK,      Keyword::kNOWAIT,
};

// Words that may continue a multi-word type name (DOUBLE PRECISION, CHARACTER VARYING,
// LONG RAW, NATIONAL CHAR VARYING, CHARACTER LARGE OBJECT ...).
bool is_type_continuation(Keyword k) {
  switch (k) {
    case Keyword::kVARYING:
    case Keyword::kPRECISION:
    case Keyword::kLARGE:
    case Keyword::kOBJECT:
    case Keyword::kRAW:
    case Keyword::kCHAR:
    case Keyword::kCHARACTER:
    case Keyword::kVARCHAR:
    case Keyword::kNCHAR: return true;
    default: return false;
  }
}

}  // namespace

bool Parser::at_identifier(bool allow_reserved, std::size_t ahead) {
  const Token t = peek(ahead);
  if (t.kind == TokenKind::kQuotedIdentifier) return true;
  if (t.kind != TokenKind::kWord) return false;
  return allow_reserved || !is_reserved(t.keyword);
}

Identifier Parser::parse_identifier(std::string_view what, bool allow_reserved) {
  const Token t = peek();
  Identifier id;
  if (t.kind == TokenKind::kWord && (allow_reserved || !is_reserved(t.keyword))) {
    id.text = text(t);
  } else if (t.kind == TokenKind::kQuotedIdentifier) {
    std::string_view raw = text(t);
    char close = raw.back();
    std::string_view inner = raw.substr(1, raw.size() - 2);
    id.quoted = true;
    if (t.flags & kTokenEscaped) {
      char* out = static_cast<char*>(arena_.allocate(inner.size(), 1));
      std::size_t n = 0;
      for (std::size_t i = 0; i < inner.size(); ++i) {
        out[n++] = inner[i];
        if (inner[i] == close && i + 1 < inner.size() && inner[i + 1] == close) ++i;
      }
      id.text = std::string_view(out, n);
    } else {
      id.text = inner;
    }
  } else {
    fail(what);
  }
  id.span = {t.offset, t.end()};
  advance();
  return id;
}

ObjectName Parser::parse_object_name(std::string_view what) {
  ListBuilder<Identifier, 4> parts(arena_);
  std::uint32_t begin = peek().offset;
  if (caps_.identifier_function && at_word("IDENTIFIER") && at(TokenKind::kLeftParen, 1)) {
    // IDENTIFIER('db.schema.t') / IDENTIFIER($var): the name is data; keep it as one part.
    advance();
    advance();
    Token arg = advance();
    Identifier id;
    id.text = arg.kind == TokenKind::kString ? decode_string(arg) : text(arg);
    id.quoted = arg.kind == TokenKind::kString;
    id.span = {arg.offset, arg.end()};
    parts.push(id);
    expect(TokenKind::kRightParen, "')'");
    ObjectName name;
    name.parts = parts.finish();
    name.span = span_from(begin);
    return name;
  }
  // Names may contain reserved words after a dot (schema.order) and empty parts (a..b in
  // T-SQL means the default schema).
  parts.push(parse_identifier(what, false));
  while (at(TokenKind::kDot)) {
    advance();
    if (at(TokenKind::kDot)) {
      parts.push(Identifier{});
      continue;
    }
    if (at(TokenKind::kOperator) && text(peek()) == "*") break;  // t.* handled by callers
    parts.push(parse_identifier("a name part", true));
  }
  ObjectName name;
  name.parts = parts.finish();
  name.span = span_from(begin);
  return name;
}

std::span<const Identifier> Parser::parse_identifier_list() {
  expect(TokenKind::kLeftParen, "'('");
  ListBuilder<Identifier> ids(arena_);
  if (!at(TokenKind::kRightParen)) {
    do {
      ids.push(parse_identifier("a column name", true));
      // MySQL key prefix lengths and ASC/DESC inside key lists.
      if (at(TokenKind::kLeftParen)) skip_parens();
      if (!accept(Keyword::kASC)) accept(Keyword::kDESC);
    } while (accept(TokenKind::kComma));
  }
  expect(TokenKind::kRightParen, "')'");
  return ids.finish();
}

std::string_view Parser::decode_string(const Token& t) {
  std::string_view raw = text(t);
  // Strip a prefix (N, E, X, B, R, U&, q) and the quotes.
  std::size_t start = 0;
  while (start < raw.size() && raw[start] != '\'' && raw[start] != '"' && raw[start] != '$')
    ++start;
  if (start >= raw.size()) return raw;
  char q = raw[start];
  if (q == '$') {
    std::size_t tag_end = raw.find('$', start + 1);
    if (tag_end == std::string_view::npos) return raw;
    std::size_t tag_len = tag_end - start + 1;
    if (raw.size() < start + 2 * tag_len) return {};
    return raw.substr(start + tag_len, raw.size() - start - 2 * tag_len);
  }
  if (raw.size() >= start + 6 && raw[start + 1] == q && raw[start + 2] == q)
    return raw.substr(start + 3, raw.size() - start - 6);
  if (start > 0 && (raw[0] == 'q' || raw[0] == 'Q')) {
    if (raw.size() < start + 4) return {};
    return raw.substr(start + 2, raw.size() - start - 4);
  }
  if (raw.size() < start + 2) return {};
  std::string_view inner = raw.substr(start + 1, raw.size() - start - 2);
  if (!(t.flags & kTokenEscaped)) return inner;
  char* out = static_cast<char*>(arena_.allocate(inner.size(), 1));
  std::size_t n = 0;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    char c = inner[i];
    if (c == q && i + 1 < inner.size() && inner[i + 1] == q) {
      out[n++] = q;
      ++i;
    } else if (c == '\\' && i + 1 < inner.size()) {
      char e = inner[++i];
      out[n++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
    } else {
      out[n++] = c;
    }
  }
  return {out, n};
}

std::string_view Parser::parse_string(std::string_view what) {
  if (!at(TokenKind::kString)) fail(what);
  return decode_string(advance());
}

bool Parser::can_be_alias(std::size_t ahead) {
  const Token t = peek(ahead);
  if (t.kind == TokenKind::kQuotedIdentifier) return true;
  if (t.kind != TokenKind::kWord) return false;
  if (is_reserved(t.keyword)) return false;
  for (Keyword k : kNotAlias) {
    if (t.keyword == k) return false;
  }
  // T-SQL GO, Oracle/SQL*Plus never reach here; a word at a line start that begins a
  // statement in a semicolon-free dialect is the next statement, not an alias.
  if (dialect_.script().optional_semicolons && (t.flags & kTokenAtLineStart) &&
      is_statement_start_word(t))
    return false;
  return true;
}

Identifier Parser::parse_optional_alias(bool allow_string) {
  if (accept(Keyword::kAS)) {
    if (allow_string && at(TokenKind::kString)) {
      Token t = advance();
      Identifier id;
      id.text = decode_string(t);
      id.quoted = true;
      id.span = {t.offset, t.end()};
      return id;
    }
    return parse_identifier("an alias", true);
  }
  if (can_be_alias()) return parse_identifier("an alias", true);
  if (allow_string && at(TokenKind::kString)) {
    Token t = advance();
    Identifier id;
    id.text = decode_string(t);
    id.quoted = true;
    id.span = {t.offset, t.end()};
    return id;
  }
  return {};
}

TypeName* Parser::parse_type() {
  TypeName* type = make<TypeName>();
  std::uint32_t begin = peek().offset;
  const Token first = peek();
  if (first.kind != TokenKind::kWord && first.kind != TokenKind::kQuotedIdentifier)
    fail("a data type");
  // Base words: a (possibly qualified) name plus continuation words.
  std::uint32_t base_begin = first.offset;
  bool quoted_base = first.kind == TokenKind::kQuotedIdentifier;
  if (quoted_base) {
    advance();
  } else {
    Token w = advance();
    if (w.keyword == Keyword::kINTERVAL) {
      // INTERVAL [YEAR|DAY ...] [(p)] [TO MONTH|SECOND [(p)]]
      while (at(Keyword::kYEAR) || at(Keyword::kMONTH) || at(Keyword::kDAY) || at(Keyword::kHOUR) ||
             at(Keyword::kMINUTE) || at(Keyword::kSECOND) || at(Keyword::kTO)) {
        advance();
        if (at(TokenKind::kLeftParen)) skip_parens();
      }
    }
  }
  while (at(TokenKind::kDot) &&
         (peek(1).kind == TokenKind::kWord || peek(1).kind == TokenKind::kQuotedIdentifier)) {
    advance();
    advance();
  }
  while ((is_type_continuation(peek().keyword) ||
          (caps_.free_form_type_names && peek().kind == TokenKind::kWord &&
           peek().keyword == Keyword::kNone)) &&
         !(peek().flags & kTokenAtLineStart)) {
    // CHARACTER SET is a column attribute, not part of the type name.
    if (at(Keyword::kCHARACTER) && at(Keyword::kSET, 1)) break;
    advance();
  }
  // Base name: the base words single-spaced.
  {
    std::string_view raw = text(span_from(base_begin));
    bool single = raw.find_first_of(" \t\r\n") == std::string_view::npos;
    if (quoted_base && last_end_ == first.end()) {
      type->base_name = raw.substr(1, raw.size() - 2);  // [int], "varchar"
    } else if (single) {
      type->base_name = raw;
    } else {
      char* out = static_cast<char*>(arena_.allocate(raw.size(), 1));
      std::size_t n = 0;
      bool space = false;
      for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
          space = true;
          continue;
        }
        if (space && n > 0) out[n++] = ' ';
        space = false;
        out[n++] = c;
      }
      type->base_name = {out, n};
    }
  }
  // Parameters: (a, b) or <a, b>.
  bool angle = at_op("<");
  if (at(TokenKind::kLeftParen) || angle) {
    ListBuilder<std::string_view> params(arena_);
    advance();
    type->angle_params = angle;
    int depth = 0;
    std::uint32_t param_begin = peek().offset;
    auto push_param = [&](std::uint32_t end) {
      if (end <= param_begin) fail("a type parameter");
      std::string_view p = text(Span{param_begin, end});
      while (!p.empty() &&
             (p.back() == ' ' || p.back() == '\n' || p.back() == '\r' || p.back() == '\t'))
        p.remove_suffix(1);
      params.push(p);
    };
    for (;;) {
      const Token t = peek();
      if (t.kind == TokenKind::kEnd || t.kind == TokenKind::kSemicolon ||
          t.kind == TokenKind::kBatchSeparator)
        fail(angle ? "'>'" : "')'");
      std::string_view tx = text(t);
      if (t.kind == TokenKind::kLeftParen || (angle && tx == "<")) {
        ++depth;
        advance();
        continue;
      }
      int closes = 0;
      if (t.kind == TokenKind::kRightParen)
        closes = 1;
      else if (angle && t.kind == TokenKind::kOperator && (tx == ">" || tx == ">="))
        closes = 1;
      else if (angle && t.kind == TokenKind::kOperator && tx == ">>")
        closes = 2;
      if (closes > 0) {
        if (depth >= closes) {
          depth -= closes;
          advance();
          continue;
        }
        if (angle && t.kind == TokenKind::kRightParen) fail("'>'");
        if (!angle && t.kind != TokenKind::kRightParen) fail("')'");
        // '>>' with one open level inside: the first '>' closes it, the second closes us.
        push_param(closes == 2 && depth == 1 ? t.offset + 1 : t.offset);
        advance();
        break;
      }
      if (depth == 0 && t.kind == TokenKind::kComma) {
        push_param(t.offset);
        advance();
        param_begin = peek().offset;
        continue;
      }
      advance();
    }
    type->params = params.finish();
  }
  // Modifiers after the parameters.
  std::uint32_t mod_begin = peek().offset;
  bool any_mod = false;
  for (;;) {
    if (at(Keyword::kUNSIGNED) || at(Keyword::kSIGNED) || at(Keyword::kZEROFILL) ||
        at(Keyword::kBYTE) || (at(Keyword::kCHAR) && !at(TokenKind::kLeftParen, 1)) ||
        at(Keyword::kVARYING)) {
      advance();
      any_mod = true;
    } else if ((at(Keyword::kWITH) || at(Keyword::kWITHOUT)) &&
               (at(Keyword::kTIME, 1) || at(Keyword::kLOCAL, 1))) {
      advance();
      accept(Keyword::kLOCAL);
      expect(Keyword::kTIME);
      expect(Keyword::kZONE);
      any_mod = true;
    } else if (at(Keyword::kTIME) &&
               at(Keyword::kZONE, 1)) {  // Teradata TIMESTAMP(0) TIME ZONE? rare
      advance();
      advance();
      any_mod = true;
    } else {
      break;
    }
  }
  if (any_mod) type->modifiers = text(span_from(mod_begin));
  // Array suffixes: [] / [n] / ARRAY.
  std::uint32_t arr_begin = peek().offset;
  bool any_array = false;
  while (at(TokenKind::kLeftBracket) ||
         (at(Keyword::kARRAY) && !at_op("<", 1) && !at(TokenKind::kLeftBracket, 1))) {
    if (at(Keyword::kARRAY)) {
      advance();
    } else {
      advance();
      while (!at(TokenKind::kRightBracket)) {
        if (at_statement_end()) fail("']'");
        advance();
      }
      advance();
    }
    any_array = true;
  }
  if (any_array) type->array_suffix = text(span_from(arr_begin));
  type->span = span_from(begin);
  type->text = text(type->span);
  return type;
}

}  // namespace godwit::sql
