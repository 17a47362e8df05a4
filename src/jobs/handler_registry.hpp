// Job handlers by kind. A handler is a plain function: it receives its context, reports
// progress through it, and returns the job's result document. Errors it throws decide
// the outcome: godwit::Error(kUnavailable) is retried with backoff while attempts
// remain, any other error fails the job with its message (a non-godwit exception with a
// generic one, its detail going to the log).
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jobs/job_context.hpp"

namespace godwit::jobs {

using JobHandler = std::function<nlohmann::json(JobContext&)>;

class HandlerRegistry {
 public:
  /// Registers the handler of `kind`; registering a kind twice is a programming error.
  void add(const std::string& kind, JobHandler handler);
  /// nullptr for an unknown kind.
  const JobHandler* find(const std::string& kind) const;
  std::vector<std::string> kinds() const;

 private:
  std::map<std::string, JobHandler> handlers_;
};

}  // namespace godwit::jobs
