// Parsing generated files back.
#include "codegen/verify.hpp"

#include <algorithm>

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

std::vector<DbtMacro> parse_dbt_macros(std::string_view text) {
  std::vector<DbtMacro> out;
  std::size_t i = 0;
  while ((i = text.find("{% macro ", i)) != std::string_view::npos) {
    const std::size_t open = text.find('(', i);
    const std::size_t close = text.find(')', open == std::string_view::npos ? i : open);
    const std::size_t head_end = text.find("%}", i);
    const std::size_t end = text.find("{%- endmacro %}", i);
    const std::size_t end_plain = text.find("{% endmacro %}", i);
    const std::size_t stop = std::min(end, end_plain);
    if (open == std::string_view::npos || close == std::string_view::npos ||
        head_end == std::string_view::npos || stop == std::string_view::npos || close > head_end ||
        head_end > stop)
      break;
    DbtMacro m;
    m.name = std::string(text.substr(i + 9, open - i - 9));
    m.param = std::string(text.substr(open + 1, close - open - 1));
    std::string_view body = text.substr(head_end + 2, stop - head_end - 2);
    while (!body.empty() && (body.front() == '\n' || body.front() == ' ')) body.remove_prefix(1);
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
    m.body = std::string(body);
    out.push_back(std::move(m));
    i = stop + 1;
  }
  return out;
}

std::string render_dbt_sql(std::string_view text, const std::vector<DbtMacro>& macros) {
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
    } else if (auto m = std::find_if(macros.begin(), macros.end(),
                                     [&](const DbtMacro& x) { return x.name == name; });
               m != macros.end() && string_args(args).size() == 1) {
      std::string body = m->body;
      const std::string use = "{{ " + m->param + " }}";
      const std::string arg = string_args(args)[0];
      for (std::size_t at = body.find(use); at != std::string::npos;
           at = body.find(use, at + arg.size()))
        body.replace(at, use.size(), arg);
      out += body;
    } else {
      out.append(inner);
    }
    i = close + 2;
  }
  return out;
}

FileVerification verify_file(const GeneratedFile& file, const std::vector<DbtMacro>& macros) {
  FileVerification v;
  v.path = file.path;
  if (file.language != "sql" || file.dialect.empty()) return v;
  v.checked = true;
  sql::ParseOptions options;
  options.file_name = file.path;
  const bool jinja = file.content.find("{{") != std::string::npos;
  sql::ParseResult parsed =
      sql::parse_sql(jinja ? render_dbt_sql(file.content, macros) : file.content,
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
  std::vector<DbtMacro> macros;
  for (const GeneratedFile& f : result.files)
    if (f.path.rfind("macros/", 0) == 0) {
      std::vector<DbtMacro> more = parse_dbt_macros(f.content);
      macros.insert(macros.end(), more.begin(), more.end());
    }
  std::vector<FileVerification> out;
  out.reserve(result.files.size());
  for (const GeneratedFile& f : result.files) out.push_back(verify_file(f, macros));
  return out;
}

}  // namespace godwit::codegen
