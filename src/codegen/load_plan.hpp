// The load plan: the order in which the target tables are filled, as waves of tables that
// can load in parallel, each wave after every table it references through a foreign key.
// Cycles (mutual or self references) cannot be ordered; one edge of each cycle is dropped
// and reported, so the plan still covers every table. Values in, values out.
#pragma once

#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace godwit::codegen {

/// A foreign key the plan ignored to break a cycle: `table` loads before `references`,
/// so the key's values must be checked (or the constraint deferred) after the load.
struct BrokenDependency {
  std::string table;               ///< the table holding the foreign key
  std::string references;          ///< the table it references
  std::string foreign_key;         ///< constraint name, or "(col, ...)" when unnamed
  std::vector<std::string> cycle;  ///< the tables of the cycle, in reference order
};

struct LoadWave {
  int number = 1;                   ///< 1-based
  std::vector<std::string> tables;  ///< QualifiedName::to_string(), catalog order
};

struct LoadPlan {
  std::vector<LoadWave> waves;
  std::vector<BrokenDependency> broken;
  /// The wave number of `table`, or 0 when it is not in the plan.
  int wave_of(const std::string& table) const;
};

/// Orders `tables` (names as QualifiedName::to_string() of `catalog` tables; others are
/// ignored) by the foreign keys among them. Self references are broken and reported too.
LoadPlan plan_load(const schema::Catalog& catalog, const std::vector<std::string>& tables);

/// The plan as a small JSON document (load_plan.json) and as readable text.
std::string load_plan_json(const LoadPlan& plan);

}  // namespace godwit::codegen
