// Live-database connections (see connection_repository.hpp).
#include "store/repositories/connection_repository.hpp"

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

constexpr const char* kColumns =
    "id, project_id, name, engine, host, port, database_name, username, path, options, secret,"
    " password_set, dsn_set, created_by, created_at, updated_at";

struct ConnectionRow {
  std::string id, project_id, name, engine, host, database, user, path, options, secret, created_by,
      created_at, updated_at;
  int port = 0, password_set = 0, dsn_set = 0;
  soci::indicator secret_ind = soci::i_ok, created_by_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(name), soci::into(engine),
        soci::into(host), soci::into(port), soci::into(database), soci::into(user),
        soci::into(path), soci::into(options), soci::into(secret, secret_ind),
        soci::into(password_set), soci::into(dsn_set), soci::into(created_by, created_by_ind),
        soci::into(created_at), soci::into(updated_at);
  }

  StoredConnection model() const {
    StoredConnection c;
    c.id = id;
    c.project_id = project_id;
    c.name = name;
    c.engine = engine;
    c.host = host;
    c.port = port;
    c.database = database;
    c.user = user;
    c.path = path;
    c.options_json = options;
    c.secret = detail::optional_text(secret, secret_ind);
    c.password_set = password_set != 0;
    c.dsn_set = dsn_set != 0;
    c.created_by = detail::optional_text(created_by, created_by_ind);
    c.created_at = detail::timestamp_from_db(created_at);
    c.updated_at = detail::timestamp_from_db(updated_at);
    return c;
  }
};

void bind_fields(Params& params, const StoredConnection& c) {
  params.text("name", c.name)
      .text("engine", c.engine)
      .text("host", c.host)
      .integer("port", c.port)
      .text("database_name", c.database)
      .text("username", c.user)
      .text("path", c.path)
      .text("options", c.options_json)
      .nullable_text("secret", c.secret)
      .integer("password_set", c.password_set ? 1 : 0)
      .integer("dsn_set", c.dsn_set ? 1 : 0)
      .text("updated_at", c.updated_at);
}

[[noreturn]] void rethrow(const soci::soci_error& e) {
  if (detail::is_unique_violation(e)) {
    throw Error(ErrorKind::kConflict, "the project already has a connection with this name",
                {{"name", "is already used by another connection of this project"}});
  }
  if (detail::is_foreign_key_violation(e)) {
    throw Error(ErrorKind::kNotFound, "the project of the connection does not exist");
  }
  throw;
}

}  // namespace

StoredConnection ConnectionRepository::insert(StoredConnection connection) {
  detail::require_json(connection.options_json, "the connection options");
  connection.id = new_uuid();
  connection.created_at = detail::now_timestamp();
  connection.updated_at = connection.created_at;
  Params params;
  params.text("id", connection.id).text("project_id", connection.project_id);
  bind_fields(params, connection);
  params.nullable_text("created_by", connection.created_by)
      .text("created_at", connection.created_at);
  try {
    detail::execute(db_,
                    "INSERT INTO connections (id, project_id, name, engine, host, port,"
                    " database_name, username, path, options, secret, password_set, dsn_set,"
                    " updated_at, created_by, created_at) VALUES (:id, :project_id, :name,"
                    " :engine, :host, :port, :database_name, :username, :path, :options,"
                    " :secret, :password_set, :dsn_set, :updated_at, :created_by, :created_at)",
                    params);
  } catch (const soci::soci_error& e) {
    rethrow(e);
  }
  return connection;
}

std::optional<StoredConnection> ConnectionRepository::find(const std::string& project_id,
                                                           const std::string& id) {
  if (!detail::is_id(project_id) || !detail::is_id(id)) return std::nullopt;
  Params params;
  params.text("id", id).text("project_id", project_id);
  return detail::query_one<ConnectionRow>(
      db_,
      std::string("SELECT ") + kColumns +
          " FROM connections WHERE id = :id AND project_id = :project_id",
      params);
}

std::vector<StoredConnection> ConnectionRepository::list(const std::string& project_id) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id);
  return detail::query_all<ConnectionRow>(db_,
                                          std::string("SELECT ") + kColumns +
                                              " FROM connections WHERE project_id = :project_id"
                                              " ORDER BY created_at, id",
                                          params);
}

bool ConnectionRepository::update(StoredConnection& connection) {
  if (!detail::is_id(connection.project_id) || !detail::is_id(connection.id)) return false;
  detail::require_json(connection.options_json, "the connection options");
  connection.updated_at = detail::now_timestamp();
  Params params;
  bind_fields(params, connection);
  params.text("id", connection.id).text("project_id", connection.project_id);
  try {
    return detail::execute(db_,
                           "UPDATE connections SET name = :name, engine = :engine, host = :host,"
                           " port = :port, database_name = :database_name, username = :username,"
                           " path = :path, options = :options, secret = :secret,"
                           " password_set = :password_set, dsn_set = :dsn_set,"
                           " updated_at = :updated_at WHERE id = :id AND"
                           " project_id = :project_id",
                           params) > 0;
  } catch (const soci::soci_error& e) {
    rethrow(e);
  }
}

bool ConnectionRepository::remove(const std::string& project_id, const std::string& id) {
  if (!detail::is_id(project_id) || !detail::is_id(id)) return false;
  Params params;
  params.text("id", id).text("project_id", project_id);
  return detail::execute(db_, "DELETE FROM connections WHERE id = :id AND project_id = :project_id",
                         params) > 0;
}

}  // namespace godwit::store
