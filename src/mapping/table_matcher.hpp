// Table assignment: from a source x target table similarity matrix to table mappings
// that allow 1:1, 1:n (a source table split over several targets) and n:1 (several
// source tables merged into one target). Pure function over numbers.
#pragma once

#include <cstddef>
#include <vector>

namespace godwit::mapping {

struct TableAssignmentOptions {
  /// A pair below this similarity is never assigned.
  double min_similarity = 0.25;
  /// A second (third ...) target of a source table, or source of a target table, is
  /// kept when its similarity reaches this share of the best one.
  double relative_threshold = 0.85;
};

/// One target table and the source tables assigned to it (several = a merge).
struct TableGroup {
  std::size_t target = 0;
  std::vector<std::size_t> sources;  ///< best first
  double similarity = 0;             ///< of the best pair
};

/// `similarity[s][t]` in [0, 1]. Each source table goes to its best target; a target
/// also takes its best source; further pairs within relative_threshold of the best of
/// either side are added (splits and merges). Groups are in target order.
std::vector<TableGroup> assign_tables(const std::vector<std::vector<double>>& similarity,
                                      const TableAssignmentOptions& options = {});

}  // namespace godwit::mapping
