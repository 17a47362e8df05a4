// The LLM client (see llm_client.hpp).
#include "llm/llm_client.hpp"

#include <ctime>
#include <thread>

#include "core/error.hpp"
#include "llm/json_schema.hpp"

namespace godwit::llm {
namespace {

Diagnostic make_diagnostic(Severity severity, std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message = std::move(message);
  return d;
}

std::string failure_code(FailureKind kind) {
  switch (kind) {
    case FailureKind::kOffline: return "I-LLM-OFFLINE";
    case FailureKind::kTimeout: return "W-LLM-TIMEOUT";
    case FailureKind::kNetwork: return "W-LLM-NETWORK";
    case FailureKind::kRateLimited: return "W-LLM-RATE-LIMITED";
    case FailureKind::kServerError:
    case FailureKind::kHttpError: return "W-LLM-HTTP";
    case FailureKind::kMalformed: return "W-LLM-MALFORMED";
    case FailureKind::kTruncated: return "W-LLM-TRUNCATED";
    case FailureKind::kRefused: return "W-LLM-REFUSED";
  }
  return "W-LLM-FAILED";
}

constexpr const char* kFallbackNote = "; the deterministic engine answered instead";

}  // namespace

std::string_view to_string(AnswerSource source) {
  switch (source) {
    case AnswerSource::kLlm: return "llm";
    case AnswerSource::kCache: return "cache";
    case AnswerSource::kOffline: return "offline";
  }
  return "offline";
}

nlohmann::json to_json(const Provenance& p) {
  return {{"ai_generated", p.ai_generated},
          {"provider", p.provider},
          {"model", p.model},
          {"prompt", p.prompt_name},
          {"prompt_version", p.prompt_version},
          {"cached", p.cached}};
}

LlmClient::LlmClient(LlmSettings settings, ResponseCache* cache, UsageLedger* ledger)
    : settings_(std::move(settings)),
      cache_(cache),
      ledger_(ledger),
      sleep_([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }),
      clock_([] { return std::chrono::system_clock::now(); }),
      random_(std::random_device{}()) {}

std::string LlmClient::current_month() const {
  std::time_t t = std::chrono::system_clock::to_time_t(clock_());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
  return text;
}

std::chrono::milliseconds LlmClient::retry_delay(const LlmSettings& s, int retry,
                                                 const ProviderFailure& failure) {
  if (failure.retry_after) return *failure.retry_after;
  long long base = std::max<long long>(0, s.backoff_base.count());
  long long cap = std::max<long long>(base, s.backoff_max.count());
  long long delay = base;
  for (int i = 1; i < retry && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  long long half = delay / 2;
  std::lock_guard lock(random_mutex_);
  std::uniform_int_distribution<long long> jitter(0, delay - half);
  return std::chrono::milliseconds(half + jitter(random_));
}

AskResult LlmClient::ask(const AskRequest& req) {
  AskResult result;
  LlmSettings s = apply_overrides(settings_, req.overrides);
  const Prompt* prompt = find_prompt(req.prompt_name);
  if (prompt) {
    result.provenance.prompt_name = prompt->name;
    result.provenance.prompt_version = prompt->version;
  }
  std::string month = current_month();

  auto fall_back = [&](Severity severity, std::string code, std::string message) {
    result.diagnostics.push_back(make_diagnostic(severity, std::move(code), std::move(message)));
    result.source = AnswerSource::kOffline;
    result.provenance.ai_generated = false;
    result.provenance.provider = "offline";
    result.provenance.model = "";
    result.provenance.cached = false;
    result.answer = nlohmann::json();
    if (req.offline_answer) result.answer = req.offline_answer();
    return result;
  };
  auto account = [&](const TokenUsage& usage, const std::string& model,
                     const std::string& outcome) {
    result.usage.input_tokens += usage.input_tokens;
    result.usage.output_tokens += usage.output_tokens;
    if (!ledger_ || usage.total() == 0) return;
    UsageRecord record;
    record.user_id = req.user_id;
    record.project_id = req.project_id;
    record.month = month;
    record.provider = std::string(to_string(s.provider));
    record.model = model;
    record.prompt_id = prompt ? prompt->id() : req.prompt_name;
    record.usage = usage;
    record.cost_micro_usd = cost_micro_usd(s, usage);
    record.outcome = outcome;
    try {
      ledger_->record(record);
    } catch (const std::exception& e) {
      result.diagnostics.push_back(
          make_diagnostic(Severity::kWarning, "W-LLM-ACCOUNTING",
                          std::string("LLM usage could not be recorded: ") + e.what()));
    }
  };

  if (!prompt) {
    return fall_back(Severity::kWarning, "W-LLM-CONFIG",
                     "no prompt named '" + req.prompt_name + "' is built in" + kFallbackNote);
  }
  if (s.provider == ProviderKind::kOffline) {
    return fall_back(Severity::kInfo, "I-LLM-OFFLINE",
                     "no LLM provider is configured (GODWIT_LLM_PROVIDER=offline): the "
                     "deterministic engine answered");
  }
  if (std::string problem = settings_problem(s); !problem.empty()) {
    return fall_back(Severity::kWarning, "W-LLM-CONFIG", problem + kFallbackNote);
  }
  RenderedPrompt rendered;
  try {
    rendered = render_prompt(*prompt, req.data, req.allow_sample_values);
  } catch (const Error& e) {
    return fall_back(Severity::kWarning, "W-LLM-CONFIG", std::string(e.what()) + kFallbackNote);
  }
  if (rendered.system.size() + rendered.user.size() > kMaxPromptChars) {
    return fall_back(Severity::kWarning, "W-LLM-TOO-LARGE",
                     "the prompt would be " +
                         std::to_string(rendered.system.size() + rendered.user.size()) +
                         " characters, more than the " + std::to_string(kMaxPromptChars) +
                         " Godwit sends in one request" + kFallbackNote);
  }

  CompletionRequest creq;
  creq.messages = {{Role::kSystem, rendered.system}, {Role::kUser, rendered.user}};
  creq.answer_schema = prompt->answer_schema;
  creq.schema_name = prompt->schema_name;
  creq.model = s.model.empty() ? default_model(s.provider) : s.model;
  creq.temperature = s.temperature;
  creq.max_tokens = s.max_tokens;
  creq.timeout = s.timeout;

  auto finish = [&](nlohmann::json answer, AnswerSource source, const std::string& provider,
                    const std::string& model) {
    result.diagnostics.push_back(make_diagnostic(
        Severity::kInfo, "I-LLM-AI-GENERATED",
        "answer generated by " + provider + " " + model + " with prompt " + prompt->id() +
            (source == AnswerSource::kCache ? " (from the cache)" : "")));
    auto dropped = drop_unknown_references(answer, prompt->references, req.catalog);
    result.diagnostics.insert(result.diagnostics.end(), dropped.begin(), dropped.end());
    result.answer = std::move(answer);
    result.source = source;
    result.provenance.ai_generated = true;
    result.provenance.provider = provider;
    result.provenance.model = model;
    result.provenance.cached = source == AnswerSource::kCache;
    return result;
  };

  std::string key = cache_key(s, prompt->id(), creq);
  if (s.cache && cache_) {
    try {
      if (auto hit = cache_->find(key)) {
        // Re-checked on every hit: the cache may be shared or older than this binary.
        if (validate_json(prompt->answer_schema, hit->answer).empty() &&
            !find_hostile_content(hit->answer)) {
          return finish(std::move(hit->answer), AnswerSource::kCache, hit->provider, hit->model);
        }
      }
    } catch (const std::exception& e) {
      result.diagnostics.push_back(
          make_diagnostic(Severity::kWarning, "W-LLM-CACHE",
                          std::string("the LLM cache could not be read: ") + e.what()));
    }
  }

  if (ledger_) {
    UsageTotals project, user;
    try {
      project = ledger_->project_month(req.project_id, month);
      user = ledger_->user_month(req.user_id, month);
    } catch (const std::exception& e) {
      return fall_back(Severity::kWarning, "W-LLM-ACCOUNTING",
                       std::string("LLM usage could not be read, so the monthly limits cannot be "
                                   "enforced: ") +
                           e.what() + kFallbackNote);
    }
    std::string over;
    if (s.project_monthly_token_limit > 0 && project.tokens() >= s.project_monthly_token_limit) {
      over = "this project used " + std::to_string(project.tokens()) + " LLM tokens in " + month +
             ", its monthly limit is " + std::to_string(s.project_monthly_token_limit) +
             " (GODWIT_LLM_MONTHLY_TOKENS)";
    } else if (s.user_monthly_token_limit > 0 && !req.user_id.empty() &&
               user.tokens() >= s.user_monthly_token_limit) {
      over = "you used " + std::to_string(user.tokens()) + " LLM tokens in " + month +
             ", the monthly limit per user is " + std::to_string(s.user_monthly_token_limit) +
             " (GODWIT_LLM_USER_MONTHLY_TOKENS)";
    } else if (s.project_monthly_cost_limit_micro_usd > 0 &&
               project.cost_micro_usd >= s.project_monthly_cost_limit_micro_usd) {
      char spent[32];
      std::snprintf(spent, sizeof spent, "%.2f", static_cast<double>(project.cost_micro_usd) / 1e6);
      over = "this project spent " + std::string(spent) + " USD on LLM calls in " + month +
             ", its monthly limit (GODWIT_LLM_MONTHLY_COST_USD) is reached";
    }
    if (!over.empty()) {
      return fall_back(
          Severity::kWarning, "W-LLM-BUDGET",
          "monthly LLM limit reached: " + over +
              "; the deterministic engine answered. Raise the limit or wait for next month");
    }
  }

  std::unique_ptr<Provider> provider = make_provider(s);
  std::optional<CompletionResponse> response;
  int max_attempts = std::max(1, s.max_attempts);
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    CompletionOutcome outcome;
    try {
      outcome = provider->complete(creq);
    } catch (const std::exception& e) {
      outcome.failure =
          make_failure(FailureKind::kMalformed,
                       std::string("the provider answer could not be read: ") + e.what());
    }
    result.attempts = attempt;
    if (outcome.ok()) {
      response = std::move(outcome.response);
      break;
    }
    const ProviderFailure& f = outcome.failure;
    account(f.usage, creq.model, std::string(to_string(f.kind)));
    std::string tried =
        " (attempt " + std::to_string(attempt) + " of " + std::to_string(max_attempts) + ")";
    if (!f.retryable() || attempt == max_attempts) {
      return fall_back(Severity::kWarning, failure_code(f.kind), f.message + tried + kFallbackNote);
    }
    std::chrono::milliseconds delay = retry_delay(s, attempt, f);
    if (delay > s.max_retry_after) {
      return fall_back(Severity::kWarning, failure_code(f.kind),
                       f.message + tried + "; the provider asked to wait " +
                           std::to_string(delay.count() / 1000) + " s, longer than Godwit waits" +
                           kFallbackNote);
    }
    result.diagnostics.push_back(make_diagnostic(
        Severity::kInfo, "I-LLM-RETRY",
        f.message + tried + "; retrying in " + std::to_string(delay.count()) + " ms"));
    sleep_(delay);
  }
  if (!response) {
    return fall_back(Severity::kWarning, "W-LLM-FAILED",
                     "the LLM gave no answer" + std::string(kFallbackNote));
  }

  auto violations = validate_json(prompt->answer_schema, response->answer, 5);
  if (!violations.empty()) {
    account(response->usage, response->model, "schema_violation");
    std::string list;
    for (const SchemaViolation& v : violations) {
      if (!list.empty()) list += "; ";
      list += (v.pointer.empty() ? "/" : v.pointer) + ": " + v.message;
    }
    return fall_back(Severity::kWarning, "W-LLM-SCHEMA",
                     "the LLM answer does not match the schema of " + prompt->id() + " (" + list +
                         ")" + kFallbackNote);
  }
  if (auto hostile = find_hostile_content(response->answer)) {
    account(response->usage, response->model, "hostile");
    return fall_back(Severity::kWarning, "W-LLM-HOSTILE",
                     "discarded the LLM answer: " + *hostile + kFallbackNote);
  }
  account(response->usage, response->model, "ok");
  if (s.cache && cache_) {
    try {
      cache_->store(
          key, prompt->id(),
          CachedAnswer{response->answer, response->provider, response->model, response->usage});
    } catch (const std::exception& e) {
      result.diagnostics.push_back(
          make_diagnostic(Severity::kWarning, "W-LLM-CACHE",
                          std::string("the LLM cache could not be written: ") + e.what()));
    }
  }
  return finish(std::move(response->answer), AnswerSource::kLlm, response->provider,
                response->model);
}

}  // namespace godwit::llm
