// Test cases: a source query and a target query, each one SELECT in its side's dialect,
// run and compared as multisets (order-insensitive) or in order, with an absolute numeric
// tolerance; the result counts matched, missing and extra rows with samples. Engine code:
// values in, values out (docs/validation.md, "Test cases").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "validation/connectors/connector.hpp"
#include "validation/report.hpp"

namespace godwit::validation {

struct TestCase {
  std::string id, name;
  std::string source_query, target_query;  ///< single SELECTs, validated for each side's dialect
  bool ordered = false;                    ///< false: compared as multisets
  double numeric_tolerance = 0.0;          ///< absolute
  std::size_t max_rows = 100000;           ///< per side; more rows is an error, not a silent cut
};

/// Each side parses in its dialect as exactly one SELECT (no DML/DDL, no second
/// statement). Empty = valid.
std::vector<Diagnostic> validate_test_case(const TestCase& test, std::string_view source_dialect,
                                           std::string_view target_dialect);

/// Runs both queries and compares their rows. Never throws for data problems: an invalid
/// query, a failing database call or a side over max_rows is a kError result saying so.
CheckResult run_test_case(Connector& source, Connector& target, const TestCase& test,
                          bool allow_sample_values);

}  // namespace godwit::validation
