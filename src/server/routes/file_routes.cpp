// /api/v1/projects/{id}/files*: uploading schema files (multipart, several at once),
// listing, reading and deleting them.
#include "core/error.hpp"
#include "server/encode.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

/// The dialect a form field assigns: "dialect" for every file, "dialect.<filename>" or
/// "dialect[<filename>]" for one.
std::string field_dialect_target(const std::string& field) {
  if (field.rfind("dialect.", 0) == 0) return field.substr(8);
  if (field.rfind("dialect[", 0) == 0 && field.back() == ']')
    return field.substr(8, field.size() - 9);
  return "";
}

/// A positive line number from the query, or `fallback` when absent.
std::size_t line_param(const httplib::Request& req, const char* key, std::size_t fallback,
                       std::vector<FieldError>& errors) {
  if (!req.has_param(key)) return fallback;
  std::string text = req.get_param_value(key);
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used == text.size() && value >= 1 && value <= 100000000) {
      return static_cast<std::size_t>(value);
    }
  } catch (const std::exception&) {
  }
  errors.push_back({key, "must be a line number from 1 to 100000000"});
  return fallback;
}

}  // namespace

void add_file_routes(Router& router, services::FileService& files) {
  router.post(
      "/api/v1/projects/{id}/files/upload", Access::kAuthenticated, [&](RequestContext& ctx) {
        // Membership first, so a stranger learns nothing from the body's errors.
        files.list(ctx.user_id(), ctx.param("id"));
        if (!ctx.req.is_multipart_form_data()) {
          throw Error(
              ErrorKind::kUnsupportedType,
              "send the files as multipart/form-data, one part per file (field name 'files')");
        }
        std::string default_dialect;
        std::string default_role;
        std::map<std::string, std::string> per_file;
        std::map<std::string, std::string> per_file_role;
        std::vector<services::UploadPart> parts;
        for (const auto& [name, item] : ctx.req.files) {
          if (item.filename.empty()) {
            if (name == "dialect")
              default_dialect = item.content;
            else if (name == "role")
              default_role = item.content;
            else if (name.rfind("role.", 0) == 0)
              per_file_role[name.substr(5)] = item.content;
            else if (std::string target = field_dialect_target(name); !target.empty()) {
              per_file[target] = item.content;
            }
            continue;
          }
          parts.push_back({item.filename, item.content, "", ""});
        }
        for (services::UploadPart& part : parts) {
          if (auto it = per_file.find(part.filename); it != per_file.end())
            part.dialect = it->second;
          part.role = default_role;  // form fields may follow the files
          if (auto it = per_file_role.find(part.filename); it != per_file_role.end())
            part.role = it->second;
        }
        services::UploadOutcome outcome =
            files.upload(ctx.user_id(), ctx.param("id"), std::move(parts), default_dialect);
        nlohmann::json stored = nlohmann::json::array();
        for (const auto& f : outcome.files) stored.push_back(encode_file(f));
        nlohmann::json duplicates = nlohmann::json::array();
        for (const auto& d : outcome.duplicates) {
          duplicates.push_back(
              {{"filename", d.filename}, {"existing_file", encode_file(d.existing)}});
        }
        write_json(ctx.res, outcome.files.empty() ? 200 : 201,
                   {{"files", stored},
                    {"duplicates", duplicates},
                    {"job", outcome.job ? encode_job(*outcome.job) : nlohmann::json(nullptr)}});
      });

  router.get("/api/v1/projects/{id}/files", Access::kAuthenticated, [&](RequestContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : files.list(ctx.user_id(), ctx.param("id"))) {
      items.push_back(encode_file(f));
    }
    write_json(ctx.res, 200, {{"items", items}, {"total", items.size()}});
  });

  router.get(
      "/api/v1/projects/{id}/files/{file_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
        write_json(ctx.res, 200,
                   encode_file(files.get(ctx.user_id(), ctx.param("id"), ctx.param("file_id"))));
      });

  // A window of the file's text (a diagnostic's line in context): ?from=&to=, 1-based and
  // inclusive, at most kMaxLineWindow lines; default the first 200.
  router.get("/api/v1/projects/{id}/files/{file_id}/content", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               std::vector<FieldError> errors;
               std::size_t from = line_param(ctx.req, "from", 1, errors);
               std::size_t to = line_param(ctx.req, "to", from + 199, errors);
               if (errors.empty() && to < from) {
                 errors.push_back({"to", "must not be before 'from'"});
               } else if (errors.empty() && to - from + 1 > services::kMaxLineWindow) {
                 errors.push_back({"to", "at most " + std::to_string(services::kMaxLineWindow) +
                                             " lines per request; ask for the rest in pages"});
               }
               // Membership first, so a stranger learns nothing from the query's errors.
               files.get(ctx.user_id(), ctx.param("id"), ctx.param("file_id"));
               if (!errors.empty()) {
                 throw Error(ErrorKind::kInvalidInput, "invalid line range", errors);
               }
               services::FileContent content =
                   files.content(ctx.user_id(), ctx.param("id"), ctx.param("file_id"), from, to);
               write_json(ctx.res, 200,
                          {{"file_id", content.file.id},
                           {"filename", content.file.filename},
                           {"from", content.window.from},
                           {"to", content.window.to},
                           {"total_lines", content.window.total_lines},
                           {"lines", content.window.lines},
                           {"clipped_lines", content.window.clipped},
                           {"max_line_chars", services::kMaxLineChars}});
             });

  router.del("/api/v1/projects/{id}/files/{file_id}", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               files.remove(ctx.user_id(), ctx.param("id"), ctx.param("file_id"));
               ctx.res.status = 204;
             });
}

}  // namespace godwit::server
