// A window of an uploaded file's lines (see file_lines.hpp).
#include "services/file_lines.hpp"

namespace godwit::services {
namespace {

/// `line` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string clip(std::string_view line, std::size_t max) {
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return std::string(line.substr(0, end));
}

}  // namespace

LineWindow line_window(std::string_view text, std::size_t from, std::size_t to,
                       std::size_t max_chars) {
  LineWindow out;
  out.from = from;
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    ++number;
    if (number >= from && number <= to) {
      std::string_view line =
          text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.size() > max_chars) {
        out.lines.push_back(clip(line, max_chars));
        out.clipped.push_back(number);
      } else {
        out.lines.emplace_back(line);
      }
    }
    start = next;
  }
  out.total_lines = number;
  out.to = from + out.lines.size() - 1;
  return out;
}

}  // namespace godwit::services
