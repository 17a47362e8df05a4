// Parsing generated files back.
#include "codegen/verify.hpp"

#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::codegen {

namespace {

/// The quoted string arguments of a call's text ("'a', 'b'") in order.
std::vector<std::string> string_args(std::string_view args) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while ((i = args.find('\'', i)) != std::string_view::npos) {
    const std::size_t end = args.find('\'', i + 1);
    if (end == std::string_view::npos) break;
    out.emplace_back(args.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  return out;
}

}  // namespace

std::string render_dbt_sql(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find("{{", i);
    if (open == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    const std::size_t close = text.find("}}", open);
    if (close == std::string_view::npos) {
      out.append(text.substr(open));
      break;
    }
    std::string_view inner = text.substr(open + 2, close - open - 2);
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
    const std::size_t paren = inner.find('(');
    const std::string_view name = inner.substr(0, paren);
    const std::string_view args =
        paren == std::string_view::npos ? std::string_view() : inner.substr(paren + 1);
    if (name == "source") {
      std::vector<std::string> a = string_args(args);
      out += a.size() == 2 ? a[0] + "." + a[1] : "unknown_source";
    } else if (name == "ref") {
      std::vector<std::string> a = string_args(args);
      out += a.size() == 1 ? a[0] : "unknown_ref";
    } else if (name == "config") {
    } else {
      out.append(inner);
    }
    i = close + 2;
  }
  return out;
}

FileVerification verify_file(const GeneratedFile& file) {
  FileVerification v;
  v.path = file.path;
  if (file.language != "sql" || file.dialect.empty()) return v;
  v.checked = true;
  sql::ParseOptions options;
  options.file_name = file.path;
  const bool jinja = file.content.find("{{") != std::string::npos;
  sql::ParseResult parsed = sql::parse_sql(jinja ? render_dbt_sql(file.content) : file.content,
                                           sql::dialect_by_name(file.dialect), options);
  v.statements = parsed.statements.size();
  for (Diagnostic& d : parsed.diagnostics) {
    if (d.severity == Severity::kError) v.ok = false;
    d.file = file.path;
    v.diagnostics.push_back(std::move(d));
  }
  return v;
}

std::vector<FileVerification> verify(const GenerationResult& result) {
  std::vector<FileVerification> out;
  out.reserve(result.files.size());
  for (const GeneratedFile& f : result.files) out.push_back(verify_file(f));
  return out;
}

}  // namespace godwit::codegen
