// The BigQuery protocol fake (see fake_bigquery.hpp).
#include "fake_bigquery.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace godwit::validation::testing {

namespace {

void error_reply(httplib::Response& res, int status, const std::string& reason,
                 const std::string& message, const std::string& grpc_status) {
  res.status = status;
  nlohmann::json body = {
      {"error",
       {{"code", status},
        {"message", message},
        {"errors", {{{"message", message}, {"domain", "global"}, {"reason", reason}}}},
        {"status", grpc_status}}}};
  res.set_content(body.dump(), "application/json");
}

std::string bigquery_type(const FakeResult& result, std::size_t column) {
  const std::string& declared = result.declared_types[column];
  if (!declared.empty()) return declared;
  for (const auto& storage : result.storage) {
    switch (storage[column]) {
      case SQLITE_INTEGER: return "INT64";
      case SQLITE_FLOAT: return "FLOAT64";
      case SQLITE_BLOB: return "BYTES";
      case SQLITE_TEXT: return "STRING";
      default: break;
    }
  }
  return "STRING";
}

// GoogleSQL functions the keyed diff sends that SQLite lacks.

void concat_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* text = sqlite3_value_text(argv[i]);
    out.append(reinterpret_cast<const char*>(text),
               static_cast<std::size_t>(sqlite3_value_bytes(argv[i])));
  }
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void md5_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const auto* text = sqlite3_value_text(argv[0]);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0])), digest, &length,
             EVP_md5(), nullptr);
  sqlite3_result_blob(ctx, digest, static_cast<int>(length), SQLITE_TRANSIENT);
}

void to_hex_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* bytes = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  std::string out;
  for (int i = 0; i < sqlite3_value_bytes(argv[0]); ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void div_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(ctx);
  }
  const std::int64_t divisor = sqlite3_value_int64(argv[1]);
  if (divisor == 0) return sqlite3_result_error(ctx, "division by zero: DIV", -1);
  sqlite3_result_int64(ctx, sqlite3_value_int64(argv[0]) / divisor);
}

/// CAST(CONCAT('0x', hex) AS INT64) in GoogleSQL; SQLite casts such text to 0.
void hex_int64_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const char* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  sqlite3_result_int64(ctx, static_cast<std::int64_t>(std::strtoull(text, nullptr, 16)));
}

__extension__ typedef __int128 Int128;  // GCC and Clang

/// sum() of INT64 values that may pass 2^63: GoogleSQL sums the diff's NUMERIC hashes
/// exactly, SQLite's sum() fails with "integer overflow". The total is text when wide.
void wide_sum_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  // SQLite aligns the aggregate's memory to 8 bytes only: copy the total in and out.
  void* slot = sqlite3_aggregate_context(ctx, sizeof(Int128));
  if (slot == nullptr || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  Int128 total = 0;
  std::memcpy(&total, slot, sizeof total);
  total += sqlite3_value_int64(argv[0]);
  std::memcpy(slot, &total, sizeof total);
}

void wide_sum_final(sqlite3_context* ctx) {
  void* slot = sqlite3_aggregate_context(ctx, 0);
  if (slot == nullptr) return sqlite3_result_null(ctx);
  Int128 v = 0;
  std::memcpy(&v, slot, sizeof v);
  const bool negative = v < 0;
  std::string digits;
  do {
    const int digit = static_cast<int>(v % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    v /= 10;
  } while (v != 0);
  if (negative) digits.insert(digits.begin(), '-');
  sqlite3_result_text(ctx, digits.data(), static_cast<int>(digits.size()), SQLITE_TRANSIENT);
}

/// GoogleSQL spellings SQLite reads differently, replaced before a statement runs.
const std::vector<std::pair<std::string, std::string>>& dialect_shims() {
  static const std::vector<std::pair<std::string, std::string>> shims = {
      {" AS STRING)", " AS TEXT)"},  // SQLite gives STRING numeric affinity
      {"CONCAT('0x', ", "FAKE_HEX_INT64("},
      {"coalesce(sum(", "coalesce(FAKE_WIDE_SUM("},
      {"'\\x1f'", "char(31)"},
      {"'\\x1e'", "char(30)"},
  };
  return shims;
}

void replace_all(std::string& sql, const std::string& from, const std::string& to) {
  for (auto at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) {
    sql.replace(at, from.size(), to);
  }
}

/// One token of a statement, as far as finding comparisons needs.
struct Token {
  enum Kind { kWord, kParameter, kOperator, kPunct, kLiteral } kind;
  std::string text;  ///< words lower case, quoted identifiers unquoted
};

std::vector<Token> tokenize(const std::string& sql) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'' || c == '"') {
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] != c) j += sql[j] == '\\' ? 2 : 1;
      out.push_back({Token::kLiteral, sql.substr(i, j + 1 - i)});
      i = j + 1;
    } else if (c == '`') {
      const std::size_t j = sql.find('`', i + 1);
      std::string name = sql.substr(i + 1, j - i - 1);
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.push_back({Token::kWord, name});
      i = j == std::string::npos ? sql.size() : j + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      std::string word;
      while (j < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[j++])));
      }
      out.push_back({Token::kWord, word});
      i = j;
    } else if (c == '?') {
      out.push_back({Token::kParameter, "?"});
      ++i;
    } else if (c == '<' || c == '>' || c == '=' || c == '!') {
      std::size_t j = i;
      while (j < sql.size() && std::string_view("<>=!").find(sql[j]) != std::string_view::npos) ++j;
      out.push_back({Token::kOperator, sql.substr(i, j - i)});
      i = j;
    } else {
      out.push_back({Token::kPunct, std::string(1, c)});
      ++i;
    }
  }
  return out;
}

/// For each positional parameter, in order: the column it is compared with directly
/// (`col op ?`, `? op col`, `col IN (?, ...)`) and the operator; empty when none (a CAST
/// around the parameter, a LIMIT, a SELECT list ...).
std::vector<std::pair<std::string, std::string>> parameter_comparisons(const std::string& sql) {
  const std::vector<Token> tokens = tokenize(sql);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].kind != Token::kParameter) continue;
    std::pair<std::string, std::string> found;
    if (t >= 2 && tokens[t - 1].kind == Token::kOperator && tokens[t - 2].kind == Token::kWord) {
      found = {tokens[t - 2].text, tokens[t - 1].text};
    } else if (t + 2 < tokens.size() && tokens[t + 1].kind == Token::kOperator &&
               tokens[t + 2].kind == Token::kWord) {
      found = {tokens[t + 2].text, tokens[t + 1].text};
    } else {
      std::size_t j = t;
      while (j > 0 && (tokens[j - 1].kind == Token::kParameter || tokens[j - 1].text == ",")) --j;
      if (j >= 3 && tokens[j - 1].text == "(" && tokens[j - 2].text == "in" &&
          tokens[j - 3].kind == Token::kWord) {
        found = {tokens[j - 3].text, "IN"};
      }
    }
    out.push_back(std::move(found));
  }
  return out;
}

bool is_typed_column(const std::string& type) {
  static const std::set<std::string> typed = {"INT64", "NUMERIC",  "BIGNUMERIC", "FLOAT64", "BOOL",
                                              "DATE",  "DATETIME", "TIMESTAMP",  "TIME"};
  return typed.contains(type);
}

}  // namespace

const RsaKey& FakeBigQuery::key() {
  static const RsaKey shared;
  return shared;
}

const RsaKey& FakeBigQuery::other_key() {
  static const RsaKey shared;
  return shared;
}

FakeBigQuery::FakeBigQuery(bool tls)
    : tls_(tls ? std::make_unique<TlsIdentity>() : nullptr), server_(tls_.get()) {
  sqlite3* db = database_.handle();
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  sqlite3_create_function(db, "CONCAT", -1, flags, nullptr, concat_function, nullptr, nullptr);
  sqlite3_create_function(db, "MD5", 1, flags, nullptr, md5_function, nullptr, nullptr);
  sqlite3_create_function(db, "TO_HEX", 1, flags, nullptr, to_hex_function, nullptr, nullptr);
  sqlite3_create_function(db, "DIV", 2, flags, nullptr, div_function, nullptr, nullptr);
  sqlite3_create_function(db, "FAKE_HEX_INT64", 1, flags, nullptr, hex_int64_function, nullptr,
                          nullptr);
  sqlite3_create_function(db, "FAKE_WIDE_SUM", 1, flags, nullptr, nullptr, wide_sum_step,
                          wide_sum_final);
  auto& http = server_.http();
  http.Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
    ++token_requests;
    auto form = parse_form(req.body);
    auto refuse = [&](const std::string& why) {
      res.status = 400;
      res.set_content(nlohmann::json{{"error", "invalid_grant"}, {"error_description", why}}.dump(),
                      "application/json");
    };
    if (req.get_header_value("Content-Type") != "application/x-www-form-urlencoded") {
      return refuse("Bad Request");
    }
    if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return refuse("Invalid grant_type");
    }
    const std::string& assertion = form["assertion"];
    const auto first = assertion.find('.');
    const auto second = assertion.find('.', first + 1);
    if (first == std::string::npos || second == std::string::npos) return refuse("Invalid JWT");
    auto header = base64_decode(assertion.substr(0, first));
    auto claims_text = base64_decode(assertion.substr(first + 1, second - first - 1));
    auto signature = base64_decode(assertion.substr(second + 1));
    if (!header || !claims_text || !signature) return refuse("Invalid JWT");
    auto h = nlohmann::json::parse(*header, nullptr, false);
    if (!h.is_object() || h.value("alg", "") != "RS256") return refuse("Invalid JWT algorithm");
    if (!key().verify(assertion.substr(0, second), *signature)) {
      return refuse("Invalid JWT Signature.");
    }
    auto claims = nlohmann::json::parse(*claims_text, nullptr, false);
    const std::int64_t now = std::time(nullptr);
    if (!claims.is_object() || claims.value("iss", "") != kEmail ||
        claims.value("aud", "") != server_.base_url() + "/token" ||
        claims.value("scope", "").find("https://www.googleapis.com/auth/bigquery") ==
            std::string::npos ||
        !claims["iat"].is_number_integer() || !claims["exp"].is_number_integer() ||
        claims["iat"].get<std::int64_t>() > now + 60 || claims["exp"].get<std::int64_t>() <= now ||
        claims["exp"].get<std::int64_t>() - claims["iat"].get<std::int64_t>() > 3600) {
      return refuse("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe");
    }
    std::string token;
    {
      std::lock_guard lock(jobs_mutex_);
      token = "ya29.fake-" + std::to_string(++next_id_);
      issued_tokens_.insert(token);
    }
    {
      std::lock_guard lock(seen_mutex);
      last_token_claims = claims.dump();
    }
    res.set_content(
        nlohmann::json{{"access_token", token}, {"expires_in", 3599}, {"token_type", "Bearer"}}
            .dump(),
        "application/json");
  });

  http.Post(R"(/bigquery/v2/projects/([^/]+)/queries)", [this](const httplib::Request& req,
                                                               httplib::Response& res) {
    ++query_requests;
    if (!authorized(req, res)) return;
    if (fail_with_503) {
      return error_reply(res, 503, "backendError", "The service is currently unavailable.",
                         "UNAVAILABLE");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    {
      std::lock_guard lock(seen_mutex);
      last_query_body = body;
    }
    if (!body.is_object() || !body.contains("query")) {
      return error_reply(res, 400, "invalid", "Required parameter is missing", "INVALID_ARGUMENT");
    }
    if (body.value("useLegacySql", true)) {
      return error_reply(res, 400, "invalidQuery", "Legacy SQL is not what the test expects",
                         "INVALID_ARGUMENT");
    }
    const nlohmann::json parameters = body.value("queryParameters", nlohmann::json::array());
    if (!parameters.empty() && body.value("parameterMode", "") != "POSITIONAL") {
      return error_reply(res, 400, "invalidQuery", "Positional parameters need POSITIONAL mode",
                         "INVALID_ARGUMENT");
    }
    std::string sql = body["query"].get<std::string>();
    for (const auto& [from, to] : rewrites) replace_all(sql, from, to);
    for (const auto& [from, to] : dialect_shims()) replace_all(sql, from, to);

    // Parameters as BigQuery types them: a value must parse as its type, and a STRING is
    // never coerced to the type of the column it is compared with.
    std::vector<std::string> types;
    for (const auto& p : parameters) types.push_back(p["parameterType"].value("type", ""));
    {
      std::lock_guard lock(seen_mutex);
      parameter_types.push_back(types);
    }
    const auto comparisons = parameter_comparisons(sql);
    const auto column_types = database_.column_types();
    for (std::size_t i = 0; i < types.size() && i < comparisons.size(); ++i) {
      const auto column = column_types.find(comparisons[i].first);
      if (types[i] == "STRING" && column != column_types.end() && is_typed_column(column->second)) {
        return error_reply(res, 400, "invalidQuery",
                           "No matching signature for operator " + comparisons[i].second +
                               " for argument types: " + column->second +
                               ", STRING. Supported signature: ANY " + comparisons[i].second +
                               " ANY",
                           "INVALID_ARGUMENT");
      }
    }
    struct Bound {
      int storage = SQLITE_NULL;
      std::string text;
      std::int64_t integer = 0;
      double real = 0;
    };
    std::vector<Bound> bound;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const auto& value = parameters[i]["parameterValue"];
      Bound b;
      if (value.contains("value")) {
        const std::string text = value["value"].get<std::string>();
        const std::string& type = types[i];
        const char* end = text.data() + text.size();
        bool valid = true;
        if (type == "INT64") {
          auto [stop, ec] = std::from_chars(text.data(), end, b.integer);
          valid = ec == std::errc() && stop == end;
          b.storage = SQLITE_INTEGER;
        } else if (type == "FLOAT64") {
          char* stop = nullptr;
          b.real = std::strtod(text.c_str(), &stop);
          valid = !text.empty() && stop == end;
          b.storage = SQLITE_FLOAT;
        } else if (type == "BOOL") {
          valid = text == "true" || text == "false";
          b.integer = text == "true" ? 1 : 0;
          b.storage = SQLITE_INTEGER;
        } else if (type == "BYTES") {
          const auto bytes = base64_decode(text);
          valid = bytes.has_value();
          b.text = bytes.value_or("");
          b.storage = SQLITE_BLOB;
        } else if (type == "NUMERIC" || type == "BIGNUMERIC" || type == "STRING" ||
                   type == "DATE" || type == "DATETIME" || type == "TIME" || type == "TIMESTAMP") {
          b.text = text;  // SQLite's column affinity compares NUMERIC text as a number
          b.storage = SQLITE_TEXT;
        } else {
          return error_reply(res, 400, "invalid", "Unsupported query parameter type: " + type,
                             "INVALID_ARGUMENT");
        }
        if (!valid) {
          return error_reply(res, 400, "invalidQuery",
                             "Query parameter value '" + text + "' is not a valid " + type,
                             "INVALID_ARGUMENT");
        }
      }
      bound.push_back(std::move(b));
    }
    FakeResult result = database_.run(sql, [&](sqlite3_stmt* s) {
      for (std::size_t i = 0; i < bound.size(); ++i) {
        const int index = static_cast<int>(i + 1);
        const Bound& b = bound[i];
        switch (b.storage) {
          case SQLITE_INTEGER: sqlite3_bind_int64(s, index, b.integer); break;
          case SQLITE_FLOAT: sqlite3_bind_double(s, index, b.real); break;
          case SQLITE_BLOB:
            sqlite3_bind_blob(s, index, b.text.data(), static_cast<int>(b.text.size()),
                              SQLITE_TRANSIENT);
            break;
          case SQLITE_TEXT:
            sqlite3_bind_text(s, index, b.text.c_str(), static_cast<int>(b.text.size()),
                              SQLITE_TRANSIENT);
            break;
          default: sqlite3_bind_null(s, index);
        }
      }
    });
    if (!result.error.empty()) {
      if (result.error.find("no such table") != std::string::npos) {
        return error_reply(res, 404, "notFound",
                           "Not found: Table " + std::string(kProject) + ":" +
                               result.error.substr(result.error.find(':') + 2) +
                               " was not found in location US",
                           "NOT_FOUND");
      }
      return error_reply(res, 400, "invalidQuery", "Syntax error: " + result.error,
                         "INVALID_ARGUMENT");
    }
    std::string job_id;
    Job job;
    job.result = std::move(result);
    job.pending = pending_polls;
    job.location = body.value("location", "US");
    {
      std::lock_guard lock(jobs_mutex_);
      job_id = "job_" + std::to_string(++next_id_);
      jobs_[job_id] = job;
    }
    nlohmann::json out = {
        {"kind", "bigquery#queryResponse"},
        {"jobReference",
         {{"projectId", req.matches[1].str()}, {"jobId", job_id}, {"location", job.location}}}};
    if (job.pending != 0) {
      out["jobComplete"] = false;
    } else {
      answer_page(job, job_id, 0, body.value("maxResults", 100000), out);
    }
    res.set_content(out.dump(), "application/json");
  });

  http.Get(R"(/bigquery/v2/projects/([^/]+)/queries/([^/]+))", [this](const httplib::Request& req,
                                                                      httplib::Response& res) {
    ++page_requests;
    if (!authorized(req, res)) return;
    const std::string job_id = req.matches[2];
    Job job;
    {
      std::lock_guard lock(jobs_mutex_);
      auto found = jobs_.find(job_id);
      if (found == jobs_.end()) {
        return error_reply(res, 404, "notFound", "Not found: Job " + job_id, "NOT_FOUND");
      }
      if (found->second.pending > 0) --found->second.pending;
      job = found->second;
    }
    nlohmann::json out = {
        {"kind", "bigquery#getQueryResultsResponse"},
        {"jobReference",
         {{"projectId", req.matches[1].str()}, {"jobId", job_id}, {"location", job.location}}}};
    if (job.pending != 0) {
      // The server holds the request up to timeoutMs waiting for the job.
      const int wait = req.has_param("timeoutMs") ? std::stoi(req.get_param_value("timeoutMs")) : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(wait, 100)));
      out["jobComplete"] = false;
      return res.set_content(out.dump(), "application/json");
    }
    std::size_t offset = 0;
    if (req.has_param("pageToken")) {
      const std::string token = req.get_param_value("pageToken");
      if (!token.starts_with("page-")) {
        return error_reply(res, 400, "invalid", "Invalid page token", "INVALID_ARGUMENT");
      }
      offset = std::stoul(token.substr(5));
    }
    const std::size_t max_results =
        req.has_param("maxResults") ? std::stoul(req.get_param_value("maxResults")) : 100000;
    answer_page(job, job_id, offset, max_results, out);
    res.set_content(out.dump(), "application/json");
  });

  http.Post(R"(/bigquery/v2/projects/([^/]+)/jobs/([^/]+)/cancel)",
            [this](const httplib::Request& req, httplib::Response& res) {
              if (!authorized(req, res)) return;
              {
                std::lock_guard lock(seen_mutex);
                cancelled_jobs.insert(req.matches[2]);
              }
              res.set_content(nlohmann::json{{"kind", "bigquery#jobCancelResponse"}}.dump(),
                              "application/json");
            });
  server_.start();
}

bool FakeBigQuery::authorized(const httplib::Request& req, httplib::Response& res) {
  const std::string header = req.get_header_value("Authorization");
  std::lock_guard lock(jobs_mutex_);
  if (header.starts_with("Bearer ") && issued_tokens_.contains(header.substr(7))) return true;
  error_reply(res, 401, "authError",
              "Request is missing required authentication credential. Expected OAuth 2 access "
              "token.",
              "UNAUTHENTICATED");
  return false;
}

void FakeBigQuery::answer_page(const Job& job, const std::string& job_id, std::size_t offset,
                               std::size_t max_results, nlohmann::json& out) const {
  const FakeResult& r = job.result;
  nlohmann::json fields = nlohmann::json::array();
  std::vector<std::string> types;
  for (std::size_t i = 0; i < r.names.size(); ++i) {
    types.push_back(bigquery_type(r, i));
    fields.push_back({{"name", r.names[i]}, {"type", types.back()}, {"mode", "NULLABLE"}});
  }
  out["schema"] = {{"fields", fields}};
  out["totalRows"] = std::to_string(r.rows.size());
  out["jobComplete"] = true;
  out["cacheHit"] = false;
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t end = std::min(r.rows.size(), offset + max_results);
  for (std::size_t row = offset; row < end; ++row) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < r.names.size(); ++i) {
      const auto& value = r.rows[row][i];
      if (!value) {
        cells.push_back({{"v", nullptr}});
      } else if (types[i] == "BYTES") {
        cells.push_back({{"v", base64_encode(*value)}});
      } else if (types[i] == "BOOL") {
        cells.push_back({{"v", *value == "0" ? "false" : "true"}});
      } else {
        cells.push_back({{"v", *value}});
      }
    }
    rows.push_back({{"f", cells}});
  }
  if (!rows.empty()) out["rows"] = rows;
  if (end < r.rows.size()) out["pageToken"] = "page-" + std::to_string(end);
  (void)job_id;
}

std::string FakeBigQuery::key_json() const {
  return nlohmann::json{{"type", "service_account"},
                        {"project_id", kProject},
                        {"private_key_id", "0123456789abcdef"},
                        {"private_key", key().private_pem()},
                        {"client_email", kEmail},
                        {"client_id", "1234567890"},
                        {"token_uri", server_.base_url() + "/token"}}
      .dump();
}

ConnectionSpec FakeBigQuery::connection_spec() const {
  ConnectionSpec s;
  s.engine = Engine::kBigQuery;
  s.password = key_json();
  s.options["endpoint"] = endpoint();
  s.statement_timeout_ms = 5000;
  return s;
}

std::string FakeBigQuery::foreign_key_json() const {
  auto key = nlohmann::json::parse(key_json());
  key["private_key"] = other_key().private_pem();
  return key.dump();
}

const std::string& FakeBigQuery::ca_file() const {
  static const std::string none;
  return tls_ ? tls_->ca_file() : none;
}

}  // namespace godwit::validation::testing
