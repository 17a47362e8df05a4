// Names, literals and types in the target dialect: identifier quoting only where the
// target needs it (special characters, reserved words, case that unquoted names would
// fold away), string literals decoded from the source's escaping and re-escaped for the
// target, and types through the type tables (map_type) with their losses as diagnostics.
#include <algorithm>
#include <cctype>

#include "sql/printer/printer_impl.hpp"
#include "sql/types/type_mapping.hpp"

namespace godwit::sql {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

namespace {

bool is_plain_identifier(std::string_view text, bool dollar) {
  if (text.empty()) return false;
  unsigned char first = static_cast<unsigned char>(text[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (!(std::isalnum(c) || c == '_' || (dollar && c == '$'))) return false;
  }
  return true;
}

bool is_reserved(const PrinterProfile& p, std::string_view word) {
  std::string u = upper(word);
  return std::binary_search(p.reserved_words.begin(), p.reserved_words.end(), std::string_view(u));
}

bool case_would_fold(IdentifierCase rule, std::string_view text) {
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (rule == IdentifierCase::kLower && std::isupper(c)) return true;
    if (rule == IdentifierCase::kUpper && std::islower(c)) return true;
  }
  return false;
}

}  // namespace

std::string Printer::ident(const Identifier& id) {
  bool quote = false;
  if (same_) {
    quote = id.quoted;
  } else {
    quote = !is_plain_identifier(id.text, tgt_.dollar_in_identifiers) ||
            is_reserved(tgt_, id.text) ||
            (id.quoted && case_would_fold(tgt_.identifier_case, id.text));
  }
  if (!quote) return std::string(id.text);
  std::string out(1, tgt_.quote_open);
  for (char c : id.text) {
    if (c == tgt_.quote_close) out += tgt_.identifier_backslash_escape ? '\\' : c;
    out += c;
  }
  out += tgt_.quote_close;
  return out;
}

std::string Printer::idents(std::span<const Identifier> ids, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += sep;
    out += ident(ids[i]);
  }
  return out;
}

std::string Printer::name(const ObjectName& n) {
  return idents(n.parts, ".");
}

std::string Printer::string_literal(std::string_view decoded) {
  std::string out = "'";
  if (tgt_.unicode_prefix)
    for (char c : decoded)
      if (static_cast<unsigned char>(c) >= 0x80) {
        out = "N'";
        break;
      }
  for (char c : decoded) {
    if (c == '\'') out += '\'';
    if (c == '\\' && tgt_.backslash_escapes) out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

bool Printer::decode_string(std::string_view text, std::string& value) const {
  const LexicalRules& lex = parsed_.dialect->lexical();
  bool backslash = lex.backslash_escapes;
  std::size_t i = 0;
  // Prefixes: N'..', E'..', r'..', _utf8'..'.
  while (i < text.size() && text[i] != '\'' && text[i] != '"' && text[i] != '$') ++i;
  std::string_view prefix = text.substr(0, i);
  std::string_view body = text.substr(i);
  if (iequals(prefix, "E")) backslash = true;
  bool raw = iequals(prefix, "R");
  if (!(prefix.empty() || iequals(prefix, "N") || iequals(prefix, "E") || raw ||
        (prefix.size() > 1 && prefix[0] == '_')))
    return false;
  if (body.size() >= 2 && body[0] == '$') {  // $$..$$ / $tag$..$tag$
    std::size_t tag_end = body.find('$', 1);
    if (tag_end == std::string_view::npos) return false;
    std::size_t tag_len = tag_end + 1;
    if (body.size() < 2 * tag_len) return false;
    value = body.substr(tag_len, body.size() - 2 * tag_len);
    return true;
  }
  if (body.size() < 2) return false;
  char q = body[0];
  std::size_t open = 1;
  if (body.size() >= 6 && body.substr(0, 3) == std::string(3, q)) open = 3;  // '''..'''
  if (body.size() < 2 * open) return false;
  std::string_view inner = body.substr(open, body.size() - 2 * open);
  value.clear();
  for (std::size_t k = 0; k < inner.size(); ++k) {
    char c = inner[k];
    if (c == '\\' && backslash && !raw && k + 1 < inner.size()) {
      char n = inner[++k];
      switch (n) {
        case 'n': value += '\n'; break;
        case 't': value += '\t'; break;
        case 'r': value += '\r'; break;
        case '0': value += '\0'; break;
        default: value += n; break;
      }
      continue;
    }
    if (c == q && open == 1 && k + 1 < inner.size() && inner[k + 1] == q) ++k;
    value += c;
  }
  return true;
}

std::string Printer::literal(const LiteralExpr& l) {
  if (same_) return std::string(l.text);
  switch (l.literal_kind) {
    case LiteralKind::kNumber: return std::string(l.text);
    case LiteralKind::kNull: return "NULL";
    case LiteralKind::kBoolean: {
      bool value = iequals(l.text, "TRUE");
      if (tgt_.boolean_literals) return value ? "TRUE" : "FALSE";
      downgrade(Fidelity::kApproximate, l.span,
                "the target has no boolean literals; written as 1/0 (a BIT/number)");
      return value ? "1" : "0";
    }
    case LiteralKind::kString: {
      std::string value;
      if (!decode_string(l.text, value)) {
        downgrade(Fidelity::kApproximate, l.span, "string literal copied as written");
        return std::string(l.text);
      }
      return string_literal(value);
    }
    case LiteralKind::kOther: {
      // Typed literal: DATE '2020-01-01', TIMESTAMP '...'.
      std::string_view text = l.text;
      std::size_t q = text.find_first_of("'\"");
      if (q == std::string_view::npos || q == 0) {
        downgrade(Fidelity::kApproximate, l.span, "literal copied as written");
        return std::string(text);
      }
      std::string_view word = text.substr(0, q);
      while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
      std::string value;
      if (!decode_string(text.substr(q), value)) {
        downgrade(Fidelity::kApproximate, l.span, "literal copied as written");
        return std::string(text);
      }
      std::string type_name = type_text(word, l.span);
      if (!tgt_.typed_literals) return "CAST(" + string_literal(value) + " AS " + type_name + ")";
      return type_name + " " + string_literal(value);
    }
  }
  return std::string(l.text);
}

std::string Printer::type_text(std::string_view text, Span where) {
  if (same_ || !src_types_ || !tgt_types_) return std::string(text);
  TypeMapping m = map_type(text, *src_types_, *tgt_types_);
  for (const TypeLoss& loss : m.losses) {
    Diagnostic d;
    d.code = std::string(to_string(loss.code));
    d.severity = Severity::kWarning;
    d.message = std::string(text) + " -> " + m.target_text + ": " + loss.message;
    d.file = "";
    d.location = locate(where.begin);
    diagnostics_.push_back(std::move(d));
  }
  if (!m.losses.empty() || m.verdict != CastVerdict::kSafe)
    downgrade(Fidelity::kApproximate, where,
              "type " + std::string(text) + " written as " + m.target_text + " (see W-TYPE-*)",
              "W-TRANSLATE-TYPE");
  else
    count_exact();
  return m.target_text;
}

std::string Printer::type(const TypeName* t, Span where) {
  if (!t) return {};
  if (same_) return std::string(t->text);
  return type_text(t->text, where);
}

std::string Printer::verbatim(Span s) const {
  std::string_view text = parsed_.text(s);
  if (same_) return std::string(text);  // comments and line breaks may matter
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

SourceLocation Printer::locate(std::uint32_t offset) {
  std::string_view text = parsed_.source();
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  SourceLocation loc;
  loc.offset = offset;
  loc.line = static_cast<std::uint32_t>(line);
  loc.column = offset - line_starts_[line - 1] + 1;
  return loc;
}

void Printer::downgrade(Fidelity level, Span where, std::string_view message,
                        std::string_view code) {
  if (level == Fidelity::kExact) return;
  Diagnostic d;
  d.code = !code.empty()                     ? std::string(code)
           : level == Fidelity::kApproximate ? "W-TRANSLATE-APPROXIMATE"
                                             : "E-TRANSLATE-UNSUPPORTED";
  d.severity = level == Fidelity::kApproximate ? Severity::kWarning : Severity::kError;
  d.message = std::string(message);
  d.location = locate(where.begin);
  d.snippet = make_snippet(parsed_.source(), d.location);
  diagnostics_.push_back(std::move(d));
  if (level == Fidelity::kApproximate)
    ++counts_.approximate;
  else
    ++counts_.unsupported;
}

std::string Printer::unsupported(Span where, std::string_view what) {
  std::string text = verbatim(where);
  downgrade(Fidelity::kUnsupported, where,
            std::string(what) + " has no equivalent in " + std::string(tgt_.dialect));
  std::string safe;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') {
      safe += "* /";
      ++i;
      continue;
    }
    safe += text[i];
  }
  return "/* godwit: unsupported " + std::string(what) + ": " + safe + " */";
}

}  // namespace godwit::sql
