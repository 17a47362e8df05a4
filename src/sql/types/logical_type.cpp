// Construction, comparison and canonical printing of LogicalType; STRUCT members by path
// (struct_member.hpp).
#include "sql/types/logical_type.hpp"

#include <utility>

#include "core/text.hpp"
#include "sql/types/struct_member.hpp"

namespace godwit::sql {
namespace {

template <typename T>
bool same_shared(const std::shared_ptr<const T>& a, const std::shared_ptr<const T>& b) {
  if (a == b) return true;
  if (!a || !b) return (!a || a->empty()) && (!b || b->empty());
  return *a == *b;
}

void append_int(std::string& out, std::int64_t value) {
  out += std::to_string(value);
}

void append_quoted(std::string& out, std::string_view value) {
  out += '\'';
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
}

void print(std::string& out, const LogicalType& t);

// Field names that are not plain identifiers are back-quoted so the text reads back.
void append_field_name(std::string& out, std::string_view name) {
  bool plain = !name.empty();
  for (std::size_t i = 0; i < name.size() && plain; ++i) {
    const char c = name[i];
    plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
            (i > 0 && c >= '0' && c <= '9');
  }
  if (plain) {
    out += name;
    return;
  }
  out += '`';
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
}

void print_precision_suffix(std::string& out, const std::optional<std::int32_t>& p) {
  if (!p) return;
  out += '(';
  append_int(out, *p);
  out += ')';
}

void print_time_zone(std::string& out, TimeZoneKind tz) {
  if (tz == TimeZoneKind::kWithTimeZone) out += " WITH TIME ZONE";
  if (tz == TimeZoneKind::kWithLocalTimeZone) out += " WITH LOCAL TIME ZONE";
}

void print_string(std::string& out, const LogicalType& t) {
  if (t.charset == Charset::kUnicode) out += 'N';
  if (t.fixed) {
    out += "CHAR";
  } else if (t.large) {
    out += "TEXT";
  } else {
    out += "VARCHAR";
  }
  if (t.length) {
    out += '(';
    append_int(out, *t.length);
    if (t.unit == LengthUnit::kBytes) out += " BYTES";
    out += ')';
  }
}

void print_binary(std::string& out, const LogicalType& t) {
  out += t.fixed ? "BINARY" : (t.large ? "BLOB" : "VARBINARY");
  if (t.length) {
    out += '(';
    append_int(out, *t.length);
    out += ')';
  }
}

void print_interval(std::string& out, const LogicalType& t) {
  out += "INTERVAL";
  if (t.from_field == IntervalField::kNone) {
    print_precision_suffix(out, t.scale);  // PostgreSQL INTERVAL(p)
    return;
  }
  out += ' ';
  out += to_string(t.from_field);
  if (t.from_field == IntervalField::kSecond && t.to_field == IntervalField::kNone && t.scale) {
    out += '(';
    append_int(out, t.precision.value_or(2));
    out += ", ";
    append_int(out, *t.scale);
    out += ')';
    return;
  }
  print_precision_suffix(out, t.precision);
  if (t.to_field != IntervalField::kNone && t.to_field != t.from_field) {
    out += " TO ";
    out += to_string(t.to_field);
    if (t.to_field == IntervalField::kSecond) print_precision_suffix(out, t.scale);
  }
}

void print(std::string& out, const LogicalType& t) {
  switch (t.kind) {
    case TypeKind::kUnknown:
      out += "unknown(";
      out += t.name;
      out += ')';
      return;
    case TypeKind::kBoolean: out += "BOOLEAN"; return;
    case TypeKind::kInteger:
      out += t.is_unsigned ? "UINT" : "INT";
      append_int(out, t.bits);
      return;
    case TypeKind::kDecimal:
      out += "DECIMAL";
      if (t.precision || t.scale) {
        out += '(';
        if (t.precision) {
          append_int(out, *t.precision);
        } else {
          out += '*';
        }
        out += ", ";
        append_int(out, t.scale.value_or(0));
        out += ')';
      }
      return;
    case TypeKind::kFloat:
      out += "FLOAT";
      append_int(out, t.bits);
      return;
    case TypeKind::kString: print_string(out, t); return;
    case TypeKind::kBinary: print_binary(out, t); return;
    case TypeKind::kDate: out += "DATE"; return;
    case TypeKind::kTime:
    case TypeKind::kTimestamp:
      out += t.kind == TypeKind::kTime ? "TIME" : "TIMESTAMP";
      print_precision_suffix(out, t.precision);
      print_time_zone(out, t.time_zone);
      return;
    case TypeKind::kInterval: print_interval(out, t); return;
    case TypeKind::kJson: out += "JSON"; return;
    case TypeKind::kVariant: out += "VARIANT"; return;
    case TypeKind::kUuid: out += "UUID"; return;
    case TypeKind::kXml: out += "XML"; return;
    case TypeKind::kGeography: out += "GEOGRAPHY"; return;
    case TypeKind::kGeometry: out += "GEOMETRY"; return;
    case TypeKind::kArray:
    case TypeKind::kPeriod:
      out += t.kind == TypeKind::kArray ? "ARRAY<" : "PERIOD<";
      if (const LogicalType* e = t.element()) {
        print(out, *e);
      } else {
        out += "unknown()";
      }
      out += '>';
      return;
    case TypeKind::kMap:
      out += "MAP<";
      if (t.fields && t.fields->size() == 2) {
        print(out, (*t.fields)[0].type);
        out += ", ";
        print(out, (*t.fields)[1].type);
      }
      out += '>';
      return;
    case TypeKind::kStruct: {
      out += "STRUCT<";
      bool first = true;
      if (t.fields) {
        for (const StructField& f : *t.fields) {
          if (!first) out += ", ";
          first = false;
          if (!f.name.empty()) {
            append_field_name(out, f.name);
            out += ' ';
          }
          print(out, f.type);
        }
      }
      out += '>';
      return;
    }
    case TypeKind::kEnum: {
      out += t.is_set ? "SET(" : "ENUM(";
      bool first = true;
      if (t.values) {
        for (const std::string& v : *t.values) {
          if (!first) out += ", ";
          first = false;
          append_quoted(out, v);
        }
      }
      out += ')';
      return;
    }
  }
}

}  // namespace

LogicalType LogicalType::unknown(std::string_view text) {
  LogicalType t;
  t.name = std::string(text);
  return t;
}

LogicalType LogicalType::boolean() {
  return simple(TypeKind::kBoolean);
}

LogicalType LogicalType::integer(int bits, bool is_unsigned) {
  LogicalType t;
  t.kind = TypeKind::kInteger;
  t.bits = static_cast<std::uint8_t>(bits);
  t.is_unsigned = is_unsigned;
  return t;
}

LogicalType LogicalType::decimal(std::optional<std::int32_t> precision,
                                 std::optional<std::int32_t> scale) {
  LogicalType t;
  t.kind = TypeKind::kDecimal;
  t.precision = precision;
  t.scale = scale;
  if (precision && !scale) t.scale = 0;
  return t;
}

LogicalType LogicalType::floating(int bits) {
  LogicalType t;
  t.kind = TypeKind::kFloat;
  t.bits = static_cast<std::uint8_t>(bits);
  return t;
}

LogicalType LogicalType::string(std::optional<std::int64_t> length, bool fixed, LengthUnit unit,
                                Charset charset) {
  LogicalType t;
  t.kind = TypeKind::kString;
  t.length = length;
  t.fixed = fixed;
  t.unit = unit;
  t.charset = charset;
  return t;
}

LogicalType LogicalType::text(Charset charset) {
  LogicalType t = string(std::nullopt, false, LengthUnit::kCharacters, charset);
  t.large = true;
  return t;
}

LogicalType LogicalType::binary(std::optional<std::int64_t> length, bool fixed) {
  LogicalType t;
  t.kind = TypeKind::kBinary;
  t.length = length;
  t.fixed = fixed;
  t.unit = LengthUnit::kBytes;
  return t;
}

LogicalType LogicalType::date() {
  return simple(TypeKind::kDate);
}

LogicalType LogicalType::time(std::optional<std::int32_t> precision, TimeZoneKind time_zone) {
  LogicalType t;
  t.kind = TypeKind::kTime;
  t.precision = precision;
  t.time_zone = time_zone;
  return t;
}

LogicalType LogicalType::timestamp(std::optional<std::int32_t> precision, TimeZoneKind time_zone) {
  LogicalType t = time(precision, time_zone);
  t.kind = TypeKind::kTimestamp;
  return t;
}

LogicalType LogicalType::interval(IntervalField from, IntervalField to) {
  LogicalType t;
  t.kind = TypeKind::kInterval;
  t.from_field = from;
  t.to_field = to;
  return t;
}

LogicalType LogicalType::simple(TypeKind kind) {
  LogicalType t;
  t.kind = kind;
  return t;
}

LogicalType LogicalType::array(LogicalType element) {
  LogicalType t;
  t.kind = TypeKind::kArray;
  t.fields = std::make_shared<const std::vector<StructField>>(
      std::vector<StructField>{StructField{"", std::move(element)}});
  return t;
}

LogicalType LogicalType::structure(std::vector<StructField> fields) {
  LogicalType t;
  t.kind = TypeKind::kStruct;
  t.fields = std::make_shared<const std::vector<StructField>>(std::move(fields));
  return t;
}

LogicalType LogicalType::map(LogicalType key, LogicalType value) {
  LogicalType t;
  t.kind = TypeKind::kMap;
  t.fields = std::make_shared<const std::vector<StructField>>(std::vector<StructField>{
      StructField{"key", std::move(key)}, StructField{"value", std::move(value)}});
  return t;
}

LogicalType LogicalType::enumeration(std::vector<std::string> values, bool is_set,
                                     std::string_view type_name) {
  LogicalType t;
  t.kind = TypeKind::kEnum;
  t.is_set = is_set;
  t.name = std::string(type_name);
  t.values = std::make_shared<const std::vector<std::string>>(std::move(values));
  return t;
}

LogicalType LogicalType::period(LogicalType bound) {
  LogicalType t = array(std::move(bound));
  t.kind = TypeKind::kPeriod;
  return t;
}

const LogicalType* LogicalType::element() const {
  if ((kind != TypeKind::kArray && kind != TypeKind::kPeriod) || !fields || fields->empty()) {
    return nullptr;
  }
  return &(*fields)[0].type;
}

bool LogicalType::is_numeric() const {
  return kind == TypeKind::kInteger || kind == TypeKind::kDecimal || kind == TypeKind::kFloat;
}

bool LogicalType::is_temporal() const {
  return kind == TypeKind::kDate || kind == TypeKind::kTime || kind == TypeKind::kTimestamp;
}

bool LogicalType::is_composite() const {
  return kind == TypeKind::kArray || kind == TypeKind::kStruct || kind == TypeKind::kMap;
}

bool LogicalType::has_typed_contents() const {
  auto untyped = [](const LogicalType& x) {
    return x.kind == TypeKind::kVariant || x.kind == TypeKind::kJson;
  };
  if (kind == TypeKind::kArray) return element() != nullptr && !untyped(*element());
  if (kind == TypeKind::kMap && fields && fields->size() == 2) {
    return (*fields)[0].type.kind != TypeKind::kString || !untyped((*fields)[1].type);
  }
  return is_composite();
}

bool operator==(const LogicalType& a, const LogicalType& b) {
  return a.kind == b.kind && a.bits == b.bits && a.is_unsigned == b.is_unsigned &&
         a.fixed == b.fixed && a.large == b.large && a.is_set == b.is_set && a.unit == b.unit &&
         a.charset == b.charset && a.time_zone == b.time_zone && a.from_field == b.from_field &&
         a.to_field == b.to_field && a.precision == b.precision && a.scale == b.scale &&
         a.length == b.length && a.name == b.name && same_shared(a.fields, b.fields) &&
         same_shared(a.values, b.values);
}

std::string to_string(const LogicalType& type) {
  std::string out;
  print(out, type);
  return out;
}

std::string_view to_string(TypeKind kind) {
  switch (kind) {
    case TypeKind::kUnknown: return "unknown";
    case TypeKind::kBoolean: return "boolean";
    case TypeKind::kInteger: return "integer";
    case TypeKind::kDecimal: return "decimal";
    case TypeKind::kFloat: return "float";
    case TypeKind::kString: return "string";
    case TypeKind::kBinary: return "binary";
    case TypeKind::kDate: return "date";
    case TypeKind::kTime: return "time";
    case TypeKind::kTimestamp: return "timestamp";
    case TypeKind::kInterval: return "interval";
    case TypeKind::kJson: return "json";
    case TypeKind::kVariant: return "variant";
    case TypeKind::kUuid: return "uuid";
    case TypeKind::kXml: return "xml";
    case TypeKind::kArray: return "array";
    case TypeKind::kStruct: return "struct";
    case TypeKind::kMap: return "map";
    case TypeKind::kGeography: return "geography";
    case TypeKind::kGeometry: return "geometry";
    case TypeKind::kEnum: return "enum";
    case TypeKind::kPeriod: return "period";
  }
  return "unknown";
}

std::string_view to_string(IntervalField field) {
  switch (field) {
    case IntervalField::kNone: return "";
    case IntervalField::kYear: return "YEAR";
    case IntervalField::kMonth: return "MONTH";
    case IntervalField::kDay: return "DAY";
    case IntervalField::kHour: return "HOUR";
    case IntervalField::kMinute: return "MINUTE";
    case IntervalField::kSecond: return "SECOND";
  }
  return "";
}

int integer_digits(int bits, bool is_unsigned) {
  switch (bits) {
    case 8: return 3;
    case 16: return 5;
    case 32: return 10;
    case 64: return is_unsigned ? 20 : 19;
    default: return 39;
  }
}

const StructField* find_struct_member(const LogicalType& type, std::string_view path,
                                      std::string* spelled) {
  const LogicalType* current = &type;
  const StructField* found = nullptr;
  if (spelled) spelled->clear();
  while (!path.empty()) {
    if (current->kind != TypeKind::kStruct || !current->fields) return nullptr;
    const std::size_t dot = path.find('.');
    const std::string_view step = path.substr(0, dot);
    found = nullptr;
    for (const StructField& field : *current->fields)
      if (iequals(field.name, step)) found = &field;
    if (!found) return nullptr;
    if (spelled) *spelled += (spelled->empty() ? "" : ".") + found->name;
    current = &found->type;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return found;
}

}  // namespace godwit::sql
