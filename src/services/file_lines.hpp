// A window of an uploaded file's lines, for showing a diagnostic's line in context without
// sending the whole file: lines are numbered from 1, split at \n (a \r before it is
// dropped), and each is clipped so one minified line cannot make an answer huge.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::services {

/// The most lines one request may ask for, and the longest line sent in full.
inline constexpr std::size_t kMaxLineWindow = 1000;
inline constexpr std::size_t kMaxLineChars = 2000;

struct LineWindow {
  std::size_t from = 1;         ///< first line returned (1-based)
  std::size_t to = 0;           ///< last line returned; from - 1 when none
  std::size_t total_lines = 0;  ///< lines in the whole text (a final \n ends no extra line)
  std::vector<std::string> lines;
  std::vector<std::size_t> clipped;  ///< numbers of the lines cut at kMaxLineChars
};

/// Lines `from`..`to` of `text` (inclusive, 1-based), `to` clamped to the last line;
/// empty when `from` is past the end. A line longer than `max_chars` bytes is cut at a
/// UTF-8 character boundary and listed in `clipped`. Expects 1 <= from <= to.
LineWindow line_window(std::string_view text, std::size_t from, std::size_t to,
                       std::size_t max_chars = kMaxLineChars);

}  // namespace godwit::services
