// Generated code (code_generations, generated_codes, code_optimizations): every
// generation of one platform is a new version holding its files, their provenance and
// verification, and the optimisation advice found in them. Nothing is overwritten: a
// regeneration adds a version, so the history stays and the UI can show a diff.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace godwit::store {

struct CodeGeneration {
  std::string id;
  std::string project_id;
  std::string platform;
  int version = 0;
  std::string options = "{}";      ///< JSON object: the generator options used
  std::string load_plan = "{}";    ///< JSON object
  std::string diagnostics = "[]";  ///< JSON array
  std::vector<std::string> applied_advice;
  int file_count = 0;
  int verified_ok = 0;
  int verified_failed = 0;
  std::optional<std::string> created_by;
  std::string created_at;
};

struct GeneratedCode {
  std::string id;
  std::string project_id;
  std::string generation_id;
  std::string platform;
  std::string path;  ///< the file's path in the generated set (column filename)
  std::string language;
  std::string dialect;
  long long size = 0;
  std::string content;              ///< empty when listed without content
  std::string provenance = "[]";    ///< JSON array of {first_line, last_line, mapping_ids}
  std::string verification = "{}";  ///< JSON object: {checked, ok, statements, diagnostics}
  std::string created_at;
};

struct CodeAdvice {
  std::string id;
  std::string code_id;
  std::string generation_id;
  std::string advice_id;  ///< the generator's stable id (applying it regenerates)
  std::string rule;
  std::string type;  ///< performance | cost | readability | best-practice
  std::string title;
  std::string description;
  std::string suggestion;  ///< the exact change
  std::string impact;      ///< high | medium | low
  std::string table;
  bool auto_applicable = false;
  bool applied = false;
  bool ai_generated = false;
  std::string created_at;
};

class CodegenRepository {
 public:
  explicit CodegenRepository(Database& db) : db_(db) {}

  /// Stores a generation with its files and advice in one transaction, as the next
  /// version of (project, platform). Advice names its file by path (`code_id` = path on
  /// input). Returns the generation with id, version and timestamps set.
  CodeGeneration insert(CodeGeneration generation, std::vector<GeneratedCode> files,
                        std::vector<CodeAdvice> advice);
  std::optional<CodeGeneration> latest(const std::string& project_id, const std::string& platform);
  std::optional<CodeGeneration> find(const std::string& project_id,
                                     const std::string& generation_id);
  /// Newest first; every platform when `platform` is empty.
  std::vector<CodeGeneration> list(const std::string& project_id, const std::string& platform);
  /// In path order.
  std::vector<GeneratedCode> files(const std::string& generation_id, bool with_content);
  std::optional<GeneratedCode> file(const std::string& project_id, const std::string& code_id);
  std::vector<CodeAdvice> advice(const std::string& generation_id);
  /// Replaces the stored verification of every file of a generation and its counts.
  void set_verification(const std::string& generation_id,
                        const std::vector<std::pair<std::string, std::string>>& by_code_id, int ok,
                        int failed);

 private:
  Database& db_;
};

}  // namespace godwit::store
