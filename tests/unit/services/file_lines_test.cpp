// Windows of a file's lines for the diagnostic viewer: numbering, clamping, CRLF, the
// missing final newline, and clipping long lines without splitting a UTF-8 character.
#include "services/file_lines.hpp"

#include <gtest/gtest.h>

namespace godwit::services {
namespace {

TEST(FileLines, ReturnsTheAskedLinesNumberedFromOne) {
  LineWindow w = line_window("a\nb\nc\nd\n", 2, 3);
  EXPECT_EQ(w.from, 2u);
  EXPECT_EQ(w.to, 3u);
  EXPECT_EQ(w.total_lines, 4u);
  EXPECT_EQ(w.lines, (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(w.clipped.empty());
}

TEST(FileLines, ClampsToTheLastLineAndCountsOneWithoutAFinalNewline) {
  LineWindow w = line_window("a\r\nb\r\nlast", 2, 50);
  EXPECT_EQ(w.total_lines, 3u);
  EXPECT_EQ(w.to, 3u);
  EXPECT_EQ(w.lines, (std::vector<std::string>{"b", "last"}));
}

TEST(FileLines, PastTheEndIsEmpty) {
  LineWindow w = line_window("a\nb\n", 5, 9);
  EXPECT_EQ(w.total_lines, 2u);
  EXPECT_TRUE(w.lines.empty());
  EXPECT_EQ(w.to, 4u);  // from - 1: nothing returned
  EXPECT_EQ(line_window("", 1, 1).total_lines, 0u);
}

TEST(FileLines, KeepsEmptyLines) {
  LineWindow w = line_window("a\n\n\nb", 1, 4);
  EXPECT_EQ(w.lines, (std::vector<std::string>{"a", "", "", "b"}));
}

TEST(FileLines, ClipsLongLinesAtACharacterBoundary) {
  // A cut at 5 bytes would split the second "é" (bytes 4-5): the line stops before it.
  std::string line = "ab\xC3\xA9\xC3\xA9z";  // a b é é z: bytes 0,1,2-3,4-5,6
  LineWindow w = line_window(line + "\nshort", 1, 2, 5);
  ASSERT_EQ(w.lines.size(), 2u);
  EXPECT_EQ(w.lines[0], "ab\xC3\xA9");
  EXPECT_EQ(w.lines[1], "short");
  EXPECT_EQ(w.clipped, (std::vector<std::size_t>{1}));
}

}  // namespace
}  // namespace godwit::services
