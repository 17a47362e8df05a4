// Uploaded schema files (see file_service.hpp).
#include "services/file_service.hpp"

#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "schema/importers/importer.hpp"
#include "services/file_sniffer.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/dialect/dialect.hpp"
#include "sql/parser/parse.hpp"

namespace godwit::services {
namespace {

constexpr std::size_t kMaxFilename = 255;
constexpr std::size_t kPreviewDiagnostics = 10;

std::string mib(std::uint64_t bytes) {
  if (bytes < (1u << 20)) return std::to_string((bytes + 1023) / 1024) + " KiB";
  return std::to_string(bytes >> 20) + " MiB";
}

/// A client's file name as a label: no directories, no control characters, bounded.
std::string display_name(const std::string& raw) {
  std::string name = raw;
  std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  std::string clean;
  for (char c : name) clean.push_back(static_cast<unsigned char>(c) < 0x20 ? '_' : c);
  clean = std::string(trim(clean));
  if (clean.empty()) clean = "upload";
  if (clean.size() > kMaxFilename) clean = clean.substr(clean.size() - kMaxFilename);
  return clean;
}

struct Candidate {
  std::string filename;
  std::string content;
  std::string role;
  SniffedFile sniffed;
  std::string dialect;  ///< canonical SQL dialect, "" for other kinds
  nlohmann::json preview;
};

void check_size(const std::string& filename, std::size_t size, const UploadLimits& limits) {
  if (size > limits.max_file_bytes) {
    throw Error(ErrorKind::kTooLarge,
                "'" + filename + "' is " + mib(size) + "; the limit per file is " +
                    mib(limits.max_file_bytes) + " (GODWIT_MAX_FILE_MB)",
                {{filename, "larger than " + mib(limits.max_file_bytes)}});
  }
}

nlohmann::json upload_preview(const Candidate& c) {
  nlohmann::json p = {{"format", std::string(to_string(c.sniffed.kind))},
                      {"size_bytes", c.content.size()},
                      {"first_lines", first_lines(c.content)}};
  if (c.sniffed.kind == FileKind::kCsv || c.sniffed.kind == FileKind::kTsv) {
    p["delimiter"] = std::string(1, c.sniffed.delimiter);
    p["has_header"] = c.sniffed.has_header;
  }
  return p;
}

/// Tables and columns the schema importer reads from a non-SQL file, for its preview; the
/// reason when it finds none.
std::optional<std::string> import_preview(FileKind kind, const store::SchemaFile& file,
                                          const std::string& content, char delimiter,
                                          nlohmann::json& preview) {
  constexpr std::size_t kPreviewTables = 50, kPreviewColumns = 200;
  schema::SchemaFormat format = kind == FileKind::kJsonSchema ? schema::SchemaFormat::kJsonSchema
                                : kind == FileKind::kBigQuerySchema
                                    ? schema::SchemaFormat::kBigQueryJson
                                : kind == FileKind::kAvroSchema ? schema::SchemaFormat::kAvro
                                : kind == FileKind::kTsv        ? schema::SchemaFormat::kTsv
                                                                : schema::SchemaFormat::kCsv;
  schema::ImportOptions options;
  options.delimiter = delimiter;
  schema::Catalog catalog;
  schema::import_schema_file(catalog, file.filename, content, format, options);
  nlohmann::json tables = nlohmann::json::array();
  for (const schema::Table& t : catalog.tables) {
    if (tables.size() >= kPreviewTables) break;
    nlohmann::json columns = nlohmann::json::array();
    for (const schema::Column& c : t.columns) {
      if (columns.size() >= kPreviewColumns) break;
      nlohmann::json col = {
          {"name", c.name}, {"type", sql::to_string(c.type)}, {"nullable", c.nullable}};
      if (!c.comment.empty()) col["comment"] = c.comment;
      if (!c.sample_values.empty()) col["sample_values"] = c.sample_values;
      columns.push_back(std::move(col));
    }
    nlohmann::json table = {{"name", t.name.to_string()},
                            {"column_count", t.columns.size()},
                            {"columns", std::move(columns)}};
    if (t.row_count) table["row_count"] = *t.row_count;
    if (!t.foreign_keys.empty()) table["foreign_key_count"] = t.foreign_keys.size();
    tables.push_back(std::move(table));
  }
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const Diagnostic& d : catalog.diagnostics) {
    if (diagnostics.size() >= kPreviewDiagnostics) break;
    diagnostics.push_back({{"code", d.code},
                           {"severity", std::string(to_string(d.severity))},
                           {"line", d.location.line},
                           {"column", d.location.column},
                           {"message", d.message}});
  }
  preview["detected_format"] = std::string(schema::to_string(format));
  preview["table_count"] = catalog.tables.size();
  preview["total_column_count"] = catalog.column_count();
  preview["tables"] = std::move(tables);
  preview["diagnostic_count"] = catalog.diagnostics.size();
  preview["diagnostics"] = std::move(diagnostics);
  if (!catalog.tables.empty()) return std::nullopt;
  for (const Diagnostic& d : catalog.diagnostics)
    if (d.severity == Severity::kError) return d.message;
  return "no tables were found in the file";
}

/// What parsing a stored file found, merged into its preview; the reason when it failed.
std::optional<std::string> analyse(FileKind kind, const store::SchemaFile& file,
                                   std::string content, nlohmann::json& preview) {
  switch (kind) {
    case FileKind::kSql: {
      sql::ParseOptions options;
      options.file_name = file.filename;
      options.max_diagnostics = 200;
      sql::ParseResult result =
          sql::parse_sql(std::move(content), sql::dialect_by_name(file.dialect), options);
      preview["statement_count"] = result.stats.statements;
      preview["parsed_statements"] = result.stats.parsed;
      preview["skipped_statements"] = result.stats.skipped;
      preview["routines"] = result.stats.routines;
      nlohmann::json diagnostics = nlohmann::json::array();
      for (const Diagnostic& d : result.diagnostics) {
        if (diagnostics.size() >= kPreviewDiagnostics) break;
        diagnostics.push_back({{"code", d.code},
                               {"severity", std::string(to_string(d.severity))},
                               {"line", d.location.line},
                               {"column", d.location.column},
                               {"message", d.message}});
      }
      preview["diagnostic_count"] = result.diagnostics.size();
      preview["diagnostics"] = std::move(diagnostics);
      if (result.stats.statements == 0) {
        return "no SQL statements were found in the file";
      }
      if (result.stats.parsed == 0) {
        return "none of its " + std::to_string(result.stats.statements) +
               " statements could be parsed as " + file.dialect +
               "; check the dialect (or upload it with dialect 'auto')";
      }
      return std::nullopt;
    }
    case FileKind::kCsv:
    case FileKind::kTsv: {
      char delimiter = kind == FileKind::kTsv ? '\t' : ',';
      bool header = false;
      if (preview.contains("delimiter") && preview["delimiter"].is_string() &&
          !preview["delimiter"].get<std::string>().empty()) {
        delimiter = preview["delimiter"].get<std::string>()[0];
      }
      if (preview.contains("has_header") && preview["has_header"].is_boolean()) {
        header = preview["has_header"].get<bool>();
      }
      DelimitedSample sample = read_delimited(content, delimiter, header);
      preview["row_count"] = sample.rows;
      preview["column_count"] = sample.columns;
      preview["columns"] = sample.header;
      if (sample.rows == 0) return "the sample has no data rows";
      return import_preview(kind, file, content, delimiter, preview);
    }
    case FileKind::kJsonSchema:
    case FileKind::kBigQuerySchema:
    case FileKind::kAvroSchema:
      preview["schema"] = describe_json_schema(kind, content);
      return import_preview(kind, file, content, 0, preview);
    case FileKind::kZip: break;
  }
  return "archives are unpacked at upload; this file kind cannot be parsed";
}

std::string checked_role(const std::string& role) {
  if (role == "source" || role == "target") return role;
  throw Error(ErrorKind::kInvalidInput,
              "a file's role is 'source' or 'target' (the schema it describes), not '" + role + "'",
              {{"role", "must be 'source' or 'target'"}});
}

std::optional<FileKind> kind_from_string(const std::string& text) {
  for (FileKind k : {FileKind::kSql, FileKind::kJsonSchema, FileKind::kBigQuerySchema,
                     FileKind::kAvroSchema, FileKind::kCsv, FileKind::kTsv, FileKind::kZip}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

}  // namespace

FileService::FileService(store::Database& db, ProjectService& projects, jobs::JobQueue& queue,
                         std::string storage_root, UploadLimits limits)
    : db_(db),
      projects_(projects),
      queue_(queue),
      files_(db),
      content_(std::move(storage_root)),
      limits_(limits) {}

UploadOutcome FileService::upload(const std::string& user_id, const std::string& project_id,
                                  std::vector<UploadPart> parts,
                                  const std::string& default_dialect) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden,
                "your role on this project (viewer) does not allow you to upload files; ask an "
                "owner or editor");
  }
  if (parts.empty()) {
    throw Error(ErrorKind::kInvalidInput,
                "no files in the request: send multipart/form-data with one or more file parts "
                "named 'files'",
                {{"files", "at least one file is required"}});
  }

  // 1. Check everything before storing anything: a batch is all or nothing.
  std::vector<Candidate> candidates;
  std::vector<std::string> dialect_choices;
  for (UploadPart& part : parts) {
    std::string name = display_name(part.filename);
    check_size(name, part.content.size(), limits_);
    SniffedFile sniffed = sniff_file(name, part.content);
    std::string choice = !part.dialect.empty() ? part.dialect : default_dialect;
    std::string role = checked_role(part.role.empty() ? "source" : part.role);
    if (sniffed.kind != FileKind::kZip) {
      candidates.push_back({name, std::move(part.content), role, sniffed, "", nlohmann::json()});
      dialect_choices.push_back(choice);
      continue;
    }
    for (ZipEntry& entry : read_zip(name, part.content, limits_.zip)) {
      std::string entry_name = name + "/" + entry.name;
      if (entry_name.size() > kMaxFilename)
        entry_name = entry_name.substr(entry_name.size() - kMaxFilename);
      check_size(entry_name, entry.content.size(), limits_);
      SniffedFile inner = sniff_file(entry_name, entry.content);
      if (inner.kind == FileKind::kZip) {
        throw Error(ErrorKind::kUnsupportedType,
                    "'" + entry_name + "' is an archive inside an archive; unpack it first",
                    {{entry_name, "nested archives are not read"}});
      }
      candidates.push_back(
          {entry_name, std::move(entry.content), role, inner, "", nlohmann::json()});
      dialect_choices.push_back(choice);
    }
    part.content.clear();
  }
  if (candidates.size() > limits_.max_files) {
    throw Error(ErrorKind::kTooLarge,
                "the request holds " + std::to_string(candidates.size()) +
                    " files (archives unpacked); the limit is " +
                    std::to_string(limits_.max_files) + " per upload",
                {{"files", "at most " + std::to_string(limits_.max_files) + " files"}});
  }
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    c.preview = upload_preview(c);
    if (c.sniffed.kind != FileKind::kSql) continue;
    std::string choice = std::string(trim(dialect_choices[i]));
    if (iequals(choice, "auto")) {
      sql::DialectDetection detection = sql::detect_dialect(c.content);
      c.dialect = detection.dialect;
      c.preview["dialect_source"] = "detected";
      c.preview["detected_dialect"] = {{"dialect", detection.dialect},
                                       {"confidence", detection.confidence}};
    } else if (!choice.empty()) {
      c.dialect = checked_dialect(choice, "dialect");
      c.preview["dialect_source"] = "request";
    } else {
      // A target schema is written in the project's target dialect.
      c.dialect = c.role == "target" ? view.project.target_dialect : view.project.source_dialect;
      c.preview["dialect_source"] = "project";
    }
    c.preview["dialect"] = c.dialect;
  }

  // 2. Store: content first under its hash, then the row.
  UploadOutcome outcome;
  std::map<std::string, store::SchemaFile> stored_now;  // sha256 -> file
  nlohmann::json ids = nlohmann::json::array();
  for (Candidate& c : candidates) {
    std::string sha = sha256_hex(c.content);
    if (auto it = stored_now.find(sha); it != stored_now.end()) {
      outcome.duplicates.push_back({c.filename, it->second});
      continue;
    }
    if (std::optional<store::SchemaFile> existing = files_.find_by_hash(project_id, sha)) {
      outcome.duplicates.push_back({c.filename, *existing});
      continue;
    }
    store::SchemaFile file;
    file.project_id = project_id;
    file.filename = c.filename;
    file.file_size = static_cast<std::int64_t>(c.content.size());
    file.file_type = std::string(to_string(c.sniffed.kind));
    file.dialect = c.dialect;
    file.status = "uploading";
    file.sha256 = sha;
    file.role = c.role;
    file.preview_data = c.preview.dump();
    file.storage_path = "sha256/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
    try {
      file = files_.insert(file);
    } catch (const Error& e) {
      // Another request stored the same bytes a moment ago.
      std::optional<store::SchemaFile> existing = files_.find_by_hash(project_id, sha);
      if (e.kind() != ErrorKind::kConflict || !existing) throw;
      outcome.duplicates.push_back({c.filename, *existing});
      continue;
    }
    try {
      file.storage_path = content_.put(sha, c.content);
    } catch (...) {
      files_.set_state(file.id, "failed", std::nullopt, "the file could not be stored");
      throw;
    }
    files_.set_state(file.id, "stored", std::nullopt, std::nullopt);
    file.status = "stored";
    stored_now[sha] = file;
    ids.push_back(file.id);
    outcome.files.push_back(file);
  }
  if (!outcome.files.empty()) {
    outcome.job = queue_.enqueue(kParseFilesJob, project_id, {{"file_ids", ids}});
  }
  return outcome;
}

std::vector<store::SchemaFile> FileService::list(const std::string& user_id,
                                                 const std::string& project_id) {
  projects_.get(user_id, project_id);
  return files_.list(project_id);
}

store::SchemaFile FileService::get(const std::string& user_id, const std::string& project_id,
                                   const std::string& file_id) {
  projects_.get(user_id, project_id);
  std::optional<store::SchemaFile> file = files_.find(project_id, file_id);
  if (!file) throw Error(ErrorKind::kNotFound, "no file with id '" + file_id + "' in this project");
  return *file;
}

FileContent FileService::content(const std::string& user_id, const std::string& project_id,
                                 const std::string& file_id, std::size_t from, std::size_t to) {
  FileContent out{get(user_id, project_id, file_id), {}};
  out.window = line_window(content_.read(out.file.storage_path), from, to);
  return out;
}

void FileService::remove(const std::string& user_id, const std::string& project_id,
                         const std::string& file_id) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::SchemaFile file = get(user_id, project_id, file_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden,
                "your role on this project (viewer) does not allow you to delete files; ask an "
                "owner or editor");
  }
  if (!files_.remove(project_id, file_id)) {
    throw Error(ErrorKind::kNotFound, "no file with id '" + file_id + "' in this project");
  }
  // Content is shared by every row with the same hash (in any project).
  if (files_.references(file.storage_path) == 0) content_.remove(file.storage_path);
}

store::SchemaFile FileService::set_role(const std::string& user_id, const std::string& project_id,
                                        const std::string& file_id, const std::string& role) {
  store::ProjectView view = projects_.get(user_id, project_id);
  store::SchemaFile file = get(user_id, project_id, file_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden,
                "your role on this project (viewer) does not allow you to change files; ask an "
                "owner or editor");
  }
  file.role = checked_role(role);
  if (!files_.set_role(project_id, file_id, file.role)) {
    throw Error(ErrorKind::kNotFound, "no file with id '" + file_id + "' in this project");
  }
  return file;
}

nlohmann::json FileService::parse_files(jobs::JobContext& context) {
  const std::string project_id = context.project_id().value_or("");
  std::vector<std::string> ids;
  if (context.payload().contains("file_ids") && context.payload()["file_ids"].is_array()) {
    for (const auto& id : context.payload()["file_ids"]) {
      if (id.is_string()) ids.push_back(id.get<std::string>());
    }
  }
  int parsed = 0, failed = 0, missing = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::optional<store::SchemaFile> file = files_.find(project_id, ids[i]);
    if (!file) {
      ++missing;  // deleted since the upload
      continue;
    }
    context.progress(static_cast<int>(i * 100 / ids.size()), "parsing",
                     "file " + std::to_string(i + 1) + " of " + std::to_string(ids.size()) + ": " +
                         file->filename);
    nlohmann::json preview = nlohmann::json::object();
    if (file->preview_data) {
      preview = nlohmann::json::parse(*file->preview_data, nullptr, false);
      if (!preview.is_object()) preview = nlohmann::json::object();
    }
    std::optional<std::string> error;
    std::optional<FileKind> kind = kind_from_string(file->file_type);
    try {
      if (!kind) throw Error(ErrorKind::kUnprocessable, "unknown file type " + file->file_type);
      error = analyse(*kind, *file, content_.read(file->storage_path), preview);
    } catch (const Error& e) {
      error = e.what();
    }
    files_.set_state(file->id, error ? "failed" : "parsed", preview.dump(), error);
    (error ? failed : parsed) += 1;
  }
  context.progress(100, "done",
                   std::to_string(parsed) + " parsed, " + std::to_string(failed) + " failed");
  return {{"parsed", parsed}, {"failed", failed}, {"missing", missing}};
}

}  // namespace godwit::services
