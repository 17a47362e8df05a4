// The canonical logical type: one dialect-neutral description of a column type that
// every dialect's type table reads into and writes from. Mapping, codegen and
// validation compare these values instead of comparing type names.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::sql {

enum class TypeKind : std::uint8_t {
  kUnknown,  ///< not understood; `name` keeps the text verbatim
  kBoolean,
  kInteger,  ///< `bits` 8/16/32/64/128, `is_unsigned`
  kDecimal,  ///< exact numeric, `precision`/`scale` (either may be unspecified)
  kFloat,    ///< binary floating point, `bits` 32/64
  kString,
  kBinary,
  kDate,
  kTime,       ///< `precision` = fractional second digits, `time_zone`
  kTimestamp,  ///< `precision` = fractional second digits, `time_zone`
  kInterval,   ///< `from_field`..`to_field`, leading `precision`, fractional `scale`
  kJson,
  kVariant,  ///< any semi-structured value (Snowflake VARIANT, Redshift SUPER, sql_variant)
  kUuid,
  kXml,
  kArray,      ///< fields[0] is the element
  kStruct,     ///< fields are the named members, in order
  kMap,        ///< fields[0] key, fields[1] value
  kGeography,  ///< spherical (WGS84) geometry
  kGeometry,   ///< planar geometry
  kEnum,       ///< `values`; `is_set` for MySQL SET (several values at once)
  kPeriod,     ///< Teradata PERIOD: fields[0] is the bound type (DATE, TIME, TIMESTAMP)
};

/// What a string length counts. Oracle, Redshift and MySQL TEXT count bytes.
enum class LengthUnit : std::uint8_t { kCharacters, kBytes };

/// Whether a string is guaranteed to hold any Unicode character. kDefault means "the
/// database's character set", which Godwit cannot know from the DDL alone.
enum class Charset : std::uint8_t { kDefault, kUnicode };

/// kWithTimeZone keeps the original offset next to the instant (Oracle TIMESTAMP WITH
/// TIME ZONE, T-SQL DATETIMEOFFSET, Snowflake TIMESTAMP_TZ). kWithLocalTimeZone is an
/// absolute instant shown in the session's zone; the offset written is not kept
/// (PostgreSQL timestamptz, BigQuery TIMESTAMP, Snowflake TIMESTAMP_LTZ).
enum class TimeZoneKind : std::uint8_t { kNone, kWithTimeZone, kWithLocalTimeZone };

enum class IntervalField : std::uint8_t { kNone, kYear, kMonth, kDay, kHour, kMinute, kSecond };

struct StructField;

/// A value type: cheap to copy (composite children are shared and immutable) and
/// compared by value. Fields that do not apply to `kind` keep their defaults, so two
/// equal types compare equal however they were built.
struct LogicalType {
  TypeKind kind = TypeKind::kUnknown;
  std::uint8_t bits = 0;
  bool is_unsigned = false;
  bool fixed = false;  ///< CHAR(n) / BINARY(n): padded to the length
  bool large = false;  ///< stored as a large object (TEXT, CLOB, BLOB, VARCHAR(MAX))
  bool is_set = false;
  LengthUnit unit = LengthUnit::kCharacters;
  Charset charset = Charset::kDefault;
  TimeZoneKind time_zone = TimeZoneKind::kNone;
  IntervalField from_field = IntervalField::kNone;
  IntervalField to_field = IntervalField::kNone;
  std::optional<std::int32_t> precision;
  std::optional<std::int32_t> scale;
  std::optional<std::int64_t> length;  ///< strings and binary; nullopt = unbounded
  std::string name;                    ///< unknown: the text as written; enum: its type name
  /// Shared because children are immutable: copying a deep STRUCT stays O(1).
  std::shared_ptr<const std::vector<StructField>> fields;
  std::shared_ptr<const std::vector<std::string>> values;

  static LogicalType unknown(std::string_view text);
  static LogicalType boolean();
  static LogicalType integer(int bits, bool is_unsigned = false);
  static LogicalType decimal(std::optional<std::int32_t> precision = std::nullopt,
                             std::optional<std::int32_t> scale = std::nullopt);
  static LogicalType floating(int bits);
  static LogicalType string(std::optional<std::int64_t> length = std::nullopt, bool fixed = false,
                            LengthUnit unit = LengthUnit::kCharacters,
                            Charset charset = Charset::kDefault);
  /// An unbounded large-object string (TEXT, CLOB, STRING).
  static LogicalType text(Charset charset = Charset::kDefault);
  static LogicalType binary(std::optional<std::int64_t> length = std::nullopt, bool fixed = false);
  static LogicalType date();
  static LogicalType time(std::optional<std::int32_t> precision = std::nullopt,
                          TimeZoneKind time_zone = TimeZoneKind::kNone);
  static LogicalType timestamp(std::optional<std::int32_t> precision = std::nullopt,
                               TimeZoneKind time_zone = TimeZoneKind::kNone);
  static LogicalType interval(IntervalField from = IntervalField::kNone,
                              IntervalField to = IntervalField::kNone);
  static LogicalType simple(TypeKind kind);  ///< JSON, VARIANT, UUID, XML, GEOGRAPHY ...
  static LogicalType array(LogicalType element);
  static LogicalType structure(std::vector<StructField> fields);
  static LogicalType map(LogicalType key, LogicalType value);
  static LogicalType enumeration(std::vector<std::string> values, bool is_set = false,
                                 std::string_view type_name = {});
  static LogicalType period(LogicalType bound);

  /// The element of an ARRAY, the bound of a PERIOD; nullptr for other kinds.
  const LogicalType* element() const;
  bool is_numeric() const;
  bool is_temporal() const;
  bool is_composite() const;
  /// False for composites that constrain nothing (ARRAY<VARIANT>, MAP<TEXT, VARIANT>):
  /// storing those in a semi-structured column loses no typing.
  bool has_typed_contents() const;

  friend bool operator==(const LogicalType& a, const LogicalType& b);
};

struct StructField {
  std::string name;
  LogicalType type;
  friend bool operator==(const StructField& a, const StructField& b) = default;
};

/// Canonical text, e.g. `DECIMAL(12, 2)`, `NVARCHAR(20)`, `TIMESTAMP(6) WITH TIME ZONE`,
/// `ARRAY<STRUCT<a INT64, b TEXT>>`, `unknown(SDO_TOPO)`. Stable: tests and the UI use it.
std::string to_string(const LogicalType& type);

std::string_view to_string(TypeKind kind);
std::string_view to_string(IntervalField field);

/// Decimal digits needed for every value of an integer of `bits` (INT32 -> 10).
int integer_digits(int bits, bool is_unsigned);

}  // namespace godwit::sql
