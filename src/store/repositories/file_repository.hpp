// Uploaded schema files (schema_files): their metadata, content hash and processing
// state. The bytes live in the content-addressed store; storage_path names them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

/// uploading -> stored -> parsed | failed
struct SchemaFile {
  std::string id;
  std::string project_id;
  std::string filename;
  std::int64_t file_size = 0;
  std::string file_type;  ///< sql | json_schema | bigquery_schema | avro | json | csv | tsv
  std::string dialect;    ///< SQL dialect ("" for non-SQL files)
  std::string storage_path;
  std::string status;
  std::optional<std::string> preview_data;  ///< JSON document
  std::optional<std::string> sha256;
  std::optional<std::string> error;
  std::string created_at;
  std::optional<std::string> processed_at;
  std::string role = "source";  ///< source | target: which side of the mapping it describes
};

class FileRepository {
 public:
  explicit FileRepository(Database& db) : db_(db) {}

  /// Inserts the row (status as given, normally "uploading"). kConflict when the project
  /// already holds a file with the same sha256.
  SchemaFile insert(SchemaFile file);
  std::optional<SchemaFile> find(const std::string& project_id, const std::string& file_id);
  std::optional<SchemaFile> find_by_hash(const std::string& project_id, const std::string& sha256);
  /// Oldest first (upload order).
  std::vector<SchemaFile> list(const std::string& project_id);
  /// Sets status, preview, error and (for parsed/failed) processed_at.
  void set_state(const std::string& file_id, const std::string& status,
                 const std::optional<std::string>& preview_json,
                 const std::optional<std::string>& error);
  bool remove(const std::string& project_id, const std::string& file_id);
  /// Sets the file's mapping role (source | target); false when no such file.
  bool set_role(const std::string& project_id, const std::string& file_id, const std::string& role);
  /// How many rows (any project) name this storage path: content is deleted at zero.
  long long references(const std::string& storage_path);

 private:
  Database& db_;
};

}  // namespace godwit::store
