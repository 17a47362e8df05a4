// Optimisation advice: rules over the generated code's inputs per platform (partitioning,
// clustering, cross joins, string-typed dates, small files, fusion, incremental models,
// missing tests, unindexed foreign keys). Each piece of advice says its type, impact and
// the exact change; auto-applicable ones are applied by generating again with their id
// in Options::applied_advice. Values in, values out.
#pragma once

#include <string>
#include <vector>

#include "codegen/codegen.hpp"

namespace godwit::codegen {

struct Advice {
  /// Stable; for auto-applicable advice the id Options::applied_advice takes:
  /// "partition:<table>:<column>", "cluster:<table>:<c1,c2>", "incremental:<table>",
  /// "reshuffle:<table>", "index:<table>:<columns>"; others "<rule>:<table>".
  std::string id;
  std::string rule;    ///< "BQ-PARTITION", "DBX-CLUSTER", ...
  std::string type;    ///< "performance", "cost", "readability", "best-practice"
  std::string impact;  ///< "high", "medium", "low"
  std::string table;   ///< target table
  std::string file;    ///< the generated file it changes
  std::string message;
  std::string change;  ///< the exact change, as code
  bool auto_applicable = false;
  /// Proposed by a language model (llm_advice.hpp) and checked, not by a rule.
  bool ai_generated = false;
  std::string provider;  ///< ai_generated: the provider and model that proposed it
  std::string model;
};

/// The advice for `platform`; advice already applied through `options` is not repeated.
std::vector<Advice> advise(Platform platform, const schema::Catalog& source,
                           const schema::Catalog& target, const mapping::MappingDocument& document,
                           const Options& options = {});

}  // namespace godwit::codegen
