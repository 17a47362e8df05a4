// The data side of the type system: each dialect describes its types as two tables,
// in the spirit of sqlglot's TYPE_MAPPING, so a reviewer can check a dialect line by
// line against its vendor's reference.
//   read:  type name (+ how its parameters are read) -> canonical LogicalType
//   write: canonical shape ("slot") -> the dialect's name for it, with its limits
// The generic engines in type_reader.cpp and type_writer.cpp interpret the rows; no
// dialect is named in them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "sql/types/logical_type.hpp"
#include "sql/types/type_loss.hpp"

namespace godwit::sql {

/// How the parenthesised or angle-bracketed parameters after a type name are read.
enum class ReadParams : std::uint8_t {
  kNone,          ///< no parameters expected (extra ones are noted and ignored)
  kLength,        ///< (n) / (MAX) / (n CHAR|BYTE)
  kDecimal,       ///< (p) / (p, s) / (*, s) / (*)
  kFraction,      ///< (p): fractional seconds of TIME / TIMESTAMP
  kFloatBits,     ///< FLOAT(p): binary digits, p <= 24 is single precision
  kDisplayWidth,  ///< MySQL INT(11): a display width, not a range
  kBits,          ///< BIT(n): n bits
  kEnumValues,    ///< ENUM('a', 'b') / SET('a')
  kElement,       ///< ARRAY<T> / ARRAY(T)
  kFields,        ///< STRUCT<a T, ...> / ROW(a T, ...)
  kKeyValue,      ///< MAP<K, V>
  kPeriod,        ///< PERIOD(DATE)
  kInterval,      ///< INTERVAL [field[(p)] [TO field[(s)]]] [(p)]
  kVerbatimName,  ///< unknown(anything): the bracketed text is the type's name
};

/// One type name of a dialect and the canonical type it denotes.
struct ReadRule {
  std::string_view name;  ///< upper case, words separated by one space
  TypeKind kind = TypeKind::kUnknown;
  ReadParams params = ReadParams::kNone;
  std::uint8_t bits = 0;
  bool is_unsigned = false;
  bool fixed = false;
  bool large = false;
  LengthUnit unit = LengthUnit::kCharacters;
  Charset charset = Charset::kDefault;
  TimeZoneKind time_zone = TimeZoneKind::kNone;
  std::int64_t default_length = -1;     ///< when no (n) is written; -1 = unbounded
  std::int64_t max_length = -1;         ///< what (MAX) means; -1 = unbounded
  std::int32_t default_precision = -1;  ///< decimals and fractional seconds; -1 = unspecified
  std::int32_t default_scale = -1;
  std::int32_t star_precision = 38;  ///< what `*` means in NUMBER(*, s)
  bool boolean_if_one = false;       ///< TINYINT(1) / BIT(1): note the boolean convention
  bool is_set = false;               ///< MySQL SET: several enum members at once
  /// The bare name is a large object of `default_length` bytes (Snowflake VARCHAR: 16 MB)
  /// while NAME(n) is an ordinary string of n characters.
  bool large_when_bare = false;
  bool auto_increment = false;             ///< the name implies generated values (SERIAL)
  LossCode note = LossCode::kUnknownType;  ///< with note_message: said whenever read
  std::string_view note_message;

  constexpr ReadRule bytes() const {
    ReadRule r = *this;
    r.unit = LengthUnit::kBytes;
    return r;
  }
  constexpr ReadRule unicode() const {
    ReadRule r = *this;
    r.charset = Charset::kUnicode;
    return r;
  }
  constexpr ReadRule serial() const {
    ReadRule r = *this;
    r.auto_increment = true;
    return r;
  }
  constexpr ReadRule lob() const {
    ReadRule r = *this;
    r.large = true;
    return r;
  }
  constexpr ReadRule length(std::int64_t dflt, std::int64_t max = -1) const {
    ReadRule r = *this;
    r.default_length = dflt;
    r.max_length = max;
    return r;
  }
  constexpr ReadRule bare_is_large_object(std::int64_t bytes) const {
    ReadRule r = *this;
    r.large_when_bare = true;
    r.default_length = bytes;
    return r;
  }
  constexpr ReadRule boolean_when_one() const {
    ReadRule r = *this;
    r.boolean_if_one = true;
    return r;
  }
  constexpr ReadRule noting(LossCode code, std::string_view message) const {
    ReadRule r = *this;
    r.note = code;
    r.note_message = message;
    return r;
  }
};

// Row builders: one call per row keeps the tables short and readable.
constexpr ReadRule read_simple(std::string_view name, TypeKind kind) {
  ReadRule r{};
  r.name = name;
  r.kind = kind;
  return r;
}
constexpr ReadRule read_integer(std::string_view name, int bits, bool is_unsigned = false) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kInteger;
  r.params = ReadParams::kDisplayWidth;
  r.bits = static_cast<std::uint8_t>(bits);
  r.is_unsigned = is_unsigned;
  return r;
}
/// DECIMAL-like: `precision`/`scale` are what the bare name means (-1 = unspecified).
constexpr ReadRule read_decimal(std::string_view name, std::int32_t precision = -1,
                                std::int32_t scale = -1, std::int32_t star_precision = 38) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kDecimal;
  r.params = ReadParams::kDecimal;
  r.default_precision = precision;
  r.default_scale = scale;
  r.star_precision = star_precision;
  return r;
}
/// A name that always means one exact decimal (MONEY, Snowflake INT = NUMBER(38, 0)).
constexpr ReadRule read_fixed_decimal(std::string_view name, std::int32_t precision,
                                      std::int32_t scale) {
  ReadRule r = read_decimal(name, precision, scale);
  r.params = ReadParams::kNone;
  return r;
}
constexpr ReadRule read_float(std::string_view name, int bits) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kFloat;
  r.bits = static_cast<std::uint8_t>(bits);
  return r;
}
/// FLOAT(p) in binary digits: p <= 24 single precision, else double; bare = `bits`.
constexpr ReadRule read_float_bits(std::string_view name, int bits) {
  ReadRule r = read_float(name, bits);
  r.params = ReadParams::kFloatBits;
  return r;
}
/// Oracle FLOAT(p): a NUMBER whose precision is given in binary digits.
constexpr ReadRule read_decimal_float(std::string_view name) {
  ReadRule r = read_float_bits(name, 64);
  r.kind = TypeKind::kDecimal;
  return r;
}
constexpr ReadRule read_char(std::string_view name, std::int64_t default_length = 1) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kString;
  r.params = ReadParams::kLength;
  r.fixed = true;
  r.default_length = default_length;
  return r;
}
constexpr ReadRule read_varchar(std::string_view name, std::int64_t default_length = -1) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kString;
  r.params = ReadParams::kLength;
  r.default_length = default_length;
  return r;
}
/// A large-object string (TEXT, CLOB, STRING); `length` is its limit, -1 unbounded.
constexpr ReadRule read_text(std::string_view name, std::int64_t length = -1) {
  ReadRule r = read_varchar(name, length);
  r.large = true;
  return r;
}
constexpr ReadRule read_binary(std::string_view name, std::int64_t default_length = 1) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kBinary;
  r.params = ReadParams::kLength;
  r.fixed = true;
  r.unit = LengthUnit::kBytes;
  r.default_length = default_length;
  return r;
}
constexpr ReadRule read_varbinary(std::string_view name, std::int64_t default_length = -1) {
  ReadRule r = read_binary(name, default_length);
  r.fixed = false;
  return r;
}
constexpr ReadRule read_blob(std::string_view name, std::int64_t length = -1) {
  ReadRule r = read_varbinary(name, length);
  r.large = true;
  return r;
}
constexpr ReadRule read_time(std::string_view name, std::int32_t default_fraction,
                             TimeZoneKind tz = TimeZoneKind::kNone) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kTime;
  r.params = ReadParams::kFraction;
  r.time_zone = tz;
  r.default_precision = default_fraction;
  return r;
}
constexpr ReadRule read_timestamp(std::string_view name, std::int32_t default_fraction,
                                  TimeZoneKind tz = TimeZoneKind::kNone) {
  ReadRule r = read_time(name, default_fraction, tz);
  r.kind = TypeKind::kTimestamp;
  return r;
}
constexpr ReadRule read_interval(std::string_view name) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kInterval;
  r.params = ReadParams::kInterval;
  return r;
}
constexpr ReadRule read_composite(std::string_view name, TypeKind kind) {
  ReadParams p = ReadParams::kElement;
  if (kind == TypeKind::kStruct) p = ReadParams::kFields;
  if (kind == TypeKind::kMap) p = ReadParams::kKeyValue;
  if (kind == TypeKind::kPeriod) p = ReadParams::kPeriod;
  if (kind == TypeKind::kEnum) p = ReadParams::kEnumValues;
  ReadRule r{};
  r.name = name;
  r.kind = kind;
  r.params = p;
  return r;
}
constexpr ReadRule read_set(std::string_view name) {
  ReadRule r = read_composite(name, TypeKind::kEnum);
  r.is_set = true;
  return r;
}
/// NAME(anything): an unknown type whose name is the bracketed text (canonical text only).
constexpr ReadRule read_verbatim(std::string_view name) {
  ReadRule r = read_simple(name, TypeKind::kUnknown);
  r.params = ReadParams::kVerbatimName;
  return r;
}
constexpr ReadRule read_bits(std::string_view name) {
  ReadRule r{};
  r.name = name;
  r.kind = TypeKind::kInteger;
  r.params = ReadParams::kBits;
  r.bits = 64;
  r.is_unsigned = true;
  r.boolean_if_one = true;
  return r;
}

/// The canonical shapes a dialect names when writing.
enum class Slot : std::uint8_t {
  kBoolean,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kInt128,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kDecimal,
  kFloat32,
  kFloat64,
  kChar,
  kVarchar,
  kText,
  kNChar,
  kNVarchar,
  kNText,
  kBinary,
  kVarbinary,
  kBlob,
  kDate,
  kTime,
  kTimeTz,
  kTimestamp,
  kTimestampTz,
  kTimestampLtz,
  kIntervalYearMonth,
  kIntervalDayTime,
  kJson,
  kVariant,
  kUuid,
  kXml,
  kArray,
  kStruct,
  kMap,
  kGeography,
  kGeometry,
  kEnum,
  kPeriod,
};

/// How a written name carries its parameters.
enum class Print : std::uint8_t {
  kBare,              ///< NAME
  kLength,            ///< NAME(n)
  kLengthUnit,        ///< NAME(n BYTE) / NAME(n CHAR) (Oracle)
  kLengthOrMax,       ///< NAME(n) or NAME(MAX) (T-SQL)
  kDecimal,           ///< NAME(p, s)
  kFraction,          ///< NAME(p), or the name's `{}` replaced by (p)
  kIntervalAnsi,      ///< INTERVAL DAY(p) TO SECOND(s)
  kIntervalFields,    ///< INTERVAL DAY TO SECOND (no precisions); bare INTERVAL for any
  kIntervalTwoKinds,  ///< only INTERVAL YEAR(p) TO MONTH and DAY(p) TO SECOND(s) (Oracle)
  kAngle,             ///< ARRAY<T>, MAP<K, V>
  kBrackets,          ///< T[]
  kSuffixArray,       ///< T ARRAY
  kFieldsSpace,       ///< STRUCT<a T, b U>
  kFieldsColon,       ///< STRUCT<a: T, b: U>
  kFieldsTight,       ///< STRUCT<a:T,b:U> (Hive)
  kRowParens,         ///< ROW(a T, b U)
  kEnumValues,        ///< ENUM('a', 'b')
  kParens,            ///< PERIOD(DATE); with kAngle on a period row: RANGE<DATE>
};

/// One canonical shape and how this dialect writes it, with its limits.
struct WriteRule {
  Slot slot = Slot::kBoolean;
  std::string_view name;
  Print print = Print::kBare;
  std::int64_t max = -1;                 ///< max length / precision / fraction; -1 = unbounded
  std::int64_t bare_default = -1;        ///< the parameter the bare name means (omitted when equal)
  std::int32_t max_scale = -1;           ///< decimals
  std::int32_t max_integer_digits = -1;  ///< decimals: p - s limit (BigQuery NUMERIC: 29)
  std::int32_t min_scale = 0;            ///< decimals: negative scale allowed down to this
  /// Decimals: what a decimal without (p, s) (a floating decimal) becomes. -1 means the
  /// bare name is itself arbitrary precision (PostgreSQL NUMERIC, Oracle NUMBER).
  std::int32_t unspecified_scale = -1;
  bool bare_is_max = false;  ///< decimals: the bare name means (max, max_scale)
  LengthUnit unit = LengthUnit::kCharacters;
  bool unicode = false;                    ///< strings: holds any Unicode character
  LossCode loss = LossCode::kUnsupported;  ///< with loss_message: said whenever used
  std::string_view loss_message;

  constexpr WriteRule bytes() const {
    WriteRule r = *this;
    r.unit = LengthUnit::kBytes;
    return r;
  }
  constexpr WriteRule in_unicode() const {
    WriteRule r = *this;
    r.unicode = true;
    return r;
  }
  constexpr WriteRule approx(LossCode code, std::string_view message) const {
    WriteRule r = *this;
    r.loss = code;
    r.loss_message = message;
    return r;
  }
  constexpr WriteRule bare_means(std::int64_t value) const {
    WriteRule r = *this;
    r.bare_default = value;
    return r;
  }
  /// Decimals: a floating decimal is written with this scale (and the widest precision).
  constexpr WriteRule floating_scale(std::int32_t scale) const {
    WriteRule r = *this;
    r.unspecified_scale = scale;
    return r;
  }
  constexpr WriteRule bare_when_max() const {
    WriteRule r = *this;
    r.bare_is_max = true;
    return r;
  }
  constexpr WriteRule negative_scale_down_to(std::int32_t scale) const {
    WriteRule r = *this;
    r.min_scale = scale;
    return r;
  }
};

constexpr WriteRule write(Slot slot, std::string_view name, Print print = Print::kBare) {
  WriteRule r{};
  r.slot = slot;
  r.name = name;
  r.print = print;
  return r;
}
/// Strings and binaries: NAME(n) up to `max` (in `unit`s).
constexpr WriteRule write_sized(Slot slot, std::string_view name, std::int64_t max,
                                Print print = Print::kLength) {
  WriteRule r{};
  r.slot = slot;
  r.name = name;
  r.print = print;
  r.max = max;
  return r;
}
/// A decimal row: precision up to `max_precision`, scale up to `max_scale`.
constexpr WriteRule write_decimal(std::string_view name, std::int32_t max_precision,
                                  std::int32_t max_scale, std::int32_t max_integer_digits = -1) {
  WriteRule r{};
  r.slot = Slot::kDecimal;
  r.name = name;
  r.print = Print::kDecimal;
  r.max = max_precision;
  r.max_scale = max_scale;
  r.max_integer_digits = max_integer_digits;
  return r;
}
/// TIME / TIMESTAMP rows: fractional digits up to `max`, bare name means `bare`.
constexpr WriteRule write_fraction(Slot slot, std::string_view name, std::int64_t max,
                                   std::int64_t bare) {
  WriteRule r{};
  r.slot = slot;
  r.name = name;
  r.print = Print::kFraction;
  r.max = max;
  r.bare_default = bare;
  return r;
}
/// TIME / TIMESTAMP rows that take no parameter and always keep `digits` (BigQuery).
constexpr WriteRule write_fixed_fraction(Slot slot, std::string_view name, std::int64_t digits) {
  WriteRule r{};
  r.slot = slot;
  r.name = name;
  r.print = Print::kBare;
  r.max = digits;
  r.bare_default = digits;
  return r;
}

/// What a dialect does with a name that no read row matches.
enum class ReadFallback : std::uint8_t {
  kUnknown,         ///< unknown(name), noted
  kSqliteAffinity,  ///< SQLite's affinity rules (section 3.1 of its datatype page)
};

/// Everything the type system knows about one dialect. Tables are static data: the reader
/// caches an index per table address for the life of the process.
struct DialectTypeTable {
  std::string_view dialect;       ///< canonical name (dialect_names.hpp)
  std::string_view display_name;  ///< for messages: "PostgreSQL", "SQL Server"
  std::span<const ReadRule> read;
  std::span<const WriteRule> write;
  ReadFallback fallback = ReadFallback::kUnknown;
  char identifier_quote = '"';
  /// What `TIMESTAMP WITH TIME ZONE` means: PostgreSQL and Redshift store an instant
  /// (kWithLocalTimeZone semantics), Oracle and Teradata keep the offset.
  TimeZoneKind with_time_zone = TimeZoneKind::kWithTimeZone;
  bool nested_arrays = true;  ///< ARRAY<ARRAY<T>> allowed (BigQuery: no)
  /// Said on every type written to this dialect (SQLite affinity), if set.
  std::string_view write_note;
  LossCode write_note_code = LossCode::kAffinity;
};

// One table per dialect, defined in src/sql/dialect/<name>/types.cpp.
const DialectTypeTable& ansi_type_table();
const DialectTypeTable& bigquery_type_table();
const DialectTypeTable& databricks_type_table();
const DialectTypeTable& hive_type_table();
const DialectTypeTable& mysql_type_table();
const DialectTypeTable& oracle_type_table();
const DialectTypeTable& postgres_type_table();
const DialectTypeTable& redshift_type_table();
const DialectTypeTable& snowflake_type_table();
const DialectTypeTable& sqlite_type_table();
const DialectTypeTable& teradata_type_table();
const DialectTypeTable& tsql_type_table();

/// The table of a canonical dialect name ("postgres"); nullptr when unknown. Aliases
/// are resolved by canonical_dialect_name() in dialect_names.hpp first.
const DialectTypeTable* find_type_table(std::string_view dialect);

}  // namespace godwit::sql
