// Parsing of metadata-store URLs (see database_url.hpp).
#include "store/database_url.hpp"

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace godwit::store {
namespace {

[[noreturn]] void malformed(std::string_view reason) {
  throw Error(ErrorKind::kInvalidInput,
              "malformed database URL (" + std::string(reason) +
                  "); accepted forms: " + std::string(accepted_database_urls()));
}

std::optional<std::string_view> strip_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size() || !iequals(text.substr(0, prefix.size()), prefix)) {
    return std::nullopt;
  }
  return text.substr(prefix.size());
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text, std::string_view part) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) malformed("bad percent-encoding in the " + std::string(part));
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

/// A libpq conninfo value: always single-quoted, with \ and ' escaped.
std::string conninfo_value(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

bool is_keyword(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

DatabaseTarget parse_sqlite(std::string_view rest) {
  DatabaseTarget target;
  target.backend = Backend::kSqlite;
  if (rest == ":memory:") {
    target.in_memory = true;
    target.display = "sqlite::memory:";
    return target;
  }
  if (rest.empty()) malformed("no SQLite file path");
  if (rest.find('"') != std::string_view::npos) malformed("the SQLite path contains '\"'");
  target.sqlite_path = std::string(rest);
  target.display = "sqlite:" + target.sqlite_path;
  return target;
}

struct HostPort {
  std::string host;
  std::string port;
};

HostPort split_host_port(std::string_view text) {
  HostPort out;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) malformed("unclosed '[' in the host");
    out.host = std::string(text.substr(1, close - 1));
    text.remove_prefix(close + 1);
    if (!text.empty()) {
      if (text.front() != ':') malformed("unexpected text after the IPv6 host");
      out.port = std::string(text.substr(1));
    }
  } else {
    std::size_t colon = text.rfind(':');
    out.host = percent_decode(text.substr(0, colon), "host");
    if (colon != std::string_view::npos) out.port = std::string(text.substr(colon + 1));
  }
  for (char c : out.port) {
    if (c < '0' || c > '9') malformed("the port is not a number");
  }
  return out;
}

DatabaseTarget parse_postgres(std::string_view rest) {
  DatabaseTarget target;
  target.backend = Backend::kPostgres;

  std::string_view query;
  if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  std::string_view path;
  if (std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }

  std::string user;
  // The last '@' ends the credentials: an unencoded '@' in a password is common.
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = authority.substr(0, at);
    authority = authority.substr(at + 1);
    std::size_t colon = credentials.find(':');
    user = percent_decode(credentials.substr(0, colon), "user name");
    if (colon != std::string_view::npos) {
      target.password = percent_decode(credentials.substr(colon + 1), "password");
    }
  }

  std::vector<std::string> hosts;
  std::vector<std::string> ports;
  bool any_port = false;
  for (const std::string& item : split(authority, ',')) {
    if (item.empty()) {
      if (authority.empty()) break;
      malformed("an empty host in the host list");
    }
    HostPort hp = split_host_port(item);
    any_port = any_port || !hp.port.empty();
    hosts.push_back(hp.host);
    ports.push_back(hp.port);
  }
  std::string database = percent_decode(path, "database name");

  std::string conninfo;
  auto add = [&conninfo](std::string_view key, std::string_view value) {
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += key;
    conninfo += '=';
    conninfo += conninfo_value(value);
  };
  if (!hosts.empty()) add("host", join(hosts, ","));
  if (any_port) add("port", join(ports, ","));
  if (!database.empty()) add("dbname", database);
  if (!user.empty()) add("user", user);
  if (!target.password.empty()) add("password", target.password);

  bool has_timeout = false;
  bool has_application = false;
  if (!query.empty()) {
    for (const std::string& pair : split(query, '&')) {
      if (pair.empty()) continue;
      std::size_t eq = pair.find('=');
      if (eq == std::string::npos) malformed("a query parameter without '='");
      std::string key = percent_decode(std::string_view(pair).substr(0, eq), "query");
      std::string value = percent_decode(std::string_view(pair).substr(eq + 1), "query");
      if (!is_keyword(key)) malformed("a query parameter that is not a libpq keyword");
      if (key == "password") target.password = value;
      has_timeout = has_timeout || key == "connect_timeout";
      has_application = has_application || key == "application_name";
      add(key, value);
    }
  }
  // Without a timeout an unreachable host hangs start-up for the kernel's TCP timeout.
  if (!has_timeout) add("connect_timeout", "10");
  if (!has_application) add("application_name", "godwit");
  target.conninfo = conninfo;

  std::string where = hosts.empty() ? std::string("local socket") : join(hosts, ",");
  if (any_port) where += ":" + join(ports, ",");
  target.display = (user.empty() ? "" : user + "@") + where + "/" + database;
  return target;
}

}  // namespace

std::string_view accepted_database_urls() {
  return "sqlite:<path>, sqlite://<path>, sqlite::memory:, "
         "postgresql://[user[:password]@]host[:port]/database[?sslmode=...] "
         "(or postgres://...)";
}

DatabaseTarget parse_database_url(std::string_view url) {
  url = trim(url);
  if (url.empty()) malformed("the URL is empty");
  if (auto rest = strip_prefix(url, "sqlite://")) return parse_sqlite(*rest);
  if (auto rest = strip_prefix(url, "sqlite:")) return parse_sqlite(*rest);
  if (auto rest = strip_prefix(url, "postgresql://")) return parse_postgres(*rest);
  if (auto rest = strip_prefix(url, "postgres://")) return parse_postgres(*rest);
  malformed("unknown scheme");
}

}  // namespace godwit::store
