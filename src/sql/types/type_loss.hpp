// The coded warnings a type conversion can imply. Mapping and codegen show these to
// users, so every code is stable: never rename one, only add new ones.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace godwit::sql {

enum class LossCode : std::uint8_t {
  kPrecision,          ///< W-TYPE-PRECISION: fewer significant digits (or float for exact)
  kScale,              ///< W-TYPE-SCALE: fewer digits after the decimal point
  kLength,             ///< W-TYPE-LENGTH: a string or binary value may be truncated
  kTimeZone,           ///< W-TYPE-TIMEZONE: the offset or instant meaning changes
  kFractional,         ///< W-TYPE-FRACTIONAL: fewer fractional-second digits
  kUnsigned,           ///< W-TYPE-UNSIGNED: unsigned values above the signed range
  kCharset,            ///< W-TYPE-CHARSET: character set, or byte vs character lengths
  kUnsupported,        ///< W-TYPE-UNSUPPORTED: no such type; the closest one is used
  kRange,              ///< W-TYPE-RANGE: narrower integer, float or date/time range
  kPadding,            ///< W-TYPE-PADDING: fixed-length blank padding appears or goes
  kDomain,             ///< W-TYPE-DOMAIN: allowed values (ENUM, UUID, ...) not enforced
  kSemiStructured,     ///< W-TYPE-SEMISTRUCTURED: typed value stored untyped
  kConversion,         ///< W-TYPE-CONVERSION: some values may fail to convert
  kBooleanConvention,  ///< W-TYPE-BOOLEAN: booleans stored as 0/1 numbers by convention
  kDateHasTime,        ///< W-TYPE-DATE-TIME: Oracle DATE carries a time of day
  kAffinity,           ///< W-TYPE-AFFINITY: SQLite does not enforce declared types
  kUnknownType,        ///< W-TYPE-UNKNOWN: the type name is not known; kept verbatim
};

/// One loss a conversion implies: a stable code and a sentence for a person.
struct TypeLoss {
  LossCode code = LossCode::kUnsupported;
  std::string message;
  friend bool operator==(const TypeLoss& a, const TypeLoss& b) = default;
};

/// A row of the code table: the stable text ("W-TYPE-PRECISION") and what it means.
struct LossCodeInfo {
  LossCode code;
  std::string_view name;
  std::string_view doc;
};

std::string_view to_string(LossCode code);
std::optional<LossCode> loss_code_from_string(std::string_view name);
/// Every code in a stable order, for documentation and the API.
std::span<const LossCodeInfo> loss_codes();

}  // namespace godwit::sql
