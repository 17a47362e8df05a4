#include <gtest/gtest.h>

#include "core/diagnostics.hpp"
#include "core/ordered_uuid.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"

namespace godwit {
namespace {

TEST(Uuid, NewUuidIsCanonicalVersion4) {
  std::string id = new_uuid();
  EXPECT_TRUE(is_uuid(id));
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(new_uuid(), id);
}

TEST(Uuid, OrderedUuidsAreVersion7AndIncreaseInTheOrderMade) {
  OrderedUuids ids;
  std::string previous = ids.next();
  EXPECT_TRUE(is_uuid(previous));
  EXPECT_EQ(previous[14], '7');
  EXPECT_TRUE(previous[19] == '8' || previous[19] == '9' || previous[19] == 'a' ||
              previous[19] == 'b')
      << previous;  // the RFC 9562 variant
  for (int i = 0; i < 5000; ++i) {
    std::string id = ids.next();
    ASSERT_TRUE(is_uuid(id)) << id;
    ASSERT_LT(previous, id);
    previous = id;
  }
  // Another generator's ids differ (their random bits), made in the same millisecond or not.
  OrderedUuids other;
  EXPECT_NE(other.next().substr(14), OrderedUuids().next().substr(14));
}

TEST(Uuid, RejectsMalformedIds) {
  EXPECT_FALSE(is_uuid("not-a-uuid"));
  EXPECT_FALSE(is_uuid("123e4567-e89b-12d3-a456-42661417400"));
  EXPECT_FALSE(is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
  EXPECT_FALSE(is_uuid("123e4567e89b-12d3-a456-4266141740000"));
  EXPECT_TRUE(is_uuid("123E4567-E89B-12D3-A456-426614174000"));
}

TEST(Text, CaseFoldingAndTrim) {
  EXPECT_EQ(to_lower("Hello World"), "hello world");
  EXPECT_TRUE(iequals("VARCHAR2", "varchar2"));
  EXPECT_FALSE(iequals("VARCHAR2", "varchar"));
  EXPECT_EQ(trim("  x y \n"), "x y");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(split("a,b,,c", ','), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(join({"a", "b"}, ", "), "a, b");
}

TEST(Diagnostics, SnippetPutsCaretUnderColumn) {
  std::string_view text = "CREATE TABLE t (\n  id INT,\n  x FOO BAR\n)";
  SourceLocation loc{.offset = 31, .line = 3, .column = 5};
  EXPECT_EQ(make_snippet(text, loc), "  x FOO BAR\n    ^");
}

TEST(Diagnostics, FormatsLikeACompiler) {
  Diagnostic d{.code = "E-PARSE",
               .severity = Severity::kError,
               .message = "expected a table name, found '('",
               .file = "a.sql",
               .location = {.offset = 13, .line = 1, .column = 14},
               .expected = {},
               .snippet = ""};
  EXPECT_EQ(format_diagnostic(d), "a.sql:1:14: error: expected a table name, found '(' [E-PARSE]");
}

}  // namespace
}  // namespace godwit
