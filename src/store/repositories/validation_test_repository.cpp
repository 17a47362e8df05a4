// Validation test cases of a project (see validation_test_repository.hpp).
#include "store/repositories/validation_test_repository.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

std::string number_text(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "0";
  return std::string(buffer, end);
}

constexpr const char* kTestColumns =
    "id, project_id, test_name, source_query, target_query, CAST(ordered AS INTEGER),"
    " CAST(numeric_tolerance AS DOUBLE PRECISION), max_rows, status, actual_result, executed_at,"
    " created_by, created_at, updated_at";

struct TestRow {
  std::string id, project_id, name, source_query, target_query, status, result, executed_at,
      created_by, created_at, updated_at;
  int ordered = 0;
  double tolerance = 0;
  long long max_rows = 0;
  soci::indicator ind[7] = {soci::i_ok, soci::i_ok, soci::i_ok, soci::i_ok,
                            soci::i_ok, soci::i_ok, soci::i_ok};

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id), soci::into(name), soci::into(source_query, ind[0]),
        soci::into(target_query, ind[1]), soci::into(ordered), soci::into(tolerance),
        soci::into(max_rows), soci::into(status, ind[2]), soci::into(result, ind[3]),
        soci::into(executed_at, ind[4]), soci::into(created_by, ind[5]), soci::into(created_at),
        soci::into(updated_at, ind[6]);
  }

  ValidationTestRecord model() const {
    ValidationTestRecord t;
    t.id = id;
    t.project_id = project_id;
    t.name = name;
    t.source_query = ind[0] == soci::i_null ? "" : source_query;
    t.target_query = ind[1] == soci::i_null ? "" : target_query;
    t.ordered = ordered != 0;
    t.numeric_tolerance = tolerance;
    t.max_rows = max_rows;
    t.status = ind[2] == soci::i_null ? "pending" : status;
    t.last_result = detail::optional_text(result, ind[3]);
    if (ind[4] != soci::i_null) t.executed_at = detail::timestamp_from_db(executed_at);
    t.created_by = detail::optional_text(created_by, ind[5]);
    t.created_at = detail::timestamp_from_db(created_at);
    t.updated_at = ind[6] == soci::i_null ? t.created_at : detail::timestamp_from_db(updated_at);
    return t;
  }
};

void bind_fields(Params& p, const ValidationTestRecord& t) {
  p.text("name", t.name)
      .text("source_query", t.source_query)
      .text("target_query", t.target_query)
      .integer("ordered", t.ordered ? 1 : 0)
      .text("tolerance", number_text(t.numeric_tolerance))
      .integer("max_rows", t.max_rows)
      .text("updated_at", t.updated_at);
}

}  // namespace

ValidationTestRecord ValidationTestRepository::insert(ValidationTestRecord test) {
  test.id = new_uuid();
  test.status = "pending";
  test.last_result.reset();
  test.executed_at.reset();
  test.created_at = detail::now_timestamp();
  test.updated_at = test.created_at;
  Params p;
  p.text("id", test.id)
      .text("project_id", test.project_id)
      .text("status", test.status)
      .nullable_text("created_by", test.created_by)
      .text("created_at", test.created_at);
  bind_fields(p, test);
  try {
    detail::execute(db_,
                    "INSERT INTO test_cases (id, project_id, test_name, test_type, source_query,"
                    " target_query, ordered, numeric_tolerance, max_rows, status, created_by,"
                    " created_at, updated_at) VALUES (:id, :project_id, :name, 'comparison',"
                    " :source_query, :target_query, (:ordered = 1), :tolerance, :max_rows,"
                    " :status, :created_by, :created_at, :updated_at)",
                    p);
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e))
      throw Error(ErrorKind::kNotFound, "the project no longer exists");
    throw;
  }
  return test;
}

bool ValidationTestRepository::update(ValidationTestRecord& test) {
  if (!detail::is_id(test.id)) return false;
  test.updated_at = detail::now_timestamp();
  test.status = "pending";
  test.last_result.reset();
  test.executed_at.reset();
  Params p;
  p.text("id", test.id).text("project_id", test.project_id);
  bind_fields(p, test);
  return detail::execute(db_,
                         "UPDATE test_cases SET test_name = :name, source_query = :source_query,"
                         " target_query = :target_query, ordered = (:ordered = 1),"
                         " numeric_tolerance = :tolerance, max_rows = :max_rows,"
                         " status = 'pending', actual_result = NULL, executed_at = NULL,"
                         " updated_at = :updated_at WHERE id = :id AND project_id = :project_id",
                         p) > 0;
}

bool ValidationTestRepository::set_result(const std::string& project_id, const std::string& test_id,
                                          const std::string& status,
                                          const std::string& result_json) {
  if (!detail::is_id(test_id)) return false;
  detail::require_json(result_json, "a test case result");
  Params p;
  p.text("id", test_id)
      .text("project_id", project_id)
      .text("status", status)
      .text("result", result_json)
      .text("executed_at", detail::now_timestamp());
  return detail::execute(db_,
                         "UPDATE test_cases SET status = :status, actual_result = :result,"
                         " executed_at = :executed_at WHERE id = :id AND project_id = :project_id",
                         p) > 0;
}

std::optional<ValidationTestRecord> ValidationTestRepository::find(const std::string& project_id,
                                                                   const std::string& test_id) {
  if (!detail::is_id(test_id)) return std::nullopt;
  Params params;
  params.text("project_id", project_id).text("id", test_id);
  return detail::query_one<TestRow>(
      db_,
      std::string("SELECT ") + kTestColumns +
          " FROM test_cases WHERE project_id = :project_id AND id = :id",
      params);
}

std::vector<ValidationTestRecord> ValidationTestRepository::list(const std::string& project_id) {
  Params params;
  params.text("project_id", project_id);
  return detail::query_all<TestRow>(
      db_,
      std::string("SELECT ") + kTestColumns +
          " FROM test_cases WHERE project_id = :project_id ORDER BY created_at, id",
      params);
}

bool ValidationTestRepository::remove(const std::string& project_id, const std::string& test_id) {
  if (!detail::is_id(test_id)) return false;
  Params params;
  params.text("project_id", project_id).text("id", test_id);
  return detail::execute(db_, "DELETE FROM test_cases WHERE project_id = :project_id AND id = :id",
                         params) > 0;
}

}  // namespace godwit::store
