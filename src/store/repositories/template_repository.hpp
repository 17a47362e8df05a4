// Project templates: curated starting points (source → target, duration, complexity),
// seeded by a migration.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct ProjectTemplate {
  std::string id;
  std::string name;
  std::string description;
  std::string source_dialect;
  std::string target_dialect;
  std::string estimated_duration;  ///< e.g. "6-10 weeks"
  std::string complexity;          ///< low | medium | high
  std::vector<std::string> tags;
  std::string created_at;
};

class TemplateRepository {
 public:
  explicit TemplateRepository(Database& db) : db_(db) {}
  /// Ordered by name.
  std::vector<ProjectTemplate> list();
  std::optional<ProjectTemplate> find(const std::string& id);

 private:
  Database& db_;
};

}  // namespace godwit::store
