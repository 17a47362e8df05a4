// What an uploaded file is, from its name and its bytes: SQL, a JSON schema (JSON
// Schema, BigQuery table schema, Avro), a CSV/TSV sample or a zip archive of these.
// Binaries and files whose content contradicts their name are refused with a reason a
// person can act on. Values in, values out: no storage, no HTTP.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::services {

enum class FileKind { kSql, kJsonSchema, kBigQuerySchema, kAvroSchema, kCsv, kTsv, kZip };

/// The stored file_type: sql, json_schema, bigquery_schema, avro, csv, tsv, zip.
std::string_view to_string(FileKind kind);

struct SniffedFile {
  FileKind kind = FileKind::kSql;
  char delimiter = 0;       ///< csv/tsv
  bool has_header = false;  ///< csv/tsv
};

/// Classifies a file. Throws godwit::Error(kUnsupportedType) for binaries, unknown
/// kinds and contradictions ("x.json is not JSON"), kUnprocessable for an empty file.
SniffedFile sniff_file(std::string_view filename, std::string_view content);

/// The first `max_lines` lines (each cut at 500 characters), for previews.
std::vector<std::string> first_lines(std::string_view content, std::size_t max_lines = 20);

/// One CSV/TSV record split into fields (RFC 4180 quoting).
struct DelimitedSample {
  std::vector<std::string> header;  ///< empty when the file has none
  std::size_t columns = 0;
  std::size_t rows = 0;  ///< data rows (without the header)
};
DelimitedSample read_delimited(std::string_view content, char delimiter, bool has_header);

/// Facts about a JSON schema document for its preview (name, field count).
nlohmann::json describe_json_schema(FileKind kind, std::string_view content);

}  // namespace godwit::services
