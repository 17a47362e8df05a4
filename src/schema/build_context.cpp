// Name folding and resolution for one file's statements (build_context.hpp).
#include "schema/build_context.hpp"

#include <algorithm>
#include <utility>

#include "core/text.hpp"

namespace godwit::schema {

BuildContext::BuildContext(Catalog& c, const sql::ParseResult& r, std::string f)
    : catalog(c),
      result(r),
      dialect(*r.dialect),
      rules(r.dialect->name_rules()),
      types(sql::find_type_table(r.dialect->name())),
      file(std::move(f)) {
  std::string_view text = result.source();
  line_starts_.push_back(0);
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
    line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

SourceLocation BuildContext::location(std::uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // >= 1
  SourceLocation loc;
  loc.offset = offset;
  loc.line = static_cast<std::uint32_t>(line);
  loc.column = offset - line_starts_[line - 1] + 1;
  return loc;
}

std::string BuildContext::fold(std::string_view text, bool quoted) const {
  if (quoted && rules.quoted_case_sensitive) return std::string(text);
  // Case-insensitive dialects compare folded names too; lower case is as good as any.
  return rules.unquoted == sql::IdentifierCase::kUpper ? to_upper(text) : to_lower(text);
}

std::string BuildContext::fold(const sql::Identifier& id) const {
  return fold(id.text, id.quoted);
}

bool BuildContext::same(std::string_view stored_key, std::string_view stored_dialect,
                        std::string_view key) const {
  if (stored_dialect == dialect.name()) return stored_key == key;
  return iequals(stored_key, key);
}

NameRef BuildContext::ref(const sql::ObjectName& name) const {
  NameRef r;
  const auto& parts = name.parts;
  if (parts.empty()) return r;
  r.written.name = std::string(parts.back().text);
  r.key = fold(parts.back());
  if (parts.size() >= 2) {
    const sql::Identifier& s = parts[parts.size() - 2];
    r.written.schema = std::string(s.text);
    r.schema_key = fold(s);
    r.qualified = true;
    if (parts.size() >= 3) r.written.database = std::string(parts[parts.size() - 3].text);
  } else {
    r.written.schema = schema;
    r.schema_key = schema_key;
    r.written.database = database;
  }
  return r;
}

Table* BuildContext::find_table(const NameRef& r, bool exact_schema) {
  Table* fallback = nullptr;
  std::size_t fallbacks = 0;
  for (std::size_t i : catalog.candidates(r.key)) {
    Table& t = catalog.tables[i];
    if (!same(t.key, t.dialect, r.key)) continue;
    if (same(t.schema_key, t.dialect, r.schema_key)) return &t;
    if (exact_schema) continue;
    // An unqualified name may mean a table defined with a schema and the reverse
    // (`public.t` then `t`): accept it when it is the only candidate.
    if (!r.qualified || t.schema_key.empty()) {
      fallback = &t;
      ++fallbacks;
    }
  }
  return fallbacks == 1 ? fallback : nullptr;
}

Table* BuildContext::find_table(const sql::ObjectName& name) {
  if (name.empty()) return nullptr;
  return find_table(ref(name), false);
}

Column* BuildContext::find_column(Table& table, std::string_view key) const {
  for (Column& c : table.columns)
    if (same(c.key, table.dialect, key)) return &c;
  return nullptr;
}

Column* BuildContext::find_column(Table& table, const sql::Identifier& id) const {
  return find_column(table, fold(id));
}

Origin BuildContext::origin(sql::Span span) const {
  SourceLocation loc = location(span.begin);
  return Origin{file, loc.line, loc.column};
}

Diagnostic BuildContext::make_diag(std::string code, Severity severity, sql::Span span,
                                   std::string message) const {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message = std::move(message);
  d.file = file;
  d.location = location(span.begin);
  d.snippet = make_snippet(result.source(), d.location);
  return d;
}

void BuildContext::diag(std::string code, Severity severity, sql::Span span, std::string message) {
  catalog.diagnostics.push_back(make_diag(std::move(code), severity, span, std::move(message)));
}

}  // namespace godwit::schema
