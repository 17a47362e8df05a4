// Connections: validation of what a person typed, sealing of secrets, and the test that
// turns a connector's failure into a field a person can fix.
#include "services/connection_service.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "validation/connectors/introspect.hpp"
#include "validation/connectors/service_account.hpp"

namespace godwit::services {
namespace {

using validation::ConnectorError;
using validation::Engine;

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxText = 255;
constexpr std::size_t kMaxSecret = 8192;  // a service-account key with a 4096-bit RSA key

bool has_control(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

/// Option names and allowed values per engine, as the API accepts them (file paths on
/// the server, such as sslrootcert, are left out on purpose).
std::string check_option(Engine engine, const std::string& key, const std::string& value) {
  auto word = [](const std::string& text) {
    return text.find_first_not_of(
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
           std::string::npos;
  };
  auto whole_number = [&](int low, int high) -> std::string {
    if (value.empty() || value.size() > 6 ||
        value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) < low ||
        std::stoi(value) > high) {
      return "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
    }
    return "";
  };
  switch (engine) {
    case Engine::kPostgres:
      if (key == "sslmode") {
        static const std::set<std::string> modes = {"disable", "allow",     "prefer",
                                                    "require", "verify-ca", "verify-full"};
        return modes.contains(value) ? ""
                                     : "must be disable, allow, prefer, require, verify-ca or "
                                       "verify-full";
      }
      if (key == "connect_timeout") return whole_number(1, 60);
      if (key == "application_name") return value.size() <= 63 ? "" : "at most 63 characters";
      return "unknown option for postgresql; known: sslmode, connect_timeout, application_name";
    case Engine::kMariaDb:
      if (key == "ssl") return value == "true" || value == "false" ? "" : "must be true or false";
      if (key == "connect_timeout") return whole_number(1, 60);
      return "unknown option for mariadb; known: ssl, connect_timeout";
    case Engine::kSqlite:
      if (key == "busy_timeout") return whole_number(0, 60000);
      return "unknown option for sqlite; known: busy_timeout";
    case Engine::kOdbc:
      if (key == "login_timeout") return whole_number(1, 60);
      return "unknown option for odbc; known: login_timeout (driver settings belong in the "
             "data source)";
    // The REST connectors' endpoint, ca_file, key_file and token_env options name server
    // URLs, files and environment variables: they are for the CLI and tests, never the API.
    case Engine::kBigQuery:
      if (key == "dataset") {
        return !value.empty() && value.size() <= 1024 && word(value)
                   ? ""
                   : "must be a dataset name: letters, digits and underscores";
      }
      if (key == "location") {
        return !value.empty() && value.size() <= 64 &&
                       value.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
                           "WXYZ0123456789-") == std::string::npos
                   ? ""
                   : "must be a BigQuery location such as US, EU or europe-west3";
      }
      if (key == "max_results") return whole_number(1, 100000);
      return "unknown option for bigquery; known: dataset, location, max_results";
    case Engine::kDatabricks:
      if (key == "warehouse_id") {
        return !value.empty() && value.size() <= 64 && word(value)
                   ? ""
                   : "must be a SQL warehouse id: letters and digits";
      }
      if (key == "http_path") {
        const std::string prefix = "/sql/1.0/warehouses/";
        return value.starts_with(prefix) && value.size() > prefix.size() && value.size() <= 128 &&
                       word(value.substr(prefix.size()))
                   ? ""
                   : "must be a SQL warehouse's HTTP path, /sql/1.0/warehouses/<id>";
      }
      if (key == "catalog" || key == "schema" || key == "client_id") {
        return !value.empty() && value.size() <= 255 ? "" : "must be 1 to 255 characters";
      }
      return "unknown option for databricks; known: warehouse_id, http_path, catalog, schema, "
             "client_id";
  }
  return "unknown option";
}

/// The field a person should look at for a connector failure, and a sentence for it.
FieldError field_for(const ConnectorError& error, Engine engine) {
  const std::string& code = error.code();
  if (code == "database_missing" && engine == Engine::kSqlite) {
    return {"path", "no SQLite database at this path"};
  }
  if (code == "driver_missing") {
    return {"dsn", "no such ODBC data source on the server, or its driver cannot be loaded"};
  }
  if (code == "bad_option" && engine == Engine::kBigQuery &&
      error.kind() == ConnectorError::kAuth) {
    // The stored service-account key could not be read or could not sign.
    return {"password", std::string("the service-account key cannot be used: ") + error.what()};
  }
  if (code == "auth_failed" && engine == Engine::kBigQuery) {
    return {"password", std::string("the service-account key was refused: ") + error.what()};
  }
  if (code == "auth_failed" && engine == Engine::kDatabricks) {
    return {"password", std::string("the token was refused: ") + error.what()};
  }
  if (code == "database_missing" && engine == Engine::kDatabricks) {
    return {"options.warehouse_id", error.what()};
  }
  if (code == "auth_failed") return {"password", "the server rejected this user name or password"};
  if (code == "database_missing") return {"database", "no such database on the server"};
  if (code == "host_unreachable") return {"host", "nothing answers at this host and port"};
  if (code == "timeout") return {"host", "the server did not answer in time"};
  if (code == "bad_option") return {"options", error.what()};
  return {"connection", error.what()};
}

}  // namespace

ConnectionService::ConnectionService(store::Database& db, ProjectService& projects,
                                     const std::string& secret_key_hex, ConnectionSettings settings)
    : connections_(db), projects_(projects), box_(secret_key_hex), settings_(std::move(settings)) {}

store::ProjectView ConnectionService::require_writer(const std::string& user_id,
                                                     const std::string& project_id,
                                                     const char* action) {
  store::ProjectView view = projects_.get(user_id, project_id);
  if (view.role == store::ProjectRole::kViewer) {
    throw Error(ErrorKind::kForbidden, std::string("your role on this project (viewer) does not "
                                                   "allow you to ") +
                                           action + "; ask an owner or editor");
  }
  return view;
}

void ConnectionService::apply(const ConnectionInput& input, store::StoredConnection& stored,
                              std::string& password, std::string& dsn) {
  std::vector<FieldError> errors;
  auto text = [&](const std::optional<std::string>& value, std::string& target, const char* field,
                  std::size_t max) {
    if (!value) return;
    if (value->size() > max) {
      errors.push_back({field, "must be at most " + std::to_string(max) + " characters"});
    } else if (has_control(*value)) {
      errors.push_back({field, "must not contain control characters"});
    } else {
      target = *value;
    }
  };
  if (input.name) {
    std::string name = *input.name;
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    if (name.empty())
      errors.push_back({"name", "must not be empty"});
    else
      text(name, stored.name, "name", kMaxName);
  } else if (stored.name.empty()) {
    errors.push_back({"name", "is required"});
  }
  std::optional<Engine> engine;
  if (input.engine) {
    engine = validation::engine_from_string(*input.engine);
    if (!engine) {
      errors.push_back({"engine",
                        "must be postgresql, mariadb (or mysql), sqlite, odbc, bigquery or "
                        "databricks"});
    } else {
      stored.engine = std::string(validation::to_string(*engine));
    }
  } else if (stored.engine.empty()) {
    errors.push_back(
        {"engine", "is required: postgresql, mariadb, sqlite, odbc, bigquery or databricks"});
  } else {
    engine = validation::engine_from_string(stored.engine);
  }
  text(input.host, stored.host, "host", kMaxText);
  text(input.database, stored.database, "database", kMaxText);
  text(input.user, stored.user, "user", kMaxText);
  text(input.path, stored.path, "path", 4096);
  if (input.port) {
    if (*input.port < 0 || *input.port > 65535) {
      errors.push_back({"port", "must be from 1 to 65535, or 0 for the engine's default"});
    } else {
      stored.port = *input.port;
    }
  }
  if (input.password) {
    if (input.password->size() > kMaxSecret)
      errors.push_back({"password", "is too long"});
    else if (input.password->find('\0') != std::string::npos) {
      errors.push_back({"password", "must not contain NUL characters"});
    } else {
      password = *input.password;
    }
  }
  text(input.dsn, dsn, "dsn", kMaxSecret);
  nlohmann::json options = nlohmann::json::parse(stored.options_json, nullptr, false);
  if (!options.is_object()) options = nlohmann::json::object();
  if (input.options) {
    options = nlohmann::json::object();
    for (const auto& [key, value] : *input.options) options[key] = value;
  }
  if (engine) {
    for (const auto& [key, value] : options.items()) {
      std::string problem =
          value.is_string() ? check_option(*engine, key, value.get<std::string>()) : "";
      if (!problem.empty()) errors.push_back({"options." + key, problem});
    }
    switch (*engine) {
      case Engine::kPostgres:
      case Engine::kMariaDb:
        if (stored.host.empty()) errors.push_back({"host", "is required for " + stored.engine});
        if (!stored.path.empty()) errors.push_back({"path", "is only for sqlite connections"});
        break;
      case Engine::kSqlite: {
        if (stored.path.empty()) {
          errors.push_back({"path", "is required for sqlite: the database file"});
        } else if (settings_.sqlite_root.empty()) {
          errors.push_back({"path",
                            "SQLite files cannot be connected on this server; an operator can "
                            "allow a directory with GODWIT_SQLITE_ROOT"});
        } else {
          std::error_code ec;
          std::filesystem::path root = std::filesystem::weakly_canonical(settings_.sqlite_root, ec);
          std::filesystem::path file = std::filesystem::weakly_canonical(
              std::filesystem::path(settings_.sqlite_root) / stored.path, ec);
          auto [end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
          if (ec || end != root.end()) {
            errors.push_back({"path", "must name a file inside the server's SQLite directory"});
          }
        }
        if (!stored.host.empty()) errors.push_back({"host", "is not used by sqlite connections"});
        break;
      }
      case Engine::kOdbc:
        // Only data source names an operator defined in odbc.ini: a connection string
        // could name any driver file (a shared library) or database file on the server.
        if (dsn.empty()) {
          errors.push_back({"dsn",
                            "is required for odbc: the name of a data source defined in the "
                            "server's odbc.ini"});
        } else if (dsn.find_first_of("=;{}[]") != std::string::npos) {
          errors.push_back({"dsn",
                            "must be the name of a data source defined in the server's "
                            "odbc.ini; connection strings are not accepted through the API"});
        }
        if (!stored.host.empty()) errors.push_back({"host", "is not used by odbc connections"});
        if (!stored.path.empty()) errors.push_back({"path", "is not used by odbc connections"});
        break;
      case Engine::kBigQuery:
        // The secret is the service-account key's JSON; the project is the database.
        if (!password.empty()) {
          nlohmann::json key = nlohmann::json::parse(password, nullptr, false);
          if (!key.is_object() || !key.contains("client_email") || !key.contains("private_key")) {
            errors.push_back({"password",
                              "must be a service-account key in JSON (with client_email and "
                              "private_key), as downloaded from Google Cloud"});
          } else {
            if (key.contains("token_uri") &&
                key["token_uri"] != "https://oauth2.googleapis.com/token") {
              // The key's token_uri is where the signed assertion is sent: only Google's.
              errors.push_back(
                  {"password", "the key's token_uri must be https://oauth2.googleapis.com/token"});
            }
            try {
              // Reads the PEM key and signs once, so a key that cannot sign is refused
              // here, at its field, rather than at the first test or run.
              (void)validation::signed_jwt_assertion(
                  validation::parse_service_account_key(password),
                  "https://www.googleapis.com/auth/bigquery", 0);
            } catch (const ConnectorError& error) {
              errors.push_back({"password", error.what()});
            }
            const nlohmann::json project = key.value("project_id", nlohmann::json());
            if (stored.database.empty() && project.is_string() &&
                project.get<std::string>().size() <= kMaxText &&
                !has_control(project.get<std::string>())) {
              stored.database = project.get<std::string>();
            }
          }
        } else if (!stored.password_set) {
          errors.push_back({"password", "is required for bigquery: the service-account key JSON"});
        }
        if (stored.database.empty()) {
          errors.push_back({"database", "is required for bigquery: the project id"});
        }
        if (!stored.host.empty()) errors.push_back({"host", "is not used by bigquery connections"});
        if (!stored.path.empty()) errors.push_back({"path", "is not used by bigquery connections"});
        break;
      case Engine::kDatabricks:
        if (stored.host.empty() ||
            stored.host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789.-") != std::string::npos) {
          errors.push_back({"host",
                            "is required for databricks: the workspace host name, e.g. "
                            "adb-1234567890123456.7.azuredatabricks.net (no https://)"});
        }
        if (!options.contains("warehouse_id") && !options.contains("http_path")) {
          errors.push_back({"options.warehouse_id",
                            "is required for databricks (or options.http_path): the SQL "
                            "warehouse to run on"});
        }
        if (password.empty() && !stored.password_set) {
          errors.push_back({"password",
                            "is required for databricks: a personal access token (or the OAuth "
                            "client secret with options.client_id)"});
        }
        if (!stored.path.empty()) {
          errors.push_back({"path", "is not used by databricks connections"});
        }
        break;
    }
  }
  if (!errors.empty()) {
    throw Error(ErrorKind::kUnprocessable, "the connection settings are not valid",
                std::move(errors));
  }
  stored.options_json = options.dump();
}

void ConnectionService::seal(store::StoredConnection& stored, const std::string& password,
                             const std::string& dsn) {
  stored.password_set = !password.empty();
  stored.dsn_set = !dsn.empty();
  if (password.empty() && dsn.empty()) {
    stored.secret.reset();
    return;
  }
  stored.secret = box_.seal(nlohmann::json{{"password", password}, {"dsn", dsn}}.dump());
}

void ConnectionService::unseal(const store::StoredConnection& stored, std::string& password,
                               std::string& dsn) {
  password.clear();
  dsn.clear();
  if (!stored.secret) return;
  nlohmann::json doc = nlohmann::json::parse(box_.open(*stored.secret), nullptr, false);
  if (doc.is_object()) {
    password = doc.value("password", "");
    dsn = doc.value("dsn", "");
  }
}

validation::ConnectionSpec ConnectionService::to_spec(const store::StoredConnection& stored,
                                                      const std::string& password,
                                                      const std::string& dsn) const {
  validation::ConnectionSpec spec;
  spec.engine = validation::engine_from_string(stored.engine).value_or(Engine::kPostgres);
  spec.host = stored.host;
  spec.port = stored.port;
  spec.database = stored.database;
  spec.user = stored.user;
  spec.password = password;
  spec.dsn = dsn;
  if (!stored.path.empty()) {
    spec.path = (std::filesystem::path(settings_.sqlite_root) / stored.path).string();
  }
  nlohmann::json options = nlohmann::json::parse(stored.options_json, nullptr, false);
  if (options.is_object()) {
    for (const auto& [key, value] : options.items()) {
      if (value.is_string()) spec.options[key] = value.get<std::string>();
    }
  }
  spec.read_only = true;
  return spec;
}

ConnectionTestResult ConnectionService::run_test(validation::ConnectionSpec spec) const {
  if (spec.engine == Engine::kOdbc) {
    if (!spec.options.contains("login_timeout")) {
      spec.options["login_timeout"] = std::to_string(settings_.test_connect_timeout_seconds);
    }
  } else if (spec.engine != Engine::kSqlite && spec.engine != Engine::kBigQuery &&
             spec.engine != Engine::kDatabricks && !spec.options.contains("connect_timeout")) {
    spec.options["connect_timeout"] = std::to_string(settings_.test_connect_timeout_seconds);
  }
  spec.statement_timeout_ms = settings_.test_statement_timeout_ms;
  auto started = std::chrono::steady_clock::now();
  try {
    std::unique_ptr<validation::Connector> db = validation::connect(spec);
    ConnectionTestResult result;
    result.engine = std::string(validation::to_string(spec.engine));
    result.server_version = db->server_version();
    result.table_count = validation::count_tables(*db);
    result.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    return result;
  } catch (const ConnectorError& error) {
    FieldError field = field_for(error, spec.engine);
    throw Error(ErrorKind::kUnprocessable,
                "the connection test failed (" + std::string(to_string(error.kind())) +
                    "): " + error.what(),
                {field});
  }
}

store::StoredConnection ConnectionService::create(const std::string& user_id,
                                                  const std::string& project_id,
                                                  const ConnectionInput& input) {
  require_writer(user_id, project_id, "add connections");
  store::StoredConnection stored;
  stored.project_id = project_id;
  stored.created_by = user_id;
  std::string password;
  std::string dsn;
  apply(input, stored, password, dsn);
  seal(stored, password, dsn);
  return connections_.insert(std::move(stored));
}

std::vector<store::StoredConnection> ConnectionService::list(const std::string& user_id,
                                                             const std::string& project_id) {
  projects_.get(user_id, project_id);
  return connections_.list(project_id);
}

store::StoredConnection ConnectionService::get(const std::string& user_id,
                                               const std::string& project_id,
                                               const std::string& connection_id) {
  projects_.get(user_id, project_id);
  std::optional<store::StoredConnection> found = connections_.find(project_id, connection_id);
  if (!found) {
    throw Error(ErrorKind::kNotFound,
                "no connection with id '" + connection_id + "' in this project");
  }
  return *found;
}

store::StoredConnection ConnectionService::update(const std::string& user_id,
                                                  const std::string& project_id,
                                                  const std::string& connection_id,
                                                  const ConnectionInput& input) {
  store::StoredConnection stored = get(user_id, project_id, connection_id);
  require_writer(user_id, project_id, "change connections");
  std::string password;
  std::string dsn;
  unseal(stored, password, dsn);
  apply(input, stored, password, dsn);
  seal(stored, password, dsn);
  if (!connections_.update(stored)) {
    throw Error(ErrorKind::kNotFound,
                "no connection with id '" + connection_id + "' in this project");
  }
  return stored;
}

void ConnectionService::remove(const std::string& user_id, const std::string& project_id,
                               const std::string& connection_id) {
  get(user_id, project_id, connection_id);
  require_writer(user_id, project_id, "delete connections");
  connections_.remove(project_id, connection_id);
}

ConnectionTestResult ConnectionService::test(const std::string& user_id,
                                             const std::string& project_id,
                                             const std::string& connection_id) {
  return run_test(spec(user_id, project_id, connection_id));
}

ConnectionTestResult ConnectionService::test_unsaved(const std::string& user_id,
                                                     const std::string& project_id,
                                                     const ConnectionInput& input) {
  require_writer(user_id, project_id, "test new connections");
  store::StoredConnection stored;
  stored.project_id = project_id;
  if (!input.name) stored.name = "unsaved";
  std::string password;
  std::string dsn;
  apply(input, stored, password, dsn);
  return run_test(to_spec(stored, password, dsn));
}

validation::ConnectionSpec ConnectionService::spec(const std::string& user_id,
                                                   const std::string& project_id,
                                                   const std::string& connection_id) {
  store::StoredConnection stored = get(user_id, project_id, connection_id);
  std::string password;
  std::string dsn;
  unseal(stored, password, dsn);
  return to_spec(stored, password, dsn);
}

}  // namespace godwit::services
