// /api/v1/projects/{id}/codegen/*: generate code for each platform from the approved
// mappings, list and read the files, download them (one file or a zip), the
// optimisation advice and applying it, and verification of the stored files.
#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"

namespace godwit::server {
namespace {

constexpr std::size_t kMaxBody = 64 * 1024;

std::string query(const RequestContext& ctx, const char* key) {
  return ctx.req.has_param(key) ? ctx.req.get_param_value(key) : std::string();
}

bool query_flag(const RequestContext& ctx, const char* key) {
  std::string v = to_lower(query(ctx, key));
  return v == "1" || v == "true" || v == "yes";
}

/// Content-Disposition with a name safe in a quoted string (no quotes, no controls).
std::string attachment(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  std::string safe;
  for (char c : name)
    safe += (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
  return "attachment; filename=\"" + safe + "\"";
}

nlohmann::json code_json(const store::GeneratedCode& c) {
  auto parse = [](const std::string& text, nlohmann::json fallback) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
  };
  return {{"id", c.id},
          {"generation_id", c.generation_id},
          {"platform", c.platform},
          {"path", c.path},
          {"language", c.language},
          {"dialect", c.dialect},
          {"size", c.size},
          {"content", c.content},
          {"provenance", parse(c.provenance, nlohmann::json::array())},
          {"verification", parse(c.verification, nlohmann::json::object())},
          {"created_at", c.created_at}};
}

}  // namespace

void add_codegen_routes(Router& router, services::CodegenService& codegen) {
  router.post("/api/v1/projects/{id}/codegen/start", Access::kAuthenticated,
              [&](RequestContext& ctx) {
                JsonBody body = JsonBody::parse(ctx.req, kMaxBody, true);
                store::Job job = codegen.start(ctx.user_id(), ctx.param("id"), body.json());
                write_json(ctx.res, 202, {{"job", encode_job(job)}});
              });

  router.get("/api/v1/projects/{id}/codegen/status", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               write_json(ctx.res, 200, codegen.status(ctx.user_id(), ctx.param("id")));
             });

  router.post(
      "/api/v1/projects/{id}/codegen/generate", Access::kAuthenticated, [&](RequestContext& ctx) {
        JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
        write_json(ctx.res, 201, codegen.generate(ctx.user_id(), ctx.param("id"), body.json()));
      });

  router.get("/api/v1/projects/{id}/codegen/codes", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               write_json(ctx.res, 200,
                          codegen.codes(ctx.user_id(), ctx.param("id"), query(ctx, "platform"),
                                        query(ctx, "generation_id"), query_flag(ctx, "content")));
             });

  router.get("/api/v1/projects/{id}/codegen/codes/{code_id}", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               write_json(
                   ctx.res, 200,
                   code_json(codegen.code(ctx.user_id(), ctx.param("id"), ctx.param("code_id"))));
             });

  router.get("/api/v1/projects/{id}/codegen/codes/{code_id}/download", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               store::GeneratedCode c =
                   codegen.code(ctx.user_id(), ctx.param("id"), ctx.param("code_id"));
               ctx.res.status = 200;
               ctx.res.set_header("Content-Disposition", attachment(c.path));
               ctx.res.set_content(c.content, "text/plain; charset=utf-8");
             });

  router.get("/api/v1/projects/{id}/codegen/download", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               services::CodeArchive zip =
                   codegen.archive(ctx.user_id(), ctx.param("id"), query(ctx, "platform"));
               ctx.res.status = 200;
               ctx.res.set_header("Content-Disposition", attachment(zip.filename));
               ctx.res.set_content(zip.bytes, "application/zip");
             });

  router.get("/api/v1/projects/{id}/codegen/generations", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               write_json(
                   ctx.res, 200,
                   codegen.generations(ctx.user_id(), ctx.param("id"), query(ctx, "platform")));
             });

  router.get("/api/v1/projects/{id}/codegen/optimizations", Access::kAuthenticated,
             [&](RequestContext& ctx) {
               write_json(
                   ctx.res, 200,
                   codegen.optimizations(ctx.user_id(), ctx.param("id"), query(ctx, "platform")));
             });

  router.post(
      "/api/v1/projects/{id}/codegen/optimize", Access::kAuthenticated, [&](RequestContext& ctx) {
        JsonBody body = JsonBody::parse(ctx.req, kMaxBody);
        write_json(ctx.res, 201, codegen.optimize(ctx.user_id(), ctx.param("id"), body.json()));
      });

  router.post(
      "/api/v1/projects/{id}/codegen/validate", Access::kAuthenticated, [&](RequestContext& ctx) {
        JsonBody body = JsonBody::parse(ctx.req, kMaxBody, true);
        write_json(ctx.res, 200, codegen.validate(ctx.user_id(), ctx.param("id"), body.json()));
      });
}

}  // namespace godwit::server
