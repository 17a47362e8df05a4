// The temp ODBC configuration: driver files are looked up where Debian installs them
// (/usr/lib/<multiarch>/odbc), so the test needs the packages but no odbcinst -i.
#include "odbc_test_support.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "connector_test_support.hpp"

namespace godwit::validation::testing {

namespace {

std::string find_driver(const std::string& file) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib", ec)) {
    std::filesystem::path candidate = entry.path() / "odbc" / file;
    if (std::filesystem::exists(candidate, ec)) return candidate.string();
  }
  return "";
}

}  // namespace

std::string odbc_configure() {
  static const std::string problem = [] {
    std::string postgres = find_driver("psqlodbca.so");
    std::string sqlite = find_driver("libsqlite3odbc.so");
    if (postgres.empty())
      return std::string("psqlodbca.so not found: apt-get install odbc-postgresql");
    if (sqlite.empty()) {
      return std::string("libsqlite3odbc.so not found: apt-get install libsqliteodbc");
    }
    std::string dir = make_temp_dir("godwit-odbc");
    std::ofstream(dir + "/odbcinst.ini") << "[GodwitPostgreSQL]\nDriver=" << postgres
                                         << "\n\n[GodwitSQLite3]\nDriver=" << sqlite << "\n";
    std::ofstream(dir + "/odbc.ini") << "";
    setenv("ODBCSYSINI", dir.c_str(), 1);
    setenv("ODBCINSTINI", "odbcinst.ini", 1);
    setenv("ODBCINI", (dir + "/odbc.ini").c_str(), 1);
    return std::string();
  }();
  return problem;
}

std::optional<ConnectionSpec> odbc_postgres_spec(std::string* why) {
  std::string problem = odbc_configure();
  if (!problem.empty()) {
    if (why != nullptr) *why = problem;
    return std::nullopt;
  }
  std::optional<ConnectionSpec> native = postgres_spec(why);
  if (!native) return std::nullopt;
  ConnectionSpec spec;
  spec.engine = Engine::kOdbc;
  spec.dsn = "Driver=GodwitPostgreSQL;Server=" + native->host +
             ";Port=" + std::to_string(native->port) + ";Database=" + native->database;
  spec.user = native->user;
  spec.password = native->password;
  return spec;
}

ConnectionSpec odbc_sqlite_spec(const std::string& path) {
  odbc_configure();
  ConnectionSpec spec;
  spec.engine = Engine::kOdbc;
  spec.dsn = "Driver=GodwitSQLite3;Database=" + path;
  return spec;
}

}  // namespace godwit::validation::testing
