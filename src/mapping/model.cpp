// Enum names and stable ids of the mapping document (model.hpp).
#include "mapping/model.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace godwit::mapping {
namespace {

constexpr std::array<std::pair<Transformation, std::string_view>, 6> kTransformations{{
    {Transformation::kDirect, "direct"},
    {Transformation::kCast, "cast"},
    {Transformation::kComputed, "computed"},
    {Transformation::kConcatenated, "concatenated"},
    {Transformation::kCaseWhen, "case_when"},
    {Transformation::kCustom, "custom"},
}};
constexpr std::array<std::pair<MappingStatus, std::string_view>, 4> kStatuses{{
    {MappingStatus::kSuggested, "suggested"},
    {MappingStatus::kApproved, "approved"},
    {MappingStatus::kRejected, "rejected"},
    {MappingStatus::kManual, "manual"},
}};
constexpr std::array<std::pair<Provenance, std::string_view>, 3> kProvenances{{
    {Provenance::kEngine, "engine"},
    {Provenance::kModel, "model"},
    {Provenance::kPerson, "person"},
}};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view text) {
  for (const auto& [e, name] : table)
    if (name == text) return e;
  return std::nullopt;
}

/// FNV-1a over the parts, each terminated by a separator byte so ("ab","c") != ("a","bc").
std::uint64_t fnv1a(const std::vector<std::string_view>& parts) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::string_view p : parts) {
    for (unsigned char c : p) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
  }
  return h;
}

std::string short_hex(std::uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(12, '0');
  for (int i = 11; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[h & 0xf];
    h >>= 4;
  }
  return out;
}

}  // namespace

std::string_view to_string(Transformation t) {
  return name_of(kTransformations, t);
}
std::string_view to_string(MappingStatus s) {
  return name_of(kStatuses, s);
}
std::string_view to_string(Provenance p) {
  return name_of(kProvenances, p);
}
std::optional<Transformation> transformation_from_string(std::string_view text) {
  return value_of(kTransformations, text);
}
std::optional<MappingStatus> status_from_string(std::string_view text) {
  return value_of(kStatuses, text);
}
std::optional<Provenance> provenance_from_string(std::string_view text) {
  return value_of(kProvenances, text);
}

std::string field_mapping_id(const std::vector<ColumnRef>& sources, const ColumnRef& target) {
  std::vector<std::string_view> parts;
  for (const ColumnRef& s : sources) {
    parts.push_back(s.table);
    parts.push_back(s.column);
  }
  parts.push_back("->");
  parts.push_back(target.table);
  parts.push_back(target.column);
  return "fm-" + short_hex(fnv1a(parts));
}

std::string table_mapping_id(const std::vector<std::string>& source_tables,
                             const std::string& target_table) {
  std::vector<std::string_view> parts(source_tables.begin(), source_tables.end());
  parts.push_back("->");
  parts.push_back(target_table);
  return "tm-" + short_hex(fnv1a(parts));
}

}  // namespace godwit::mapping
