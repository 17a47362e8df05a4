// LLM usage accounting (see llm_usage_repository.hpp).
#include "store/repositories/llm_usage_repository.hpp"

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

bool is_month(const std::string& month) {
  return month.size() == 7 && month[4] == '-' && month.find_first_not_of("0123456789", 0) == 4 &&
         month.substr(5).find_first_not_of("0123456789") == std::string::npos;
}

struct UsageRow {
  std::string id, project_id, user_id, month, provider, model_name, prompt, outcome, created_at;
  long long input_tokens = 0, output_tokens = 0, cost = 0;
  soci::indicator project_ind = soci::i_ok, user_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id, project_ind), soci::into(user_id, user_ind),
        soci::into(month), soci::into(provider), soci::into(model_name), soci::into(prompt),
        soci::into(input_tokens), soci::into(output_tokens), soci::into(cost), soci::into(outcome),
        soci::into(created_at);
  }

  LlmUsageEntry model() const {
    LlmUsageEntry e;
    e.id = id;
    e.project_id = detail::optional_text(project_id, project_ind);
    e.user_id = detail::optional_text(user_id, user_ind);
    e.month = month;
    e.provider = provider;
    e.model = model_name;
    e.prompt = prompt;
    e.input_tokens = input_tokens;
    e.output_tokens = output_tokens;
    e.cost_micro_usd = cost;
    e.outcome = outcome;
    e.created_at = detail::timestamp_from_db(created_at);
    return e;
  }
};

struct SumRow {
  long long input_tokens = 0, output_tokens = 0, cost = 0, calls = 0;
  void bind(detail::Binder& p) {
    p, soci::into(input_tokens), soci::into(output_tokens), soci::into(cost), soci::into(calls);
  }
  LlmUsageSum model() const { return {input_tokens, output_tokens, cost, calls}; }
};

}  // namespace

void LlmUsageRepository::append(LlmUsageEntry entry) {
  auto bad_id = [](const std::optional<std::string>& id) { return id && !detail::is_id(*id); };
  if (bad_id(entry.project_id) || bad_id(entry.user_id)) {
    throw Error(ErrorKind::kInvalidInput, "LLM usage needs project and user ids that are UUIDs");
  }
  if (!is_month(entry.month)) {
    throw Error(ErrorKind::kInvalidInput,
                "LLM usage month must read YYYY-MM, got '" + entry.month + "'");
  }
  if (entry.input_tokens < 0 || entry.output_tokens < 0 || entry.cost_micro_usd < 0) {
    throw Error(ErrorKind::kInvalidInput, "LLM usage counts cannot be negative");
  }
  entry.id = new_uuid();
  entry.created_at = detail::now_timestamp();
  Params params;
  params.text("id", entry.id)
      .nullable_text("project_id", entry.project_id)
      .nullable_text("user_id", entry.user_id)
      .text("month", entry.month)
      .text("provider", entry.provider)
      .text("model", entry.model)
      .text("prompt", entry.prompt)
      .integer("input_tokens", entry.input_tokens)
      .integer("output_tokens", entry.output_tokens)
      .integer("cost", entry.cost_micro_usd)
      .text("outcome", entry.outcome)
      .text("created_at", entry.created_at);
  detail::execute(db_,
                  "INSERT INTO llm_usage (id, project_id, user_id, month, provider, model, prompt,"
                  " input_tokens, output_tokens, cost_micro_usd, outcome, created_at) VALUES (:id,"
                  " :project_id, :user_id, :month, :provider, :model, :prompt, :input_tokens,"
                  " :output_tokens, :cost, :outcome, :created_at)",
                  params);
}

LlmUsageSum LlmUsageRepository::sum(const char* column, const std::string& id,
                                    const std::string& month) {
  if (!detail::is_id(id) || !is_month(month)) return {};
  Params params;
  params.text("id", id).text("month", month);
  auto row = detail::query_one<SumRow>(
      db_,
      "SELECT CAST(COALESCE(SUM(input_tokens), 0) AS BIGINT),"
      " CAST(COALESCE(SUM(output_tokens), 0) AS BIGINT),"
      " CAST(COALESCE(SUM(cost_micro_usd), 0) AS BIGINT), CAST(COUNT(*) AS BIGINT)"
      " FROM llm_usage WHERE " +
          std::string(column) + " = :id AND month = :month",
      params);
  return row.value_or(LlmUsageSum{});
}

LlmUsageSum LlmUsageRepository::project_month(const std::string& project_id,
                                              const std::string& month) {
  return sum("project_id", project_id, month);
}

LlmUsageSum LlmUsageRepository::user_month(const std::string& user_id, const std::string& month) {
  return sum("user_id", user_id, month);
}

std::vector<LlmUsageEntry> LlmUsageRepository::project_entries(const std::string& project_id,
                                                               const std::string& month,
                                                               int limit) {
  if (!detail::is_id(project_id) || !is_month(month)) return {};
  Params params;
  params.text("project_id", project_id).text("month", month).integer("limit", limit);
  return detail::query_all<UsageRow>(
      db_,
      "SELECT id, project_id, user_id, month, provider, model, prompt, input_tokens,"
      " output_tokens, cost_micro_usd, outcome, created_at FROM llm_usage"
      " WHERE project_id = :project_id AND month = :month ORDER BY created_at DESC, id DESC"
      " LIMIT :limit",
      params);
}

}  // namespace godwit::store
