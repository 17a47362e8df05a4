// The spreadsheet form of a mapping: one row per field mapping with the columns
// source_table,source_column,target_table,target_column,transformation,formula,status,
// confidence (RFC 4180 quoting). Reading checks the header and the shape of every row
// and reports each problem with its row number; meaning (do the tables exist, does the
// formula parse) is the mapping service's job. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace godwit::services {

inline constexpr const char* kMappingCsvHeader =
    "source_table,source_column,target_table,target_column,transformation,formula,status,"
    "confidence";

struct MappingCsvRow {
  int line = 0;  ///< 1-based line of the row in the file (header is line 1)
  std::string source_table;
  std::string source_column;
  std::string target_table;
  std::string target_column;
  std::string transformation;
  std::string formula;
  std::string status;
  std::optional<double> confidence;
};

/// The CSV text, header first, rows in the given order, lines ending in \r\n.
std::string write_mapping_csv(const std::vector<MappingCsvRow>& rows);

/// Reads rows; each problem is a FieldError named "rows[<line>].<column>" (or "csv" for
/// the file as a whole). Columns may come in any order; unknown columns are an error.
std::vector<MappingCsvRow> read_mapping_csv(const std::string& text,
                                            std::vector<FieldError>& errors);

/// Splits CSV text into records of fields (quotes, doubled quotes, CRLF, newlines in
/// quoted fields). `error` is set for an unterminated quote.
std::vector<std::vector<std::string>> split_csv(const std::string& text, std::string& error);

}  // namespace godwit::services
