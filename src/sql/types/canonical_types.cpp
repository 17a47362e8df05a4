// The read table of the canonical type text printed by to_string(LogicalType), so types
// stored or exchanged as text (test cases, logs, the CLI) read back exactly.
#include <string>

#include "core/text.hpp"
#include "sql/types/type_reader.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::sql {
namespace {

using K = TypeKind;

constexpr ReadRule kRead[] = {
    read_simple("BOOLEAN", K::kBoolean),
    read_integer("INT8", 8),
    read_integer("INT16", 16),
    read_integer("INT32", 32),
    read_integer("INT64", 64),
    read_integer("INT128", 128),
    read_integer("UINT8", 8, true),
    read_integer("UINT16", 16, true),
    read_integer("UINT32", 32, true),
    read_integer("UINT64", 64, true),
    read_integer("UINT128", 128, true),
    read_decimal("DECIMAL"),
    read_float("FLOAT32", 32),
    read_float("FLOAT64", 64),
    read_char("CHAR", -1),
    read_varchar("VARCHAR"),
    read_text("TEXT"),
    read_char("NCHAR", -1).unicode(),
    read_varchar("NVARCHAR").unicode(),
    read_text("NTEXT").unicode(),
    read_binary("BINARY", -1),
    read_varbinary("VARBINARY"),
    read_blob("BLOB"),
    read_simple("DATE", K::kDate),
    read_time("TIME", -1),
    read_timestamp("TIMESTAMP", -1),
    read_interval("INTERVAL"),
    read_simple("JSON", K::kJson),
    read_simple("VARIANT", K::kVariant),
    read_simple("UUID", K::kUuid),
    read_simple("XML", K::kXml),
    read_simple("GEOGRAPHY", K::kGeography),
    read_simple("GEOMETRY", K::kGeometry),
    read_composite("ARRAY", K::kArray),
    read_composite("STRUCT", K::kStruct),
    read_composite("MAP", K::kMap),
    read_composite("ENUM", K::kEnum),
    read_set("SET"),
    read_composite("PERIOD", K::kPeriod),
    read_verbatim("UNKNOWN"),
};

}  // namespace

const DialectTypeTable& canonical_type_table() {
  static constexpr DialectTypeTable kTable = [] {
    DialectTypeTable t{};
    t.dialect = "canonical";
    t.display_name = "canonical";
    t.read = kRead;
    t.with_time_zone = TimeZoneKind::kWithTimeZone;
    return t;
  }();
  return kTable;
}

LogicalType parse_logical_type(std::string_view text) {
  const std::string_view trimmed = trim(text);
  // unknown(...) keeps anything verbatim, brackets included, so it is not tokenized.
  constexpr std::string_view kUnknown = "unknown(";
  if (trimmed.size() > kUnknown.size() && trimmed.substr(0, kUnknown.size()) == kUnknown &&
      trimmed.back() == ')') {
    return LogicalType::unknown(
        trimmed.substr(kUnknown.size(), trimmed.size() - kUnknown.size() - 1));
  }
  if (trimmed == "unknown()") return LogicalType::unknown("");
  return read_type(trimmed, canonical_type_table()).type;
}

}  // namespace godwit::sql
