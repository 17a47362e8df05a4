// cast_safety(): which values of one canonical type survive a cast to another. The
// writer only chooses target types; every value-level loss is decided here, once.
#include <algorithm>
#include <string>

#include "sql/types/type_mapping.hpp"

namespace godwit::sql {
namespace {

constexpr std::int32_t kDefaultFraction = 6;
constexpr std::int64_t kUtf8MaxBytes = 4;

std::string describe_length(std::int64_t n, LengthUnit unit, std::string_view noun) {
  return std::to_string(n) +
         (unit == LengthUnit::kBytes ? " bytes" : std::string(" ") + std::string(noun));
}

// Characters needed to print any value of a non-string type; -1 when unbounded.
std::int64_t text_width(const LogicalType& t) {
  switch (t.kind) {
    case TypeKind::kBoolean: return 5;
    case TypeKind::kInteger: return integer_digits(t.bits, t.is_unsigned) + 1;
    case TypeKind::kDecimal:
      return t.precision ? *t.precision + 2 + std::max(0, -t.scale.value_or(0)) : 40;
    case TypeKind::kFloat: return 24;
    case TypeKind::kDate: return 10;
    case TypeKind::kTime:
      return 9 + t.precision.value_or(kDefaultFraction) +
             (t.time_zone == TimeZoneKind::kNone ? 0 : 6);
    case TypeKind::kTimestamp:
      return 20 + t.precision.value_or(kDefaultFraction) +
             (t.time_zone == TimeZoneKind::kNone ? 0 : 6);
    case TypeKind::kUuid: return 36;
    case TypeKind::kInterval: return 40;
    case TypeKind::kEnum: {
      std::int64_t longest = 0, total = 0;
      if (t.values) {
        for (const std::string& v : *t.values) {
          longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(v.size()));
          total += static_cast<std::int64_t>(v.size()) + 1;
        }
      }
      return t.is_set ? total : longest;
    }
    case TypeKind::kPeriod:  // ('begin', 'end')
      return t.element() && text_width(*t.element()) > 0 ? 2 * text_width(*t.element()) + 4 : -1;
    default: return -1;
  }
}

class Comparer {
 public:
  explicit Comparer(CastSafety& out) : out_(out) {}

  void compare(const LogicalType& from, const LogicalType& to, const std::string& path, int depth) {
    if (from == to) return;
    if (depth > 64) return;
    if (from.kind == TypeKind::kUnknown || to.kind == TypeKind::kUnknown) {
      if (from.kind == to.kind && from.name == to.name) return;
      lose(LossCode::kUnknownType, path,
           "cannot check a conversion involving an unknown type (" + to_string(from) + " to " +
               to_string(to) + ")");
      return;
    }
    if (to.kind == TypeKind::kVariant) {
      if (from.is_composite() && from.has_typed_contents()) semi(from, to, path);
      return;
    }
    if (to.kind == TypeKind::kJson) {
      if (from.is_composite()) {
        if (from.has_typed_contents()) semi(from, to, path);
      } else if (from.kind == TypeKind::kString) {
        lose(LossCode::kConversion, path, "text that is not valid JSON fails to convert");
      } else if (from.kind == TypeKind::kBinary || from.kind == TypeKind::kXml ||
                 from.kind == TypeKind::kGeography || from.kind == TypeKind::kGeometry) {
        lose(LossCode::kConversion, path, to_string(from) + " has no JSON form");
      }
      return;
    }
    if (to.kind == TypeKind::kString && from.kind != TypeKind::kString) {
      to_text(from, to, path);
      return;
    }
    if (from.kind == TypeKind::kString && to.kind != TypeKind::kString) {
      from_text(to, path);
      return;
    }
    if (from.is_numeric() && to.is_numeric()) return numeric(from, to, path);
    if (from.is_numeric() && to.kind == TypeKind::kBoolean) {
      return lose(LossCode::kConversion, path,
                  to_string(from) + " values other than 0 and 1 have no BOOLEAN equivalent");
    }
    switch (from.kind) {
      case TypeKind::kBoolean:
        if (to.is_numeric()) return;
        break;
      case TypeKind::kString:
        if (from.charset == Charset::kUnicode && to.charset == Charset::kDefault) {
          lose(LossCode::kCharset, path,
               "Unicode text goes into " + to_string(to) +
                   ", which uses the database's "
                   "character set");
        }
        return sized(from, to, path, "characters");
      case TypeKind::kBinary:
        if (to.kind == TypeKind::kBinary) return sized(from, to, path, "bytes");
        break;
      case TypeKind::kDate:
        if (to.kind == TypeKind::kTimestamp) return;
        break;
      case TypeKind::kTime:
        if (to.kind == TypeKind::kTime) return temporal(from, to, path);
        break;
      case TypeKind::kTimestamp:
        if (to.kind == TypeKind::kTimestamp) return temporal(from, to, path);
        if (to.kind == TypeKind::kDate) {
          return lose(LossCode::kPrecision, path, "the time of day is dropped");
        }
        if (to.kind == TypeKind::kTime) {
          return lose(LossCode::kPrecision, path, "the date part is dropped");
        }
        break;
      case TypeKind::kInterval:
        if (to.kind == TypeKind::kInterval) return interval(from, to, path);
        break;
      case TypeKind::kJson:
      case TypeKind::kVariant:
        if (to.kind == TypeKind::kJson || to.kind == TypeKind::kVariant) return;
        if (to.is_composite() || to.kind == TypeKind::kXml) {
          return lose(LossCode::kConversion, path,
                      "semi-structured values that do not match " + to_string(to) + " fail");
        }
        break;
      case TypeKind::kUuid:
        if (to.kind == TypeKind::kBinary && to.length.value_or(16) >= 16) {
          return lose(LossCode::kDomain, path, "UUIDs stored as bytes are no longer checked");
        }
        break;
      case TypeKind::kGeography:
      case TypeKind::kGeometry:
        if (to.kind == TypeKind::kGeography || to.kind == TypeKind::kGeometry) {
          return lose(LossCode::kUnsupported, path,
                      "planar and spherical coordinates measure distances and areas "
                      "differently");
        }
        break;
      case TypeKind::kArray:
        if (to.kind == TypeKind::kArray && from.element() && to.element()) {
          return compare(*from.element(), *to.element(), join(path, "element"), depth + 1);
        }
        break;
      case TypeKind::kPeriod:
        if (to.kind == TypeKind::kPeriod && from.element() && to.element()) {
          return compare(*from.element(), *to.element(), join(path, "period bound"), depth + 1);
        }
        if (to.kind == TypeKind::kStruct) {
          return lose(LossCode::kUnsupported, path, "a PERIOD becomes a struct of its bounds");
        }
        break;
      case TypeKind::kStruct:
        if (to.kind == TypeKind::kStruct) return structure(from, to, path, depth);
        if (to.kind == TypeKind::kMap) {
          return lose(LossCode::kSemiStructured, path, "struct fields become untyped map entries");
        }
        break;
      case TypeKind::kMap:
        if (to.kind == TypeKind::kMap && from.fields && to.fields && from.fields->size() == 2 &&
            to.fields->size() == 2) {
          compare((*from.fields)[0].type, (*to.fields)[0].type, join(path, "key"), depth + 1);
          compare((*from.fields)[1].type, (*to.fields)[1].type, join(path, "value"), depth + 1);
          return;
        }
        if (to.kind == TypeKind::kArray) {
          return lose(LossCode::kUnsupported, path,
                      "a map becomes an array of key/value pairs; duplicate keys are possible");
        }
        break;
      case TypeKind::kEnum:
        if (to.kind == TypeKind::kEnum) return enumeration(from, to, path);
        break;
      default: break;
    }
    if (from.kind == to.kind) return;
    incompatible_ = true;
    lose(LossCode::kUnsupported, path,
         to_string(from) + " cannot be converted to " + to_string(to));
  }

  bool incompatible() const { return incompatible_; }

 private:
  static std::string join(const std::string& path, std::string_view part) {
    return path.empty() ? std::string(part) : path + "." + std::string(part);
  }

  void lose(LossCode code, const std::string& path, std::string message) {
    TypeLoss loss{code, path.empty() ? std::move(message) : path + ": " + message};
    for (const TypeLoss& l : out_.losses) {
      if (l == loss) return;
    }
    out_.losses.push_back(std::move(loss));
  }

  void semi(const LogicalType& from, const LogicalType& to, const std::string& path) {
    lose(LossCode::kSemiStructured, path,
         to_string(from) + " stored as " + to_string(to) + " no longer has enforced types");
  }

  void to_text(const LogicalType& from, const LogicalType& to, const std::string& path) {
    if (from.kind == TypeKind::kEnum) {
      lose(LossCode::kDomain, path,
           "the allowed values of " + to_string(from) + " are no longer enforced");
    } else if (from.kind == TypeKind::kUuid) {
      lose(LossCode::kDomain, path, "UUID values are no longer checked for form");
    } else if (from.kind == TypeKind::kBinary) {
      lose(LossCode::kConversion, path, "bytes must be encoded (hex or base64) to become text");
    } else if (from.kind == TypeKind::kJson || from.kind == TypeKind::kXml) {
      lose(LossCode::kDomain, path, to_string(from) + " documents are no longer validated");
    } else if (from.is_composite() || from.kind == TypeKind::kPeriod ||
               from.kind == TypeKind::kVariant) {
      lose(LossCode::kSemiStructured, path,
           to_string(from) + " is stored as text; its structure is no longer enforced");
    } else if (from.kind == TypeKind::kGeography || from.kind == TypeKind::kGeometry) {
      lose(LossCode::kUnsupported, path, "spatial values are stored as WKT text");
    } else if (from.is_temporal() || from.kind == TypeKind::kInterval) {
      lose(LossCode::kUnsupported, path,
           to_string(from) + " is stored as text; date arithmetic and ordering need casts");
    }
    const std::int64_t width = text_width(from);
    if (to.length && (width < 0 || width > *to.length)) {
      lose(LossCode::kLength, path,
           to_string(to) + " may be too short for every " + to_string(from) + " value");
    }
  }

  void from_text(const LogicalType& to, const std::string& path) {
    if (to.is_composite()) {
      incompatible_ = true;
      lose(LossCode::kUnsupported, path, "text cannot be converted to " + to_string(to));
      return;
    }
    lose(LossCode::kConversion, path,
         "text values that are not valid " + to_string(to) + " fail to convert");
  }

  void numeric(const LogicalType& from, const LogicalType& to, const std::string& path) {
    const std::string pair = to_string(from) + " to " + to_string(to);
    if (from.kind == TypeKind::kInteger && to.kind == TypeKind::kInteger) {
      if (from.is_unsigned && !to.is_unsigned && to.bits <= from.bits) {
        if (to.bits == from.bits) {
          return lose(LossCode::kUnsigned, path,
                      pair + ": values above the signed maximum do not fit");
        }
        return lose(LossCode::kRange, path, pair + ": large values do not fit");
      }
      if (!from.is_unsigned && to.is_unsigned) {
        lose(LossCode::kRange, path, pair + ": negative values do not fit");
      }
      if (to.bits < from.bits) lose(LossCode::kRange, path, pair + ": large values do not fit");
      return;
    }
    if (from.kind == TypeKind::kInteger && to.kind == TypeKind::kDecimal) {
      if (!to.precision) return;
      const int need = integer_digits(from.bits, from.is_unsigned);
      if (*to.precision - to.scale.value_or(0) < need) {
        lose(LossCode::kPrecision, path,
             pair + ": keeps " + std::to_string(*to.precision - to.scale.value_or(0)) +
                 " integer digits, " + std::to_string(need) + " are needed");
      }
      return;
    }
    if (from.kind == TypeKind::kInteger && to.kind == TypeKind::kFloat) {
      const int mantissa = to.bits == 32 ? 24 : 53;
      if (from.bits > mantissa) {
        lose(LossCode::kPrecision, path,
             pair + ": integers above 2^" + std::to_string(mantissa) + " lose their last digits");
      }
      return;
    }
    if (from.kind == TypeKind::kDecimal && to.kind == TypeKind::kInteger) {
      if (!from.precision || from.scale.value_or(0) > 0) {
        lose(LossCode::kScale, path, pair + ": the fractional part is dropped");
      }
      const int has = integer_digits(to.bits, to.is_unsigned) - 1;
      if (!from.precision || *from.precision - from.scale.value_or(0) > has) {
        lose(LossCode::kRange, path, pair + ": large values do not fit");
      }
      return;
    }
    if (from.kind == TypeKind::kDecimal && to.kind == TypeKind::kDecimal) {
      if (!to.precision) return;
      if (!from.precision) {
        return lose(LossCode::kPrecision, path,
                    "a decimal without fixed precision becomes " + to_string(to) +
                        "; values with more digits are rounded or rejected");
      }
      const std::int32_t from_int = *from.precision - from.scale.value_or(0);
      const std::int32_t to_int = *to.precision - to.scale.value_or(0);
      if (to_int < from_int) {
        lose(LossCode::kPrecision, path,
             pair + ": keeps " + std::to_string(std::max(to_int, 0)) +
                 " integer digits instead of " + std::to_string(from_int));
      }
      if (to.scale.value_or(0) < from.scale.value_or(0)) {
        lose(LossCode::kScale, path,
             pair + ": keeps " + std::to_string(to.scale.value_or(0)) +
                 " digits after the point instead of " + std::to_string(from.scale.value_or(0)) +
                 "; values are rounded");
      }
      return;
    }
    if (from.kind == TypeKind::kDecimal && to.kind == TypeKind::kFloat) {
      return lose(LossCode::kPrecision, path,
                  pair + ": exact decimals become approximate binary floating point");
    }
    if (from.kind == TypeKind::kFloat && to.kind == TypeKind::kFloat) {
      if (to.bits < from.bits) {
        lose(LossCode::kPrecision, path, pair + ": about 7 significant digits are kept");
        lose(LossCode::kRange, path, pair + ": values beyond 3.4e38 do not fit");
      }
      return;
    }
    if (from.kind == TypeKind::kFloat && to.kind == TypeKind::kDecimal) {
      if (to.precision) {
        lose(LossCode::kPrecision, path,
             pair + ": very large, very small and non-finite values do not fit");
      }
      return;
    }
    if (from.kind == TypeKind::kFloat && to.kind == TypeKind::kInteger) {
      lose(LossCode::kScale, path, pair + ": the fractional part is dropped");
      lose(LossCode::kRange, path, pair + ": large and non-finite values do not fit");
    }
  }

  void sized(const LogicalType& from, const LogicalType& to, const std::string& path,
             std::string_view noun) {
    if (from.fixed && !to.fixed) {
      lose(LossCode::kPadding, path,
           "fixed-length " + to_string(from) + " padding becomes part of the value in " +
               to_string(to));
    } else if (!from.fixed && to.fixed) {
      lose(LossCode::kPadding, path, to_string(to) + " pads shorter values to its full length");
    }
    if (!to.length) return;
    if (!from.length) {
      lose(LossCode::kLength, path,
           "values longer than " + describe_length(*to.length, to.unit, noun) + " are truncated");
      return;
    }
    // Only UTF-8 byte lengths need room for multi-byte characters; a code-page type
    // stores one byte per character (and Unicode text into it is reported as CHARSET).
    const bool chars_to_bytes = from.kind == TypeKind::kString &&
                                from.unit == LengthUnit::kCharacters &&
                                to.unit == LengthUnit::kBytes && to.charset == Charset::kUnicode;
    if (*from.length > *to.length) {
      lose(LossCode::kLength, path,
           to_string(from) + " values longer than " + describe_length(*to.length, to.unit, noun) +
               " are truncated");
    } else if (chars_to_bytes && *from.length * kUtf8MaxBytes > *to.length) {
      lose(LossCode::kCharset, path,
           to_string(to) + " counts bytes: " + std::to_string(*from.length) +
               " multi-byte characters may need up to " +
               std::to_string(*from.length * kUtf8MaxBytes) + " bytes");
    }
  }

  void temporal(const LogicalType& from, const LogicalType& to, const std::string& path) {
    const std::int32_t fp = from.precision.value_or(kDefaultFraction);
    const std::int32_t tp = to.precision.value_or(kDefaultFraction);
    if (tp < fp) {
      lose(LossCode::kFractional, path,
           "fractional seconds are cut from " + std::to_string(fp) + " to " + std::to_string(tp) +
               " digits");
    }
    const TimeZoneKind a = from.time_zone;
    const TimeZoneKind b = to.time_zone;
    if (a == b) return;
    if (a == TimeZoneKind::kNone) {
      lose(LossCode::kTimeZone, path,
           "wall-clock times without a zone become instants; the session time zone decides "
           "which");
    } else if (a == TimeZoneKind::kWithTimeZone && b == TimeZoneKind::kWithLocalTimeZone) {
      lose(LossCode::kTimeZone, path,
           "the instant is kept but the original UTC offset of each value is lost");
    } else if (b == TimeZoneKind::kNone) {
      lose(LossCode::kTimeZone, path,
           "the time zone is dropped; convert values to UTC (or a fixed zone) when loading");
    }
  }

  void interval(const LogicalType& from, const LogicalType& to, const std::string& path) {
    auto year_month = [](const LogicalType& t) {
      return t.from_field == IntervalField::kYear || t.from_field == IntervalField::kMonth;
    };
    const bool any_from = from.from_field == IntervalField::kNone;
    const bool any_to = to.from_field == IntervalField::kNone;
    if (!any_from && !any_to && year_month(from) != year_month(to)) {
      incompatible_ = true;
      lose(LossCode::kUnsupported, path,
           "year-month and day-time intervals cannot be converted (months have no fixed "
           "length)");
      return;
    }
    if (any_from && !any_to) {
      lose(LossCode::kConversion, path,
           "intervals mixing months and days do not fit " + to_string(to));
    }
    if (to.scale && from.scale.value_or(kDefaultFraction) > *to.scale) {
      lose(LossCode::kFractional, path, "fractional seconds of the interval are cut");
    }
  }

  void structure(const LogicalType& from, const LogicalType& to, const std::string& path,
                 int depth) {
    const std::size_t n = from.fields ? from.fields->size() : 0;
    const std::size_t m = to.fields ? to.fields->size() : 0;
    if (n != m) {
      incompatible_ = true;
      lose(LossCode::kUnsupported, path, "the structs have different numbers of fields");
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const StructField& a = (*from.fields)[i];
      const StructField& b = (*to.fields)[i];
      compare(a.type, b.type, join(path, a.name.empty() ? "#" + std::to_string(i + 1) : a.name),
              depth + 1);
    }
  }

  void enumeration(const LogicalType& from, const LogicalType& to, const std::string& path) {
    if (!from.values || !to.values) return;
    for (const std::string& v : *from.values) {
      if (std::find(to.values->begin(), to.values->end(), v) == to.values->end()) {
        lose(LossCode::kDomain, path, "the value '" + v + "' is not allowed by " + to_string(to));
      }
    }
  }

  CastSafety& out_;
  bool incompatible_ = false;
};

}  // namespace

std::string_view to_string(CastVerdict verdict) {
  switch (verdict) {
    case CastVerdict::kSafe: return "safe";
    case CastVerdict::kLossy: return "lossy";
    case CastVerdict::kIncompatible: return "incompatible";
  }
  return "incompatible";
}

CastSafety cast_safety(const LogicalType& from, const LogicalType& to) {
  CastSafety out;
  Comparer comparer(out);
  comparer.compare(from, to, "", 0);
  if (comparer.incompatible()) {
    out.verdict = CastVerdict::kIncompatible;
  } else {
    out.verdict = out.losses.empty() ? CastVerdict::kSafe : CastVerdict::kLossy;
  }
  return out;
}

namespace {

// Families of kinds whose values people map onto each other without a change of meaning.
int family(TypeKind kind) {
  switch (kind) {
    case TypeKind::kInteger:
    case TypeKind::kDecimal:
    case TypeKind::kFloat: return 1;
    case TypeKind::kString:
    case TypeKind::kEnum:
    case TypeKind::kUuid: return 2;
    case TypeKind::kBinary: return 3;
    case TypeKind::kDate:
    case TypeKind::kTimestamp: return 4;
    case TypeKind::kTime: return 5;
    case TypeKind::kInterval: return 6;
    case TypeKind::kJson:
    case TypeKind::kVariant:
    case TypeKind::kXml:
    case TypeKind::kArray:
    case TypeKind::kStruct:
    case TypeKind::kMap:
    case TypeKind::kPeriod: return 7;
    case TypeKind::kGeography:
    case TypeKind::kGeometry: return 8;
    case TypeKind::kBoolean: return 9;
    case TypeKind::kUnknown: return 0;
  }
  return 0;
}

}  // namespace

double type_compatibility(const LogicalType& a, const LogicalType& b) {
  if (a == b) return 1.0;
  if (a.kind == TypeKind::kUnknown || b.kind == TypeKind::kUnknown) return 0.5;
  const CastSafety s = cast_safety(a, b);
  if (s.verdict == CastVerdict::kIncompatible) return 0.0;
  const bool same_family = family(a.kind) == family(b.kind);
  // Each further loss makes the pair a little less likely, never below the next tier.
  const double penalty = 0.03 * static_cast<double>(s.losses.size() > 1 ? s.losses.size() - 1 : 0);
  if (s.verdict == CastVerdict::kSafe) return same_family ? 0.85 : 0.5;
  return same_family ? std::max(0.55, 0.65 - penalty) : std::max(0.25, 0.35 - penalty);
}

}  // namespace godwit::sql
