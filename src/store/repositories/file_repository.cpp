// Uploaded schema files (see file_repository.hpp).
#include "store/repositories/file_repository.hpp"

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kFileColumns =
    "id, project_id, filename, file_size, file_type, dialect, storage_path, status,"
    " preview_data, sha256, error, created_at, processed_at, role";

struct FileRow {
  std::string id, project_id, filename, file_type, dialect, storage_path, status, preview, sha256,
      error, created_at, processed_at, role;
  long long file_size = 0;
  soci::indicator preview_ind = soci::i_ok, sha_ind = soci::i_ok, error_ind = soci::i_ok,
                  processed_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(filename), soci::into(file_size),
        soci::into(file_type), soci::into(dialect), soci::into(storage_path), soci::into(status),
        soci::into(preview, preview_ind), soci::into(sha256, sha_ind), soci::into(error, error_ind),
        soci::into(created_at), soci::into(processed_at, processed_ind), soci::into(role);
  }

  SchemaFile model() const {
    SchemaFile f;
    f.id = id;
    f.project_id = project_id;
    f.filename = filename;
    f.file_size = file_size;
    f.file_type = file_type;
    f.dialect = dialect;
    f.storage_path = storage_path;
    f.status = status;
    f.preview_data = detail::optional_text(preview, preview_ind);
    f.sha256 = detail::optional_text(sha256, sha_ind);
    f.error = detail::optional_text(error, error_ind);
    f.created_at = detail::timestamp_from_db(created_at);
    if (processed_ind != soci::i_null) f.processed_at = detail::timestamp_from_db(processed_at);
    f.role = role;
    return f;
  }
};

}  // namespace

SchemaFile FileRepository::insert(SchemaFile file) {
  if (file.preview_data) detail::require_json(*file.preview_data, "the file preview");
  file.id = new_uuid();
  file.created_at = detail::now_timestamp();
  Params params;
  params.text("id", file.id)
      .text("project_id", file.project_id)
      .text("filename", file.filename)
      .integer("file_size", file.file_size)
      .text("file_type", file.file_type)
      .text("dialect", file.dialect)
      .text("storage_path", file.storage_path)
      .text("status", file.status)
      .nullable_text("preview_data", file.preview_data)
      .nullable_text("sha256", file.sha256)
      .nullable_text("error", file.error)
      .text("created_at", file.created_at)
      .text("role", file.role);
  try {
    detail::execute(db_,
                    "INSERT INTO schema_files (id, project_id, filename, file_size, file_type,"
                    " dialect, storage_path, status, preview_data, sha256, error, created_at, role)"
                    " VALUES (:id, :project_id, :filename, :file_size, :file_type, :dialect,"
                    " :storage_path, :status, :preview_data, :sha256, :error, :created_at,"
                    " :role)",
                    params);
  } catch (const soci::soci_error& e) {
    if (detail::is_unique_violation(e)) {
      throw Error(ErrorKind::kConflict, "the project already has a file with this content");
    }
    if (detail::is_foreign_key_violation(e)) {
      throw Error(ErrorKind::kNotFound, "the project of the file does not exist");
    }
    throw;
  }
  return file;
}

std::optional<SchemaFile> FileRepository::find(const std::string& project_id,
                                               const std::string& file_id) {
  if (!detail::is_id(project_id) || !detail::is_id(file_id)) return std::nullopt;
  Params params;
  params.text("id", file_id).text("project_id", project_id);
  return detail::query_one<FileRow>(db_,
                                    std::string("SELECT ") + kFileColumns +
                                        " FROM schema_files WHERE id = :id AND"
                                        " project_id = :project_id",
                                    params);
}

std::optional<SchemaFile> FileRepository::find_by_hash(const std::string& project_id,
                                                       const std::string& sha256) {
  if (!detail::is_id(project_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("sha256", sha256);
  return detail::query_one<FileRow>(db_,
                                    std::string("SELECT ") + kFileColumns +
                                        " FROM schema_files WHERE project_id = :project_id AND"
                                        " sha256 = :sha256",
                                    params);
}

std::vector<SchemaFile> FileRepository::list(const std::string& project_id) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id);
  return detail::query_all<FileRow>(db_,
                                    std::string("SELECT ") + kFileColumns +
                                        " FROM schema_files WHERE project_id = :project_id"
                                        " ORDER BY created_at, id",
                                    params);
}

void FileRepository::set_state(const std::string& file_id, const std::string& status,
                               const std::optional<std::string>& preview_json,
                               const std::optional<std::string>& error) {
  if (!detail::is_id(file_id)) return;
  if (preview_json) detail::require_json(*preview_json, "the file preview");
  bool processed = status == "parsed" || status == "failed";
  Params params;
  params.text("status", status)
      .nullable_text("preview", preview_json)
      .nullable_text("error", error)
      .nullable_text("processed", processed ? std::optional(detail::now_timestamp()) : std::nullopt)
      .text("id", file_id);
  detail::execute(db_,
                  "UPDATE schema_files SET status = :status,"
                  " preview_data = COALESCE(:preview, preview_data), error = :error,"
                  " processed_at = :processed WHERE id = :id",
                  params);
}

bool FileRepository::remove(const std::string& project_id, const std::string& file_id) {
  if (!detail::is_id(project_id) || !detail::is_id(file_id)) return false;
  Params params;
  params.text("id", file_id).text("project_id", project_id);
  return detail::execute(db_,
                         "DELETE FROM schema_files WHERE id = :id AND project_id = :project_id",
                         params) > 0;
}

bool FileRepository::set_role(const std::string& project_id, const std::string& file_id,
                              const std::string& role) {
  if (!detail::is_id(project_id) || !detail::is_id(file_id)) return false;
  Params params;
  params.text("role", role).text("id", file_id).text("project_id", project_id);
  return detail::execute(db_,
                         "UPDATE schema_files SET role = :role WHERE id = :id AND"
                         " project_id = :project_id",
                         params) > 0;
}

long long FileRepository::references(const std::string& storage_path) {
  Params params;
  params.text("path", storage_path);
  detail::Connection connection(db_);
  return detail::query_integer(
      connection, "SELECT COUNT(*) FROM schema_files WHERE storage_path = :path", params);
}

}  // namespace godwit::store
