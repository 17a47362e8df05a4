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
        write_json(
            ctx.res, 200,
            encode_file(files.get(ctx.user_id(), ctx.param("id"), ctx.param("file_id"))));
      });

  router.del("/api/v1/projects/{id}/files/{file_id}", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               files.remove(ctx.user_id(), ctx.param("id"), ctx.param("file_id"));
               ctx.res.status = 204;
             });
}

}  // namespace godwit::server
