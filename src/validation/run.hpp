// A validation run: the checks derived from the approved mapping (schema, row counts,
// per-column aggregates through the mapping's formulas, keyed diff, referential integrity
// and uniqueness in the target), plus rules, test cases and anomaly detection, run
// against a live source and target and collected into a ValidationReport. Engine code:
// connectors and catalogs in, a report out; no HTTP, store or jobs.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/model.hpp"
#include "schema/catalog.hpp"
#include "validation/anomaly_explanations.hpp"
#include "validation/connectors/connector.hpp"
#include "validation/diff.hpp"
#include "validation/report.hpp"
#include "validation/rules.hpp"
#include "validation/test_case.hpp"

namespace godwit::validation {

struct RunOptions {
  /// Row counts may differ by this share of the source's rows; per-table override below.
  double row_count_tolerance = 0.0;
  /// By target table name (QualifiedName text).
  std::map<std::string, double> table_row_count_tolerance;
  bool schema = true, row_counts = true, aggregates = true, keyed_diff = true,
       referential_integrity = true, uniqueness = true, anomalies = true;
  /// The project allows sample values in reports; otherwise samples are masked.
  bool allow_sample_values = false;
  /// Target tables to check (QualifiedName text or bare name); empty: every mapped table.
  std::vector<std::string> tables;
  DiffOptions diff;
  int statement_timeout_ms = 300000;
};

struct ValidationInputs {
  const schema::Catalog* source = nullptr;            ///< source catalog (as discovered)
  const schema::Catalog* target = nullptr;            ///< target catalog
  const mapping::MappingDocument* mapping = nullptr;  ///< only approved mappings are used
  std::vector<Rule> rules;
  std::vector<TestCase> tests;
  RunOptions options;
  /// Asks a language model to explain and rank the anomalies (the service wires it with
  /// the project's LLM settings); empty: the engine's ranking and explanations.
  AnomalyAsker explain_anomalies;
};

/// percent 0..100, stage text ("schema", "row counts", "orders: keyed diff", ...).
using RunProgress = std::function<void(double percent, std::string_view stage)>;

/// Never throws for data problems: a failing database call becomes a kError check with the
/// message; throws DiffCancelled when *cancel is set; godwit::Error(kInvalidInput) only for
/// inputs it cannot run at all (null catalogs/mapping).
ValidationReport run_validation(Connector& source, Connector& target,
                                const ValidationInputs& inputs, const RunProgress& progress = {},
                                const std::atomic<bool>* cancel = nullptr);

}  // namespace godwit::validation
