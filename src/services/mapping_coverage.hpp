// How complete a table mapping is: the share of the target table's columns a person has
// mapped (approved or manual field mappings), and how many of its required columns
// (NOT NULL, no default, not generated or identity) are covered. Pure.
#pragma once

#include <vector>

#include "schema/catalog.hpp"
#include "store/repositories/mapping_repository.hpp"

namespace godwit::services {

struct Coverage {
  int completion_percentage = 0;  ///< mapped_fields * 100 / total_fields, rounded down
  int required_fields_covered = 0;
  int total_required_fields = 0;
  int mapped_fields = 0;  ///< distinct target columns with an approved or manual mapping
  int total_fields = 0;   ///< columns of the target table
};

/// True for a column every inserted row must be given: NOT NULL without a default,
/// identity or generation rule.
bool is_required(const schema::Column& column);

/// Coverage of `target` by `fields` (the mappings into it; others are ignored).
Coverage compute_coverage(const schema::Table& target,
                          const std::vector<store::FieldMappingRecord>& fields);

}  // namespace godwit::services
