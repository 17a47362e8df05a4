// How the Beam pipeline joins the sources of a table mapping: in source order, each
// source after the first joins the rows built so far on the join condition's equalities
// with the sources before it — by CoGroupByKey (both sides shuffled; any size), or, when
// its advice is applied, as a side input (AsMultiMap: the source is broadcast to every
// worker, the main rows are not shuffled; for sources that fit in memory). Joined rows
// hold every column as "<alias>__<column>" (and unqualified, first source first), so the
// formulas, whose references are rewritten the same way, read the right source's column.
// Internal to src/codegen.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "codegen/resolved_mapping.hpp"

namespace godwit::codegen {

struct BeamJoinStep {
  const ResolvedSource* source = nullptr;  ///< s2, s3 ...
  std::vector<std::string> left_keys;      ///< joined-row keys: "s1__customer_id"
  std::vector<std::string> right_keys;     ///< the source's columns: "id"
  bool side_input = false;
  /// The keys are the source table's whole primary key: at most one match per row.
  bool on_primary_key = false;
};

struct BeamJoinPlan {
  std::vector<BeamJoinStep> steps;
  std::string problem;  ///< why the join cannot be generated; empty when it can
};

/// The plan for a table mapping with several sources; `problem` says why there is none
/// (no join condition, a condition that is not a conjunction of column equalities, or a
/// source it does not connect to the ones before it).
BeamJoinPlan plan_beam_join(const ResolvedTable& table, std::string_view formula_dialect,
                            const Options& options);

/// The advice id that makes step `source` of `table` a side input.
std::string side_input_advice_id(const ResolvedTable& table, const ResolvedSource& source);

/// `expression` with alias-qualified column references ("s2.name") written as the joined
/// row's keys ("s2__name"), outside string literals.
std::string qualify_for_joined_row(const std::string& expression);

}  // namespace godwit::codegen
