// /api/v1/projects/{id}/mapping/*: the mapping phase (engine run as a job, suggestions,
// decisions, custom mappings, edit and undo, rules, table coverage, audit, export and
// import), and PATCH /files/{file_id} for a file's role (source or target schema).
#include <cmath>

#include "core/error.hpp"
#include "core/text.hpp"
#include "server/encode.hpp"
#include "server/json_body.hpp"
#include "server/routes/routes.hpp"
#include "services/mapping_json.hpp"

namespace godwit::server {
namespace {

constexpr std::size_t kMaxJson = 1 << 20;
constexpr std::size_t kMaxImport = 32u << 20;

std::optional<double> query_fraction(const httplib::Request& req, const char* key,
                                     std::vector<FieldError>& errors) {
  if (!req.has_param(key)) return std::nullopt;
  std::string text = req.get_param_value(key);
  try {
    std::size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && value >= 0 && value <= 1) return value;
  } catch (const std::exception&) {
  }
  errors.push_back({key, "must be a number from 0 to 1"});
  return std::nullopt;
}

std::vector<std::string> query_list(const httplib::Request& req, const char* key) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < req.get_param_value_count(key); ++i) {
    for (const std::string& s : split(req.get_param_value(key, i), ',')) {
      std::string v = to_lower(trim(s));
      if (!v.empty()) out.push_back(v);
    }
  }
  return out;
}

services::SuggestionFilter parse_filter(const httplib::Request& req) {
  services::SuggestionFilter f;
  std::vector<FieldError> errors;
  if (req.has_param("source_table")) f.source_table = req.get_param_value("source_table");
  if (req.has_param("target_table")) f.target_table = req.get_param_value("target_table");
  f.statuses = query_list(req, "status");
  f.provenances = query_list(req, "provenance");
  f.min_confidence = query_fraction(req, "min_confidence", errors);
  f.max_confidence = query_fraction(req, "max_confidence", errors);
  if (req.has_param("sort")) {
    std::string sort = req.get_param_value("sort");
    bool descending = !sort.empty() && sort[0] == '-';
    std::string name = descending ? sort.substr(1) : sort;
    f.descending = descending;
    if (name == "confidence")
      f.sort = store::FieldMappingSort::kConfidence;
    else if (name == "source")
      f.sort = store::FieldMappingSort::kSource;
    else if (name == "target")
      f.sort = store::FieldMappingSort::kTarget;
    else if (name == "updated_at")
      f.sort = store::FieldMappingSort::kUpdatedAt;
    else {
      errors.push_back({"sort",
                        "one of confidence, source, target, updated_at; prefix - for "
                        "descending"});
    }
  }
  f.limit = query_int(req, "limit", 50, 1, 500, errors);
  f.offset = query_int(req, "offset", 0, 0, 1000000000, errors);
  if (!errors.empty()) {
    throw Error(ErrorKind::kInvalidInput,
                "the query is not valid: " + errors.front().field + " " + errors.front().message,
                errors);
  }
  return f;
}

services::Decision parse_decision(const httplib::Request& req) {
  JsonBody body = JsonBody::parse(req, kMaxJson);
  const nlohmann::json& j = body.json();
  services::Decision d;
  std::vector<FieldError> errors;
  if (j.contains("ids")) {
    if (!j["ids"].is_array()) {
      errors.push_back({"ids", "must be a list of mapping ids"});
    } else {
      for (const auto& id : j["ids"]) {
        if (id.is_string())
          d.ids.push_back(id.get<std::string>());
        else
          errors.push_back({"ids", "must be a list of strings"});
      }
    }
  }
  if (j.contains("min_confidence") && !j["min_confidence"].is_null()) {
    if (!j["min_confidence"].is_number() || j["min_confidence"].get<double>() < 0 ||
        j["min_confidence"].get<double>() > 1) {
      errors.push_back({"min_confidence", "must be a number from 0 to 1"});
    } else {
      d.min_confidence = j["min_confidence"].get<double>();
    }
  }
  if (j.contains("table") && !j["table"].is_null()) {
    if (j["table"].is_string())
      d.table = j["table"].get<std::string>();
    else
      errors.push_back({"table", "must be a table name"});
  }
  if (!d.ids.empty() && d.min_confidence) {
    errors.push_back({"ids", "give either ids or min_confidence, not both"});
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kInvalidInput,
                "the request is not valid: " + errors.front().field + " " + errors.front().message,
                errors);
  }
  return d;
}

services::FieldMappingInput parse_mapping_input(const httplib::Request& req) {
  JsonBody body = JsonBody::parse(req, kMaxJson);
  std::vector<FieldError> errors;
  services::FieldMappingInput input = services::field_mapping_input(body.json(), errors);
  if (!errors.empty()) {
    throw Error(ErrorKind::kInvalidInput,
                "the request is not valid: " + errors.front().field + " " + errors.front().message,
                errors);
  }
  return input;
}

nlohmann::json encode_page(const store::FieldMappingPage& page, int limit, int offset) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page.items) items.push_back(services::to_json(r));
  return {{"items", items}, {"total", page.total}, {"limit", limit}, {"offset", offset}};
}

}  // namespace

void add_mapping_routes(Router& router, services::MappingService& mapping,
                        services::FileService& files) {
  const std::string base = "/api/v1/projects/{id}/mapping";

  router.patch(
      "/api/v1/projects/{id}/files/{file_id}", Access::kAuthenticated, [&](RequestContext& ctx) {
        files.get(ctx.user_id(), ctx.param("id"), ctx.param("file_id"));
        JsonBody body = JsonBody::parse(ctx.req, kMaxJson);
        std::string role = body.required_string("role", 20);
        body.finish();
        write_json(ctx.res, 200,
                   encode_file(
                       files.set_role(ctx.user_id(), ctx.param("id"), ctx.param("file_id"), role)));
      });

  router.post(base + "/start", Access::kAuthenticated, [&](RequestContext& ctx) {
    store::Job job = mapping.start(ctx.user_id(), ctx.param("id"));
    write_json(ctx.res, 202, {{"job", encode_job(job)}});
  });

  router.get(base + "/status", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200, mapping.status(ctx.user_id(), ctx.param("id")));
  });

  router.post(base + "/ai-suggestions", Access::kAuthenticated, [&](RequestContext& ctx) {
    // Membership first, so a stranger learns nothing from the body's errors.
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    JsonBody body = JsonBody::parse(ctx.req, kMaxJson, true);
    int limit = 20;
    if (body.json().contains("limit")) {
      const auto& l = body.json()["limit"];
      if (!l.is_number_integer() || l.get<int>() < 1 || l.get<int>() > 200) {
        throw Error(ErrorKind::kInvalidInput, "limit must be a whole number from 1 to 200",
                    {{"limit", "must be a whole number from 1 to 200"}});
      }
      limit = l.get<int>();
    }
    services::AiSuggestions answer = mapping.ai_suggestions(ctx.user_id(), ctx.param("id"), limit);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : answer.suggestions) {
      nlohmann::json item = services::to_json(r);
      item["origin"] = r.provenance == "model" ? "llm" : "engine";
      items.push_back(std::move(item));
    }
    nlohmann::json llm = {{"used", answer.llm_used},
                          {"reason", answer.reason},
                          {"provider", answer.llm_used ? answer.provider : "offline"},
                          {"model", answer.model},
                          {"prompt", answer.prompt},
                          {"cached", answer.cached},
                          {"warnings", answer.warnings}};
    write_json(ctx.res, 200, {{"llm", llm}, {"suggestions", items}});
  });

  router.get(base + "/suggestions", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));  // membership before the query
    services::SuggestionFilter filter = parse_filter(ctx.req);
    store::FieldMappingPage page = mapping.suggestions(ctx.user_id(), ctx.param("id"), filter);
    write_json(ctx.res, 200, encode_page(page, filter.limit, filter.offset));
  });

  router.get(base + "/suggestions/{mid}", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(
        ctx.res, 200,
        services::to_json(mapping.suggestion(ctx.user_id(), ctx.param("id"), ctx.param("mid"))));
  });

  auto decide = [&](RequestContext& ctx, bool approve) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    services::Decision decision = parse_decision(ctx.req);
    services::DecisionOutcome outcome =
        mapping.decide(ctx.user_id(), ctx.param("id"), decision, approve);
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& r : outcome.changed) changed.push_back(services::to_json(r));
    write_json(ctx.res, 200,
               {{"changed", changed},
                {"changed_count", outcome.changed.size()},
                {"unchanged", outcome.unchanged},
                {"not_found", outcome.not_found}});
  };
  router.post(base + "/approve", Access::kAuthenticated,
              [decide](RequestContext& ctx) { decide(ctx, true); });
  router.post(base + "/reject", Access::kAuthenticated,
              [decide](RequestContext& ctx) { decide(ctx, false); });

  router.get(base + "/rules", Access::kAuthenticated, [&](RequestContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : mapping.rules(ctx.user_id(), ctx.param("id"))) {
      items.push_back(services::to_json(r));
    }
    write_json(ctx.res, 200, {{"items", items}, {"total", items.size()}});
  });

  router.post(base + "/rules", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    JsonBody body = JsonBody::parse(ctx.req, kMaxJson);
    services::RuleInput in;
    in.id = body.string("id", 100);
    in.name = body.string("name", 255).value_or("");
    in.description = body.string("description").value_or("");
    in.rule_type = to_lower(body.required_string("rule_type", 50));
    in.target_table = body.string("target_table", 1000).value_or("");
    in.target_column = body.string("target_column", 1000).value_or("");
    in.transformation = body.string("transformation").value_or("");
    std::vector<FieldError> errors;
    if (body.json().contains("source_columns")) {
      const auto& list = body.json()["source_columns"];
      nlohmann::json input = {{"sources", list}};
      services::FieldMappingInput parsed = services::field_mapping_input(input, errors);
      if (parsed.sources) in.source_columns = *parsed.sources;
    }
    if (body.json().contains("definition")) in.definition = body.json()["definition"];
    body.finish();
    if (!errors.empty()) {
      for (FieldError& e : errors) e.field = "source_columns" + e.field.substr(7);
      throw Error(ErrorKind::kInvalidInput, "source_columns: " + errors.front().message, errors);
    }
    bool update = in.id.has_value();
    store::MappingRuleRecord rule = mapping.save_rule(ctx.user_id(), ctx.param("id"), in);
    write_json(ctx.res, update ? 200 : 201, services::to_json(rule));
  });

  router.post(base + "/custom", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    services::FieldMappingInput input = parse_mapping_input(ctx.req);
    write_json(ctx.res, 201,
               services::to_json(mapping.custom(ctx.user_id(), ctx.param("id"), input)));
  });

  router.patch(base + "/suggestions/{mid}", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.suggestion(ctx.user_id(), ctx.param("id"), ctx.param("mid"));
    services::FieldMappingInput input = parse_mapping_input(ctx.req);
    write_json(
        ctx.res, 200,
        services::to_json(mapping.edit(ctx.user_id(), ctx.param("id"), ctx.param("mid"), input)));
  });

  router.post(base + "/suggestions/{mid}/undo", Access::kAuthenticated, [&](RequestContext& ctx) {
    write_json(ctx.res, 200,
               services::to_json(mapping.undo(ctx.user_id(), ctx.param("id"), ctx.param("mid"))));
  });

  router.get(base + "/table-mappings", Access::kAuthenticated, [&](RequestContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : mapping.table_mappings(ctx.user_id(), ctx.param("id"))) {
      items.push_back(services::to_json(t));
    }
    write_json(ctx.res, 200, {{"items", items}, {"total", items.size()}});
  });

  router.get(base + "/audit", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    std::vector<FieldError> errors;
    int limit = query_int(ctx.req, "limit", 50, 1, 500, errors);
    int offset = query_int(ctx.req, "offset", 0, 0, 1000000000, errors);
    if (!errors.empty()) {
      throw Error(ErrorKind::kInvalidInput,
                  "the query is not valid: " + errors.front().field + " " + errors.front().message,
                  errors);
    }
    std::optional<std::string> mapping_id;
    if (ctx.req.has_param("mapping_id")) mapping_id = ctx.req.get_param_value("mapping_id");
    store::MappingAuditPage page =
        mapping.audit(ctx.user_id(), ctx.param("id"), mapping_id, limit, offset);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : page.items) items.push_back(services::to_json(e));
    write_json(ctx.res, 200,
               {{"items", items}, {"total", page.total}, {"limit", limit}, {"offset", offset}});
  });

  router.get(base + "/export", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    std::string format = ctx.req.has_param("format") ? ctx.req.get_param_value("format") : "json";
    if (format == "csv") {
      ctx.res.status = 200;
      ctx.res.set_header("Content-Disposition", "attachment; filename=\"mapping.csv\"");
      ctx.res.set_content(mapping.export_csv(ctx.user_id(), ctx.param("id")), "text/csv");
      return;
    }
    if (format != "json") {
      throw Error(ErrorKind::kInvalidInput, "format is csv or json",
                  {{"format", "must be csv or json"}});
    }
    write_json(ctx.res, 200, mapping.export_json(ctx.user_id(), ctx.param("id")));
  });

  router.post(base + "/import", Access::kAuthenticated, [&](RequestContext& ctx) {
    mapping.table_mappings(ctx.user_id(), ctx.param("id"));
    std::string type = to_lower(ctx.req.get_header_value("Content-Type"));
    if (ctx.req.body.size() > kMaxImport) {
      throw Error(ErrorKind::kTooLarge, "an import is at most 32 MiB");
    }
    services::ImportOutcome outcome;
    if (type.rfind("text/csv", 0) == 0) {
      outcome = mapping.import_csv(ctx.user_id(), ctx.param("id"), ctx.req.body);
    } else if (type.rfind("application/json", 0) == 0) {
      nlohmann::json document = nlohmann::json::parse(ctx.req.body, nullptr, false);
      if (document.is_discarded() || !document.is_object()) {
        throw Error(ErrorKind::kInvalidInput, "the body is not a JSON mapping document");
      }
      outcome = mapping.import_json(ctx.user_id(), ctx.param("id"), document);
    } else {
      throw Error(ErrorKind::kUnsupportedType,
                  "send the mapping as text/csv (the spreadsheet form) or application/json (the "
                  "mapping document)");
    }
    write_json(ctx.res, 200,
               {{"created", outcome.created},
                {"updated", outcome.updated},
                {"unchanged", outcome.unchanged}});
  });
}

}  // namespace godwit::server
