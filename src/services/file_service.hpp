// Uploaded schema files: upload (several at once, zip archives unpacked), list, read,
// delete, and the "files.parse" job that turns stored files into parsed ones with a
// preview. Every file is checked before any is stored (a batch is all or nothing),
// content goes to the content-addressed store, and the same bytes twice in a project
// are reported as a duplicate instead of being stored again.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jobs/job_context.hpp"
#include "jobs/job_queue.hpp"
#include "services/content_store.hpp"
#include "services/file_lines.hpp"
#include "services/project_service.hpp"
#include "services/zip_archive.hpp"
#include "store/repositories/file_repository.hpp"

namespace godwit::services {

inline constexpr const char* kParseFilesJob = "files.parse";

struct UploadLimits {
  std::uint64_t max_file_bytes = 50ull << 20;  ///< one file, or one file inside a zip
  std::size_t max_files = 200;                 ///< per request, after unpacking archives
  ZipLimits zip;
};

struct UploadPart {
  std::string filename;
  std::string content;
  /// Dialect for this file: a dialect name, "auto" (detect), or empty (the request's
  /// default, else the project's source dialect).
  std::string dialect;
  /// "source" (default when empty) or "target": the side of the mapping it describes.
  std::string role;
};

struct DuplicateFile {
  std::string filename;        ///< as uploaded
  store::SchemaFile existing;  ///< the file already holding this content
};

/// A window of one file's text (GET .../files/{file_id}/content).
struct FileContent {
  store::SchemaFile file;
  LineWindow window;
};

struct UploadOutcome {
  std::vector<store::SchemaFile> files;  ///< stored now
  std::vector<DuplicateFile> duplicates;
  std::optional<store::Job> job;  ///< the parse job of the stored files
};

class FileService {
 public:
  FileService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
              std::string storage_root, UploadLimits limits);

  /// Editors and owners. `default_dialect` applies to parts without their own.
  UploadOutcome upload(const std::string& user_id, const std::string& project_id,
                       std::vector<UploadPart> parts, const std::string& default_dialect);
  std::vector<store::SchemaFile> list(const std::string& user_id, const std::string& project_id);
  store::SchemaFile get(const std::string& user_id, const std::string& project_id,
                        const std::string& file_id);
  /// Members: lines `from`..`to` of the stored file (1 <= from <= to, at most
  /// kMaxLineWindow lines; the caller validates). kNotFound for an unknown file.
  FileContent content(const std::string& user_id, const std::string& project_id,
                      const std::string& file_id, std::size_t from, std::size_t to);
  void remove(const std::string& user_id, const std::string& project_id,
              const std::string& file_id);
  /// Editors and owners: marks a file as describing the source or the target schema.
  store::SchemaFile set_role(const std::string& user_id, const std::string& project_id,
                             const std::string& file_id, const std::string& role);

  const UploadLimits& limits() const { return limits_; }

  /// The handler of kParseFilesJob: parses each file of payload.file_ids and stores its
  /// status (parsed | failed with the reason) and preview.
  nlohmann::json parse_files(jobs::JobContext& context);

 private:
  store::Database& db_;
  ProjectService& projects_;
  jobs::JobQueue& queue_;
  store::FileRepository files_;
  ContentStore content_;
  UploadLimits limits_;
};

}  // namespace godwit::services
