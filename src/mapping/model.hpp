// The mapping document: which source columns fill which target columns, how (transformation,
// formula, value map), how sure the engine is and why (confidence, evidence), and what a
// person decided (status, provenance). Plain values shared by the matching engine, the
// CLI, the service and code generation; its JSON form is in model_json.hpp and documented
// field by field in docs/mapping-format.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::mapping {

/// How a target value is produced from its sources.
enum class Transformation { kDirect, kCast, kComputed, kConcatenated, kCaseWhen, kCustom };
/// Where a suggestion stands in the review workflow.
enum class MappingStatus { kSuggested, kApproved, kRejected, kManual };
/// Who produced a mapping: the offline engine, a language model, or a person.
enum class Provenance { kEngine, kModel, kPerson };

/// JSON names: "direct", "cast", "computed", "concatenated", "case_when", "custom".
std::string_view to_string(Transformation t);
/// "suggested", "approved", "rejected", "manual".
std::string_view to_string(MappingStatus s);
/// "engine", "model", "person".
std::string_view to_string(Provenance p);
/// The enum value whose JSON name is `text`, or nullopt.
std::optional<Transformation> transformation_from_string(std::string_view text);
std::optional<MappingStatus> status_from_string(std::string_view text);
std::optional<Provenance> provenance_from_string(std::string_view text);

/// A column of a catalog table; `table` is schema::QualifiedName::to_string() of the
/// catalog table ("sales.customers" or "customers").
struct ColumnRef {
  std::string table;
  std::string column;
  bool operator==(const ColumnRef&) const = default;
};

/// One feature's contribution to a score. `feature` is one of "name", "synonym", "tfidf",
/// "type", "key", "position", "neighbourhood", "values", "model".
struct Evidence {
  std::string feature;
  double score = 0;
  double weight = 0;
  std::string detail;
  bool operator==(const Evidence&) const = default;
};

/// One code of a value map, as SQL literal texts ("'M'" -> "'male'").
struct ValueMapEntry {
  std::string from;
  std::string to;
  bool operator==(const ValueMapEntry&) const = default;
};

/// A code set translation; `otherwise` is the ELSE value (absent: the source value).
struct ValueMap {
  std::vector<ValueMapEntry> entries;
  std::optional<std::string> otherwise;
  bool operator==(const ValueMap&) const = default;
};

/// A candidate (or decided) way to fill one target column.
struct FieldMapping {
  std::string id;  ///< "fm-" + short hash of source(s)+target, unique in the document
  std::vector<ColumnRef> sources;  ///< empty = constant / generated value
  ColumnRef target;
  Transformation transformation = Transformation::kDirect;
  /// SQL expression in the document's formula_dialect over the source columns (bare column
  /// names when the table mapping has one source table; "table.column" otherwise). Empty
  /// for kDirect.
  std::string formula;
  std::optional<ValueMap> value_map;  ///< code sets; codegen emits CASE
  double confidence = 0;              ///< calibrated, [0,1]
  int rank = 1;                       ///< 1 = best candidate for this source column
  MappingStatus status = MappingStatus::kSuggested;
  Provenance provenance = Provenance::kEngine;
  std::string model;  ///< provider/model/prompt version when provenance == kModel
  std::string description;
  std::vector<Evidence> evidence;
  std::vector<std::string> warnings;  ///< data-loss warnings from the type system
  bool operator==(const FieldMapping&) const = default;
};

/// Which source table(s) fill a target table.
struct TableMapping {
  std::string id;                          ///< "tm-..." stable
  std::vector<std::string> source_tables;  ///< 1 (1:1 or split) or several (merge, n:1)
  std::string target_table;
  std::string join;    ///< merge: join condition SQL in formula_dialect; empty otherwise
  std::string filter;  ///< split: optional WHERE condition; empty otherwise
  double confidence = 0;
  MappingStatus status = MappingStatus::kSuggested;
  Provenance provenance = Provenance::kEngine;
  std::vector<Evidence> evidence;
  bool operator==(const TableMapping&) const = default;
};

/// Schema files and their dialect; files are relative to the document's directory (CLI).
struct SchemaSet {
  std::string dialect;
  std::vector<std::string> files;
  bool operator==(const SchemaSet&) const = default;
};

struct MappingDocument {
  int format_version = 1;
  SchemaSet source;             ///< source schema files + dialect
  SchemaSet target;             ///< may be empty when the target is proposed
  std::string formula_dialect;  ///< dialect formulas are written in; default = target.dialect
  std::vector<TableMapping> tables;
  std::vector<FieldMapping> fields;  ///< all candidates; status says which a person approved
  bool operator==(const MappingDocument&) const = default;
};

/// "fm-" + 12 hex digits of a stable (FNV-1a) hash of the sources and the target.
std::string field_mapping_id(const std::vector<ColumnRef>& sources, const ColumnRef& target);
/// "tm-" + 12 hex digits of a stable hash of the source tables and the target table.
std::string table_mapping_id(const std::vector<std::string>& source_tables,
                             const std::string& target_table);

}  // namespace godwit::mapping
