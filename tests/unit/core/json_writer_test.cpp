#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace godwit {
namespace {

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(JsonWriter, MatchesNlohmannDumpForNestedDocuments) {
  std::string text;
  JsonWriter w(text);
  w.begin_object()
      .member("a", std::string("x"))
      .key("b")
      .begin_array()
      .value(1)
      .value(true)
      .null()
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .end_array()
      .member("c", std::optional<std::string>())
      .member("d", std::vector<std::string>{"p", "q"})
      .member("e", std::int64_t{-9223372036854775807 - 1})
      .member("f", std::size_t{18446744073709551615ULL})
      .end_object();
  nlohmann::json expected = {
      {"a", "x"},
      {"b", {1, true, nullptr, nlohmann::json::object(), nlohmann::json::array()}},
      {"c", nullptr},
      {"d", {"p", "q"}},
      {"e", std::int64_t{-9223372036854775807 - 1}},
      {"f", std::size_t{18446744073709551615ULL}}};
  EXPECT_EQ(text, dump(expected));
  EXPECT_EQ(nlohmann::json::parse(text), expected);
}

TEST(JsonWriter, EscapesLikeNlohmann) {
  std::string every_control;
  for (char c = 1; c < 0x20; ++c) every_control.push_back(c);
  for (std::string s :
       {std::string("plain"), std::string("quote \" backslash \\ slash /"), every_control,
        std::string("nul \0 inside", 12), std::string("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80"),
        std::string("\x7F del")}) {
    EXPECT_EQ(json_quote(s), dump(nlohmann::json(s))) << s;
  }
}

TEST(JsonWriter, ReplacesInvalidUtf8) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(json_quote("a\xFF"
                       "b"),
            "\"a" + r + "b\"");
  EXPECT_EQ(json_quote("\xC3"), "\"" + r + "\"");  // truncated at the end
  EXPECT_EQ(json_quote("\xE2\x82"
                       "x"),
            "\"" + r + "x\"");                                     // one subpart, then ASCII
  EXPECT_EQ(json_quote("\xED\xA0\x80"), "\"" + r + r + r + "\"");  // surrogate: not a subpart
  EXPECT_EQ(json_quote("\xC0\xAF"), "\"" + r + r + "\"");          // overlong
  EXPECT_EQ(json_quote("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // above U+10FFFF
  // Whatever the input, the output is valid JSON.
  EXPECT_TRUE(nlohmann::json::accept(json_quote("\xF0\x9F\x98")));
}

TEST(JsonWriter, RawValuesTakeTheirPlaceInContainers) {
  std::string text;
  JsonWriter w(text);
  w.begin_array().raw("{\"x\":1}").raw("[]").value("y").end_array();
  EXPECT_EQ(text, "[{\"x\":1},[],\"y\"]");
}

}  // namespace
}  // namespace godwit
