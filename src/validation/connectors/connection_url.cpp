// Connection URL parsing: scheme, authority, path and query, percent-decoded.
#include "validation/connectors/connection_url.hpp"

#include <charconv>

namespace godwit::validation {

namespace {

[[noreturn]] void fail(const std::string& message) {
  throw ConnectorError(ConnectorError::kConnect, message, "bad_option");
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view text, const char* what) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
    if (high < 0 || low < 0) fail(std::string("bad percent-escape in the URL's ") + what);
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

int parse_int(std::string_view text, const char* what, int low, int high) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    fail(std::string(what) + " must be a whole number from " + std::to_string(low) + " to " +
         std::to_string(high));
  }
  return value;
}

void apply_query(std::string_view query, ConnectionSpec& spec) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key = decode(pair.substr(0, eq), "query");
    std::string value = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1), "query");
    if (key == "statement_timeout_ms") {
      spec.statement_timeout_ms = parse_int(value, "statement_timeout_ms", 0, 86400000);
    } else if (key == "read_only") {
      if (value != "true" && value != "false") fail("read_only must be true or false");
      spec.read_only = value == "true";
    } else {
      spec.options[key] = value;
    }
  }
}

}  // namespace

ConnectionSpec parse_connection_url(std::string_view url) {
  ConnectionSpec spec;
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) {
    fail(
        "a connection URL starts with postgresql://, mariadb://, mysql://, sqlite:, odbc:, "
        "bigquery:// or databricks://");
  }
  std::string_view scheme = url.substr(0, colon);
  std::string_view rest = url.substr(colon + 1);
  std::optional<Engine> engine = engine_from_string(scheme);
  if (!engine) {
    fail("unknown connection URL scheme '" + std::string(scheme) +
         "'; use postgresql://, mariadb://, mysql://, sqlite:, odbc:, bigquery:// or "
         "databricks://");
  }
  spec.engine = *engine;
  if (spec.engine == Engine::kOdbc && rest.starts_with("//")) {
    // odbc://user:password@DSN?statement_timeout_ms=...: a data source name with the
    // URL form's credentials and settings.
    rest.remove_prefix(2);
    std::size_t question = rest.find('?');
    if (question != std::string_view::npos) apply_query(rest.substr(question + 1), spec);
    std::string_view name = rest.substr(0, question);
    std::size_t at = name.rfind('@');
    if (at != std::string_view::npos) {
      std::string_view userinfo = name.substr(0, at);
      name = name.substr(at + 1);
      std::size_t user_colon = userinfo.find(':');
      spec.user = decode(userinfo.substr(0, user_colon), "user");
      if (user_colon != std::string_view::npos) {
        spec.password = decode(userinfo.substr(user_colon + 1), "password");
      }
    }
    spec.dsn = decode(name, "data source name");
    if (spec.dsn.empty()) fail("odbc:// needs a data source name, e.g. odbc://warehouse");
    return spec;
  }
  if (spec.engine == Engine::kOdbc) {
    if (rest.empty()) fail("odbc: needs a DSN name or a connection string after the colon");
    spec.dsn = std::string(rest);
    return spec;
  }
  if (spec.engine == Engine::kBigQuery || spec.engine == Engine::kDatabricks) {
    // bigquery://project[/dataset]?key_file=...   databricks://host/warehouse_id?token_env=...
    // Secrets never sit in these URLs: the key and the token come from a file or the
    // environment.
    const bool bigquery = spec.engine == Engine::kBigQuery;
    const char* form = bigquery ? "bigquery://project/dataset?key_file=/path/key.json"
                                : "databricks://host/warehouse_id?token_env=DATABRICKS_TOKEN";
    if (!rest.starts_with("//")) fail(std::string("use the form ") + form);
    rest.remove_prefix(2);
    std::size_t question = rest.find('?');
    if (question != std::string_view::npos) {
      apply_query(rest.substr(question + 1), spec);
      rest = rest.substr(0, question);
    }
    if (rest.find('@') != std::string_view::npos) {
      fail(std::string("put no credentials in a ") + std::string(scheme) + " URL; use the form " +
           form);
    }
    std::size_t slash = rest.find('/');
    const std::string first = decode(rest.substr(0, slash), bigquery ? "project" : "host");
    const std::string second =
        slash == std::string_view::npos ? "" : decode(rest.substr(slash + 1), "path");
    if (first.empty()) fail(std::string("use the form ") + form);
    if (bigquery) {
      spec.database = first;
      if (!second.empty()) spec.options["dataset"] = second;
    } else {
      spec.host = first;
      if (!second.empty()) spec.options["warehouse_id"] = second;
    }
    return spec;
  }
  if (spec.engine == Engine::kSqlite) {
    if (rest.starts_with("//")) rest.remove_prefix(2);  // sqlite:///abs -> /abs
    std::size_t question = rest.find('?');
    spec.path = decode(rest.substr(0, question), "path");
    if (question != std::string_view::npos) apply_query(rest.substr(question + 1), spec);
    if (spec.path.empty()) fail("sqlite: needs a file path, e.g. sqlite:data/shop.db");
    return spec;
  }
  if (!rest.starts_with("//"))
    fail(std::string(scheme) + " URLs look like " + std::string(scheme) +
         "://user@host:port/database");
  rest.remove_prefix(2);
  std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    apply_query(rest.substr(question + 1), spec);
    rest = rest.substr(0, question);
  }
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) spec.database = decode(rest.substr(slash + 1), "database");
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    std::size_t user_colon = userinfo.find(':');
    spec.user = decode(userinfo.substr(0, user_colon), "user");
    if (user_colon != std::string_view::npos) {
      spec.password = decode(userinfo.substr(user_colon + 1), "password");
    }
  }
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {  // [::1]:5432
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) fail("unclosed '[' in the URL's host");
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      port = authority.substr(close + 2);
    }
  } else if (std::size_t port_colon = authority.rfind(':'); port_colon != std::string_view::npos) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
  }
  spec.host = decode(host, "host");
  if (!port.empty()) spec.port = parse_int(port, "the port", 1, 65535);
  return spec;
}

}  // namespace godwit::validation
