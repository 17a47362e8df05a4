// Anomaly detection over mapped column pairs: null-rate jumps, distribution shift between
// source and target (quantiles computed inside each database, a KS-like statistic),
// outliers in the target (robust z-score from median and MAD), type-mismatch symptoms
// (truncated strings, rounded decimals, shifted timestamps) and constraint violations.
// Every statistic is computed by bounded aggregate queries; no table is downloaded.
// Engine code: connectors in, values out (docs/validation.md, "Anomalies").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/logical_type.hpp"
#include "validation/connectors/connector.hpp"
#include "validation/report.hpp"

namespace godwit::validation {

/// One mapped column pair.
struct AnomalyColumn {
  std::vector<std::string> source_table, target_table;
  std::string source_column, target_column;  ///< source_column empty for computed formulas
  /// SQL in the source engine's dialect (the formula), else empty (the quoted column).
  std::string source_expression;
  sql::LogicalType source_type, target_type;
  std::vector<std::string> mapping_ids;
};

struct AnomalyOptions {
  bool allow_sample_values = false;
  double null_rate_jump = 0.05;     ///< absolute change of the null share that is reported
  double ks_threshold = 0.1;        ///< largest CDF distance between the quantile sketches
  double robust_z = 5.0;            ///< |x - median| / (1.4826 MAD) above this is an outlier
  std::size_t histogram_bins = 20;  ///< quantiles per side (the sketch's resolution)
  std::size_t max_samples = 5;
};

/// Runs the detectors for each pair. Never throws for data problems: a failing query
/// skips that detector for that column (nothing is invented).
std::vector<Anomaly> detect_anomalies(Connector& source, Connector& target,
                                      const std::vector<AnomalyColumn>& columns,
                                      const AnomalyOptions& options);

/// Shape mask for sample values: letters -> X/x, digits -> 9, others kept
/// ("Ann-42" -> "Xxx-99").
std::string mask_value(std::string_view value);

}  // namespace godwit::validation
