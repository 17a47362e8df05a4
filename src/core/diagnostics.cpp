#include "core/diagnostics.hpp"

#include <algorithm>

namespace godwit {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

std::string make_snippet(std::string_view text, SourceLocation location) {
  std::size_t offset = std::min<std::size_t>(location.offset, text.size());
  std::size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = (begin == std::string_view::npos || offset == 0) ? 0 : begin + 1;
  if (offset > 0 && text[offset - 1] == '\n') begin = offset;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  constexpr std::size_t kMaxLine = 160;
  std::size_t caret = offset - begin;
  std::size_t view_begin = begin;
  if (caret > kMaxLine / 2) {  // keep the caret visible on very long lines
    view_begin = offset - kMaxLine / 2;
    caret = kMaxLine / 2;
  }
  std::size_t view_end = std::min(end, view_begin + kMaxLine);
  std::string line(text.substr(view_begin, view_end - view_begin));
  std::replace(line.begin(), line.end(), '\t', ' ');
  std::replace(line.begin(), line.end(), '\r', ' ');
  return line + "\n" + std::string(caret, ' ') + "^";
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) out += d.file + ":";
  out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": ";
  out += std::string(to_string(d.severity)) + ": " + d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  if (!d.snippet.empty()) out += "\n" + d.snippet;
  return out;
}

}  // namespace godwit
