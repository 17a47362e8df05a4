// Composite proposals: target values that are not one source column copied or cast.
//   - concatenations: full_name <- first_name + last_name, address <- address lines;
//   - splits: first_name / last_name <- full_name (one source, several targets);
//   - value maps: small code sets ('M'/'F') translated to the target's accepted values
//     (enum values, CHECK ... IN lists, quoted values in the comment, its own samples);
//   - time-zone conversion between timestamps with and without a zone.
// Detection reads names (normalised tokens), types and sample values only; the formulas are
// written per dialect and checked by the SQL parser. Values in, values out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/model.hpp"
#include "mapping/transform.hpp"
#include "schema/catalog.hpp"

namespace godwit::mapping {

/// The formula joining `parts` (SQL expressions) with `separator` in `dialect`, skipping
/// NULL parts: CONCAT_WS where the dialect has it, else `||` / CONCAT over COALESCE'd parts
/// printed by the SQL engine, trimmed.
std::string concat_formula(const std::vector<std::string>& parts, std::string_view separator,
                           std::string_view dialect);

/// The first (`last` false) or last (`last` true) space-separated word of `expr` in
/// `dialect`.
std::string split_formula(std::string_view expr, bool last, std::string_view dialect);

/// timestamp <-> timestamp with time zone: a conversion formula that states the zone
/// (UTC) instead of a plain cast, with a warning saying what is assumed; nullopt when the
/// two types are not such a pair.
std::optional<TransformSuggestion> time_zone_transform(const schema::Column& source,
                                                       const schema::Column& target,
                                                       std::string_view column_expression,
                                                       std::string_view dialect);

/// The values `column` of `table` accepts, as written: enum values, a CHECK (col IN (...))
/// list, quoted values in its comment, else its distinct sample values when there are few
/// (at most 24). Empty when none is known.
std::vector<std::string> accepted_values(const schema::Table& table, const schema::Column& column);

struct ValueMapProposal {
  ValueMap map;
  std::string detail;                 ///< "3 of 3 codes matched: M->male (prefix), ..."
  std::vector<std::string> warnings;  ///< codes left without a match
};

/// Translates the source column's sample codes into the target's accepted values when the
/// two sets differ: same text ignoring case, a unique prefix (M -> male), an abbreviation
/// (unk -> unknown), a synonym, or yes/no truth values (Y -> true, 1 -> 'Y'). Needs at
/// least two distinct codes (at most 24), and half of them matched; nullopt otherwise.
std::optional<ValueMapProposal> propose_value_map(const schema::Column& source,
                                                  const schema::Column& target,
                                                  const std::vector<std::string>& target_values);

/// One matched table pair, by index into the catalogs' tables.
struct TablePair {
  std::size_t source = 0;
  std::size_t target = 0;
};

struct CompositeOptions {
  std::string dialect;            ///< formula dialect
  bool validate_formulas = true;  ///< parse each formula (warnings on failure)
  /// Source tables filling one target table (formulas qualify columns then).
  bool qualify = false;
};

/// Concatenation proposals (several sources -> one target) for the matched table pairs:
/// a target column whose tokens name a whole (full name, name, address) with no column of
/// the same meaning in the source table, whose parts (first/middle/last name, address
/// lines) are there. `raw` in each proposal is the uncalibrated confidence.
struct CompositeProposal {
  FieldMapping field;
  double raw = 0;
};
std::vector<CompositeProposal> propose_concatenations(const schema::Catalog& source,
                                                      const schema::Catalog& target,
                                                      const std::vector<TablePair>& pairs,
                                                      const CompositeOptions& options);

/// Which part of a whole a column is: "first", "middle", "last" (person names),
/// "line1", "line2", ... (address lines), or "" when none.
std::string name_part(const schema::Table& table, const schema::Column& column);
/// Whether the column holds a whole: "person_name", "address", or "".
std::string whole_kind(const schema::Table& table, const schema::Column& column);

}  // namespace godwit::mapping
