// Job handlers by kind (see handler_registry.hpp).
#include "jobs/handler_registry.hpp"

#include <stdexcept>

namespace godwit::jobs {

void HandlerRegistry::add(const std::string& kind, JobHandler handler) {
  if (!handlers_.emplace(kind, std::move(handler)).second) {
    throw std::logic_error("job kind '" + kind + "' registered twice");
  }
}

const JobHandler* HandlerRegistry::find(const std::string& kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> HandlerRegistry::kinds() const {
  std::vector<std::string> out;
  for (const auto& [kind, handler] : handlers_) out.push_back(kind);
  return out;
}

}  // namespace godwit::jobs
