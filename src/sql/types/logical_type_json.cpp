// JSON encoding of LogicalType and friends. Optional members are omitted when unset so
// the form stays small and adding members never breaks readers.
#include "sql/types/logical_type_json.hpp"

#include <array>
#include <utility>

namespace godwit::sql {
namespace {

constexpr std::array<TypeKind, 22> kKinds = {
    TypeKind::kUnknown, TypeKind::kBoolean,   TypeKind::kInteger,   TypeKind::kDecimal,
    TypeKind::kFloat,   TypeKind::kString,    TypeKind::kBinary,    TypeKind::kDate,
    TypeKind::kTime,    TypeKind::kTimestamp, TypeKind::kInterval,  TypeKind::kJson,
    TypeKind::kVariant, TypeKind::kUuid,      TypeKind::kXml,       TypeKind::kArray,
    TypeKind::kStruct,  TypeKind::kMap,       TypeKind::kGeography, TypeKind::kGeometry,
    TypeKind::kEnum,    TypeKind::kPeriod,
};

std::string_view time_zone_name(TimeZoneKind tz) {
  switch (tz) {
    case TimeZoneKind::kNone: return "none";
    case TimeZoneKind::kWithTimeZone: return "with_time_zone";
    case TimeZoneKind::kWithLocalTimeZone: return "with_local_time_zone";
  }
  return "none";
}

IntervalField field_from(std::string_view name) {
  for (IntervalField f : {IntervalField::kYear, IntervalField::kMonth, IntervalField::kDay,
                          IntervalField::kHour, IntervalField::kMinute, IntervalField::kSecond}) {
    if (to_string(f) == name) return f;
  }
  return IntervalField::kNone;
}

template <typename T>
std::optional<T> optional_number(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<T>();
}

}  // namespace

nlohmann::json to_json(const LogicalType& t) {
  nlohmann::json j;
  j["kind"] = std::string(to_string(t.kind));
  j["text"] = to_string(t);
  switch (t.kind) {
    case TypeKind::kInteger:
      j["bits"] = t.bits;
      j["unsigned"] = t.is_unsigned;
      break;
    case TypeKind::kFloat: j["bits"] = t.bits; break;
    case TypeKind::kString:
    case TypeKind::kBinary:
      j["fixed"] = t.fixed;
      j["large"] = t.large;
      if (t.length) j["length"] = *t.length;
      if (t.kind == TypeKind::kString) {
        j["length_unit"] = t.unit == LengthUnit::kBytes ? "bytes" : "characters";
        j["unicode"] = t.charset == Charset::kUnicode;
      }
      break;
    case TypeKind::kTime:
    case TypeKind::kTimestamp: j["time_zone"] = std::string(time_zone_name(t.time_zone)); break;
    case TypeKind::kInterval:
      if (t.from_field != IntervalField::kNone) j["from"] = std::string(to_string(t.from_field));
      if (t.to_field != IntervalField::kNone) j["to"] = std::string(to_string(t.to_field));
      break;
    case TypeKind::kUnknown:
    case TypeKind::kEnum:
      if (!t.name.empty() || t.kind == TypeKind::kUnknown) j["name"] = t.name;
      if (t.kind == TypeKind::kEnum) {
        j["set"] = t.is_set;
        j["values"] = t.values ? *t.values : std::vector<std::string>{};
      }
      break;
    default: break;
  }
  if (t.precision) j["precision"] = *t.precision;
  if (t.scale) j["scale"] = *t.scale;
  if (t.fields) {
    nlohmann::json fields = nlohmann::json::array();
    for (const StructField& f : *t.fields) {
      fields.push_back({{"name", f.name}, {"type", to_json(f.type)}});
    }
    j["fields"] = std::move(fields);
  }
  return j;
}

LogicalType logical_type_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
    return LogicalType::unknown(j.dump());
  }
  const std::string kind = j["kind"].get<std::string>();
  LogicalType t;
  bool found = false;
  for (TypeKind k : kKinds) {
    if (to_string(k) == kind) {
      t.kind = k;
      found = true;
    }
  }
  if (!found) return LogicalType::unknown(j.dump());
  t.bits = optional_number<std::uint8_t>(j, "bits").value_or(0);
  t.is_unsigned = j.value("unsigned", false);
  t.fixed = j.value("fixed", false);
  t.large = j.value("large", false);
  t.is_set = j.value("set", false);
  if (t.kind == TypeKind::kBinary || j.value("length_unit", "") == "bytes") {
    t.unit = LengthUnit::kBytes;
  }
  t.charset = j.value("unicode", false) ? Charset::kUnicode : Charset::kDefault;
  const std::string tz = j.value("time_zone", "none");
  if (tz == "with_time_zone") t.time_zone = TimeZoneKind::kWithTimeZone;
  if (tz == "with_local_time_zone") t.time_zone = TimeZoneKind::kWithLocalTimeZone;
  t.from_field = field_from(j.value("from", ""));
  t.to_field = field_from(j.value("to", ""));
  t.precision = optional_number<std::int32_t>(j, "precision");
  t.scale = optional_number<std::int32_t>(j, "scale");
  t.length = optional_number<std::int64_t>(j, "length");
  if (j.contains("name") && j["name"].is_string()) t.name = j["name"].get<std::string>();
  if (j.contains("values") && j["values"].is_array()) {
    std::vector<std::string> values;
    for (const auto& v : j["values"]) {
      if (v.is_string()) values.push_back(v.get<std::string>());
    }
    t.values = std::make_shared<const std::vector<std::string>>(std::move(values));
  }
  if (j.contains("fields") && j["fields"].is_array()) {
    std::vector<StructField> fields;
    for (const auto& f : j["fields"]) {
      if (!f.is_object()) continue;
      fields.push_back(
          {f.value("name", ""), logical_type_from_json(f.value("type", nlohmann::json()))});
    }
    t.fields = std::make_shared<const std::vector<StructField>>(std::move(fields));
  }
  return t;
}

nlohmann::json to_json(const TypeLoss& loss) {
  return {{"code", std::string(to_string(loss.code))}, {"message", loss.message}};
}

nlohmann::json to_json(const TypeMapping& m) {
  nlohmann::json losses = nlohmann::json::array();
  for (const TypeLoss& l : m.losses) losses.push_back(to_json(l));
  return {{"source", to_json(m.source)},  {"target", to_json(m.target)},
          {"target_type", m.target_text}, {"verdict", std::string(to_string(m.verdict))},
          {"losses", std::move(losses)},  {"ignored", m.ignored}};
}

}  // namespace godwit::sql
