// Mechanics of the canonical type value: construction, equality, printing, JSON.
#include "sql/types/logical_type.hpp"

#include <gtest/gtest.h>

#include "sql/types/logical_type_json.hpp"
#include "sql/types/type_loss.hpp"
#include "sql/types/type_reader.hpp"

namespace godwit::sql {
namespace {

TEST(LogicalType, PrintsCanonicalText) {
  EXPECT_EQ(to_string(LogicalType::integer(32)), "INT32");
  EXPECT_EQ(to_string(LogicalType::integer(64, true)), "UINT64");
  EXPECT_EQ(to_string(LogicalType::decimal(12, 2)), "DECIMAL(12, 2)");
  EXPECT_EQ(to_string(LogicalType::decimal(10, -2)), "DECIMAL(10, -2)");
  EXPECT_EQ(to_string(LogicalType::decimal()), "DECIMAL");
  EXPECT_EQ(to_string(LogicalType::string(20, false, LengthUnit::kBytes)), "VARCHAR(20 BYTES)");
  EXPECT_EQ(to_string(LogicalType::string(5, true, LengthUnit::kCharacters, Charset::kUnicode)),
            "NCHAR(5)");
  EXPECT_EQ(to_string(LogicalType::text()), "TEXT");
  EXPECT_EQ(to_string(LogicalType::timestamp(6, TimeZoneKind::kWithLocalTimeZone)),
            "TIMESTAMP(6) WITH LOCAL TIME ZONE");
  LogicalType iv = LogicalType::interval(IntervalField::kDay, IntervalField::kSecond);
  iv.precision = 3;
  iv.scale = 2;
  EXPECT_EQ(to_string(iv), "INTERVAL DAY(3) TO SECOND(2)");
  EXPECT_EQ(to_string(LogicalType::map(LogicalType::text(), LogicalType::integer(32))),
            "MAP<TEXT, INT32>");
  EXPECT_EQ(to_string(LogicalType::structure(
                {{"a", LogicalType::integer(64)},
                 {"b", LogicalType::array(LogicalType::text(Charset::kUnicode))}})),
            "STRUCT<a INT64, b ARRAY<NTEXT>>");
  EXPECT_EQ(to_string(LogicalType::enumeration({"a", "it's"})), "ENUM('a', 'it''s')");
  EXPECT_EQ(to_string(LogicalType::unknown("SDO_TOPO")), "unknown(SDO_TOPO)");
}

TEST(LogicalType, ComparesCompositesByValue) {
  LogicalType a = LogicalType::array(LogicalType::decimal(10, 2));
  LogicalType b = LogicalType::array(LogicalType::decimal(10, 2));
  LogicalType c = LogicalType::array(LogicalType::decimal(10, 3));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  LogicalType copy = a;  // shares the child: cheap
  EXPECT_EQ(copy.fields.get(), a.fields.get());
  EXPECT_EQ(LogicalType::enumeration({"x"}), LogicalType::enumeration({"x"}));
  EXPECT_NE(LogicalType::enumeration({"x"}), LogicalType::enumeration({"x"}, true));
}

TEST(LogicalType, DecimalWithPrecisionOnlyHasScaleZero) {
  EXPECT_EQ(LogicalType::decimal(10), LogicalType::decimal(10, 0));
}

TEST(LogicalType, IntegerDigits) {
  EXPECT_EQ(integer_digits(8, false), 3);
  EXPECT_EQ(integer_digits(32, false), 10);
  EXPECT_EQ(integer_digits(64, false), 19);
  EXPECT_EQ(integer_digits(64, true), 20);
}

TEST(LogicalTypeJson, RoundTripsEveryShape) {
  LogicalType iv = LogicalType::interval(IntervalField::kYear, IntervalField::kMonth);
  iv.precision = 4;
  const LogicalType types[] = {
      LogicalType::boolean(),
      LogicalType::integer(16, true),
      LogicalType::decimal(38, 9),
      LogicalType::decimal(),
      LogicalType::floating(32),
      LogicalType::string(20, true, LengthUnit::kBytes, Charset::kUnicode),
      LogicalType::text(),
      LogicalType::binary(16, true),
      LogicalType::date(),
      LogicalType::time(3, TimeZoneKind::kWithTimeZone),
      LogicalType::timestamp(9, TimeZoneKind::kWithLocalTimeZone),
      iv,
      LogicalType::simple(TypeKind::kJson),
      LogicalType::simple(TypeKind::kUuid),
      LogicalType::array(LogicalType::integer(64)),
      LogicalType::structure({{"a", LogicalType::integer(64)}, {"b", LogicalType::text()}}),
      LogicalType::map(LogicalType::text(), LogicalType::floating(64)),
      LogicalType::enumeration({"red", "green"}, false, "color"),
      LogicalType::enumeration({"x", "y"}, true),
      LogicalType::period(LogicalType::date()),
      LogicalType::unknown("\"public\".\"my_enum\""),
  };
  for (const LogicalType& t : types) {
    const nlohmann::json j = to_json(t);
    EXPECT_EQ(logical_type_from_json(j), t) << j.dump();
    EXPECT_EQ(j["text"], to_string(t));
  }
}

TEST(LogicalTypeJson, HasAStableShape) {
  EXPECT_EQ(to_json(LogicalType::decimal(12, 2)).dump(),
            R"j({"kind":"decimal","precision":12,"scale":2,"text":"DECIMAL(12, 2)"})j");
  EXPECT_EQ(to_json(LogicalType::integer(32)).dump(),
            R"j({"bits":32,"kind":"integer","text":"INT32","unsigned":false})j");
}

TEST(LogicalTypeJson, MalformedInputBecomesUnknown) {
  EXPECT_EQ(logical_type_from_json(nlohmann::json(42)).kind, TypeKind::kUnknown);
  EXPECT_EQ(logical_type_from_json(nlohmann::json{{"kind", "nope"}}).kind, TypeKind::kUnknown);
  EXPECT_EQ(logical_type_from_json(nlohmann::json{{"kind", "array"}, {"fields", 3}}).kind,
            TypeKind::kArray);
}

TEST(LossCodes, AreStableAndDocumented) {
  EXPECT_EQ(to_string(LossCode::kPrecision), "W-TYPE-PRECISION");
  EXPECT_EQ(to_string(LossCode::kScale), "W-TYPE-SCALE");
  EXPECT_EQ(to_string(LossCode::kLength), "W-TYPE-LENGTH");
  EXPECT_EQ(to_string(LossCode::kTimeZone), "W-TYPE-TIMEZONE");
  EXPECT_EQ(to_string(LossCode::kFractional), "W-TYPE-FRACTIONAL");
  EXPECT_EQ(to_string(LossCode::kUnsigned), "W-TYPE-UNSIGNED");
  EXPECT_EQ(to_string(LossCode::kCharset), "W-TYPE-CHARSET");
  EXPECT_EQ(to_string(LossCode::kUnsupported), "W-TYPE-UNSUPPORTED");
  for (const LossCodeInfo& info : loss_codes()) {
    EXPECT_FALSE(info.doc.empty()) << info.name;
    EXPECT_EQ(loss_code_from_string(info.name), info.code);
  }
  EXPECT_EQ(loss_codes().size(), 17u);
}

}  // namespace
}  // namespace godwit::sql

namespace godwit::sql {
namespace {

TEST(ParseLogicalType, ReadsBackEveryCanonicalText) {
  LogicalType iv = LogicalType::interval(IntervalField::kDay, IntervalField::kSecond);
  iv.precision = 3;
  iv.scale = 2;
  LogicalType iv_any = LogicalType::interval();
  iv_any.scale = 3;
  LogicalType sec = LogicalType::interval(IntervalField::kSecond);
  sec.precision = 2;
  sec.scale = 4;
  LogicalType sized_text = LogicalType::text(Charset::kUnicode);
  sized_text.length = 16777216;
  sized_text.unit = LengthUnit::kBytes;
  LogicalType blob = LogicalType::binary(65535);
  blob.large = true;
  const LogicalType types[] = {
      LogicalType::boolean(),
      LogicalType::integer(8),
      LogicalType::integer(128, true),
      LogicalType::decimal(),
      LogicalType::decimal(12, 2),
      LogicalType::decimal(10, -2),
      LogicalType::floating(32),
      LogicalType::string(20, false, LengthUnit::kBytes),
      LogicalType::string(5, true, LengthUnit::kCharacters, Charset::kUnicode),
      LogicalType::string(),
      LogicalType::text(),
      sized_text,
      LogicalType::binary(16, true),
      LogicalType::binary(100),
      blob,
      LogicalType::date(),
      LogicalType::time(3, TimeZoneKind::kWithTimeZone),
      LogicalType::timestamp(),
      LogicalType::timestamp(9, TimeZoneKind::kWithLocalTimeZone),
      iv,
      iv_any,
      sec,
      LogicalType::interval(IntervalField::kYear, IntervalField::kMonth),
      LogicalType::simple(TypeKind::kJson),
      LogicalType::simple(TypeKind::kVariant),
      LogicalType::simple(TypeKind::kGeometry),
      LogicalType::array(LogicalType::array(LogicalType::integer(64))),
      LogicalType::structure(
          {{"a", LogicalType::integer(64)},
           {"my field", LogicalType::map(LogicalType::text(), LogicalType::decimal(5, 1))}}),
      LogicalType::structure({{"", LogicalType::integer(64)}, {"", LogicalType::text()}}),
      LogicalType::enumeration({"a", "it's"}),
      LogicalType::enumeration({"x"}, true),
      LogicalType::period(LogicalType::timestamp(6, TimeZoneKind::kWithTimeZone)),
      LogicalType::unknown("\"public\".\"my_enum\""),
      LogicalType::array(LogicalType::unknown("NUMBER(10, 2)")),
  };
  for (const LogicalType& t : types) {
    EXPECT_EQ(parse_logical_type(to_string(t)), t)
        << to_string(t) << " read back as " << to_string(parse_logical_type(to_string(t)));
  }
}

TEST(ParseLogicalType, NonCanonicalTextIsUnknown) {
  EXPECT_EQ(parse_logical_type("VARCHAR2(10)"), LogicalType::unknown("VARCHAR2(10)"));
  EXPECT_EQ(parse_logical_type("unknown(a, b(c))"), LogicalType::unknown("a, b(c)"));
}

}  // namespace
}  // namespace godwit::sql
