// The loss code table: stable names and their one-line meaning.
#include "sql/types/type_loss.hpp"

#include <array>

namespace godwit::sql {
namespace {

constexpr std::array<LossCodeInfo, 17> kCodes = {{
    {LossCode::kPrecision, "W-TYPE-PRECISION",
     "The target keeps fewer significant digits, or stores an exact number as floating point."},
    {LossCode::kScale, "W-TYPE-SCALE",
     "The target keeps fewer digits after the decimal point; values are rounded."},
    {LossCode::kLength, "W-TYPE-LENGTH",
     "The target's maximum length is shorter; longer values are truncated or rejected."},
    {LossCode::kTimeZone, "W-TYPE-TIMEZONE",
     "Time-zone semantics differ: an offset is dropped, or a wall-clock time becomes an "
     "instant (or the reverse)."},
    {LossCode::kFractional, "W-TYPE-FRACTIONAL",
     "The target keeps fewer fractional-second digits; times are truncated or rounded."},
    {LossCode::kUnsigned, "W-TYPE-UNSIGNED",
     "The target has no unsigned type; the upper half of the unsigned range does not fit."},
    {LossCode::kCharset, "W-TYPE-CHARSET",
     "Character set or length semantics differ (Unicode vs code page, bytes vs characters)."},
    {LossCode::kUnsupported, "W-TYPE-UNSUPPORTED",
     "The target has no such type; the closest type is used instead."},
    {LossCode::kRange, "W-TYPE-RANGE",
     "The target's range is narrower (smaller integer or float, shorter date range)."},
    {LossCode::kPadding, "W-TYPE-PADDING",
     "Fixed-length blank padding is added or removed, which changes comparisons and lengths."},
    {LossCode::kDomain, "W-TYPE-DOMAIN",
     "The type no longer restricts values (enum members, UUID form); add a CHECK if needed."},
    {LossCode::kSemiStructured, "W-TYPE-SEMISTRUCTURED",
     "A typed composite is stored as a semi-structured value; element types are not enforced."},
    {LossCode::kConversion, "W-TYPE-CONVERSION",
     "Some source values may fail to convert (e.g. text that is not a number)."},
    {LossCode::kBooleanConvention, "W-TYPE-BOOLEAN",
     "Booleans are stored as small numbers by convention; other values are not rejected."},
    {LossCode::kDateHasTime, "W-TYPE-DATE-TIME",
     "Oracle DATE carries a time of day; it maps to a timestamp, not to a calendar date."},
    {LossCode::kAffinity, "W-TYPE-AFFINITY",
     "SQLite uses type affinity: the declared type is advisory and any value can be stored."},
    {LossCode::kUnknownType, "W-TYPE-UNKNOWN",
     "The type name is not known for this dialect (user-defined?); it is kept verbatim."},
}};

}  // namespace

std::string_view to_string(LossCode code) {
  for (const LossCodeInfo& info : kCodes) {
    if (info.code == code) return info.name;
  }
  return "W-TYPE-UNSUPPORTED";
}

std::optional<LossCode> loss_code_from_string(std::string_view name) {
  for (const LossCodeInfo& info : kCodes) {
    if (info.name == name) return info.code;
  }
  return std::nullopt;
}

std::span<const LossCodeInfo> loss_codes() {
  return kCodes;
}

}  // namespace godwit::sql
