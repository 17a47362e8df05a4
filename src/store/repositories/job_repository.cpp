// The durable job queue's rows (see job_repository.hpp).
#include "store/repositories/job_repository.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

using detail::Params;

// Booleans are cast so that both backends hand SOCI an integer (it has no bool).
constexpr const char* kJobColumns =
    "id, project_id, kind, state, progress, stage, message, payload, result, error, attempts,"
    " max_attempts, CAST(cancel_requested AS INTEGER), lease_owner, lease_expires_at,"
    " available_at, created_at, started_at, finished_at, updated_at";

struct JobRow {
  std::string id, project_id, kind, state, stage, message, payload, result, error, lease_owner,
      lease_expires_at, available_at, created_at, started_at, finished_at, updated_at;
  int progress = 0, attempts = 0, max_attempts = 0, cancel_requested = 0;
  soci::indicator project_ind = soci::i_ok, stage_ind = soci::i_ok, message_ind = soci::i_ok,
                  result_ind = soci::i_ok, error_ind = soci::i_ok, owner_ind = soci::i_ok,
                  expires_ind = soci::i_ok, started_ind = soci::i_ok, finished_ind = soci::i_ok;

  void bind(detail::Binder& p) {
    p, soci::into(id), soci::into(project_id, project_ind), soci::into(kind), soci::into(state),
        soci::into(progress), soci::into(stage, stage_ind), soci::into(message, message_ind),
        soci::into(payload), soci::into(result, result_ind), soci::into(error, error_ind),
        soci::into(attempts), soci::into(max_attempts), soci::into(cancel_requested),
        soci::into(lease_owner, owner_ind), soci::into(lease_expires_at, expires_ind),
        soci::into(available_at), soci::into(created_at), soci::into(started_at, started_ind),
        soci::into(finished_at, finished_ind), soci::into(updated_at);
  }

  static std::optional<std::string> time(const std::string& value, soci::indicator ind) {
    if (ind == soci::i_null) return std::nullopt;
    return detail::timestamp_from_db(value);
  }

  Job model() const {
    Job job;
    job.id = id;
    job.project_id = detail::optional_text(project_id, project_ind);
    job.kind = kind;
    job.state = state;
    job.progress = progress;
    job.stage = detail::optional_text(stage, stage_ind);
    job.message = detail::optional_text(message, message_ind);
    job.payload = payload;
    job.result = detail::optional_text(result, result_ind);
    job.error = detail::optional_text(error, error_ind);
    job.attempts = attempts;
    job.max_attempts = max_attempts;
    job.cancel_requested = cancel_requested != 0;
    job.lease_owner = detail::optional_text(lease_owner, owner_ind);
    job.lease_expires_at = time(lease_expires_at, expires_ind);
    job.available_at = detail::timestamp_from_db(available_at);
    job.created_at = detail::timestamp_from_db(created_at);
    job.started_at = time(started_at, started_ind);
    job.finished_at = time(finished_at, finished_ind);
    job.updated_at = detail::timestamp_from_db(updated_at);
    return job;
  }
};

struct LeaseRow {
  int cancel_requested = 0;
  void bind(detail::Binder& p) { p, soci::into(cancel_requested); }
  int model() const { return cancel_requested; }
};

struct ProjectIdRow {
  std::string project_id;
  soci::indicator ind = soci::i_ok;
  void bind(detail::Binder& p) { p, soci::into(project_id, ind); }
  std::optional<std::string> model() const { return detail::optional_text(project_id, ind); }
};

/// Runs one reaping UPDATE ... RETURNING project_id; returns how many rows it changed.
int reap(soci::session& session, const std::string& sql, Params& params, ReapResult& out) {
  auto projects = detail::query_all<ProjectIdRow>(session, sql, params);
  for (const auto& p : projects) {
    if (p) out.project_ids.push_back(*p);
  }
  return static_cast<int>(projects.size());
}

bool finish(Database& db, const std::string& id, const std::string& owner, const std::string& set,
            Params& params) {
  if (!detail::is_id(id)) return false;
  std::string now = detail::now_timestamp();
  std::string sql = "UPDATE jobs SET " + set + ", lease_owner = NULL, lease_expires_at = NULL," +
                    " finished_at = " + params.add_text(now) +
                    ", updated_at = " + params.add_text(now) +
                    " WHERE id = " + params.add_text(id) +
                    " AND lease_owner = " + params.add_text(owner) + " AND state = 'running'";
  return detail::execute(db, sql, params) > 0;
}

}  // namespace

Job JobRepository::enqueue(const NewJob& job) {
  detail::require_json(job.payload, "the job payload");
  std::string id = new_uuid();
  std::string now = detail::now_timestamp();
  Params params;
  params.text("id", id)
      .nullable_text("project_id", job.project_id)
      .text("kind", job.kind)
      .text("payload", job.payload)
      .integer("max_attempts", job.max_attempts)
      .text("available_at", now)
      .text("created_at", now)
      .text("updated_at", now);
  try {
    detail::execute(db_,
                    "INSERT INTO jobs (id, project_id, kind, payload, max_attempts, available_at,"
                    " created_at, updated_at) VALUES (:id, :project_id, :kind, :payload,"
                    " :max_attempts, :available_at, :created_at, :updated_at)",
                    params);
  } catch (const soci::soci_error& e) {
    if (detail::is_foreign_key_violation(e)) {
      throw Error(ErrorKind::kNotFound, "the project of the new job does not exist");
    }
    throw;
  }
  return *find(id);
}

std::optional<Job> JobRepository::find(const std::string& id) {
  if (!detail::is_id(id)) return std::nullopt;
  Params params;
  params.text("id", id);
  return detail::query_one<JobRow>(
      db_, std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = :id", params);
}

JobPage JobRepository::list(const JobQuery& query) {
  JobPage page;
  if (!detail::is_id(query.project_id)) return page;
  Params params;
  std::string where = " WHERE project_id = " + params.add_text(query.project_id);
  if (!query.states.empty()) {
    where += " AND state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i) {
      where += (i == 0 ? "" : ", ") + params.add_text(query.states[i]);
    }
    where += ")";
  }
  if (query.kind) where += " AND kind = " + params.add_text(*query.kind);
  detail::Connection session(db_);
  Params count_params = params;
  page.total = detail::query_integer(session, "SELECT COUNT(*) FROM jobs" + where, count_params);
  std::string tail = " ORDER BY created_at DESC, id DESC LIMIT " + params.add_integer(query.limit) +
                     " OFFSET " + params.add_integer(query.offset);
  page.items = detail::query_all<JobRow>(
      session, std::string("SELECT ") + kJobColumns + " FROM jobs" + where + tail, params);
  return page;
}

std::vector<Job> JobRepository::changed_since(const std::string& project_id,
                                              const std::string& since, int limit) {
  if (!detail::is_id(project_id)) return {};
  Params params;
  params.text("project_id", project_id).text("since", since).integer("limit", limit);
  return detail::query_all<JobRow>(db_,
                                   std::string("SELECT ") + kJobColumns +
                                       " FROM jobs WHERE project_id = :project_id AND"
                                       " updated_at >= :since ORDER BY updated_at, id"
                                       " LIMIT :limit",
                                   params);
}

std::optional<Job> JobRepository::claim(const std::string& owner, std::chrono::milliseconds lease) {
  std::string now = detail::now_timestamp();
  Params params;
  params.text("owner", owner)
      .text("expires", detail::timestamp_from_now(lease))
      .text("started", now)
      .text("updated", now)
      .text("due", now);
  // PostgreSQL: the row lock taken by FOR UPDATE, with SKIP LOCKED, lets concurrent
  // claimers pass over a job another transaction is claiming instead of waiting for it
  // (and re-checks state on the committed version). SQLite runs one writer at a time,
  // so the single UPDATE is already atomic.
  std::string lock = db_.backend() == Backend::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  return detail::query_one<JobRow>(
      db_,
      "UPDATE jobs SET state = 'running', lease_owner = :owner, lease_expires_at = :expires,"
      " attempts = attempts + 1, started_at = COALESCE(started_at, :started),"
      " updated_at = :updated WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND"
      " available_at <= :due ORDER BY available_at, created_at LIMIT 1" +
          lock + ") AND state = 'queued' RETURNING " + kJobColumns,
      params);
}

LeaseStatus JobRepository::heartbeat(const std::string& id, const std::string& owner,
                                     std::chrono::milliseconds lease) {
  if (!detail::is_id(id)) return {};
  Params params;
  params.text("expires", detail::timestamp_from_now(lease)).text("id", id).text("owner", owner);
  auto row = detail::query_one<LeaseRow>(
      db_,
      "UPDATE jobs SET lease_expires_at = :expires WHERE id = :id AND lease_owner = :owner AND"
      " state = 'running' RETURNING CAST(cancel_requested AS INTEGER)",
      params);
  if (!row) return {};
  return {true, *row != 0};
}

LeaseStatus JobRepository::report_progress(const std::string& id, const std::string& owner,
                                           int percent, const std::optional<std::string>& stage,
                                           const std::optional<std::string>& message,
                                           std::chrono::milliseconds lease) {
  if (!detail::is_id(id)) return {};
  Params params;
  params.integer("progress", std::clamp(percent, 0, 100))
      .nullable_text("stage", stage)
      .nullable_text("message", message)
      .text("expires", detail::timestamp_from_now(lease))
      .text("updated", detail::now_timestamp())
      .text("id", id)
      .text("owner", owner);
  auto row = detail::query_one<LeaseRow>(
      db_,
      "UPDATE jobs SET progress = :progress, stage = :stage, message = :message,"
      " lease_expires_at = :expires, updated_at = :updated WHERE id = :id AND"
      " lease_owner = :owner AND state = 'running' RETURNING CAST(cancel_requested AS INTEGER)",
      params);
  if (!row) return {};
  return {true, *row != 0};
}

bool JobRepository::succeed(const std::string& id, const std::string& owner,
                            const std::string& result_json) {
  detail::require_json(result_json, "the job result");
  Params params;
  std::string set =
      "state = 'succeeded', progress = 100, error = NULL, result = " + params.add_text(result_json);
  return finish(db_, id, owner, set, params);
}

bool JobRepository::fail(const std::string& id, const std::string& owner,
                         const std::string& error) {
  Params params;
  std::string set = "state = 'failed', error = " + params.add_text(error);
  return finish(db_, id, owner, set, params);
}

bool JobRepository::cancelled(const std::string& id, const std::string& owner,
                              const std::string& reason) {
  Params params;
  std::string set = "state = 'cancelled', error = " + params.add_text(reason);
  return finish(db_, id, owner, set, params);
}

bool JobRepository::release(const std::string& id, const std::string& owner,
                            const std::string& message, std::chrono::milliseconds delay,
                            bool count_attempt) {
  if (!detail::is_id(id)) return false;
  Params params;
  params.text("message", message)
      .text("available", detail::timestamp_from_now(delay))
      .text("updated", detail::now_timestamp())
      .integer("uncount", count_attempt ? 0 : 1)
      .text("id", id)
      .text("owner", owner);
  return detail::execute(db_,
                         "UPDATE jobs SET state = 'queued', lease_owner = NULL,"
                         " lease_expires_at = NULL, message = :message,"
                         " available_at = :available, updated_at = :updated,"
                         " attempts = attempts - :uncount WHERE id = :id AND"
                         " lease_owner = :owner AND state = 'running'",
                         params) > 0;
}

std::optional<Job> JobRepository::request_cancel(const std::string& id) {
  if (!detail::is_id(id)) return std::nullopt;
  std::string now = detail::now_timestamp();
  Params queued;
  queued.text("finished", now).text("updated", now).text("id", id);
  long long changed = detail::execute(
      db_,
      "UPDATE jobs SET state = 'cancelled', error = 'cancelled before it started',"
      " finished_at = :finished, updated_at = :updated WHERE id = :id AND state = 'queued'",
      queued);
  if (changed == 0) {
    Params running;
    running.text("updated", now).text("id", id);
    detail::execute(db_,
                    "UPDATE jobs SET cancel_requested = TRUE, message = 'cancel requested',"
                    " updated_at = :updated WHERE id = :id AND state = 'running'",
                    running);
  }
  return find(id);
}

ReapResult JobRepository::reap_expired() {
  ReapResult result;
  std::string now = detail::now_timestamp();
  detail::Connection connection(db_);
  soci::session& session = connection;
  const std::string expired = " WHERE state = 'running' AND lease_expires_at < ";
  const std::string clear = " lease_owner = NULL, lease_expires_at = NULL, updated_at = ";
  {
    Params p;
    std::string sql =
        "UPDATE jobs SET state = 'cancelled', error = 'cancelled (its worker"
        " stopped responding before it could stop)', finished_at = " +
        p.add_text(now) + "," + clear + p.add_text(now) + expired + p.add_text(now) +
        " AND cancel_requested = TRUE RETURNING project_id";
    result.cancelled = reap(session, sql, p, result);
  }
  {
    Params p;
    std::string sql =
        "UPDATE jobs SET state = 'failed', error = 'the worker running this job stopped"
        " responding (its lease expired); gave up after ' || CAST(attempts AS TEXT) ||"
        " ' attempts', finished_at = " +
        p.add_text(now) + "," + clear + p.add_text(now) + expired + p.add_text(now) +
        " AND attempts >= max_attempts RETURNING project_id";
    result.failed = reap(session, sql, p, result);
  }
  {
    Params p;
    std::string sql =
        "UPDATE jobs SET state = 'queued', message = 'retrying: the worker"
        " running it stopped responding', available_at = " +
        p.add_text(now) + "," + clear + p.add_text(now) + expired + p.add_text(now) +
        " RETURNING project_id";
    result.requeued = reap(session, sql, p, result);
  }
  return result;
}

}  // namespace godwit::store
