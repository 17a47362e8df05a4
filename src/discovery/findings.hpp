// Analysis findings over a catalog: what a migration to a target dialect should look at
// (no primary key, nullable foreign keys, names the target reserves, wide tables, types
// the target cannot hold exactly, partition and cluster candidates) and a business-domain
// guess per table. Each finding has a stable code (docs/discovery.md lists them), a
// severity, the objects concerned and its evidence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"

namespace godwit::discovery {

enum class FindingSeverity : std::uint8_t { kInfo, kWarning };
std::string_view to_string(FindingSeverity severity);

struct Finding {
  std::string code;  ///< "F-NO-PRIMARY-KEY", ...
  FindingSeverity severity = FindingSeverity::kInfo;
  std::string message;               ///< one sentence for a person
  std::vector<std::string> objects;  ///< "schema.table" or "schema.table.column"
  std::string detail;  ///< code-specific value: the domain, the target type, the loss codes
  std::vector<std::string> evidence;
};

struct FindingOptions {
  /// Canonical or alias dialect name of the target ("bigquery"); empty: no target checks
  /// (reserved words, type losses). An unknown name gives one F-TARGET-UNKNOWN finding.
  std::string target_dialect;
  std::size_t wide_table_columns = 100;  ///< more columns than this: F-WIDE-TABLE
};

/// The findings of every table (views only for reserved names), grouped by table in
/// catalog order, each table's in the order of the codes in docs/discovery.md.
std::vector<Finding> analyze(const schema::Catalog& catalog, const FindingOptions& options = {});

/// The business domain a table name suggests ("crm", "sales", "finance", "hr",
/// "inventory", ...) with the name tokens that suggested it; empty domain when none.
struct DomainGuess {
  std::string domain;
  std::vector<std::string> tokens;
};
DomainGuess guess_domain(std::string_view table_name);

}  // namespace godwit::discovery
