// Table-mapping coverage (see mapping_coverage.hpp).
#include "services/mapping_coverage.hpp"

#include <set>

#include "core/text.hpp"
#include "services/mapping_catalogs.hpp"

namespace godwit::services {

bool is_required(const schema::Column& column) {
  return !column.nullable && !column.default_value && column.identity == schema::Identity::kNone &&
         column.generated.empty();
}

Coverage compute_coverage(const schema::Table& target,
                          const std::vector<store::FieldMappingRecord>& fields) {
  Coverage c;
  std::set<std::string> mapped;
  for (const store::FieldMappingRecord& f : fields) {
    if (f.status != "approved" && f.status != "manual") continue;
    if (!iequals(f.target_table, table_name(target))) continue;
    // A member of a STRUCT column counts for its column.
    if (auto found = find_target_column(target, f.target_column)) {
      mapped.insert(to_lower(found->column->name));
    }
  }
  for (const schema::Column& column : target.columns) {
    ++c.total_fields;
    bool is_mapped = mapped.count(to_lower(column.name)) != 0;
    if (is_mapped) ++c.mapped_fields;
    if (is_required(column)) {
      ++c.total_required_fields;
      if (is_mapped) ++c.required_fields_covered;
    }
  }
  c.completion_percentage = c.total_fields == 0 ? 0 : c.mapped_fields * 100 / c.total_fields;
  return c;
}

}  // namespace godwit::services
