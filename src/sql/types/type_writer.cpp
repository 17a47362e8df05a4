// The generic type writer: picks the write row of a dialect that best fits a canonical
// type, clamps the parameters to the row's limits, and falls back to the closest shape
// when the dialect has no such type. Which rows exist and their limits are data.
#include "sql/types/type_writer.hpp"

#include <algorithm>
#include <utility>

namespace godwit::sql {
namespace {

constexpr std::int64_t kUtf8MaxBytes = 4;

bool is_plain_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

class Writer {
 public:
  explicit Writer(const DialectTypeTable& table) : table_(table) {}

  WriteTypeResult write(const LogicalType& t, int depth) {
    if (depth > kMaxTypeNestingForWrite) return verbatim(t);
    switch (t.kind) {
      case TypeKind::kUnknown: return verbatim(t);
      case TypeKind::kBoolean: return write_boolean();
      case TypeKind::kInteger: return write_integer(t);
      case TypeKind::kDecimal: return write_decimal(t);
      case TypeKind::kFloat: return write_float(t);
      case TypeKind::kString: return write_string(t);
      case TypeKind::kBinary: return write_binary(t);
      case TypeKind::kDate:
        if (const WriteRule* r = first(Slot::kDate)) return simple(*r, LogicalType::date());
        return substitute(LogicalType::string(10), "has no DATE type; dates are stored as text");
      case TypeKind::kTime:
      case TypeKind::kTimestamp: return write_datetime(t);
      case TypeKind::kInterval: return write_interval(t);
      case TypeKind::kJson:
      case TypeKind::kVariant: return write_semi(t);
      case TypeKind::kUuid:
        if (const WriteRule* r = first(Slot::kUuid)) return simple(*r, t);
        return substitute(LogicalType::string(36, true),
                          "has no UUID type; UUIDs are stored as 36-character text");
      case TypeKind::kXml:
        if (const WriteRule* r = first(Slot::kXml)) return simple(*r, t);
        return substitute(LogicalType::text(Charset::kUnicode),
                          "has no XML type; XML is stored as text");
      case TypeKind::kGeography:
      case TypeKind::kGeometry: return write_spatial(t);
      case TypeKind::kArray: return write_array(t, depth);
      case TypeKind::kStruct: return write_struct(t, depth);
      case TypeKind::kMap: return write_map(t, depth);
      case TypeKind::kEnum: return write_enum(t);
      case TypeKind::kPeriod: return write_period(t, depth);
    }
    return verbatim(t);
  }

 private:
  static constexpr int kMaxTypeNestingForWrite = 64;

  const WriteRule* first(Slot slot) const {
    for (const WriteRule& r : table_.write) {
      if (r.slot == slot) return &r;
    }
    return nullptr;
  }

  std::vector<const WriteRule*> all(Slot slot) const {
    std::vector<const WriteRule*> out;
    for (const WriteRule& r : table_.write) {
      if (r.slot == slot) out.push_back(&r);
    }
    return out;
  }

  std::string dialect() const {
    return std::string(table_.display_name.empty() ? table_.dialect : table_.display_name);
  }

  WriteTypeResult verbatim(const LogicalType& t) { return {t, t.name, {}}; }

  WriteTypeResult simple(const WriteRule& r, LogicalType type, std::string params = {}) {
    WriteTypeResult out{std::move(type), format(r.name, params), {}};
    if (!r.loss_message.empty()) out.notes.push_back({r.loss, std::string(r.loss_message)});
    return out;
  }

  // Rewrites to `closest` and says why; `why` follows the dialect name.
  WriteTypeResult substitute(const LogicalType& closest, const std::string& why,
                             LossCode code = LossCode::kUnsupported, int depth = 0) {
    // Substitutions chain (MAP -> ARRAY<STRUCT> -> JSON text) but a table missing every
    // fallback must not loop: after a few, give the type back verbatim.
    if (++substitutions_ > kMaxSubstitutions)
      return verbatim(LogicalType::unknown(to_string(closest)));
    WriteTypeResult out = write(closest, depth + 1);
    out.notes.insert(out.notes.begin(), TypeLoss{code, dialect() + " " + why});
    return out;
  }

  static std::string format(std::string_view name, const std::string& params) {
    const std::size_t hole = name.find("{}");
    if (hole == std::string_view::npos) return std::string(name) + params;
    std::string out(name.substr(0, hole));
    out += params;
    out += name.substr(hole + 2);
    return out;
  }

  static std::string paren(std::int64_t v) { return "(" + std::to_string(v) + ")"; }

  WriteTypeResult write_boolean() {
    if (const WriteRule* r = first(Slot::kBoolean)) {
      // A row that is really a number (NUMBER(1), TINYINT(1)) says so in its loss note.
      LogicalType held = r->loss_message.empty() ? LogicalType::boolean() : LogicalType::integer(8);
      return simple(*r, held);
    }
    return substitute(LogicalType::integer(8),
                      "has no BOOLEAN type; booleans are stored as 0 and 1",
                      LossCode::kBooleanConvention);
  }

  WriteTypeResult write_integer(const LogicalType& t) {
    static constexpr Slot kSigned[] = {Slot::kInt8, Slot::kInt16, Slot::kInt32, Slot::kInt64,
                                       Slot::kInt128};
    static constexpr Slot kUnsigned[] = {Slot::kUInt8, Slot::kUInt16, Slot::kUInt32, Slot::kUInt64};
    static constexpr int kBits[] = {8, 16, 32, 64, 128};
    const int bits = std::clamp<int>(t.bits, 8, 128);
    if (t.is_unsigned) {
      for (int i = 0; i < 4; ++i) {
        if (kBits[i] < bits) continue;
        if (const WriteRule* r = first(kUnsigned[i])) {
          return simple(*r, LogicalType::integer(kBits[i], true));
        }
      }
    }
    // A signed integer strictly wider than an unsigned source keeps every value.
    for (int i = 0; i < 5; ++i) {
      if (kBits[i] < bits || (t.is_unsigned && kBits[i] == bits)) continue;
      if (const WriteRule* r = first(kSigned[i])) {
        return simple(*r, LogicalType::integer(kBits[i], false));
      }
    }
    const int digits = integer_digits(bits, t.is_unsigned);
    if (!all(Slot::kDecimal).empty()) {
      WriteTypeResult out = write_decimal(LogicalType::decimal(digits, 0));
      return out;
    }
    // No wide enough integer and no decimal: the widest integer, which loses range.
    for (int i = 4; i >= 0; --i) {
      if (const WriteRule* r = first(kSigned[i])) {
        return simple(*r, LogicalType::integer(kBits[i], false));
      }
    }
    return substitute(LogicalType::floating(64), "has no integer type");
  }

  WriteTypeResult write_decimal(const LogicalType& t) {
    const std::vector<const WriteRule*> rows = all(Slot::kDecimal);
    if (rows.empty()) {
      return substitute(LogicalType::floating(64),
                        "has no exact decimal type; DOUBLE is the closest", LossCode::kPrecision);
    }
    if (!t.precision) {
      const WriteRule& r = *rows.back();
      if (r.print == Print::kBare || r.unspecified_scale < 0) {
        return simple(r, LogicalType::decimal());
      }
      const std::int32_t s = std::min<std::int32_t>(r.unspecified_scale, r.max_scale);
      std::int32_t p = static_cast<std::int32_t>(r.max);
      if (r.max_integer_digits >= 0) p = std::min(p, r.max_integer_digits + s);
      return decimal_row(r, p, s);
    }
    std::int32_t p = std::max<std::int32_t>(*t.precision, 1);
    std::int32_t s = t.scale.value_or(0);
    for (const WriteRule* r : rows) {
      if (s < r->min_scale) continue;
      if (fits(*r, p, s)) return decimal_row(*r, p, s);
    }
    if (s < 0) {  // no row keeps a negative scale: the same integers with scale 0
      p -= s;
      s = 0;
      for (const WriteRule* r : rows) {
        if (fits(*r, p, s)) return decimal_row(*r, p, s);
      }
    }
    // Nothing fits: the widest row. When the integer part fits, keep every integer digit
    // and round the fraction (overflow is worse than rounding). When it cannot fit anyway
    // (DECIMAL(50, 10) into 38 digits), keep the declared scale: such columns rarely use
    // all their integer digits, but every value has its decimals.
    const WriteRule& r = *rows.back();
    const std::int32_t max_p = r.max < 0 ? p : static_cast<std::int32_t>(r.max);
    std::int32_t max_int = max_p;
    if (r.max_integer_digits >= 0) max_int = std::min(max_int, r.max_integer_digits);
    const std::int32_t want_int = std::max(p - s, 0);
    std::int32_t int_digits = 0;
    std::int32_t scale = 0;
    if (want_int <= max_int) {
      int_digits = want_int;
      scale = std::min(s, max_p - int_digits);
      if (r.max_scale >= 0) scale = std::min(scale, r.max_scale);
    } else {
      scale = std::min(s, max_p);
      if (r.max_scale >= 0) scale = std::min(scale, r.max_scale);
      scale = std::max(scale, 0);
      int_digits = std::min(max_int, max_p - scale);
    }
    scale = std::max(scale, 0);
    return decimal_row(r, std::max(int_digits + scale, 1), scale);
  }

  static bool fits(const WriteRule& r, std::int32_t p, std::int32_t s) {
    if (r.print == Print::kBare) return true;  // SQLite NUMERIC takes anything
    if (r.max >= 0 && p > r.max) return false;
    if (r.max_scale >= 0 && s > r.max_scale) return false;
    if (s > p && r.min_scale >= 0) return false;
    if (r.max_integer_digits >= 0 && p - s > r.max_integer_digits) return false;
    return true;
  }

  WriteTypeResult decimal_row(const WriteRule& r, std::int32_t p, std::int32_t s) {
    if (r.print == Print::kBare) return simple(r, LogicalType::decimal());
    if (r.bare_is_max && p == r.max && s == r.max_scale) {
      return simple(r, LogicalType::decimal(p, s));
    }
    return simple(r, LogicalType::decimal(p, s),
                  "(" + std::to_string(p) + ", " + std::to_string(s) + ")");
  }

  WriteTypeResult write_float(const LogicalType& t) {
    const WriteRule* r32 = first(Slot::kFloat32);
    const WriteRule* r64 = first(Slot::kFloat64);
    if (t.bits <= 32 && r32) return simple(*r32, LogicalType::floating(32));
    if (r64) return simple(*r64, LogicalType::floating(64));
    if (r32) return simple(*r32, LogicalType::floating(32));
    return substitute(LogicalType::decimal(), "has no floating-point type", LossCode::kUnsupported);
  }

  // One family of string or binary rows, ordered as the table lists them (ascending).
  struct Family {
    std::vector<const WriteRule*> rows;
    bool fixed = false;
    bool large = false;
  };

  // National (Unicode) text goes to the N types unless the plain ones hold Unicode too.
  Family family(Slot plain, Slot national, bool want_national, bool fixed, bool large) const {
    std::vector<const WriteRule*> p = all(plain);
    std::vector<const WriteRule*> n = all(national);
    const bool plain_is_unicode = !p.empty() && p.front()->unicode;
    Family f{want_national && !plain_is_unicode && !n.empty() ? n : p, fixed, large};
    if (f.rows.empty()) f.rows = n;
    return f;
  }

  // The length a row must hold for `t`, in the row's unit.
  static std::optional<std::int64_t> needed(const LogicalType& t, const WriteRule& r) {
    if (!t.length) return std::nullopt;
    std::int64_t n = *t.length;
    // Oracle-style rows say CHAR or BYTE themselves; code-page byte types store one byte
    // per character; only UTF-8 byte lengths need room for multi-byte characters.
    if (r.print == Print::kLengthUnit) return n;
    if (t.kind == TypeKind::kString && t.unit == LengthUnit::kCharacters &&
        r.unit == LengthUnit::kBytes && r.unicode) {
      n = n > (std::int64_t{1} << 40) ? n : n * kUtf8MaxBytes;
    }
    return n;
  }

  WriteTypeResult write_sized(const LogicalType& t, std::vector<Family> families) {
    // The first row of the first family that holds every value; else the last row of the
    // last non-empty family, clamped (cast_safety then reports the truncation).
    const WriteRule* chosen = nullptr;
    const Family* chosen_family = nullptr;
    for (const Family& f : families) {
      for (const WriteRule* r : f.rows) {
        const auto need = needed(t, *r);
        const bool unbounded_row = r->max < 0;
        if ((need && (unbounded_row || *need <= r->max)) || (!need && unbounded_row)) {
          chosen = r;
          chosen_family = &f;
          break;
        }
      }
      if (chosen) break;
    }
    if (!chosen) {
      for (auto it = families.rbegin(); it != families.rend() && !chosen; ++it) {
        if (!it->rows.empty()) {
          chosen = it->rows.back();
          chosen_family = &*it;
        }
      }
    }
    if (!chosen) return substitute(LogicalType::unknown("VARCHAR"), "has no such type");
    const WriteRule& r = *chosen;
    LogicalType held = t;
    held.fixed = chosen_family->fixed;
    held.large = chosen_family->large;
    held.unit = t.kind == TypeKind::kBinary ? LengthUnit::kBytes : r.unit;
    if (t.kind == TypeKind::kString) {
      const bool unicode = r.unicode || r.slot == Slot::kNChar || r.slot == Slot::kNVarchar ||
                           r.slot == Slot::kNText;
      held.charset = unicode ? Charset::kUnicode : Charset::kDefault;
    }
    std::optional<std::int64_t> need = needed(t, r);
    std::string params;
    if (r.print == Print::kBare) {
      held.length = r.max < 0 ? std::nullopt : std::optional<std::int64_t>(r.max);
    } else if (!need || (r.max >= 0 && *need > r.max)) {
      held.length = r.max < 0 ? std::nullopt : std::optional<std::int64_t>(r.max);
      if (r.print == Print::kLengthOrMax && need) {
        params = "(MAX)";
        held.large = true;
        held.length.reset();
      } else if (r.max >= 0 && r.bare_default != r.max) {
        params = paren(r.max);
      }
    } else {
      held.length = need;
      if (*need != r.bare_default || r.print == Print::kLengthUnit) {
        params = "(" + std::to_string(*need);
        if (r.print == Print::kLengthUnit) {
          params += t.unit == LengthUnit::kBytes ? " BYTE" : " CHAR";
          held.unit = t.unit;
          held.length = *t.length;
        }
        params += ")";
      }
    }
    if (held.kind == TypeKind::kString && !held.length) held.unit = LengthUnit::kCharacters;
    WriteTypeResult out = simple(r, std::move(held), params);
    if (r.print == Print::kLengthUnit && t.unit == LengthUnit::kCharacters && t.length &&
        r.max >= 0 && *t.length * kUtf8MaxBytes > r.max) {
      out.notes.push_back(
          {LossCode::kCharset, std::string(r.name) + "(" + std::to_string(*t.length) +
                                   " CHAR) is still limited to " + std::to_string(r.max) +
                                   " bytes; multi-byte text may not fit"});
    }
    return out;
  }

  WriteTypeResult write_string(const LogicalType& t) {
    const bool nat = t.charset == Charset::kUnicode;
    Family fixed = family(Slot::kChar, Slot::kNChar, nat, true, false);
    Family var = family(Slot::kVarchar, Slot::kNVarchar, nat, false, false);
    Family text = family(Slot::kText, Slot::kNText, nat, false, true);
    if (t.fixed && t.length) return write_sized(t, {fixed, var, text});
    if (t.large || !t.length) {
      if (text.rows.empty()) return write_sized(t, {var});
      return write_sized(t, {text});
    }
    return write_sized(t, {var, text});
  }

  WriteTypeResult write_binary(const LogicalType& t) {
    Family fixed{all(Slot::kBinary), true, false};
    Family var{all(Slot::kVarbinary), false, false};
    Family blob{all(Slot::kBlob), false, true};
    if (t.fixed && t.length) return write_sized(t, {fixed, var, blob});
    if (t.large || !t.length) {
      if (blob.rows.empty()) return write_sized(t, {var});
      return write_sized(t, {blob});
    }
    return write_sized(t, {var, blob});
  }

  WriteTypeResult write_datetime(const LogicalType& t) {
    const bool is_time = t.kind == TypeKind::kTime;
    std::vector<Slot> order;
    if (is_time) {
      if (t.time_zone != TimeZoneKind::kNone) order.push_back(Slot::kTimeTz);
      order.push_back(Slot::kTime);
    } else if (t.time_zone == TimeZoneKind::kWithTimeZone) {
      order = {Slot::kTimestampTz, Slot::kTimestampLtz, Slot::kTimestamp};
    } else if (t.time_zone == TimeZoneKind::kWithLocalTimeZone) {
      order = {Slot::kTimestampLtz, Slot::kTimestampTz, Slot::kTimestamp};
    } else {
      order = {Slot::kTimestamp, Slot::kTimestampLtz};
    }
    const std::int32_t wanted = t.precision.value_or(6);
    const WriteRule* r = nullptr;
    for (Slot s : order) {
      // Several rows per slot go from narrow to wide (Oracle DATE, then TIMESTAMP).
      for (const WriteRule* row : all(s)) {
        r = row;
        if (row->max < 0 || wanted <= row->max) break;
      }
      if (r != nullptr) break;
    }
    if (r == nullptr) {
      if (is_time) {
        // HH:MM:SS.fffffffff and an optional +HH:MM offset
        return substitute(LogicalType::string(t.time_zone == TimeZoneKind::kNone ? 18 : 24),
                          "has no TIME type; times are stored as text");
      }
      return substitute(LogicalType::string(35),
                        "has no TIMESTAMP type; timestamps are stored as text");
    }
    LogicalType held = t;
    switch (r->slot) {
      case Slot::kTimeTz:
      case Slot::kTimestampTz: held.time_zone = TimeZoneKind::kWithTimeZone; break;
      case Slot::kTimestampLtz: held.time_zone = TimeZoneKind::kWithLocalTimeZone; break;
      default: held.time_zone = TimeZoneKind::kNone; break;
    }
    // Unspecified precision means "the source's default", which the reader already
    // made explicit; here it can only come from hand-built types: keep the row's bare.
    std::int64_t p =
        t.precision.value_or(static_cast<std::int32_t>(r->bare_default >= 0 ? r->bare_default : 6));
    if (r->max >= 0 && p > r->max) p = r->max;
    held.precision = static_cast<std::int32_t>(p);
    std::string params;
    if (r->print == Print::kFraction && p != r->bare_default) params = paren(p);
    if (r->print == Print::kBare)
      held.precision = static_cast<std::int32_t>(r->bare_default >= 0 ? r->bare_default : p);
    return simple(*r, std::move(held), params);
  }

  WriteTypeResult write_interval(const LogicalType& t) {
    const bool year_month =
        t.from_field == IntervalField::kYear || t.from_field == IntervalField::kMonth;
    const WriteRule* r = first(year_month ? Slot::kIntervalYearMonth : Slot::kIntervalDayTime);
    if (t.from_field == IntervalField::kNone && r == nullptr) r = first(Slot::kIntervalYearMonth);
    if (r == nullptr) {
      return substitute(LogicalType::string(64),
                        "has no INTERVAL type for this interval; it is stored as text");
    }
    LogicalType held = t;
    std::string params;
    IntervalField from = t.from_field;
    IntervalField to = t.to_field;
    if (r->print == Print::kBare ||
        (r->print == Print::kIntervalFields && from == IntervalField::kNone)) {
      held = LogicalType::interval();  // one INTERVAL type holds every interval
      return simple(*r, std::move(held));
    }
    if (r->print == Print::kIntervalTwoKinds) {
      if (year_month) {
        from = IntervalField::kYear;
        to = IntervalField::kMonth;
      } else {
        from = IntervalField::kDay;
        to = IntervalField::kSecond;
      }
      if (t.from_field != from && t.from_field != IntervalField::kNone) held.precision.reset();
    }
    if (from == IntervalField::kNone) {
      from = year_month ? IntervalField::kYear : IntervalField::kDay;
      to = year_month ? IntervalField::kMonth : IntervalField::kSecond;
    }
    held.from_field = from;
    held.to_field = to;
    params = " ";
    params += to_string(from);
    const bool ansi = r->print == Print::kIntervalAnsi || r->print == Print::kIntervalTwoKinds;
    if (ansi && held.precision) params += paren(*held.precision);
    if (to != IntervalField::kNone && to != from) {
      params += " TO ";
      params += to_string(to);
    }
    if (ansi && t.scale && (to == IntervalField::kSecond || from == IntervalField::kSecond)) {
      std::int64_t s = *t.scale;
      if (r->max >= 0 && s > r->max) s = r->max;
      held.scale = static_cast<std::int32_t>(s);
      params += paren(s);
    }
    if (!ansi) {
      held.precision.reset();
      held.scale.reset();
    }
    return simple(*r, std::move(held), params);
  }

  // A value with no typed home: the dialect's JSON or VARIANT, else text.
  WriteTypeResult write_semi(const LogicalType& t) {
    const Slot want = t.kind == TypeKind::kJson ? Slot::kJson : Slot::kVariant;
    const Slot other = t.kind == TypeKind::kJson ? Slot::kVariant : Slot::kJson;
    if (const WriteRule* r = first(want)) return simple(*r, t);
    if (const WriteRule* r = first(other))
      return simple(
          *r, LogicalType::simple(r->slot == Slot::kJson ? TypeKind::kJson : TypeKind::kVariant));
    return substitute(LogicalType::text(Charset::kUnicode),
                      std::string("has no ") + (t.kind == TypeKind::kJson ? "JSON" : "VARIANT") +
                          " type; values are stored as JSON text");
  }

  // A typed composite without a typed home: semi-structured, noted.
  WriteTypeResult untyped(const LogicalType& t, std::string_view what) {
    const WriteRule* r = first(Slot::kVariant);
    if (r == nullptr) r = first(Slot::kJson);
    std::string why = "has no typed " + std::string(what) + "; " + to_string(t) + " is stored as ";
    if (r == nullptr) {
      return substitute(LogicalType::text(Charset::kUnicode), why + "JSON text",
                        LossCode::kSemiStructured);
    }
    WriteTypeResult out = simple(*r, t);  // the value survives; the typing may not
    if (t.has_typed_contents()) {
      out.notes.insert(out.notes.begin(),
                       TypeLoss{LossCode::kSemiStructured, dialect() + " " + why + out.text});
    }
    return out;
  }

  std::string field_name(std::string_view name) const {
    if (is_plain_identifier(name)) return std::string(name);
    const char q = table_.identifier_quote;
    std::string out(1, q);
    for (char c : name) {
      if (c == q) out += q;
      out += c;
    }
    out += q;
    return out;
  }

  void take_notes(WriteTypeResult& out, WriteTypeResult&& inner) {
    for (TypeLoss& n : inner.notes) out.notes.push_back(std::move(n));
  }

  WriteTypeResult write_array(const LogicalType& t, int depth) {
    const WriteRule* r = first(Slot::kArray);
    const LogicalType* e = t.element();
    if (r == nullptr || e == nullptr) return untyped(t, "ARRAY");
    if (!table_.nested_arrays && e->kind == TypeKind::kArray) {
      return substitute(LogicalType::array(LogicalType::structure({{"element", *e}})),
                        "cannot nest arrays directly; the inner array is wrapped in a STRUCT",
                        LossCode::kUnsupported, depth);
    }
    if (r->print == Print::kBare) {  // an untyped ARRAY (Snowflake)
      WriteTypeResult out = simple(*r, t);
      if (e->kind != TypeKind::kVariant) {
        out.notes.push_back({LossCode::kSemiStructured, dialect() + " " + std::string(r->name) +
                                                            " does not enforce its element type " +
                                                            to_string(*e)});
      }
      return out;
    }
    WriteTypeResult inner = write(*e, depth + 1);
    if ((inner.type.kind == TypeKind::kJson || inner.type.kind == TypeKind::kVariant) &&
        e->kind != TypeKind::kJson && e->kind != TypeKind::kVariant) {
      return untyped(t, "ARRAY element");  // JSONB[] helps nobody: one JSON value instead
    }
    std::string text;
    switch (r->print) {
      case Print::kBrackets: text = inner.text + "[]"; break;
      case Print::kSuffixArray: text = inner.text + " ARRAY"; break;
      default: text = format(r->name, "<" + inner.text + ">"); break;
    }
    WriteTypeResult out{LogicalType::array(inner.type), std::move(text), {}};
    if (!r->loss_message.empty()) out.notes.push_back({r->loss, std::string(r->loss_message)});
    take_notes(out, std::move(inner));
    return out;
  }

  WriteTypeResult write_struct(const LogicalType& t, int depth) {
    const WriteRule* r = first(Slot::kStruct);
    if (r == nullptr) return untyped(t, "STRUCT");
    if (r->print == Print::kBare) {
      WriteTypeResult out = simple(*r, t);
      out.notes.push_back({LossCode::kSemiStructured, dialect() + " " + std::string(r->name) +
                                                          " does not enforce the field types of " +
                                                          to_string(t)});
      return out;
    }
    std::vector<StructField> held_fields;
    std::string body;
    WriteTypeResult out;
    const std::string_view sep = r->print == Print::kFieldsTight ? "," : ", ";
    const std::string_view colon = r->print == Print::kFieldsColon   ? ": "
                                   : r->print == Print::kFieldsTight ? ":"
                                                                     : " ";
    if (t.fields) {
      for (const StructField& f : *t.fields) {
        WriteTypeResult inner = write(f.type, depth + 1);
        if (!body.empty()) body += sep;
        if (!f.name.empty()) {
          body += field_name(f.name);
          body += colon;
        }
        body += inner.text;
        held_fields.push_back({f.name, inner.type});
        take_notes(out, std::move(inner));
      }
    }
    out.type = LogicalType::structure(std::move(held_fields));
    out.text = r->print == Print::kRowParens ? format(r->name, "(" + body + ")")
                                             : format(r->name, "<" + body + ">");
    if (!r->loss_message.empty()) {
      out.notes.insert(out.notes.begin(), {r->loss, std::string(r->loss_message)});
    }
    return out;
  }

  WriteTypeResult write_map(const LogicalType& t, int depth) {
    const WriteRule* r = first(Slot::kMap);
    if (!t.fields || t.fields->size() != 2) return untyped(t, "MAP");
    const LogicalType& key = (*t.fields)[0].type;
    const LogicalType& value = (*t.fields)[1].type;
    const bool untyped_values = value.kind == TypeKind::kVariant || value.kind == TypeKind::kJson;
    if (r == nullptr && untyped_values && (first(Slot::kJson) || first(Slot::kVariant))) {
      return untyped(t, "MAP");  // an OBJECT of variants is a JSON object
    }
    if (r == nullptr) {
      if (first(Slot::kArray) && first(Slot::kStruct) &&
          first(Slot::kStruct)->print != Print::kBare) {
        return substitute(
            LogicalType::array(LogicalType::structure({{"key", key}, {"value", value}})),
            "has no MAP type; a map is stored as an array of key/value structs",
            LossCode::kUnsupported, depth);
      }
      return untyped(t, "MAP");
    }
    if (r->print == Print::kBare) {
      WriteTypeResult out = simple(*r, t);
      if (!untyped_values || key.kind != TypeKind::kString) {
        out.notes.push_back({LossCode::kSemiStructured,
                             dialect() + " " + std::string(r->name) +
                                 " does not enforce the key and value types of " + to_string(t)});
      }
      return out;
    }
    WriteTypeResult k = write(key, depth + 1);
    WriteTypeResult v = write(value, depth + 1);
    WriteTypeResult out{
        LogicalType::map(k.type, v.type), format(r->name, "<" + k.text + ", " + v.text + ">"), {}};
    take_notes(out, std::move(k));
    take_notes(out, std::move(v));
    return out;
  }

  WriteTypeResult write_spatial(const LogicalType& t) {
    const bool geo = t.kind == TypeKind::kGeography;
    if (const WriteRule* r = first(geo ? Slot::kGeography : Slot::kGeometry)) return simple(*r, t);
    if (const WriteRule* r = first(geo ? Slot::kGeometry : Slot::kGeography)) {
      WriteTypeResult out =
          simple(*r, LogicalType::simple(geo ? TypeKind::kGeometry : TypeKind::kGeography));
      out.notes.insert(
          out.notes.begin(),
          TypeLoss{LossCode::kUnsupported,
                   dialect() + " has no " + (geo ? "GEOGRAPHY" : "GEOMETRY") + " type; " +
                       std::string(r->name) + (geo ? " is planar" : " is spherical (WGS84)") +
                       ", so distances and areas differ"});
      return out;
    }
    return substitute(LogicalType::text(), std::string("has no spatial type; ") +
                                               (geo ? "GEOGRAPHY" : "GEOMETRY") +
                                               " values are stored as WKT text");
  }

  WriteTypeResult write_enum(const LogicalType& t) {
    const WriteRule* r = first(Slot::kEnum);
    if (r != nullptr && r->print == Print::kEnumValues && t.values && !t.values->empty()) {
      std::string params = "(";
      for (std::size_t i = 0; i < t.values->size(); ++i) {
        if (i > 0) params += ", ";
        params += '\'';
        for (char c : (*t.values)[i]) {
          if (c == '\'') params += '\'';
          params += c;
        }
        params += '\'';
      }
      params += ')';
      const std::string_view name = t.is_set ? std::string_view("SET") : r->name;
      return {t, std::string(name) + params, {}};
    }
    std::int64_t longest = 1;
    if (t.values) {
      std::int64_t total = 0;
      for (const std::string& v : *t.values) {
        longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(v.size()));
        total += static_cast<std::int64_t>(v.size()) + 1;
      }
      if (t.is_set) longest = std::max<std::int64_t>(total, 1);
    }
    const bool known_values = t.values && !t.values->empty();
    return substitute(known_values ? LogicalType::string(longest) : LogicalType::text(),
                      std::string("has no inline ") + (t.is_set ? "SET" : "ENUM") +
                          " type; values are stored as text and no longer restricted",
                      LossCode::kDomain);
  }

  WriteTypeResult write_period(const LogicalType& t, int depth) {
    const LogicalType bound = t.element() ? *t.element() : LogicalType::timestamp(6);
    if (const WriteRule* r = first(Slot::kPeriod)) {
      WriteTypeResult inner = write(bound, depth + 1);
      const std::string body =
          r->print == Print::kAngle ? "<" + inner.text + ">" : "(" + inner.text + ")";
      WriteTypeResult out{LogicalType::period(inner.type), format(r->name, body), {}};
      take_notes(out, std::move(inner));
      return out;
    }
    const WriteRule* s = first(Slot::kStruct);
    if (s != nullptr && s->print != Print::kBare) {
      return substitute(LogicalType::structure({{"period_begin", bound}, {"period_end", bound}}),
                        "has no PERIOD type; it is stored as a struct of its two bounds",
                        LossCode::kUnsupported, depth);
    }
    return substitute(LogicalType::string(64),
                      "has no PERIOD type; it is stored as text (or split it into two columns)",
                      LossCode::kUnsupported, depth);
  }

  static constexpr int kMaxSubstitutions = 16;
  const DialectTypeTable& table_;
  int substitutions_ = 0;
};

}  // namespace

WriteTypeResult write_type(const LogicalType& type, const DialectTypeTable& table) {
  Writer writer(table);
  WriteTypeResult out = writer.write(type, 0);
  const bool said = std::any_of(out.notes.begin(), out.notes.end(),
                                [&](const TypeLoss& l) { return l.code == table.write_note_code; });
  if (!table.write_note.empty() && !said) {
    out.notes.push_back({table.write_note_code, std::string(table.write_note)});
  }
  return out;
}

}  // namespace godwit::sql
